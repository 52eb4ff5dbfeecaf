import { expect, it } from 'vitest';
import { expectProblem } from '../../testing/api.js';
import { accountSnapshot } from '../../testing/bad-input.js';
import { buildApiToken, buildUser } from '../../testing/factories.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { ORIGIN, openSession } from '../../testing/sessions.js';
import { verifyChain } from '../audit/chain.js';
import { COMMON_PASSWORDS } from './passwords.js';

const auditOf = (ctx: AppContext, userId: string) =>
  ctx.database.db
    .selectFrom('audit_entry')
    .selectAll()
    .where('entity_id', '=', userId)
    .where('action', 'like', 'account.%')
    .orderBy('seq')
    .execute();

describeEachEngine('PATCH /api/v1/me', (ctx) => {
  const patch = (headers: Record<string, string>, payload: unknown) =>
    ctx.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: payload as object });
  const signedIn = async (options: Parameters<typeof buildUser>[1] = {}) => {
    const user = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co', ...options });
    return { user, session: await openSession(ctx.database.db, user.id, { secondFactor: true }) };
  };

  it('changes the name (trimmed) and the language, answers with /me as it now is, and audits the change', async () => {
    const { user, session } = await signedIn();
    const res = await patch(session.headers, { displayName: '  Ana  María ', preferredLang: 'es' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, displayName: 'Ana  María', preferredLang: 'es' });
    const me = (await ctx.app.inject({ url: '/api/v1/me', headers: session.headers })).json();
    expect(me).toEqual(res.json());
    const entries = await auditOf(ctx, user.id);
    expect(entries.map((e) => e.action)).toEqual(['account.update']);
    expect(JSON.parse(entries[0]?.diff as string)).toEqual({
      before: { displayName: 'Test delegate', preferredLang: 'en' },
      after: { displayName: 'Ana  María', preferredLang: 'es' },
    });
    expect(await verifyChain(ctx.database.db)).toMatchObject({ ok: true });
  });

  it('changes only the fields given, and writes nothing when nothing differs', async () => {
    const { user, session } = await signedIn();
    expect((await patch(session.headers, { preferredLang: 'fr' })).json()).toMatchObject({
      displayName: 'Test delegate',
      preferredLang: 'fr',
    });
    const before = await accountSnapshot(ctx.database.db);
    for (const body of [{}, { preferredLang: 'fr' }, { displayName: 'Test delegate ' }]) {
      expect((await patch(session.headers, body)).statusCode).toBe(200);
    }
    expect(await accountSnapshot(ctx.database.db)).toEqual(before);
    expect((await auditOf(ctx, user.id)).map((e) => e.action)).toEqual(['account.update']);
  });

  it.each([
    ['an empty name', { displayName: '   ' }, 'displayName', /required/],
    ['a name of 201 characters', { displayName: 'x'.repeat(201) }, 'displayName', /at most 200/],
    ['a name with a line break', { displayName: 'Ana\nMaría' }, 'displayName', /control characters/],
    ['a name with a NUL', { displayName: 'Ana\u0000' }, 'displayName', /control characters/],
    ['a language not offered', { preferredLang: 'de' }, 'preferredLang', /./],
    ['an unknown field', { email: 'x@example.test' }, '', /./],
  ])('refuses %s with a 400 naming the field, changing nothing', async (_, body, field, reason) => {
    const { session } = await signedIn();
    const before = await accountSnapshot(ctx.database.db);
    const problem = expectProblem(await patch(session.headers, body), 400);
    if (field) {
      expect(problem.errors?.[0]).toMatchObject({ name: field, in: 'body' });
      expect(problem.errors?.[0]?.reason).toMatch(reason);
    }
    expect(await accountSnapshot(ctx.database.db)).toEqual(before);
  });

  it('asks a visitor to sign in (401), and refuses a read-only API token (403) but not a write one', async () => {
    const { user } = await signedIn();
    expectProblem(await patch({ origin: ORIGIN }, { preferredLang: 'pt' }), 401);
    const readOnly = expectProblem(
      await patch({ authorization: await buildApiToken(ctx.database.db, user.id, 'read') }, { preferredLang: 'pt' }),
      403,
    );
    expect(readOnly.detail).toMatch(/account\.update/);
    const write = await patch(
      { authorization: await buildApiToken(ctx.database.db, user.id, 'write') },
      { preferredLang: 'pt' },
    );
    expect(write.statusCode).toBe(200);
    expect(write.json().preferredLang).toBe('pt');
  });

  it('refuses a session that still owes its second factor (403)', async () => {
    const user = await buildUser(ctx.database.db, { role: 'focal-point', memberState: 'ec' });
    const session = await openSession(ctx.database.db, user.id, { secondFactor: false });
    expect(expectProblem(await patch(session.headers, { preferredLang: 'es' }), 403).detail).toMatch(/two-factor/);
  });
});

