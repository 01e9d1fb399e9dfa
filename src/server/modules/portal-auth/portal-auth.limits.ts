import type { FastifyRequest } from 'fastify';
import { bodyEmail, type Bucket, type BucketKeys } from '../../platform/key-limiter.js';

// The portal sign-in's rate limits, and why these numbers: docs/decisions/011-sign-in-limits-without-lockout.md.

const minute = 60_000;

/** Every request to a portal sign-in route, per route and address (@fastify/rate-limit). */
export const perIp = { max: 20, timeWindow: '1 minute' };

export const portalBuckets = {
  /** Link requests (each emails a link and a new code) per practice and email, from any address. */
  linkRequests: { name: 'portal-link', max: 5, windowMs: 15 * minute },
  /** Wrong codes per address, whatever the practice or email. */
  wrongCodesPerAddress: { name: 'portal-code-ip', max: 10, windowMs: 15 * minute },
  /** Wrong codes per practice and email, from any address: a short window, so never a lockout. */
  wrongCodesPerEmail: { name: 'portal-code', max: 10, windowMs: minute },
} as const satisfies Record<string, Bucket>;

/** The practice (by its portal address) and the email: one client's sign-in at one practice. */
function practiceEmail(request: FastifyRequest): string {
  const { slug } = request.params as { slug: string };
  return `${slug}:${bodyEmail(request)}`;
}

export function linkRequestKeys(request: FastifyRequest): BucketKeys {
  return [[portalBuckets.linkRequests, practiceEmail(request)]];
}

/** The address first: an address refused for its own guesses counts no further. */
export function codeKeys(request: FastifyRequest): BucketKeys {
  return [
    [portalBuckets.wrongCodesPerAddress, request.ip],
    [portalBuckets.wrongCodesPerEmail, practiceEmail(request)],
  ];
}
