import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OutcomeDocument } from '../../src/contract/outcome-documents.js';
import { apiCaller } from './accounts.js';
import { browserSuiteTitle, expectAccessible, hasBrowser } from './browser.js';
import { portalSuite } from './suite.js';

/**
 * Starting a draft's text from a DOCX: the secretariat chooses the file, corrects the proposal
 * (one paragraph's kind), saves, and sees the numbered text in the outline.
 */
describe.skipIf(!hasBrowser)(browserSuiteTitle('the secretariat starts a draft from a DOCX'), () => {
  const suite = portalSuite();
  const drafts: OutcomeDocument[] = [];
  let file = '';

  beforeAll(async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const { docxBytes } = await import('../../src/server/modules/documents/testing.js');
    const meeting = await buildMeeting(suite.server.db, { status: 'registration-open' });
    const chair = await apiCaller(suite.server, 'secretariat-staff');
    for (const title of ['Declaration to import', 'Declaración para revisar'])
      drafts.push(
        await chair<OutcomeDocument>('POST', '/documents', {
          meeting: meeting.slug,
          type: 'declaration',
          titles: { en: title },
          originalLang: 'en',
        }),
      );
    file = path.join(os.tmpdir(), `mispa-import-${process.pid}.docx`);
    writeFileSync(
      file,
      docxBytes([
        { text: 'Declaration on police cooperation', style: 'Title' },
        { text: 'Recognizing that public security is a duty of the State;' },
        { text: 'Noting the work of the network of police academies;' },
        { text: 'Strengthen the exchange of information.', listed: true },
        { text: 'Report at the next meeting.', listed: true },
      ]),
    );
  });

  const choose = async (page: import('playwright-core').Page) => {
    await page.getByLabel('File', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Read the file' }).click();
    await page.getByRole('heading', { name: 'Proposed text: 5 sections and paragraphs' }).waitFor();
  };

  it('proposes the text, takes one correction and saves it numbered', { timeout: 180_000 }, async () => {
    const { page, errors } = await suite.open(`/en/documents/${drafts[0]?.slug}/edit`, { role: 'secretariat-staff' });
    await choose(page);
    await expectAccessible(page);
    // "Noting…" is read as preambular; the secretariat makes it operative.
    await expect(page.getByLabel('Kind of item 3').inputValue()).resolves.toBe('preambular');
    await page.getByLabel('Kind of item 3').selectOption({ label: 'Operative paragraph' });
    await page.getByRole('button', { name: 'Save this text' }).click();
    await expect
      .poll(() => page.locator('.outline li > p').allTextContents())
      .toEqual([
        'Section Declaration on police cooperation',
        'PP1 Recognizing that public security is a duty of the State;',
        'OP1 Noting the work of the network of police academies;',
        'OP2 Strengthen the exchange of information.',
        'OP3 Report at the next meeting.',
      ]);
    // Started once: the import is offered only while the text is empty.
    expect(await page.getByRole('button', { name: 'Read the file' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('imports the text of a historic document on its page, then shows it with its hash', {
    timeout: 180_000,
  }, async () => {
    const { page, errors } = await suite.open('/en/documents/recommendations-quito', { role: 'secretariat-staff' });
    await page.getByText('The portal does not hold the text of this document yet.').waitFor();
    await choose(page);
    // The reference data does not record the original language: it is said with the text.
    await page.getByLabel('Language of negotiation (the original text)').selectOption('en');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save this text' }).click();
    await page.getByText('Content hash (SHA-256) of the adopted text').waitFor();
    await expect
      .poll(() => page.locator('section[aria-labelledby=document-text]').textContent())
      .toContain('Strengthen the exchange of information.');
    // Imported once: the screen is gone and the text is no longer said to be missing.
    expect(await page.getByRole('button', { name: 'Read the file' }).count()).toBe(0);
    expect(await page.getByText('The portal does not hold the text of this document yet.').count()).toBe(0);
    expect(await page.locator('dd code').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(errors).toEqual([]);
  });

  for (const [lang, width] of [
    ['es', 1280],
    ['fr', 1280],
    ['pt', 360],
  ] as const) {
    it(`shows the proposal accessibly in ${lang} at ${width} px`, { timeout: 120_000 }, async () => {
      const { page, errors } = await suite.open(`/${lang}/documents/${drafts[1]?.slug}/edit`, {
        role: 'secretariat-staff',
        width,
      });
      await page.locator('input[type=file]').setInputFiles(file);
      await page.locator('input[type=file]').locator('xpath=ancestor::form').locator('button[type=submit]').click();
      await expect.poll(() => page.locator('select').count()).toBeGreaterThanOrEqual(5);
      await expectAccessible(page);
      expect(errors).toEqual([]);
    });
  }
});
