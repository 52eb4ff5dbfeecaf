import { expect, it } from 'vitest';
import type { Role } from '../../../contract/accounts.js';
import { hashSecret } from '../../security/secrets.js';
import { expectProblem } from '../../testing/api.js';
import { buildApiToken, buildUser } from '../../testing/factories.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { bearer, ORIGIN, openSession } from '../../testing/sessions.js';
import { verifyChain } from '../audit/chain.js';
import { MAX_LIVE_TOKENS } from './service.js';

function helpers(ctx: AppContext) {
  const db = () => ctx.database.db;
  const signedIn = async (options: { role?: Role; memberState?: string; secondFactor?: boolean } = {}) => {
    const { secondFactor, ...build } = options;
    const user = await buildUser(db(), build);
    const session = await openSession(db(), user.id, { secondFactor: secondFactor ?? true });
    return { user, session };
  };
  const create = (headers: Record<string, string>, payload: object) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers, payload });
  /** Creates a token through the API and returns its id and value. */
  const token = async (headers: Record<string, string>, scope: 'read' | 'write', expiresInDays = 30) => {
    const res = await create(headers, { name: `${scope} token`, scope, expiresInDays });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; token: string };
  };
  const list = (headers: Record<string, string>) => ctx.app.inject({ url: '/api/v1/me/tokens', headers });
  const revoke = (headers: Record<string, string>, id: string) =>
    ctx.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers });
  const auditOf = (entityId: string) =>
    db().selectFrom('audit_entry').selectAll().where('entity_id', '=', entityId).orderBy('seq').execute();
  return { db, signedIn, create, token, list, revoke, auditOf };
}

describeEachEngine('POST /api/v1/me/tokens', (ctx) => {
  const h = helpers(ctx);

  it('returns the token once, stores only its hash, and audits it without its value', async () => {
    const { user, session } = await h.signedIn({ role: 'focal-point', memberState: 'ec' });
    const res = await h.create(session.headers, { name: '  Follow-up reporting  ', scope: 'write', expiresInDays: 90 });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({
      name: 'Follow-up reporting',
      scope: 'write',
      revokedAt: null,
      lastUsedAt: null,
      active: true,
    });
    expect(body.token).toMatch(/^mispa_[\w-]{43}$/);
    expect(Date.parse(body.expiresAt) - Date.parse(body.createdAt)).toBe(90 * 86_400_000);
    const row = await h.db().selectFrom('api_token').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: user.id, token_hash: hashSecret(body.token) });
    expect(JSON.stringify(row)).not.toContain(body.token);
    const audit = await h.auditOf(body.id);
    expect(audit.map((e) => [e.action, e.actor_user_id])).toEqual([['tokens.create', user.id]]);
    expect(JSON.parse(audit[0]?.diff ?? '')).toEqual({
      before: null,
      after: { name: 'Follow-up reporting', scope: 'write', expiresAt: body.expiresAt, revokedAt: null },
    });
    expect(JSON.stringify(audit)).not.toContain(body.token);
    expect(await verifyChain(h.db())).toMatchObject({ ok: true });
  });

  it('gives a token that acts as its owner, with the owner’s grants, as Authorization: Bearer', async () => {
    const { user, session } = await h.signedIn({ role: 'delegate', memberState: 'co' });
    const { token } = await h.token(session.headers, 'read');
    const me = await ctx.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: user.id, grants: [{ role: 'delegate', memberState: 'co' }] });
  });

  it('refuses a token creating tokens with 403, even a write token: a leaked token must not entrench itself', async () => {
    const { session } = await h.signedIn();
    const { token } = await h.token(session.headers, 'write');
    const res = await h.create(bearer(token), { name: 'another', scope: 'write', expiresInDays: 365 });
    expect(expectProblem(res, 403).detail).toMatch(/signed-in session/);
  });

  it(`refuses a token beyond ${MAX_LIVE_TOKENS} live ones with 409`, async () => {
    const { user, session } = await h.signedIn();
    for (let i = 0; i < MAX_LIVE_TOKENS; i++) await buildApiToken(h.db(), user.id, 'read');
    expectProblem(await h.create(session.headers, { name: 'one more', scope: 'read', expiresInDays: 1 }), 409);
  });

  it('refuses the public with 401, and a focal point who has not passed the second factor with 403', async () => {
    const payload = { name: 'x', scope: 'read', expiresInDays: 1 };
    expectProblem(await h.create({}, payload), 401);
    const { session } = await h.signedIn({ role: 'focal-point', memberState: 'mx', secondFactor: false });
    expect(expectProblem(await h.create(session.headers, payload), 403).detail).toMatch(/two-factor/);
  });

  it('answers a bad name, scope and lifetime with 400 naming each, and writes nothing', async () => {
    const { user, session } = await h.signedIn();
    const res = await h.create(session.headers, { name: 'line\nbreak', scope: 'admin', expiresInDays: 366 });
    const names = expectProblem(res, 400).errors?.map((e) => e.name);
    expect(names?.sort()).toEqual(['expiresInDays', 'name', 'scope']);
    expect(await h.db().selectFrom('api_token').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });
});

