import { startServer } from '../src/server/main.js';
import { buildWebIfMissing } from './build-web.js';

// `npm start` works on a fresh clone: the web apps are built once when they are missing.
await buildWebIfMissing();
const server = await startServer();
console.log(server.welcome);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void server.stop().then(() => process.exit(0));
  });
}
