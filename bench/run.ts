/**
 * `npm run bench`: seeds a fresh database, starts the real server (startServer) and a bare Fastify
 * baseline in this process, and drives both from a forked autocannon process, so the load
 * generator never competes with the server for its event loop. See bench/args.ts for the flags.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SeededPractice } from '../src/server/seed/seed-database.js';
import { readArgs, usage, type BenchArgs } from './args.js';
import { startBareServer } from './bare-server.js';
import { prepareBenchDatabase } from './database.js';
import { LoadGenerator } from './load.js';
import type { LoadRequest, LoadResult } from './load-protocol.js';
import { captureResponses, signIn, startPortico, waitUntilIdle, type StaffSession } from './portico.js';
import { renderHttp, type ScenarioResult } from './report.js';
import { measureEmail, renderEmail } from './email.js';
import { measureBundles, measureLcp, renderWeb } from './web.js';

const parsed = readArgs(process.argv.slice(2));
if (parsed === 'help') {
  console.log(usage);
  process.exit(0);
}
const args: BenchArgs = parsed;

interface Scenario {
  name: string;
  detail: string;
  /** Sent in turn by every connection; the cookie goes with each. */
  requests: LoadRequest[];
}

const get = (path: string): LoadRequest => ({ method: 'GET', path });

function clientScenarios(practice: SeededPractice, term: string): Scenario[] {
  const termCount = practice.searchTerms.find((t) => t.term === term)?.clientsWithLastName;
  return [
    {
      name: 'client search',
      detail: `\`GET /api/clients?q=${term}\`, page 1 of 25${termCount ? ` (${termCount} clients have this surname)` : ''}`,
      requests: [get(`/api/clients?q=${encodeURIComponent(term)}&page=1&pageSize=25`)],
    },
    {
      name: 'client list',
      detail: '`GET /api/clients?sort=name`, first page of 25, no search',
      requests: [get('/api/clients?sort=name&page=1&pageSize=25')],
    },
    {
      name: 'client profile',
      detail: `\`GET /api/clients/:id\`, rotating over ${practice.clientIds.length} clients`,
      requests: practice.clientIds.map((id) => get(`/api/clients/${id}`)),
    },
  ];
}

const messageText =
  'Hi Sam, thanks for letting me know about the change at work. I have moved our Thursday session to 4:30 pm so ' +
  'you can come straight from the office; the room is the same as before. Please bring the sleep diary if you ' +
  'kept it this week, and tell me if the new time does not suit you. Take care, and see you on Thursday.';

/** A message as the staff app's composer sends it: multipart/form-data with a `body` field and no file. */
async function multipartMessage(text: string): Promise<{ body: string; contentType: string }> {
  const form = new FormData();
  form.append('body', text);
  const request = new Request('http://portico.bench/', { method: 'POST', body: form });
  return { body: await request.text(), contentType: request.headers.get('content-type') ?? '' };
}

/** The seeded conversation: its newest page, a page from its middle, and sending to it. */
async function messagingScenarios(practice: SeededPractice, middleCursor: string | null, session: StaffSession): Promise<Scenario[]> {
  const conversation = practice.conversation;
  if (!conversation || !middleCursor) return [];
  const messages = `/api/clients/${conversation.clientId}/messages`;
  const count = conversation.messages.toLocaleString('en');
  const audited = 'every view also writes an audit row (`messages.viewed`)';
  const multipart = await multipartMessage(messageText);
  return [
    {
      name: 'conversation, newest page',
      detail: `\`GET /api/clients/:id/messages?limit=50\`, the newest 50 of a conversation of ${count} messages; ${audited}`,
      requests: [get(`${messages}?limit=50`)],
    },
    {
      name: 'conversation, deep page',
      detail:
        `\`GET /api/clients/:id/messages?limit=50&before=<cursor>\`, the cursor from the middle of the ${count} messages ` +
        `(${Math.floor(conversation.messages / 2).toLocaleString('en')} newer ones above it); ${audited}`,
      requests: [get(`${messages}?limit=50&before=${encodeURIComponent(middleCursor)}`)],
    },
    {
      name: 'send a message',
      detail:
        `\`POST /api/clients/:id/messages\`, multipart with a ${messageText.length}-character body and no file, with ` +
        '`x-csrf-token`; each send inserts a message and an audit row and updates the conversation in one ' +
        'transaction, so the conversation grows by every request of the run and its warm-up',
      requests: [
        {
          method: 'POST',
          path: messages,
          body: multipart.body,
          headers: { 'content-type': multipart.contentType, 'x-csrf-token': session.csrfToken },
        },
      ],
    },
  ];
}

