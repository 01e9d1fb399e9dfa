import type { SeededPractice } from '../seed/seed-database.js';
import { startBareServer } from './bare-server.js';
import type { ServerProfiler } from './profile.js';
import { prepareBenchDatabase, type BenchData, type BenchDatabase } from './database.js';
import type { LoadGenerator } from './load.js';
import type { LoadRequest, LoadResult } from './load-protocol.js';
import {
  captureResponses,
  signIn,
  signInClient,
  startPortico,
  waitUntilIdle,
  type CapturedResponse,
  type Session,
} from './portico.js';

export interface Scenario {
  name: string;
  /** Whose requests: a staff member's, or a client's on the portal (signed in or not). */
  side: 'staff' | 'portal';
  detail: string;
  /** Sent in turn by every connection (or from one shared turn, see `order`). */
  requests: LoadRequest[];
  /** The session cookie, if any. */
  headers: Record<string, string>;
  order: 'each-connection' | 'shared';
}

/** One scenario at one number of connections, on Portico and on the bare server. */
export interface LevelResult {
  connections: number;
  portico: LoadResult;
  bare: LoadResult;
}

export interface ScenarioResult {
  name: string;
  side: Scenario['side'];
  detail: string;
  levels: LevelResult[];
}

/** The scenarios at one data size on one database. */
export interface SizeResult {
  dialect: 'sqlite' | 'postgres';
  data: BenchData;
  /** What the seed made: clients, portal accesses and messages over all conversations. */
  seeded: { clients: number; portalAccesses: number; messages: number; seconds: number };
  scenarios: ScenarioResult[];
}

export interface HttpOptions {
  postgresUrl: string | undefined;
  data: BenchData;
  levels: number[];
  duration: number;
  warmup: number;
  term: string | undefined;
  /** Only the scenarios whose names contain one of these (all when empty). */
  scenarios: string[];
  /** Profiles the server while Portico is measured, when given. */
  profiler: ServerProfiler | null;
  log: (line: string) => void;
}

const get = (path: string): LoadRequest => ({ method: 'GET', path });

/** Each prefix of a term, as a search box sees it typed: "S", "Sm", … "Smith". */
function typed(term: string): string[] {
  const characters = Array.from(term);
  return characters.map((_, index) => characters.slice(0, index + 1).join(''));
}

