import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { smtpMailer } from '../../mail/mailer.js';
import { type SmtpCatcher, startSmtpCatcher, TEST_MAIL_FROM } from '../../mail/testing.js';
import { buildUser } from '../../testing/factories.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { sendDueCycleMails } from './mail.js';
import { followUpHelpers } from './testing.js';

// A real SMTP server: the platform's own SMTP mailer talks to it, and the tests read what arrived.
let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(() => smtp.close());
const realMailer = () => smtpMailer({ url: smtp.url, from: TEST_MAIL_FROM });

const receivedBy = (email: string, cycle: string) =>
  smtp.received.filter((m) => m.to.includes(email) && m.text.includes(cycle));

async function focalPoint(ctx: AppContext, state: string, lang: string) {
  const user = await buildUser(ctx.database.db, { role: 'focal-point', memberState: state });
  await ctx.database.db.updateTable('app_user').set({ preferred_lang: lang }).where('id', '=', user.id).execute();
  return user;
}

describeEachEngine(
  'follow-up e-mails',
  (ctx) => {
    const { as, ok, historicItem, openCycle, reportUrl, complete } = followUpHelpers(ctx);
    const deps = () => ({
      db: ctx.database.db,
      clock: () => new Date(),
      mailer: realMailer(),
      publicUrl: 'https://mispa.example.org',
      log: { error() {}, warn() {} } as unknown as FastifyBaseLogger,
    });

    it('tells the focal points of the states asked, each in their language, once, when the cycle opens', async () => {
      const [mexico, brazil, chile] = [
        await focalPoint(ctx, 'mx', 'es'),
        await focalPoint(ctx, 'br', 'pt'),
        await focalPoint(ctx, 'cl', 'fr'),
      ];
      const staff = await as('secretariat-staff');
      const item = await historicItem(staff, '31');
      const cycle = await openCycle(staff, {
        names: { en: 'Cycle 2031', es: 'Ciclo 2031', pt: 'Ciclo 2031' },
        items: [item.id],
        states: ['mx', 'br'],
      });
      const spanish = await smtp.waitFor(mexico.email, (m) => m.text.includes('Ciclo 2031'));
      expect(spanish.subject).toBe('Ciclo de informes abierto: Ciclo 2031');
      expect(spanish.text).toContain(`/es/follow-up/cycles/${cycle.id}`);
      const portuguese = await smtp.waitFor(brazil.email, (m) => m.text.includes('Ciclo 2031'));
      expect(portuguese.subject).toBe('Ciclo de relatórios aberto: Ciclo 2031');
      expect(portuguese.text).toContain('31 de dezembro de 2099');
      expect(receivedBy(chile.email, '2031')).toHaveLength(0);
      // Once: a later run sends nothing more about it.
      expect(await sendDueCycleMails(deps())).toBe(0);
      expect(receivedBy(mexico.email, 'Ciclo 2031')).toHaveLength(1);
    });

    it('waits for the opening date, and reminds before the deadline only the states still to submit', async () => {
      const [mexico, brazil] = [await focalPoint(ctx, 'mx', 'en'), await focalPoint(ctx, 'br', 'en')];
      const staff = await as('secretariat-staff');
      const item = await historicItem(staff, '32');
      const cycle = await openCycle(staff, {
        names: { en: 'Cycle 2032' },
        items: [item.id],
        states: ['mx', 'br'],
        opensOn: '2099-01-01',
        deadline: '2099-12-31',
      });
      expect(receivedBy(mexico.email, 'Cycle 2032')).toHaveLength(0);
      // The opening date comes; Mexico submits; the deadline nears.
      await ctx.database.db
        .updateTable('follow_up_cycle')
        .set({ opens_on: '2020-01-01' })
        .where('id', '=', cycle.id)
        .execute();
      expect(await sendDueCycleMails(deps())).toBeGreaterThanOrEqual(2);
      const focal = await as('focal-point', 'mx');
      const draft = await ok('PUT', reportUrl(cycle, item.id, 'mx'), focal, complete, 201);
      await ok('POST', `${reportUrl(cycle, item.id, 'mx')}/submit`, focal, { version: draft.version });
      const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      await ctx.database.db.updateTable('follow_up_cycle').set({ deadline: soon }).where('id', '=', cycle.id).execute();
      await sendDueCycleMails(deps());
      const reminder = await smtp.waitFor(brazil.email, (m) =>
        m.subject.startsWith('Reminder: reports for Cycle 2032'),
      );
      expect(reminder.text).toContain('has not yet submitted a report on every item');
      expect(receivedBy(mexico.email, 'Cycle 2032').map((m) => m.subject)).toEqual([
        'Reporting cycle open: Cycle 2032',
      ]);
      expect(await sendDueCycleMails(deps())).toBe(0);
    });
  },
  () => ({ mailer: realMailer, meetingReminders: false, followUpMails: false }),
);
