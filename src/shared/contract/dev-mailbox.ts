import { idParams } from '../schemas/common.js';
import { mailDetail, mailList } from '../schemas/dev-mailbox.js';
import { endpoint } from './endpoint.js';

/** The development Mailbox (outside production, without SMTP_URL): the practice's outgoing email. */
export const devMailboxApi = {
  list: endpoint({ method: 'GET', path: '/api/dev/mailbox', response: mailList }),
  get: endpoint({ method: 'GET', path: '/api/dev/mailbox/:id', params: idParams, response: mailDetail }),
};