export function clientScenarios(
  practice: Pick<SeededPractice, 'clientIds' | 'searchTerms'>,
  term: string,
  session: Session,
): Scenario[] {
  const termCount = practice.searchTerms.find((t) => t.term === term)?.clientsWithLastName;
  const staff = { headers: { cookie: session.cookie }, side: 'staff' as const, order: 'each-connection' as const };
  return [
    {
      ...staff,
      name: 'client search',
      detail: `\`GET /api/clients?q=${term}\`, page 1 of 25${termCount ? ` (${termCount.toLocaleString('en')} clients have this surname)` : ''}`,
      requests: [get(`/api/clients?q=${encodeURIComponent(term)}&page=1&pageSize=25`)],
    },
    {
      ...staff,
      name: 'client search, as typed',
      detail: `\`GET /api/clients?q=…\` for each prefix of "${term}" as the search box sends it while it is typed (${typed(term).join(', ')}), in turn`,
      requests: typed(term).map((prefix) => get(`/api/clients?q=${encodeURIComponent(prefix)}&page=1&pageSize=25`)),
    },
    {
      ...staff,
      name: 'client list',
      detail: '`GET /api/clients?sort=name`, first page of 25, no search',
      requests: [get('/api/clients?sort=name&page=1&pageSize=25')],
    },
    {
      ...staff,
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

const audited = 'every view also writes an audit row (`messages.viewed`)';

/** The long conversation, seen by staff: its newest page and a page from its middle. */
function staffReadScenarios(practice: SeededPractice, middleCursor: string | null, session: Session): Scenario[] {
  const conversation = practice.conversation;
  if (!conversation || !middleCursor) return [];
  const messages = `/api/clients/${conversation.clientId}/messages`;
  const count = conversation.messages.toLocaleString('en');
  const staff = { headers: { cookie: session.cookie }, side: 'staff' as const, order: 'each-connection' as const };
  return [
    {
      ...staff,
      name: 'conversation, newest page',
      detail: `\`GET /api/clients/:id/messages?limit=50\`, the newest 50 of a conversation of ${count} messages; ${audited}`,
      requests: [get(`${messages}?limit=50`)],
    },
    {
      ...staff,
      name: 'conversation, deep page',
      detail:
        `\`GET /api/clients/:id/messages?limit=50&before=<cursor>\`, the cursor from the middle of the ${count} messages ` +
        `(${Math.floor(conversation.messages / 2).toLocaleString('en')} newer ones above it); ${audited}`,
      requests: [get(`${messages}?limit=50&before=${encodeURIComponent(middleCursor)}`)],
    },
  ];
}

/** The long conversation's client on the portal: the Home page's requests and the conversation page. */
function portalReadScenarios(practice: SeededPractice, client: Session | null): Scenario[] {
  if (!client || !practice.conversation) return [];
  const base = `/api/portal/${practice.slug}`;
  const portal = { headers: { cookie: client.cookie }, side: 'portal' as const, order: 'each-connection' as const };
  return [
    {
      ...portal,
      name: 'portal Home',
      detail:
        `the three requests the portal's Home page makes, in turn: \`GET ${base}/session\` (the client, permissions, ` +
        `CSRF token), \`GET ${base}\` (the practice) and \`GET …/messages/unread\`; figures are per request`,
      requests: [get(`${base}/session`), get(base), get(`${base}/messages/unread`)],
    },
    {
      ...portal,
      name: 'portal conversation page',
      detail:
        `\`GET ${base}/messages?limit=30\`, the newest 30 messages as the portal's Messages page asks for them, of the same ` +
        `${practice.conversation.messages.toLocaleString('en')}-message conversation; ${audited}`,
      requests: [get(`${base}/messages?limit=30`)],
    },
  ];
}

/** Writes: a staff member sends to the long conversation; clients ask for sign-in links. */
async function writeScenarios(practice: SeededPractice, session: Session): Promise<Scenario[]> {
  const scenarios: Scenario[] = [];
  const conversation = practice.conversation;
  if (conversation) {
    const multipart = await multipartMessage(messageText);
    scenarios.push({
      name: 'send a message',
      side: 'staff',
      detail:
        `\`POST /api/clients/:id/messages\`, multipart with a ${messageText.length}-character body and no file, with ` +
        '`x-csrf-token`; each send inserts a message and an audit row and updates the conversation in one ' +
        'transaction, so the conversation grows by every request of the run and its warm-up',
      requests: [
        {
          method: 'POST',
          path: `/api/clients/${conversation.clientId}/messages`,
          body: multipart.body,
          headers: { 'content-type': multipart.contentType, 'x-csrf-token': session.csrfToken },
        },
      ],
      headers: { cookie: session.cookie },
      order: 'each-connection',
    });
  }
  const emails = practice.portalEmails;
  if (emails.length > 0) {
    scenarios.push({
      name: 'request a sign-in link',
      side: 'portal',
      detail:
        `\`POST /api/portal/${practice.slug}/sign-in/request\` with \`{"email": …}\`, going round ${emails.length.toLocaleString('en')} ` +
        'clients with portal access, one after another across all connections, each from an address of its own ' +
        '(`X-Forwarded-For`, with `TRUST_PROXY=127.0.0.1` as behind a reverse proxy on the same machine). Each issues a link and code, queues the email ' +
        'and writes an audit row in one transaction. The limits (20 a minute per address, 5 per 15 minutes per email) ' +
        'are on: once every client has asked 5 times, answers are 429, counted apart',
      requests: emails.map((email, index) => ({
        method: 'POST' as const,
        path: `/api/portal/${practice.slug}/sign-in/request`,
        body: JSON.stringify({ email }),
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
        },
      })),
      headers: {},
      order: 'shared',
    });
  }
  return scenarios;
}

/** Seeds a database of one size, starts Portico on it, and measures every scenario at every level next to the bare server. */
export async function measureSize(load: LoadGenerator, options: HttpOptions): Promise<SizeResult> {
  const { data, log } = options;
  const dialectName = options.postgresUrl ? 'PostgreSQL' : 'SQLite';
  log(
    `Seeding ${data.clients.toLocaleString('en')} clients, ${data.accesses.toLocaleString('en')} with portal access, ` +
      `${data.messages.toLocaleString('en')} messages and a conversation of ${data.conversation.toLocaleString('en')} on ${dialectName}…`,
  );
  const database: BenchDatabase = await prepareBenchDatabase(options.postgresUrl, data);
  try {
    const practice = database.seed.practices[0];
    if (!practice) throw new Error('the seed made no practice');
    const seeded = {
      clients: database.seed.clients,
      portalAccesses: database.seed.portalAccesses,
      messages: database.seed.messages,
      seconds: database.seed.durationMs / 1000,
    };
    log(`Seeded in ${seeded.seconds.toFixed(1)} s.`);
    const portico = await startPortico(database);
    try {
      const session = await signIn(portico.url, practice.owner.email, database.seed.password);
      const client = database.portalLinkToken
        ? await signInClient(portico.url, practice.slug, database.portalLinkToken)
        : null;
      const term = options.term ?? practice.searchTerms[0]?.term ?? 'smith';
      // Reads first; then the writes, which grow the conversation and the outbox.
      const scenarios = [
        ...clientScenarios(practice, term, session),
        ...staffReadScenarios(practice, database.middleCursor, session),
        ...portalReadScenarios(practice, client),
        ...(await writeScenarios(practice, session)),
      ].filter(
        (scenario) => options.scenarios.length === 0 || options.scenarios.some((name) => scenario.name.includes(name)),
      );
      const results = await measureScenarios(load, portico.url, scenarios, {
        ...options,
        profileName: `${database.dialect}-${data.clients}`,
      });
      return { dialect: database.dialect, data, seeded, scenarios: results };
    } finally {
      await portico.stop();
    }
  } finally {
    await database.dispose();
  }
}

export interface MeasureOptions {
  levels: number[];
  duration: number;
  warmup: number;
  profiler: ServerProfiler | null;
  /** Starts the profiles' file names. */
  profileName: string;
  log: (line: string) => void;
}

/**
 * Measures each scenario at each level on a running Portico, then the same requests on a bare
 * server sending Portico's captured answers (the floor), started here and closed at the end.
 */
export async function measureScenarios(
  load: LoadGenerator,
  porticoUrl: string,
  scenarios: readonly Scenario[],
  options: MeasureOptions,
): Promise<ScenarioResult[]> {
  const captured = new Map<string, CapturedResponse>();
  for (const scenario of scenarios) {
    for (const [key, value] of await captureResponses(porticoUrl, scenario.headers, scenario.requests.slice(0, 50))) {
      captured.set(key, value);
    }
  }
  const bare = await startBareServer(captured);
  try {
    const measure = async (
      url: string,
      scenario: Scenario,
      connections: number,
      profiler: ServerProfiler | null = null,
    ): Promise<LoadResult> => {
      // A request slower than the whole run cannot complete in it anyway.
      const job = {
        url,
        requests: scenario.requests,
        headers: scenario.headers,
        order: scenario.order,
        connections,
        timeout: Math.max(10, options.duration),
      };
      if (options.warmup > 0) {
        await load.run({ ...job, duration: options.warmup });
        await waitUntilIdle(porticoUrl);
      }
      await profiler?.start();
      const result = await load.run({ ...job, duration: options.duration });
      if (profiler) {
        const name = `${options.profileName}-${scenario.name}-${connections}`;
        for (const line of await profiler.stop(name)) options.log(line);
      }
      await waitUntilIdle(porticoUrl);
      return result;
    };
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      const levels: LevelResult[] = [];
      for (const connections of options.levels) {
        const onPortico = await measure(porticoUrl, scenario, connections, options.profiler);
        // The same requests, cookie and headers go to the bare server.
        const onBare = await measure(bare.url, scenario, connections);
        levels.push({ connections, portico: onPortico, bare: onBare });
        const failed = onPortico.failures + onBare.failures;
        const limited = onPortico.rateLimited > 0 ? `, ${onPortico.rateLimited} answered 429` : '';
        options.log(
          `  ${scenario.name}, ${connections} conn.: ${Math.round(onPortico.rps)} req/s, p99 ${onPortico.p99?.toFixed(1) ?? '–'} ms ` +
            `(bare ${Math.round(onBare.rps)})${limited}${failed > 0 ? `, ${failed} failed` : ''}`,
        );
      }
      results.push({ name: scenario.name, side: scenario.side, detail: scenario.detail, levels });
    }
    return results;
  } finally {
    await bare.app.close();
  }
}
