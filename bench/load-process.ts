import autocannon from 'autocannon';
import { loadJob, type LoadJob, type LoadResult } from './load-protocol.js';

/**
 * The load generator runs in its own process (forked by bench/run.ts): autocannon on the server's
 * event loop would steal the CPU it is trying to measure.
 */
function percentile(sorted: Float64Array, p: number): number | null {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

async function run(job: LoadJob): Promise<LoadResult> {
  // autocannon's own histogram counts whole milliseconds, too coarse for sub-millisecond
  // responses, so every latency is kept (a few hundred thousand doubles) and sorted here.
  const samples: number[] = [];
  let ok = 0;
  let rateLimited = 0;
  const requests = job.requests.map((request) => ({
    method: request.method,
    path: request.path,
    ...(request.body === undefined ? {} : { body: request.body }),
    headers: { ...job.headers, ...request.headers },
  }));
  let turn = 0;
  // One request whose content is chosen as it is built: the next of the shared turn.
  const shared = [
    {
      setupRequest: (built: autocannon.Request): autocannon.Request => {
        const next = requests[turn++ % requests.length];
        return { ...built, ...next };
      },
    },
  ];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.duration,
        timeout: job.timeout,
        headers: job.headers,
        // autocannon cycles through the list per connection, so profile requests rotate over ids.
        requests: job.order === 'shared' ? shared : requests,
      },
      (error: Error | null, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) {
        ok++;
        samples.push(responseTime);
      } else if (status === 429) rateLimited++;
    });
  });
  const sorted = Float64Array.from(samples).sort();
  return {
    requests: result.requests.total,
    rps: ok / (result.duration || job.duration),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    rateLimited,
    failures: result.non2xx - rateLimited + result.errors + result.timeouts,
    bytesPerSecond: result.throughput.average,
  };
}

process.on('message', (message: unknown) => {
  const job = loadJob.parse(message);
  run(job).then(
    (result) => process.send?.({ ok: true, result }),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }),
  );
});
