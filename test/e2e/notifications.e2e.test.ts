import { describe, expect, it } from 'vitest';
import { browserSuiteTitle, expectAccessible, hasBrowser } from './browser.js';
import { portalSuite } from './suite.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('notifications in a browser and by e-mail'), () => {
  const suite = portalSuite();

  it('a focal point submits; the secretariat sees the bell and the notice, accredits; the focal point is e-mailed in Spanish and sees it', {
    timeout: 240_000,
  }, async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const { runNotificationMail } = await import('../../src/server/modules/notifications/index.js');
    const { smtpMailer } = await import('../../src/server/mail/mailer.js');
    const { startSmtpCatcher, TEST_MAIL_FROM } = await import('../../src/server/mail/testing.js');
    const db = suite.server.db;
    const { slug } = await buildMeeting(db, { status: 'registration-open' });

    // The secretariat is signed in first, so it is among those told.
    const { page: staff, errors: staffErrors } = await suite.open('/en/', { role: 'secretariat-staff' });
    // Ecuador's focal point, reading Spanish, at 360 px: submits the delegation.
    const { page: focal, errors: focalErrors } = await suite.open(`/es/meetings/${slug}/registration`, {
      role: 'focal-point',
      memberState: 'ec',
      width: 360,
    });
    const focalIds = db
      .selectFrom('role_grant')
      .innerJoin('member_state', 'member_state.id', 'role_grant.member_state_id')
      .select('role_grant.user_id')
      .where('member_state.slug', '=', 'ec');
    await db.updateTable('app_user').set({ preferred_lang: 'es' }).where('id', 'in', focalIds).execute();
    const form = focal.getByRole('main');
    await form.getByRole('group', { name: 'Participante 1' }).getByLabel('Nombre completo').fill('María Pérez');
    await form.getByRole('button', { name: 'Enviar para acreditación' }).click();
    await expect.poll(() => form.locator('.badge').first().textContent()).toBe('Enviada');

    // The secretariat's bell counts it; its list names Ecuador and opens the registration page.
    await suite.visit(staff, '/en/');
    const bell = staff.getByRole('button', { name: 'Notifications: 1 unread' });
    await bell.waitFor();
    await bell.click();
    const notice = staff.getByRole('link', {
      name: /The delegation of Ecuador to the .+ was submitted for accreditation/,
    });
    await notice.waitFor();
    await expectAccessible(staff);
    await notice.click();
    await staff.waitForURL(`${suite.server.url}/en/meetings/${slug}/registration`);
    await staff.getByRole('button', { name: 'Notifications: 0 unread' }).waitFor();
    const queue = staff.getByRole('main');
    await queue
      .getByLabel('Reason (required to return, to reject, or to accredit without credentials)')
      .fill('The note verbale will be handed over at the venue.');
    await queue.getByRole('button', { name: 'Accredit Ecuador' }).click();
    await expect.poll(() => queue.locator('.badge').first().textContent()).toBe('Accredited');
    expect(staffErrors).toEqual([]);

    // The e-mail, in Spanish, from the test SMTP server, with the link to the registration page.
    const catcher = await startSmtpCatcher();
    try {
      const mailer = smtpMailer({ url: catcher.url, from: TEST_MAIL_FROM });
      await runNotificationMail({
        db,
        clock: () => new Date(),
        mailer,
        publicUrl: suite.server.url,
        log: console as never,
      });
      const focalEmail = await db
        .selectFrom('app_user')
        .select('email')
        .where('id', 'in', focalIds)
        .executeTakeFirstOrThrow();
      const mail = await catcher.waitFor(focalEmail.email, (m) => m.subject.includes('acreditada'));
      expect(mail.subject).toMatch(/^La delegación de Ecuador a la .+ fue acreditada$/);
      expect(mail.text).toContain(`${suite.server.url}/es/meetings/${slug}/registration`);
    } finally {
      await catcher.close();
    }

    // The focal point sees it under the bell and on the notifications page, and the status.
    await suite.visit(focal, '/es/notifications', 360);
    const page = focal.getByRole('main');
    await page.getByRole('link', { name: /La delegación de Ecuador a la .+ fue acreditada/ }).waitFor();
    await focal.getByRole('button', { name: 'Notificaciones: 1 sin leer' }).waitFor();
    await expectAccessible(focal);
    await page.getByRole('link', { name: /fue acreditada/ }).click();
    await focal.waitForURL(`${suite.server.url}/es/meetings/${slug}/registration`);
    await expect.poll(() => focal.getByRole('main').locator('.badge').first().textContent()).toBe('Acreditada');
    expect(focalErrors).toEqual([]);

    // The notifications page and the account's e-mail choices in French and Portuguese.
    for (const [lang, heading, choices] of [
      ['fr', 'Notifications', 'Notifications par courriel'],
      ['pt', 'Notificações', 'Notificações por e-mail'],
    ] as const) {
      const { page: other, errors } = await suite.open(`/${lang}/notifications`, {
        role: 'focal-point',
        memberState: 'mx',
        width: 360,
      });
      await other.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expectAccessible(other);
      await suite.visit(other, `/${lang}/account`, 360);
      await other.getByRole('heading', { name: choices }).waitFor();
      await expectAccessible(other);
      expect(errors).toEqual([]);
    }
  });
});
