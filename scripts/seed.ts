import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { seedDatabase } from '../src/server/seed/seed-database.js';

const usage = `Fills a database with generated practices and clients.

  npm run seed -- [--clients 100000] [--practices 1] [--database ./data/seed.db | postgres://…] [--seed 1]

  --clients    clients per practice (default 1000)
  --practices  practices, each with an owner (default 1)
  --database   SQLite file or PostgreSQL URL (default: DATABASE_URL, else ./data/portico.db)
  --seed       random seed: the same seed makes the same names (default 1)`;

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    practices: { type: 'string', default: '1' },
    database: { type: 'string' },
    seed: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

function positiveInt(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number, got "${raw}"\n\n${usage}`);
    process.exit(1);
  }
  return value;
}

if (values.help) {
  console.log(usage);
  process.exit(0);
}
const clientsPerPractice = positiveInt('clients', values.clients);
const practices = positiveInt('practices', values.practices);
const seed = positiveInt('seed', values.seed);
const databaseUrl = values.database ?? loadConfig().databaseUrl;

const database = openDatabase(databaseUrl);
try {
  const migrated = await migrateToLatest(database.db);
  if (migrated.length > 0) console.log(`Migrated: ${migrated.join(', ')}`);
  // Progress goes to stderr and only to a terminal, so piped output stays a clean summary.
  const showProgress = process.stderr.isTTY;
  const result = await seedDatabase(database.db, database.dialect, {
    practices,
    clientsPerPractice,
    seed,
    onProgress: showProgress ? (done, total) => process.stderr.write(`\r  ${done} / ${total} clients`) : undefined,
  });
  if (showProgress) process.stderr.write('\n');

  const shownUrl = database.dialect === 'postgres' ? databaseUrl.replace(/\/\/[^@/]*@/, '//***@') : databaseUrl;
  console.log(
    `Seeded ${result.practices.length} practice(s), ${result.clients} clients and ${result.emails} emails ` +
      `into ${shownUrl} in ${(result.durationMs / 1000).toFixed(1)} s.`,
  );
  console.log(`Every owner's password: ${result.password}`);
  for (const practice of result.practices) {
    console.log(`\n${practice.name} (${practice.slug}, ${practice.timeZone})`);
    console.log(`  owner:        ${practice.owner.email}`);
    console.log(`  search terms: ${practice.searchTerms.map((t) => `${t.term} (${t.clientsWithLastName})`).join(', ')}`);
    console.log(`  client ids:   ${practice.clientIds.slice(0, 3).join(', ')}`);
  }
} finally {
  await database.close();
}
