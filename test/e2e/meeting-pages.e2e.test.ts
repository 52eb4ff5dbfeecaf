import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuiteTitle, expectAccessible, hasBrowser } from './browser.js';
import { portalSuite } from './suite.js';

/** The sentences of a language's catalog that say a historic meeting's page is not recorded. */
const historic = (lang: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`../../src/web/i18n/${lang}.json`, import.meta.url), 'utf8')).meetings.historic;

const navLinks = (page: Page) => page.locator('nav.meeting-nav').getByRole('link').allTextContents();

// Issue 11 item 17: a meeting shows the pages it has; a historic one says what the platform does not hold.
describe.skipIf(!hasBrowser)(browserSuiteTitle('the pages a meeting offers'), () => {
  const suite = portalSuite();

  it('a historic meeting offers its overview alone; its agenda and registration say they are not recorded, in four languages, at 360 px', {
    timeout: 180_000,
  }, async () => {
    const { page, errors } = await suite.open('/en/meetings/mispa-vii/agenda', { width: 360 });
    const main = page.getByRole('main');
    const sentence = historic('en').agenda?.replace('{{name}}', 'MISPA VII') ?? '';
    await expect.poll(() => main.textContent()).toContain(sentence);
    const text = (await main.textContent()) ?? '';
    expect(text).not.toContain('frozen');
    expect(text).not.toContain('no items yet');
    expect(await navLinks(page)).toEqual(['Overview']);
    // What the meeting adopted is one link away.
    const adopted = page.getByRole('region', { name: 'What MISPA VII adopted' });
    await expect(adopted.getByRole('link').first().getAttribute('href')).resolves.toBe(
      '/en/documents/recommendations-quito',
    );
    await expectAccessible(page);

    // No registration was ever held here: said so, not "sign in".
    await suite.visit(page, '/en/meetings/mispa-vii/registration');
    await expect
      .poll(() => main.textContent())
      .toContain(historic('en').registration?.replace('{{name}}', 'MISPA VII'));
    expect(await main.textContent()).not.toContain('Sign in');
    expect(await navLinks(page)).toEqual(['Overview']);
    await expectAccessible(page);

    for (const lang of ['es', 'fr', 'pt']) {
      await suite.visit(page, `/${lang}/meetings/mispa-vii/agenda`);
      await expect.poll(() => main.textContent()).toContain(historic(lang).agenda?.replace('{{name}}', 'MISPA VII'));
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await navLinks(page)).toHaveLength(1);
      await expectAccessible(page);
    }
    expect(errors).toEqual([]);
  });

  it('MISPA IX of the demo data offers its agenda, documents, participants, registration and records', {
    timeout: 180_000,
  }, async () => {
    const { loadDemoUsers } = await import('../../src/server/demo/users.js');
    const { loadDemoMeetings } = await import('../../src/server/demo/meeting.js');
    const db = suite.server.db;
    const clock = () => new Date();
    await loadDemoUsers(db, 'demo-password-for-browser-tests', clock);
    // The folder the suite's server keeps files in (app.ts's default for this process).
    const files = { dir: join(tmpdir(), `mispa-files-${process.pid}`), maxBytes: 25 * 1024 * 1024 };
    await loadDemoMeetings({ db, clock, files });

    const { page, errors } = await suite.open('/en/meetings/mispa-ix/agenda', { width: 360 });
    const main = page.getByRole('main');
    await expect.poll(() => main.textContent()).toContain('Opening session');
    expect(await navLinks(page)).toEqual([
      'Overview',
      'Agenda',
      'Documents',
      'Participants',
      'Registration',
      'Minutes and report',
    ]);
    const text = (await main.textContent()) ?? '';
    expect(text).not.toContain('frozen');
    expect(text).not.toContain('held before the platform');
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });
});
