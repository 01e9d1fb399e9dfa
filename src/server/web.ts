import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './platform/error-handler.js';

/**
 * Serves the two built single-page apps: the client portal under /portal/ and the staff app
 * everywhere else. API paths never fall back to a page.
 */
export async function registerWeb(app: FastifyInstance, options: { root: string }): Promise<void> {
  // Started without a build (`tsx src/server/main.ts` before `npm run build`; `npm start` builds
  // first): the API works, and a page answers that the web apps are not built, rather than a
  // warning at start and a failed file send on every visit.
  if (!existsSync(path.join(options.root, 'assets'))) {
    app.setNotFoundHandler((request, reply) => {
      const page = request.method === 'GET' && !request.url.startsWith('/api/');
      const message = page ? 'Not found. The web apps are not built: run npm run build.' : 'Not found.';
      return reply.status(404).send(errorBody('not_found', message));
    });
    return;
  }
  // Only the hashed build assets are files; every other GET path is a page of one of the apps.
  await app.register(fastifyStatic, {
    root: path.join(options.root, 'assets'),
    prefix: '/assets/',
    index: false,
    wildcard: true,
    maxAge: '1y',
    immutable: true,
    // The build writes .br and .gz copies (scripts/precompress.ts); the plugin picks one by the
    // request's Accept-Encoding, sends the file as it is otherwise, and says Vary: Accept-Encoding.
    preCompressed: true,
  });
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    const wantsPage =
      request.method === 'GET' &&
      !pathname.startsWith('/api/') &&
      !pathname.startsWith('/assets/') &&
      pathname !== '/healthz';
    if (!wantsPage) return reply.status(404).send(errorBody('not_found', 'Not found.'));
    const page = pathname === '/portal' || pathname.startsWith('/portal/') ? 'portal/index.html' : 'staff/index.html';
    // The pages name the current build's assets, so they are checked on every visit; without
    // cacheControl: false the plugin's year-long immutable caching of assets would apply to them.
    return reply.header('cache-control', 'no-cache').sendFile(page, options.root, { cacheControl: false });
  });
}
