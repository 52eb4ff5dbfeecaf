import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { smtpMailer } from '../../mail/mailer.js';
import { type SmtpCatcher, startSmtpCatcher, TEST_MAIL_FROM } from '../../mail/testing.js';
import { buildMeeting, buildUser } from '../../testing/factories.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { sendDueReminders } from './convocation.js';
import { callerWith, createMeeting, validMeeting } from './testing.js';

// A real SMTP server: the platform's own SMTP mailer talks to it, and the tests read what arrived.
let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(() => smtp.close());
const realMailer = () => smtpMailer({ url: smtp.url, from: TEST_MAIL_FROM });

/** How many mails about the meeting `slug` reached `email`. */
const receivedBy = (email: string, slug: string) =>
  smtp.received.filter((m) => m.to.includes(email) && m.text.includes(slug)).length;

async function focalPoint(
  ctx: AppContext,
  lang: string,
  options: { memberState?: string; status?: 'deactivated' } = {},
) {
  const user = await buildUser(ctx.database.db, {
    role: 'focal-point',
    memberState: options.memberState ?? 'cl',
    ...(options.status ? { status: options.status } : {}),
  });
  await ctx.database.db.updateTable('app_user').set({ preferred_lang: lang }).where('id', '=', user.id).execute();
  return user;
}

describeEachEngine(
  'convening a meeting',
  (ctx) => {
    it('e-mails every active focal point in their language with name, dates at the venue, venue and deadline', async () => {
      const [spanish, french] = [await focalPoint(ctx, 'es'), await focalPoint(ctx, 'fr', { memberState: 'ht' })];
      const gone = await focalPoint(ctx, 'en', { status: 'deactivated' });
      const revoked = await focalPoint(ctx, 'en');
      await ctx.database.db
        .updateTable('role_grant')
        .set({ revoked_at: new Date().toISOString() })
        .where('user_id', '=', revoked.id)
        .execute();
      const admin = await callerWith(ctx, 'secretariat-admin');
      const meeting = await createMeeting(
        ctx,
        admin,
        validMeeting({ name: { es: 'Novena Reunión de Ministros', fr: 'Neuvième Réunion des ministres' } }),
      );
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${meeting.slug}/convene`,
        headers: admin,
      });
      expect(res.statusCode, res.body).toBe(200);

      const es = await smtp.waitFor(spanish.email, (m) => m.text.includes('Novena'));
      expect(es.subject).toBe('Convocatoria: Novena Reunión de Ministros');
      expect(es.text).toContain('Centro de Convenciones, Lima');
      expect(es.text).toContain('15 de marzo de 2027');
      expect(es.text).toContain('9:00');
      expect(es.text).toContain('America/Lima');
      // The deadline is 1 March 23:59 at the venue, whatever the server's zone.
      expect(es.text).toContain('1 de marzo de 2027');
      expect(es.text).toContain(`/es/meetings/${meeting.slug}`);

      const fr = await smtp.waitFor(french.email, (m) => m.text.includes('Neuvième'));
      expect(fr.subject).toBe('Convocation : Neuvième Réunion des ministres');
      expect(fr.text).toContain('15 mars 2027');

      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const user of [gone, revoked]) {
        expect(receivedBy(user.email, meeting.slug)).toBe(0);
      }
    });

    it('reminds, once, the focal points of states without a submitted delegation', async () => {
      const deadline = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const meeting = await buildMeeting(ctx.database.db, {
        status: 'registration-open',
        registrationDeadline: deadline,
      });
      const [waiting, done] = [
        await focalPoint(ctx, 'pt', { memberState: 'br' }),
        await focalPoint(ctx, 'en', { memberState: 'ar' }),
      ];
      const argentina = await ctx.database.db
        .selectFrom('member_state')
        .select('id')
        .where('slug', '=', 'ar')
        .executeTakeFirstOrThrow();
      const now = new Date().toISOString();
      await ctx.database.db
        .insertInto('delegation')
        .values({
          id: uuidv7(),
          meeting_id: meeting.id,
          category: 'delegation',
          member_state_id: argentina.id,
          partner_id: null,
          organisation: null,
          status: 'submitted',
          return_reason: null,
          credentials_file_id: null,
          submitted_at: now,
          decided_at: null,
          decided_by: null,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const deps = {
        db: ctx.database.db,
        clock: () => new Date(),
        mailer: realMailer(),
        publicUrl: 'http://localhost:3000',
        log: ctx.app.log,
      };
      // Two processes run the job at once: exactly one claims the reminder.
      const sentBy = await Promise.all([sendDueReminders(deps), sendDueReminders(deps)]);
      expect(sentBy.filter((n) => n > 0)).toHaveLength(1);
      const pt = await smtp.waitFor(waiting.email, (m) => m.subject.startsWith('Lembrete'));
      expect(pt.text).toContain(`/pt/meetings/${meeting.slug}/registration`);
      expect(await sendDueReminders(deps)).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(receivedBy(done.email, meeting.slug)).toBe(0);
      expect(receivedBy(waiting.email, meeting.slug)).toBe(1);
      const audit = await ctx.database.db
        .selectFrom('audit_entry')
        .select('action')
        .where('entity_id', '=', meeting.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['meetings.remind']);
    });

    it('sends no reminder when the deadline is further away than the reminder period, or passed', async () => {
      const far = await buildMeeting(ctx.database.db, {
        registrationDeadline: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      });
      const past = await buildMeeting(ctx.database.db, {
        registrationDeadline: new Date(Date.now() - 86_400_000).toISOString(),
      });
      await sendDueReminders({
        db: ctx.database.db,
        clock: () => new Date(),
        mailer: realMailer(),
        publicUrl: 'http://localhost:3000',
        log: ctx.app.log,
      });
      const rows = await ctx.database.db
        .selectFrom('meeting')
        .select('reminder_sent_at')
        .where('id', 'in', [far.id, past.id])
        .execute();
      expect(rows.map((r) => r.reminder_sent_at)).toEqual([null, null]);
    });
  },
  () => ({ mailer: realMailer, meetingReminders: false }),
);

describeEachEngine(
  'the reminder job of the app',
  (ctx) => {
    it('runs on its interval from buildApp and reminds the focal points of a meeting due', async () => {
      const user = await focalPoint(ctx, 'en', { memberState: 'uy' });
      const meeting = await buildMeeting(ctx.database.db, {
        registrationDeadline: new Date(Date.now() + 86_400_000).toISOString(),
      });
      const mail = await smtp.waitFor(user.email, (m) => m.text.includes(meeting.slug), 10_000);
      expect(mail.subject).toMatch(/^Reminder: registration for Test meeting/);
    });
  },
  () => ({ mailer: realMailer, meetingReminders: { intervalMs: 100 } }),
);
