import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { expectProblem } from '../testing/api.js';
import { buildApiToken, buildSession, buildUser } from '../testing/factories.js';
import { describeEachEngine } from '../testing/harness.js';
import { originOf } from './csrf.js';

/**
 * Cross-site request forgery: a request that changes state and carries cookies must name this
 * site in Origin (or, without it, Referer). `app.inject` addresses the app as http://localhost.
 */
const OWN = 'http://localhost';

describeEachEngine('CSRF: the strict origin check', (ctx) => {
  let cookie: string;
  const signOut = (headers: Record<string, string>) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers });
  const stillSignedIn = async () =>
    (await ctx.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode === 200;

  beforeAll(async () => {
    const user = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
    cookie = await buildSession(ctx.database.db, user.id);
  });

  it.each([
    ['another site in Origin', { origin: 'https://evil.example' }],
    ['the same host on another port', { origin: 'http://localhost:3001' }],
    ['the same host over https', { origin: 'https://localhost' }],
    ['Origin: null (a sandboxed frame, a redirect)', { origin: 'null' }],
    ['a garbage Origin', { origin: 'not a url' }],
    ['another site in Referer and no Origin', { referer: 'https://evil.example/page' }],
    ['this site in Referer but another in Origin', { origin: 'https://evil.example', referer: `${OWN}/en` }],
    ['neither Origin nor Referer', {}],
  ])('refuses a cookie-authenticated POST with %s: 403, and nothing happens', async (_, headers) => {
    const res = await signOut({ cookie, ...headers });
    const problem = expectProblem(res, 403);
    expect(problem.title).toBe('Cross-site request refused');
    expect(problem.detail).toContain(OWN);
    expect(res.json().type).toMatch(/cross-site$/);
    expect(await stillSignedIn()).toBe(true);
  });

  it('refuses in the language of the request', async () => {
    const res = await signOut({ cookie, origin: 'https://evil.example', 'accept-language': 'es' });
    expect(expectProblem(res, 403).title).toBe('Solicitud entre sitios rechazada');
  });

  it('refuses every other origin a cookie-authenticated DELETE, PUT or PATCH names (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.webUrl(),
          fc.string({ maxLength: 60 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
        ),
        fc.constantFrom('DELETE', 'PUT', 'PATCH', 'POST'),
        async (claimed, method) => {
          fc.pre(originOf(claimed) !== OWN);
          const res = await ctx.app.inject({
            method: method as 'POST',
            url: '/api/v1/me/sessions/00000000-0000-7000-8000-000000000000',
            headers: { cookie, origin: claimed },
          });
          expect(res.statusCode, claimed).toBe(403);
          expect(res.json().type).toMatch(/cross-site$/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts this site in Origin, or in Referer when there is no Origin', async () => {
    const accepted: Array<Record<string, string>> = [
      { origin: OWN },
      { origin: `${OWN}:80` },
      { referer: `${OWN}/en/account?tab=1` },
    ];
    for (const headers of accepted) {
      const session = await buildSession(ctx.database.db, (await buildUser(ctx.database.db)).id);
      expect((await signOut({ cookie: session, ...headers })).statusCode, JSON.stringify(headers)).toBe(204);
    }
  });

  it('exempts requests with a Bearer token: a browser never adds one by itself', async () => {
    const user = await buildUser(ctx.database.db);
    const authorization = await buildApiToken(ctx.database.db, user.id, 'write');
    expect((await signOut({ authorization, origin: 'https://evil.example' })).statusCode).toBe(204);
    expect((await signOut({ authorization })).statusCode).toBe(204);
  });

  it.each([
    ['junk', 'Bearer junk'],
    ['a token-like junk', 'Bearer mispa_not-a-token'],
    ['an empty', 'Bearer'],
    ['a two-word', 'Bearer two words'],
  ])(
    'never acts with the cookie of a request carrying %s Bearer (issue 11): 401, and nothing happens',
    async (_, authorization) => {
      const res = await signOut({ cookie, authorization, origin: 'https://evil.example' });
      expectProblem(res, 401);
      expect(res.json().type).toMatch(/invalid-token$/);
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(await stillSignedIn()).toBe(true);
      // Reads too: a Bearer header is the credential, the cookie beside it is not looked at.
      expectProblem(await ctx.app.inject({ url: '/api/v1/me', headers: { cookie, authorization } }), 401);
    },
  );

  it('refuses a revoked token beside a live cookie: 401, not the cookie’s account', async () => {
    const user = await buildUser(ctx.database.db);
    const authorization = await buildApiToken(ctx.database.db, user.id, 'write');
    const del = (url: string, headers: Record<string, string>) => ctx.app.inject({ method: 'DELETE', url, headers });
    const tokens = (await ctx.app.inject({ url: '/api/v1/me/tokens', headers: { authorization } })).json();
    expect((await del(`/api/v1/me/tokens/${tokens.items[0].id}`, { authorization })).statusCode).toBe(204);
    expectProblem(await signOut({ cookie, authorization, origin: OWN }), 401);
    expect(await stillSignedIn()).toBe(true);
  });

  it('lets safe methods through from anywhere: they change nothing', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/me', headers: { cookie, origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(200);
  });

  it('lets a machine client sign in without cookies or Origin, but not another site sign a visitor in', async () => {
    const user = await buildUser(ctx.database.db);
    const signIn = (headers: Record<string, string>) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers,
        payload: { email: user.email, password: user.password },
      });
    expect((await signIn({})).statusCode).toBe(204);
    const forced = await signIn({ origin: 'https://evil.example' });
    expectProblem(forced, 403);
    expect(forced.headers['set-cookie']).toBeUndefined();
  });

  describe('behind a reverse proxy', () => {
    const apps: FastifyInstance[] = [];
    afterAll(async () => {
      for (const app of apps) await app.close();
    });

    // A request the check lets through goes on to the guard, which answers 401 for the unknown
    // cookie; a refused one never gets that far.
    const send = async (trustProxy: boolean, headers: Record<string, string>) => {
      const app = await buildApp({ db: ctx.database.db, engine: ctx.engine, version: 'test', trustProxy });
      apps.push(app);
      return app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-out',
        headers: { cookie: 'mispa_session=unknown', ...headers },
      });
    };
    const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'mispa.example.org' };

    it('expects the public origin the proxy forwards when MISPA_TRUST_PROXY is set', async () => {
      expect((await send(true, { ...proxied, origin: 'https://mispa.example.org' })).statusCode).toBe(401);
      expectProblem(await send(true, { ...proxied, origin: 'http://localhost' }), 403);
    });

    it('ignores X-Forwarded-* when it is not set, so a client cannot choose the origin checked', async () => {
      expectProblem(await send(false, { ...proxied, origin: 'https://mispa.example.org' }), 403);
      expect((await send(false, { ...proxied, origin: 'http://localhost' })).statusCode).toBe(401);
    });
  });
});
