import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuiteTitle,
  expectAccessible,
  hasBrowser,
  horizontalOverflow,
  seriousAxeViolations,
  waitForPortal,
} from './browser.js';
import { portalSuite } from './suite.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('follow-up reporting in a browser'), () => {
  const suite = portalSuite();

  /** The report panel of one item, opened from the state's table by its number. */
  async function openItem(page: Page, label: string) {
    await page.getByRole('link', { name: label, exact: true }).first().click();
    await waitForPortal(page);
    await page.locator('#report-heading').waitFor();
  }

  it('runs a cycle: the secretariat opens it, Mexico reports on two items with a file and submits, the secretariat asks for a change then accepts, Mexico publishes', {
    timeout: 300_000,
  }, async () => {
    const { addMarkedParagraphs } = await import('../../src/server/modules/follow-up/testing.js');
    const { pdfBytes } = await import('../../src/server/files/testing.js');
    await addMarkedParagraphs(suite.server.db, 'recommendations-lima', ['recommendation', 'commitment']);

    // The secretariat opens a cycle on the Lima recommendations for every state.
    const { page: staff, errors } = await suite.open('/en/follow-up/reporting', { role: 'secretariat-staff' });
    await staff.getByText('No reporting cycle has been opened yet.').waitFor();
    const open = staff.locator('form').filter({ has: staff.getByRole('button', { name: 'Open the cycle' }) });
    await open.getByRole('button', { name: 'Open the cycle' }).click();
    await expect(open.locator('.field__error').first().textContent()).resolves.toBe(
      'Enter the name in at least one language.',
    );
    await open.getByLabel('Title in English').fill('Follow-up 2026');
    await open.getByLabel('Title in Spanish').fill('Seguimiento 2026');
    await open.getByLabel('Lima Recommendations for the Prevention of Crime, Violence and Insecurity').check();
    await expect(open.getByLabel('All 35 member states').isChecked()).resolves.toBe(true);
    await open.getByLabel('Opening date').fill('2026-01-01');
    await open.getByLabel('Deadline').fill('2099-06-30');
    await expect(seriousAxeViolations(staff)).resolves.toEqual([]);
    await open.getByRole('button', { name: 'Open the cycle' }).click();
    await staff.getByRole('heading', { name: 'Follow-up 2026', level: 2 }).waitFor();
    await staff.getByText('0 of 70 reports submitted, 0 accepted').first().waitFor();
    const cycleUrl = new URL(staff.url());
    const cycleId = cycleUrl.searchParams.get('cycle');
    expect(cycleId).toMatch(/^[0-9a-f-]{36}$/);

    // Mexico's focal point, in Spanish on a phone, reports on both items.
    const { page: mexico } = await suite.open(`/es/follow-up/reporting?cycle=${cycleId}`, {
      role: 'focal-point',
      memberState: 'mx',
      locale: 'es-MX',
      width: 360,
    });
    await mexico.getByRole('heading', { name: 'Informes de México' }).waitFor();
    await openItem(mexico, 'N.º 1');
    await mexico.getByLabel('Situación', { exact: true }).selectOption('implemented');
    await mexico.getByLabel('Medidas adoptadas').fill('Ley de prevención de 2025');
    await mexico.getByLabel('Institución responsable').fill('Secretaría de Seguridad');
    await mexico
      .getByRole('status')
      .filter({ hasText: /^Borrador guardado a las/ })
      .waitFor();
    await mexico.getByLabel('Adjuntar un archivo').setInputFiles({
      name: 'ley.pdf',
      mimeType: 'application/pdf',
      buffer: pdfBytes('Ley'),
    });
    await mexico.getByRole('status').filter({ hasText: 'Se adjuntó el archivo.' }).waitFor();
    await mexico.getByRole('link', { name: 'ley.pdf' }).waitFor();
    await mexico.getByRole('button', { name: 'Añadir un indicador' }).click();
    await mexico.getByLabel('Nombre del indicador 1').fill('Tasa de homicidios');
    await mexico.getByLabel('Unidad del indicador 1').fill('por 100 000 habitantes');
    await expect(horizontalOverflow(mexico)).resolves.toBe(0);
    await expectAccessible(mexico);
    await mexico.getByRole('button', { name: 'Presentar el informe' }).click();
    await mexico.getByText('Este informe está: Presentado.').waitFor();

    await openItem(mexico, 'N.º 2');
    await mexico.getByLabel('Situación', { exact: true }).selectOption('not-applicable');
    await mexico.getByRole('button', { name: 'Presentar el informe' }).click();
    await expect(mexico.locator('.field__error').first().textContent()).resolves.toBe(
      'Indique por qué el punto no se aplica.',
    );
    await mexico.getByLabel('Por qué no se aplica').fill('México no tiene fuerzas armadas en esa función.');
    await mexico.getByRole('button', { name: 'Presentar el informe' }).click();
    await mexico.getByText('Este informe está: Presentado.').waitFor();

    // The secretariat, in French, asks for a change on the first report, then accepts both.
    const { page: review } = await suite.open(`/fr/follow-up/reporting?cycle=${cycleId}`, {
      role: 'secretariat-staff',
      locale: 'fr-FR',
    });
    await review.getByRole('heading', { name: 'Rapports reçus' }).waitFor();
    await openItem(review, 'Mexique, point 1');
    await review.getByRole('link', { name: 'ley.pdf' }).waitFor();
    await review.getByLabel('Commentaire à l’État (facultatif)').fill('Précisez le numéro de la loi.');
    await expectAccessible(review);
    await review.getByRole('button', { name: 'Demander des modifications' }).click();
    await review.getByRole('status').filter({ hasText: 'Le rapport a été renvoyé pour modifications.' }).waitFor();

    await suite.visit(mexico, `/es/follow-up/reporting?cycle=${cycleId}`);
    await openItem(mexico, 'N.º 1');
    await mexico.getByText('Précisez le numéro de la loi.').waitFor();
    await mexico.getByLabel('Medidas adoptadas').fill('Ley 12 de prevención de 2025');
    await mexico.getByRole('button', { name: 'Presentar el informe' }).click();
    await mexico.getByText('Este informe está: Presentado.').waitFor();

    await suite.visit(review, `/fr/follow-up/reporting?cycle=${cycleId}`);
    for (const item of ['Mexique, point 1', 'Mexique, point 2']) {
      await openItem(review, item);
      await review.getByRole('button', { name: 'Accepter le rapport' }).click();
      await review.getByRole('status').filter({ hasText: 'Le rapport a été accepté.' }).waitFor();
    }

    // Mexico, in Portuguese this time, makes the first report public.
    const { page: publish } = await suite.open(`/pt/follow-up/reporting?cycle=${cycleId}`, {
      role: 'focal-point',
      memberState: 'mx',
      locale: 'pt-BR',
    });
    await publish.getByRole('heading', { name: 'Relatórios de México' }).waitFor();
    await openItem(publish, 'N.º 1');
    await publish.getByText('Este relatório está: Aceito.').waitFor();
    await publish.getByLabel('Tornar este relatório público').check();
    await publish.getByRole('status').filter({ hasText: 'O relatório é público.' }).waitFor();
    await expectAccessible(publish);

    // The public now reads it, with its file.
    const reports = await (await fetch(`${suite.server.url}/api/v1/follow-up/cycles/${cycleId}/reports`)).json();
    expect(reports.items.map((r: { state: { slug: string }; measures: string }) => [r.state.slug, r.measures])).toEqual(
      [['mx', 'Ley 12 de prevención de 2025']],
    );
    const file = await fetch(`${suite.server.url}${reports.items[0].files[0].url}`);
    expect(file.status).toBe(200);
    expect(errors).toEqual([]);
  });
});
