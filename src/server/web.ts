import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './platform/error-handler.js';

/**
 * Serves the two built single-page apps: the client portal under /portal/ and the staff app
 * everywhere else. API paths never fall back to a page.
 */
export async function registerWeb(app: FastifyInstance, options: { root: string }): Promise<void> {
  await app.register(fastifyStatic, {
    root: options.root,
    index: false,
    wildcard: true,
    maxAge: '1y',
    immutable: true,
    setHeaders: (res, filePath) => {
      if (filePath.endsWith('.html')) void res.header('cache-control', 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const wantsPage = request.method === 'GET' && !path.startsWith('/api/') && path !== '/healthz';
    if (!wantsPage) return reply.status(404).send(errorBody('not_found', 'Not found.'));
    const page = path === '/portal' || path.startsWith('/portal/') ? 'portal/index.html' : 'staff/index.html';
    return reply.header('cache-control', 'no-cache').sendFile(page);
  });
}
