import { expect, it } from 'vitest';
import { smtpMailer } from '../../mail/mailer.js';
import { FIRST_RETRY_MS } from '../../mail/outbox.js';
import { startSmtpCatcher, TEST_MAIL_FROM } from '../../mail/testing.js';
import { expectProblem } from '../../testing/api.js';
import { buildApiToken, buildMeeting, buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { ORIGIN, openSession } from '../../testing/sessions.js';
import { verifyChain } from '../audit/chain.js';
import { HEAD } from '../delegations/testing.js';
import { runNotificationMail } from './index.js';

describeEachEngine(
  'notifications: reading, preferences, digests and a mail server that is down',
  (ctx) => {
    const db = () => ctx.database.db;
    const person = async (role: 'secretariat-staff' | 'focal-point', memberState?: string, lang = 'en') => {
      const user = await buildUser(db(), { role, ...(memberState ? { memberState } : {}) });
      await db().updateTable('app_user').set({ preferred_lang: lang }).where('id', '=', user.id).execute();
      const { headers } = await openSession(db(), user.id, { secondFactor: true });
      return { id: user.id, email: user.email, headers };
    };
    const send = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string>, payload?: object) =>
      ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    /** A focal point of `state` submits a delegation: the secretariat is told. */
    const submitted = async (state: string) => {
      const focal = await person('focal-point', state);
      const { slug } = await buildMeeting(db());
      const res = await send('POST', `/api/v1/meetings/${slug}/delegations`, focal.headers, {
        category: 'delegation',
        participants: [HEAD],
        submit: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      return slug;
    };

    it('marks one notice read, then all, audited; another user’s notice is 404 and stays unread', async () => {
      const staff = await person('secretariat-staff');
      const other = await person('secretariat-staff');
      await submitted('ec');
      await submitted('mx');
      const list = (await send('GET', '/api/v1/me/notifications', staff.headers)).json();
      expect(list.unread).toBe(2);
      const [first, second] = list.items;
      const foreign = await send('POST', `/api/v1/me/notifications/${first.id}/read`, other.headers);
      expectProblem(foreign, 404);
      const one = await send('POST', `/api/v1/me/notifications/${first.id}/read`, staff.headers);
      expect(one.json()).toEqual({ marked: 1 });
      expect((await send('POST', `/api/v1/me/notifications/${first.id}/read`, staff.headers)).json()).toEqual({
        marked: 0,
      });
      const unread = (await send('GET', '/api/v1/me/notifications?unread=true', staff.headers)).json();
      expect(unread.items.map((n: { id: string }) => n.id)).toEqual([second.id]);
      expect((await send('POST', '/api/v1/me/notifications/read', staff.headers)).json()).toEqual({ marked: 1 });
      expect((await send('GET', '/api/v1/me/notifications/count', staff.headers)).json()).toEqual({ unread: 0 });
      expect((await send('GET', '/api/v1/me/notifications/count', other.headers)).json()).toEqual({ unread: 2 });
      const audit = await db()
        .selectFrom('audit_entry')
        .select(['action', 'entity_id'])
        .where('action', '=', 'notifications.update')
        .where('actor_user_id', '=', staff.id)
        .execute();
      expect(audit.map((a) => a.entity_id)).toEqual([first.id, staff.id]);
      expect(await verifyChain(db())).toMatchObject({ ok: true });
    });

    it('keeps each user’s choice per kind: never (in the platform only) and a daily digest the next day', async () => {
      const staff = await person('secretariat-staff', undefined, 'fr');
      const prefs = await send('GET', '/api/v1/me/notification-preferences', staff.headers);
      expect(prefs.json()['delegation-submitted']).toBe('immediately');
      const set = await send('PATCH', '/api/v1/me/notification-preferences', staff.headers, {
        'delegation-submitted': 'daily',
        'document-added': 'never',
      });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toMatchObject({ 'delegation-submitted': 'daily', 'document-added': 'never' });
      const slug = await submitted('co');
      const catcher = await startSmtpCatcher();
      try {
        const mailer = smtpMailer({ url: catcher.url, from: TEST_MAIL_FROM });
        const deps = { db: db(), mailer, publicUrl: 'https://mispa.example.org', log: ctx.app.log };
        await runNotificationMail({ ...deps, clock: () => new Date() });
        expect(catcher.received.filter((m) => m.to.includes(staff.email))).toEqual([]);
        const tomorrow = new Date(Date.now() + 86_400_000);
        const run = await runNotificationMail({ ...deps, clock: () => tomorrow });
        expect(run.digests).toBeGreaterThanOrEqual(1);
        const digest = await catcher.waitFor(staff.email);
        expect(digest.subject).toMatch(/^Vos notifications MISPA du /);
        expect(digest.text).toContain(`https://mispa.example.org/fr/meetings/${slug}/registration`);
        expect(digest.text).toContain(':\nhttps://mispa.example.org/fr/\n');
        await runNotificationMail({ ...deps, clock: () => tomorrow });
        expect(catcher.received.filter((m) => m.to.includes(staff.email))).toHaveLength(1);
      } finally {
        await catcher.close();
      }
      const audit = await db()
        .selectFrom('audit_entry')
        .select('diff')
        .where('action', '=', 'notifications.update')
        .where('entity_id', '=', staff.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.diff).after).toEqual({ 'delegation-submitted': 'daily', 'document-added': 'never' });
    });

    it('loses no e-mail while the mail server is down, and blocks no request: they go once it is back', async () => {
      const catcher = await startSmtpCatcher();
      const port = Number(new URL(catcher.url).port);
      const mailer = smtpMailer({ url: catcher.url, from: TEST_MAIL_FROM });
      await catcher.close();
      const staff = await person('secretariat-staff');
      let now = new Date();
      const deps = { db: db(), mailer, publicUrl: 'https://mispa.example.org', log: ctx.app.log, clock: () => now };
      // The request succeeds with the server down: the e-mail waits in the outbox.
      await submitted('pe');
      const down = await runNotificationMail(deps);
      expect(down.sent).toBe(0);
      expect(down.failed).toBeGreaterThanOrEqual(1);
      const waiting = await db().selectFrom('mail_outbox').selectAll().where('recipient', '=', staff.email).execute();
      expect(waiting).toHaveLength(1);
      expect(waiting[0]).toMatchObject({ sent_at: null, attempts: 1 });
      expect(waiting[0]?.last_error).toBeTruthy();
      // Not tried again before its delay.
      expect((await runNotificationMail(deps)).failed).toBe(0);
      const back = await startSmtpCatcher(port);
      try {
        now = new Date(now.getTime() + FIRST_RETRY_MS + 1000);
        const up = await runNotificationMail(deps);
        expect(up.sent).toBeGreaterThanOrEqual(1);
        const mail = await back.waitFor(staff.email);
        expect(mail.subject).toMatch(/^The delegation of Peru to the .+ was submitted for accreditation$/);
        const row = await db()
          .selectFrom('mail_outbox')
          .selectAll()
          .where('id', '=', waiting[0]?.id ?? '')
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({ attempts: 2, last_error: null });
        expect(row.sent_at).not.toBeNull();
      } finally {
        await back.close();
      }
    });

    it('answers a visitor 401 and a read-only token 403 on writes, and lets a token read', async () => {
      const staff = await buildUser(db(), { role: 'secretariat-staff' });
      const read = await buildApiToken(db(), staff.id, 'read');
      for (const [method, url] of [
        ['GET', '/api/v1/me/notifications'],
        ['GET', '/api/v1/me/notifications/count'],
        ['POST', '/api/v1/me/notifications/read'],
        ['GET', '/api/v1/me/notification-preferences'],
        ['PATCH', '/api/v1/me/notification-preferences'],
      ] as const) {
        expectProblem(await send(method, url, { origin: ORIGIN }, method === 'PATCH' ? {} : undefined), 401);
        const res = await send(method, url, { authorization: read }, method === 'PATCH' ? {} : undefined);
        if (method === 'GET') expect(res.statusCode, res.body).toBe(200);
        else expectProblem(res, 403);
      }
    });
  },
  () => ({ notificationMail: false }),
);
