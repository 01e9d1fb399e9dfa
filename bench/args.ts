import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseAmount, type Amount } from '../seed/amounts.js';

export const sections = ['sqlite', 'postgres', 'tenancy', 'slots', 'billing', 'email', 'files', 'web'] as const;
export type Section = (typeof sections)[number];

export interface BenchArgs {
  /** Which parts run. */
  only: Section[];
  /** Client counts the HTTP scenarios run at, on SQLite and on PostgreSQL. */
  sqliteSizes: number[];
  postgresSizes: number[];
  /** Concurrent connections each scenario is measured at. */
  levels: number[];
  /** Seconds each measurement runs. */
  duration: number;
  /** Seconds of unrecorded load before each measurement, so JIT and caches are warm. */
  warmup: number;
  /** Clients with portal access and messages over their conversations, per size. */
  accesses: Amount;
  messages: Amount;
  /** The long conversation the deep-page and portal scenarios read. */
  conversation: number;
  /** Clients in the PostgreSQL tenancy (--only tenancy), spread over a practice per 100. */
  tenancyClients: number;
  /** Seed the tenancy again even if a run left one of the same size. */
  reseed: boolean;
  /** A postgres:// URL; the PostgreSQL sizes and email figures run only with one. */
  database: string | undefined;
  /** Overrides the search term (default: the most common seeded surname). */
  term: string | undefined;
  /** Invitations queued and delivered in the email figures. */
  emails: number;
  /** Rounds the email paths alternate in; the figures are their medians. */
  emailRounds: number;
  /** Times a 10 MB file is uploaded and downloaded for each path in the files figures. */
  fileRounds: number;
  /** Page loads the portal sign-in page's LCP is the median of. */
  lcpRuns: number;
  cpuSlowdown: number;
  /** Only the HTTP scenarios whose names contain one of these (all when empty). */
  scenarios: string[];
  /** Where to write a CPU profile of the server for each scenario and level measured; none when undefined. */
  profile: string | undefined;
  output: string;
  /** The SVG chart of latency against size. */
  chart: string;
}

export const usage = `Speed and how it grows: Portico's API under load at several data sizes and concurrency levels,
next to a bare Fastify baseline; email throughput through the outbox; the web apps' first-load
size and the portal sign-in page's Largest Contentful Paint.

  npm run bench -- [--only sqlite,postgres,tenancy,slots,billing,email,files,web] [--database postgres://…]
                   [--sizes 1000,100000] [--pg-sizes 1000,100000,1000000] [--levels 1,10,50]
                   [--duration 10] [--warmup 2] [--accesses 30%] [--messages 10x] [--conversation 10000]
                   [--term Smith] [--emails 10000] [--email-rounds 3] [--file-rounds 5] [--lcp-runs 5] [--cpu-slowdown 4]
                   [--scenarios "client profile,portal Home"] [--profile bench/profiles]
                   [--tenancy-clients 1000000] [--reseed] [--output bench/results/latest.md] [--chart <output's folder>/latency-by-size.svg]

--only         the parts to run (default: all but tenancy; postgres only with --database):
               sqlite, postgres  the HTTP scenarios at each of --sizes / --pg-sizes clients
               tenancy           PostgreSQL (--database; give it a database of its own): client
                                 search, list and profile in a tenancy of --tenancy-clients clients
                                 (a practice per 100: most of 20–500 clients, one per 2,000 of
                                 20,000+; at least 50,000 clients), on a practice of about 250 and
                                 on the largest, beside a practice of 1,000 clients alone. The
                                 tenancy is seeded with COPY into schema tenancy_<clients> and kept
                                 for the next run (--reseed seeds it again); 1,000,000 takes long:
                                 run it on demand, not in CI
               slots             free slots for one clinician over the 60-day window with 500
                                 booked appointments (the engine in-process, then the portal's
                                 request over HTTP beside the bare floor), and the calendar's week
                                 view of a 20-clinician practice; on SQLite, and PostgreSQL with
                                 --database
               billing           a client with 500 invoices: the staff Billing tab's reads and the
                                 portal's Billing page over HTTP beside the bare floor, and an
                                 invoice PDF and a 12-month superbill rendered in-process (p50,
                                 p99); on SQLite, and PostgreSQL with --database
               email             --emails portal invitations queued and delivered by the outbox's
                                 MailWorker to a loopback SMTP server, next to nodemailer sending
                                 the same messages to it, the two in turn over --email-rounds rounds
                                 (on SQLite, and PostgreSQL with --database)
               files             a 10 MB attachment uploaded and downloaded through Portico on the
                                 disk store and on object storage (s3rver on loopback), MB/s over
                                 --file-rounds rounds, beside each store alone and a plain copy of
                                 the same bytes (file to file, and through a bare HTTP server)
               web               builds the web apps, then the JS and CSS a first visit downloads
                                 (raw, gzip, Brotli) for the portal sign-in and Home and the staff
                                 sign-in and client list, and the portal sign-in page's LCP in
                                 headless Chromium, median of --lcp-runs loads (0: sizes only), CPU
                                 slowed --cpu-slowdown times
--clients N    shorthand for --sizes N --pg-sizes N
--levels       concurrent connections each scenario is measured at (--connections N: one level)
--accesses     clients with portal access per size: a number or a share ("30%")
--messages     messages spread over their conversations: a number or a multiple of the clients ("10x")
--conversation one more conversation this long, read by the conversation scenarios; 0 leaves the
               conversation and portal scenarios out
--database     a postgres:// URL; every size runs in a throw-away schema, dropped afterwards
--scenarios    only the HTTP scenarios whose names contain one of these (comma-separated)
--profile      a folder: the server's CPU profile while Portico is measured, one .cpuprofile per
               scenario and level (open in Chrome DevTools), and its top entries printed
--output       the markdown report; --chart the SVG of p50/p99 against size (a level near 10)`;

