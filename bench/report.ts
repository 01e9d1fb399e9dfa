import type { LoadResult } from './load-protocol.js';

export interface ScenarioResult {
  name: string;
  detail: string;
  portico: LoadResult;
  bare: LoadResult;
}

export interface ReportContext {
  dialect: string;
  clients: number;
  /** Messages in the seeded conversation (0: none). */
  messages: number;
  seedSeconds: number;
  connections: number;
  duration: number;
  warmup: number;
}

const ms = (value: number | null): string => (value === null ? '–' : value.toFixed(2));
const ratio = (a: number | null, b: number | null): string =>
  a === null || b === null || b === 0 ? '–' : `${(a / b).toFixed(2)}×`;

/** The results as a markdown table: readable in a terminal and rendered in the repository. */
export function renderHttp(context: ReportContext, results: readonly ScenarioResult[]): string[] {
  const lines = [
    '## HTTP',
    '',
    `${context.clients.toLocaleString('en')} clients in one practice` +
      (context.messages > 0 ? `, one of them with a conversation of ${context.messages.toLocaleString('en')} messages,` : '') +
      ` on ${context.dialect} ` +
      `(seeded in ${context.seedSeconds.toFixed(1)} s); ${context.connections} connections, ` +
      `${context.duration} s per run after ${context.warmup} s of warm-up. Latencies in ms. "bare" is a plain Fastify route sending ` +
      'the same JSON bytes from memory; the ratios are Portico ÷ bare.',
    '',
    '| endpoint | server | requests | req/s | p50 | p95 | p99 | rps ratio | p99 ratio |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const result of results) {
    const { portico, bare } = result;
    lines.push(
      `| ${result.name} | Portico | ${portico.requests} | ${Math.round(portico.rps)} | ${ms(portico.p50)} | ${ms(portico.p95)} | ${ms(portico.p99)} | ` +
        `${ratio(portico.rps, bare.rps)} | ${ratio(portico.p99, bare.p99)} |`,
      `| | bare | ${bare.requests} | ${Math.round(bare.rps)} | ${ms(bare.p50)} | ${ms(bare.p95)} | ${ms(bare.p99)} | | |`,
    );
  }
  lines.push('', ...results.map((result) => `- **${result.name}**: ${result.detail}`));
  const few = results.filter((result) => Math.min(result.portico.requests, result.bare.requests) < 100);
  if (few.length > 0) {
    lines.push('', `Fewer than 100 requests completed in ${few.map((r) => r.name).join(', ')}: treat those percentiles as rough.`);
  }
  const failures = results.filter((result) => result.portico.failures + result.bare.failures > 0);
  if (failures.length > 0) {
    const names = failures.map((result) => `${result.name} (${result.portico.failures} on Portico, ${result.bare.failures} bare)`).join(', ');
    lines.push('', `**Warning:** requests failed or timed out in ${names}; those figures understate the real latency.`);
  }
  return lines;
}
