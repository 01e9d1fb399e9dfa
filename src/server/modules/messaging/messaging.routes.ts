import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { messagingApi } from '../../../shared/contract/messaging.js';
import { sendDownload } from '../../platform/downloads.js';
import { AppError } from '../../platform/errors.js';
import { openEventStream } from '../../platform/event-stream.js';
import { hasRole } from '../../platform/context.js';
import { staffContext, type StaffContext } from '../../platform/request-context.js';
import { route } from '../../platform/route.js';
import { sessionIsLive } from '../../platform/sessions.js';
import { getClient } from '../clients/index.js';
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

/** Messages are clinical records: owners and clinicians read and write them, billers and schedulers do not. */
function messagingStaff(request: FastifyRequest): StaffContext {
  const ctx = staffContext(request);
  if (!hasRole(ctx.actor, 'owner') && !hasRole(ctx.actor, 'clinician')) throw new AppError('forbidden');
  return ctx;
}

/** Staff side of secure messaging: the practice's inbox, each client's conversation, live events. */
export async function messagingRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: multipartLimits });

  route(app, messagingApi.conversations, async (request) =>
    listStaffConversations(messagingStaff(request), request.query),
  );

  route(app, messagingApi.unread, async (request) => getStaffUnreadSummary(messagingStaff(request)));

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
    const ctx = messagingStaff(request);
    openEventStream(app, request, reply, {
      practiceId: ctx.practiceId,
      accepts: () => true,
      // A deactivated member's open pages end at once (their sessions are already gone).
      endsOn: (event) => (event.type === 'staff.ended' && event.staffId === ctx.actor.staffId ? 'ended' : null),
      stillAllowed: () => sessionIsLive(ctx.deps, ctx.actor.sessionHash),
    });
    return reply;
  });
}
