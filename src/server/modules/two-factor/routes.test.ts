import { expect, it } from 'vitest';
import type { Role } from '../../../contract/accounts.js';
import { expectProblem } from '../../testing/api.js';
import { buildUser } from '../../testing/factories.js';
import { type ClockedContext, describeEachEngineWithClock } from '../../testing/harness.js';
import { bearer, openSession } from '../../testing/sessions.js';
import { auditHeadKey, verifyChain } from '../audit/chain.js';
import { codeAt, newTotpSecret } from './totp.js';

const SECRET_KEY = 'test key: 32 random bytes in production, not this sentence';

/** The helpers every suite below uses, bound to its app and its clock. */
function helpers(ctx: ClockedContext) {
  const db = () => ctx.database.db;
  /** A user with one grant, and a session (which has not passed a second factor unless told). */
  const userWithSession = async (
    options: { role?: Role; memberState?: string; demo?: boolean; totpSecret?: string; secondFactor?: boolean } = {},
  ) => {
    const { secondFactor, ...build } = options;
    const user = await buildUser(db(), build);
    const session = await openSession(db(), user.id, { secondFactor: secondFactor ?? false, at: ctx.now() });
    return { user, session };
  };
  /** The code of a step no code was used at yet: the clock moves on 30 s first. */
  const nextCode = (secret: string) => {
    ctx.advance(30_000);
    return codeAt(secret, ctx.now());
  };
  const post = (url: string, headers: Record<string, string>, payload?: object) =>
    ctx.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const me = async (headers: Record<string, string>) => (await ctx.app.inject({ url: '/api/v1/me', headers })).json();
  /** Starts and confirms an enrolment; returns the secret the app holds and the recovery codes. */
  const enrol = async (headers: Record<string, string>) => {
    const started = await post('/me/two-factor/enrolment', headers);
    expect(started.statusCode, started.body).toBe(200);
    const secret = (started.json().manualKey as string).replaceAll(' ', '');
    const confirmed = await post('/me/two-factor/enrolment/confirm', headers, { code: nextCode(secret) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return { secret, recoveryCodes: confirmed.json().recoveryCodes as string[] };
  };
  const auditOf = (userId: string) =>
    db().selectFrom('audit_entry').selectAll().where('actor_user_id', '=', userId).orderBy('seq').execute();
  const userRow = (id: string) =>
    db().selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { db, userWithSession, nextCode, post, me, enrol, auditOf, userRow };
}

describeEachEngineWithClock('POST /api/v1/me/two-factor/enrolment', { secretKey: SECRET_KEY }, (ctx) => {
  const h = helpers(ctx);

  it('answers with an otpauth:// URI for SHA-1, 6 digits and 30 s, its QR code as an SVG drawn here, and no-store', async () => {
    const { user, session } = await h.userWithSession({ role: 'delegate', memberState: 'co' });
    const res = await h.post('/me/two-factor/enrolment', session.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    const uri = new URL(body.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/MISPA:${user.email}`);
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({
      issuer: 'MISPA',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
      secret: body.manualKey.replaceAll(' ', ''),
    });
    expect(body.manualKey.replaceAll(' ', '')).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(body.qrCode.split(',')[1], 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('keeps the new secret sealed with MISPA_SECRET_KEY, apart from the enabled one, and out of the audit trail', async () => {
    const { user, session } = await h.userWithSession();
    const secret = (await h.post('/me/two-factor/enrolment', session.headers)).json().manualKey.replaceAll(' ', '');
    const row = await h.userRow(user.id);
    expect(row.totp_secret).toBeNull();
    expect(row.totp_enabled_at).toBeNull();
    expect(row.totp_pending_secret).toMatch(/^v1:/);
    expect(row.totp_pending_secret).not.toContain(secret);
    const audit = await h.auditOf(user.id);
    expect(audit.map((e) => e.action)).toEqual(['two-factor.enrol']);
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(await verifyChain(h.db(), { key: auditHeadKey(SECRET_KEY) })).toMatchObject({ ok: true });
  });

  it('lets a focal point, who must have a second factor, enrol before passing one, and nothing else', async () => {
    const { session } = await h.userWithSession({ role: 'focal-point', memberState: 'ec' });
    expectProblem(await ctx.app.inject({ url: '/api/v1/me/tokens', headers: session.headers }), 403);
    expect((await h.me(session.headers)).twoFactor).toEqual({ enabled: false, required: true, passed: false });
    await h.enrol(session.headers);
    expect((await h.me(session.headers)).twoFactor).toEqual({ enabled: true, required: true, passed: true });
    expect((await ctx.app.inject({ url: '/api/v1/me/tokens', headers: session.headers })).statusCode).toBe(200);
  });

  it('refuses re-enrolment with 403 to a session that has not passed the enabled factor: a password must not replace the phone', async () => {
    const { user, session } = await h.userWithSession({
      role: 'delegate',
      memberState: 'co',
      totpSecret: newTotpSecret(),
    });
    const res = await h.post('/me/two-factor/enrolment', session.headers);
    expect(expectProblem(res, 403).detail).toMatch(/two-factor/);
    expect((await h.userRow(user.id)).totp_pending_secret).toBeNull();
  });

  it('keeps the enabled factor working while a re-enrolment waits for its code, and replaces it once confirmed', async () => {
    const old = newTotpSecret();
    const { user, session } = await h.userWithSession({
      role: 'delegate',
      memberState: 'co',
      totpSecret: old,
      secondFactor: true,
    });
    const { secret, recoveryCodes } = await h.enrol(session.headers);
    expect(secret).not.toBe(old);
    expect(recoveryCodes).toHaveLength(10);
    const other = await openSession(h.db(), user.id, { at: ctx.now() });
    expectProblem(await h.post('/auth/two-factor', other.headers, { code: h.nextCode(old) }), 401);
    expect((await h.post('/auth/two-factor', other.headers, { code: h.nextCode(secret) })).statusCode).toBe(200);
  });

  it('refuses the public with 401 and an API token with 403: only a signed-in person enrols', async () => {
    expectProblem(await h.post('/me/two-factor/enrolment', { origin: 'http://localhost' }), 401);
    const { session } = await h.userWithSession();
    const token = (
      await h.post('/me/tokens', session.headers, { name: 'machine', scope: 'write', expiresInDays: 1 })
    ).json().token;
    const res = await h.post('/me/two-factor/enrolment', bearer(token));
    expect(expectProblem(res, 403).detail).toMatch(/signed-in session/);
  });
});

describeEachEngineWithClock('POST /api/v1/me/two-factor/enrolment/confirm', { secretKey: SECRET_KEY }, (ctx) => {
  const h = helpers(ctx);

  it('turns two-factor on, marks this session as having passed it, and returns ten recovery codes stored only hashed', async () => {
    const { user, session } = await h.userWithSession({ role: 'partner' });
    expect((await h.me(session.headers)).twoFactor).toEqual({ enabled: false, required: false, passed: true });
    const started = await h.post('/me/two-factor/enrolment', session.headers);
    const secret = started.json().manualKey.replaceAll(' ', '');
    const res = await h.post('/me/two-factor/enrolment/confirm', session.headers, { code: h.nextCode(secret) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { recoveryCodes } = res.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect((await h.me(session.headers)).twoFactor).toEqual({ enabled: true, required: false, passed: true });

    const row = await h.userRow(user.id);
    expect(row.totp_enabled_at).not.toBeNull();
    expect(row.totp_pending_secret).toBeNull();
    expect(row.totp_secret).toMatch(/^v1:/);
    const stored = await h.db().selectFrom('recovery_code').selectAll().where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(10);
    const everything = JSON.stringify([stored, await h.auditOf(user.id)]);
    for (const code of recoveryCodes) expect(everything).not.toContain(code);
    expect(everything).not.toContain(secret);
    expect((await h.auditOf(user.id)).map((e) => e.action)).toEqual(['two-factor.enrol', 'two-factor.enrol']);
  });

  it('accepts the code of the step before (a slow phone), refuses one two steps away with 400 naming code', async () => {
    const { user, session } = await h.userWithSession();
    const secret = (await h.post('/me/two-factor/enrolment', session.headers)).json().manualKey.replaceAll(' ', '');
    const farAway = codeAt(secret, new Date(ctx.now().getTime() + 90_000));
    const refused = await h.post('/me/two-factor/enrolment/confirm', session.headers, { code: farAway });
    expectProblem(refused, 400, 'code');
    expect((await h.userRow(user.id)).totp_enabled_at).toBeNull();
    const late = codeAt(secret, new Date(ctx.now().getTime() - 30_000));
    expect((await h.post('/me/two-factor/enrolment/confirm', session.headers, { code: late })).statusCode).toBe(200);
  });

  it('refuses with 403 to confirm, from a session that has not passed the enabled factor, an enrolment another session started', async () => {
    const { user, session } = await h.userWithSession({ totpSecret: newTotpSecret(), secondFactor: true });
    const started = await h.post('/me/two-factor/enrolment', session.headers);
    const pending = started.json().manualKey.replaceAll(' ', '');
    const other = await openSession(h.db(), user.id, { at: ctx.now() });
    const res = await h.post('/me/two-factor/enrolment/confirm', other.headers, { code: h.nextCode(pending) });
    expectProblem(res, 403);
    expect((await h.userRow(user.id)).totp_pending_secret).not.toBeNull();
  });

  it('answers 409 when no enrolment was started, and writes nothing', async () => {
    const { user, session } = await h.userWithSession();
    const res = await h.post('/me/two-factor/enrolment/confirm', session.headers, { code: '123456' });
    expectProblem(res, 409);
    expect(await h.auditOf(user.id)).toEqual([]);
  });

  it('replaces the recovery codes of an earlier enrolment', async () => {
    const { user, session } = await h.userWithSession();
    const first = await h.enrol(session.headers);
    await h.enrol(session.headers);
    const other = await openSession(h.db(), user.id, { at: ctx.now() });
    const res = await h.post('/auth/two-factor', other.headers, { recoveryCode: first.recoveryCodes[0] });
    expectProblem(res, 401);
  });
});

describeEachEngineWithClock('POST /api/v1/auth/two-factor', { secretKey: SECRET_KEY }, (ctx) => {
  const h = helpers(ctx);

  it('passes the second factor of a focal point’s session with the current code: the session may then act', async () => {
    const secret = newTotpSecret();
    const { user, session } = await h.userWithSession({ role: 'focal-point', memberState: 'mx', totpSecret: secret });
    expect(
      expectProblem(await ctx.app.inject({ url: '/api/v1/me/sessions', headers: session.headers }), 403).detail,
    ).toMatch(/two-factor/);
    const res = await h.post('/auth/two-factor', session.headers, { code: h.nextCode(secret) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ method: 'totp', recoveryCodesLeft: 0 });
    expect((await h.me(session.headers)).twoFactor).toEqual({ enabled: true, required: true, passed: true });
    expect((await ctx.app.inject({ url: '/api/v1/me/sessions', headers: session.headers })).statusCode).toBe(200);
    expect((await h.auditOf(user.id)).map((e) => e.action)).toEqual(['two-factor.challenge']);
  });

  it('refuses a code already used, even in another session (RFC 6238 §5.2)', async () => {
    const secret = newTotpSecret();
    const { user, session } = await h.userWithSession({ role: 'secretariat-staff', totpSecret: secret });
    const code = h.nextCode(secret);
    expect((await h.post('/auth/two-factor', session.headers, { code })).statusCode).toBe(200);
    const other = await openSession(h.db(), user.id, { at: ctx.now() });
    expectProblem(await h.post('/auth/two-factor', other.headers, { code }), 401);
  });

  it('passes with a recovery code, typed in any case and spacing, and spends it', async () => {
    const { user, session } = await h.userWithSession({ role: 'secretariat-admin' });
    const { recoveryCodes } = await h.enrol(session.headers);
    const typed = (recoveryCodes[3] as string).toLowerCase().replaceAll('-', ' ');
    const first = await openSession(h.db(), user.id, { at: ctx.now() });
    const res = await h.post('/auth/two-factor', first.headers, { recoveryCode: typed });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ method: 'recovery-code', recoveryCodesLeft: 9 });
    const second = await openSession(h.db(), user.id, { at: ctx.now() });
    expectProblem(await h.post('/auth/two-factor', second.headers, { recoveryCode: recoveryCodes[3] }), 401);
  });

  it('refuses wrong codes with 401 and, after five in 15 minutes, the account with 429 saying when to retry, even in a new session', async () => {
    const secret = newTotpSecret();
    const { user, session } = await h.userWithSession({ role: 'focal-point', memberState: 'ec', totpSecret: secret });
    const wrong = codeAt(secret, new Date(ctx.now().getTime() + 600_000));
    for (let i = 0; i < 5; i++) {
      expect(expectProblem(await h.post('/auth/two-factor', session.headers, { code: wrong }), 401).title).toBe(
        'Wrong code',
      );
    }
    const locked = await h.post('/auth/two-factor', session.headers, { code: h.nextCode(secret) });
    expect(expectProblem(locked, 429).detail).toMatch(/try again in \d+ minutes/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Signing in again buys no more guesses: the limit is the account's.
    const fresh = await openSession(h.db(), user.id, { at: ctx.now() });
    expectProblem(await h.post('/auth/two-factor', fresh.headers, { code: h.nextCode(secret) }), 429);
    expect((await h.me(session.headers)).twoFactor.passed).toBe(false);
    ctx.advance(15 * 60_000);
    expect((await h.post('/auth/two-factor', fresh.headers, { code: h.nextCode(secret) })).statusCode).toBe(200);
  });

  it('gives back the attempt of a right code: a user who always types the right code is never locked out', async () => {
    const secret = newTotpSecret();
    const { user } = await h.userWithSession({ role: 'delegate', memberState: 'co', totpSecret: secret });
    for (let i = 0; i < 7; i++) {
      const session = await openSession(h.db(), user.id, { at: ctx.now() });
      expect((await h.post('/auth/two-factor', session.headers, { code: h.nextCode(secret) })).statusCode).toBe(200);
    }
  });

  it('says in the request’s language that the code is wrong', async () => {
    const { session } = await h.userWithSession({ totpSecret: newTotpSecret() });
    const res = await h.post('/auth/two-factor', { ...session.headers, 'accept-language': 'es' }, { code: '000000' });
    expect(expectProblem(res, 401).title).toBe('Código incorrecto');
  });

  it('answers 409 when the session has already passed, or when two-factor is off', async () => {
    const passed = await h.userWithSession({ totpSecret: newTotpSecret(), secondFactor: true });
    expectProblem(await h.post('/auth/two-factor', passed.session.headers, { code: '123456' }), 409);
    const off = await h.userWithSession({ role: 'delegate', memberState: 'co' });
    expectProblem(await h.post('/auth/two-factor', off.session.headers, { code: '123456' }), 409);
  });

  it('does not ask demo users for a second factor, whatever their role', async () => {
    const { session } = await h.userWithSession({ role: 'secretariat-admin', demo: true });
    expect((await h.me(session.headers)).twoFactor).toEqual({ enabled: false, required: false, passed: true });
    expect((await ctx.app.inject({ url: '/api/v1/me/tokens', headers: session.headers })).statusCode).toBe(200);
  });

  it('refuses the public with 401', async () => {
    expectProblem(await h.post('/auth/two-factor', {}, { code: '123456' }), 401);
  });
});

describeEachEngineWithClock('DELETE /api/v1/me/two-factor', { secretKey: SECRET_KEY }, (ctx) => {
  const h = helpers(ctx);
  const disable = (headers: Record<string, string>, code: string) =>
    ctx.app.inject({ method: 'DELETE', url: '/api/v1/me/two-factor', headers, payload: { code } });

  it('turns two-factor off for a delegate with a current code, and forgets the secret and recovery codes', async () => {
    const { user, session } = await h.userWithSession({ role: 'delegate', memberState: 'co' });
    const { secret } = await h.enrol(session.headers);
    const res = await disable(session.headers, h.nextCode(secret));
    expect(res.statusCode).toBe(204);
    const row = await h.userRow(user.id);
    expect([row.totp_secret, row.totp_enabled_at, row.totp_pending_secret]).toEqual([null, null, null]);
    expect(await h.db().selectFrom('recovery_code').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect((await h.me(session.headers)).twoFactor.enabled).toBe(false);
    expect((await h.auditOf(user.id)).at(-1)?.action).toBe('two-factor.disable');
  });

  it('refuses a focal point with 403: the role requires two-factor', async () => {
    const secret = newTotpSecret();
    const { user, session } = await h.userWithSession({
      role: 'focal-point',
      memberState: 'ec',
      totpSecret: secret,
      secondFactor: true,
    });
    const res = await disable(session.headers, h.nextCode(secret));
    expect(expectProblem(res, 403).detail).toMatch(/focal-point/);
    expect((await h.userRow(user.id)).totp_enabled_at).not.toBeNull();
  });

  it('lets a demo focal point turn it off: two-factor is not enforced for demo users', async () => {
    const secret = newTotpSecret();
    const { session } = await h.userWithSession({
      role: 'focal-point',
      memberState: 'mx',
      demo: true,
      totpSecret: secret,
    });
    expect((await disable(session.headers, h.nextCode(secret))).statusCode).toBe(204);
  });

  it('refuses a wrong code with 400 naming code, and after five wrong codes in 15 minutes refuses with 429', async () => {
    const secret = newTotpSecret();
    const { user, session } = await h.userWithSession({ role: 'group-member', totpSecret: secret, secondFactor: true });
    const wrong = codeAt(secret, new Date(ctx.now().getTime() + 600_000));
    for (let i = 0; i < 5; i++) expectProblem(await disable(session.headers, wrong), 400, 'code');
    expectProblem(await disable(session.headers, h.nextCode(secret)), 429);
    expect((await h.userRow(user.id)).totp_enabled_at).not.toBeNull();
  });

  it('answers 409 when two-factor is off, and 401 to the public', async () => {
    const { session } = await h.userWithSession();
    expectProblem(await disable(session.headers, '123456'), 409);
    expectProblem(await disable({}, '123456'), 401);
  });
});
