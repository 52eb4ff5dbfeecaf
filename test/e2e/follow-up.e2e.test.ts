import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsServer, startAccountsServer } from './accounts.js';
import {
  type Browser,
  browserSuiteTitle,
  collectPageErrors,
  hasBrowser,
  horizontalOverflow,
  hydrated,
  launchBrowser,
  seriousAxeViolations,
  visit,
  waitForPortal,
} from './browser.js';

/** The follow-up's public pages on the demo data: a closed cycle on the sample declaration where
 * Ecuador's report on the first recommendation (implemented) and Mexico's (planned) are public,
 * and others are accepted but private, submitted or drafts; and on two demo items of the Lima
 * Recommendations, where both states' reports on the first (implemented) are public. */
describe.skipIf(!hasBrowser)(browserSuiteTitle('the follow-up’s public pages'), () => {
  let server: AccountsServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startAccountsServer();
    const { loadDemo } = await import('../../src/server/demo/index.js');
    // The folder the suite's server keeps files in (app.ts's default for this process).
    const files = { dir: join(tmpdir(), `mispa-files-${process.pid}`), maxBytes: 25 * 1024 * 1024 };
    await loadDemo({ db: server.db, clock: () => new Date(), files, password: 'demo-password-for-browser-tests' });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the cycles, the matrix (filtered in the address), the map and a state’s profile', async () => {
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    await visit(page, `${server.url}/en/follow-up`, 1280);
    await page.getByRole('heading', { name: /Demo follow-up cycle 2026/ }).waitFor();
    expect(await page.locator('.cycle-progress progress').count()).toBe(2);

    await page.getByRole('link', { name: 'Matrix of states and items' }).click();
    await waitForPortal(page);
    await hydrated(page);
    const matrix = page.locator('table.follow-up-matrix');
    const row = (name: string) => matrix.locator('tbody tr', { has: page.getByRole('rowheader', { name }) });
    await expect
      .poll(() => row('Ecuador').locator('.follow-up-cell--implemented').first().textContent())
      .toBe('Implemented');
    expect(await row('Mexico').locator('.follow-up-cell--planned').textContent()).toBe('Planned');
    // Ecuador's accepted but private report, and Mexico's report under review, are no cells.
    expect(await matrix.locator('td.follow-up-cell--in-progress, td.follow-up-cell--not-started').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The filters are the address: South America keeps Ecuador and drops Mexico.
    await page.getByLabel('Subregion').selectOption('south-america');
    await page.waitForURL(/subregion=south-america/);
    // The address changes first; the filtered matrix arrives from the API a moment later.
    await row('Mexico').waitFor({ state: 'detached' });
    await row('Ecuador').waitFor();
    // The exports carry the filters: the XLSX is the API's, of South America only.
    const xlsx = await page.getByRole('link', { name: 'Download (XLSX)' }).getAttribute('href');
    expect(xlsx).toMatch(/format=xlsx/);
    expect(xlsx).toMatch(/subregion=south-america/);
    const download = await page.request.get(`${server.url}${xlsx}`);
    expect(download.headers()['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );

    await visit(page, `${server.url}/en/follow-up/rates`, 1280);
    await hydrated(page);
    const ecuador = page.locator('.americas-map a[aria-label^="Ecuador"]');
    expect(await ecuador.getAttribute('aria-label')).toBe('Ecuador: 100%');
    expect(await page.locator('.americas-map a[aria-label^="Mexico"]').getAttribute('aria-label')).toBe('Mexico: 50%');
    expect(await page.locator('.colour-legend li').count()).toBe(6);
    // By keyboard: the middle of a state's box may be sea, and a map is read by keys too.
    await ecuador.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/follow-up\/states\/ec$/);
    await waitForPortal(page);
    await page.getByRole('heading', { level: 1, name: 'Ecuador' }).waitFor();
    const main = page.getByRole('main');
    await expect.poll(() => main.textContent()).toContain('Plan nacional de prevención');
    // Its second report was accepted but kept private: not on the public profile.
    expect(await main.textContent()).not.toContain('Programa de formación continua');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('moves between the matrix’s cells by the arrow keys, Home and End, one tab stop, the sticky headers never covering the cell at 360 px', async () => {
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    await visit(page, `${server.url}/en/follow-up/matrix`, 360);
    await hydrated(page);
    const grid = page.getByRole('grid');
    await grid.waitFor();
    expect(await page.locator('#follow-up-matrix-keys').textContent()).toContain('arrow keys');
    /** The focused element's cell (row, column), and whether the sticky header row and first column
     * leave it in view inside its scrolling box. */
    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement as HTMLElement;
        const cell = active.closest('th, td') as HTMLTableCellElement | null;
        const table = active.closest('table') as HTMLTableElement | null;
        if (!cell || !table) return null;
        const box = (table.parentElement as HTMLElement).getBoundingClientRect();
        const rect = cell.getBoundingClientRect();
        const header = (table.tHead as HTMLElement).getBoundingClientRect();
        const row = (cell.parentElement as HTMLTableRowElement).rowIndex;
        const firstColumn = ((table.rows[row] as HTMLTableRowElement).cells[0] as HTMLElement).getBoundingClientRect();
        const inHeader = row === 0;
        const visible =
          rect.left >= (cell.cellIndex > 0 ? firstColumn.right : box.left) - 1 &&
          rect.right <= box.right + 1 &&
          rect.top >= (inHeader ? box.top : header.bottom) - 1 &&
          rect.bottom <= box.bottom + 1;
        return {
          row,
          column: cell.cellIndex,
          visible,
          text: cell.textContent,
          tabStops: table.querySelectorAll('[tabindex="0"]').length,
        };
      });
    const columns = await grid.locator('thead th').count();
    const rows = await grid.locator('tr').count();
    expect(columns).toBeGreaterThan(1);

    // One tab stop: from the scrolling region, Tab enters the grid at its first cell.
    await page.getByRole('region', { name: /Status of/ }).focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ row: 0, column: 0, text: 'Member state', tabStops: 1 });
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatchObject({ row: 1, column: 0, visible: true });
    for (let column = 1; column < columns; column++) {
      await page.keyboard.press('ArrowRight');
      expect(await focused()).toMatchObject({ row: 1, column, visible: true, tabStops: 1 });
    }
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toMatchObject({ row: 1, column: columns - 1 });
    await page.keyboard.press('Home');
    expect(await focused()).toMatchObject({ row: 1, column: 0, visible: true });
    await page.keyboard.press('End');
    expect(await focused()).toMatchObject({ row: 1, column: columns - 1, visible: true });
    for (let row = 2; row < rows; row++) {
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toMatchObject({ row, column: columns - 1, visible: true });
    }
    await page.keyboard.press('Control+Home');
    expect(await focused()).toMatchObject({ row: 0, column: 0, visible: true });
    await page.keyboard.press('Control+End');
    expect(await focused()).toMatchObject({ row: rows - 1, column: columns - 1, visible: true });
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toMatchObject({ row: rows - 1, column: columns - 2, visible: true });

    // Tab leaves the grid; Shift+Tab comes back to the cell last visited.
    await page.keyboard.press('Tab');
    expect(await focused()).toBeNull();
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toMatchObject({ row: rows - 1, column: columns - 2 });
    // Enter on a row's state follows its link.
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/follow-up\/states\/[a-z]{2}$/);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  for (const [lang, implemented, width] of [
    ['es', 'Implementado', 360],
    ['fr', 'Mis en œuvre', 1280],
    ['pt', 'Implementado', 360],
  ] as const) {
    it(`reads in ${lang} at ${width} px, with no serious violation and no sideways scroll`, async () => {
      const page = await browser.context.newPage();
      const errors = collectPageErrors(page);
      const failures: Record<string, unknown> = {};
      for (const path of ['/follow-up', '/follow-up/matrix', '/follow-up/rates', '/follow-up/states/ec']) {
        await visit(page, `${server.url}/${lang}${path}`, width);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        if (path === '/follow-up/matrix') {
          await page.locator('td.follow-up-cell--implemented').first().waitFor();
          expect(await page.locator('td.follow-up-cell--implemented').first().textContent()).toBe(implemented);
        }
        const violations = await seriousAxeViolations(page);
        if (violations.length > 0) failures[path] = violations;
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) failures[`${path} (horizontal scroll)`] = `${overflow}px wider than the window`;
      }
      expect(failures).toEqual({});
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
  }
});