function wholeNumber(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
}

function numberList(name: string, raw: string, min: number): number[] {
  const values = raw.split(',').map((part) => wholeNumber(name, part.trim().replace(/_/g, ''), min));
  if (values.length === 0) throw new Error(`--${name} needs at least one number`);
  return [...new Set(values)].sort((a, b) => a - b);
}

function sectionList(raw: string): Section[] {
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .flatMap((name) => (name === 'http' ? ['sqlite', 'postgres'] : [name]));
  for (const name of names) {
    if (!(sections as readonly string[]).includes(name))
      throw new Error(`--only takes ${sections.join(', ')} (or http); got "${name}"`);
  }
  if (names.length === 0) throw new Error('--only needs at least one part');
  return sections.filter((section) => names.includes(section));
}

export function readArgs(argv: string[]): BenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      sizes: { type: 'string', default: '1000,100000' },
      'pg-sizes': { type: 'string', default: '1000,100000,1000000' },
      clients: { type: 'string' },
      levels: { type: 'string', default: '1,10,50' },
      connections: { type: 'string' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      accesses: { type: 'string', default: '30%' },
      messages: { type: 'string', default: '10x' },
      conversation: { type: 'string', default: '10000' },
      database: { type: 'string' },
      'tenancy-clients': { type: 'string', default: '1000000' },
      reseed: { type: 'boolean', default: false },
      term: { type: 'string' },
      emails: { type: 'string', default: '10000' },
      'email-rounds': { type: 'string', default: '3' },
      'file-rounds': { type: 'string', default: '5' },
      'lcp-runs': { type: 'string', default: '5' },
      'cpu-slowdown': { type: 'string', default: '4' },
      scenarios: { type: 'string', default: '' },
      profile: { type: 'string' },
      output: { type: 'string', default: 'bench/results/latest.md' },
      chart: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (values.database !== undefined && !/^postgres(ql)?:\/\//.test(values.database)) {
    throw new Error('--database takes a postgres:// URL; without it the bench uses temporary SQLite files');
  }
  const only = sectionList(
    values.only ?? sections.filter((s) => s !== 'tenancy' && (s !== 'postgres' || values.database)).join(','),
  );
  for (const part of ['postgres', 'tenancy'] as const) {
    if (only.includes(part) && !values.database) throw new Error(`--only ${part} needs --database postgres://…`);
  }
  return {
    only,
    sqliteSizes: numberList('sizes', values.clients ?? values.sizes, 1),
    postgresSizes: numberList('pg-sizes', values.clients ?? values['pg-sizes'], 1),
    levels: numberList('levels', values.connections ?? values.levels, 1),
    duration: wholeNumber('duration', values.duration, 1),
    warmup: wholeNumber('warmup', values.warmup, 0),
    accesses: parseAmount('accesses', values.accesses),
    messages: parseAmount('messages', values.messages),
    conversation: wholeNumber('conversation', values.conversation, 0),
    tenancyClients: wholeNumber('tenancy-clients', values['tenancy-clients'].replace(/_/g, ''), 50_000),
    reseed: values.reseed,
    database: values.database,
    term: values.term,
    emails: wholeNumber('emails', values.emails, 1),
    emailRounds: wholeNumber('email-rounds', values['email-rounds'], 1),
    fileRounds: wholeNumber('file-rounds', values['file-rounds'], 1),
    lcpRuns: wholeNumber('lcp-runs', values['lcp-runs'], 0),
    cpuSlowdown: wholeNumber('cpu-slowdown', values['cpu-slowdown'], 1),
    scenarios: values.scenarios
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
    profile: values.profile,
    output: values.output,
    chart: values.chart ?? path.join(path.dirname(values.output), 'latency-by-size.svg'),
  };
}
