import { describe, expect, it } from 'vitest';
import { buildMeetingDocument } from '../../src/server/modules/agenda/testing.js';
import { buildMeeting } from '../../src/server/testing/factories.js';
import {
  browserSuiteTitle,
  expectAccessible,
  hasBrowser,
  horizontalOverflow,
  hydrated,
  waitForPortal,
} from './browser.js';
import { portalSuite } from './suite.js';

describe.skipIf(!hasBrowser)(browserSuiteTitle('the document library in a browser'), () => {
  const suite = portalSuite();

  /** A meeting's working document with a Spanish title, public or for delegations. */
  async function meetingDocument(
    meetingId: string,
    symbol: string,
    title: string,
    visibility: 'public' | 'delegations',
  ) {
    const db = suite.server.db;
    const id = await buildMeetingDocument(db, meetingId, symbol);
    await db.updateTable('meeting_document').set({ visibility }).where('id', '=', id).execute();
    const at = new Date().toISOString();
    await db
      .insertInto('translation')
      .values({
        entity_type: 'meeting_document',
        entity_id: id,
        field: 'title',
        lang: 'es',
        text: title,
        official: 1,
        source: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  }

  it('filters the library from the keyboard, in the address, at 360 px, in es, fr and pt', {
    timeout: 180_000,
  }, async () => {
    const meeting = await buildMeeting(suite.server.db, { status: 'convened' });
    const open = await meetingDocument(meeting.id, 'MISPA/T/doc.1', 'Plan de trabajo', 'public');
    await meetingDocument(meeting.id, 'MISPA/T/doc.2', 'Solo para delegaciones', 'delegations');

    const { page, errors } = await suite.open('/en/documents', { width: 360 });
    await hydrated(page);
    const main = page.getByRole('main');
    // The historic texts and the meeting's public document; the one kept for delegations is not there.
    await expect(main.textContent()).resolves.toContain('Commitment to Public Security in the Americas');
    await expect(main.textContent()).resolves.toContain('Plan de trabajo');
    await expect(main.textContent()).resolves.not.toContain('Solo para delegaciones');
    await expectAccessible(page);
    await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);

    // Keyboard: Tab reaches the type filter; an arrow key chooses the first type and the list follows.
    const type = page.getByLabel('Type');
    await page.getByLabel('Meeting').focus();
    await page.keyboard.press('Tab');
    await expect(type.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await type.selectOption('working');
    await page.waitForURL(/kind=working/);
    await expect.poll(() => page.locator('.card').count()).toBe(1);
    await expect(page.locator('.card').textContent()).resolves.toContain('MISPA/T/doc.1');
    // Its title links to its place on the meeting's documents page.
    await expect(page.getByRole('link', { name: 'Plan de trabajo' }).getAttribute('href')).resolves.toBe(
      `/en/meetings/${meeting.slug}/documents#document-${open}`,
    );
    await page.getByRole('button', { name: 'Clear filters' }).press('Enter');
    await page.waitForURL((url) => !url.search.includes('kind='));

    // By symbol: the documents without one come last.
    await page.getByLabel('Order').selectOption('symbol');
    await page.waitForURL(/sort=symbol/);
    await expect.poll(() => page.locator('.card code').first().textContent()).toBe('MISPA II/doc.8/09 rev. 4');

    // The address carries the filters: reloaded, the page is the same list, rendered by the server.
    await suite.visit(page, '/en/documents?meeting=mispa-iv&sort=symbol', 360);
    await expect(page.locator('.card').count()).resolves.toBe(1);
    await expect(page.getByLabel('Meeting').inputValue()).resolves.toBe('mispa-iv');

    for (const [lang, heading, order] of [
      ['es', 'Documentos', 'Orden'],
      ['fr', 'Documents', 'Ordre'],
      ['pt', 'Documentos', 'Ordem'],
    ] as const) {
      await suite.visit(page, `/${lang}/documents?kind=working`, 360);
      await waitForPortal(page);
      await expect(page.locator('main h1').textContent()).resolves.toBe(heading);
      await expect(page.getByLabel(order).inputValue()).resolves.toBe('date');
      await expect(page.locator('.card').count()).resolves.toBe(1);
      await expectAccessible(page);
      await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
    }
    expect(errors).toEqual([]);
  });
});
