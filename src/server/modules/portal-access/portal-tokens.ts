import { createHmac, randomInt } from 'node:crypto';
import type { PortalTokenKind, PortalTokensTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { addMinutes, iso, type Clock } from '../../platform/clock.js';
import type { Scope } from '../../platform/request-context.js';
import { hashToken, newId, newToken, safeEqual } from '../../platform/tokens.js';
import { insertToken } from './portal-tokens.queries.js';

export const CODE_MINUTES = 15;
export const MAX_CODE_ATTEMPTS = 5;
/** Any of this many newest unused links works; older ones are superseded. */
export const LIVE_LINKS = 3;

const linkMinutes = (deps: Pick<AppDeps, 'config'>, kind: PortalTokenKind): number =>
  kind === 'invitation' ? deps.config.portalInvitationHours * 60 : deps.config.portalLinkHours * 60;

/** Six digits, uniformly random. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * A code has only a million values, so a plain hash could be reversed by trying them all; it is
 * keyed with the server's secret and salted with the token's id instead.
 */
export function hashCode(secret: string, tokenId: string, code: string): string {
  return createHmac('sha256', secret).update(`${tokenId}:${code}`).digest('hex');
}

export function codeMatches(secret: string, token: Pick<PortalTokensTable, 'id' | 'code_hash'>, code: string): boolean {
  return token.code_hash !== null && safeEqual(token.code_hash, hashCode(secret, token.id, code));
}

export interface IssuedToken {
  id: string;
  /** The link token, for `invitation` and `link`; absent for a staff code. */
  token: string | null;
  code: string;
  expiresAt: string;
  codeExpiresAt: string;
}

/** Stores a new link (with its code) or a staff code for the client; only hashes are kept. */
export async function issuePortalToken(
  scope: Scope & { clock: Clock; deps: Pick<AppDeps, 'config'> },
  input: { clientId: string; kind: PortalTokenKind; emailAddress: string | null },
): Promise<IssuedToken> {
  const { deps } = scope;
  const now = scope.clock.now();
  const id = newId();
  const token = input.kind === 'staff_code' ? null : newToken();
  const code = newCode();
  const codeExpiresAt = iso(addMinutes(now, CODE_MINUTES));
  const expiresAt = input.kind === 'staff_code' ? codeExpiresAt : iso(addMinutes(now, linkMinutes(deps, input.kind)));
  await insertToken(scope, {
    id,
    client_id: input.clientId,
    kind: input.kind,
    token_hash: token ? hashToken(token) : null,
    code_hash: hashCode(deps.config.sessionSecret, id, code),
    email_address: input.emailAddress,
    code_attempts: 0,
    created_at: iso(now),
    expires_at: expiresAt,
    code_expires_at: codeExpiresAt,
    used_at: null,
    revoked_at: null,
    outbox_id: null,
    claimed_by: null,
    revoked_reason: null,
  });
  return { id, token, code, expiresAt, codeExpiresAt };
}
