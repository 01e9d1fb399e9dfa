import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  RouteHandlerMethod,
  RouteShorthandOptions,
} from 'fastify';
import type { z } from 'zod';
import { routePath, type Endpoint, type ResponseOf } from '../../shared/contract/endpoint.js';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** A request to an endpoint, with its params, query and body as the endpoint's schemas parse them. */
export type EndpointRequest<E extends Endpoint> = FastifyRequest<{
  Params: Parsed<E['params']>;
  Querystring: Parsed<E['query']>;
  Body: E['body'] extends z.ZodType ? z.output<E['body']> : unknown;
}>;

export type EndpointHandler<E extends Endpoint> = (
  request: EndpointRequest<E>,
  reply: FastifyReply,
) => Promise<ResponseOf<E> | FastifyReply>;

/** Per-route settings the contract does not hold: rate limits and pre-handlers. */
export type RouteExtras = Pick<RouteShorthandOptions, 'config' | 'preHandler'>;

function schemaOf(spec: Endpoint): FastifySchema {
  return {
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.query ? { querystring: spec.query } : {}),
    ...(spec.body && spec.body !== 'multipart' ? { body: spec.body } : {}),
    ...(spec.response ? { response: { [spec.status ?? 200]: spec.response } } : {}),
    ...(spec.hidden ? { hide: true } : {}),
  };
}

/**
 * Registers the route of a contract endpoint: method, path and schemas come from `src/shared`, so
 * the server validates and serialises exactly what the web apps' client sends and parses. A
 * handler that answers with the endpoint's success status other than 200 sets it on the reply.
 */
export function route<E extends Endpoint>(
  app: FastifyInstance,
  spec: E,
  extrasOrHandler: RouteExtras | EndpointHandler<E>,
  maybeHandler?: EndpointHandler<E>,
): void {
  const extras = typeof extrasOrHandler === 'function' ? {} : extrasOrHandler;
  const handler = typeof extrasOrHandler === 'function' ? extrasOrHandler : maybeHandler;
  if (!handler) throw new Error(`${spec.method} ${spec.path} has no handler`);
  const status = spec.status ?? 200;
  app.route({
    method: spec.method,
    url: routePath(spec),
    schema: schemaOf(spec),
    ...extras,
    handler: (async (request: EndpointRequest<E>, reply: FastifyReply) => {
      const result = await handler(request, reply);
      if (result === reply) return reply;
      if (status !== 200) void reply.status(status);
      return result;
    }) as unknown as RouteHandlerMethod,
  });
}
