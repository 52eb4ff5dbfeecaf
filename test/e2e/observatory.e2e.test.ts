import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator, ObservationList } from '../../src/contract/indicators.js';
import {
  type Browser,
  browserSuiteTitle,
  collectPageErrors,
  hasBrowser,
  horizontalOverflow,
  launchBrowser,
  seriousAxeViolations,
  visit,
  waitForPortal,
} from './browser.js';
import { type RunningServer, startPortalServer } from './server.js';

const INDICATOR = '/observatory/homicide-rate';

describe.skipIf(!hasBrowser)(browserSuiteTitle('the observatory’s pages'), () => {
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

  // English at both widths is in accessibility.e2e.test.ts (with Spanish at 360 px); here the
  // observatory's pages in the other three languages, at both widths.
  for (const lang of ['es', 'fr', 'pt'] as const) {
    for (const width of [360, 1280]) {
      it(`has no serious or critical violation and no horizontal scroll in ${lang} at ${width} px`, async () => {
        const failures: Record<string, unknown> = {};
        for (const path of ['/observatory', INDICATOR, '/member-states/jm']) {
          const page = await browser.context.newPage();
          await visit(page, `${server.url}/${lang}${path}`, width);
          if (path === INDICATOR) await page.locator('.series-chart svg[data-chart]').waitFor();
          const violations = await seriousAxeViolations(page);
          if (violations.length > 0) failures[path] = violations;
          const overflow = await horizontalOverflow(page);
          if (overflow > 0) failures[`${path} (horizontal scroll)`] = `${overflow}px wider than the window`;
          await page.close();
        }
        expect(failures).toEqual({});
      }, 180_000);
    }
  }

  it('draws the series, follows a state on the map (in the inset too), moves the year, and downloads the figures', async () => {
    const indicator = (await (await fetch(`${server.url}/api/v1/indicators?lang=en`)).json()) as { items: Indicator[] };
    const last = indicator.items[0]?.lastYear as number;
    const values = (await (
      await fetch(`${server.url}/api/v1/indicators/homicide-rate/observations?state=gd&to=${last - 1}&from=${last - 1}`)
    ).json()) as ObservationList;
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    await visit(page, `${server.url}/en${INDICATOR}`, 1280);
    await page.locator('.series-chart svg[data-chart]').waitFor();
    // The regional median and the chosen state's subregional median are lines, named on the chart
    // (served by the aggregates endpoint), and the note says they are not weighted by population.
    await page.locator('.series-chart svg').getByText('Regional median').waitFor();
    await page
      .locator('.series-chart svg')
      .getByText(/^Median, /)
      .waitFor();
    await page.getByText(/no population data is loaded/).waitFor();

    // Grenada is linked in the inset of the Lesser Antilles, with its value in its name.
    await page.getByLabel('Year', { exact: true }).fill(String(last - 1));
    await page.waitForURL(new RegExp(`year=${last - 1}`));
    await page.getByRole('heading', { name: `Map, ${last - 1}` }).waitFor();
    const grenada = page.locator('.americas-map__inset a[aria-label^="Grenada"]');
    const shown = values.items[0]?.value;
    expect(await grenada.getAttribute('aria-label')).toMatch(
      shown === undefined ? /^Grenada: no data$/ : /^Grenada: \d/,
    );
    // Everything the page asks for has arrived before the click: a late answer reflows the page and
    // moves the inset's markers, and a click sent as they move lands on a neighbour (Antigua, once).
    await waitForPortal(page);
    await grenada.click();
    // The path stays the same (only the query changes), so waitForPortal alone may return before
    // the page has taken the new state: wait for the select to follow.
    await waitForPortal(page);
    await expect.poll(() => page.getByLabel('State', { exact: true }).inputValue(), { timeout: 30_000 }).toBe('gd');

    for (const [name, extension] of [
      ['Download PNG', 'png'],
      ['Download SVG', 'svg'],
      ['Download data (CSV)', 'csv'],
    ] as const) {
      const download = page.waitForEvent('download');
      await page.locator('#series').locator('..').getByRole('button', { name }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe(`homicide-rate-series-gd.${extension}`);
      const saved = await file.path();
      const content = readFileSync(saved);
      if (extension === 'png') expect(content.subarray(1, 4).toString()).toBe('PNG');
      if (extension === 'svg') expect(content.toString()).toContain('UNODC');
      if (extension === 'csv')
        expect(content.toString()).toMatch(
          /^\uFEFF"Year","Grenada","Median, Caribbean","Regional median","attribution"/,
        );
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
