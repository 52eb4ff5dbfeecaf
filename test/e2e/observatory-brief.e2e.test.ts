import { describe, expect, it } from 'vitest';
import type { RegionalBriefList, TrendList } from '../../src/contract/indicators.js';
import type { MeetingDocument } from '../../src/contract/meeting-documents.js';
import type { MemberState } from '../../src/contract/reference.js';
import { textOfPdf } from '../../src/server/testing/pdf.js';
import { browserSuiteTitle, hasBrowser, horizontalOverflow, hydrated, seriousAxeViolations } from './browser.js';
import { portalSuite } from './suite.js';

const INDICATOR = 'observatory/homicide-rate';
const SDMX_HEADER = 'STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS';

describe.skipIf(!hasBrowser)(
  browserSuiteTitle('the regional-concerns brief, from an import to a meeting document'),
  () => {
    const suite = portalSuite();
    const api = (path: string) => fetch(`${suite.server.url}/api/v1${path}`).then((res) => res.json());

    it('imports a rising series, shows it on the map, chart and trend table, then generates, edits, exports and attaches the brief', {
      timeout: 300_000,
    }, async () => {
      // A state whose homicide rate has no significant rise over 2014–2023, with a value every year.
      const before = (await api('/indicators/homicide-rate/trends?years=10&lang=en')) as TrendList;
      const chosen = before.items.find((item) => item.flag !== 'significant-rise' && item.n === 10);
      expect(chosen).toBeDefined();
      const { slug, iso3 } = chosen?.state ?? { slug: '', iso3: '' };
      const state = (await api(`/member-states/${slug}?lang=en`)) as MemberState;
      const name = state.name.text;
      // 5.5, 7, …, 19 per 100,000: a steady rise over the ten years.
      const rows = Array.from({ length: 10 }, (_, i) => `dataflow,X,I,${iso3},${2014 + i},${5.5 + 1.5 * i},PER100K,A`);

      const { page, errors } = await suite.open(`/en/${INDICATOR}?state=${slug}&year=2023`, {
        role: 'secretariat-staff',
      });
      await hydrated(page);
      const form = page.locator('.observatory-import');
      await form.getByLabel('File').setInputFiles({
        name: 'rise.sdmx.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([SDMX_HEADER, ...rows].join('\r\n')),
      });
      await form.getByLabel('Why the values change').fill('National statistics office, revised series');
      await form.getByRole('button', { name: 'Preview' }).click();
      await form.getByRole('button', { name: /^Apply: write/ }).click();
      await form
        .getByRole('status')
        .filter({ hasText: /^Imported 10 rows/ })
        .waitFor();

      // The map of 2023, the state's chart (its table) and the trend table show the new values.
      await page.locator(`.americas-map a[aria-label="${name}: 19"]`).first().waitFor();
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const series = page.getByRole('table', { name: new RegExp(` by year: ${escaped}, `) });
      await expect(
        series
          .getByRole('row', { name: /^2023 / })
          .first()
          .textContent(),
      ).resolves.toContain('19');
      const trendRow = page.locator('section[aria-labelledby="trends"] tr').filter({ hasText: name });
      await expect(trendRow.first().textContent()).resolves.toContain('Significant rise');

      // The brief: generated for a ministerial meeting, edited, exported, attached.
      await suite.visit(page, '/en/observatory/briefs');
      await hydrated(page);
      await page.getByRole('heading', { name: 'New brief' }).waitFor();
      const meeting = await page.getByLabel('Meeting').inputValue();
      await page.getByRole('button', { name: 'Generate draft' }).click();
      await page.getByLabel('Title').waitFor();
      const body = page.getByLabel('Text', { exact: true });
      await expect(body.inputValue()).resolves.toContain(name);
      await body.fill(`${await body.inputValue()}\n\nThe secretariat asks the focal points to confirm these figures.`);
      await page.getByLabel('Language of the text').selectOption('es');
      await expect(page.getByLabel('Title').inputValue()).resolves.toMatch(/^Preocupaciones regionales/);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      await expect(seriousAxeViolations(page)).resolves.toEqual([]);
      await page.getByRole('button', { name: 'Export to the meeting as PDF' }).click();
      await page.getByText(/^Attached to the meeting as /).waitFor();

      const [brief] = (
        (await page.evaluate(async () => (await fetch('/api/v1/observatory/briefs')).json())) as RegionalBriefList
      ).items;
      expect(brief?.meeting).toBe(meeting);
      const document = (await api(`/meetings/${meeting}/documents/${brief?.document?.id}?lang=en`)) as MeetingDocument;
      expect(document.symbol).toBe(brief?.document?.symbol);
      const file = document.revisions[0]?.files.find((f) => f.lang === 'en');
      const pdf = Buffer.from(await (await fetch(`${suite.server.url}${file?.url}`)).arrayBuffer());
      const text = textOfPdf(pdf);
      expect(text).toContain('The secretariat asks the focal points to confirm these figures.');
      expect(text).toContain(name);
      expect(text).toContain('Theil–Sen');
      expect(errors).toEqual([]);
    });

    it.each([
      ['es', 360, 'Notas de preocupaciones regionales'],
      ['fr', 1280, 'Notes sur les préoccupations régionales'],
      ['pt', 1280, 'Notas de preocupações regionais'],
    ] as const)(
      'reads the briefs page in %s at %d px, with no serious violation',
      {
        timeout: 180_000,
      },
      async (lang, width, title) => {
        const { page } = await suite.open(`/${lang}/observatory/briefs`, { role: 'secretariat-staff', width });
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await page.locator('form select').first().waitFor();
        await expect(seriousAxeViolations(page)).resolves.toEqual([]);
        await expect(horizontalOverflow(page)).resolves.toBe(0);
      },
    );
  },
);
