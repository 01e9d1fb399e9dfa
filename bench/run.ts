/**
 * `npm run bench`: for each data size, seeds a fresh database, starts the real server
 * (startServer) and a bare Fastify baseline in this process, and drives both from a forked
 * autocannon process, so the load generator never competes with the server for its event loop.
 * Then email throughput, file throughput and the web figures. See bench/args.ts for the flags.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveAmount } from '../seed/amounts.js';
import { readArgs, usage, type BenchArgs } from './args.js';
import { renderChart } from './chart.js';
import { prepareBenchDatabase } from './database.js';
import { measureBilling, renderBilling, type BillingResult } from './billing.js';
import { measureEmail, renderEmail, type EmailResult } from './email.js';
import { measureFiles, renderFiles } from './files.js';
import { measureSize, type SizeResult } from './http.js';
import { LoadGenerator } from './load.js';
import { ServerProfiler } from './profile.js';
import { startPortico } from './portico.js';
import { renderHttp } from './report.js';
import { measureSlots, renderSlots, type SlotsResult } from './slots.js';
import { measureTenancy, renderTenancy } from './tenancy.js';
import { measureBundles, measureLcp, renderWeb } from './web.js';

const parsed = readArgs(process.argv.slice(2));
if (parsed === 'help') {
  console.log(usage);
  process.exit(0);
}
const args: BenchArgs = parsed;
const log = (line: string): void => console.log(line);

/** The level the growth table and chart show: the highest at most 10, else the lowest. */
const chartLevel = args.levels.filter((level) => level <= 10).at(-1) ?? args.levels[0] ?? 1;

/** Every size of every selected database, one after another (each seeds, measures and drops its own data). */
async function runHttp(): Promise<string[]> {
  const runs = [
    ...(args.only.includes('sqlite') ? args.sqliteSizes.map((clients) => ({ url: undefined, clients })) : []),
    ...(args.only.includes('postgres') ? args.postgresSizes.map((clients) => ({ url: args.database, clients })) : []),
  ];
  if (runs.length === 0) return [];
  const load = new LoadGenerator();
  const profiler = args.profile ? new ServerProfiler(args.profile) : null;
  const sizes: SizeResult[] = [];
  try {
    for (const run of runs) {
      const data = {
        clients: run.clients,
        accesses: Math.min(run.clients, resolveAmount(args.accesses, run.clients)),
        messages: resolveAmount(args.messages, run.clients),
        conversation: args.conversation,
      };
      sizes.push(
        await measureSize(load, {
          postgresUrl: run.url,
          data,
          levels: args.levels,
          duration: args.duration,
          warmup: args.warmup,
          term: args.term,
          scenarios: args.scenarios,
          profiler,
          log,
        }),
      );
    }
  } finally {
    load.stop();
    profiler?.close();
  }
  mkdirSync(path.dirname(args.chart), { recursive: true });
  writeFileSync(
    args.chart,
    renderChart(sizes, chartLevel, `Portico API latency against data size, ${chartLevel} connections`),
  );
  log(`Chart written to ${args.chart}`);
  const chartLink = path.relative(path.dirname(args.output), args.chart).split(path.sep).join('/');
  return renderHttp(
    { levels: args.levels, duration: args.duration, warmup: args.warmup, chartLevel, chartLink },
    sizes,
  );
}

/** Client search and profile in a tenancy of many practices, beside a practice of 1,000 alone. */
async function runTenancy(): Promise<string[]> {
  if (!args.database) return [];
  const load = new LoadGenerator();
  const profiler = args.profile ? new ServerProfiler(args.profile) : null;
  try {
    return renderTenancy(
      await measureTenancy(load, {
        database: args.database,
        clients: args.tenancyClients,
        reseed: args.reseed,
        levels: args.levels,
        duration: args.duration,
        warmup: args.warmup,
        profiler,
        log,
      }),
    );
  } finally {
    load.stop();
    profiler?.close();
  }
}

