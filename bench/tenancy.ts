import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { seedPassword } from '../seed/seed-database.js';
import { prepareBenchDatabase } from './database.js';
import { clientScenarios, measureScenarios, type ScenarioResult } from './http.js';
import type { LoadGenerator } from './load.js';
import { signIn, startPortico } from './portico.js';
import type { ServerProfiler } from './profile.js';
import { ms, ratio, scenarioTable } from './report.js';
import { seedTenancy } from './tenancy-seed.js';

export interface TenancyOptions {
  /** The PostgreSQL database the tenancy lives in (a schema `tenancy_<clients>` of it, kept between runs). */
  database: string;
  clients: number;
  /** Seed the tenancy again even if its schema is there. */
  reseed: boolean;
  levels: number[];
  duration: number;
  warmup: number;
  profiler: ServerProfiler | null;
  log: (line: string) => void;
}

/** One practice measured: the client search, search as typed, list and profile scenarios. */
export interface PracticeResult {
  label: string;
  clients: number;
  term: string;
  /** Whether it keeps search rows (decision 027) or its searches read the search documents. */
  searchRows: boolean;
  scenarios: ScenarioResult[];
}

export interface TenancyResult {
  clients: number;
  practices: number;
  withSearchRows: number;
  /** Seconds the seed took, or null when an earlier run's tenancy was used again. */
  seededSeconds: number | null;
  seededAt: string;
  /** A practice of 1,000 clients alone in its database: the figure the goal compares with. */
  baseline: PracticeResult;
  /** A practice of about 250 clients and the largest, in the tenancy. */
  measured: PracticeResult[];
}

const scenarioNames = ['client search', 'client search, as typed', 'client list', 'client profile'];

