import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import type { RateWindows } from './rate-windows.js';

/**
 * A fixed-window limit per key (an account email, say), alongside @fastify/rate-limit's per-IP
 * limit: that plugin runs once per request, so it cannot also count per email. Counted in the
 * database (RateWindows), so several instances share it. `name` keeps two limiters on the same
 * key (link requests and code tries for one email) apart.
 */
export class KeyLimiter {
  constructor(
    private readonly windows: RateWindows,
    private readonly name: string,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt; returns the seconds to wait when over the limit, else null. */
  async hit(key: string): Promise<number | null> {
    const state = await this.windows.hit(`${this.name}:${key}`, this.windowMs);
    return state.hits > this.max ? Math.max(1, Math.ceil(state.remainingMs / 1000)) : null;
  }

  /** A preHandler that limits by the key read from the parsed request. */
  handler(keyOf: (request: FastifyRequest) => string) {
    return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const wait = await this.hit(keyOf(request));
      if (wait !== null) {
        void reply.header('retry-after', String(wait));
        throw new AppError('rate_limited');
      }
    };
  }
}
