import { existsSync } from 'node:fs';
import path from 'node:path';
import { createBuilder } from 'vite';
import { defaultWebRoot } from '../src/server/main.js';

/**
 * Builds the web apps into dist/web, as `vite build` does (each app in its own environment, see
 * vite.config.ts). Vite sets NODE_ENV=production while it builds; it is put back
 * afterwards, or the server that starts next would think it runs in production.
 */
export async function buildWeb(): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  try {
    await (await createBuilder({ logLevel: 'warn' })).buildApp();
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** Builds the web apps once when they are missing, so `npm start` works on a fresh clone. */
export async function buildWebIfMissing(): Promise<void> {
  if (existsSync(path.join(defaultWebRoot, 'staff/index.html'))) return;
  console.log('Building the web apps (first start)…');
  await buildWeb();
}
