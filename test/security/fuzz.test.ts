/**
 * Property-based fuzzing of every route in the route table, as an anonymous visitor, as a client
 * signed in to practice A's portal (messaging on) and as practice A's owner. fast-check generates
 * path ids (real rows of A and B, random uuids, garbage, very long, unicode, `../`), query strings
 * (the route's own keys and others, arrays, huge numbers, broken escapes) and bodies (built from
 * the route's OpenAPI schema with wrong types and extra keys such as `__proto__` and `practiceId`,
 * any JSON, broken JSON, other content types, hand-built and broken multipart). Every answer must
 * be below 500, a JSON `error.code` body when 400 or more, free of stacks, paths and SQL, never a
 * redirect off-site; and a refused request must leave every row of every table as it was.
 *
 * FUZZ_RUNS sets the runs per route and caller (default 20); FUZZ_SEED replays a failure.
 * The event streams never end for an authorised caller, so inject() cannot call them;
 * messaging.events.test.ts covers them over a real socket.
 */
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleFiles } from '../helpers/messages.js';
import { latestPortalEmail } from '../helpers/portal.js';
import { apiRoutes, pathParams, routeKey, type RouteEntry } from '../helpers/route-table.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { describeResponse, headerProblems, responseProblems } from './checks.js';
import {
  diffSnapshots,
  practiceWithPortalClients,
  rowOf,
  snapshotAll,
  storedFiles,
  tableNames,
  type SecurityPractice,
  type Snapshot,
} from './world.js';

const RUNS = Math.max(1, Number.parseInt(process.env.FUZZ_RUNS ?? '', 10) || 20);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

// ---------------------------------------------------------------------------------------------
// What the app says about its routes: the route table, and the OpenAPI document for their inputs.

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

interface RouteSpec {
  route: RouteEntry;
  key: string;
  params: string[];
  /** The route's own query parameters and their schemas. */
  query: { name: string; schema: JsonSchema }[];
  body: JsonSchema | null;
  multipart: boolean;
}

/** Routes that read a multipart body themselves (request.parts()); no JSON schema describes them. */
const multipartRoutes = new Set([
  'POST /api/clients/:id/files',
  'POST /api/clients/:id/messages',
  'POST /api/portal/:slug/messages',
  'PUT /api/settings/practice/logo',
  'PUT /api/portal/:slug/documents/:documentId/questions/:questionId/file',
]);

