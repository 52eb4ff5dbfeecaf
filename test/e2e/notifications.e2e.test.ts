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

    // The e-mail, in Spanish, as queued in the outbox (the server's own job may have queued it
    // already; this run queues it otherwise), with the link to the registration page.
    await runNotificationMail({
      db,
      clock: () => new Date(),
      mailer: { send: async () => undefined },
      publicUrl: suite.server.url,
      log: { warn: () => undefined } as never,
    });
    const focalEmail = await db
      .selectFrom('app_user')
      .select('email')
      .where('id', 'in', focalIds)
      .executeTakeFirstOrThrow();
    const mail = await db
      .selectFrom('mail_outbox')
      .select(['subject', 'text'])
      .where('recipient', '=', focalEmail.email)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toMatch(/^La delegación de Ecuador a la .+ fue acreditada$/);
    expect(mail.text).toContain(`/es/meetings/${slug}/registration`);

    // The focal point sees it under the bell, at 360 px, and the status it opens.
    await suite.visit(focal, '/es/', 360);
    const focalBell = focal.getByRole('button', { name: 'Notificaciones: 1 sin leer' });
    await focalBell.waitFor();
    await focalBell.click();
    const accredited = focal.getByRole('link', { name: /La delegación de Ecuador a la .+ fue acreditada/ });
    await accredited.waitFor();
    await expectAccessible(focal);
    await accredited.click();
    await focal.waitForURL(`${suite.server.url}/es/meetings/${slug}/registration`);
    await expect.poll(() => focal.getByRole('main').locator('.badge').first().textContent()).toBe('Acreditada');
    expect(focalErrors).toEqual([]);

    // The bell's list and the account's e-mail choices in French and Portuguese.
    for (const [lang, bellName, heading, choices] of [
      ['fr', 'Notifications : 0 non lue', 'Notifications', 'Notifications par courriel'],
      ['pt', 'Notificações: 0 não lida', 'Notificações', 'Notificações por e-mail'],
    ] as const) {
      const { page: other, errors } = await suite.open(`/${lang}/account`, {
        role: 'focal-point',
        memberState: 'mx',
        width: 360,
      });
      await other.getByRole('heading', { name: choices }).waitFor();
      await expectAccessible(other);
      await other.getByRole('button', { name: bellName }).click();
      await other.getByRole('heading', { name: heading, level: 2, exact: true }).waitFor();
      await expectAccessible(other);
      expect(errors).toEqual([]);
    }
  });

  it('the notifications page lists them all, paged, unread marked; one or all are marked read; reached from the bell and the menu, in four languages', {
    timeout: 240_000,
  }, async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const { notify } = await import('../../src/server/modules/notifications/index.js');
    const { idBySlug } = await import('../../src/server/db/queries.js');
    const db = suite.server.db;
    const { id: meetingId, slug } = await buildMeeting(db, { status: 'registration-open' });
    const { page, errors } = await suite.open('/en/', { role: 'focal-point', memberState: 'gy', width: 360 });
    // More notices than a page holds (25), a second apart, told to Guyana's focal points only.
    const memberStateId = await idBySlug(db, 'member_state', 'gy');
    const start = Date.now() - 3_600_000;
    for (let i = 0; i < 27; i++) {
      await db.transaction().execute((trx) =>
        notify(
          trx,
          {
            kind: 'meeting-convened',
            to: { roles: ['focal-point'], memberStateId },
            meetingId,
            path: `meetings/${slug}`,
            mailed: true,
          },
          new Date(start + i * 1000),
        ),
      );
    }

    await suite.visit(page, '/en/', 360);
    await page.getByRole('button', { name: 'Notifications: 27 unread' }).click();
    await page.getByRole('link', { name: 'See all notifications' }).click();
    await page.waitForURL(`${suite.server.url}/en/notifications`);
    const main = page.getByRole('main');
    await main.getByRole('heading', { name: '27 unread' }).waitFor();
    const items = main.locator('.notification');
    await expect.poll(() => items.count()).toBe(25);
    await expect.poll(() => main.locator('.notification--unread').count()).toBe(25);
    await expectAccessible(page);
    await main.getByRole('button', { name: 'Show older notifications' }).click();
    await expect.poll(() => items.count()).toBe(27);
    await expect.poll(() => main.getByRole('button', { name: 'Show older notifications' }).count()).toBe(0);
    // Newest first: the first is the last told.
    const times = await main
      .locator('.notification time')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
    expect(times).toEqual([...times].sort().reverse());

    await main
      .getByRole('button', { name: /^Mark as read/ })
      .first()
      .click();
    await main.getByRole('heading', { name: '26 unread' }).waitFor();
    await expect.poll(() => main.locator('.notification--unread').count()).toBe(26);
    await main.getByRole('button', { name: 'Mark all as read' }).click();
    await main.getByRole('heading', { name: '0 unread' }).waitFor();
    await expect.poll(() => main.locator('.notification--unread').count()).toBe(0);
    await page.getByRole('button', { name: 'Notifications: 0 unread' }).waitFor();
    await expectAccessible(page);

    // Each notice opens its place.
    await main
      .getByRole('link', { name: /was convened$/ })
      .first()
      .click();
    await page.waitForURL(`${suite.server.url}/en/meetings/${slug}`);

    // The account menu leads there too; and the page reads in Spanish, French and Portuguese.
    await page.getByRole('button', { name: /^Account menu:/ }).click();
    await page.getByRole('link', { name: 'Notifications', exact: true }).click();
    await page.waitForURL(`${suite.server.url}/en/notifications`);
    for (const [lang, heading, count, choose] of [
      ['es', 'Notificaciones', '0 sin leer', 'Elija qué notificaciones recibe por correo y con qué frecuencia'],
      ['fr', 'Notifications', '0 non lue', 'Choisir les notifications reçues par courriel, et à quelle fréquence'],
      ['pt', 'Notificações', '0 não lida', 'Escolher quais notificações receber por e-mail e com que frequência'],
    ] as const) {
      await suite.visit(page, `/${lang}/notifications`, 360);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.getByRole('main').getByRole('heading', { name: count }).waitFor();
      await page.getByRole('main').getByRole('link', { name: choose }).waitFor();
      await expectAccessible(page);
    }
    expect(errors).toEqual([]);
  });
});
