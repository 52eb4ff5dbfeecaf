import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { buildUser } from '../../testing/factories.js';
import { type AppContext, describeEachEngine, webRoot } from '../../testing/harness.js';
import { callerOf, openSession } from '../../testing/sessions.js';
import { signIn } from '../users/testing.js';

/** The session memory (session-memory.ts) in two app instances on one database, as two processes
 * behind a proxy: what one ends, the other no longer lets in on the very next request. */
const moved = { offset: 0 };
const clock = () => new Date(Date.now() + moved.offset);

describeEachEngine(
  'session memory across two processes',
  (ctx: AppContext) => {
    let second: FastifyInstance;
    beforeAll(async () => {
      second = await buildApp({
        db: ctx.database.db,
        engine: ctx.engine,
        version: 'test',
        webRoot,
        clock,
        // Longer than a session's idle time: expiry must be checked on what is remembered.
        sessionMemory: { ttlMs: 24 * 3_600_000 },
      });
    });
    afterAll(async () => {
      await second?.close();
    });
    const me = (app: FastifyInstance, headers: Record<string, string>) =>
      app.inject({ url: '/api/v1/me', headers }).then((reply) => reply.statusCode);

    it('remembers a session between reads: a change made behind its back is not seen until a write', async () => {
      const user = await buildUser(ctx.database.db, { role: 'secretariat-admin' });
      const { headers } = await openSession(ctx.database.db, user.id, { secondFactor: true });
      // The users list is not kept by the reply cache: what answers is the caller's grants.
      const users = () => second.inject({ url: '/api/v1/users', headers }).then((reply) => reply.statusCode);
      expect(await users()).toBe(200);
      await ctx.database.db
        .updateTable('role_grant')
        .set({ revoked_at: new Date().toISOString() })
        .where('user_id', '=', user.id)
        .execute();
      // Remembered: the hand-made update went past the platform.
      expect(await users()).toBe(200);
      // Any write through either process changes the content generation, and the memory with it.
      const write = await ctx.app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers,
        payload: { preferredLang: 'fr' },
      });
      expect(write.statusCode, write.body).toBe(200);
      expect(await users()).toBe(403);
    });

    it('signing out in one process ends the session in the other on its very next request', async () => {
      const user = await buildUser(ctx.database.db);
      // Through the sign-in route: the session opens by the platform, as in production.
      const headers = await signIn(ctx, user);
      expect(await me(ctx.app, headers)).toBe(200);
      expect(await me(second, headers)).toBe(200);
      expect(await me(second, headers)).toBe(200);
      const out = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers });
      expect(out.statusCode, out.body).toBe(204);
      expect(await me(second, headers)).toBe(401);
      expect(await me(ctx.app, headers)).toBe(401);
    });

    it('a grant revoked in one process is gone in the other on the very next request', async () => {
      const admin = await callerOf(ctx, 'secretariat-admin');
      const user = await buildUser(ctx.database.db, { role: 'secretariat-admin' });
      const { headers } = await openSession(ctx.database.db, user.id, { secondFactor: true });
      const audit = () => second.inject({ url: '/api/v1/audit', headers }).then((reply) => reply.statusCode);
      expect(await audit()).toBe(200);
      expect(await audit()).toBe(200);
      const grant = await ctx.database.db
        .selectFrom('role_grant')
        .select('id')
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow();
      const revoke = await ctx.app.inject({
        method: 'DELETE',
        url: `/api/v1/users/${user.id}/grants/${grant.id}`,
        headers: admin,
      });
      expect(revoke.statusCode, revoke.body).toBe(204);
      expect(await audit()).toBe(403);
    });

    it('a remembered session still ends at its idle expiry', async () => {
      const user = await buildUser(ctx.database.db);
      const { headers } = await openSession(ctx.database.db, user.id, { at: clock() });
      expect(await me(second, headers)).toBe(200);
      // openSession gives two idle hours; the second process remembers for a day.
      moved.offset += 2 * 3_600_000 + 1000;
      try {
        expect(await me(second, headers)).toBe(401);
      } finally {
        moved.offset = 0;
      }
    });
  },
  () => ({ clock, sessionMemory: { ttlMs: 60_000 } }),
);
