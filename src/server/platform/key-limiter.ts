import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/**
 * A fixed-window counter per key (an account email, say), alongside @fastify/rate-limit's per-IP
 * limit: that plugin runs once per request, so it cannot also count per email. In memory, per
 * process; a shared store is the next step for several instances.
 */
export class KeyLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt; returns the seconds to wait when over the limit, else null. */
  hit(key: string): number | null {
    const now = this.now();
    if (this.windows.size > 10_000) this.sweep(now);
    const current = this.windows.get(key);
    if (!current || current.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      return null;
    }
    current.count += 1;
    return current.count > this.max ? Math.ceil((current.resetAt - now) / 1000) : null;
  }

  /** A preHandler that limits by the key read from the parsed request. */
  handler(keyOf: (request: FastifyRequest) => string) {
    return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const wait = this.hit(keyOf(request));
      if (wait !== null) {
        void reply.header('retry-after', String(wait));
        throw new AppError('rate_limited');
      }
    };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
