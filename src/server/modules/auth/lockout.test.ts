import fc from 'fast-check';
import { expect, it } from 'vitest';
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS, deviceCookies } from '../../security/device-cookie.js';
import { hit, LIMITS } from '../../security/rate-limit.js';
import { hashPassword } from '../../security/secrets.js';
import { ACCOUNT_DELAY, accountDelaySeconds, DEVICE_LIMIT } from '../../security/sign-in-throttle.js';
import { expectProblem } from '../../testing/api.js';
import { buildUser } from '../../testing/factories.js';
import { describeEachEngineWithClock } from '../../testing/harness.js';
import { ORIGIN } from '../../testing/sessions.js';
import { codeAt, newTotpSecret } from '../two-factor/totp.js';

const SECRET_KEY = 'test key: 32 random bytes in production, not this sentence';
let counter = 0;
/** A new client address for every attempt: the attacker of issue 11 item 7 has many. */
const anyIp = () => `198.51.${Math.floor(++counter / 250) % 250}.${counter % 250}`;

/** The value of cookie `name` among a reply's Set-Cookie headers, and the header itself. */
function setCookie(headers: Record<string, unknown>, name: string): { value: string; header: string } | null {
  const all = [headers['set-cookie'] ?? []].flat().map(String);
  const header = all.find((h) => h.startsWith(`${name}=`));
  return header ? { value: header.slice(name.length + 1).split(';')[0] as string, header } : null;
}

