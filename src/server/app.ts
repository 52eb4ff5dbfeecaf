import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyEtag from '@fastify/etag';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from './db/schema.js';
import { requestLang } from './http/lang.js';
import { message } from './http/messages.js';
import { registerPortal } from './http/portal.js';
import { registerProblemHandlers, sendProblem } from './http/problems.js';
import { authRoutes } from './modules/auth/routes.js';
import { authService } from './modules/auth/service.js';
import { healthRoutes } from './modules/health/routes.js';
import { referenceModules } from './modules/index.js';
import { registerGuard } from './policy/guard.js';

export interface AppOptions {
  db: Kysely<Database>;
  engine: 'sqlite' | 'postgres';
  version: string;
  /** The built portal (dist/web); without it only the API is served. */
  webRoot?: string | undefined;
  /** Time as the services see it; tests pass a fixed or moving clock. */
  clock?: () => Date;
  logger?: FastifyServerOptions['logger'];
}

/** The composition root: a Fastify instance with every module registered, not listening. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => uuidv7(),
    requestIdHeader: 'x-request-id',
    // Query strings like ?pillar=a&pillar=b must not turn into arrays the schemas do not expect.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 },
    bodyLimit: 1024 * 1024,
    // Errors the router raises before any route runs (a malformed URL, an over-long parameter) are
    // problem documents too.
    frameworkErrors: (error, request, reply) => {
      const lang = requestLang(request);
      sendProblem(reply, request, {
        type: '/api/docs#problem-bad-request',
        title: message(lang, 'badRequest.title'),
        // An over-long path parameter is a bad parameter like any other, not a URI too long to read.
        status: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 400 : (error.statusCode ?? 400),
        detail: error.message,
      });
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  // Replies follow Accept-Language when no `lang` is given: shared caches must key on it.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('vary', 'Accept-Language');
  });

  // External plugins first, then the API, then the portal.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // HSTS only means something behind HTTPS; a reverse proxy that terminates TLS sets it.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  await app.register(fastifyEtag, { weak: true });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'MISPA Platform API',
        version: options.version,
        description:
          'Read API of the Meetings of Ministers Responsible for Public Security in the Americas (MISPA). ' +
          'Errors are RFC 9457 problem documents. Lists are paged with `limit` and an opaque `cursor`.',
      },
      servers: [{ url: '/' }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const deps = { db: options.db, clock: options.clock ?? (() => new Date()) };
  const auth = authService(deps);
  registerGuard(app, auth.authenticate);

  await app.register(healthRoutes({ db: options.db, engine: options.engine, version: options.version }), {
    prefix: '/api',
  });
  await app.register(
    async (api) => {
      await api.register(authRoutes(auth));
      for (const register of referenceModules(deps)) await api.register(register);
    },
    { prefix: '/api/v1' },
  );

  const webRoot = options.webRoot && fs.existsSync(path.join(options.webRoot, 'index.html')) ? options.webRoot : null;
  await registerPortal(app, webRoot);
  return app;
}
