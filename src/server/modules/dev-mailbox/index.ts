/** The development Mailbox (outside production, without SMTP_URL). */
export { devMailboxRoutes } from './dev-mailbox.routes.js';
