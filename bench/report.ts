import type { LevelResult, ScenarioResult, SizeResult } from './http.js';
import type { LoadResult } from './load-protocol.js';

export interface HttpContext {
  levels: number[];
  duration: number;
  warmup: number;
  /** The level the growth table and the chart show. */
  chartLevel: number;
  /** The chart's file name, relative to the report. */
  chartLink: string | null;
}

export const ms = (value: number | null): string => (value === null ? '–' : value.toFixed(2));
export const ratio = (a: number | null, b: number | null): string =>
  a === null || b === null || b === 0 ? '–' : `${(a / b).toFixed(2)}×`;
const count = (n: number): string => n.toLocaleString('en');
export const dialectName = (dialect: SizeResult['dialect']): string =>
  dialect === 'postgres' ? 'PostgreSQL' : 'SQLite';

/** "100k" and "1M" for headings and the chart's axis. */
export function shortCount(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(1)}k`;
  return String(n);
}

/** Each scenario at each level, Portico beside the bare floor. */
export function scenarioTable(scenarios: readonly ScenarioResult[]): string[] {
  const lines = [
    '| scenario | conns | req/s | p50 | p95 | p99 | bare req/s | bare p50 | bare p99 | req/s ratio | p99 ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const scenario of scenarios) {
    scenario.levels.forEach((level, index) => {
      const { portico, bare } = level;
      const name = index === 0 ? `${scenario.name}${scenario.side === 'portal' ? ' (client)' : ' (staff)'}` : '';
      lines.push(
        `| ${name} | ${level.connections} | ${Math.round(portico.rps)} | ${ms(portico.p50)} | ${ms(portico.p95)} | ${ms(portico.p99)} | ` +
          `${Math.round(bare.rps)} | ${ms(bare.p50)} | ${ms(bare.p99)} | ${ratio(portico.rps, bare.rps)} | ${ratio(portico.p99, bare.p99)} |`,
      );
    });
  }
  return lines;
}

function sizeTable(size: SizeResult): string[] {
  const { seeded, data } = size;
  const lines = [
    `### ${dialectName(size.dialect)}, ${count(seeded.clients)} clients`,
    '',
    `${count(seeded.clients)} clients in one practice, ${count(seeded.portalAccesses)} of them with portal access, ` +
      `${count(seeded.messages)} messages (one conversation of ${count(data.conversation)}, the rest spread over the others); ` +
      `seeded in ${seeded.seconds.toFixed(1)} s.`,
    '',
  ];
  lines.push(...scenarioTable(size.scenarios));
  const notes: string[] = [];
  const all = size.scenarios.flatMap((scenario) => scenario.levels.map((level) => ({ scenario, level })));
  for (const { scenario, level } of all.filter(({ level }) => level.portico.rateLimited > 0)) {
    const share = (100 * level.portico.rateLimited) / level.portico.requests;
    notes.push(
      `${scenario.name} at ${level.connections} connections: ${count(level.portico.rateLimited)} of ${count(level.portico.requests)} ` +
        `answers (${share.toFixed(1)} %) were 429 (rate limited), left out of req/s and the percentiles.`,
    );
  }
  const few = all.filter(({ level }) => Math.min(level.portico.requests, level.bare.requests) < 100);
  if (few.length > 0) {
    notes.push(
      `Fewer than 100 requests completed in ${few.map((f) => `${f.scenario.name} (${f.level.connections})`).join(', ')}: treat those percentiles as rough.`,
    );
  }
  const failed = all.filter(({ level }) => level.portico.failures + level.bare.failures > 0);
  if (failed.length > 0) {
    const names = failed.map(
      (f) =>
        `${f.scenario.name} at ${f.level.connections} (${f.level.portico.failures} on Portico, ${f.level.bare.failures} bare)`,
    );
    notes.push(
      `**Warning:** requests failed or timed out in ${names.join(', ')}; those figures understate the real latency.`,
    );
  }
  if (notes.length > 0) lines.push('', ...notes.map((note) => `- ${note}`));
  return lines;
}

export function levelOf(levels: readonly LevelResult[], connections: number): LoadResult | undefined {
  return levels.find((level) => level.connections === connections)?.portico;
}

/** p50 / p99 of each scenario at each size, at one level: how latency grows with the data. */
function growthTable(sizes: readonly SizeResult[], level: number): string[] {
  const lines: string[] = [];
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const ofDialect = sizes.filter((size) => size.dialect === dialect).sort((a, b) => a.data.clients - b.data.clients);
    if (ofDialect.length === 0) continue;
    const names = [...new Set(ofDialect.flatMap((size) => size.scenarios.map((s) => s.name)))];
    lines.push(
      '',
      `**${dialectName(dialect)}**, p50 / p99 in ms at ${level} connections:`,
      '',
      `| scenario | ${ofDialect.map((size) => `${count(size.data.clients)} clients`).join(' | ')} |`,
      `| --- |${ofDialect.map(() => ' ---: |').join('')}`,
    );
    for (const name of names) {
      const cells = ofDialect.map((size) => {
        const result = levelOf(size.scenarios.find((s) => s.name === name)?.levels ?? [], level);
        return result ? `${ms(result.p50)} / ${ms(result.p99)}` : '–';
      });
      lines.push(`| ${name} | ${cells.join(' | ')} |`);
    }
  }
  return lines;
}

/** The HTTP part of the report: how latency grows with size, then one table per size. */
export function renderHttp(context: HttpContext, sizes: readonly SizeResult[]): string[] {
  const lines = [
    '## HTTP',
    '',
    `Each scenario runs at ${context.levels.join(', ')} concurrent connections (autocannon in a process of its own), ` +
      `${context.duration} s per run after ${context.warmup} s of warm-up, against Portico (\`startServer\`, as \`npm start\` runs it) ` +
      'and then against "bare": a plain Fastify route sending the same status and JSON bytes from memory, in the same ' +
      'process, to the same requests. Latencies in ms; req/s and percentiles count successful (2xx) answers. Ratios are ' +
      'Portico ÷ bare.',
    '',
    '### How latency grows with the data',
  ];
  if (context.chartLink) lines.push('', `![p50 and p99 latency against the number of clients](${context.chartLink})`);
  lines.push(...growthTable(sizes, context.chartLevel));
  for (const size of sizes) lines.push('', ...sizeTable(size));
  const scenarios = new Map(sizes.flatMap((size) => size.scenarios.map((s) => [s.name, s] as const)));
  lines.push(
    '',
    '### Scenarios',
    '',
    ...[...scenarios.values()].map((s) => `- **${s.name}** (${s.side === 'portal' ? 'client' : 'staff'}): ${s.detail}`),
  );
  return lines;
}
