import type { PortalAccessView } from '../../../shared/schemas/portal-access.js';
import type { InvitationRow } from './portal-access.queries.js';

type Invitation = PortalAccessView['invitations'][number];
type Outcome = Pick<Invitation, 'state' | 'stateAt' | 'cancelReason' | 'replacedBy'>;

const outcome = (state: Invitation['state'], stateAt: string | null, more: Partial<Outcome> = {}): Outcome => ({
  state,
  stateAt,
  cancelReason: null,
  replacedBy: null,
  ...more,
});

/**
 * What became of one emailed link, from its token row and its outbox row. An email the mail server
 * refused never reached the client, whatever happened to its link later. A link that was used or
 * stopped working says so; when several ends reached it (it expired, then a sign-in with another
 * link used it up, then access was disabled), the first is what became of it. `live` holds the
 * client's newest unused links, the only ones that still sign in (see LIVE_LINKS).
 */
export function invitationOutcome(row: InvitationRow, now: string, live: ReadonlySet<string>): Outcome {
  if (row.status === 'failed') return outcome('failed', null);
  // Rows used before migration 011 have no claimed_by: they are shown as used.
  if (row.used_at !== null && (row.claimed_by === null || row.claimed_by === row.id)) {
    return outcome('used', row.used_at);
  }
  const ends: Outcome[] = [];
  if (row.expires_at <= now) ends.push(outcome('expired', row.expires_at));
  if (row.used_at !== null) ends.push(outcome('replaced', row.used_at, { replacedBy: 'other_sign_in' }));
  if (row.revoked_at !== null) ends.push(outcome('cancelled', row.revoked_at, { cancelReason: row.revoked_reason }));
  const first = ends.sort((a, b) => (a.stateAt ?? '').localeCompare(b.stateAt ?? ''))[0];
  if (first) return first;
  if (!live.has(row.id)) return outcome('replaced', null, { replacedBy: 'newer_links' });
  if (row.status === 'queued' || row.status === 'sending') return outcome(row.status, null);
  return outcome('sent', row.sent_at);
}

export function toInvitation(row: InvitationRow, now: string, live: ReadonlySet<string>): Invitation {
  return {
    id: row.id,
    kind: row.kind === 'invitation' ? 'invitation' : 'link',
    sentTo: row.email_address ?? '',
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...invitationOutcome(row, now, live),
    delivery: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
  };
}
