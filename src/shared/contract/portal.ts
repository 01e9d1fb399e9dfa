import { z } from 'zod';
import { emptyBody, idSchema, okSchema } from '../schemas/common.js';
import { markReadBody, message, messagePage, messagesQuery, unreadCount } from '../schemas/messages.js';
import {
  portalInfo,
  portalMe,
  portalSession,
  portalSlugParams,
  redeemCodeBody,
  redeemLinkBody,
  requestLinkBody,
} from '../schemas/portal.js';
import { endpoint } from './endpoint.js';

/** A sign-in that opened a portal session answers with the session's CSRF token. */
export const portalSignedIn = z.strictObject({ ok: z.literal(true), csrfToken: z.string() });
export type PortalSignedIn = z.infer<typeof portalSignedIn>;

const portal = { params: portalSlugParams } as const;
export const portalAttachmentParams = portalSlugParams.extend({ attachmentId: idSchema });

/** The Client Portal's own API, under /api/portal/:slug: sign-in without a password, then the client's own data. */
export const portalApi = {
  info: endpoint({ method: 'GET', path: '/api/portal/:slug', ...portal, response: portalInfo }),
  requestLink: endpoint({
    method: 'POST',
    path: '/api/portal/:slug/sign-in/request',
    ...portal,
    body: requestLinkBody,
    response: okSchema,
  }),
  redeemLink: endpoint({
    method: 'POST',
    path: '/api/portal/:slug/sign-in/link',
    ...portal,
    body: redeemLinkBody,
    response: portalSignedIn,
  }),
  redeemCode: endpoint({
    method: 'POST',
    path: '/api/portal/:slug/sign-in/code',
    ...portal,
    body: redeemCodeBody,
    response: portalSignedIn,
  }),
  newLink: endpoint({
    method: 'POST',
    path: '/api/portal/:slug/sign-in/new-link',
    ...portal,
    body: redeemLinkBody,
    response: okSchema,
  }),
  me: endpoint({ method: 'GET', path: '/api/portal/:slug/me', ...portal, response: portalMe }),
  /** Like `me`, but 200 with `signedIn: false` for a visitor, so a sign-in page logs no 401. */
  session: endpoint({ method: 'GET', path: '/api/portal/:slug/session', ...portal, response: portalSession }),
  signOut: endpoint({
    method: 'POST',
    path: '/api/portal/:slug/sign-out',
    ...portal,
    body: emptyBody,
    response: okSchema,
  }),
  messages: endpoint({
    method: 'GET',
    path: '/api/portal/:slug/messages',
    ...portal,
    query: messagesQuery,
    response: messagePage,
  }),
  unread: endpoint({ method: 'GET', path: '/api/portal/:slug/messages/unread', ...portal, response: unreadCount }),
  send: endpoint({
    method: 'POST',
    path: '/api/portal/:slug/messages',
    ...portal,
    body: 'multipart',
    response: message,
    status: 201,
  }),
  markRead: endpoint({
    method: 'POST',
    path: '/api/portal/:slug/messages/read',
    ...portal,
    body: markReadBody,
    response: okSchema,
  }),
  attachment: endpoint({
    method: 'GET',
    path: '/api/portal/:slug/attachments/:attachmentId',
    params: portalAttachmentParams,
    answers: 'download',
  }),
  events: endpoint({ method: 'GET', path: '/api/portal/:slug/events', ...portal, answers: 'events', hidden: true }),
};