/** They never end for an authorised caller; see messaging.events.test.ts. */
const eventStreams = new Set([
  'GET /api/events',
  'HEAD /api/events',
  'GET /api/portal/:slug/events',
  'HEAD /api/portal/:slug/events',
]);

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const specs = await (async () => {
  const probe = await buildTestApp();
  try {
    const doc = (await probe.app.inject({ url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, OpenApiOperation>>;
    }>();
    return apiRoutes(probe.app)
      .filter((route) => !eventStreams.has(routeKey(route)))
      .map((route): RouteSpec => {
        const method = route.method === 'HEAD' ? 'get' : route.method.toLowerCase();
        const operation = doc.paths[openApiPath(route.url)]?.[method] ?? {};
        return {
          route,
          key: routeKey(route),
          params: [...pathParams(route.url), ...(route.url.endsWith('*') ? ['*'] : [])],
          query: (operation.parameters ?? [])
            .filter((p) => p.in === 'query')
            .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
          body: operation.requestBody?.content?.['application/json']?.schema ?? null,
          multipart: multipartRoutes.has(routeKey(route)),
        };
      });
  } finally {
    await probe.close();
  }
})();

// ---------------------------------------------------------------------------------------------
// The world: practice A (its owner and one portal client, mid-conversation) and practice B.

type PoolName = 'ids' | 'slugs' | 'emails' | 'tokens' | 'codes';

interface World {
  a: SecurityPractice;
  b: SecurityPractice;
  pools: Record<PoolName, string[]>;
}

interface Baseline {
  rows: Snapshot;
  files: string[];
}

let t: TestApp;
let world: World;
let tables: string[];
/** The database as it was before the request being judged; null when it must be read again. */
let baseline: Baseline | null = null;
let rowsSeen = 0;

/** Real values the fuzzer may aim at: ids of every kind of row, addresses, live sign-in links. */
async function poolsOf(a: SecurityPractice, b: SecurityPractice): Promise<Record<PoolName, string[]>> {
  const ids: string[] = [];
  const tokens: string[] = [];
  const codes: string[] = [];
  for (const p of [a, b]) {
    ids.push(p.practice.id, p.practice.owner.id);
    for (const c of p.clients) {
      ids.push(c.client.id, ...c.client.emails.map((e) => e.id), ...c.messages.flatMap((m) => [m.id, m.attachmentId]));
      const linked = await p.staff.post(`/api/clients/${c.client.id}/portal/sign-in-link`);
      if (linked.statusCode !== 200) throw new Error(`sign-in link: ${linked.body}`);
      const mail = await latestPortalEmail(t.deps, c.email);
      ids.push(mail.row.id);
      tokens.push(mail.token);
      codes.push(mail.code);
    }
  }
  return {
    ids,
    slugs: [a.practice.slug, b.practice.slug],
    emails: [a.practice.owner.email, b.practice.owner.email, ...[a, b].flatMap((p) => p.clients.map((c) => c.email))],
    tokens,
    codes,
  };
}

async function buildWorld(b?: SecurityPractice): Promise<World> {
  const a = await practiceWithPortalClients(t, 1);
  const other = b ?? (await practiceWithPortalClients(t, 1));
  return { a, b: other, pools: await poolsOf(a, other) };
}

/** Whether A's owner and A's client are still signed in and able to message. */
async function worldIsWhole(): Promise<boolean> {
  const session = await world.a.staff.get('/api/session');
  const client = world.a.clients[0];
  if (!client) return false;
  const unread = await client.agent.get(`/api/portal/${world.a.practice.slug}/messages/unread`);
  return session.json<{ staff: unknown }>().staff !== null && unread.statusCode === 200;
}

async function freshApp(): Promise<void> {
  t = await buildTestApp();
  world = await buildWorld();
  tables = await tableNames(t);
  baseline = null;
}

beforeAll(freshApp);
// Every refusal is checked against a snapshot of every row, so a long run (FUZZ_RUNS) starts again
// on a fresh database whenever the requests that worked have grown it.
beforeEach(async () => {
  if (rowsSeen < 5_000) return;
  await t.close();
  rowsSeen = 0;
  await freshApp();
});
afterAll(async () => {
  await t.close();
});

// ---------------------------------------------------------------------------------------------
// Generated input. Values that name real rows are drawn by index from the world's pools when the
// request is sent, so they stay real after the world is rebuilt.

interface PoolRef {
  pool: PoolName;
  index: number;
}
type Text = string | PoolRef;

/** JSON with room for what JSON.stringify cannot say: duplicate and `__proto__` keys, raw tokens. */
type Json = null | boolean | number | Text | Json[] | { entries: [string, Json][] } | { raw: string };

const poolRef = (pool: PoolName): fc.Arbitrary<PoolRef> => fc.nat().map((index) => ({ pool, index }));

function resolve(text: Text): string {
  if (typeof text === 'string') return text;
  const pool = world.pools[text.pool];
  return pool[text.index % pool.length] ?? '';
}

function isRef(value: unknown): value is PoolRef {
  return typeof value === 'object' && value !== null && 'pool' in value;
}

function serialise(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  if (isRef(value)) return JSON.stringify(resolve(value));
  if (value !== null && typeof value === 'object') {
    if ('raw' in value) return value.raw;
    return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${serialise(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const hostileStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202egnp.exe',
  '<script>alert(1)</script>',
  "' OR '1'='1' --",
  '"; DROP TABLE clients; --',
  '../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%2e%2e%2f',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e309',
  '\ud800',
  '😀👨‍👩‍👧',
  'x'.repeat(10_001),
  'A@EXAMPLE.TEST',
  '2026-03-02T15:00:00.000Z|00000000-0000-0000-0000-000000000000',
  '9999-12-31T23:59:59.999Z|ffffffff-ffff-ffff-ffff-ffffffffffff',
];

const hostileKeys = [
  'practiceId',
  'practice_id',
  'id',
  'role',
  'state',
  'createdAt',
  'senderId',
  'clientId',
  'staffId',
  'isAdmin',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
];

const ordinary = fc.constantFrom(
  'Ada',
  'Lovelace',
  'Welcome to the portal.',
  'hello',
  '+1 555 0100',
  '1990-04-23',
  'name',
  'all',
);

/** An ordinary value with one bad character in it, so it gets past the checks a wholly odd one fails. */
const poisoned: fc.Arbitrary<string> = fc
  .tuple(ordinary, fc.constantFrom('\u0000', '\u0000', '\u202e', '\ud800', '\u0007', '\r\n'), fc.nat())
  .map(([base, bad, at]) => {
    const cut = at % (base.length + 1);
    return base.slice(0, cut) + bad + base.slice(cut);
  });

const text: fc.Arbitrary<Text> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: poisoned },
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 3000 }) },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.emailAddress() },
  {
    weight: 3,
    arbitrary: fc.oneof(poolRef('ids'), poolRef('emails'), poolRef('slugs'), poolRef('tokens'), poolRef('codes')),
  },
);

