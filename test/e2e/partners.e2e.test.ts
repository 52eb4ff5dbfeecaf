import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuiteTitle, expectAccessible, hasBrowser, seriousAxeViolations, waitForPortal } from './browser.js';
import { portalSuite } from './suite.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('strategic partners in a browser'), () => {
  const suite = portalSuite();

  const menuLinks = (page: Page) => page.locator('.user-menu__list').getByRole('link').allTextContents();

  it('lets the administrator create a partner with a logo; the public partners page shows both', {
    timeout: 180_000,
  }, async () => {
    const { PNG_BYTES } = await import('../../src/server/files/testing.js');
    // Reached from the account menu, where an administrator finds it beside the users.
    const { page, errors } = await suite.open('/en/', { role: 'secretariat-admin' });
    await page.getByRole('button', { name: /^Account menu:/ }).click();
    await expect(menuLinks(page)).resolves.toEqual([
      'Your workspace',
      'Notifications',
      'My account',
      'New meeting',
      'Users',
      'Strategic partners',
      'Follow-up reporting',
      'Regional concerns briefs',
      'Audit trail',
    ]);
    await page.locator('.user-menu__list').getByRole('link', { name: 'Strategic partners' }).click();
    await page.waitForURL(`${suite.server.url}/en/admin/partners`);
    await waitForPortal(page);
    await expect(page.getByText('No strategic partners are listed yet.').count()).resolves.toBe(1);

    await page.getByRole('button', { name: 'Add a partner' }).click();
    // The editor's heading takes focus, so the keyboard goes on from there.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('New partner');
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create the partner' }) });
    // Sent without any name: the form says so, and nothing is created.
    await form.getByRole('button', { name: 'Create the partner' }).click();
    await expect(form.locator('.field__error').first().textContent()).resolves.toBe(
      'Enter the name in at least one language.',
    );
    await form.getByLabel('English').fill('Inter-American Security Observatory');
    await form.getByLabel('français').fill('Observatoire interaméricain de la sécurité');
    await form.getByLabel('Kind of organisation').selectOption('academia');
    await form.getByLabel('Website (optional)').fill('http://observatory.example.org');
    await form.getByLabel('Website (optional)').press('Enter');
    await expect(form.locator('.field__error').first().textContent()).resolves.toMatch(/^Enter an address starting/);
    await form.getByLabel('Website (optional)').fill('https://observatory.example.org');
    await form.getByLabel('Prevention').check();
    await form.getByLabel('Website (optional)').press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: /was created/ })
      .waitFor();
    // The editor turns to the new partner once the list has it again, a moment after the status.
    await page.getByRole('heading', { name: 'Edit Inter-American Security Observatory' }).waitFor();
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);

    await page.getByLabel('New logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG_BYTES });
    await page.getByRole('img', { name: 'Preview of the chosen logo' }).waitFor();
    await page.getByRole('button', { name: 'Upload the logo' }).click();
    await page.getByRole('status').filter({ hasText: 'The logo was uploaded.' }).waitFor();
    await page.getByRole('img', { name: 'Current logo' }).waitFor();
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    const row = page.getByRole('row').filter({ hasText: 'Inter-American Security Observatory' });
    // The list shows the logo once it has been read again.
    await row.locator('img').waitFor();
    // The upload was the page's own write: the next save of the form is no conflict (issue 11, item 11's class).
    const edit = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save the changes' }) });
    await edit.getByLabel('Website (optional)').fill('https://observatory.example.org/en');
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Inter-American Security Observatory was saved.' }).waitFor();
    expect(errors).toEqual([]);

    // A visitor, in French on a phone, sees the partner with its logo on the public page.
    const { page: visit } = await suite.open('/fr/team', { locale: 'fr-FR', width: 360 });
    const card = visit.locator('.partner-card').filter({ hasText: 'Observatoire interaméricain de la sécurité' });
    await card.waitFor();
    const logo = card.locator('img.partner-card__logo');
    // A 1×1 test image, lazily loaded: brought into view, then it must really have loaded.
    await logo.waitFor({ state: 'attached' });
    const src = await logo.getAttribute('src');
    expect(src).toMatch(/^\/api\/v1\/partners\/inter-american-security-observatory\/logo\?v=/);
    await logo.scrollIntoViewIfNeeded();
    await expect
      .poll(() => logo.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth))
      .toBe(1);
    await expect(card.getByRole('link').first().getAttribute('href')).resolves.toBe(
      'https://observatory.example.org/en',
    );
    await expectAccessible(visit);
  });

  it('shows the admin screen at 360 px without sideways scrolling, and refuses it to staff for editing', {
    timeout: 120_000,
  }, async () => {
    const { page } = await suite.open('/es/admin/partners', { role: 'secretariat-staff', width: 360 });
    await expect(
      page.getByText('Solo los administradores de la secretaría pueden añadir o modificar socios.').count(),
    ).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Añadir un socio' }).count()).resolves.toBe(0);
    await expectAccessible(page);
    // Staff are offered a new meeting in their menu, but not the partner administration.
    await page.getByRole('button', { name: /^Menú de la cuenta:/ }).click();
    await expect(menuLinks(page)).resolves.toEqual([
      'Su espacio de trabajo',
      'Notificaciones',
      'Mi cuenta',
      'Nueva reunión',
      'Usuarios',
      'Informes de seguimiento',
      'Notas de preocupaciones regionales',
      'Registro de auditoría',
    ]);
  });

  it('says once that someone else changed the partner, with what changed, and keeps the edits on demand (issue 11 item 11)', {
    timeout: 180_000,
  }, async () => {
    const { buildPartner } = await import('../../src/server/testing/factories.js');
    const db = suite.server.db;
    const { id } = await buildPartner(db, { name: 'Caribbean Security Institute' });
    const { page, errors } = await suite.open('/en/admin/partners', { role: 'secretariat-admin', width: 360 });
    await page.getByRole('button', { name: /^Edit.*Caribbean Security Institute$/ }).click();
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save the changes' }) });
    await form.getByLabel('Website (optional)').fill('https://ours.example.org');

    // Meanwhile another administrator changes its kind.
    await db
      .updateTable('partner')
      .set({ kind: 'academia', updated_at: new Date(Date.now() + 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
    await form.getByRole('button', { name: 'Save the changes' }).click();
    const title = 'Someone else changed this since you opened it.';
    await expect.poll(() => page.locator('[role="alert"]:not(:empty)').allTextContents()).toEqual([title]);
    await expect(form.getByText('Changed: Kind of organisation.').count()).resolves.toBe(1);
    await expectAccessible(page);

    await form.getByRole('button', { name: 'Keep my edits' }).click();
    await expect(form.getByLabel('Website (optional)').inputValue()).resolves.toBe('https://ours.example.org');
    await form.getByRole('button', { name: 'Save the changes' }).click();
    await expect
      .poll(
        async () => (await db.selectFrom('partner').select('website').where('id', '=', id).executeTakeFirst())?.website,
      )
      .toBe('https://ours.example.org');
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });
});
