import type { FastifyRequest } from 'fastify';
import { bodyEmail, type Bucket, type BucketKeys } from '../../platform/key-limiter.js';

// Staff sign-in's and password reset's rate limits, and why these numbers:
// docs/decisions/011-sign-in-limits-without-lockout.md.

const minute = 60_000;

/** Every request to a sign-in, reset or setup route, per route and address (@fastify/rate-limit). */
export const perIp = { max: 30, timeWindow: '1 minute' };

// A staff email names one account across every practice, so the account's key is its email.
export const staffBuckets = {
  /** Wrong passwords per address, whatever the account. */
  wrongPasswordsPerAddress: { name: 'staff-sign-in-ip', max: 10, windowMs: 15 * minute },
  /** Wrong passwords per account, from any address: a short window, so never a lockout. */
  wrongPasswordsPerAccount: { name: 'staff-sign-in', max: 10, windowMs: minute },
  /**
   * Wrong current passwords on My account (changing the email or the password) per account: a
   * stolen session must not become a way to guess the password. Only failures count.
   */
  wrongCurrentPasswords: { name: 'staff-current-password', max: 5, windowMs: 15 * minute },
  /** Wrong two-factor codes (and backup codes) per address, whatever the account. */
  wrongCodesPerAddress: { name: 'staff-code-ip', max: 10, windowMs: 15 * minute },
  /**
   * Wrong two-factor codes per account. Only someone who knows the password (or holds a session)
   * can send one, so this bucket can last longer than the password's without letting anyone else
   * hold the account back: 5 per 15 minutes bounds guessing to 480 codes a day (decision 022).
   */
  wrongCodesPerAccount: { name: 'staff-code', max: 5, windowMs: 15 * minute },
  /** Password-reset requests (each emails a reset link) per account, from any address. */
  resetRequests: { name: 'password-reset', max: 5, windowMs: 15 * minute },
} as const satisfies Record<string, Bucket>;

/** The address first: an address refused for its own guesses counts no further. */
export function signInKeys(request: FastifyRequest): BucketKeys {
  return [
    [staffBuckets.wrongPasswordsPerAddress, request.ip],
    [staffBuckets.wrongPasswordsPerAccount, bodyEmail(request)],
  ];
}

/** The signed-in account (a request without one is refused 401 by its route before it counts). */
export function currentPasswordKeys(request: FastifyRequest): BucketKeys {
  const account = request.actor.kind === 'staff' ? request.actor.staffId : `address:${request.ip}`;
  return [[staffBuckets.wrongCurrentPasswords, account]];
}

/** Wrong codes: the address, then the account (`accountOf` answers it; '' when none is known). */
export function codeKeys(accountOf: (request: FastifyRequest) => string): (request: FastifyRequest) => BucketKeys {
  return (request) => [
    [staffBuckets.wrongCodesPerAddress, request.ip],
    [staffBuckets.wrongCodesPerAccount, accountOf(request) || `address:${request.ip}`],
  ];
}

/** The signed-in account, for the routes of Settings → Security that check a code. */
export const signedInAccount = (request: FastifyRequest): string =>
  request.actor.kind === 'staff' ? request.actor.staffId : '';

export function resetRequestKeys(request: FastifyRequest): BucketKeys {
  return [[staffBuckets.resetRequests, bodyEmail(request)]];
}
