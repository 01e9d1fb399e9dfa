export { messagesArea } from './messages.area.js';
