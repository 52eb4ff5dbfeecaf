import { describe, expect, it } from 'vitest';
import { browserSuiteTitle, expectAccessible, hasBrowser } from './browser.js';
import { portalSuite } from './suite.js';

const HEADER = 'document,number,parent_number,weight,pillars,text_en,text_es,source_url';
const DOCUMENT = 'recommendations-san-pedro-sula';
const file = (pillars: string) => ({
  name: 'puntos.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(
    [
      HEADER,
      `${DOCUMENT},13,,,${pillars},Police training,Formación policial,https://www.oas.org/en/`,
      `${DOCUMENT},13.a,13,2,,Curricula,Planes de estudio,`,
    ].join('\r\n'),
  ),
});

describe.skipIf(!hasBrowser)(browserSuiteTitle('follow-up items import in a browser'), () => {
  const suite = portalSuite();

  it('the secretariat, in Spanish at 360 px, previews a CSV with a refused row, fixes it, imports it and finds the item', {
    timeout: 180_000,
  }, async () => {
    const { page, errors } = await suite.open('/es/follow-up/reporting', {
      role: 'secretariat-staff',
      locale: 'es-MX',
      width: 360,
    });
    const section = page.locator('section').filter({
      has: page.getByRole('heading', { name: 'Importar puntos de documentos históricos' }),
    });
    await section.waitFor();
    const chooser = section.getByLabel('Archivo', { exact: true });

    await chooser.setInputFiles(file('no-such-pillar'));
    await section.getByRole('button', { name: 'Vista previa' }).click();
    const refused = section.getByRole('table', { name: 'Filas rechazadas (no se escribió nada)' });
    await refused.waitFor();
    await expect(refused.getByRole('rowheader').first().textContent()).resolves.toBe('Fila 2, columna pillars');
    await expect(refused.getByRole('cell').first().textContent()).resolves.toContain('no-such-pillar');
    await expectAccessible(page);

    await chooser.setInputFiles(file('police-management'));
    await section.getByRole('button', { name: 'Vista previa' }).click();
    await section.getByText('El archivo tiene 1 punto y 1 subpunto. Todavía no se ha escrito nada.').waitFor();
    const listed = section.getByRole('table', { name: 'Filas del archivo' });
    await listed.getByRole('cell', { name: 'Formación policial' }).waitFor();
    await expectAccessible(page);
    await section.getByRole('button', { name: 'Importar 2 filas' }).click();
    await section.getByText('Se importaron 1 punto y 1 subpunto.').waitFor();

    // The item is offered when the secretariat opens a cycle on chosen items.
    await page.getByLabel('Puntos elegidos').check();
    await page.getByLabel(`${DOCUMENT} n.º 13: Formación policial`).waitFor();
    // The refused preview's 400, which the browser logs; nothing else.
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});
