import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/contract/accounts.js';
import type { OutcomeDocument } from '../../src/contract/outcome-documents.js';
import { apiCaller } from './accounts.js';
import { browserSuiteTitle, expectAccessible, hasBrowser, hydrated } from './browser.js';
import { delegationsOf, textUnderNegotiation } from './negotiation-steps.js';
import { portalSuite } from './suite.js';

/**
 * Live negotiation: two delegations and the chair each have the document open, in browsers of
 * their own; what one does reaches the others' screens without their reloading (the page's
 * event stream refreshes its data). Each page is loaded once, before the change it waits for.
 */
describe.skipIf(!hasBrowser)(browserSuiteTitle('states negotiate an outcome document live'), () => {
  const suite = portalSuite();
  let doc: OutcomeDocument;
  const paragraph = (page: Page, index: number) => page.locator(`#p-${doc.body[index]?.id}`);

  const caller = (role: Role, memberState?: string) => apiCaller(suite.server, role, memberState);

  beforeAll(async () => {
    const { buildMeeting } = await import('../../src/server/testing/factories.js');
    const meeting = await buildMeeting(suite.server.db, { status: 'registration-open' });
    doc = await textUnderNegotiation(await caller('secretariat-staff'), meeting.slug, {
      type: 'declaration',
      titles: { en: 'Declaration on live negotiation', es: 'Declaración sobre la negociación en directo' },
      paragraphs: [
        ['preambular', 'Recalling the Commitment to Public Security in the Americas'],
        ['operative', 'Strengthen regional cooperation between police forces'],
      ],
    });
    await delegationsOf((state) => caller('focal-point', state), meeting.slug, ['ec', 'mx']);
  }, 60_000);

  /** Waits for the page's stream to be open, as its status line says. */
  const live = (page: Page) => expect.poll(() => page.locator('[data-live]').getAttribute('data-live')).toBe('live');

  for (const [lang, width, words] of [
    ['es', 1280, 'En directo'],
    ['fr', 1280, 'En direct'],
    ['pt', 360, 'Ao vivo'],
  ] as const) {
    it(`says the page is live to a delegate in ${lang} at ${width} px, accessibly`, { timeout: 120_000 }, async () => {
      const { page, errors } = await suite.open(`/${lang}/documents/${doc.slug}`, {
        role: 'delegate',
        memberState: 'ec',
        width,
      });
      await hydrated(page);
      await live(page);
      expect(await page.getByRole('status').filter({ hasText: words }).count()).toBe(1);
      await expectAccessible(page);
      expect(errors).toEqual([]);
    });
  }

  it('shows an amendment, a support and the chair’s acceptance to the others as they happen', {
    timeout: 300_000,
  }, async () => {
    const url = `/en/documents/${doc.slug}`;
    const ecuador = await suite.open(url, { role: 'delegate', memberState: 'ec' });
    const mexico = await suite.open(url, { role: 'delegate', memberState: 'mx' });
    const chair = await suite.open(url, { role: 'secretariat-staff' });
    for (const { page } of [ecuador, mexico, chair]) {
      await hydrated(page);
      await live(page);
    }
    // Any reload would lose this mark: the pages must change in place.
    for (const { page } of [ecuador, mexico, chair])
      await page.evaluate(() => {
        (window as unknown as { notReloaded: boolean }).notReloaded = true;
      });

    // Ecuador proposes; Mexico sees it without reloading, and supports it.
    const op1 = paragraph(ecuador.page, 1);
    await op1.getByText('Propose an amendment to OP1').click();
    await op1.getByLabel('Proposed text').fill('Strengthen hemispheric cooperation between police forces');
    await op1.getByLabel('Rationale').fill('The whole hemisphere takes part');
    await op1.getByRole('button', { name: 'Propose the amendment' }).click();
    const seen = paragraph(mexico.page, 1);
    await expect.poll(() => seen.locator('.amendment ins').allTextContents()).toEqual(['inserted: hemispheric']);
    await seen.getByRole('button', { name: 'Support' }).click();

    // Ecuador and the chair see Mexico's support come in.
    await expect.poll(() => op1.getByText('Supported by Mexico').count()).toBe(1);
    const chaired = paragraph(chair.page, 1);
    await expect.poll(() => chaired.getByText('Supported by Mexico').count()).toBe(1);

    // The chair accepts: both delegations see the new text.
    await chaired.getByRole('button', { name: 'Accept' }).click();
    for (const page of [ecuador.page, mexico.page]) {
      await expect
        .poll(() => paragraph(page, 1).locator('> div > p').first().textContent())
        .toContain('Strengthen hemispheric cooperation between police forces');
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    }
    await expectAccessible(mexico.page);
    for (const { errors } of [ecuador, mexico, chair]) expect(errors).toEqual([]);
  });
});