describeEachEngine('POST /api/v1/me/password', (ctx) => {
  const patch = (headers: Record<string, string>, payload: unknown) =>
    ctx.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: payload as object });
  const NEW_PASSWORD = 'a brand new passphrase, long enough';
  const change = (headers: Record<string, string>, payload: unknown) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/me/password', headers, payload: payload as object });
  const signIn = (email: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  const meStatus = async (headers: Record<string, string>) =>
    (await ctx.app.inject({ url: '/api/v1/me', headers })).statusCode;

  it('changes the password, ends every other session and every API token (issue 11) and keeps this session, audited without the passwords', async () => {
    const user = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
    const others = [await openSession(ctx.database.db, user.id), await openSession(ctx.database.db, user.id)];
    const token = await buildApiToken(ctx.database.db, user.id, 'write');
    const rename = (authorization: string) => patch({ authorization }, { displayName: 'Taken over' });
    expect((await rename(token)).statusCode).toBe(200);
    const current = await openSession(ctx.database.db, user.id);
    const res = await change(current.headers, { currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ended: 2, tokensRevoked: 1 });
    expect(await meStatus(current.headers)).toBe(200);
    for (const other of others) expect(await meStatus(other.headers)).toBe(401);
    // A token made with the old password writes no more.
    expectProblem(await rename(token), 401);
    expect((await signIn(user.email, user.password)).statusCode).toBe(401);
    expect((await signIn(user.email, NEW_PASSWORD)).statusCode).toBe(204);
    const entries = await auditOf(ctx, user.id);
    expect(entries.map((e) => e.action)).toEqual(['account.update', 'account.change-password']);
    expect(JSON.parse(entries[1]?.diff as string)).toEqual({
      before: null,
      after: { otherSessionsEnded: 2, apiCredentialsRevoked: 1 },
    });
    const everything = JSON.stringify(await ctx.database.db.selectFrom('audit_entry').selectAll().execute());
    expect(everything).not.toContain(NEW_PASSWORD);
    expect(everything).not.toContain(user.password);
    expect(await verifyChain(ctx.database.db)).toMatchObject({ ok: true });
  });

  it('refuses a wrong current password with a 400 naming currentPassword, in the reader’s language, changing nothing', async () => {
    const user = await buildUser(ctx.database.db);
    const other = await openSession(ctx.database.db, user.id);
    const current = await openSession(ctx.database.db, user.id);
    const res = await change(
      { ...current.headers, 'accept-language': 'es' },
      { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD },
    );
    const problem = expectProblem(res, 400, 'currentPassword');
    expect(problem.errors?.[0]?.reason).toBe('no es su contraseña actual');
    expect(await meStatus(other.headers)).toBe(200);
    expect((await signIn(user.email, user.password)).statusCode).toBe(204);
    expect(await auditOf(ctx, user.id)).toEqual([]);
  });

  it('counts wrong current passwords against the sign-in allowance: the sixth try is 429', async () => {
    const user = await buildUser(ctx.database.db);
    const current = await openSession(ctx.database.db, user.id);
    const wrong = { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD };
    for (let i = 0; i < 5; i++) expectProblem(await change(current.headers, wrong), 400, 'currentPassword');
    const refused = await change(current.headers, { currentPassword: user.password, newPassword: NEW_PASSWORD });
    expectProblem(refused, 429);
    expect(refused.headers['retry-after']).toBeDefined();
    expectProblem(await signIn(user.email, user.password), 429);
  });

  it.each([
    ['a common password', () => [...COMMON_PASSWORDS].find((p) => p.length >= 12) as string, /most common/],
    ['one holding the e-mail address', () => '', /e-mail address/],
    ['one too short', () => 'short', /at least 12/],
  ])('refuses %s as the new one with a 400 naming newPassword, spending no attempt', async (_, make, reason) => {
    const user = await buildUser(ctx.database.db);
    const current = await openSession(ctx.database.db, user.id);
    const newPassword = make() || `my address is ${user.email}`;
    const before = await accountSnapshot(ctx.database.db);
    const problem = expectProblem(await change(current.headers, { currentPassword: user.password, newPassword }), 400);
    expect(problem.errors?.[0]).toMatchObject({ name: 'newPassword', in: 'body' });
    expect(problem.errors?.[0]?.reason).toMatch(reason);
    expect(await accountSnapshot(ctx.database.db)).toEqual(before);
  });

  it('asks a visitor to sign in (401), and refuses API tokens, read-only (403) or not (403: a session is needed)', async () => {
    const user = await buildUser(ctx.database.db);
    const body = { currentPassword: user.password, newPassword: NEW_PASSWORD };
    expectProblem(await change({ origin: ORIGIN }, body), 401);
    const readOnly = await buildApiToken(ctx.database.db, user.id, 'read');
    expect(expectProblem(await change({ authorization: readOnly }, body), 403).detail).toMatch(/read/);
    const write = await buildApiToken(ctx.database.db, user.id, 'write');
    expect(expectProblem(await change({ authorization: write }, body), 403).detail).toMatch(/session/);
    expect((await signIn(user.email, user.password)).statusCode).toBe(204);
  });
});
