import fc from 'fast-check';
import { expect, it } from 'vitest';
import { smtpForTests } from '../../mail/testing.js';
import { buildApiToken, buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { openSession } from '../../testing/sessions.js';
import { verifyChain } from '../audit/chain.js';
import {
  auditOf,
  countRows,
  expectRefusal,
  FUZZ_RUNS,
  malformedBodies,
  sendBody,
  signIn,
  tokenIn,
} from '../users/testing.js';

const smtp = smtpForTests();
const tokenOf = (text: string) => tokenIn(text, 'password-reset');
const NEW_PASSWORD = 'a brand new passphrase';

let counter = 0;
/** Every test asks from its own address, so the per-address limit of one test never meets another's. */
const freshIp = () => `192.0.2.${++counter}`;

describeEachEngine(
  'POST /api/v1/auth/password-reset and POST /api/v1/auth/password-reset/{token}',
  (ctx) => {
    const ask = (email: string, headers: Record<string, string> = {}, remoteAddress = freshIp()) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { email },
        headers,
        remoteAddress,
      });
    const reset = (token: string, password: string, headers: Record<string, string> = {}) =>
      ctx.app.inject({ method: 'POST', url: `/api/v1/auth/password-reset/${token}`, payload: { password }, headers });
    /** An active user whose preferred language is `lang`, and the reset link they were mailed. */
    async function linkFor(lang: 'en' | 'es' | 'fr' | 'pt' = 'en') {
      const user = await buildUser(ctx.database.db);
      await ctx.database.db.updateTable('app_user').set({ preferred_lang: lang }).where('id', '=', user.id).execute();
      expect((await ask(user.email.toUpperCase())).statusCode).toBe(202);
      const mail = await smtp.waitFor(user.email);
      return { user, mail, token: tokenOf(mail.text) };
    }

    it('answers 202 and e-mails a single-use link, valid one hour, in the account’s language', async () => {
      const { user, mail, token } = await linkFor('fr');
      expect(mail.subject).toBe('Réinitialisez votre mot de passe de la Plateforme MISPA');
      expect(mail.text).toContain(`http://localhost:3000/fr/password-reset/${token}`);
      const [row] = await ctx.database.db
        .selectFrom('password_reset')
        .selectAll()
        .where('user_id', '=', user.id)
        .execute();
      const validFor = Date.parse(row?.expires_at as string) - Date.parse(row?.created_at as string);
      expect(validFor).toBe(3_600_000);
      expect(JSON.stringify(row)).not.toContain(token);
      expect((await auditOf(ctx, user.id)).map((e) => e.action)).toEqual(['auth.password-reset-request']);
    });

    it('answers the same 202 for an unknown or deactivated account, and sends or writes nothing', async () => {
      const gone = await buildUser(ctx.database.db, { status: 'deactivated' });
      const before = await countRows(ctx);
      const unknown = await ask('nobody-here@example.test');
      const deactivated = await ask(gone.email);
      expect([unknown.statusCode, deactivated.statusCode]).toEqual([202, 202]);
      expect(unknown.body).toBe(deactivated.body);
      const after = await countRows(ctx);
      // Only the attempt counters move: one per address and one per account, for each request.
      expect({ ...after, rate_limit: 0 }).toEqual({ ...before, rate_limit: 0 });
      await expect(smtp.waitFor(gone.email, () => true, 300)).rejects.toThrow(/no e-mail/);
      await expect(smtp.waitFor('nobody-here@example.test', () => true, 300)).rejects.toThrow(/no e-mail/);
    });

    it('sets the new password and ends every session and every API token of the account (issue 11), as the e-mail and the reply say', async () => {
      const { user, token, mail } = await linkFor();
      expect(mail.text).toContain('every API token of your account revoked');
      const before = await signIn(ctx, user);
      expect((await ctx.app.inject({ url: '/api/v1/me', headers: before })).statusCode).toBe(200);
      const apiToken = await buildApiToken(ctx.database.db, user.id, 'write');
      const rename = () =>
        ctx.app.inject({
          method: 'PATCH',
          url: '/api/v1/me',
          headers: { authorization: apiToken },
          payload: { displayName: 'Taken over' },
        });
      expect((await rename()).statusCode).toBe(200);
      const reply = await reset(token, NEW_PASSWORD);
      expect(reply.statusCode, reply.body).toBe(200);
      expect(reply.json()).toEqual({ ended: 1, tokensRevoked: 1 });
      expect((await ctx.app.inject({ url: '/api/v1/me', headers: before })).statusCode).toBe(401);
      expect((await rename()).statusCode).toBe(401);
      const signInWith = (password: string) =>
        ctx.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: user.email, password } });
      expect((await signInWith(user.password)).statusCode).toBe(401);
      expect((await signInWith(NEW_PASSWORD)).statusCode).toBe(204);
      const entry = (await auditOf(ctx, user.id)).find((e) => e.action === 'auth.password-reset');
      expect(entry).toMatchObject({
        actor_user_id: user.id,
        diff: { before: null, after: { sessionsRevoked: 1, apiCredentialsRevoked: 1 } },
      });
      expect(JSON.stringify(await auditOf(ctx, user.id))).not.toContain(NEW_PASSWORD);
      expect(await verifyChain(ctx.database.db)).toMatchObject({ ok: true });
    });

    it('uses up every link of the account: a second use, or an older link, answers 410', async () => {
      const user = await buildUser(ctx.database.db);
      await ask(user.email);
      const first = tokenOf((await smtp.waitFor(user.email)).text);
      await ask(user.email);
      const second = tokenOf((await smtp.waitFor(user.email, (m) => tokenOf(m.text) !== first)).text);
      expect((await reset(second, NEW_PASSWORD)).statusCode).toBe(200);
      expect((await reset(second, 'yet another passphrase')).statusCode).toBe(410);
      const older = await reset(first, 'yet another passphrase', { 'accept-language': 'es' });
      expect(older.statusCode).toBe(410);
      expect(older.json().title).toBe('Enlace no válido');
    });

    it('uses up the links sent before a password changed at /me/password: whoever asked for one no longer sets it (issue 11, item 3 class)', async () => {
      const { user, token } = await linkFor();
      const session = await openSession(ctx.database.db, user.id);
      const changed = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        headers: session.headers,
        payload: { currentPassword: user.password, newPassword: NEW_PASSWORD },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect((await reset(token, 'yet another passphrase')).statusCode).toBe(410);
      await signIn(ctx, { ...user, password: NEW_PASSWORD });
    });

    it('answers 410 for an expired link and 404 for one never issued', async () => {
      const { user, token } = await linkFor();
      await ctx.database.db
        .updateTable('password_reset')
        .set({ expires_at: new Date(Date.now() - 1).toISOString() })
        .where('user_id', '=', user.id)
        .execute();
      expect((await reset(token, NEW_PASSWORD)).statusCode).toBe(410);
      const unknown = await reset('never-issued', NEW_PASSWORD);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().type).toMatch(/reset-link-not-found$/);
    });

    it('refuses a common password with a 400 naming password, keeping the link usable', async () => {
      const { token } = await linkFor();
      const reply = await reset(token, 'QAZWSXEDCRFV');
      expect(reply.statusCode).toBe(400);
      expect(reply.json().errors[0]).toMatchObject({ name: 'password', reason: expect.stringMatching(/common/) });
      expect((await reset(token, NEW_PASSWORD)).statusCode).toBe(200);
    });

    it(`answers ${FUZZ_RUNS} malformed reset requests with 4xx problems and writes nothing`, async () => {
      const before = await countRows(ctx);
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(
          malformedBodies(
            { email: 'fuzz@example.test' },
            { email: ['', 'fuzz', 'fuzz@', '@example.test', `${'x'.repeat(250)}@example.test`, 'a\u0000@b.test'] },
          ),
          async (body) => {
            cases++;
            expectRefusal(await sendBody(ctx, 'POST', '/api/v1/auth/password-reset', body), body);
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
      expect(cases).toBe(FUZZ_RUNS);
      expect(await countRows(ctx)).toEqual(before);
    });

    it(`answers ${FUZZ_RUNS} malformed new passwords with 4xx problems and writes nothing`, async () => {
      const { token } = await linkFor();
      const before = await countRows(ctx);
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(
          malformedBodies(
            { password: NEW_PASSWORD },
            { password: ['', 'short', 'x'.repeat(1025), '1q2w3e4r5t6y', 'Q1W2E3R4T5Y6'] },
          ),
          async (body) => {
            cases++;
            expectRefusal(await sendBody(ctx, 'POST', `/api/v1/auth/password-reset/${token}`, body), body);
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
      expect(cases).toBe(FUZZ_RUNS);
      expect(await countRows(ctx)).toEqual(before);
    });
  },
  smtp.appOptions,
);
