import { parseArgs } from 'node:util';

export interface BenchArgs {
  /** Seconds each measurement runs. */
  duration: number;
  /** Seconds of unrecorded load before each measurement, so JIT and caches are warm. */
  warmup: number;
  connections: number;
  clients: number;
  /** Messages in the seeded conversation; 0 leaves out the messaging scenarios. */
  messages: number;
  /** A postgres:// URL; absent means a temporary SQLite file. */
  database: string | undefined;
  /** Overrides the search term (default: the most common seeded surname). */
  term: string | undefined;
  output: string;
  /** Invitations queued and delivered in the email figures. */
  emails: number;
  /** Which parts run: the HTTP scenarios, email throughput, the web figures. */
  only: Section[];
  /** Page loads the portal sign-in page's LCP is the median of. */
  lcpRuns: number;
  cpuSlowdown: number;
}

export const sections = ['http', 'email', 'web'] as const;
export type Section = (typeof sections)[number];

export const usage = `Load figures for the client list, search and profile, and a client's secure-messaging
conversation (two pages and sending), against a bare Fastify baseline.

  npm run bench -- [--duration 10] [--connections 10] [--clients 100000] [--messages 10000]
                   [--warmup 2] [--database postgres://…] [--term Smith] [--output bench/results/latest.md]
                   [--only http,email,web] [--emails 10000] [--lcp-runs 5] [--cpu-slowdown 4]

--messages is the length of the seeded conversation; 0 leaves the messaging scenarios out.
--only picks the parts: http (the scenarios above), email (--emails portal invitations queued
and delivered by the outbox's MailWorker to a loopback SMTP server, next to nodemailer sending the
same messages straight to it), web (first-load JS of both apps, built
first if dist/web is missing, and the portal sign-in page's Largest Contentful Paint in headless
Chromium, median of --lcp-runs loads with the CPU slowed --cpu-slowdown times).`;

function sectionList(raw: string): Section[] {
  const names = raw.split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!(sections as readonly string[]).includes(name)) throw new Error(`--only takes ${sections.join(', ')}; got "${name}"`);
  }
  if (names.length === 0) throw new Error('--only needs at least one part');
  return sections.filter((section) => names.includes(section));
}

function wholeNumber(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
}

export function readArgs(argv: string[]): BenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      clients: { type: 'string', default: '100000' },
      messages: { type: 'string', default: '10000' },
      database: { type: 'string' },
      term: { type: 'string' },
      output: { type: 'string', default: 'bench/results/latest.md' },
      only: { type: 'string', default: sections.join(',') },
      emails: { type: 'string', default: '10000' },
      'lcp-runs': { type: 'string', default: '5' },
      'cpu-slowdown': { type: 'string', default: '4' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (values.database !== undefined && !/^postgres(ql)?:\/\//.test(values.database)) {
    throw new Error('--database takes a postgres:// URL; without it the bench uses a temporary SQLite file');
  }
  return {
    duration: wholeNumber('duration', values.duration, 1),
    warmup: wholeNumber('warmup', values.warmup, 0),
    connections: wholeNumber('connections', values.connections, 1),
    clients: wholeNumber('clients', values.clients, 1),
    messages: wholeNumber('messages', values.messages, 0),
    database: values.database,
    term: values.term,
    output: values.output,
    only: sectionList(values.only),
    emails: wholeNumber('emails', values.emails, 1),
    lcpRuns: wholeNumber('lcp-runs', values['lcp-runs'], 1),
    cpuSlowdown: wholeNumber('cpu-slowdown', values['cpu-slowdown'], 1),
  };
}