/** The HTTP scenarios on a freshly seeded database; returns the report's lines. */
async function runHttp(): Promise<string[]> {
  console.log(
    `Seeding ${args.clients} clients${args.messages > 0 ? ` and a conversation of ${args.messages} messages` : ''} ` +
      `on ${args.database ? 'PostgreSQL' : 'SQLite'}…`,
  );
  const database = await prepareBenchDatabase(args.database, args.clients, args.messages);
  const practice = database.seed.practices[0];
  if (!practice) throw new Error('the seed made no practice');
  console.log(`Seeded in ${(database.seed.durationMs / 1000).toFixed(1)} s.`);
  const portico = await startPortico(database);
  const load = new LoadGenerator();
  let bare: Awaited<ReturnType<typeof startBareServer>> | null = null;
  try {
    const session = await signIn(portico.url, practice.owner.email, database.seed.password);
    const { cookie } = session;
    const term = args.term ?? practice.searchTerms[0]?.term ?? 'smith';
    const scenarios = [
      ...clientScenarios(practice, term),
      ...(await messagingScenarios(practice, database.middleCursor, session)),
    ];
    const captured = await captureResponses(portico.url, { cookie }, scenarios.flatMap((s) => s.requests));
    bare = await startBareServer(captured);

    const measure = async (url: string, requests: LoadRequest[], headers: Record<string, string>): Promise<LoadResult> => {
      // A request slower than the whole run cannot complete in it anyway.
      const job = { url, requests, headers, connections: args.connections, timeout: Math.max(10, args.duration) };
      if (args.warmup > 0) {
        await load.run({ ...job, duration: args.warmup });
        await waitUntilIdle(portico.url);
      }
      const result = await load.run({ ...job, duration: args.duration });
      await waitUntilIdle(portico.url);
      return result;
    };
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      process.stdout.write(`Measuring ${scenario.name}… `);
      const onPortico = await measure(portico.url, scenario.requests, { cookie });
      // The same cookie (and CSRF header) goes to the bare server so both receive identical requests.
      const onBare = await measure(bare.url, scenario.requests, { cookie });
      results.push({ name: scenario.name, detail: scenario.detail, portico: onPortico, bare: onBare });
      const failed = onPortico.failures + onBare.failures;
      console.log(`${Math.round(onPortico.rps)} req/s (bare ${Math.round(onBare.rps)})${failed > 0 ? `, ${failed} failed` : ''}`);
    }

    return renderHttp(
      {
        dialect: database.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite',
        clients: database.seed.clients,
        messages: practice.conversation?.messages ?? 0,
        seedSeconds: database.seed.durationMs / 1000,
        connections: args.connections,
        duration: args.duration,
        warmup: args.warmup,
      },
      results,
    );
  } finally {
    load.stop();
    await bare?.app.close();
    await portico.stop();
    await database.dispose();
  }
}

/** Bundle sizes, and the portal sign-in page's LCP on a small seeded database. */
async function runWeb(): Promise<string[]> {
  console.log('Web: first-load sizes…');
  const firstLoad = await measureBundles();
  const database = await prepareBenchDatabase(undefined, 100, 0);
  try {
    const portico = await startPortico(database);
    try {
      const slug = database.seed.practices[0]?.slug ?? '';
      console.log(`Web: LCP of the portal sign-in page, ${args.lcpRuns} loads at ${args.cpuSlowdown}× CPU slowdown…`);
      const lcp = await measureLcp(`${portico.url}/portal/${slug}`, args.lcpRuns, args.cpuSlowdown);
      return renderWeb({ firstLoad, lcp });
    } finally {
      await portico.stop();
    }
  } finally {
    await database.dispose();
  }
}

/** Invitations through the outbox and MailWorker, next to nodemailer straight to the same SMTP server. */
async function runEmail(): Promise<string[]> {
  const result = await measureEmail(args.database, args.emails, (line) => console.log(line));
  return renderEmail([result]);
}

const started = new Date();
const parts: string[][] = [];
if (args.only.includes('http')) parts.push(await runHttp());
if (args.only.includes('email')) parts.push(await runEmail());
if (args.only.includes('web')) parts.push(await runWeb());
const report = [
  `# Portico bench — ${started.toISOString()}`,
  '',
  `Node ${process.version}, ${os.availableParallelism()} CPUs (load average ${os.loadavg()[0]?.toFixed(1) ?? '?'} at the end); ` +
    `parts: ${args.only.join(', ')}.`,
  ...parts.flatMap((lines) => ['', ...lines]),
].join('\n') + '\n';
console.log(`\n${report}`);
mkdirSync(path.dirname(args.output), { recursive: true });
writeFileSync(args.output, report);
console.log(`Written to ${args.output}`);
