/** The messaging module: secure messages between a practice and each client, with their attachments. */
export { messagingRoutes } from './messaging.routes.js';
export { portalMessagingRoutes } from './messaging.portal-routes.js';
export { MessageNotifier } from './message-notifier.js';
export { AttachmentSweeper } from './attachment-sweeper.js';
export { loadMessagingSituation, messagingStatus } from './messaging.access.js';
export { previewOf } from './messaging.send.js';
