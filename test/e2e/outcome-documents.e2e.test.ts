import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteTitle, expectAccessible, hasBrowser } from './browser.js';
import { portalSuite } from './suite.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('the secretariat drafts an outcome document'), () => {
  const suite = portalSuite();
  let meeting: { slug: string };
  let documentSlug: string;

  beforeAll(async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    meeting = await buildMeeting(suite.server.db, { status: 'convened' });
  });

  const outline = (page: Page) => page.locator('.outline > li > p').allTextContents();

  async function addNode(page: Page, kind: string, text: string, extra?: (page: Page) => Promise<void>) {
    await page.getByRole('button', { name: 'Add a section or paragraph' }).click();
    await page.getByLabel('Kind').selectOption({ label: kind });
    await page.getByLabel('Text in the original language').fill(text);
    await extra?.(page);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText(text, { exact: true }).count()).toBeGreaterThan(0);
  }

  it('creates a draft, builds its outline by keyboard, translates it and sends it to negotiation; the public sees nothing', {
    timeout: 240_000,
  }, async () => {
    const { page, errors } = await suite.open('/en/documents/new', { role: 'secretariat-staff' });
    await page.getByLabel('Meeting').selectOption({ value: meeting.slug });
    await page.getByLabel('Type').selectOption({ label: 'Declaration' });
    await page.getByRole('group', { name: 'Title' }).getByLabel('English').fill('Declaration of the test meeting');
    await page.getByRole('group', { name: 'Title' }).getByLabel('Spanish').fill('Declaración de la reunión de prueba');
    await page.getByLabel('Language of negotiation (the original text)').selectOption({ label: 'English' });
    await page.getByRole('button', { name: 'Start the draft' }).click();
    await page.waitForURL(/\/en\/documents\/[a-z0-9-]+\/edit$/);
    documentSlug = /\/documents\/([a-z0-9-]+)\/edit$/.exec(page.url())?.[1] as string;

    await addNode(page, 'Preambular paragraph', 'Recalling the Commitment of 2008');
    await addNode(page, 'Operative paragraph', 'Strengthen cooperation between police forces', async (p) => {
      await p.getByLabel('What it asks of the states').selectOption({ label: 'Recommendation' });
      await p.getByRole('group', { name: 'Pillars' }).getByLabel('International cooperation').check();
    });
    await addNode(page, 'Operative paragraph', 'Report at the next meeting');
    await expect
      .poll(() => outline(page))
      .toEqual([
        'PP1 Recalling the Commitment of 2008',
        'OP1 Strengthen cooperation between police forces',
        'OP2 Report at the next meeting',
      ]);
    await expectAccessible(page);

    // Keyboard only: the last paragraph moves up; numbering follows, focus stays on the moved entry.
    await page.getByRole('button', { name: 'Move up: OP2 Report at the next meeting' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => outline(page))
      .toEqual([
        'PP1 Recalling the Commitment of 2008',
        'OP1 Report at the next meeting',
        'OP2 Strengthen cooperation between police forces',
      ]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^move-up-/);

    // Translations: what is left, then one paragraph done in Spanish.
    await expect.poll(() => page.getByText('Spanish: 3 left to translate').count()).toBe(1);
    await page.getByLabel('Translate into').selectOption({ label: 'Spanish' });
    await page.getByLabel('Show only what is left to translate').check();
    await page.getByLabel('PP1 in Spanish').fill('Recordando el Compromiso de 2008');
    await page.getByLabel('Translation', { exact: true }).first().selectOption({ label: 'Done' });
    await page.getByRole('button', { name: 'Save the translation' }).first().click();
    await expect.poll(() => page.getByText('Spanish: 2 left to translate').count()).toBe(1);
    await expect.poll(() => page.getByLabel('PP1 in Spanish').count()).toBe(0);

    await page.getByRole('button', { name: 'Move to: Under negotiation' }).click();
    await expect.poll(() => page.locator('.facts code').count()).toBe(1);
    expect(errors).toEqual([]);

    // Not adopted: the public gets the portal's 404, without a word of the text.
    const visitor = await suite.open(`/en/documents/${documentSlug}`);
    await expect.poll(() => visitor.page.locator('main h1').textContent()).toBe('Page not found');
    expect(await visitor.page.content()).not.toContain('Strengthen cooperation');
  });

  it('shows a stale write as a conflict and loads the current outline', { timeout: 120_000 }, async () => {
    const first = await suite.open(`/en/documents/${documentSlug}/edit`, { role: 'secretariat-staff' });
    const second = await suite.open(`/en/documents/${documentSlug}/edit`, { role: 'secretariat-staff' });
    await second.page.getByRole('button', { name: 'Move down: OP1 Report at the next meeting' }).click();
    await expect.poll(() => outline(second.page)).toContain('OP2 Report at the next meeting');
    // The first page still shows the order it read.
    await first.page.getByRole('button', { name: 'Move down: OP1 Report at the next meeting' }).click();
    await first.page.getByRole('button', { name: 'Reload', exact: true }).click();
    await expect.poll(() => outline(first.page)).toContain('OP2 Report at the next meeting');
  });

  for (const [lang, width] of [
    ['es', 1280],
    ['fr', 1280],
    ['pt', 360],
  ] as const) {
    it(`is accessible in ${lang} at ${width} px, with the form open`, { timeout: 120_000 }, async () => {
      const { page, errors } = await suite.open(`/${lang}/documents/${documentSlug}/edit`, {
        role: 'secretariat-staff',
        width,
      });
      await expect.poll(() => page.locator('.outline > li').count()).toBe(3);
      await expectAccessible(page);
      await page.locator('.outline button').nth(2).click();
      await expect.poll(() => page.locator('#node-form').count()).toBe(1);
      await expectAccessible(page);
      expect(errors).toEqual([]);
    });
  }

  it('publishes the adopted text: numbered, hydrated without a mismatch, and the language switch keeps the paragraph', {
    timeout: 180_000,
  }, async () => {
    const chair = await suite.open(`/en/documents/${documentSlug}/edit`, { role: 'secretariat-staff' });
    for (const status of ['Agreed ad referendum', 'Adopted']) {
      await chair.page.getByRole('button', { name: `Move to: ${status}` }).click();
      await expect.poll(() => chair.page.locator('.facts dd').first().textContent()).toBe(status);
    }
    const reader = await suite.open(`/en/documents/${documentSlug}`, { width: 360 });
    const { page } = reader;
    await expect.poll(() => page.locator('.document-body__paragraph').count()).toBe(3);
    await expect.poll(() => page.locator('.document-body__number').allTextContents()).toEqual(['PP1', 'OP1', 'OP2']);
    await expectAccessible(page);
    // The reader goes to a paragraph, then reads it in Spanish: same paragraph, its translation.
    await page.getByRole('link', { name: 'Link to paragraph PP1' }).click();
    const anchor = new URL(page.url()).hash;
    expect(anchor).toMatch(/^#p-/);
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Español' }).click();
    await page.waitForURL(`**/es/documents/${documentSlug}${anchor}`);
    await expect.poll(() => page.locator(`${anchor} p`).textContent()).toContain('Recordando el Compromiso de 2008');
    expect(reader.errors).toEqual([]);
  });
});
