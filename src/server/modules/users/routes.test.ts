import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { buildApiToken, buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { verifyChain } from '../audit/chain.js';
import {
  auditOf,
  countRows,
  expectRefusal,
  FUZZ_RUNS,
  malformedBodies,
  ORIGIN,
  sendBody,
  signedIn,
  signIn,
} from './testing.js';

describeEachEngine('GET /api/v1/users and /api/v1/users/{id}', (ctx) => {
  it('lists users in e-mail order with their grants in force, to the secretariat', async () => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    const staff = await signedIn(ctx, { role: 'secretariat-staff' });
    for (const caller of [admin, staff]) {
      const reply = await ctx.app.inject({ url: '/api/v1/users?limit=100', headers: caller.headers });
      expect(reply.statusCode).toBe(200);
      const emails = reply.json().items.map((u: { email: string }) => u.email);
      expect(emails).toEqual([...emails].sort());
      expect(reply.json().items.find((u: { id: string }) => u.id === admin.user.id)).toMatchObject({
        email: admin.user.email,
        status: 'active',
        demo: false,
        twoFactorEnabled: false,
        grants: [{ role: 'secretariat-admin', memberState: null }],
      });
    }
  });

  it('refuses the public with 401, and focal points, delegates and partners with 403', async () => {
    expect((await ctx.app.inject({ url: '/api/v1/users' })).statusCode).toBe(401);
    for (const options of [
      { role: 'focal-point', memberState: 'ec' },
      { role: 'delegate', memberState: 'co' },
      { role: 'group-member' },
    ] as const) {
      const caller = await signedIn(ctx, options);
      const reply = await ctx.app.inject({ url: '/api/v1/users', headers: caller.headers });
      expect(reply.statusCode).toBe(403);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('refuses a secretariat session that has not passed the second factor with 403', async () => {
    const user = await buildUser(ctx.database.db, { role: 'secretariat-admin' });
    const reply = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: user.email, password: user.password },
    });
    const cookie = String(reply.headers['set-cookie']).split(';')[0] as string;
    const list = await ctx.app.inject({ url: '/api/v1/users', headers: { cookie } });
    expect(list.statusCode).toBe(403);
    expect(list.json().detail).toMatch(/two-factor/);
  });

  it('filters by role, member state and status, and pages through every match', async () => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    const focal = await buildUser(ctx.database.db, { role: 'focal-point', memberState: 'ec' });
    const delegate = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'ec' });
    const elsewhere = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'mx' });
    const gone = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'ec', status: 'deactivated' });
    const ids = async (query: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const reply: LightMyRequestResponse = await ctx.app.inject({
          url: `/api/v1/users?${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          headers: admin.headers,
        });
        expect(reply.statusCode, reply.body).toBe(200);
        seen.push(...reply.json().items.map((u: { id: string }) => u.id));
        cursor = reply.json().nextCursor;
      } while (cursor);
      return seen;
    };
    const inEcuador = await ids('memberState=ec');
    expect(inEcuador).toEqual(expect.arrayContaining([focal.id, delegate.id, gone.id]));
    expect(inEcuador).not.toContain(elsewhere.id);
    const delegatesOfEcuador = await ids('memberState=ec&role=delegate&status=active');
    expect(delegatesOfEcuador).toContain(delegate.id);
    expect(delegatesOfEcuador).not.toContain(focal.id);
    expect(delegatesOfEcuador).not.toContain(gone.id);
    expect(await ids('status=deactivated')).toContain(gone.id);
  });

  it.each([
    ['memberState=zz', 'memberState'],
    ['role=king', 'role'],
    ['status=sleeping', 'status'],
    ['cursor=notacursor', 'cursor'],
    ['limit=0', 'limit'],
  ])('refuses %s with a 400 naming %s', async (query, name) => {
    const admin = await signedIn(ctx, { role: 'secretariat-staff' });
    const reply = await ctx.app.inject({ url: `/api/v1/users?${query}`, headers: admin.headers });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().errors[0].name).toBe(name);
  });

  it('shows one user with every grant, revoked ones included, and answers 404 for an unknown id', async () => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    const user = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
    const reply = await ctx.app.inject({ url: `/api/v1/users/${user.id}`, headers: admin.headers });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({
      id: user.id,
      grants: [{ role: 'delegate', memberState: 'co', revokedAt: null, grantedAt: expect.any(String) }],
      invitation: null,
    });
    const missing = await ctx.app.inject({ url: '/api/v1/users/no-such-user', headers: admin.headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toMatch(/no-such-user/);
  });
});

describeEachEngine('POST /api/v1/users/{id}/grants and DELETE /api/v1/users/{id}/grants/{grantId}', (ctx) => {
  const grant = (caller: { headers: Record<string, string> }, userId: string, payload: unknown) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/users/${userId}/grants`,
      headers: caller.headers,
      payload: payload as object,
    });
  const revoke = (caller: { headers: Record<string, string> }, userId: string, grantId: string) =>
    ctx.app.inject({ method: 'DELETE', url: `/api/v1/users/${userId}/grants/${grantId}`, headers: caller.headers });

  it('grants a role bound to a member state, and audits the grants before and after', async () => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    const user = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
    const reply = await grant(admin, user.id, { role: 'focal-point', memberState: 'ec' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ role: 'focal-point', memberState: 'ec', revokedAt: null });
    const [entry] = await auditOf(ctx, user.id);
    expect(entry).toMatchObject({
      action: 'users.grant',
      actor_user_id: admin.user.id,
      actor_role: 'secretariat-admin',
    });
    expect(entry?.diff.before).toEqual({ grants: [expect.objectContaining({ role: 'delegate', memberState: 'co' })] });
    expect(entry?.diff.after).toEqual({
      grants: [
        expect.objectContaining({ role: 'delegate', memberState: 'co' }),
        expect.objectContaining({ role: 'focal-point', memberState: 'ec' }),
      ],
    });
    expect(await verifyChain(ctx.database.db)).toMatchObject({ ok: true });
  });

  it.each([
    [{ role: 'focal-point' }, 'memberState', /is required/],
    [{ role: 'secretariat-staff', memberState: 'ec' }, 'memberState', /must be left out/],
    [{ role: 'delegate', memberState: 'zz' }, 'memberState', /no member state with the slug "zz"/],
    [{ role: 'group-member', technicalGroup: 'no-such-group' }, 'technicalGroup', /no technical group/],
    [{ role: 'partner', partner: 'no-such-partner' }, 'partner', /no partner organisation/],
    [{ role: 'emperor' }, 'role', /./],
  ])('refuses %j with a 400 naming %s, and writes nothing', async (payload, name, reason) => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    const user = await buildUser(ctx.database.db);
    const before = await countRows(ctx);
    const reply = await grant(admin, user.id, payload);
    expect(reply.statusCode).toBe(400);
    expect(reply.json().errors[0].name).toBe(name);
    expect(reply.json().errors[0].reason).toMatch(reason);
    expect(await countRows(ctx)).toEqual(before);
  });

  it('refuses a grant already held, or to a deactivated account, with 409; an unknown user with 404', async () => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    const user = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
    expect((await grant(admin, user.id, { role: 'delegate', memberState: 'co' })).statusCode).toBe(409);
    const gone = await buildUser(ctx.database.db, { status: 'deactivated' });
    expect((await grant(admin, gone.id, { role: 'secretariat-staff' })).statusCode).toBe(409);
    expect((await grant(admin, 'nobody', { role: 'secretariat-staff' })).statusCode).toBe(404);
  });

  it('lets only a secretariat administrator grant: staff 403, focal point 403, public 401', async () => {
    const user = await buildUser(ctx.database.db);
    const staff = await signedIn(ctx, { role: 'secretariat-staff' });
    const focal = await signedIn(ctx, { role: 'focal-point', memberState: 'ec' });
    expect((await grant(staff, user.id, { role: 'delegate', memberState: 'ec' })).statusCode).toBe(403);
    expect((await grant(focal, user.id, { role: 'delegate', memberState: 'ec' })).statusCode).toBe(403);
    expect(
      (await grant({ headers: { origin: ORIGIN } }, user.id, { role: 'delegate', memberState: 'ec' })).statusCode,
    ).toBe(401);
    expect(
      (await ctx.database.db.selectFrom('role_grant').select('id').where('user_id', '=', user.id).execute()).length,
    ).toBe(0);
  });

  it('revokes a grant: the user loses what it allowed on their very next request', async () => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    const staff = await signedIn(ctx, { role: 'secretariat-staff' });
    expect((await ctx.app.inject({ url: '/api/v1/users', headers: staff.headers })).statusCode).toBe(200);
    const [held] = (await ctx.app.inject({ url: '/api/v1/me', headers: staff.headers })).json().grants;
    const reply = await revoke(admin, staff.user.id, held.id);
    expect(reply.statusCode).toBe(204);
    expect((await ctx.app.inject({ url: '/api/v1/users', headers: staff.headers })).statusCode).toBe(403);
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: staff.headers })).json().grants).toEqual([]);
    const detail = (await ctx.app.inject({ url: `/api/v1/users/${staff.user.id}`, headers: admin.headers })).json();
    expect(detail.grants).toEqual([expect.objectContaining({ id: held.id, revokedAt: expect.any(String) })]);
    const entries = await auditOf(ctx, staff.user.id);
    expect(entries.at(-1)).toMatchObject({ action: 'users.revoke-grant', actor_role: 'secretariat-admin' });
    expect(entries.at(-1)?.diff).toEqual({
      before: { grants: [expect.objectContaining({ id: held.id, role: 'secretariat-staff' })] },
      after: { grants: [] },
    });
  });

  it('answers 204 again for a grant already revoked, without a second audit entry', async () => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    const user = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
    const [held] = await ctx.database.db.selectFrom('role_grant').select('id').where('user_id', '=', user.id).execute();
    expect((await revoke(admin, user.id, held?.id as string)).statusCode).toBe(204);
    expect((await revoke(admin, user.id, held?.id as string)).statusCode).toBe(204);
    expect((await auditOf(ctx, user.id)).map((e) => e.action)).toEqual(['users.revoke-grant']);
  });

  it('answers 404 for a grant of another user or an unknown one', async () => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    const user = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
    const other = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
    const [held] = await ctx.database.db
      .selectFrom('role_grant')
      .select('id')
      .where('user_id', '=', other.id)
      .execute();
    expect((await revoke(admin, user.id, held?.id as string)).statusCode).toBe(404);
    expect((await revoke(admin, user.id, 'nothing')).statusCode).toBe(404);
  });

  it('refuses an administrator revoking their own administrator grant with 409', async () => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    const [held] = (await ctx.app.inject({ url: '/api/v1/me', headers: admin.headers })).json().grants;
    const reply = await revoke(admin, admin.user.id, held.id);
    expect(reply.statusCode).toBe(409);
    expect(reply.json().detail).toMatch(/another administrator/);
  });

  it(`answers ${FUZZ_RUNS} malformed grant bodies with 4xx problems and writes nothing`, async () => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    const user = await buildUser(ctx.database.db);
    const before = await countRows(ctx);
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(
        malformedBodies(
          { role: 'delegate', memberState: 'co' },
          {
            role: ['', 'admin', 'DELEGATE', 'secretariat-admin ', '\u0000'],
            memberState: ['', 'EC', 'e c', '\u0000', 'x'.repeat(101), "ec'; drop table app_user; --"],
          },
        ),
        async (body) => {
          cases++;
          expectRefusal(await sendBody(ctx, 'POST', `/api/v1/users/${user.id}/grants`, body, admin.headers), body);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
    expect(cases).toBe(FUZZ_RUNS);
    expect(await countRows(ctx)).toEqual(before);
  });
});

