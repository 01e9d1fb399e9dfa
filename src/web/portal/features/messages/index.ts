export { messagesArea } from './messages.area.js';
export { useUnreadCount } from './messages.queries.js';
