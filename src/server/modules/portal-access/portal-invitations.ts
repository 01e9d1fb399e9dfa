import type { PortalAccessView } from '../../../shared/schemas/portal-access.js';
import type { InvitationRow } from './portal-access.queries.js';
import { LIVE_LINKS } from './portal-tokens.js';

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

/**
 * The listed links that still sign in: the newest LIVE_LINKS unused ones, as portal-auth's
 * newestUnusedLinkIds finds them. The list is newest first in the same order and holds every link
 * newer than the ones it shows (each emailed link has its outbox row), so this needs no query.
 */
export function liveLinkIds(rows: readonly InvitationRow[]): Set<string> {
  const unused = rows.filter((row) => row.used_at === null && row.revoked_at === null);
  return new Set(unused.slice(0, LIVE_LINKS).map((row) => row.id));
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
