import { describe, expect, it } from 'vitest';
import { browserSuiteTitle, expectAccessible, hasBrowser } from './browser.js';
import { portalSuite } from './suite.js';

const NONE = {
  en: 'No items of this document have been imported for follow-up yet',
  es: 'Aún no se ha importado ningún punto de este documento para su seguimiento',
  fr: 'Aucun point de ce document n’a encore été importé pour le suivi',
};
const OFFER = {
  en: 'Import the items of this document',
  es: 'Importar los puntos de este documento',
  fr: 'Importer les points de ce document',
};

describe.skipIf(!hasBrowser)(browserSuiteTitle('a historic document in a browser'), () => {
  const suite = portalSuite();

  it('shows the public a historic footnote with the paragraphs it names and its source (title — publisher), and no items yet', {
    timeout: 120_000,
  }, async () => {
    const { page, errors } = await suite.open('/pt/documents/recommendations-san-pedro-sula', { width: 360 });
    // The footnote itself, not the items of its own list of sources.
    const footnote = page.getByRole('list', { name: 'Notas de rodapé' }).locator(':scope > li');
    await footnote.waitFor();
    await expect(footnote.textContent()).resolves.toMatch(
      /^Reserva · Uruguai:.*Parágrafos a que se refere: parágrafo preambular 5, recomendação 13, .* e parágrafo 2\.f\.ii da seção de acompanhamento\..*uma paráfrase de sua fonte/,
    );
    // Its source as every source of the reference data: "Title — Publisher", linking to the page.
    const source = footnote.getByRole('list', { name: 'Fontes' }).getByRole('link', {
      name: "Uruguay's note MISPA VI/INF. 3/17 on the San Pedro Sula recommendations, copy of an OAS document — docsbay.net",
      exact: true,
    });
    await expect(source.getAttribute('href')).resolves.toBe(
      'https://docsbay.net/sixth-meeting-of-ministers-responsible-for-oea-ser-k-xlix-6',
    );
    await page
      .getByText('Nenhum item deste documento foi importado para acompanhamento ainda', { exact: false })
      .waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });

  it('says a historic document has no items to the public and a focal point, and offers the import to the secretariat only', {
    timeout: 180_000,
  }, async () => {
    const path = (lang: string) => `/${lang}/documents/recommendations-medellin`;
    const visitor = await suite.open(path('en'));
    await visitor.page.getByText(NONE.en, { exact: false }).waitFor();
    await expect(visitor.page.getByRole('link', { name: OFFER.en }).count()).resolves.toBe(0);

    const focal = await suite.open(path('fr'), { role: 'focal-point', memberState: 'co', locale: 'fr-FR' });
    await focal.page.getByText(NONE.fr, { exact: false }).waitFor();
    await expect(focal.page.getByRole('link', { name: OFFER.fr }).count()).resolves.toBe(0);

    const staff = await suite.open(path('es'), { role: 'secretariat-staff', locale: 'es-MX', width: 360 });
    await staff.page.getByText(NONE.es, { exact: false }).waitFor();
    const offer = staff.page.getByRole('link', { name: OFFER.es });
    await offer.waitFor();
    await expectAccessible(staff.page);
    await offer.click();
    await staff.page.waitForURL(/\/es\/follow-up\/reporting\?document=recommendations-medellin#import-items$/);
    const section = staff.page.locator('#import-items');
    await section.getByText('Recomendaciones de Medellín', { exact: false }).waitFor();
    const template = section.getByRole('link', { name: 'Descargar un archivo de partida', exact: false });
    await expect(template.getAttribute('download')).resolves.toBe('recommendations-medellin-items.csv');
    const csv = decodeURIComponent((await template.getAttribute('href')) ?? '');
    expect(csv).toContain('"document","number","parent_number"');
    expect(csv).toContain('"recommendations-medellin",""');
    await expectAccessible(staff.page);
    expect([...visitor.errors, ...focal.errors, ...staff.errors]).toEqual([]);
  });
});
