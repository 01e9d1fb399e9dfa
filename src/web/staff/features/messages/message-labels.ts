import type { MessagingBlockedReason } from '../../../../shared/schemas/messages.js';
import { formatDate, formatTime } from '../../../common/dates.js';

/** Why the composer is replaced, in the words staff see. */
export const blockedReasonText: Record<MessagingBlockedReason, string> = {
  practice_messaging_off: 'Secure messaging is turned off for the practice (Settings → Client Portal).',
  client_messaging_off:
    'Messaging is off for this client. Turn on Use secure messaging on the Client Portal tab to message them.',
  no_portal_access: 'This client does not have Client Portal access yet. Invite them from the Client Portal tab.',
  portal_off: 'The Client Portal is turned off for the practice.',
};

/** "09:41" (or "9:41 AM") for today, "14 Mar 2025" (or "Mar 14, 2025") before, in the practice's time zone. */
export function shortTime(iso: string, timeZone: string, now: Date = new Date()): string {
  const day = formatDate(iso, timeZone);
  if (day !== formatDate(now.toISOString(), timeZone)) return day;
  return formatTime(iso, timeZone);
}

export function unreadLabel(count: number): string {
  return count === 1 ? '1 unread message' : `${count} unread messages`;
}

export { unreadConversationsLabel } from './unread-count.js';
