import type { MessagingBlockedReason } from '../../../shared/schemas/messages.js';
import { AppError } from '../../platform/errors.js';
import type { Clock } from '../../platform/clock.js';
import type { Context, Scope } from '../../platform/request-context.js';
import { getClient, type ClientRow } from '../clients/index.js';
import { findAccess } from '../portal-access/index.js';
import { loadPortalSettings } from '../portal-settings/index.js';

/** Everything that decides whether a client and the practice may exchange messages. */
export interface MessagingSituation {
  client: ClientRow;
  portalOn: boolean;
  practiceMessagingOn: boolean;
  clientMessagingOn: boolean;
  accessState: 'not_invited' | 'invited' | 'active' | 'disabled';
  /** The address portal access (and so portal email) goes to, if any. */
  accessEmail: string | null;
}

export interface MessagingStatus {
  /** What the client sees: messaging is on for the practice and for them. */
  messagingEnabled: boolean;
  canSend: boolean;
  blockedReason: MessagingBlockedReason | null;
}

/** Loads the client (404 for another practice's id) and the switches that govern their messaging. */
export async function loadMessagingSituation(
  ctx: Scope & { clock: Clock },
  clientId: string,
): Promise<MessagingSituation> {
  const [client, access, settings] = await Promise.all([
    getClient(ctx, clientId),
    findAccess(ctx, clientId),
    loadPortalSettings(ctx),
  ]);
  return {
    client,
    portalOn: settings.enabled === 1,
    practiceMessagingOn: settings.messaging_enabled === 1,
    clientMessagingOn: access?.perm_messaging === 1,
    accessState: access?.state ?? 'not_invited',
    accessEmail: access?.email_address ?? null,
  };
}

/**
 * Staff may write to a client who can receive it: the portal and messaging on for the practice,
 * the client invited or signed in (not disabled or archived) and allowed to use messaging.
 */
export function messagingStatus(situation: MessagingSituation): MessagingStatus {
  const messagingEnabled = situation.practiceMessagingOn && situation.clientMessagingOn;
  let blockedReason: MessagingBlockedReason | null = null;
  if (!situation.portalOn) blockedReason = 'portal_off';
  else if (!situation.practiceMessagingOn) blockedReason = 'practice_messaging_off';
  else if (
    situation.client.archived_at !== null ||
    (situation.accessState !== 'invited' && situation.accessState !== 'active')
  ) {
    blockedReason = 'no_portal_access';
  } else if (!situation.clientMessagingOn) blockedReason = 'client_messaging_off';
  return { messagingEnabled, canSend: blockedReason === null, blockedReason };
}

/** Thrown to a client whose messaging is off: the portal then hides the section. */
export function messagingOff(): AppError {
  return new AppError('forbidden', 'Secure messaging is not available.', undefined, 'messaging_off');
}

/** A signed-in client may read and write only while messaging is on for the practice and for them. */
export async function requireClientMessaging(ctx: Context, clientId: string): Promise<MessagingSituation> {
  const situation = await loadMessagingSituation(ctx, clientId);
  const status = messagingStatus(situation);
  if (!status.canSend || situation.accessState !== 'active') throw messagingOff();
  return situation;
}

/** Throws why staff cannot send to this client now, if they cannot. */
export function requireStaffCanSend(situation: MessagingSituation): void {
  const status = messagingStatus(situation);
  if (status.blockedReason) {
    const messages: Record<MessagingBlockedReason, string> = {
      portal_off: 'The Client Portal is turned off for the practice.',
      practice_messaging_off: 'Secure messaging is turned off for the practice.',
      no_portal_access: 'This client does not have Client Portal access.',
      client_messaging_off: 'Secure messaging is off for this client.',
    };
    throw new AppError('forbidden', messages[status.blockedReason], undefined, status.blockedReason);
  }
}
