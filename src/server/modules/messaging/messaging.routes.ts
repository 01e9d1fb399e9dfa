import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, okSchema } from '../../../shared/schemas/common.js';
import {
  conversationsPage,
  conversationsQuery,
  markReadBody,
  message,
  messagePage,
  messagesQuery,
  staffConversation,
  staffUnreadSummary,
} from '../../../shared/schemas/messages.js';
import { requestMeta, requireStaff, scopeOf, type StaffActor } from '../../platform/context.js';
import { sendDownload } from '../../platform/downloads.js';
import { AppError } from '../../platform/errors.js';
import { openEventStream } from '../../platform/event-stream.js';
import { sessionIsLive } from '../../platform/sessions.js';
import { getClient } from '../clients/clients.queries.js';
import { sendMessage } from './messaging.send.js';
import {
  getMessagePage,
  getStaffConversation,
  getStaffUnreadSummary,
  listStaffConversations,
  markConversationRead,
  openAttachment,
} from './messaging.service.js';
import { multipartLimits, readMessageInput } from './messaging.uploads.js';

/** Messages are clinical records: owners and clinicians read and write them, billers do not. */
function requireMessagingStaff(request: FastifyRequest): StaffActor {
  const staff = requireStaff(request);
  if (staff.role === 'biller') throw new AppError('forbidden');
  return staff;
}

/** Staff side of secure messaging: the practice's inbox, each client's conversation, live events. */
export async function messagingRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  await app.register(multipart, { limits: multipartLimits });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/conversations', { schema: { querystring: conversationsQuery, response: { 200: conversationsPage } } }, async (request) =>
    listStaffConversations(deps, scopeOf(requireMessagingStaff(request)), request.query),
  );

  r.get('/conversations/unread', { schema: { response: { 200: staffUnreadSummary } } }, async (request) =>
    getStaffUnreadSummary(deps, scopeOf(requireMessagingStaff(request))),
  );

  r.get('/clients/:id/conversation', { schema: { params: idParams, response: { 200: staffConversation } } }, async (request) =>
    getStaffConversation(deps, scopeOf(requireMessagingStaff(request)), request.params.id),
  );

  r.get(
    '/clients/:id/messages',
    { schema: { params: idParams, querystring: messagesQuery, response: { 200: messagePage } } },
    async (request) => {
      const staff = requireMessagingStaff(request);
      return getMessagePage(deps, staff, requestMeta(request), scopeOf(staff), request.params.id, request.query);
    },
  );

  r.post(
    '/clients/:id/messages',
    { schema: { params: idParams, response: { 201: message } } },
    async (request, reply) => {
      const staff = requireMessagingStaff(request);
      const scope = scopeOf(staff);
      // Another practice's client is not found before a byte of the upload is read.
      await getClient(deps.db, scope, request.params.id);
      const input = await readMessageInput(request);
      const sender = { kind: 'staff' as const, staffId: staff.staffId };
      const sent = await sendMessage(deps, staff, requestMeta(request), scope, request.params.id, sender, input);
      return reply.status(201).send(sent);
    },
  );

  r.post(
    '/clients/:id/messages/read',
    { schema: { params: idParams, body: markReadBody, response: { 200: okSchema } } },
    async (request) => {
      const staff = requireMessagingStaff(request);
      await markConversationRead(deps, scopeOf(staff), request.params.id, 'staff', request.body.upTo);
      return { ok: true as const };
    },
  );

  r.get('/attachments/:id', { schema: { params: idParams } }, async (request, reply) => {
    const staff = requireMessagingStaff(request);
    const { attachment, stream } = await openAttachment(deps, staff, requestMeta(request), scopeOf(staff), request.params.id);
    return sendDownload(reply, {
      fileName: attachment.file_name,
      contentType: attachment.content_type,
      sizeBytes: attachment.size_bytes,
      stream,
    });
  });

  r.get('/events', { schema: { hide: true } }, async (request, reply) => {
    const staff = requireMessagingStaff(request);
    openEventStream(app, request, reply, {
      practiceId: staff.practiceId,
      accepts: () => true,
      stillAllowed: () => sessionIsLive(deps, staff.sessionHash),
    });
    return reply;
  });
}
