import type { PortalAccessView, PortalStateName } from '../../../../shared/schemas/portal-access.js';

type Invitation = PortalAccessView['invitations'][number];

export const stateLabels: Record<PortalStateName, string> = {
  not_invited: 'Not invited',
  invited: 'Invited, not signed in yet',
  active: 'Active',
  disabled: 'Disabled',
};

export const stateColors: Record<PortalStateName, string> = {
  not_invited: 'gray',
  invited: 'yellow',
  active: 'portico',
  disabled: 'red',
};

/** Dark amber for text on yellow: Mantine's yellow shades fall below AA contrast on a light yellow. */
export const amberText = '#8a5a00';

/** What became of an emailed invitation or link (the server derives the state). */
export const invitationStateLabels: Record<Invitation['state'], string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  used: 'Used',
  replaced: 'Replaced',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

export const invitationStateColors: Record<Invitation['state'], string> = {
  queued: 'blue',
  sending: 'blue',
  sent: 'portico',
  failed: 'red',
  used: 'portico',
  replaced: 'gray',
  expired: 'gray',
  cancelled: 'gray',
};

export const cancelReasonLabels: Record<NonNullable<Invitation['cancelReason']>, string> = {
  access_disabled: 'Cancelled before use: portal access was disabled',
  email_changed: 'Cancelled before use: the portal email’s address was changed',
  email_removed: 'Cancelled before use: the portal email was removed',
  email_moved: 'Cancelled before use: a new invitation went to another email',
};

export const kindLabels: Record<Invitation['kind'], string> = {
  invitation: 'Invitation',
  link: 'Sign-in link',
};

const eventLabels: Record<string, string> = {
  'portal.invited': 'Invitation sent',
  'portal.signed_in': 'Signed in',
  'portal.link_failed': 'Sign-in link failed',
  'portal.code_failed': 'Wrong sign-in code',
  'portal.disabled': 'Access disabled',
  'portal.permissions_changed': 'Permissions changed',
  'portal.sign_in_link_sent': 'Sign-in link sent',
  'portal.sign_in_code_generated': 'Sign-in code generated',
  'portal.sign_in_link_requested': 'Client asked for a sign-in link',
  'portal.signed_out': 'Signed out',
};

/** "portal.signed_in" → "Signed in"; unknown actions become readable words. */
export function eventLabel(action: string): string {
  const known = eventLabels[action];
  if (known) return known;
  const words = action
    .replace(/^portal\./, '')
    .replace(/[._-]+/g, ' ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
