import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Fastify's own JSON parser answers through `done` (its type also allows one that returns a promise). */
type CallbackParser = (
  request: FastifyRequest,
  body: string,
  done: (error: Error | null, body?: unknown) => void,
) => void;

/**
 * An empty JSON or text body counts as no body. Fastify refuses an empty `application/json` body
 * outright (FST_ERR_CTP_EMPTY_JSON_BODY, before any schema is consulted); here it reaches
 * validation like a request that sent none, so a route that takes no body (`emptyBody`) accepts it
 * and a route that needs one names the missing `body`. A body with content is parsed as Fastify
 * always did, with the same prototype-poisoning refusals.
 */
export function installBodyParsers(app: FastifyInstance): void {
  const { onProtoPoisoning = 'error', onConstructorPoisoning = 'error' } = app.initialConfig;
  const json = app.getDefaultJsonParser(onProtoPoisoning, onConstructorPoisoning) as CallbackParser;
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body: string, done) => {
    if (body.length === 0) done(null, undefined);
    else json(request, body, done);
  });
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body: string, done) => {
    done(null, body.length === 0 ? undefined : body);
  });
}
