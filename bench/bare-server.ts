import Fastify, { type FastifyInstance } from 'fastify';

/**
 * The baseline: a bare Fastify instance answering the same URLs with the same JSON bytes, from
 * memory. Portico's figures over these show what sessions, validation, queries and serialisation
 * cost on top of HTTP itself.
 */
export async function startBareServer(bodies: ReadonlyMap<string, string>): Promise<{ url: string; app: FastifyInstance }> {
  const app = Fastify({ logger: false });
  const answer = (url: string) => bodies.get(url);
  app.get('/api/clients', async (request, reply) => {
    const body = answer(request.url);
    return body === undefined ? reply.status(404).send() : reply.type('application/json').send(body);
  });
  app.get('/api/clients/:id', async (request, reply) => {
    const body = answer(request.url);
    return body === undefined ? reply.status(404).send() : reply.type('application/json').send(body);
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, app };
}
