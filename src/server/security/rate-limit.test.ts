import { expect, it, vi } from 'vitest';
import { message } from '../i18n/messages.js';
import { buildUser } from '../testing/factories.js';
import { describeEachEngine } from '../testing/harness.js';
import { consume, hit, LIMITS, pruneRateLimits, RateLimitedError, refund, schedulePruning } from './rate-limit.js';
import { ACCOUNT_DELAY } from './sign-in-throttle.js';

let counter = 0;
const freshKey = () => `test:${Date.now()}:${++counter}`;
const freshIp = () => `198.51.100.${++counter % 250}`;
const limit = { max: 3, windowMinutes: 15 };

describeEachEngine('the rate limiter (security/rate-limit.ts)', (ctx) => {
  it('counts hits on a key within its window', async () => {
    const key = freshKey();
    const now = new Date();
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push((await hit(ctx.database.db, key, limit, now)).hits);
    expect(hits).toEqual([1, 2, 3, 4]);
  });

  it('refuses past the limit with the seconds left in the window, and starts afresh after it', async () => {
    const key = freshKey();
    const start = new Date('2030-01-01T10:00:00.000Z');
    for (let i = 0; i < 3; i++) await consume(ctx.database.db, [{ key, limit }], start);
    const later = new Date(start.getTime() + 5 * 60_000);
    const refused = await consume(ctx.database.db, [{ key, limit }], later).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(10 * 60);
    expect((refused as RateLimitedError).headers).toEqual({ 'retry-after': '600' });
    const nextWindow = new Date(start.getTime() + 15 * 60_000);
    await expect(consume(ctx.database.db, [{ key, limit }], nextWindow)).resolves.toBeUndefined();
    expect((await hit(ctx.database.db, key, limit, nextWindow)).hits).toBe(2);
  });

  it('counts every one of many simultaneous hits exactly once (one atomic upsert each)', async () => {
    const key = freshKey();
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 20 }, () => hit(ctx.database.db, key, limit, now)));
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('gives back a refunded hit, never below zero', async () => {
    const key = freshKey();
    const now = new Date();
    await hit(ctx.database.db, key, limit, now);
    await refund(ctx.database.db, [key]);
    await refund(ctx.database.db, [key]);
    expect((await hit(ctx.database.db, key, limit, now)).hits).toBe(1);
  });

  it('prunes the counters whose window is over', async () => {
    const key = freshKey();
    const past = new Date(Date.now() - 60 * 60_000);
    await hit(ctx.database.db, key, limit, past);
    expect(await pruneRateLimits(ctx.database.db, new Date())).toBeGreaterThanOrEqual(1);
    const row = await ctx.database.db.selectFrom('rate_limit').select('key').where('key', '=', key).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('deletes expired counters on a schedule while the app runs, keeping the live ones', async () => {
    const [expired, live] = [freshKey(), freshKey()];
    await hit(ctx.database.db, expired, limit, new Date(Date.now() - 60 * 60_000));
    await hit(ctx.database.db, live, limit, new Date());
    const keys = () =>
      ctx.database.db
        .selectFrom('rate_limit')
        .select('key')
        .where('key', 'in', [expired, live])
        .execute()
        .then((rows) => rows.map((r) => r.key));
    const errors: unknown[] = [];
    const stop = schedulePruning(
      ctx.database.db,
      () => new Date(),
      (e) => errors.push(e),
      20,
    );
    try {
      await vi.waitFor(async () => expect(await keys()).toEqual([live]), { timeout: 5_000, interval: 20 });
    } finally {
      await stop();
    }
    expect(errors).toEqual([]);
  });

  it('says when to try again in every language, in minutes', () => {
    expect(message('en', 'rateLimited.detail', { minutes: '15' })).toBe('Too many attempts; try again in 15 minutes.');
    expect(message('es', 'rateLimited.detail', { minutes: '15' })).toMatch(/dentro de 15 minutos/);
    expect(message('fr', 'rateLimited.detail', { minutes: '15' })).toMatch(/dans 15 minutes/);
    expect(message('pt', 'rateLimited.detail', { minutes: '15' })).toMatch(/em 15 minutos/);
    expect(new RateLimitedError(59).messageKey).toBe('rateLimited.minute');
    expect(new RateLimitedError(61).values).toEqual({ minutes: '2' });
  });
});

describeEachEngine('brute force against POST /api/v1/auth/sign-in', (ctx) => {
  const signIn = (email: string, password: string, remoteAddress: string, lang = 'en') =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password },
      remoteAddress,
      headers: { 'accept-language': lang },
    });

  it('does not count sign-ins that succeed', async () => {
    const user = await buildUser(ctx.database.db);
    for (let i = 0; i < ACCOUNT_DELAY.freeFailures + 2; i++) {
      expect((await signIn(user.email, user.password, freshIp())).statusCode).toBe(204);
    }
  });

  it(`refuses an address after ${LIMITS.signInIp.max} failures on any accounts, but not other addresses`, async () => {
    const ip = '203.0.113.7';
    // Each failure costs a deliberately slow password check: all but the last are counted directly.
    for (let i = 1; i < LIMITS.signInIp.max; i++) {
      await hit(ctx.database.db, `sign-in:ip:${ip}`, LIMITS.signInIp, new Date());
    }
    expect((await signIn('nobody@example.test', 'wrong password!', ip)).statusCode).toBe(401);
    const user = await buildUser(ctx.database.db);
    const refused = await signIn(user.email, user.password, ip, 'fr');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toBe('Trop de tentatives ; réessayez dans 15 minutes.');
    expect((await signIn(user.email, user.password, '203.0.113.8')).statusCode).toBe(204);
  });
});

describeEachEngine('brute force against POST /api/v1/auth/password-reset', (ctx) => {
  const ask = (email: string, remoteAddress: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email }, remoteAddress });

  it(`refuses an e-mail asked for more than ${LIMITS.resetAccount.max} times, whether or not it has an account`, async () => {
    for (const email of [(await buildUser(ctx.database.db)).email, 'no-account@example.test']) {
      for (let i = 0; i < LIMITS.resetAccount.max; i++) expect((await ask(email, freshIp())).statusCode).toBe(202);
      const refused = await ask(email, freshIp());
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
    }
  });

  it(`refuses an address after ${LIMITS.resetIp.max} requests`, async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < LIMITS.resetIp.max; i++) {
      expect((await ask(`someone-${i}@example.test`, ip)).statusCode).toBe(202);
    }
    const refused = await ask('someone-else@example.test', ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toBe('Too many attempts; try again in 15 minutes.');
  });
});