const number: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1, 2 ** 53 + 1, 1e308, 0.5),
  fc.constantFrom('1e400', '-0', '123456789012345678901234567890', '1e-400').map((raw) => ({ raw })),
);

const hostileProto: Json = {
  entries: [
    ['role', 'owner'],
    ['isAdmin', true],
    ['practiceId', { pool: 'ids', index: 0 }],
  ],
};

/** Any JSON value, a few levels deep, hostile keys included. */
const anyJson: fc.Arbitrary<Json> = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    number,
    text,
    fc.array(tie('json'), { maxLength: 4 }),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...hostileKeys), fc.string({ maxLength: 8 })), tie('json')), {
        maxLength: 4,
      })
      .map((entries) => ({ entries })),
  ),
})).json;

const extraEntries: fc.Arbitrary<[string, Json][]> = fc.array(
  fc.oneof(
    fc.tuple(fc.constantFrom(...hostileKeys), anyJson),
    fc.constant<[string, Json]>(['__proto__', hostileProto]),
    fc.constant<[string, Json]>(['constructor', { entries: [['prototype', hostileProto]] }]),
  ),
  { maxLength: 2 },
);

/** A value shaped like the schema most of the time, with wrong types, nulls and extra keys mixed in. */
function valueFor(schema: JsonSchema, depth = 0): fc.Arbitrary<Json> {
  const plausible = plausibleFor(schema, depth);
  return fc.oneof(
    { weight: 8, arbitrary: plausible },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

function plausibleFor(schema: JsonSchema, depth: number): fc.Arbitrary<Json> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants && variants.length > 0) return fc.oneof(...variants.map((s) => plausibleFor(s, depth)));
  if (schema.enum && schema.enum.length > 0) {
    return fc.oneof(fc.constantFrom(...(schema.enum as Json[])), text);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      if (depth > 3) return anyJson;
      const properties = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      const fields = properties.map(([name, property]) =>
        fc
          .option(valueFor(property, depth + 1), { freq: required.has(name) ? 10 : 2, nil: undefined })
          .map((value): [string, Json] | null => (value === undefined ? null : [name, value])),
      );
      return fc.tuple(fc.tuple(...fields), extraEntries).map(([present, extra]) => ({
        entries: [...present.filter((entry): entry is [string, Json] => entry !== null), ...extra],
      }));
    }
    case 'array':
      return fc.array(schema.items ? valueFor(schema.items, depth + 1) : anyJson, { maxLength: 12 });
    case 'boolean':
      return fc.oneof(
        { weight: 4, arbitrary: fc.boolean() },
        { weight: 1, arbitrary: fc.constantFrom<Json>('true', 1, 0) },
      );
    case 'integer':
    case 'number':
      return number;
    case 'string':
      if (schema.format === 'uuid') return fc.oneof(poolRef('ids'), fc.uuid(), text);
      if (schema.format === 'email') return fc.oneof(poolRef('emails'), fc.emailAddress(), text);
      // Mostly values a field would take, so that a bad character is often the only fault.
      return fc.oneof(
        { weight: 3, arbitrary: ordinary },
        { weight: 3, arbitrary: poisoned },
        { weight: 2, arbitrary: text },
      );
    default:
      return anyJson;
  }
}

interface MultipartPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

