import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RateWindows } from './rate-windows.js';

type Incr = FastifyRateLimitStore['incr'];

/**
 * @fastify/rate-limit keeps its per-IP counts in each process's memory unless given a store. This
 * one counts in the database through RateWindows, so a client switching between instances is
 * limited once. The plugin asks for one child store per route; each counts under its route's key.
 */
export function databaseRateLimitStore(windows: RateWindows): FastifyRateLimitStoreCtor {
  class DatabaseStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly scope = 'ip',
    ) {}

    incr(key: string, callback: Parameters<Incr>[1], timeWindow: number): void {
      windows.hit(`${this.scope}:${key}`, timeWindow).then(
        (state) => callback(null, { current: state.hits, ttl: state.remainingMs }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    // The plugin passes the route's merged limit options, the route itself under `routeInfo`
    // (its typings say otherwise).
    child(options: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const route = (options as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      if (typeof route?.url !== 'string') throw new Error('rate-limit store: the route has no url');
      const methods = [route.method].flat().map(String).join(',');
      return new DatabaseStore({}, `ip:${methods} ${route.url}`);
    }
  }
  return DatabaseStore;
}
