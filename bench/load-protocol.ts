import { z } from 'zod';

/**
 * One request of a scenario. The body is a string (IPC carries no Buffers); autocannon sends it as
 * UTF-8 and sets Content-Length. Its headers add to the job's.
 */
export const loadRequest = z.object({
  method: z.enum(['GET', 'POST']),
  path: z.string(),
  body: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});
export type LoadRequest = z.infer<typeof loadRequest>;

/** One load run, sent from bench/run.ts to the load process over IPC. */
export const loadJob = z.object({
  url: z.string(),
  /** Each connection sends these in turn, round and round (but see `order`). */
  requests: z.array(loadRequest).min(1),
  /**
   * `each-connection`: every connection starts at the first request and goes round on its own (so
   * all connections send the same request at about the same time). `shared`: the connections take
   * the next request from one shared turn, so each request of the list goes out once before any
   * goes out again; for requests that must differ, like sign-in requests for many clients.
   */
  order: z.enum(['each-connection', 'shared']).default('each-connection'),
  headers: z.record(z.string(), z.string()),
  connections: z.number().int().positive(),
  duration: z.number().positive(),
  /** Seconds before autocannon gives up on one request. */
  timeout: z.number().positive(),
});
export type LoadJob = z.infer<typeof loadJob>;

export const loadResult = z.object({
  /** Responses received, whatever their status. */
  requests: z.number(),
  /** Successful (2xx) responses per second. */
  rps: z.number(),
  /** Latency percentiles in ms of the successful responses; null when none completed (IPC turns NaN into null). */
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  /** 429 answers: a rate limit turned the request away. Reported, and left out of rps and latencies. */
  rateLimited: z.number(),
  /** Other responses that were not 2xx, plus socket errors and timeouts: any makes the figures void. */
  failures: z.number(),
  bytesPerSecond: z.number(),
});
export type LoadResult = z.infer<typeof loadResult>;
