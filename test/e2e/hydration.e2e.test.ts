import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGS } from '../../src/domain/languages.js';
import { PUBLIC_PATHS, samplePath } from '../../src/server/testing/portal-pages.js';
import {
  type Browser,
  browserSuiteTitle,
  hasBrowser,
  hydrated,
  launchBrowser,
  visit,
  waitForPortal,
} from './browser.js';
import { type RunningServer, startPortalServer } from './server.js';

const PUBLIC_PAGES = PUBLIC_PATHS.map(samplePath);

/** What React says when the browser's first render differs from the server's HTML: in its
 * production build the errors are numbered (#418 text, #419 a boundary rendered on the client,
 * #421–#425 what a mismatch makes it do). */
const HYDRATION_PROBLEM = /hydrat|did not match|Minified React error #4(1[89]|2[0-5])\b/i;

/** Every console error and page error, and every warning that speaks of hydration. */
function collectHydrationProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || (message.type() === 'warning' && HYDRATION_PROBLEM.test(text))) {
      problems.push(text);
    }
  });
  return problems;
}

describe.skipIf(!hasBrowser)(browserSuiteTitle('server-rendered pages hydrate in the browser'), () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // The languages side by side: each page waits half a second of network silence after it has
  // drawn, time the other languages' pages use.
  for (const lang of LANGS) {
    it.concurrent(`hydrates every public page in ${lang} at 360 and 1280 px without a mismatch`, async () => {
      const problems: string[] = [];
      for (const width of [360, 1280]) {
        for (const path of PUBLIC_PAGES) {
          const page = await browser.context.newPage();
          const seen = collectHydrationProblems(page);
          await visit(page, `${server.url}/${lang}${path}`, width);
          await hydrated(page);
          // Mismatches are reported once React has drawn the page; the fetches it makes after are done.
          await page.waitForLoadState('networkidle');
          problems.push(...seen.map((problem) => `${width}px /${lang}${path}: ${problem}`));
          await page.close();
        }
      }
      expect(problems).toEqual([]);
    }, 600_000);
  }

  it('arrives with the page in its HTML, then follows a link without loading a new document', async () => {
    const page = await browser.context.newPage();
    const seen = collectHydrationProblems(page);
    const response = await page.goto(`${server.url}/es/`);
    expect(await response?.text()).toMatch(/<h1 id="home-heading">Reunión de Ministros/);
    await hydrated(page);
    await page.waitForLoadState('networkidle');
    // A document load would forget this.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Estados miembros' }).click();
    await page.waitForURL(`${server.url}/es/member-states`);
    await waitForPortal(page);
    await expect(page.locator('main h1').textContent()).resolves.toBe('Estados miembros');
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(seen).toEqual([]);
    await page.close();
  });
});