describeEachEngine('read-only API tokens', (ctx) => {
  const h = helpers(ctx);

  it('may read but are refused every write action with 403 read-only-token', async () => {
    const { session } = await h.signedIn({ role: 'secretariat-admin' });
    const { id, token } = await h.token(session.headers, 'read');
    expect((await h.list(bearer(token))).statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/api/v1/me/sessions', headers: bearer(token) })).statusCode).toBe(200);
    const writes = [
      h.create(bearer(token), { name: 'x', scope: 'read', expiresInDays: 1 }),
      h.revoke(bearer(token), id),
      ctx.app.inject({ method: 'POST', url: '/api/v1/me/sessions/sign-out-everywhere', headers: bearer(token) }),
      ctx.app.inject({ method: 'POST', url: '/api/v1/me/two-factor/enrolment', headers: bearer(token) }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(expectProblem(res, 403).detail).toMatch(/may only read/);
    }
    expect((await h.list(session.headers)).json().items[0]).toMatchObject({ id, active: true });
  });
});

describeEachEngine('GET /api/v1/me/tokens', (ctx) => {
  const h = helpers(ctx);

  it('lists one’s own tokens newest first, revoked and expired ones included, never their values', async () => {
    const { session } = await h.signedIn();
    const older = await h.token(session.headers, 'read');
    const newer = await h.token(session.headers, 'write');
    await h.revoke(session.headers, older.id);
    const someoneElse = await h.signedIn();
    await h.token(someoneElse.session.headers, 'read');
    const res = await h.list(session.headers);
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.map((t: { id: string }) => t.id)).toEqual([newer.id, older.id]);
    expect(items[0]).toEqual({
      id: newer.id,
      name: 'write token',
      scope: 'write',
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
      active: true,
    });
    expect(items[1]).toMatchObject({ revokedAt: expect.any(String), active: false });
    expect(res.body).not.toContain(newer.token);
    expect(res.body).not.toContain(hashSecret(newer.token));
  });

  it('records when a token was last used', async () => {
    const { session } = await h.signedIn();
    const { token } = await h.token(session.headers, 'read');
    await ctx.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    expect((await h.list(session.headers)).json().items[0].lastUsedAt).toEqual(expect.any(String));
  });

  it('refuses the public with 401', async () => {
    expectProblem(await h.list({}), 401);
  });
});

describeEachEngine('DELETE /api/v1/me/tokens/{id}', (ctx) => {
  const h = helpers(ctx);

  it('revokes the token: from the next request on it is the public (401), and the change is audited', async () => {
    const { user, session } = await h.signedIn();
    const { id, token } = await h.token(session.headers, 'write');
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);
    expect((await h.revoke(session.headers, id)).statusCode).toBe(204);
    expectProblem(await ctx.app.inject({ url: '/api/v1/me', headers: bearer(token) }), 401);
    const audit = await h.auditOf(id);
    expect(audit.map((e) => [e.action, e.actor_user_id])).toEqual([
      ['tokens.create', user.id],
      ['tokens.revoke', user.id],
    ]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('changes nothing and answers 204 when the token is already revoked', async () => {
    const { session } = await h.signedIn();
    const { id } = await h.token(session.headers, 'read');
    await h.revoke(session.headers, id);
    expect((await h.revoke(session.headers, id)).statusCode).toBe(204);
    expect((await h.auditOf(id)).map((e) => e.action)).toEqual(['tokens.create', 'tokens.revoke']);
  });

  it('lets a write token revoke itself: a token may reduce what reaches the account', async () => {
    const { session } = await h.signedIn();
    const { id, token } = await h.token(session.headers, 'write');
    expect((await h.revoke(bearer(token), id)).statusCode).toBe(204);
    expectProblem(await h.list(bearer(token)), 401);
  });

  it('treats an expired token as the public (401)', async () => {
    const { session } = await h.signedIn();
    const { id, token } = await h.token(session.headers, 'read', 1);
    await h
      .db()
      .updateTable('api_token')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    expectProblem(await ctx.app.inject({ url: '/api/v1/me', headers: bearer(token) }), 401);
    expect((await h.list(session.headers)).json().items[0]).toMatchObject({ id, revokedAt: null, active: false });
  });

  it('refuses to revoke another user’s token with 403, and leaves it working', async () => {
    const owner = await h.signedIn();
    const { id, token } = await h.token(owner.session.headers, 'read');
    const other = await h.signedIn({ role: 'secretariat-admin' });
    expectProblem(await h.revoke(other.session.headers, id), 403);
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('answers 404 for an unknown id, 400 naming id for a malformed one, 401 to the public', async () => {
    const { session } = await h.signedIn();
    expectProblem(await h.revoke(session.headers, '01890000-0000-7000-8000-000000000000'), 404);
    expectProblem(await h.revoke(session.headers, 'not-a-uuid'), 400, 'id');
    expectProblem(await h.revoke({ origin: ORIGIN }, '01890000-0000-7000-8000-000000000000'), 401);
  });
});
