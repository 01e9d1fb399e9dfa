import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { pingDatabase } from './db/database.js';
import type { AppDeps } from './deps.js';
import { installAuthHook } from './platform/auth-hook.js';
import { installBodyParsers } from './platform/body-parsers.js';
import { requestPath } from './platform/context.js';
import { installEventStreams } from './platform/event-stream.js';
import { installInputGuard } from './platform/input-guard.js';
import { installSecurityHeaders } from './platform/security-headers.js';
import { clientErrorHandler, errorBody, frameworkErrorHandler, installErrorHandler } from './platform/error-handler.js';
import { registerModules } from './modules/index.js';
import { findClientSession } from './modules/portal-access/index.js';
import { findStaffSession } from './modules/staff/index.js';
import { registerWeb } from './web.js';
import { databaseRateLimitStore } from './platform/rate-limit-store.js';
import { RateWindows } from './platform/rate-windows.js';

export interface BuildOptions {
  /** Serve the built web apps from this folder (absent in API-only tests). */
  webRoot?: string;
  logger?: boolean;
}

/** Builds the Fastify app. It never listens: main.ts does, tests use inject(). */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const hsts = deps.config.publicUrl.startsWith('https://');
  const app = Fastify({
    logger: options.logger
      ? {
          level: deps.config.logLevel,
          redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'],
        }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy && [...deps.config.trustProxy],
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: frameworkErrorHandler({ hsts }),
    clientErrorHandler: clientErrorHandler({ hsts }),
    // With TLS_CERT_FILE Portico listens with TLS itself; its requests and replies are those of
    // plain HTTP, so the app keeps the http.Server types.
    ...(deps.config.tls ? ({ https: deps.config.tls } as object) : {}),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  // Every route as registered, so tests can cover each one (test/isolation.test.ts) without a list to maintain.
  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
  });
  installErrorHandler(app);
  installBodyParsers(app);

  await app.register(cookie, { secret: deps.config.sessionSecret });
  installSecurityHeaders(app, { hsts });
  const rateWindows = new RateWindows(deps.db, deps.clock);
  app.decorate('rateWindows', rateWindows);
  rateWindows.startSweeping((error) => app.log.warn({ err: error }, 'deleting ended rate-limit windows failed'));
  app.addHook('onClose', async () => rateWindows.stopSweeping());
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(rateWindows) });
  await app.register(swagger, {
    openapi: { info: { title: 'Portico API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  // The API's pages are for the people building Portico: a production server answers them 404.
  if (deps.config.env !== 'production') await app.register(swaggerUi, { routePrefix: '/api/docs' });

  installAuthHook(app, { staffSession: findStaffSession, clientSession: findClientSession });
  installInputGuard(app);
  installEventStreams(app);

  app.addHook('onSend', async (request, reply) => {
    if (!requestPath(request).startsWith('/api/')) return;
    if (reply.statusCode === 200 && request.routeOptions.config.cacheable === true) return;
    void reply.header('cache-control', 'no-store');
  });

  // Ready when both the database and the file store answer: a server that cannot reach its
  // bucket is taken out of the load balancer's rotation rather than failing its first upload.
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    const [database, files] = await Promise.allSettled([pingDatabase(deps.db), deps.files.check()]);
    if (database.status === 'fulfilled' && files.status === 'fulfilled') return { status: 'ok' };
    if (files.status === 'rejected') app.log.warn({ err: files.reason }, 'the file store is not reachable');
    return reply.status(503).send({
      status: 'unavailable',
      database: database.status === 'fulfilled' ? 'ok' : 'unavailable',
      files: files.status === 'fulfilled' ? 'ok' : 'unavailable',
    });
  });

  await app.register(registerModules, { prefix: '/api' });
  if (options.webRoot) {
    await registerWeb(app, { root: options.webRoot });
  } else {
    app.setNotFoundHandler((_request, reply) => reply.status(404).send(errorBody('not_found', 'Not found.')));
  }
  return app;
}
