import { describe, expect, it } from 'vitest';
import { browserSuiteTitle, expectAccessible, hasBrowser } from './browser.js';
import { portalSuite } from './suite.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('registration of delegations in a browser'), () => {
  const suite = portalSuite();

  it('a focal point registers, the secretariat accredits, the list of participants shows it', {
    timeout: 240_000,
  }, async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const { slug } = await buildMeeting(suite.server.db, { status: 'registration-open' });
    // Ecuador's focal point, in English at desktop width: the form, by keyboard where it matters.
    // (Sessions are made in the database: signing in is the accounts tests' subject.)
    const { page, errors } = await suite.open(`/en/meetings/${slug}/registration`, {
      role: 'focal-point',
      memberState: 'ec',
    });
    const main = page.getByRole('main');
    await expect.poll(() => main.getByText('Your delegation is not registered yet.').count()).toBe(1);
    const first = main.getByRole('group', { name: 'Participant 1' });
    await expect(first.getByLabel('Role').inputValue()).resolves.toBe('head');
    await first.getByLabel('Full name').fill('María Pérez');
    await first.getByLabel('Title').fill('Minister of Security');
    await first.getByLabel('Institution').fill('Ministry of the Interior');
    await main.getByRole('button', { name: 'Add a participant' }).press('Enter');
    const second = main.getByRole('group', { name: 'Participant 2' });
    await second.getByLabel('Role').selectOption('adviser');
    await second.getByLabel('Full name').fill('Jean Dupont');
    await expectAccessible(page);
    await main.getByRole('button', { name: 'Submit for accreditation' }).click();
    await expect
      .poll(() => main.getByRole('status').first().textContent())
      .toBe('The registration was submitted for accreditation.');
    await expect.poll(() => main.locator('.badge').first().textContent()).toBe('Submitted');
    await expectAccessible(page);

    // The secretariat, in Spanish at 360 px: the queue, accredit.
    const { page: staffPage, errors: staffErrors } = await suite.open(`/es/meetings/${slug}/registration`, {
      role: 'secretariat-staff',
      width: 360,
    });
    const queue = staffPage.getByRole('main');
    await expect.poll(() => queue.getByRole('heading', { name: 'Pendientes de decisión (1)' }).count()).toBe(1);
    await expect(queue.getByRole('heading', { name: 'Ecuador', level: 3 }).count()).resolves.toBe(1);
    await expectAccessible(staffPage);
    await queue.getByRole('button', { name: 'Acreditar: Ecuador' }).click();
    await expect.poll(() => queue.getByRole('heading', { name: 'Pendientes de decisión (0)' }).count()).toBe(1);
    await expect.poll(() => queue.locator('.badge').first().textContent()).toBe('Acreditada');
    await expectAccessible(staffPage);
    expect(staffErrors).toEqual([]);

    // A visitor (a browser of their own), in French at 360 px: the published list, with its exports.
    expect(errors).toEqual([]);
    const { page: visitor, errors: visitorErrors } = await suite.open(`/fr/meetings/${slug}/participants`, {
      width: 360,
    });
    const list = visitor.getByRole('main');
    await expect.poll(() => list.getByRole('heading', { name: 'Délégations des États membres' }).count()).toBe(1);
    await expect(list.getByRole('heading', { name: 'Équateur' }).count()).resolves.toBe(1);
    await expect(list.getByText('María Pérez').count()).resolves.toBe(1);
    const csv = await list.getByRole('link', { name: 'Télécharger en CSV (tableur)' }).getAttribute('href');
    expect(csv).toBe(`/api/v1/meetings/${slug}/participants.csv?lang=fr`);
    const exported = await (await fetch(`${suite.server.url}${csv}`)).text();
    expect(exported).toContain('"María Pérez"');
    await expectAccessible(visitor);
    expect(visitorErrors).toEqual([]);
  });
});
