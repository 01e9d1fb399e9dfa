import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { messagingApi } from '../../../shared/contract/messaging.js';
import { sendDownload } from '../../platform/downloads.js';
import { openEventStream } from '../../platform/event-stream.js';
import { staffContextFor, type StaffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { sessionIsLive } from '../../platform/sessions.js';
import { findClient, getClient } from '../clients/index.js';
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

/**
 * Messages are clinical records: owners read and write every client's, clinicians their assigned
 * clients', billers and schedulers none. A conversation the member does not reach is not found;
 * the inbox as a whole (`area`) is refused to roles without messages.
 */
function messagingStaff(request: FastifyRequest, area = false): StaffContext {
  return staffContextFor(request, 'messages', { area });
}

/** Staff side of secure messaging: the practice's inbox, each client's conversation, live events. */
export async function messagingRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: multipartLimits });

  route(app, messagingApi.conversations, async (request) =>
    listStaffConversations(messagingStaff(request, true), request.query),
  );

  route(app, messagingApi.unread, async (request) => getStaffUnreadSummary(messagingStaff(request, true)));

  route(app, messagingApi.conversation, async (request) =>
    getStaffConversation(messagingStaff(request), request.params.id),
  );

  route(app, messagingApi.messages, async (request) =>
    getMessagePage(messagingStaff(request), request.params.id, request.query),
  );

  route(app, messagingApi.send, async (request) => {
    const ctx = messagingStaff(request);
    // A foreign or unknown client is refused before the upload is read.
    await getClient(ctx, request.params.id);
    const input = await readMessageInput(request, ctx);
    return sendMessage(ctx, request.params.id, { kind: 'staff', staffId: ctx.actor.staffId }, input);
  });

  route(app, messagingApi.markRead, async (request) => {
    await markConversationRead(messagingStaff(request), request.params.id, 'staff', request.body.upTo);
    return { ok: true as const };
  });

  route(app, messagingApi.attachment, async (request, reply) => {
    const { attachment, stream } = await openAttachment(messagingStaff(request), request.params.id);
    return sendDownload(reply, {
      fileName: attachment.file_name,
      contentType: attachment.content_type,
      sizeBytes: attachment.size_bytes,
      stream,
    });
  });

  route(app, messagingApi.events, async (request, reply) => {
    const ctx = messagingStaff(request, true);
    openEventStream(app, request, reply, {
      practiceId: ctx.practiceId,
      // A clinician hears only of their clients' conversations, as assigned at the moment of the event.
      accepts: async (event) =>
        ctx.clientReach?.kind !== 'assigned' || (await findClient(ctx, event.clientId)) !== undefined,
      // A deactivated member's open pages end at once (their sessions are already gone).
      endsOn: (event) => (event.type === 'staff.ended' && event.staffId === ctx.actor.staffId ? 'ended' : null),
      stillAllowed: () => sessionIsLive(ctx.deps, ctx.actor.sessionHash),
    });
    return reply;
  });
}
