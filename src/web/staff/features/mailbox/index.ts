export { mailboxArea } from './mailbox.area.js';
