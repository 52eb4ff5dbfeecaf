import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/contract/accounts.js';
import type { OutcomeDocument } from '../../src/contract/outcome-documents.js';
import { apiCaller } from './accounts.js';
import { browserSuiteTitle, expectAccessible, hasBrowser, hydrated } from './browser.js';
import { delegationsOf, textUnderNegotiation } from './negotiation-steps.js';
import { portalSuite } from './suite.js';

/**
 * The negotiation screens of the document page: a delegate proposes an amendment, another state's
 * delegate supports it, the chair accepts it, brackets a paragraph and resolves it, the text goes
 * ad referendum, a state adds a footnote, the chair adopts, and the public reads the adopted text
 * with its footnote. The text is drafted through the API: drafting has its own browser test.
 */
describe.skipIf(!hasBrowser)(browserSuiteTitle('states negotiate an outcome document'), () => {
  const suite = portalSuite();
  let doc: OutcomeDocument;
  /** A second text of the meeting, under a silence procedure that runs for a week. */
  let silent: OutcomeDocument;
  const paragraph = (page: Page, index: number) => page.locator(`#p-${doc.body[index]?.id}`);

  const caller = (role: Role, memberState?: string) => apiCaller(suite.server, role, memberState);

  beforeAll(async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const meeting = await buildMeeting(suite.server.db, { status: 'registration-open' });
    const chair = await caller('secretariat-staff');
    doc = await textUnderNegotiation(chair, meeting.slug, {
      type: 'declaration',
      titles: { en: 'Declaration on regional cooperation', es: 'Declaración sobre la cooperación regional' },
      paragraphs: [
        ['preambular', 'Recalling the Commitment to Public Security in the Americas'],
        ['operative', 'Strengthen regional cooperation between police forces'],
        ['operative', 'Exchange information on organised crime'],
      ],
    });
    silent = await textUnderNegotiation(chair, meeting.slug, {
      type: 'recommendations',
      titles: { en: 'Recommendations on prison management' },
      paragraphs: [['operative', 'Share practices of prison management']],
    });
    silent = await chair('POST', `/documents/${silent.id}/silence`, {
      version: silent.version,
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    await delegationsOf((state) => caller('focal-point', state), meeting.slug, ['ec', 'mx']);
  }, 60_000);

  // Before the text is adopted (the next test adopts it): a delegate's screens in the other languages.
  for (const [lang, width, propose] of [
    ['es', 1280, 'Proponer una enmienda al PO1'],
    ['fr', 1280, 'Proposer un amendement au PD1'],
    ['pt', 360, 'Propor uma emenda ao PO1'],
  ] as const) {
    it(`is accessible to a delegate in ${lang} at ${width} px, with the amendment form open`, {
      timeout: 120_000,
    }, async () => {
      const { page, errors } = await suite.open(`/${lang}/documents/${doc.slug}`, {
        role: 'delegate',
        memberState: 'ec',
        width,
      });
      await hydrated(page);
      await expect.poll(() => page.locator('.negotiation__progress table').count()).toBe(1);
      await paragraph(page, 1).getByText(propose).click();
      await expect.poll(() => paragraph(page, 1).locator('form textarea').count()).toBe(2);
      await expectAccessible(page);
      expect(errors).toEqual([]);
    });
  }

  // The chair's screens (brackets, agreement, adoption, revision) and the silence procedure, for the
  // chair and for a delegate, in the other languages.
  for (const [lang, width, bracket, silence, cancel, breaks] of [
    [
      'es',
      1280,
      'Poner el PO2 entre corchetes',
      'Procedimiento de silencio',
      'Cancelar el procedimiento de silencio',
      'Romper el silencio',
    ],
    [
      'fr',
      1280,
      'Mettre le PD2 entre crochets',
      'Procédure d’approbation tacite',
      'Annuler la procédure d’approbation tacite',
      'Rompre le silence',
    ],
    [
      'pt',
      360,
      'Pôr o PO2 entre colchetes',
      'Procedimento de silêncio',
      'Cancelar o procedimento de silêncio',
      'Romper o silêncio',
    ],
  ] as const) {
    it(`shows the chair's screens and the silence procedure in ${lang} at ${width} px, accessibly`, {
      timeout: 180_000,
    }, async () => {
      const chair = await suite.open(`/${lang}/documents/${doc.slug}`, { role: 'secretariat-staff', width });
      await hydrated(chair.page);
      const at = paragraph(chair.page, 2);
      await at.getByText(bracket).click();
      await expect.poll(() => at.locator('.bracket-form__alternative').count()).toBe(2);
      await expect.poll(() => chair.page.locator('#revision-heading').count()).toBe(1);
      await expectAccessible(chair.page);
      expect(chair.errors).toEqual([]);

      const silentChair = await suite.open(`/${lang}/documents/${silent.slug}`, { role: 'secretariat-staff', width });
      await hydrated(silentChair.page);
      await expect.poll(() => silentChair.page.locator('#silence-heading').textContent()).toBe(silence);
      await expect.poll(() => silentChair.page.getByRole('button', { name: cancel }).count()).toBe(1);
      await expectAccessible(silentChair.page);
      expect(silentChair.errors).toEqual([]);

      const delegate = await suite.open(`/${lang}/documents/${silent.slug}`, {
        role: 'delegate',
        memberState: 'mx',
        width,
      });
      await hydrated(delegate.page);
      await expect.poll(() => delegate.page.getByRole('button', { name: breaks }).count()).toBe(1);
      await expectAccessible(delegate.page);
      expect(delegate.errors).toEqual([]);
    });
  }

  it('lets the secretariat share the text with a strategic partner, whose member then reads it', {
    timeout: 120_000,
  }, async () => {
    const { buildPartner } = await import('../../src/server/testing/factories.js');
    const partner = await buildPartner(suite.server.db, { name: 'Partner for the security of the Americas' });
    const url = `/en/documents/${doc.slug}`;
    const before = await suite.open(url, { role: 'partner', partner: partner.slug });
    // Not shared yet: the partner meets the page that is not there, as the public does.
    await hydrated(before.page);
    await expect.poll(() => before.page.locator('h1').textContent()).toBe('Page not found');
    expect(await before.page.locator('#document-text').count()).toBe(0);

    const chair = await suite.open(url, { role: 'secretariat-staff' });
    await hydrated(chair.page);
    const sharing = chair.page.locator('section.document-sharing');
    await expect.poll(() => sharing.getByText('Not shared with any partner.').count()).toBe(1);
    await sharing.getByLabel('Partner').selectOption({ label: 'Partner for the security of the Americas' });
    await sharing.getByRole('button', { name: 'Share with this partner' }).click();
    await expect
      .poll(() =>
        sharing.getByRole('button', { name: 'Stop sharing with Partner for the security of the Americas' }).count(),
      )
      .toBe(1);
    await expectAccessible(chair.page);
    expect(chair.errors).toEqual([]);

    const reader = await suite.open(url, { role: 'partner', partner: partner.slug });
    await hydrated(reader.page);
    await expect.poll(() => paragraph(reader.page, 1).count()).toBe(1);
    // A partner reads; it neither proposes nor chairs.
    expect(await reader.page.getByText('Propose an amendment to OP1').count()).toBe(0);
    expect(await reader.page.locator('section.document-sharing').count()).toBe(0);
    await expectAccessible(reader.page);
    expect(reader.errors).toEqual([]);
  });

  it('takes an amendment from proposal to acceptance, brackets and resolves a paragraph, and adopts with a footnote', {
    timeout: 300_000,
  }, async () => {
    const url = `/en/documents/${doc.slug}`;

    // Ecuador proposes to replace a word of OP1.
    const ecuador = await suite.open(url, { role: 'delegate', memberState: 'ec' });
    await hydrated(ecuador.page);
    const op1 = paragraph(ecuador.page, 1);
    await op1.getByText('Propose an amendment to OP1').click();
    await op1.getByLabel('Proposed text').fill('Strengthen hemispheric cooperation between police forces');
    await op1.getByLabel('Rationale').fill('The whole hemisphere takes part');
    await expectAccessible(ecuador.page);
    await op1.getByRole('button', { name: 'Propose the amendment' }).click();
    await expect.poll(() => op1.locator('.amendment del').allTextContents()).toEqual(['deleted: regional']);
    await expect.poll(() => op1.locator('.amendment ins').allTextContents()).toEqual(['inserted: hemispheric']);
    // Ecuador takes no position on its own amendment, and may not decide it.
    expect(await op1.getByRole('button', { name: 'Support' }).count()).toBe(0);
    expect(await op1.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    expect(ecuador.errors).toEqual([]);

    // Mexico supports it.
    const mexico = await suite.open(url, { role: 'delegate', memberState: 'mx' });
    await hydrated(mexico.page);
    const seen = paragraph(mexico.page, 1);
    await seen.getByRole('button', { name: 'Support' }).click();
    await expect.poll(() => seen.getByText('Supported by Mexico').count()).toBe(1);
    expect(mexico.errors).toEqual([]);

    // The chair accepts it, then brackets OP2 with two wordings and keeps the second.
    const chair = await suite.open(url, { role: 'secretariat-staff' });
    await hydrated(chair.page);
    const chaired = paragraph(chair.page, 1);
    await chaired.getByRole('button', { name: 'Accept' }).click();
    await expect
      .poll(() => chaired.locator('> div > p').first().textContent())
      .toContain('Strengthen hemispheric cooperation between police forces');
    const op2 = paragraph(chair.page, 2);
    await op2.getByText('Put OP2 in brackets').click();
    await op2.getByLabel('Text of wording 2').fill('Exchange information on transnational organised crime');
    await op2.getByLabel('States holding wording 1').selectOption({ label: 'Ecuador' });
    await op2.getByLabel('States holding wording 2').selectOption({ label: 'Mexico' });
    await op2.getByRole('button', { name: 'Put in brackets', exact: true }).click();
    await expect
      .poll(() => op2.locator('.bracket__holders').allTextContents())
      .toEqual(['Held by Ecuador', 'Held by Mexico']);
    await expect.poll(() => chair.page.getByText('Open brackets: 1').count()).toBe(1);
    await expectAccessible(chair.page);
    await op2.getByRole('button', { name: 'Keep wording 2' }).click();
    await expect.poll(() => op2.locator('.bracket').count()).toBe(0);
    await expect
      .poll(() => op2.locator('> div > p').first().textContent())
      .toContain('Exchange information on transnational organised crime');
    await expect.poll(() => chair.page.getByText('Nothing blocks adoption', { exact: false }).count()).toBe(1);

    // Versions: the text as drafted (its third paragraph added) compares with the last, the accepted word in the diff.
    const versions = chair.page.locator('section.versions');
    await versions.getByLabel('Compare version').selectOption({ index: 2 });
    await versions.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => versions.locator('ins').allTextContents()).toContain('inserted: hemispheric');

    // OP1 in brackets again; the chair settles it with a wording of its own, then issues a revision.
    await chaired.getByText('Put OP1 in brackets').click();
    await chaired.getByLabel('Text of wording 2').fill('Strengthen cooperation between police forces');
    await chaired.getByLabel('States holding wording 1').selectOption({ label: 'Ecuador' });
    await chaired.getByLabel('States holding wording 2').selectOption({ label: 'Mexico' });
    await chaired.getByRole('button', { name: 'Put in brackets', exact: true }).click();
    await expect.poll(() => chaired.locator('.bracket').count()).toBe(1);
    await chaired.getByText('Resolve the brackets of OP1 with a wording of your own').click();
    await chaired
      .getByLabel('The chair’s wording of OP1')
      .fill('Strengthen hemispheric cooperation between police forces and prosecutors');
    await chaired.getByRole('button', { name: 'Resolve with this wording' }).click();
    await expect.poll(() => chaired.locator('.bracket').count()).toBe(0);
    await expect
      .poll(() => chaired.locator('> div > p').first().textContent())
      .toContain('Strengthen hemispheric cooperation between police forces and prosecutors');
    const symbol = (await chair.page.locator('.facts dd code').textContent()) as string;
    await chair.page.getByRole('button', { name: 'Issue the text as it stands as the next revision' }).click();
    await expect.poll(() => chair.page.locator('.facts dd code').textContent()).toBe(`${symbol} rev. 1`);

    await chair.page.getByRole('button', { name: 'Move to: Agreed ad referendum' }).click();
    await expect.poll(() => chair.page.locator('.facts dd').nth(2).textContent()).toBe('Agreed ad referendum');
    expect(chair.errors).toEqual([]);

    // Ecuador attaches a reservation to OP1 while the capitals confirm.
    await ecuador.page.reload();
    await hydrated(ecuador.page);
    const noted = paragraph(ecuador.page, 1);
    await noted.getByText('Add a footnote to OP1').click();
    await noted.getByLabel('Text of the footnote').fill('Ecuador reads this paragraph in light of its constitution.');
    await noted.getByRole('button', { name: 'Attach the footnote' }).click();
    await expect
      .poll(() => noted.locator('.footnotes').textContent())
      .toBe('Reservation · Ecuador: Ecuador reads this paragraph in light of its constitution.');

    // The chair adopts; the public reads the adopted text with its footnote and its exports.
    await chair.page.reload();
    await hydrated(chair.page);
    await chair.page.getByRole('button', { name: 'Adopt the text' }).click();
    await expect.poll(() => chair.page.locator('.facts dt').allTextContents()).toContain('Adopted on');
    const reader = await suite.open(url, { width: 360 });
    await expect
      .poll(() => paragraph(reader.page, 1).locator('.footnotes').textContent())
      .toContain('Ecuador reads this paragraph in light of its constitution.');
    await expect.poll(() => reader.page.getByRole('link', { name: 'PDF document (English)' }).count()).toBe(1);
    const pdf = await fetch(
      `${suite.server.url}${await reader.page.getByRole('link', { name: 'PDF document (English)' }).getAttribute('href')}`,
    );
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    await expectAccessible(reader.page);
    expect(reader.errors).toEqual([]);
  });
});
