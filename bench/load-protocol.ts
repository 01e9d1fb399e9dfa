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
  /** Each connection sends these in turn, round and round. */
  requests: z.array(loadRequest).min(1),
  headers: z.record(z.string(), z.string()),
  connections: z.number().int().positive(),
  duration: z.number().positive(),
  /** Seconds before autocannon gives up on one request. */
  timeout: z.number().positive(),
});
export type LoadJob = z.infer<typeof loadJob>;

export const loadResult = z.object({
  requests: z.number(),
  rps: z.number(),
  /** Latency percentiles in ms; null when no request completed (IPC turns NaN into null). */
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  /** Responses that were not 2xx, plus socket errors and timeouts: any makes the figures void. */
  failures: z.number(),
  bytesPerSecond: z.number(),
});
export type LoadResult = z.infer<typeof loadResult>;
