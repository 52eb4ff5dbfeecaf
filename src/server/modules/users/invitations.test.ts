import fc from 'fast-check';
import { expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { smtpForTests } from '../../mail/testing.js';
import { buildUser } from '../../testing/factories.js';
import { describeEachEngine, webRoot } from '../../testing/harness.js';
import { verifyChain } from '../audit/chain.js';
import {
  auditOf,
  countRows,
  expectRefusal,
  FUZZ_RUNS,
  freshEmail,
  malformedBodies,
  ORIGIN,
  sendBody,
  signedIn,
  tokenIn,
} from './testing.js';

const smtp = smtpForTests();
const tokenOf = (text: string) => tokenIn(text, 'invitation');
const _GOOD_PASSWORD = 'a long and unusual passphrase';

describeEachEngine(
  'POST /api/v1/users/invitations',
  (ctx) => {
    const invite = (headers: Record<string, string>, payload: object) =>
      ctx.app.inject({ method: 'POST', url: '/api/v1/users/invitations', headers, payload });

    it('creates the invited account with its grants and e-mails the link in the invitee’s language', async () => {
      const admin = await signedIn(ctx, { role: 'secretariat-admin' });
      const email = freshEmail();
      const reply = await invite(admin.headers, {
        email: email.toUpperCase(),
        displayName: 'Ana Pérez',
        preferredLang: 'es',
        grants: [{ role: 'focal-point', memberState: 'ec' }],
      });
      expect(reply.statusCode, reply.body).toBe(201);
      expect(reply.json()).toMatchObject({
        emailSent: true,
        user: {
          email,
          displayName: 'Ana Pérez',
          preferredLang: 'es',
          status: 'invited',
          grants: [{ role: 'focal-point', memberState: 'ec', revokedAt: null }],
          invitation: { state: 'pending' },
        },
      });
      const expiresIn = Date.parse(reply.json().user.invitation.expiresAt) - Date.now();
      expect(expiresIn).toBeGreaterThan(7 * 86_400_000 - 60_000);
      expect(expiresIn).toBeLessThanOrEqual(7 * 86_400_000);

      const mail = await smtp.waitFor(email);
      expect(mail.from).toBe('no-reply@mispa.test');
      expect(mail.subject).toBe('Su invitación a la Plataforma MISPA');
      expect(mail.text).toMatch(/^Estimado\/a Ana Pérez:/);
      expect(mail.text).toMatch(/http:\/\/localhost:3000\/es\/invitation\/[\w-]{43}\n/);
      expect(mail.html).toContain(`href="http://localhost:3000/es/invitation/${tokenOf(mail.text)}"`);
      const view = await ctx.app.inject({ url: `/api/v1/invitations/${tokenOf(mail.text)}` });
      expect(view.json()).toMatchObject({ email, state: 'pending', setup: false });
    });

    it('audits the invitation with the grants and no secret, keeping the chain intact', async () => {
      const admin = await signedIn(ctx, { role: 'secretariat-admin' });
      const email = freshEmail();
      const reply = await invite(admin.headers, {
        email,
        displayName: 'Audited',
        preferredLang: 'en',
        grants: [{ role: 'delegate', memberState: 'co' }],
      });
      const userId = reply.json().user.id;
      const token = tokenOf((await smtp.waitFor(email)).text);
      const [entry] = await auditOf(ctx, userId);
      expect(entry).toMatchObject({
        action: 'users.invite',
        actor_user_id: admin.user.id,
        actor_role: 'secretariat-admin',
      });
      expect(entry?.diff).toMatchObject({
        before: null,
        after: { email, status: 'invited', grants: [{ role: 'delegate', memberState: 'co' }] },
      });
      expect(JSON.stringify(entry)).not.toContain(token);
      const stored = await ctx.database.db
        .selectFrom('invitation')
        .select('token_hash')
        .where('user_id', '=', userId)
        .execute();
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(await verifyChain(ctx.database.db)).toMatchObject({ ok: true });
    });

    it('refuses the public with 401, and staff, focal points and delegates with 403', async () => {
      const payload = {
        email: freshEmail(),
        displayName: 'X',
        preferredLang: 'en',
        grants: [{ role: 'secretariat-staff' }],
      };
      expect((await invite({ origin: ORIGIN }, payload)).statusCode).toBe(401);
      for (const options of [
        { role: 'secretariat-staff' },
        { role: 'focal-point', memberState: 'ec' },
        { role: 'delegate', memberState: 'ec' },
      ] as const) {
        expect((await invite((await signedIn(ctx, options)).headers, payload)).statusCode).toBe(403);
      }
      expect(
        await ctx.database.db.selectFrom('app_user').where('email', '=', payload.email).select('id').execute(),
      ).toEqual([]);
    });

    it.each([
      [{ grants: [{ role: 'focal-point' }] }, 'grants.0.memberState'],
      [{ grants: [{ role: 'secretariat-admin', memberState: 'ec' }] }, 'grants.0.memberState'],
      [
        {
          grants: [
            { role: 'delegate', memberState: 'co' },
            { role: 'delegate', memberState: 'zz' },
          ],
        },
        'grants.1.memberState',
      ],
      [{ grants: [{ role: 'partner', partner: 'un' }] }, 'grants.0.partner'],
      [{ grants: [] }, 'grants'],
      [
        {
          grants: [
            { role: 'delegate', memberState: 'co' },
            { role: 'delegate', memberState: 'co' },
          ],
        },
        'grants',
      ],
      [{ email: 'not an address' }, 'email'],
      [{ displayName: 'Line\nbreak' }, 'displayName'],
      [{ preferredLang: 'de' }, 'preferredLang'],
    ])('refuses %j with a 400 naming %s, and writes nothing', async (change, name) => {
      const admin = await signedIn(ctx, { role: 'secretariat-admin' });
      const before = await countRows(ctx);
      const reply = await invite(admin.headers, {
        email: freshEmail(),
        displayName: 'Someone',
        preferredLang: 'en',
        grants: [{ role: 'secretariat-staff' }],
        ...change,
      });
      expect(reply.statusCode, reply.body).toBe(400);
      expect(reply.json().errors.map((e: { name: string }) => e.name)).toContain(name);
      expect(await countRows(ctx)).toEqual(before);
    });

    it('refuses an e-mail that already has an account with 409', async () => {
      const admin = await signedIn(ctx, { role: 'secretariat-admin' });
      const existing = await buildUser(ctx.database.db);
      const reply = await invite(admin.headers, {
        email: existing.email.toUpperCase(),
        displayName: 'Again',
        preferredLang: 'fr',
        grants: [{ role: 'secretariat-staff' }],
      });
      expect(reply.statusCode).toBe(409);
      expect(reply.json().detail).toBe(`There is already an account for ${existing.email}.`);
    });

    it('keeps the invitation and says emailSent: false when the mail server fails', async () => {
      const broken = await buildApp({
        db: ctx.database.db,
        engine: ctx.engine,
        version: 'test',
        webRoot,
        mailer: () => ({
          send: () => Promise.reject(new Error('mail server down')),
        }),
      });
      try {
        const admin = await signedIn({ ...ctx, app: broken }, { role: 'secretariat-admin' });
        const reply = await broken.inject({
          method: 'POST',
          url: '/api/v1/users/invitations',
          headers: admin.headers,
          payload: {
            email: freshEmail(),
            displayName: 'Unlucky',
            preferredLang: 'pt',
            grants: [{ role: 'secretariat-staff' }],
          },
        });
        expect(reply.statusCode).toBe(201);
        expect(reply.json()).toMatchObject({ emailSent: false, user: { status: 'invited' } });
      } finally {
        await broken.close();
      }
    });

    it(`answers ${FUZZ_RUNS} malformed invitations with 4xx problems and writes nothing`, async () => {
      const admin = await signedIn(ctx, { role: 'secretariat-admin' });
      const before = await countRows(ctx);
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(
          malformedBodies(
            {
              email: 'fuzz@example.test',
              displayName: 'Fuzz',
              preferredLang: 'en',
              grants: [{ role: 'secretariat-staff' }],
            },
            {
              email: ['', 'fuzz', '@example.test', 'a@b', `${'x'.repeat(250)}@example.test`, 'a\u0000@example.test'],
              displayName: ['', '   ', 'x'.repeat(201), 'a\u0000b', 'forged\nline'],
              preferredLang: ['', 'EN', 'de', 'en-US'],
              grants: [
                [],
                [{}],
                [{ role: 'focal-point' }],
                [{ role: 'delegate', memberState: 'zz-' }],
                [{ role: 'secretariat-admin', partner: 'un' }],
                [{ role: 'group-member', memberState: 'ec' }],
                Array.from({ length: 21 }, () => ({ role: 'secretariat-staff' })),
                [{ role: 'secretariat-staff' }, { role: 'secretariat-staff' }],
              ],
            },
          ),
          async (body) => {
            cases++;
            expectRefusal(await sendBody(ctx, 'POST', '/api/v1/users/invitations', body, admin.headers), body);
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
