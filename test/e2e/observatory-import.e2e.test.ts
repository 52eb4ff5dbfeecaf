import { describe, expect, it } from 'vitest';
import type { ObservationList } from '../../src/contract/indicators.js';
import { browserSuiteTitle, hasBrowser, hydrated, seriousAxeViolations } from './browser.js';
import { portalSuite } from './suite.js';

const INDICATOR = 'observatory/homicide-rate';
const SDMX_HEADER = 'STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS';
const file = (rows: string[]) => ({
  name: 'homicide.sdmx.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from([SDMX_HEADER, ...rows].join('\r\n')),
});

describe.skipIf(!hasBrowser)(browserSuiteTitle('importing observatory values in a browser'), () => {
  const suite = portalSuite();

  it('lets the secretariat preview an SDMX-CSV file, see its refused rows, then import a valid one', {
    timeout: 180_000,
  }, async () => {
    const { page, errors } = await suite.open(`/en/${INDICATOR}`, { role: 'secretariat-staff' });
    await hydrated(page);
    const form = page.locator('.observatory-import');
    await form.getByRole('heading', { name: 'Import values' }).waitFor();

    await form.getByLabel('File').setInputFiles(file(['dataflow,X,I,ZZZ,2024,1,PER100K,A']));
    await form.getByLabel('Why the values change').fill('UNODC release of 2025');
    await form.getByRole('button', { name: 'Preview' }).click();
    const refused = form.getByRole('table', { name: 'Rows refused (nothing was written)' });
    await refused.waitFor();
    await expect(refused.getByRole('row').nth(1).textContent()).resolves.toContain('Row 2, column REF_AREA');

    await form.getByLabel('File').setInputFiles(file(['dataflow,X,I,URY,2024,10.5,PER100K,A']));
    await form.getByRole('button', { name: 'Preview' }).click();
    await form.getByRole('status').filter({ hasText: '1 to add' }).waitFor();
    await expect(
      form.getByRole('table', { name: 'Values the file would add or change' }).textContent(),
    ).resolves.toContain('Uruguay');
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    await form.getByRole('button', { name: 'Apply: write 1 value' }).click();
    await form.getByRole('status').filter({ hasText: 'Imported 1 rows: 1 added' }).waitFor();
    const list = (await (
      await fetch(`${suite.server.url}/api/v1/indicators/homicide-rate/observations?state=uy&from=2024&to=2024`)
    ).json()) as ObservationList;
    expect(list.items.map((item) => item.value)).toEqual([10.5]);
    // The refused preview's 400 is the browser's only complaint.
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });

  it('reads in Spanish at 360 px, and shows no import to a visitor', { timeout: 180_000 }, async () => {
    const { page } = await suite.open(`/es/${INDICATOR}`, { role: 'secretariat-staff', width: 360 });
    await page.getByRole('heading', { name: 'Importar valores' }).waitFor();
    await expect(seriousAxeViolations(page)).resolves.toEqual([]);
    const visitor = await suite.open(`/en/${INDICATOR}`);
    await visitor.page.locator('.series-chart svg[data-chart]').waitFor();
    await expect(visitor.page.getByRole('heading', { name: 'Import values' }).count()).resolves.toBe(0);
  });
});