/** Free slots and the calendar week on SQLite, and on PostgreSQL with --database. */
async function runSlots(): Promise<string[]> {
  const load = new LoadGenerator();
  const profiler = args.profile ? new ServerProfiler(args.profile) : null;
  const options = { levels: args.levels, duration: args.duration, warmup: args.warmup, profiler, log };
  try {
    const results: SlotsResult[] = [await measureSlots(load, undefined, options)];
    if (args.database) results.push(await measureSlots(load, args.database, options));
    return renderSlots(results);
  } finally {
    load.stop();
    profiler?.close();
  }
}

/** A client with 500 invoices: the Billing tab, the portal's Billing and the PDFs, on SQLite and PostgreSQL with --database. */
async function runBilling(): Promise<string[]> {
  const load = new LoadGenerator();
  const profiler = args.profile ? new ServerProfiler(args.profile) : null;
  const options = { levels: args.levels, duration: args.duration, warmup: args.warmup, profiler, log };
  try {
    const results: BillingResult[] = [await measureBilling(load, undefined, options)];
    if (args.database) results.push(await measureBilling(load, args.database, options));
    return renderBilling(results);
  } finally {
    load.stop();
    profiler?.close();
  }
}

/** Invitations through the outbox and MailWorker, next to nodemailer straight to the same SMTP server. */
async function runEmail(): Promise<string[]> {
  const results: EmailResult[] = [await measureEmail(undefined, args.emails, args.emailRounds, log)];
  if (args.database) results.push(await measureEmail(args.database, args.emails, args.emailRounds, log));
  return renderEmail(results);
}

/** A 10 MB attachment up and down through Portico on each file store, beside a plain copy. */
async function runFiles(): Promise<string[]> {
  const directory = path.join(os.tmpdir(), `portico-bench-files-${process.pid}`);
  return renderFiles(await measureFiles(directory, args.fileRounds, log));
}

/** Bundle sizes, and the portal sign-in page's LCP on a small seeded database. */
async function runWeb(): Promise<string[]> {
  log('Web: first-load sizes…');
  const firstLoad = await measureBundles();
  if (args.lcpRuns === 0) return renderWeb({ firstLoad, lcp: null });
  // The sign-in page reads only the practice: a small database does.
  const database = await prepareBenchDatabase(undefined, { clients: 100, accesses: 0, messages: 0, conversation: 0 });
  try {
    const portico = await startPortico(database);
    try {
      const slug = database.seed.practices[0]?.slug ?? '';
      log(`Web: LCP of the portal sign-in page, ${args.lcpRuns} loads at ${args.cpuSlowdown}× CPU slowdown…`);
      const lcp = await measureLcp(`${portico.url}/portal/${slug}`, args.lcpRuns, args.cpuSlowdown);
      return renderWeb({ firstLoad, lcp });
    } finally {
      await portico.stop();
    }
  } finally {
    await database.dispose();
  }
}

const started = new Date();
const parts: string[][] = [];
if (args.only.includes('sqlite') || args.only.includes('postgres')) parts.push(await runHttp());
if (args.only.includes('tenancy')) parts.push(await runTenancy());
if (args.only.includes('slots')) parts.push(await runSlots());
if (args.only.includes('billing')) parts.push(await runBilling());
if (args.only.includes('email')) parts.push(await runEmail());
if (args.only.includes('files')) parts.push(await runFiles());
if (args.only.includes('web')) parts.push(await runWeb());
const minutes = (Date.now() - started.getTime()) / 60_000;
const report =
  [
    `# Portico bench — ${started.toISOString()}`,
    '',
    `\`npm run bench -- ${process.argv.slice(2).join(' ')}\`; parts: ${args.only.join(', ')}; ${minutes.toFixed(1)} minutes. ` +
      `Node ${process.version}, ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.availableParallelism()} CPUs shared by ` +
      `the server, the load generator and the database (load average ${os.loadavg()[0]?.toFixed(1) ?? '?'} at the end).`,
    ...parts.flatMap((lines) => ['', ...lines]),
  ].join('\n') + '\n';
console.log(`\n${report}`);
mkdirSync(path.dirname(args.output), { recursive: true });
writeFileSync(args.output, report);
log(`Written to ${args.output}`);
