import { describe, expect, it } from 'vitest';
import { browserSuiteTitle, expectAccessible, hasBrowser, seriousAxeViolations } from './browser.js';
import { uploadDocumentFiles } from './meeting-steps.js';
import { portalSuite } from './suite.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('meeting documents in a browser'), () => {
  const suite = portalSuite();

  async function pdf(text: string): Promise<Buffer> {
    const { pdfBytes } = await import('../../src/server/files/testing.js');
    return pdfBytes(text);
  }

  it('lets the secretariat add a document with an English and a Spanish PDF; the public downloads both', {
    timeout: 180_000,
  }, async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const meeting = await buildMeeting(suite.server.db, { status: 'convened' });
    const { page, errors } = await suite.open(`/en/meetings/${meeting.slug}/documents`, { role: 'secretariat-staff' });
    await expect(page.getByText('No documents have been published for this meeting yet.').count()).resolves.toBe(1);

    // Sent without any title first: the form says so, and nothing is added.
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add document' }) });
    await form.getByRole('button', { name: 'Add document' }).click();
    await expect(form.locator('.field__error').first().textContent()).resolves.toBe(
      'Give the title in at least one language.',
    );
    await form.getByLabel('Series').selectOption('working');
    await form.getByLabel('Title in English').fill('Draft Declaration of Lima');
    await form.getByLabel('Title in Spanish').fill('Proyecto de Declaración de Lima');
    await form.getByLabel('Original language').selectOption('es');
    // Submitted from the keyboard: Enter in a field sends the form.
    await form.getByLabel('Title in Spanish').press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: /^Document .* added\./ })
      .waitFor();
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);

    const card = page.locator('article.meeting-document').first();
    await expect(card.locator('.meeting-document__symbol').first().textContent()).resolves.toMatch(/\/doc\.1\/\d\d$/);
    await expect(card.getByText('Original: Spanish').count()).resolves.toBe(1);
    // The page lists many documents: each action button names its own (issue 11, item 18's class).
    const symbol = (await card.locator('.meeting-document__symbol').first().textContent()) as string;
    const actions = await card.locator('.meeting-document__manage button').all();
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      await expect(action.textContent()).resolves.toContain(`: ${symbol}`);
    }
    // A file that is not what its name says is refused, with the server's reason in the form's alert.
    await card.getByLabel('File', { exact: true }).setInputFiles({
      name: 'declaration.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('Plain text, not a PDF.'),
    });
    await card.getByRole('button', { name: 'Upload file' }).click();
    const uploadAlert = card.locator('form.form--inline [role="alert"]');
    await expect.poll(() => uploadAlert.textContent()).toMatch(/\S/);
    // The server's own words, read from its problem document, not the portal's fallback sentences.
    await expect(uploadAlert.textContent()).resolves.not.toMatch(/could not be reached|could not complete/);
    await uploadDocumentFiles(card, [
      ['English', 'Draft declaration'],
      ['Spanish', 'Proyecto de declaración'],
    ]);
    const links = card.getByRole('list', { name: /^Files of / }).getByRole('link');
    await expect(links.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^English \(PDF, \d+ kB\)$/),
      expect.stringMatching(/^Spanish \(PDF, \d+ kB\)$/),
    ]);
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    // The browser reports the one refusal the test provoked, nothing else.
    expect(errors).toEqual([
      expect.stringMatching(/^Failed to load resource: the server responded with a status of 4\d\d/),
    ]);

    // A visitor, in Spanish on a phone, sees the document and downloads both files.
    const { page: visit } = await suite.open(`/es/meetings/${meeting.slug}/documents`, { locale: 'es-ES', width: 360 });
    const entry = visit.locator('article.meeting-document').first();
    await expect(entry.getByRole('heading', { level: 3 }).textContent()).resolves.toBe(
      'Proyecto de Declaración de Lima',
    );
    await expect(entry.getByText('Original: español').count()).resolves.toBe(1);
    await expect(entry.getByRole('button').count()).resolves.toBe(0);
    const hrefs = await entry.getByRole('link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toHaveLength(2);
    for (const [href, text] of hrefs.map(
      (h, i) => [h, i === 0 ? 'Draft declaration' : 'Proyecto de declaración'] as const,
    )) {
      const res = await visit.request.get(href);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe('application/pdf');
      expect(res.headers()['content-disposition']).toMatch(/^attachment; /);
      expect(Buffer.from(await res.body())).toEqual(await pdf(text));
    }
    await expectAccessible(visit);
  });
});
