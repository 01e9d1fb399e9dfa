import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { portalApi } from '../../../shared/contract/portal.js';
import { sendDownload } from '../../platform/downloads.js';
import { openEventStream } from '../../platform/event-stream.js';
import type { ClientContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { sessionIsLive } from '../../platform/sessions.js';
import { grantOf, portalClient } from '../portal-auth/index.js';
import { messagingOff, requireClientMessaging } from './messaging.access.js';
import { sendMessage } from './messaging.send.js';
import { getClientUnreadCount, getMessagePage, markConversationRead, openAttachment } from './messaging.service.js';
import { multipartLimits, readMessageInput } from './messaging.uploads.js';

/** The signed-in client of this portal, allowed to use messaging; anyone else is turned away. */
async function messagingClient(request: FastifyRequest, slug: string): Promise<ClientContext> {
  const { ctx } = await portalClient(request, slug);
  // The session hook read the grant with the session; sending checks again inside its transaction.
  if (!(await grantOf(ctx))?.messaging) throw messagingOff();
  return ctx;
}

/** The client's side of secure messaging: only their own conversation, only while messaging is on. */
export async function portalMessagingRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: multipartLimits });

  route(app, portalApi.messages, async (request) => {
    const ctx = await messagingClient(request, request.params.slug);
    return getMessagePage(ctx, ctx.actor.clientId, request.query);
  });

  route(app, portalApi.unread, async (request) =>
    getClientUnreadCount(await messagingClient(request, request.params.slug)),
  );

  route(app, portalApi.send, async (request) => {
    // Whether the client may send is checked once, in the transaction that writes the message.
    const { ctx } = await portalClient(request, request.params.slug);
    const input = await readMessageInput(request, ctx);
    return sendMessage(ctx, ctx.actor.clientId, { kind: 'client' }, input);
  });

  route(app, portalApi.markRead, async (request) => {
    const ctx = await messagingClient(request, request.params.slug);
    await markConversationRead(ctx, ctx.actor.clientId, 'client', request.body.upTo);
    return { ok: true as const };
  });

  route(app, portalApi.attachment, async (request, reply) => {
    const ctx = await messagingClient(request, request.params.slug);
    const { attachment, stream } = await openAttachment(ctx, request.params.attachmentId, ctx.actor.clientId);
    return sendDownload(reply, {
      fileName: attachment.file_name,
      contentType: attachment.content_type,
      sizeBytes: attachment.size_bytes,
      stream,
    });
  });

  route(app, portalApi.events, async (request, reply) => {
    const ctx = await messagingClient(request, request.params.slug);
    openEventStream(app, request, reply, {
      practiceId: ctx.practiceId,
      accepts: (event) => event.clientId === ctx.actor.clientId,
      // Every open page of every client of the practice leaves when the portal is switched off; a
      // client's own pages when their access is disabled.
      endsOn: (event) =>
        event.type === 'portal.off' ? 'portal_off' : event.clientId === ctx.actor.clientId ? 'access_ended' : null,
      stillAllowed: async () => {
        if (!(await sessionIsLive(ctx.deps, ctx.actor.sessionHash))) return false;
        try {
          await requireClientMessaging(ctx, ctx.actor.clientId);
          return true;
        } catch {
          return false;
        }
      },
    });
    return reply;
  });
}
