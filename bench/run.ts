/**
 * `npm run bench`: seeds a fresh database, starts the real server (startServer) and a bare Fastify
 * baseline in this process, and drives both from a forked autocannon process, so the load
 * generator never competes with the server for its event loop. See bench/args.ts for the flags.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readArgs, usage } from './args.js';
import { startBareServer } from './bare-server.js';
import { prepareBenchDatabase } from './database.js';
import { LoadGenerator } from './load.js';
import type { LoadResult } from './load-protocol.js';
import { captureBodies, signIn, startPortico, waitUntilIdle } from './portico.js';
import { renderReport, type ScenarioResult } from './report.js';

const args = readArgs(process.argv.slice(2));
if (args === 'help') {
  console.log(usage);
  process.exit(0);
}

console.log(`Seeding ${args.clients} clients on ${args.database ? 'PostgreSQL' : 'SQLite'}…`);
const database = await prepareBenchDatabase(args.database, args.clients);
const practice = database.seed.practices[0];
if (!practice) throw new Error('the seed made no practice');
console.log(`Seeded in ${(database.seed.durationMs / 1000).toFixed(1)} s.`);

const term = args.term ?? practice.searchTerms[0]?.term ?? 'smith';
const termCount = practice.searchTerms.find((t) => t.term === term)?.clientsWithLastName;
const scenarios = [
  {
    name: 'client search',
    detail: `\`GET /api/clients?q=${term}\`, page 1 of 25${termCount ? ` (${termCount} clients have this surname)` : ''}`,
    paths: [`/api/clients?q=${encodeURIComponent(term)}&page=1&pageSize=25`],
  },
  {
    name: 'client list',
    detail: '`GET /api/clients?sort=name`, first page of 25, no search',
    paths: ['/api/clients?sort=name&page=1&pageSize=25'],
  },
  {
    name: 'client profile',
    detail: `\`GET /api/clients/:id\`, rotating over ${practice.clientIds.length} clients`,
    paths: practice.clientIds.map((id) => `/api/clients/${id}`),
  },
];

const portico = await startPortico(database);
const load = new LoadGenerator();
let bare: Awaited<ReturnType<typeof startBareServer>> | null = null;
try {
  const cookie = await signIn(portico.url, practice.owner.email, database.seed.password);
  const bodies = await captureBodies(portico.url, cookie, scenarios.flatMap((s) => s.paths));
  bare = await startBareServer(bodies);

  const measure = async (url: string, paths: string[], headers: Record<string, string>): Promise<LoadResult> => {
    // A request slower than the whole run cannot complete in it anyway.
    const job = { url, paths, headers, connections: args.connections, timeout: Math.max(10, args.duration) };
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
    const onPortico = await measure(portico.url, scenario.paths, { cookie });
    // The same cookie goes to the bare server so both receive identical requests.
    const onBare = await measure(bare.url, scenario.paths, { cookie });
    results.push({ name: scenario.name, detail: scenario.detail, portico: onPortico, bare: onBare });
    console.log(`${Math.round(onPortico.rps)} req/s (bare ${Math.round(onBare.rps)})`);
  }

  const report = renderReport(
    {
      date: new Date(),
      dialect: database.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite',
      clients: database.seed.clients,
      seedSeconds: database.seed.durationMs / 1000,
      connections: args.connections,
      duration: args.duration,
      warmup: args.warmup,
    },
    results,
  );
  console.log(`\n${report}`);
  mkdirSync(path.dirname(args.output), { recursive: true });
  writeFileSync(args.output, report);
  console.log(`Written to ${args.output}`);
} finally {
  load.stop();
  await bare?.app.close();
  await portico.stop();
  await database.dispose();
}
