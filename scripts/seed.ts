import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { parseAmount, resolveAmount } from '../seed/amounts.js';
import { seedDatabase } from '../seed/seed-database.js';

const usage = `Fills a database with generated practices, clients, portal accesses and messages.

  npm run seed -- [--practices 1] [--clients 1000] [--accesses 30%] [--messages 10x] [--conversation 0]
                  [--database ./data/seed.db | postgres://…] [--seed 1]

  --practices     practices, each with an owner (default 1)
  --clients       clients per practice (default 1000)
  --accesses      clients per practice with active portal access: a number or a share of the
                  clients (default 30%)
  --messages      messages per practice, spread over those clients' conversations: a number or a
                  multiple of the clients (default 10x)
  --conversation  one more client of the first practice gets a conversation this long (default 0)
  --database      SQLite file or PostgreSQL URL (default: DATABASE_URL, else ./data/portico.db)
  --seed          random seed: the same seed makes the same names (default 1)

Rows go in one transaction per 10,000 clients (with their emails, portal accesses and messages):
on SQLite as multi-row INSERTs, on PostgreSQL streamed through COPY … FROM STDIN.`;

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    practices: { type: 'string', default: '1' },
    accesses: { type: 'string', default: '30%' },
    messages: { type: 'string', default: '10x' },
    conversation: { type: 'string', default: '0' },
    database: { type: 'string' },
    seed: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(1);
}

function wholeNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a whole number, got "${raw}"`);
  return value;
}

function amount(name: string, raw: string, clients: number): number {
  try {
    return resolveAmount(parseAmount(name, raw), clients);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

if (values.help) {
  console.log(usage);
  process.exit(0);
}
const clientsPerPractice = wholeNumber('clients', values.clients);
const practices = wholeNumber('practices', values.practices);
const accesses = amount('accesses', values.accesses, clientsPerPractice);
const messages = amount('messages', values.messages, clientsPerPractice);
const conversation = wholeNumber('conversation', values.conversation);
const seed = wholeNumber('seed', values.seed);
if (messages > 0 && accesses === 0) fail('--messages needs clients with portal access (--accesses)');
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
    portalAccessesPerPractice: accesses,
    messagesPerPractice: messages,
    messagesInConversation: conversation,
    seed,
    onProgress: showProgress ? (done, total) => process.stderr.write(`\r  ${done} / ${total} clients`) : undefined,
  });
  if (showProgress) process.stderr.write('\n');

  const shownUrl = database.dialect === 'postgres' ? databaseUrl.replace(/\/\/[^@/]*@/, '//***@') : databaseUrl;
  const seconds = result.durationMs / 1000;
  console.log(
    `Seeded ${result.practices.length} practice(s), ${result.clients} clients, ${result.emails} emails, ` +
      `${result.portalAccesses} portal accesses and ${result.messages} messages into ${shownUrl} in ${seconds.toFixed(1)} s ` +
      `(${Math.round((result.clients + result.messages) / seconds)} clients and messages per second).`,
  );
  console.log(`Every owner's password: ${result.password}`);
  for (const practice of result.practices) {
    console.log(`\n${practice.name} (${practice.slug}, ${practice.timeZone})`);
    console.log(`  owner:        ${practice.owner.email}`);
    console.log(
      `  search terms: ${practice.searchTerms.map((t) => `${t.term} (${t.clientsWithLastName})`).join(', ')}`,
    );
    console.log(`  client ids:   ${practice.clientIds.slice(0, 3).join(', ')}`);
    console.log(
      `  portal:       ${practice.portalAccesses} clients, ${practice.conversations} conversations, ${practice.messages} messages`,
    );
    if (practice.portalEmails[0]) console.log(`  portal email: ${practice.portalEmails[0]}`);
    if (practice.conversation) {
      console.log(
        `  conversation: ${practice.conversation.messages} messages with client ${practice.conversation.clientId}`,
      );
    }
  }
} finally {
  await database.close();
}
