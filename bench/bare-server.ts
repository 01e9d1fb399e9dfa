import Fastify, { type FastifyInstance } from 'fastify';
import { captureKey, type CapturedResponse } from './portico.js';

/**
 * The baseline: a bare Fastify instance answering the same requests (method and URL) with the same
 * status and JSON bytes, from memory. Portico's figures over these show what sessions,
 * validation, queries and serialisation cost on top of HTTP itself. Request bodies are read in
 * full and dropped, so a POST still pays for its upload.
 */
export async function startBareServer(
  captured: ReadonlyMap<string, CapturedResponse>,
): Promise<{ url: string; app: FastifyInstance }> {
  const app = Fastify({ logger: false });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
  app.route({
    method: ['GET', 'POST'],
    url: '/*',
    handler: async (request, reply) => {
      const response = captured.get(captureKey(request.method, request.url));
      return response === undefined
        ? reply.status(404).send()
        : reply.status(response.status).type('application/json').send(response.body);
    },
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, app };
}
