import fc from 'fast-check';
import { expect, it } from 'vitest';
import { smtpForTests } from '../../mail/testing.js';
import { PUBLIC } from '../../policy/actor.js';
import { describeEachEngine } from '../../testing/harness.js';
import { issueSetupLink } from './invitations-service.js';
import {
  auditOf,
  countRows,
  expectRefusal,
  FUZZ_RUNS,
  freshEmail,
  malformedBodies,
  sendBody,
  signedIn,
  tokenIn,
} from './testing.js';

const smtp = smtpForTests();
const tokenOf = (text: string) => tokenIn(text, 'invitation');
const GOOD_PASSWORD = 'a long and unusual passphrase';

describeEachEngine(
  'GET /api/v1/invitations/{token} and POST /api/v1/invitations/{token}/accept',
  (ctx) => {
    /** Invites a fresh person through the API and returns their id, e-mail and the token mailed. */
    async function invited(preferredLang = 'en') {
      const admin = await signedIn(ctx, { role: 'secretariat-admin' });
      const email = freshEmail();
      const reply = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/users/invitations',
        headers: admin.headers,
        payload: { email, displayName: 'Invitee', preferredLang, grants: [{ role: 'delegate', memberState: 'mx' }] },
      });
      return { admin, userId: reply.json().user.id as string, email, token: tokenOf((await smtp.waitFor(email)).text) };
    }
    const accept = (token: string, payload: object, headers: Record<string, string> = {}) =>
      ctx.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload, headers });

    it('shows the invitation to whoever has the link, and nothing is cached', async () => {
      const { token, email } = await invited('fr');
      const reply = await ctx.app.inject({ url: `/api/v1/invitations/${token}` });
      expect(reply.statusCode).toBe(200);
      expect(reply.headers['cache-control']).toBe('no-store');
      expect(reply.json()).toEqual({
        setup: false,
        email,
        displayName: 'Invitee',
        preferredLang: 'fr',
        state: 'pending',
        expiresAt: expect.any(String),
      });
    });

    it('answers 404 for a link that was never issued', async () => {
      const reply = await ctx.app.inject({ url: '/api/v1/invitations/not-a-real-token' });
      expect(reply.statusCode).toBe(404);
      expect(reply.json().type).toMatch(/invitation-not-found$/);
      expect((await accept('not-a-real-token', { password: GOOD_PASSWORD })).statusCode).toBe(404);
    });

    it('sets the password and activates the account, which then signs in; the link then answers 410', async () => {
      const { token, email, userId } = await invited();
      const reply = await accept(token, { password: GOOD_PASSWORD });
      expect(reply.statusCode, reply.body).toBe(204);
      const signIn = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email, password: GOOD_PASSWORD },
      });
      expect(signIn.statusCode).toBe(204);
      const again = await accept(token, { password: 'another long passphrase' });
      expect(again.statusCode).toBe(410);
      expect(again.json().detail).toMatch(/already been used/);
      expect((await ctx.app.inject({ url: `/api/v1/invitations/${token}` })).json().state).toBe('used');
      const entries = await auditOf(ctx, userId);
      expect(entries.map((e) => e.action)).toEqual(['users.invite', 'auth.invitation-accept', 'auth.sign-in']);
      expect(entries[1]).toMatchObject({ actor_user_id: userId, actor_role: null });
      expect(JSON.stringify(entries)).not.toContain(GOOD_PASSWORD);
    });

    it('answers 410 for an expired invitation, and shows it as expired', async () => {
      const { token, userId } = await invited();
      await ctx.database.db
        .updateTable('invitation')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('user_id', '=', userId)
        .execute();
      expect((await ctx.app.inject({ url: `/api/v1/invitations/${token}` })).json().state).toBe('expired');
      const reply = await accept(token, { password: GOOD_PASSWORD }, { 'accept-language': 'es' });
      expect(reply.statusCode).toBe(410);
      expect(reply.json().title).toBe('Invitación vencida');
      const user = await ctx.database.db
        .selectFrom('app_user')
        .select(['status', 'password_hash'])
        .where('id', '=', userId)
        .executeTakeFirst();
      expect(user).toEqual({ status: 'invited', password_hash: null });
    });

    it('answers 410 once the invited account was deactivated', async () => {
      const { token, userId, admin } = await invited();
      await ctx.app.inject({ method: 'POST', url: `/api/v1/users/${userId}/deactivate`, headers: admin.headers });
      expect((await accept(token, { password: GOOD_PASSWORD })).statusCode).toBe(410);
    });

    it.each([
      ['short', 'password', /at least 12 characters/],
      ['Qwerty123456', 'password', /most common passwords/],
      ['1QAZ2WSX3EDC', 'password', /most common passwords/],
    ])('refuses the password %j with a 400 naming %s, and activates nothing', async (password, name, reason) => {
      const { token, userId } = await invited();
      const reply = await accept(token, { password });
      expect(reply.statusCode).toBe(400);
      expect(reply.json().errors[0]).toMatchObject({ name, reason: expect.stringMatching(reason) });
      const user = await ctx.database.db
        .selectFrom('app_user')
        .select('status')
        .where('id', '=', userId)
        .executeTakeFirst();
      expect(user?.status).toBe('invited');
    });

    it('says why a password is refused in the request’s language', async () => {
      const { token } = await invited();
      const reply = await accept(token, { password: 'qwerty123456' }, { 'accept-language': 'pt-BR' });
      expect(reply.json().errors[0].reason).toMatch(/senhas mais comuns/);
    });

    it('refuses a password that contains the account’s e-mail address', async () => {
      const { token, email } = await invited();
      const reply = await accept(token, { password: `my ${email.toUpperCase()} password` });
      expect(reply.statusCode).toBe(400);
      expect(reply.json().errors[0].reason).toMatch(/e-mail address/);
    });

    it('refuses an e-mail or name given with an invitation that already names the account', async () => {
      const { token } = await invited();
      const reply = await accept(token, { password: GOOD_PASSWORD, email: 'other@example.test' });
      expect(reply.statusCode).toBe(400);
      expect(reply.json().errors[0].name).toBe('email');
    });

    it('sends a new link on request: the earlier one stops working, the new one works', async () => {
      const { token, userId, admin, email } = await invited();
      const resent = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/users/${userId}/invitation`,
        headers: admin.headers,
      });
      expect(resent.statusCode).toBe(201);
      const second = await smtp.waitFor(email, (m) => tokenOf(m.text) !== token);
      expect((await accept(token, { password: GOOD_PASSWORD })).statusCode).toBe(410);
      expect((await accept(tokenOf(second.text), { password: GOOD_PASSWORD })).statusCode).toBe(204);
      const again = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/users/${userId}/invitation`,
        headers: admin.headers,
      });
      expect(again.statusCode).toBe(409);
      const staff = await signedIn(ctx, { role: 'secretariat-staff' });
      expect(
        (await ctx.app.inject({ method: 'POST', url: `/api/v1/users/${userId}/invitation`, headers: staff.headers }))
          .statusCode,
      ).toBe(403);
      expect(
        (await ctx.app.inject({ method: 'POST', url: '/api/v1/users/nobody/invitation', headers: admin.headers }))
          .statusCode,
      ).toBe(404);
    });

    it('creates the first administrator with a setup link: e-mail and name are asked, once', async () => {
      const clock = () => new Date();
      const ctxStartup = { actor: PUBLIC, requestId: 'test', ip: null, lang: 'en' } as const;
      const link = await issueSetupLink(
        { db: ctx.database.db, clock, publicUrl: 'https://mispa.example.org' },
        ctxStartup,
      );
      expect(link).toMatch(/^https:\/\/mispa\.example\.org\/en\/invitation\/[\w-]{43}$/);
      const token = tokenOf(link);
      expect((await ctx.app.inject({ url: `/api/v1/invitations/${token}` })).json()).toMatchObject({
        setup: true,
        email: null,
        state: 'pending',
      });
      const missing = await accept(token, { password: GOOD_PASSWORD });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors[0].name).toBe('email');
      const email = freshEmail();
      const reply = await accept(token, {
        password: GOOD_PASSWORD,
        email,
        displayName: 'First Admin',
        preferredLang: 'fr',
      });
      expect(reply.statusCode, reply.body).toBe(204);
      const user = await ctx.database.db
        .selectFrom('app_user')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      expect(user).toMatchObject({ status: 'active', preferred_lang: 'fr', display_name: 'First Admin' });
      const grants = await ctx.database.db
        .selectFrom('role_grant')
        .select('role')
        .where('user_id', '=', user.id)
        .execute();
      expect(grants).toEqual([{ role: 'secretariat-admin' }]);
      expect(
        (await accept(token, { password: GOOD_PASSWORD, email: freshEmail(), displayName: 'Second' })).statusCode,
      ).toBe(410);
    });

    it('replaces an unused setup link when a new one is issued', async () => {
      const deps = { db: ctx.database.db, clock: () => new Date(), publicUrl: 'http://localhost:3000' };
      const ctxStartup = { actor: PUBLIC, requestId: 'test', ip: null, lang: 'en' } as const;
      const first = tokenOf(await issueSetupLink(deps, ctxStartup));
      const second = tokenOf(await issueSetupLink(deps, ctxStartup));
      expect((await ctx.app.inject({ url: `/api/v1/invitations/${first}` })).json().state).toBe('expired');
      expect((await ctx.app.inject({ url: `/api/v1/invitations/${second}` })).json().state).toBe('pending');
    });

    it(`answers ${FUZZ_RUNS} malformed acceptances with 4xx problems and writes nothing`, async () => {
      const { token } = await invited();
      const before = await countRows(ctx);
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(
          malformedBodies(
            { password: GOOD_PASSWORD },
            {
              password: ['', 'short', 'x'.repeat(1025), 'qwerty123456', 'QWERTY123456', '123qweasdzxc'],
            },
          ),
          async (body) => {
            cases++;
            expectRefusal(await sendBody(ctx, 'POST', `/api/v1/invitations/${token}/accept`, body), body);
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