const svgWithScript = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const htmlPage = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');

const multipartPart: fc.Arbitrary<MultipartPart> = fc.record({
  name: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('body', 'attachments') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'senderId',
        'practiceId',
        'clientId',
        '__proto__',
        'body[]',
        'attachments[0]',
        '',
        'a"b',
        'x\r\ny',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  ),
  filename: fc.option(
    fc.oneof(
      fc.constantFrom(
        'report.pdf',
        'photo.png',
        'photo.jpg',
        'scan.heic',
        'invoice.pdf.exe',
        '../../../../etc/passwd',
        '..\\..\\evil.png',
        'C:\\Users\\me\\photo.png',
        '"quoted".pdf',
        'line\r\nContent-Type: text/html\r\n\r\n.pdf',
        '\u202egnp.exe',
        'ünïcødé 😀.pdf',
        '.pdf',
        '',
        `${'a'.repeat(400)}.pdf`,
        'nul\u0000byte.png',
      ),
      fc.string({ maxLength: 40 }),
    ),
    { freq: 3, nil: null },
  ),
  contentType: fc.option(
    fc.constantFrom(
      'application/pdf',
      'image/png',
      'image/jpeg',
      'text/html',
      'image/svg+xml',
      'application/octet-stream',
      'x/y; a="',
    ),
    {
      nil: null,
    },
  ),
  data: fc.oneof(
    fc.constantFrom(
      sampleFiles.pdf(),
      sampleFiles.png(),
      sampleFiles.jpeg(),
      sampleFiles.heic(),
      sampleFiles.text(),
      sampleFiles.exe(),
      svgWithScript,
      htmlPage,
      Buffer.alloc(0),
    ),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
    fc
      .oneof(
        text.filter((v): v is string => typeof v === 'string'),
        fc.constant('x'.repeat(10_001)),
      )
      .map((s) => Buffer.from(s)),
  ),
});

interface MultipartSpec {
  parts: MultipartPart[];
  breakage: 'none' | 'truncate' | 'wrong-boundary' | 'no-closing' | 'no-boundary' | 'bad-header';
  cut: number;
}

const multipartBody: fc.Arbitrary<MultipartSpec> = fc.record({
  parts: fc.array(multipartPart, { maxLength: 8 }),
  breakage: fc.constantFrom(
    'none',
    'none',
    'none',
    'none',
    'truncate',
    'wrong-boundary',
    'no-closing',
    'no-boundary',
    'bad-header',
  ),
  cut: fc.nat(),
});

