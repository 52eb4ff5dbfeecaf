import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../../contract/accounts.js';
import { ROLE_BINDING, ROLES } from '../../domain/accounts.js';
import { buildApiToken, buildSession, buildUser } from '../testing/factories.js';
import { type AppContext, describeEachEngine } from '../testing/harness.js';
import { type GuardedRoute, guardedRoutes } from './guard.js';
import { PERMISSIONS, type Rule } from './permissions.js';

/**
 * The permission matrix: every API route the app registers × every kind of caller, each answered
 * as the permission table says. The routes are read from the app itself, so a route added by
 * anyone is walked the moment it exists. What is checked is the guard alone: a caller the table
 * refuses gets its 401 or 403 before the route runs; a caller it lets through reaches the route
 * (which may then answer anything: a 404 for a placeholder id, a 400 for an empty body, or a 403
 * of its own after checking the scope against the record).
 */

interface Caller {
  name: string;
  /** Fresh credentials for each request: a route walked earlier (sign-out, sign out everywhere)
   * may have ended the previous ones. */
  headers(): Promise<Record<string, string>>;
  /** Whether the table lets this caller through to a route needing `rule` (no record in view). */
  passes(rule: Rule): boolean;
  /** The refusal when it does not. */
  refusal: 401 | 403;
}

/** A browser names the page's origin on every request that changes something (http/csrf.ts). */
const SAME_ORIGIN = { origin: 'http://localhost' };
const PLACEHOLDER_ID = '00000000-0000-7000-8000-000000000000';

const byRole = (rule: Rule, role: Role) => Boolean(rule.public || rule.signedIn || rule.roles?.[role]);

/** Every route in Fastify's own route tree (not the guard's bookkeeping), as `METHOD /path`. */
function routeTree(ctx: AppContext): string[] {
  const paths: string[] = [];
  const routes: string[] = [];
  for (const line of ctx.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)(?:[├└]── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = `${depth > 0 ? paths[depth - 1] : ''}${match[2]}`;
    paths[depth] = path;
    for (const method of match[3]?.split(', ') ?? []) routes.push(`${method} ${path}`);
  }
  return routes;
}

describeEachEngine('the permission matrix: every API route × every caller', (ctx) => {
  const callers: Caller[] = [];
  /** Ids of the requests the guard let through, recorded by a hook that runs right after it. */
  const passed = new Set<string>();
  let requests = 0;

  beforeAll(async () => {
    ctx.app.addHook('onRequest', async (request) => {
      passed.add(request.id);
    });
    const db = ctx.database.db;
    const partner = await db.selectFrom('partner').select('slug').limit(1).executeTakeFirst();
    const bindings: Record<Role, Parameters<typeof buildUser>[1]> = {
      'secretariat-admin': {},
      'secretariat-staff': {},
      'focal-point': { memberState: 'ec' },
      delegate: { memberState: 'co' },
      'group-member': { technicalGroup: 'police-management' },
      // Bound to a partner when the database has one; the guard's answer does not depend on it.
      partner: partner ? { partner: partner.slug } : {},
    };
    callers.push({
      name: 'the public',
      headers: async () => ({}),
      passes: (rule) => Boolean(rule.public),
      refusal: 401,
    });
    for (const role of ROLES) {
      expect(Object.keys(bindings)).toContain(role);
      const user = await buildUser(db, { role, ...bindings[role] });
      callers.push({
        name: `a ${role}${ROLE_BINDING[role] === 'none' ? '' : ` of ${Object.values(bindings[role] ?? {})[0] ?? '-'}`}`,
        headers: async () => ({ cookie: await buildSession(db, user.id), ...SAME_ORIGIN }),
        passes: (rule) => byRole(rule, role),
        refusal: 403,
      });
    }
    const admin = await buildUser(db, { role: 'secretariat-admin' });
    callers.push({
      name: 'a read-only API token of a secretariat-admin',
      headers: async () => ({ authorization: await buildApiToken(db, admin.id, 'read') }),
      passes: (rule) => Boolean(rule.public) || (!rule.write && byRole(rule, 'secretariat-admin')),
      refusal: 403,
    });
    const halfway = await buildUser(db, { role: 'focal-point', memberState: 'mx' });
    callers.push({
      name: 'a focal-point of mx before the second factor',
      headers: async () => ({ cookie: await buildSession(db, halfway.id, { secondFactor: false }), ...SAME_ORIGIN }),
      passes: (rule) => Boolean(rule.public) || Boolean(rule.beforeSecondFactor && byRole(rule, 'focal-point')),
      refusal: 403,
    });
  });

  it('knows every API route in Fastify’s route tree, each with an action of the table', () => {
    const guarded = guardedRoutes(ctx.app).map((r) => `${r.method} ${r.url}`);
    const api = routeTree(ctx).filter((r) => / \/api\/(v1\/|health$)/.test(r));
    expect(api.length).toBeGreaterThan(20);
    expect([...guarded].sort()).toEqual([...api].sort());
    for (const route of guardedRoutes(ctx.app)) expect(Object.keys(PERMISSIONS)).toContain(route.action);
    for (const route of ['GET /api/v1/me', 'POST /api/v1/auth/sign-in', 'GET /api/v1/audit', 'GET /api/v1/pillars']) {
      expect(guarded).toContain(route);
    }
  });

  /** Sends `route` one request as `caller`; returns what disagrees with the table, or null. */
  async function disagreement(route: GuardedRoute, caller: Caller): Promise<string | null> {
    const rule: Rule = PERMISSIONS[route.action];
    const id = `matrix-${++requests}`;
    const res = await ctx.app.inject({
      method: route.method as 'GET',
      url: route.url.replace(/:\w+(\([^)]*\))?/g, PLACEHOLDER_ID).replace(/\*$/, 'placeholder'),
      headers: { ...(await caller.headers()), 'x-request-id': id },
      ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}),
    });
    const where = `${route.method} ${route.url} (${route.action}) as ${caller.name}`;
    if (caller.passes(rule)) {
      if (!passed.has(id)) return `${where}: refused by the guard with ${res.statusCode}, the table allows it`;
      return res.statusCode === 401 ? `${where}: let through, then answered 401` : null;
    }
    if (passed.has(id)) return `${where}: let through (answered ${res.statusCode}), the table says ${caller.refusal}`;
    if (res.statusCode !== caller.refusal)
      return `${where}: refused with ${res.statusCode}, the table says ${caller.refusal}`;
    const type = caller.refusal === 401 ? 'unauthenticated' : 'forbidden';
    if (route.method !== 'HEAD' && !String(res.json().type).endsWith(type)) {
      return `${where}: refused with a problem of type ${res.json().type}`;
    }
    return null;
  }

  // Hundreds of requests, more with every module: the callers of one route are asked together.
  it('answers every caller on every route as the table says', { timeout: 180_000 }, async () => {
    const mismatches: string[] = [];
    for (const route of guardedRoutes(ctx.app)) {
      const found = await Promise.all(callers.map((caller) => disagreement(route, caller)));
      mismatches.push(...found.filter((m): m is string => m !== null));
    }
    expect(requests).toBeGreaterThanOrEqual(guardedRoutes(ctx.app).length * callers.length);
    expect(mismatches).toEqual([]);
  });
});
