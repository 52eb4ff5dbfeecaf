import { describe, expect, it } from 'vitest';
import { browserSuiteTitle, expectAccessible, hasBrowser } from './browser.js';
import { portalSuite } from './suite.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('a member state’s page'), () => {
  const suite = portalSuite();

  it('shows the meetings the state attended from the public list and its sources by title, server-rendered, with its codes on one line, in four languages', {
    timeout: 180_000,
  }, async () => {
    const { buildDelegation, buildMeeting } = await import('../../src/server/testing/factories.js');
    const db = suite.server.db;
    const attended = await buildMeeting(db, { status: 'concluded' });
    const drafted = await buildMeeting(db, { status: 'registration-open' });
    await buildDelegation(db, attended.id, 'uy', 'accredited');
    await buildDelegation(db, drafted.id, 'uy', 'draft');

    // Server-rendered: the attended meeting is in the HTML before any script runs; the draft is not.
    const html = await (await fetch(`${suite.server.url}/en/member-states/uy`)).text();
    expect(html).toContain(`href="/en/meetings/${attended.slug}"`);
    expect(html).not.toContain(`/meetings/${drafted.slug}"`);
    // Sources read as "title — publisher", linking to the page, not as a bare address.
    expect(html).toContain(
      '<a href="https://www.oas.org/ext/en/security/mispa">MISPA overview — OAS Department of Public Security</a>',
    );

    const { page, errors } = await suite.open('/en/member-states/uy', { width: 360 });
    const main = page.getByRole('main');
    const section = main.getByRole('region', { name: 'Meetings attended' });
    await section.locator(`a[href="/en/meetings/${attended.slug}"]`).waitFor();
    await expect(main.locator('.detail-line').textContent()).resolves.toMatch(/ISO alpha-3 code URY/);
    await expect(
      main
        .getByRole('region', { name: 'Sources' })
        .getByRole('link', { name: 'iso-codes (ISO 3166-1 country codes) — Debian iso-codes team' })
        .getAttribute('href'),
    ).resolves.toBe('https://salsa.debian.org/iso-codes-team/iso-codes');
    await expect(main.locator('.facts').count()).resolves.toBe(0);
    await main.getByRole('heading', { name: 'Adopted texts with its reservations or statements', level: 2 }).waitFor();
    await expectAccessible(page);
    for (const [lang, heading] of [
      ['es', 'Reuniones a las que asistió'],
      ['fr', 'Réunions auxquelles il a participé'],
      ['pt', 'Reuniões em que participou'],
    ] as const) {
      await suite.visit(page, `/${lang}/member-states/uy`, 360);
      await page.getByRole('main').getByRole('heading', { name: heading, level: 2 }).waitFor();
      await expectAccessible(page);
    }
    expect(errors).toEqual([]);
  });

  it('lists the groups a state chaired beside those it leads, and a group its chairs over time, each with its source, server-rendered, in four languages', {
    timeout: 180_000,
  }, async () => {
    // Server-rendered: the chair, its group, its meeting and its source are in the HTML.
    const html = await (await fetch(`${suite.server.url}/en/member-states/do`)).text();
    expect(html).toContain('href="/en/technical-groups/prevention"');
    expect(html).toContain('href="/en/meetings/mispa-vii"');
    expect(html).toContain(
      'Speech of the OAS Assistant Secretary General 19-0063 (Spanish) — Organization of American States',
    );

    const { page, errors } = await suite.open('/en/member-states/do', { width: 360 });
    const section = page.getByRole('main').getByRole('region', { name: 'Technical groups led or chaired' });
    const chairs = section.locator('li.chair');
    await chairs.first().waitFor();
    await expect(chairs.allTextContents()).resolves.toEqual([
      expect.stringMatching(
        /^Chair of the Subsidiary Technical Group on the Prevention of Crime, Violence and Insecurity, elected at MISPA VII/,
      ),
      expect.stringMatching(/^Chair of the Subsidiary Technical Group on Police Management, designated at MISPA VIII/),
    ]);
    await expect(
      chairs
        .first()
        .getByRole('link', {
          name: 'Speech of the OAS Assistant Secretary General 19-0063 (Spanish) — Organization of American States',
        })
        .getAttribute('href'),
    ).resolves.toBe('http://www.oas.org/es/acerca/discurso_secretario_general_adjunto.asp?sCodigo=19-0063');
    // By keyboard: the chair's group link is reached and followed like any other.
    const groupLink = chairs.first().getByRole('link', { name: /Prevention of Crime/ });
    await groupLink.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/technical-groups\/prevention$/);
    await expectAccessible(page);

    await suite.visit(page, '/en/technical-groups/police-management', 360);
    const overTime = page.getByRole('main').getByRole('region', { name: 'Chairs over time' }).locator('li.chair');
    await overTime.first().waitFor();
    await expect(overTime.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Ecuador, elected at MISPA VII, until MISPA VIII/),
      expect.stringMatching(/^Dominican Republic, designated at MISPA VIII/),
    ]);
    await expectAccessible(page);

    for (const [lang, heading, sentence] of [
      ['es', 'Grupos técnicos que coordina o presidió', /por elección en la MISPA VII/],
      ['fr', 'Groupes techniques dirigés ou présidés', /par élection lors de la MISPA VII/],
      ['pt', 'Grupos técnicos coordenados ou presididos', /por eleição na MISPA VII/],
    ] as const) {
      await suite.visit(page, `/${lang}/member-states/do`, 360);
      const region = page.getByRole('main').getByRole('region', { name: heading });
      await expect(region.locator('li.chair').first().textContent()).resolves.toMatch(sentence);
      await expectAccessible(page);
    }
    expect(errors).toEqual([]);
  });
});
