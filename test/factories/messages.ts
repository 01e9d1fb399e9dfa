import type { AppDeps } from '../../src/server/deps.js';
import { findAccess } from '../../src/server/modules/portal-access/index.js';
import { sendMessage } from '../../src/server/modules/messaging/messaging.send.js';
import { storeFile } from '../../src/server/platform/uploads.js';
import { systemContext } from '../../src/server/platform/request-context.js';
import type { Message } from '../../src/shared/schemas/messages.js';
import { factoryClientContext, factoryStaffContext } from './contexts.js';

/** A file to attach: its name as a browser would send it, and its content (see sampleFiles in test/helpers/messages.ts). */
export interface FactoryFile {
  name: string;
  data: Buffer;
}

export interface MessageOptions {
  from: 'staff' | 'client';
  /** Plain text as the app stores it (trimmed, `\n` line ends); default a short numbered line. */
  body?: string;
  /** The staff member who writes a staff message (default: the practice's owner). */
  staffId?: string;
  /** Attachments, checked from their content and named as the upload route would name them. */
  files?: readonly FactoryFile[];
}

let sent = 0;

/**
 * One message in the client's conversation, sent by messaging's `sendMessage` as the staff member
 * (a staff context, via `signedInStaffContext`) or as the signed-in client (a client context), so
 * the message, attachments, conversation counters, notification schedule, audit row and live event
 * are what the app writes. It sets up nothing: the client must already be able to receive or send,
 * i.e. have portal access made with `createPortalAccess` — `invited` or `active` for a staff
 * message, `active` for a client's — with messaging on for them and the practice (the defaults).
 * Without access it throws saying so; with messaging off, the service refuses as it does the API.
 */
export async function createMessage(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
  options: MessageOptions,
): Promise<Message> {
  const access = await findAccess(systemContext(deps, practiceId), clientId);
  const state = access?.state ?? 'not_invited';
  const allowed = options.from === 'client' ? ['active'] : ['invited', 'active'];
  if (!allowed.includes(state)) {
    throw new Error(
      `createMessage: a ${options.from} message needs ${allowed.join(' or ')} portal access, and client ${clientId} has ${state}; call createPortalAccess first`,
    );
  }
  sent += 1;
  const body = options.body ?? `Message ${sent} from the ${options.from === 'staff' ? 'practice' : 'client'}.`;
  const files = await Promise.all(
    (options.files ?? []).map(async (file) => {
      try {
        return await storeFile({ practiceId, deps }, file.name, file.data);
      } catch (error) {
        throw new Error(`createMessage: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
  if (options.from === 'staff') {
    const ctx = await factoryStaffContext(deps, practiceId, options.staffId);
    return sendMessage(ctx, clientId, { kind: 'staff', staffId: ctx.actor.staffId }, { body, files });
  }
  return sendMessage(factoryClientContext(deps, practiceId, clientId), clientId, { kind: 'client' }, { body, files });
}

/**
 * A conversation of several messages sent one after another (each a millisecond after the one
 * before, as the service orders them under a clock that stands still), oldest first. A number
 * sends that many, alternating between the client (first) and the practice's owner, so the client
 * needs `active` access; or give each message's options.
 */
export async function createConversation(
  deps: AppDeps,
  practiceId: string,
  clientId: string,
  messages: number | readonly MessageOptions[],
): Promise<Message[]> {
  const list: readonly MessageOptions[] =
    typeof messages === 'number'
      ? Array.from({ length: messages }, (_, i): MessageOptions => ({ from: i % 2 === 0 ? 'client' : 'staff' }))
      : messages;
  const created: Message[] = [];
  for (const options of list) created.push(await createMessage(deps, practiceId, clientId, options));
  return created;
}
