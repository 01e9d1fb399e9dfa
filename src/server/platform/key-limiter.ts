import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import type { RateWindows } from './rate-windows.js';

/** A fixed-window limit: at most `max` hits per key in each window of `windowMs`. */
export interface Bucket {
  /** Starts every key, so buckets counting the same key (an email, an address) count apart. */
  readonly name: string;
  readonly max: number;
  readonly windowMs: number;
}

/** The buckets a request counts in, each with its key, in the order they are checked. */
export type BucketKeys = readonly (readonly [Bucket, string])[];

interface Counted {
  key: string;
  resetsAt: string;
}

/**
 * Limits per key (an address, a practice and email), alongside @fastify/rate-limit's per-route
 * limit per address: that plugin counts once per request, before the body is read. Counted in the
 * database (RateWindows), so several instances share the limits (decisions 010 and 011).
 *
 * A request counts in its buckets in order, and the first bucket over its limit refuses it with 429
 * and Retry-After. A refused request is no attempt, so it is taken back from every bucket it was
 * counted in: an address refused for its own flood cannot go on filling an account's bucket. A
 * route whose buckets count failures only calls `forgive` once the attempt succeeded.
 */
export class KeyLimiter {
  private readonly counted = new WeakMap<FastifyRequest, Counted[]>();

  constructor(
    private readonly windows: RateWindows,
    private readonly keysOf: (request: FastifyRequest) => BucketKeys,
  ) {}

  /** A preHandler: counts the request, or refuses it. */
  readonly count = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const counted: Counted[] = [];
    for (const [bucket, key] of this.keysOf(request)) {
      const rowKey = `${bucket.name}:${key}`;
      const state = await this.windows.hit(rowKey, bucket.windowMs);
      counted.push({ key: rowKey, resetsAt: state.resetsAt });
      if (state.hits > bucket.max) {
        await this.takeBack(counted);
        void reply.header('retry-after', String(Math.max(1, Math.ceil(state.remainingMs / 1000))));
        throw new AppError('rate_limited');
      }
    }
    this.counted.set(request, counted);
  };

  /** Takes the request back from its buckets: the attempt succeeded, and only failures count. */
  async forgive(request: FastifyRequest): Promise<void> {
    const counted = this.counted.get(request) ?? [];
    this.counted.delete(request);
    await this.takeBack(counted);
  }

  private async takeBack(counted: readonly Counted[]): Promise<void> {
    for (const { key, resetsAt } of counted) await this.windows.forgive(key, resetsAt);
  }
}

/** The email of a parsed body, as the account is named in keys. */
export function bodyEmail(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
}
