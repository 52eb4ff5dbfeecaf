import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../app.js';
import { buildSession, buildUser } from '../testing/factories.js';
import { describeEachEngine } from '../testing/harness.js';
import type { Action } from './permissions.js';

/**
 * The guard: no API route without an entry of the permission table (the app refuses to start),
 * and the permission is decided as the request arrives — before its body is parsed or validated —
 * so a caller who may not act gets 401/403, never a 400 that describes what the route expects.
 */
describeEachEngine('the guard of the API routes', (ctx) => {
  const apps: FastifyInstance[] = [];
  const freshApp = async () => {
    const app = await buildApp({ db: ctx.database.db, engine: ctx.engine, version: 'test' });
    apps.push(app);
    return app;
  };
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  it('stops the app when a route under /api/v1 declares no action', async () => {
    const app = await freshApp();
    expect(() => app.get('/api/v1/forgotten', async () => 'open to all')).toThrow(
      'GET /api/v1/forgotten declares no action of the permission table (config.action)',
    );
  });

  it('stops the app when a route names an action the table does not have', async () => {
    const app = await freshApp();
    expect(() =>
      app.post('/api/v1/typo', { config: { action: 'users.invit' as Action } }, async () => 'open to all'),
    ).toThrow(/declares no action/);
  });

  it('stops the app when a module registers such a route in its own plugin', async () => {
    const app = await freshApp();
    await expect(
      app.register(
        async (api) => {
          api.delete('/things/:id', async () => 'open to all');
        },
        { prefix: '/api/v1' },
      ),
    ).rejects.toThrow('DELETE /api/v1/things/:id declares no action');
  });

  it('lets routes outside the API (the portal, the docs) do without an action', async () => {
    const app = await freshApp();
    expect(() => app.get('/some-page', async () => 'page')).not.toThrow();
  });

  it('decides the permission before the body is parsed or validated', async () => {
    const app = await freshApp();
    app.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/test-only/invite',
      {
        config: { action: 'users.invite' },
        schema: { body: z.object({ email: z.email() }).strict() },
      },
      async () => ({ invited: true }),
    );
    const send = (headers: Record<string, string>, payload: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/test-only/invite',
        headers: { 'content-type': 'application/json', origin: 'http://localhost', ...headers },
        payload,
      });
    const admin = await buildUser(ctx.database.db, { role: 'secretariat-admin' });
    const delegate = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
    const adminCookie = await buildSession(ctx.database.db, admin.id);
    const delegateCookie = await buildSession(ctx.database.db, delegate.id);

    for (const payload of ['{"email": "not an e-mail"}', '{ not json', '']) {
      expect((await send({}, payload)).statusCode, `public, ${payload}`).toBe(401);
      expect((await send({ cookie: delegateCookie }, payload)).statusCode, `delegate, ${payload}`).toBe(403);
      expect((await send({ cookie: adminCookie }, payload)).statusCode, `admin, ${payload}`).toBe(400);
    }
    expect((await send({ cookie: adminCookie }, '{"email": "new@example.test"}')).json()).toEqual({ invited: true });
  });
});