function buildMultipart(spec: MultipartSpec): { payload: Buffer; contentType: string } {
  const boundary = '----portico-fuzz-7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const part of spec.parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === null ? '' : `; filename="${part.filename}"`}`;
    const headers = [
      spec.breakage === 'bad-header' ? `Content-Disposition ${disposition}` : `Content-Disposition: ${disposition}`,
      ...(part.contentType ? [`Content-Type: ${part.contentType}`] : []),
    ];
    chunks.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`), part.data, Buffer.from('\r\n'));
  }
  if (spec.breakage !== 'no-closing') chunks.push(Buffer.from(`--${boundary}--\r\n`));
  let payload = Buffer.concat(chunks);
  if (spec.breakage === 'truncate' && payload.length > 0) payload = payload.subarray(0, spec.cut % payload.length);
  const contentType =
    spec.breakage === 'wrong-boundary'
      ? 'multipart/form-data; boundary=something-else'
      : spec.breakage === 'no-boundary'
        ? 'multipart/form-data'
        : `multipart/form-data; boundary=${boundary}`;
  return { payload, contentType };
}

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: Json }
  | { kind: 'raw'; contentType: string; text: string }
  | { kind: 'multipart'; spec: MultipartSpec };

function bodyFor(spec: RouteSpec): fc.Arbitrary<Body> {
  const shaped = spec.body ? plausibleFor(spec.body, 0) : anyJson;
  return fc.oneof(
    { weight: spec.body ? 6 : 2, arbitrary: shaped.map((value): Body => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: anyJson.map((value): Body => ({ kind: 'json', value })) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            '{',
            '{"a":',
            '[1,2',
            'nul',
            '{"__proto__":',
            '\u0000',
            '{"a":1}{"b":2}',
            '"just a string"',
            `"${'x'.repeat(1_100_000)}"`,
          ),
          fc.string({ maxLength: 40 }),
        )
        .map((raw): Body => ({ kind: 'raw', contentType: 'application/json', text: raw })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          contentType: fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/xml',
            'application/json; charset=utf-16',
            'application/json; charset=latin1',
            'application/json;;;',
            'multipart/form-data; boundary=x',
            'text/html',
            '',
          ),
          text: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('a=1&practiceId=x', '{"ok":true}', '<a/>')),
        })
        .map((raw): Body => ({ kind: 'raw', ...raw })),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) },
    { weight: spec.multipart ? 12 : 1, arbitrary: multipartBody.map((mp): Body => ({ kind: 'multipart', spec: mp })) },
  );
}

/** A path parameter: real ids and slugs, made-up ones, garbage, very long, unicode, traversal. */
interface ParamValue {
  value: Text;
  /** Sent as is (traversal and escapes) rather than percent-encoded. */
  raw: boolean;
}

const traversal = [
  '..',
  '.',
  '../..',
  '..%2f..%2f..%2fpackage.json',
  '%2e%2e',
  '%2e%2e%2f%2e%2e%2fpackage.json',
  '..%5c..%5c',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
];

function paramFor(name: string): fc.Arbitrary<ParamValue> {
  const real = name === 'slug' ? poolRef('slugs') : poolRef('ids');
  const encoded = fc.oneof(
    { weight: 5, arbitrary: real },
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
        'harbour',
        'api',
        '',
      ),
    },
    { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ minLength: 101, maxLength: 2000 }) },
  );
  if (name === '*') {
    return fc.oneof(
      fc
        .array(
          fc.oneof(
            fc.constantFrom('index.html', 'swagger-ui.css', '..', '.', 'x.js'),
            fc.string({ maxLength: 10 }).map(encodeURIComponent),
          ),
          {
            maxLength: 5,
          },
        )
        .map((segments) => ({ value: segments.join('/'), raw: true })),
      fc.constantFrom(...traversal).map((value) => ({ value, raw: true })),
    );
  }
  return fc.oneof(
    { weight: 9, arbitrary: encoded.map((value) => ({ value, raw: false })) },
    { weight: 1, arbitrary: fc.constantFrom(...traversal).map((value) => ({ value, raw: true })) },
  );
}

/** Percent-encodes any string, even one with lone surrogates (encodeURIComponent throws on those). */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  }
}

const queryValue: fc.Arbitrary<Text> = fc.oneof(
  text,
  fc.constantFrom(
    '1e309',
    '99999999999999999999999',
    '-1',
    '0',
    '1.5',
    'NaN',
    'Infinity',
    '0x10',
    ' 5 ',
    '',
    'true',
    '[]',
    '{}',
  ),
);

/** A query value as text: JSON-ish values from a schema become what a URL can carry. */
function queryText(value: Json): Text {
  if (typeof value === 'string' || isRef(value)) return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return serialise(value);
}

/**
 * The route's own parameters, each present or not with a value shaped by its schema, then extra
 * pairs (other keys, repeats that make arrays) and raw fragments such as broken escapes.
 */
function queryFor(spec: RouteSpec): fc.Arbitrary<(string | [string, Text])[]> {
  const own = fc.tuple(
    ...spec.query.map(({ name, schema }) =>
      fc.option(
        valueFor(schema).map((value): [string, Text] => [name, queryText(value)]),
        { freq: 2, nil: null },
      ),
    ),
  );
  const key = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...spec.query.map((q) => q.name), 'q') },
    { weight: 1, arbitrary: fc.constantFrom(...hostileKeys, 'limit[]', 'q[a]', 'hasOwnProperty') },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  const fragment = fc.constantFrom(
    '%',
    '%zz',
    '%E0%A4%A',
    '&&&',
    '=',
    '==x',
    'a=1&a=2&a=3',
    'q=%00',
    '__proto__[x]=1',
    'constructor[prototype][x]=1',
    'limit=1&limit=2',
  );
  const extra = fc.array(
    fc.oneof({ weight: 4, arbitrary: fc.tuple(key, queryValue) }, { weight: 1, arbitrary: fragment }),
    { maxLength: 3 },
  );
  return fc
    .tuple(own, fc.option(extra, { freq: 2, nil: [] }))
    .map(([mine, more]) => [...mine.filter((entry): entry is [string, Text] => entry !== null), ...more]);
}

interface FuzzRequest {
  params: Record<string, ParamValue>;
  query: (string | [string, Text])[];
  body: Body;
  csrf: 'valid' | 'missing' | 'wrong';
  ip: string;
}

function requestFor(spec: RouteSpec): fc.Arbitrary<FuzzRequest> {
  const hasBody = !safeMethods.has(spec.route.method);
  return fc.record({
    params: fc.record(Object.fromEntries(spec.params.map((name) => [name, paramFor(name)]))),
    query: queryFor(spec),
    body: hasBody ? bodyFor(spec) : fc.constant<Body>({ kind: 'none' }),
    csrf: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'missing', 'wrong'),
    // A new address each time, so the per-IP rate limits do not turn every later request into a 429.
    ip: fc.ipV4(),
  });
}

// ---------------------------------------------------------------------------------------------
// Sending, and judging the answer.

type Caller = 'anonymous' | 'client' | 'staff';

function urlOf(spec: RouteSpec, request: FuzzRequest): string {
  const param = (name: string): string => {
    const given = request.params[name];
    if (!given) return '';
    const value = resolve(given.value);
    return given.raw ? value : encode(value);
  };
  const path = spec.route.url
    .replace(/:([A-Za-z0-9_]+)/g, (_whole, name: string) => param(name))
    .replace(/\*$/, () => param('*'));
  const query = request.query
    .map((entry) => (typeof entry === 'string' ? entry : `${encode(entry[0])}=${encode(resolve(entry[1]))}`))
    .join('&');
  return query ? `${path}?${query}` : path;
}

function injection(spec: RouteSpec, caller: Caller, request: FuzzRequest): InjectOptions & { url: string } {
  const headers: Record<string, string> = { 'user-agent': 'portico-fuzz' };
  if (caller !== 'anonymous') {
    const agent = caller === 'staff' ? world.a.staff : world.a.clients[0]?.agent;
    if (!agent) throw new Error('world has no client');
    headers.cookie = agent.cookie;
    if (request.csrf === 'valid') headers['x-csrf-token'] = agent.csrfToken;
    if (request.csrf === 'wrong') headers['x-csrf-token'] = `${agent.csrfToken.slice(0, -2)}xx`;
  }
  const options: InjectOptions & { url: string } = {
    method: spec.route.method,
    url: urlOf(spec, request),
    headers,
    remoteAddress: request.ip,
  };
  const { body } = request;
  if (body.kind === 'json') {
    headers['content-type'] = 'application/json';
    options.payload = serialise(body.value);
  } else if (body.kind === 'raw') {
    if (body.contentType) headers['content-type'] = body.contentType;
    options.payload = body.text;
  } else if (body.kind === 'multipart') {
    const { payload, contentType } = buildMultipart(body.spec);
    headers['content-type'] = contentType;
    options.payload = payload;
  }
  return options;
}

/** Refused requests may still leave a trace of the attempt: the failure audits, a wrong-code count. */
const failureAudits = new Set([
  'staff.sign_in_failed',
  'portal.link_failed',
  'portal.code_failed',
  // A wrong current password on My account is recorded like a failed sign-in.
  'staff.password_change_refused',
  'staff.email_change_refused',
  // So are a wrong two-factor code and a wrong password when turning two-factor off.
  'staff.two_factor_code_failed',
  'staff.two_factor_disable_refused',
]);

function unexplainedChanges(before: Snapshot, after: Snapshot, response: LightMyRequestResponse): string[] {
  let code: string | undefined;
  try {
    code = (JSON.parse(response.body) as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  const problems: string[] = [];
  for (const { table, added, removed } of diffSnapshots(before, after)) {
    if (
      table === 'audit_log' &&
      removed.length === 0 &&
      added.every((row) => failureAudits.has(String(rowOf(row).action)))
    )
      continue;
    if (table === 'portal_tokens' && code === 'code_invalid' && added.length === removed.length) {
      const withoutAttempts = (rows: string[]) =>
        rows.map((row) => JSON.stringify({ ...rowOf(row), code_attempts: 0 })).sort();
      if (JSON.stringify(withoutAttempts(added)) === JSON.stringify(withoutAttempts(removed))) continue;
    }
    problems.push(`${table}: +${JSON.stringify(added).slice(0, 600)} -${JSON.stringify(removed).slice(0, 600)}`);
  }
  return problems;
}

async function capture(): Promise<Baseline> {
  const rows = await snapshotAll(t, tables);
  rowsSeen = Object.values(rows).reduce((sum, table) => sum + table.length, 0);
  return { rows, files: await storedFiles(t) };
}

async function fuzzOnce(spec: RouteSpec, caller: Caller, request: FuzzRequest): Promise<void> {
  baseline ??= await capture();
  const options = injection(spec, caller, request);
  const response = await t.app.inject(options);
  const label = `${caller} ${spec.route.method} ${options.url.slice(0, 300)} → ${describeResponse(response)}`;
  expect(responseProblems(response, spec.route.method), label).toEqual([]);
  // Dot segments are resolved before routing, as a browser would: `/api/portal/../../x` is `/x`.
  expect(headerProblems(response, { path: new URL(options.url, 'http://portico.test').pathname }), label).toEqual([]);
  if (response.statusCode >= 400) {
    const after = await capture();
    expect(unexplainedChanges(baseline.rows, after.rows, response), `${label}\nchanged the database`).toEqual([]);
    // Only new files count: other test runs share the temp folder and may empty it meanwhile.
    const known = new Set(baseline.files);
    expect(
      after.files.filter((file) => !known.has(file)),
      `${label}\nleft files behind`,
    ).toEqual([]);
    baseline = after;
    return;
  }
  baseline = null;
  // A request that worked may have signed someone out, archived the client or switched messaging
  // off; later runs need the world whole again.
  if (!safeMethods.has(spec.route.method) && caller !== 'anonymous' && !(await worldIsWhole())) {
    world = await buildWorld(world.b);
  }
}

const callers: Caller[] = ['anonymous', 'client', 'staff'];

describe('the route table', () => {
  it('is fuzzed whole: every route but the event streams, the multipart routes among them', () => {
    const keys = specs.map((s) => s.key);
    expect(keys.length).toBeGreaterThan(40);
    expect(keys).toEqual(expect.arrayContaining([...multipartRoutes]));
    // Every JSON write route is described by the OpenAPI document, so its bodies are shaped.
    const unshaped = specs
      .filter((s) => ['PUT', 'PATCH'].includes(s.route.method) && !s.body && !s.multipart)
      .map((s) => s.key);
    expect(unshaped).toEqual([]);
  });
});

describe.each(callers)('as %s', (caller) => {
  it.each(specs.map((spec) => ({ spec, name: spec.key })))(
    '$name',
    async ({ spec }) => {
      await fc.assert(
        fc.asyncProperty(requestFor(spec), (request) => fuzzOnce(spec, caller, request)),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: false },
      );
    },
    20_000 + RUNS * 400,
  );
});

describe('known issues', () => {
  it('a message text with a NUL character is refused with 400 (PostgreSQL cannot store it)', async () => {
    const client = world.a.clients[0];
    if (!client) throw new Error('world has no client');
    const { payload, contentType } = buildMultipart({
      parts: [{ name: 'body', filename: null, contentType: null, data: Buffer.from('hello\u0000there') }],
      breakage: 'none',
      cut: 0,
    });
    const response = await client.agent.request('POST', `/api/portal/${world.a.practice.slug}/messages`, payload, {
      headers: { 'content-type': contentType },
    });
    expect(response.statusCode, describeResponse(response)).toBe(400);
  });

  it('a broken multipart message answers 400, not 500', async () => {
    const client = world.a.clients[0];
    if (!client) throw new Error('world has no client');
    for (const [contentType, payload] of [
      ['multipart/form-data', '--x--\r\n'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="body"\r\n\r\nhi'],
    ]) {
      const response = await client.agent.request('POST', `/api/portal/${world.a.practice.slug}/messages`, payload, {
        headers: { 'content-type': contentType ?? '' },
      });
      expect(response.statusCode, describeResponse(response)).toBe(400);
    }
  });
});
