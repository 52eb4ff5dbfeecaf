import { expect, it } from 'vitest';
import { buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { ORIGIN } from '../../testing/sessions.js';
import { verifyChain } from '../audit/chain.js';
import { codeAt, newTotpSecret } from '../two-factor/totp.js';

const cookieOf = (setCookie: string | string[] | undefined) => String(setCookie).split(';')[0] as string;

describeEachEngine('POST /api/v1/auth/sign-in', (ctx) => {
  const signIn = (email: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });

  it('opens a session: an HttpOnly SameSite=Lax cookie that /me accepts', async () => {
    const user = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
    const reply = await signIn(user.email.toUpperCase(), user.password);
    expect(reply.statusCode).toBe(204);
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toMatch(/^mispa_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const me = await ctx.app.inject({ url: '/api/v1/me', headers: { cookie: cookieOf(reply.headers['set-cookie']) } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      id: user.id,
      email: user.email,
      grants: [{ role: 'delegate', memberState: 'co', technicalGroup: null, partner: null }],
      twoFactor: { enabled: false, required: false, passed: true },
    });
  });

  it('gives a new session id at every sign-in', async () => {
    const user = await buildUser(ctx.database.db);
    const first = cookieOf((await signIn(user.email, user.password)).headers['set-cookie']);
    const second = cookieOf((await signIn(user.email, user.password)).headers['set-cookie']);
    expect(first).not.toBe(second);
  });

  it.each([
    ['a wrong password', async () => ({ ...(await buildUser(ctx.database.db)), password: 'not the password at all' })],
    ['an unknown e-mail', async () => ({ email: 'nobody@example.test', password: 'whatever it may be' })],
    ['a deactivated account', async () => buildUser(ctx.database.db, { status: 'deactivated' })],
  ])('refuses %s with the same 401 problem and no cookie', async (_, make) => {
    const { email, password } = await make();
    const reply = await signIn(email, password);
    expect(reply.statusCode).toBe(401);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.json().detail).toBe('The e-mail address or the password is wrong, or the account is not active.');
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('writes one audit entry per sign-in, chained, without the password', async () => {
    const user = await buildUser(ctx.database.db);
    await signIn(user.email, user.password);
    const entries = await ctx.database.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('actor_user_id', '=', user.id)
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['auth.sign-in']);
    expect(JSON.stringify(entries)).not.toContain(user.password);
    expect(await verifyChain(ctx.database.db)).toMatchObject({ ok: true });
  });

  it('answers a malformed body with 400 naming the field, and writes nothing', async () => {
    const before = await ctx.database.db.selectFrom('audit_entry').select('id').execute();
    const reply = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'not-an-email' },
    });
    expect(reply.statusCode).toBe(400);
    expect(
      reply
        .json()
        .errors.map((e: { name: string }) => e.name)
        .sort(),
    ).toEqual(['email', 'password']);
    expect(await ctx.database.db.selectFrom('audit_entry').select('id').execute()).toHaveLength(before.length);
  });
});

describeEachEngine('POST /api/v1/auth/sign-out and GET /api/v1/me', (ctx) => {
  it('answers /me with 401 to the public', async () => {
    const reply = await ctx.app.inject({ url: '/api/v1/me' });
    expect(reply.statusCode).toBe(401);
    expect(reply.json().type).toMatch(/unauthenticated$/);
  });

  it('ends the session: the same cookie is refused afterwards', async () => {
    const user = await buildUser(ctx.database.db);
    const signedIn = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: user.email, password: user.password },
    });
    const cookie = cookieOf(signedIn.headers['set-cookie']);
    // A browser names the page's origin on every POST; the CSRF check insists on it (http/csrf.ts).
    const out = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie, origin: 'http://localhost' },
    });
    expect(out.statusCode).toBe(204);
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses a deactivated user on their very next request', async () => {
    const user = await buildUser(ctx.database.db);
    const signedIn = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: user.email, password: user.password },
    });
    const cookie = cookieOf(signedIn.headers['set-cookie']);
    await ctx.database.db.updateTable('app_user').set({ status: 'deactivated' }).where('id', '=', user.id).execute();
    expect((await ctx.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describeEachEngine('two-factor turned on by choice (no role requires it)', (ctx) => {
  const signIn = async (email: string, password: string) => {
    const reply = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
    expect(reply.statusCode).toBe(204);
    return { cookie: cookieOf(reply.headers['set-cookie']), origin: ORIGIN };
  };
  const get = (url: string, headers: Record<string, string>) => ctx.app.inject({ url: `/api/v1${url}`, headers });

  it('asks a delegate who enabled it for the code at sign-in: only pre-second-factor actions until it is passed', async () => {
    const secret = newTotpSecret();
    const user = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co', totpSecret: secret });
    const headers = await signIn(user.email, user.password);
    expect((await get('/me', headers)).json().twoFactor).toEqual({ enabled: true, required: false, passed: false });
    for (const url of ['/me/sessions', '/me/tokens']) {
      const refused = await get(url, headers);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().detail).toMatch(/two-factor/);
    }
    const passed = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/two-factor',
      headers,
      payload: { code: codeAt(secret, new Date()) },
    });
    expect(passed.statusCode, passed.body).toBe(200);
    expect((await get('/me', headers)).json().twoFactor).toEqual({ enabled: true, required: false, passed: true });
    expect((await get('/me/sessions', headers)).statusCode).toBe(200);
  });

  it('asks nothing of a delegate without it', async () => {
    const user = await buildUser(ctx.database.db, { role: 'delegate', memberState: 'co' });
    const headers = await signIn(user.email, user.password);
    expect((await get('/me', headers)).json().twoFactor).toEqual({ enabled: false, required: false, passed: true });
    expect((await get('/me/sessions', headers)).statusCode).toBe(200);
  });

  it('asks nothing of a demo user who enabled it', async () => {
    const user = await buildUser(ctx.database.db, {
      role: 'delegate',
      memberState: 'co',
      demo: true,
      totpSecret: newTotpSecret(),
    });
    const headers = await signIn(user.email, user.password);
    expect((await get('/me', headers)).json().twoFactor).toMatchObject({ enabled: true, passed: true });
    expect((await get('/me/sessions', headers)).statusCode).toBe(200);
  });
});
