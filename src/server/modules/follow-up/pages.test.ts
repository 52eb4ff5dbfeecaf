import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachEngine, webRoot } from '../../testing/harness.js';
import { followUpHelpers } from './testing.js';

/** The follow-up's public pages as the server renders them (needs the built portal, `npx vite build`;
 * skipped without it): their status, and only the reports the reader may see. */
const rendered = fs.existsSync(path.join(webRoot, 'ssr', 'entry-server.js'));

describeEachEngine('follow-up: portal pages', (ctx) => {
  const { as, ok, historicItem, openCycle, reportUrl, complete } = followUpHelpers(ctx);

  /** One item: Mexico's report accepted and public, Brazil's accepted and kept private. */
  async function world() {
    const staff = await as('secretariat-staff');
    const item = await historicItem(staff, '31');
    const cycle = await openCycle(staff, { names: { en: 'Page cycle', es: 'Ciclo de página' }, items: [item.id] });
    for (const [state, measures, publish] of [
      ['mx', 'Public measure of Mexico', true],
      ['br', 'Private measure of Brazil', false],
    ] as const) {
      const focal = await as('focal-point', state);
      const url = reportUrl(cycle, item.id, state);
      const draft = await ok('PUT', url, focal, { ...complete, measures }, 201);
      const submitted = await ok('POST', `${url}/submit`, focal, { version: draft.version });
      const accepted = await ok('POST', `${url}/review`, staff, { version: submitted.version, decision: 'accept' });
      if (publish) await ok('POST', `${url}/publish`, focal, { version: accepted.version, published: true });
    }
    return { cycle };
  }
  const page = (url: string, headers = {}) => ctx.app.inject({ url, headers });

  it('answers 200 for the overview, matrix, rates and a member state’s profile, 404 for an unknown state', async () => {
    for (const url of ['/en/follow-up', '/es/follow-up/matrix', '/fr/follow-up/rates', '/pt/follow-up/states/mx']) {
      expect((await page(url)).statusCode, url).toBe(200);
    }
    expect((await page('/en/follow-up/states/zz')).statusCode).toBe(404);
    expect((await page('/es/follow-up/states/no-such-state')).statusCode).toBe(404);
  });

  it.skipIf(!rendered)('renders only the public reports: the matrix, the map and the profiles', async () => {
    const { cycle } = await world();
    const overview = await page('/es/follow-up');
    expect(overview.body).toContain('Ciclo de página');

    const matrix = await page(`/es/follow-up/matrix?cycle=${cycle.id}`);
    expect(matrix.statusCode).toBe(200);
    // Mexico's status in words; Brazil's private report is no cell at all.
    const cells = matrix.body.match(/<td class="follow-up-cell follow-up-cell--[a-z-]+">[^<]*/g);
    expect(cells).toEqual(['<td class="follow-up-cell follow-up-cell--implemented">Implementado']);
    expect(matrix.body).toContain('sin informe público');
    expect(matrix.body).toContain(`cycle=${cycle.id}&amp;format=csv`);

    const rates = await page(`/fr/follow-up/rates?cycle=${cycle.id}`);
    expect(rates.body).toContain('class="americas-map"');
    // The map names each state with its rate, in the reader's locale; Brazil's private report counts not.
    expect(rates.body).toMatch(/aria-label="Mexique: 100\s%"/);
    expect(rates.body).toContain('aria-label="Brésil: pas de données"');

    const mexico = await page('/en/follow-up/states/mx');
    expect(mexico.body).toContain('Public measure of Mexico');
    const brazil = await page('/en/follow-up/states/br');
    expect(brazil.statusCode).toBe(200);
    expect(brazil.body).not.toContain('Private measure of Brazil');
    // Brazil's focal point sees their own state's report; the page is theirs alone.
    const own = await page('/en/follow-up/states/br', await as('focal-point', 'br'));
    expect(own.body).toContain('Private measure of Brazil');
    expect(own.headers['cache-control']).toBe('private, no-cache');
  });
});