function schemaUrl(database: string, schema: string): string {
  const url = new URL(database);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

interface Marker {
  clients: number;
  practices: number;
  with_search_rows: number;
  seconds: number;
  seeded_at: string;
}

/**
 * The tenancy's schema, seeded unless a complete one of the same size is there already (the
 * `bench_tenancy` row is written last, so an interrupted seed is started again).
 */
async function prepareTenancy(options: TenancyOptions): Promise<{ url: string; marker: Marker; reused: boolean }> {
  const schema = `tenancy_${options.clients}`;
  const url = schemaUrl(options.database, schema);
  const handle = openDatabase(url);
  try {
    const found = await sql<Marker>`
      select clients, practices, with_search_rows, seconds, seeded_at from bench_tenancy
    `
      .execute(handle.db)
      .then((result) => result.rows[0])
      .catch(() => undefined);
    if (found && !options.reseed) return { url, marker: found, reused: true };
  } finally {
    await handle.close();
  }
  options.log(`Seeding a tenancy of ${options.clients.toLocaleString('en')} clients in schema ${schema}…`);
  await onServer(options.database, `drop schema if exists ${schema} cascade`);
  await onServer(options.database, `create schema ${schema}`);
  const seeding = openDatabase(url);
  try {
    await migrateToLatest(seeding.db, schema);
    const seeded = await seedTenancy(seeding.db, options.clients, options.log);
    const marker: Marker = {
      clients: seeded.clients,
      practices: seeded.practices,
      with_search_rows: seeded.withSearchRows,
      seconds: seeded.seconds,
      seeded_at: new Date().toISOString(),
    };
    await sql`
      create table bench_tenancy (clients integer, practices integer, with_search_rows integer, seconds real, seeded_at text)
    `.execute(seeding.db);
    await sql`
      insert into bench_tenancy values
        (${marker.clients}, ${marker.practices}, ${marker.with_search_rows}, ${marker.seconds}, ${marker.seeded_at})
    `.execute(seeding.db);
    options.log(`Seeded in ${seeded.seconds.toFixed(0)} s.`);
    return { url, marker, reused: false };
  } finally {
    await seeding.close();
  }
}

interface PickedPractice {
  id: string;
  slug: string;
  clients: number;
  searchRows: boolean;
}

/** The practice's owner, 20 active clients to open and its most common surname. */
async function practiceFacts(
  db: Db,
  practiceId: string,
): Promise<{ email: string; clientIds: string[]; term: string }> {
  const owner = await db
    .selectFrom('staff_users')
    .select('email')
    .where('practice_id', '=', practiceId)
    .executeTakeFirstOrThrow();
  const clients = await db
    .selectFrom('clients')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('archived_at', 'is', null)
    .orderBy('created_at')
    .limit(20)
    .execute();
  const surname = await db
    .selectFrom('clients')
    .select(['last_name', (eb) => eb.fn.countAll().as('n')])
    .where('practice_id', '=', practiceId)
    .groupBy('last_name')
    .orderBy('n', 'desc')
    .orderBy('last_name')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { email: owner.email, clientIds: clients.map((c) => c.id), term: surname.last_name };
}

async function measurePractice(
  load: LoadGenerator,
  porticoUrl: string,
  db: Db,
  practice: PickedPractice,
  label: string,
  options: TenancyOptions,
): Promise<PracticeResult> {
  const facts = await practiceFacts(db, practice.id);
  options.log(`${label}: ${practice.clients.toLocaleString('en')} clients, search "${facts.term}"`);
  const session = await signIn(porticoUrl, facts.email, seedPassword);
  const scenarios = clientScenarios({ clientIds: facts.clientIds, searchTerms: [] }, facts.term, session).filter((s) =>
    scenarioNames.includes(s.name),
  );
  const results = await measureScenarios(load, porticoUrl, scenarios, {
    ...options,
    profileName: `tenancy-${options.clients}-${practice.clients}`,
  });
  return {
    label,
    clients: practice.clients,
    term: facts.term,
    searchRows: practice.searchRows,
    scenarios: results,
  };
}

/**
 * The tenancy figures: seeds the tenancy (or finds it), then measures the client scenarios on a
 * practice of 1,000 clients alone in a fresh schema, then, on the same server settings, in the
 * tenancy of `clients` clients over many practices: on a practice of about 250 clients and on
 * the largest.
 */
export async function measureTenancy(load: LoadGenerator, options: TenancyOptions): Promise<TenancyResult> {
  // Seeded first, so the measurements run one after another.
  const tenancy = await prepareTenancy(options);
  if (tenancy.reused) {
    options.log(
      `Using the tenancy seeded at ${tenancy.marker.seeded_at} (${tenancy.marker.clients.toLocaleString('en')} clients; --reseed to seed it again).`,
    );
  }
  options.log('Tenancy: the baseline, 1,000 clients in one practice alone…');
  const alone = await prepareBenchDatabase(options.database, {
    clients: 1000,
    accesses: 0,
    messages: 0,
    conversation: 0,
  });
  let baseline: PracticeResult;
  try {
    const portico = await startPortico(alone);
    const handle = openDatabase(alone.url, { poolSize: 1 });
    try {
      const seeded = alone.seed.practices[0];
      if (!seeded) throw new Error('the seed made no practice');
      baseline = await measurePractice(
        load,
        portico.url,
        handle.db,
        { id: seeded.id, slug: seeded.slug, clients: 1000, searchRows: true },
        '1,000 clients alone',
        options,
      );
    } finally {
      await handle.close();
      await portico.stop();
    }
  } finally {
    await alone.dispose();
  }

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-tenancy-'));
  const portico = await startPortico({ url: tenancy.url, dataDir });
  const handle = openDatabase(tenancy.url, { poolSize: 1 });
  try {
    const sizes = await handle.db
      .selectFrom('practice_client_counts')
      .innerJoin('practices', 'practices.id', 'practice_client_counts.practice_id')
      .select(['practices.id', 'practices.slug', 'active', 'archived', 'search_rows'])
      .execute();
    const practices = sizes
      .map((row) => ({
        id: row.id,
        slug: row.slug,
        clients: row.active + row.archived,
        searchRows: row.search_rows === 1,
      }))
      .sort((a, b) => b.clients - a.clients);
    const largest = practices[0];
    const typical = [...practices].sort((a, b) => Math.abs(a.clients - 250) - Math.abs(b.clients - 250))[0];
    if (!largest || !typical) throw new Error('the tenancy has no practices');
    const measured = [
      await measurePractice(load, portico.url, handle.db, typical, 'a practice of the tenancy', options),
      await measurePractice(load, portico.url, handle.db, largest, 'its largest practice', options),
    ];
    return {
      clients: tenancy.marker.clients,
      practices: tenancy.marker.practices,
      withSearchRows: tenancy.marker.with_search_rows,
      seededSeconds: tenancy.reused ? null : tenancy.marker.seconds,
      seededAt: tenancy.marker.seeded_at,
      baseline,
      measured: measured,
    };
  } finally {
    await handle.close();
    await portico.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The goal: search and profile p50 in the tenancy at most 1.5× their figure at 1,000 clients. */
const goal = 1.5;

export function renderTenancy(result: TenancyResult): string[] {
  const count = (n: number): string => n.toLocaleString('en');
  const all = [result.baseline, ...result.measured];
  const levels = result.baseline.scenarios[0]?.levels.map((level) => level.connections) ?? [];
  const lines = [
    '## PostgreSQL tenancy',
    '',
    `${count(result.clients)} clients in ${count(result.practices)} practices (${count(result.withSearchRows)} of them ` +
      "with 1,000 clients or more, which keep search rows; the others search their clients' documents, decision 027), " +
      (result.seededSeconds === null
        ? `seeded at ${result.seededAt} by an earlier run. `
        : `seeded in ${result.seededSeconds.toFixed(0)} s with COPY. `) +
      'Each practice is measured through its own owner, on the same server; "1,000 alone" is a practice of 1,000 ' +
      'clients alone in a fresh schema of the same database, the figure the goal compares with: p50 in the ' +
      `tenancy at most ${goal}× it. Load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} at the end.`,
    '',
    `| scenario | conns | ${all.map((p) => `${p.label} (${count(p.clients)}) p50`).join(' | ')} | ${result.measured
      .map((p) => `${p.label}: × 1,000`)
      .join(' | ')} | bare p50 |`,
    `| --- | ---: |${all.map(() => ' ---: |').join('')}${result.measured.map(() => ' ---: |').join('')} ---: |`,
  ];
  for (const name of scenarioNames) {
    for (const connections of levels) {
      const p50 = (practice: PracticeResult): number | null =>
        practice.scenarios.find((s) => s.name === name)?.levels.find((l) => l.connections === connections)?.portico
          .p50 ?? null;
      const bare = result.baseline.scenarios
        .find((s) => s.name === name)
        ?.levels.find((l) => l.connections === connections)?.bare.p50;
      const base = p50(result.baseline);
      const ratios = result.measured.map((p) => {
        const r = ratio(p50(p), base);
        const value = p50(p);
        const met = value !== null && base !== null && value <= goal * base;
        return name === 'client list' ? r : `${r}${met ? '' : ' ✗'}`;
      });
      lines.push(
        `| ${connections === levels[0] ? name : ''} | ${connections} | ${all.map((p) => ms(p50(p))).join(' | ')} | ${ratios.join(' | ')} | ${ms(bare ?? null)} |`,
      );
    }
  }
  lines.push('', `✗: over ${goal}× (the list is shown for comparison; the goal names search and profile).`);
  for (const practice of all) {
    lines.push(
      '',
      `### ${practice.label}: ${count(practice.clients)} clients, ${practice.searchRows ? 'search rows' : 'search documents'}, ` +
        `search "${practice.term}"`,
      '',
      ...scenarioTable(practice.scenarios),
    );
  }
  return lines;
}
