import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestLang } from '../http/lang.js';
import { DeniedError } from '../http/problems.js';
import { type Actor, PUBLIC, type RequestContext } from './actor.js';
import { type Action, PERMISSIONS } from './permissions.js';
import { decide } from './policy.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The entry of the permission table this route needs. Every API route declares one. */
    action?: Action;
  }
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    /** Identifies the caller of a request again, as the guard did when it arrived: a long-lived
     * reply (a live stream) asks whether its reader is still signed in and still who they were. */
    identify: Authenticate;
  }
}

/** Finds who is calling (session cookie, API token) or the public; given by the auth module. */
export type Authenticate = (request: FastifyRequest) => Promise<Actor>;

const isApiRoute = (url: string) => url.startsWith('/api/v1/') || url === '/api/health';

/** A route the guard protects, as registered: what the permission matrix test walks. */
export interface GuardedRoute {
  method: string;
  url: string;
  action: Action;
}
const guarded = new WeakMap<FastifyInstance, GuardedRoute[]>();

/** Every API route registered on `app` so far, with its action (one entry per method). */
export function guardedRoutes(app: FastifyInstance): readonly GuardedRoute[] {
  return guarded.get(app) ?? [];
}

/**
 * Every API route declares its action; a route without one stops the app from starting, so no
 * route escapes the permission table. As soon as a request arrives (before its body is read), the
 * caller is identified and refused with 401 or 403 when no grant of theirs could allow the action;
 * services then check the scope against the record itself.
 */
export function registerGuard(app: FastifyInstance, authenticate: Authenticate) {
  app.decorateRequest<Actor | null>('actor', null);
  app.decorate('identify', authenticate);
  const routes: GuardedRoute[] = [];
  guarded.set(app, routes);
  app.addHook('onRoute', (route) => {
    if (!isApiRoute(route.url)) return;
    const action = route.config?.action;
    if (!action || !(action in PERMISSIONS)) {
      throw new Error(`${route.method} ${route.url} declares no action of the permission table (config.action)`);
    }
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, action });
  });
  // onRequest, not preHandler: permission is decided before the body is parsed or validated, so
  // a caller who may not act learns nothing from a 400 about what the route expects, and a body is
  // never read for them.
  app.addHook('onRequest', async (request) => {
    const action = request.routeOptions.config.action;
    request.actor = action ? await authenticate(request) : PUBLIC;
    if (!action) return;
    const decision = decide(request.actor, action);
    if (!decision.allowed) throw new DeniedError(decision.status, decision.reason, action);
  });
}

export function requestContext(request: FastifyRequest): RequestContext {
  return { actor: request.actor, requestId: request.id, ip: request.ip ?? null, lang: requestLang(request) };
}
