import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../src/server/main.js';
import { buildWebIfMissing } from './build-web.js';
import { prepareDemo } from '../seed/demo-instance.js';

// A throw-away instance: its own temporary data directory, a seeded demo practice, gone on exit.
await buildWebIfMissing();

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-demo-'));
let removed = false;
function removeDataDir(): void {
  if (removed) return;
  removed = true;
  rmSync(dataDir, { recursive: true, force: true });
}
// Last resort for crashes: 'exit' handlers run synchronously, which rmSync is.
process.once('exit', removeDataDir);

// DATABASE_URL, FILES_URL, ATTACHMENTS_DIR and SMTP_URL are dropped so a demo never writes into a
// real database, folder or bucket named in the environment, and its emails go to the Mailbox page.
// Request logs would bury the line below, so they are off unless LOG_LEVEL asks for them.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: process.env.PORT ?? '3000',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
delete env.DATABASE_URL;
delete env.ATTACHMENTS_DIR;
delete env.FILES_URL;
delete env.SMTP_URL;

// Seeded through the app's services, then started in demo mode (DEMO=1): the sign-in page shows
// the demo's credentials and its banner opens the portal as a client (docs/decisions/018).
const { config } = await prepareDemo(env);
const server = await startServer(config);
console.log(
  `Portico demo is running at ${server.url} — sign in with the details shown there; its data is deleted when you stop it (Ctrl+C)`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.stop().then(
      () => {
        removeDataDir();
        console.log('Demo stopped; its data was deleted.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        removeDataDir();
        process.exit(1);
      },
    );
  });
}
