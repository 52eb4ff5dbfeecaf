import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsServer, signedInPage, startAccountsServer } from './accounts.js';
import {
  type Browser,
  browserSuiteTitle,
  collectPageErrors,
  hasBrowser,
  launchBrowser,
  seriousAxeViolations,
  waitForPortal,
} from './browser.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('meeting documents in a browser'), () => {
  let server: AccountsServer;
  let secretariat: Browser;
  let visitor: Browser;

  beforeAll(async () => {
    server = await startAccountsServer();
    secretariat = await launchBrowser();
    visitor = await launchBrowser({ locale: 'es-ES' });
  }, 180_000);

  afterAll(async () => {
    await secretariat?.close();
    await visitor?.close();
    await server?.close();
  });

  async function pdf(text: string): Promise<Buffer> {
    const { pdfBytes } = await import('../../src/server/files/testing.js');
    return pdfBytes(text);
  }

  it('lets the secretariat add a document with an English and a Spanish PDF; the public downloads both', {
    timeout: 180_000,
  }, async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const meeting = await buildMeeting(server.db, { status: 'convened' });
    const page = await signedInPage(server, secretariat, 'secretariat-staff');
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}/en/meetings/${meeting.slug}/documents`);
    await waitForPortal(page);
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
    for (const [language, text] of [
      ['English', 'Draft declaration'],
      ['Spanish', 'Proyecto de declaración'],
    ] as const) {
      await card.getByLabel('Language of the file').selectOption({ label: language });
      await card.getByLabel('File', { exact: true }).setInputFiles({
        name: `declaration-${language}.pdf`,
        mimeType: 'application/pdf',
        buffer: await pdf(text),
      });
      await card.getByRole('button', { name: 'Upload file' }).click();
      await card
        .getByRole('status')
        .filter({ hasText: `The file in ${language} was uploaded.` })
        .waitFor();
    }
    const links = card.getByRole('list', { name: /^Files of / }).getByRole('link');
    await expect(links.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^English \(PDF, \d+ kB\)$/),
      expect.stringMatching(/^Spanish \(PDF, \d+ kB\)$/),
    ]);
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    expect(errors).toEqual([]);

    // A visitor, in Spanish on a phone, sees the document and downloads both files.
    const visit = await visitor.context.newPage();
    await visit.setViewportSize({ width: 360, height: 800 });
    await visit.goto(`${server.url}/es/meetings/${meeting.slug}/documents`);
    await waitForPortal(visit);
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
    await expect(seriousAxeViolations(visit)).resolves.toEqual([]);
    const overflow = await visit.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
  });
});
