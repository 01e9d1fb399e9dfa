import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { defaultWebRoot, startServer } from '../src/server/main.js';

// `npm start` works on a fresh clone: the web apps are built once when they are missing.
if (!existsSync(path.join(defaultWebRoot, 'staff/index.html'))) {
  console.log('Building the web apps (first start)…');
  await build({ logLevel: 'warn' });
}
const server = await startServer();
console.log(`Portico is running at ${server.url}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void server.stop().then(() => process.exit(0));
  });
}