describeEachEngine('POST /api/v1/users/{id}/deactivate', (ctx) => {
  const deactivate = (caller: { headers: Record<string, string> }, userId: string) =>
    ctx.app.inject({ method: 'POST', url: `/api/v1/users/${userId}/deactivate`, headers: caller.headers });

  it('deactivates the account and ends its sessions and API tokens (issue 11, item 3 class): its very next request is refused', async () => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    const user = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
    const cookie = (await signIn(ctx, user)).cookie;
    await buildApiToken(ctx.database.db, user.id, 'write');
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    const reply = await deactivate(admin, user.id);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ id: user.id, status: 'deactivated' });
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    const sessions = await ctx.database.db
      .selectFrom('session')
      .select('revoked_at')
      .where('user_id', '=', user.id)
      .execute();
    expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
    const signInAgain = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: user.email, password: user.password },
    });
    expect(signInAgain.statusCode).toBe(401);
    const [entry] = await auditOf(ctx, user.id).then((all) => all.filter((e) => e.action === 'users.deactivate'));
    expect(entry?.diff).toEqual({
      before: { status: 'active' },
      after: { status: 'deactivated', sessionsRevoked: 1, apiCredentialsRevoked: 1 },
    });
    // Revoked, not only inert while the account is deactivated: an account made active again
    // (demo start-up) does not bring back what was given before.
    const tokens = await ctx.database.db
      .selectFrom('api_token')
      .select('revoked_at')
      .where('user_id', '=', user.id)
      .execute();
    expect(tokens.map((t) => t.revoked_at !== null)).toEqual([true]);
  });

  it('answers 200 again for an account already deactivated, without a second audit entry', async () => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    const user = await buildUser(ctx.database.db);
    expect((await deactivate(admin, user.id)).statusCode).toBe(200);
    expect((await deactivate(admin, user.id)).statusCode).toBe(200);
    expect((await auditOf(ctx, user.id)).map((e) => e.action)).toEqual(['users.deactivate']);
  });

  it('refuses deactivating one’s own account with 409, an unknown user with 404', async () => {
    const admin = await signedIn(ctx, { role: 'secretariat-admin' });
    expect((await deactivate(admin, admin.user.id)).statusCode).toBe(409);
    expect((await deactivate(admin, 'nobody')).statusCode).toBe(404);
  });

  it('lets only a secretariat administrator deactivate: staff 403, delegate 403, public 401', async () => {
    const user = await buildUser(ctx.database.db);
    for (const options of [{ role: 'secretariat-staff' }, { role: 'delegate', memberState: 'co' }] as const) {
      expect((await deactivate(await signedIn(ctx, options), user.id)).statusCode).toBe(403);
    }
    expect((await deactivate({ headers: { origin: ORIGIN } }, user.id)).statusCode).toBe(401);
    const row = await ctx.database.db
      .selectFrom('app_user')
      .select('status')
      .where('id', '=', user.id)
      .executeTakeFirst();
    expect(row?.status).toBe('active');
  });
});
