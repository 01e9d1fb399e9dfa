export { ClientPortalTab } from './ClientPortalTab.js';
export { InviteOnCreate, useInviteOnCreate, type PortalInvitationBody } from './InviteOnCreate.js';
export { InvitationList } from './InvitationList.js';
export { NotSignedInBanner } from './NotSignedInBanner.js';
export { useLoadPortalAccess, usePortalAccess } from './portal-access.queries.js';
export { amberText, stateColors, stateLabels } from './portal-labels.js';
export {
  portalEmailLossBeforeSave,
  portalMoveAfterSave,
  type PortalEmailLoss,
  type PortalMovePrompt,
} from './portal-move.js';
export {
  PortalEmailLossModal,
  UpdatePortalAccessModal,
  type PortalEmailLossAnswer,
} from './UpdatePortalAccessModal.js';
