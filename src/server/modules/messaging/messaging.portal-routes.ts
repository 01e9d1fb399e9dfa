import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idSchema, okSchema } from '../../../shared/schemas/common.js';
import { markReadBody, message, messagePage, messagesQuery, unreadCount } from '../../../shared/schemas/messages.js';
import { portalSlugParams } from '../../../shared/schemas/portal.js';
import { requestMeta, requireClient, type ClientActor } from '../../platform/context.js';
import { sendDownload } from '../../platform/downloads.js';
import { AppError } from '../../platform/errors.js';
import { openEventStream } from '../../platform/event-stream.js';
import { sessionIsLive } from '../../platform/sessions.js';
import { getPortalPractice } from '../portal-auth/portal-auth.service.js';
import { requireClientMessaging } from './messaging.access.js';
import { sendMessage } from './messaging.send.js';
import { getClientUnreadCount, getMessagePage, markConversationRead, openAttachment } from './messaging.service.js';
import { multipartLimits, readMessageInput } from './messaging.uploads.js';

const attachmentParams = portalSlugParams.extend({ attachmentId: idSchema });

/** The client's side of secure messaging: only their own conversation, only while messaging is on. */
export async function portalMessagingRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  await app.register(multipart, { limits: multipartLimits });
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The signed-in client of this portal, allowed to use messaging; anyone else is turned away. */
  async function messagingClient(request: FastifyRequest, slug: string): Promise<ClientActor> {
    const practice = await getPortalPractice(deps, slug);
    const client = requireClient(request);
    if (client.practiceId !== practice.id) throw new AppError('unauthenticated');
    await requireClientMessaging(deps, { practiceId: client.practiceId }, client.clientId);
    return client;
  }

  r.get(
    '/portal/:slug/messages',
    { schema: { params: portalSlugParams, querystring: messagesQuery, response: { 200: messagePage } } },
    async (request) => {
      const client = await messagingClient(request, request.params.slug);
      return getMessagePage(deps, client, requestMeta(request), { practiceId: client.practiceId }, client.clientId, request.query);
    },
  );

  r.get('/portal/:slug/messages/unread', { schema: { params: portalSlugParams, response: { 200: unreadCount } } }, async (request) => {
    const client = await messagingClient(request, request.params.slug);
    return getClientUnreadCount(deps, { practiceId: client.practiceId }, client.clientId);
  });

  r.post('/portal/:slug/messages', { schema: { params: portalSlugParams, response: { 201: message } } }, async (request, reply) => {
    const client = await messagingClient(request, request.params.slug);
    const input = await readMessageInput(request);
    const sent = await sendMessage(
      deps,
      client,
      requestMeta(request),
      { practiceId: client.practiceId },
      client.clientId,
      { kind: 'client' },
      input,
    );
    return reply.status(201).send(sent);
  });

  r.post(
    '/portal/:slug/messages/read',
    { schema: { params: portalSlugParams, body: markReadBody, response: { 200: okSchema } } },
    async (request) => {
      const client = await messagingClient(request, request.params.slug);
      await markConversationRead(deps, { practiceId: client.practiceId }, client.clientId, 'client', request.body.upTo);
      return { ok: true as const };
    },
  );

  r.get('/portal/:slug/attachments/:attachmentId', { schema: { params: attachmentParams } }, async (request, reply) => {
    const client = await messagingClient(request, request.params.slug);
    const { attachment, stream } = await openAttachment(
      deps,
      client,
      requestMeta(request),
      { practiceId: client.practiceId },
      request.params.attachmentId,
      client.clientId,
    );
    return sendDownload(reply, {
      fileName: attachment.file_name,
      contentType: attachment.content_type,
      sizeBytes: attachment.size_bytes,
      stream,
    });
  });

  r.get('/portal/:slug/events', { schema: { params: portalSlugParams, hide: true } }, async (request, reply) => {
    const client = await messagingClient(request, request.params.slug);
    const scope = { practiceId: client.practiceId };
    openEventStream(app, request, reply, {
      practiceId: client.practiceId,
      accepts: (event) => event.clientId === client.clientId,
      stillAllowed: async () => {
        if (!(await sessionIsLive(deps, client.sessionHash))) return false;
        try {
          await requireClientMessaging(deps, scope, client.clientId);
          return true;
        } catch {
          return false;
        }
      },
    });
    return reply;
  });
}