describeEachEngineWithClock('nobody can lock an account out (issue 11 item 7)', { secretKey: SECRET_KEY }, (ctx) => {
  const signIn = (email: string, password: string, options: { ip?: string; device?: string } = {}) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password },
      remoteAddress: options.ip ?? anyIp(),
      // The portal's own page: the origin check insists on it once a cookie is sent.
      headers: options.device === undefined ? {} : { cookie: `${DEVICE_COOKIE}=${options.device}`, origin: ORIGIN },
    });
  /** Signs the owner in once, as on their own computer, and answers the known-device cookie it got. */
  const knownDevice = async (email: string, password: string) => {
    const reply = await signIn(email, password);
    expect(reply.statusCode).toBe(204);
    const device = setCookie(reply.headers, DEVICE_COOKIE);
    expect(device).not.toBeNull();
    return device?.value as string;
  };
  const attack = async (email: string, times: number) => {
    for (let i = 0; i < times; i++) {
      const reply = await signIn(email, 'a wrong guess, again', { ip: anyIp() });
      expect([401, 429]).toContain(reply.statusCode);
      // The attacker waits as long as told, so every guess of theirs counts.
      if (reply.statusCode === 429) {
        ctx.advance(Number(reply.headers['retry-after']) * 1000);
        i--;
      }
    }
  };
  const retryAfter = (reply: { headers: Record<string, unknown> }) => Number(reply.headers['retry-after']);

  it('lets the owner in from a known device after an attacker failed 30 times from 30 addresses', async () => {
    const owner = await buildUser(ctx.database.db, { role: 'focal-point', memberState: 'ec' });
    const device = await knownDevice(owner.email, owner.password);
    await attack(owner.email, 30);
    const refused = await signIn(owner.email, owner.password);
    expect(expectProblem(refused, 429).detail).toMatch(/try again in/);
    const reply = await signIn(owner.email.toUpperCase(), owner.password, { device });
    expect(reply.statusCode, reply.body).toBe(204);
    expect(setCookie(reply.headers, 'mispa_session')).not.toBeNull();
    // Signing in renews the known-device cookie.
    expect(setCookie(reply.headers, DEVICE_COOKIE)?.value).toMatch(/^d1\./);
  });

  it('sets the known-device cookie HttpOnly, SameSite=Strict, for the API only, long-lived, naming the account and never its password or e-mail', async () => {
    const owner = await buildUser(ctx.database.db);
    const reply = await signIn(owner.email, owner.password);
    const device = setCookie(reply.headers, DEVICE_COOKIE);
    expect(device?.header).toMatch(/; HttpOnly/);
    expect(device?.header).toMatch(/; SameSite=Strict/);
    expect(device?.header).toMatch(/; Path=\/api\/v1\//);
    expect(device?.header).toContain(`Max-Age=${DEVICE_COOKIE_DAYS * 86_400}`);
    expect(device?.value.split('.')[1]).toBe(owner.id);
    expect(device?.value).not.toContain(owner.password);
    expect(device?.value).not.toContain(owner.email);
    // Signing out leaves the browser known: that is the point of it.
    const out = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie: `mispa_session=${setCookie(reply.headers, 'mispa_session')?.value}`, origin: ORIGIN },
    });
    expect(out.statusCode).toBe(204);
    expect(setCookie(out.headers, DEVICE_COOKIE)).toBeNull();
  });

  it('delays the owner without the cookie, and the attacker, with a Retry-After that doubles with each failure up to the cap', async () => {
    const owner = await buildUser(ctx.database.db);
    await attack(owner.email, ACCOUNT_DELAY.freeFailures);
    const waits: number[] = [];
    for (let failures = ACCOUNT_DELAY.freeFailures; failures < ACCOUNT_DELAY.freeFailures + 7; failures++) {
      const refused = await signIn(owner.email, owner.password);
      expectProblem(refused, 429);
      const wait = retryAfter(refused);
      // Real time runs between the failure and this attempt: the wait is the delay less that.
      expect(wait).toBeLessThanOrEqual(accountDelaySeconds(failures));
      expect(wait).toBeGreaterThan(accountDelaySeconds(failures) / 2);
      waits.push(accountDelaySeconds(failures));
      ctx.advance(wait * 1000);
      expect((await signIn(owner.email, 'a wrong guess, again')).statusCode).toBe(401);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900]);
    expect(Math.max(...waits)).toBe(ACCOUNT_DELAY.maxDelaySeconds);
    // Hammering while told to wait does not lengthen the wait, and the right password gets in after it.
    for (let i = 0; i < 5; i++) expectProblem(await signIn(owner.email, 'a wrong guess, again'), 429);
    const last = await signIn(owner.email, owner.password);
    ctx.advance(retryAfter(last) * 1000);
    expect((await signIn(owner.email, owner.password)).statusCode).toBe(204);
  });

  it(`answers the right password after ${ACCOUNT_DELAY.freeFailures} failures with a 429 problem in the reader’s language, no cookie, and leaves other accounts alone`, async () => {
    const owner = await buildUser(ctx.database.db);
    await attack(owner.email, ACCOUNT_DELAY.freeFailures);
    const refused = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: owner.email.toUpperCase(), password: owner.password },
      remoteAddress: anyIp(),
      headers: { 'accept-language': 'es' },
    });
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      status: 429,
      title: 'Demasiados intentos',
      detail: 'Demasiados intentos; vuelva a intentarlo dentro de un minuto.',
    });
    expect(retryAfter(refused)).toBeLessThanOrEqual(ACCOUNT_DELAY.firstDelaySeconds);
    expect(refused.headers['set-cookie']).toBeUndefined();
    const other = await buildUser(ctx.database.db);
    expect((await signIn(other.email, other.password)).statusCode).toBe(204);
  });

  it('counts only one of many simultaneous attempts once the account must wait', async () => {
    const owner = await buildUser(ctx.database.db);
    await attack(owner.email, ACCOUNT_DELAY.freeFailures);
    ctx.advance(accountDelaySeconds(ACCOUNT_DELAY.freeFailures) * 1000);
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => signIn(owner.email, 'a wrong guess, again', { ip: anyIp() })),
    );
    expect(replies.map((r) => r.statusCode).sort()).toEqual([401, 429, 429, 429, 429, 429, 429, 429]);
  });

  it('forgets an account’s failures a day after the last attempt', async () => {
    const owner = await buildUser(ctx.database.db);
    await attack(owner.email, ACCOUNT_DELAY.freeFailures + 3);
    expectProblem(await signIn(owner.email, owner.password), 429);
    ctx.advance(ACCOUNT_DELAY.forgetHours * 3_600_000);
    await attack(owner.email, ACCOUNT_DELAY.freeFailures - 1);
    expect((await signIn(owner.email, owner.password)).statusCode).toBe(204);
  });

  it('delays an unknown e-mail the same way, so the delay tells nothing about which accounts exist', async () => {
    const email = `nobody-${++counter}@example.test`;
    await attack(email, ACCOUNT_DELAY.freeFailures);
    const refused = await signIn(email, 'whatever it may be');
    expectProblem(refused, 429);
    expect(retryAfter(refused)).toBeLessThanOrEqual(accountDelaySeconds(ACCOUNT_DELAY.freeFailures));
  });

  it('still throttles an address: past its limit even the owner’s known device is refused there, not elsewhere', async () => {
    const owner = await buildUser(ctx.database.db);
    const device = await knownDevice(owner.email, owner.password);
    const ip = `203.0.113.${++counter % 250}`;
    // Each failure costs a deliberately slow password check: the address's are counted directly.
    for (let i = 0; i < LIMITS.signInIp.max; i++)
      await hit(ctx.database.db, `sign-in:ip:${ip}`, LIMITS.signInIp, ctx.now());
    const refused = await signIn(owner.email, owner.password, { ip, device });
    expectProblem(refused, 429);
    expect(retryAfter(refused)).toBeGreaterThan(14 * 60);
    expect((await signIn(owner.email, owner.password, { device })).statusCode).toBe(204);
  });

  it(`gives a known device ${DEVICE_LIMIT.max} failures of its own, then distrusts it: the account’s delay applies`, async () => {
    const owner = await buildUser(ctx.database.db);
    const device = await knownDevice(owner.email, owner.password);
    await attack(owner.email, ACCOUNT_DELAY.freeFailures);
    for (let i = 0; i < DEVICE_LIMIT.max; i++) {
      expect((await signIn(owner.email, 'a wrong guess, again', { device })).statusCode).toBe(401);
    }
    // Its failures did not add to the account's delay: still the first one.
    const distrusted = await signIn(owner.email, owner.password, { device });
    expectProblem(distrusted, 429);
    expect(retryAfter(distrusted)).toBeLessThanOrEqual(accountDelaySeconds(ACCOUNT_DELAY.freeFailures));
    // Once its window is over the cookie counts again.
    ctx.advance(DEVICE_LIMIT.windowMinutes * 60_000);
    await attack(owner.email, 1);
    expect((await signIn(owner.email, owner.password, { device })).statusCode).toBe(204);
  });

  it('ignores forged, altered, expired, other accounts’ and pre-password-change device cookies: the account’s delay applies', async () => {
    const owner = await buildUser(ctx.database.db);
    const other = await buildUser(ctx.database.db);
    const genuine = await knownDevice(owner.email, owner.password);
    const othersDevice = await knownDevice(other.email, other.password);
    const [version, id, deviceId, expires, signature] = genuine.split('.') as [string, string, string, string, string];
    const row = await ctx.database.db
      .selectFrom('app_user')
      .select(['id', 'password_hash'])
      .where('id', '=', owner.id)
      .executeTakeFirstOrThrow();
    const signedElsewhere = deviceCookies('another installation’s key, also 32 characters or more');
    const withoutKey = deviceCookies(undefined);
    const oldPassword = { id: owner.id, password_hash: await hashPassword('the password before it changed') };
    const ignored = {
      'another account’s': othersDevice,
      'a forged signature': [
        version,
        id,
        deviceId,
        expires,
        signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
      ].join('.'),
      'another account’s id under this signature': [version, other.id, deviceId, expires, signature].join('.'),
      'a later expiry under the same signature': [
        version,
        id,
        deviceId,
        String(Number(expires) + 86_400),
        signature,
      ].join('.'),
      'another installation’s': signedElsewhere.issue(
        { id: owner.id, password_hash: row.password_hash as string },
        ctx.now(),
      ),
      'one signed without the installation’s key': withoutKey.issue(
        { id: owner.id, password_hash: row.password_hash as string },
        ctx.now(),
      ),
      'an expired': deviceCookies(SECRET_KEY).issue(
        { id: owner.id, password_hash: row.password_hash as string },
        new Date(ctx.now().getTime() - DEVICE_COOKIE_DAYS * 86_400_000 - 1000),
      ),
      'one issued under an earlier password': deviceCookies(SECRET_KEY).issue(oldPassword, ctx.now()),
      'a malformed': 'd1.not-a-cookie',
    };
    // The genuine cookie, built the same way, is recognised: so each refusal below is for its fault.
    expect(deviceCookies(SECRET_KEY).recognise(genuine, row, ctx.now())).toBe(deviceId);
    await attack(owner.email, ACCOUNT_DELAY.freeFailures);
    for (const [what, device] of Object.entries(ignored)) {
      const reply = await signIn(owner.email, owner.password, { device });
      expect(reply.statusCode, what).toBe(429);
    }
    expect((await signIn(owner.email, owner.password, { device: genuine })).statusCode).toBe(204);
  });

  it('answers any cookie value as from an unknown browser, never with an error of its own', async () => {
    const owner = await buildUser(ctx.database.db);
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[!#-+\--:<-[\]-~]{0,300}$/), async (device) => {
        const reply = await signIn(owner.email, 'a wrong guess, again', { device });
        expect([401, 429]).toContain(reply.statusCode);
        expect(setCookie(reply.headers, DEVICE_COOKIE)).toBeNull();
      }),
      { numRuns: 30 },
    );
  });

  it('refuses a malformed sign-in with 400 naming the field, counting no attempt and setting no cookie', async () => {
    const cases: Array<[object, string[]]> = [
      [{ email: 'not-an-email', password: 'x' }, ['email']],
      [{ email: 'malformed@example.test' }, ['password']],
      [{ password: 'x' }, ['email']],
    ];
    const ips: string[] = [];
    for (const [payload, fields] of cases) {
      const ip = anyIp();
      ips.push(ip);
      const reply = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload, remoteAddress: ip });
      const problem = expectProblem(reply, 400);
      expect(problem.errors?.map((e) => e.name).sort()).toEqual(fields);
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
    const counted = await ctx.database.db
      .selectFrom('rate_limit')
      .select('key')
      .where('key', 'in', [...ips.map((ip) => `sign-in:ip:${ip}`), 'sign-in:account:malformed@example.test'])
      .execute();
    expect(counted).toEqual([]);
  });

  it('makes a two-factor account’s browser known only once the second factor passes; then it is spared the delay', async () => {
    const secret = newTotpSecret();
    const owner = await buildUser(ctx.database.db, { role: 'focal-point', memberState: 'mx', totpSecret: secret });
    const first = await signIn(owner.email, owner.password);
    expect(first.statusCode).toBe(204);
    expect(setCookie(first.headers, DEVICE_COOKIE)).toBeNull();
    ctx.advance(30_000);
    const passed = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/two-factor',
      headers: { cookie: `mispa_session=${setCookie(first.headers, 'mispa_session')?.value}`, origin: ORIGIN },
      payload: { code: codeAt(secret, ctx.now()) },
    });
    expect(passed.statusCode, passed.body).toBe(200);
    expect(passed.json()).toEqual({ method: 'totp', recoveryCodesLeft: 0 });
    const device = setCookie(passed.headers, DEVICE_COOKIE)?.value as string;
    expect(device).toMatch(/^d1\./);
    await attack(owner.email, ACCOUNT_DELAY.freeFailures + 2);
    expectProblem(await signIn(owner.email, owner.password), 429);
    const again = await signIn(owner.email, owner.password, { device });
    expect(again.statusCode).toBe(204);
    // The session still has to pass the second factor: the device spares the delay, not the factor.
    const me = await ctx.app.inject({
      url: '/api/v1/me',
      headers: { cookie: `mispa_session=${setCookie(again.headers, 'mispa_session')?.value}` },
    });
    expect(me.json().twoFactor).toEqual({ enabled: true, required: true, passed: false });
  });

  it('spares a known device the delay when confirming the current password to change it, and knows only that browser under the new one', async () => {
    const owner = await buildUser(ctx.database.db);
    const reply = await signIn(owner.email, owner.password);
    const device = setCookie(reply.headers, DEVICE_COOKIE)?.value as string;
    const session = `mispa_session=${setCookie(reply.headers, 'mispa_session')?.value}`;
    await attack(owner.email, ACCOUNT_DELAY.freeFailures + 2);
    const change = (cookie: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        headers: { cookie, origin: ORIGIN },
        payload: { currentPassword: owner.password, newPassword: 'a brand new passphrase, long enough' },
      });
    expectProblem(await change(session), 429);
    const changed = await change(`${session}; ${DEVICE_COOKIE}=${device}`);
    expect(changed.statusCode, changed.body).toBe(200);
    // A new password forgets the devices known under the old one; this browser is known anew.
    const renewed = setCookie(changed.headers, DEVICE_COOKIE)?.value as string;
    expect(renewed).toMatch(/^d1\./);
    await attack(owner.email, 1);
    expectProblem(await signIn(owner.email, 'a brand new passphrase, long enough', { device }), 429);
    const again = await signIn(owner.email, 'a brand new passphrase, long enough', { device: renewed });
    expect(again.statusCode).toBe(204);
  });
});
