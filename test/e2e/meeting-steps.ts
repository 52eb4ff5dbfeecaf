import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible } from './browser.js';

/** Steps the meeting walks share: what the secretariat types and uploads, as a person would. */

/** Fills the meeting form's draft fields (a ministerial meeting in Lima, on the prevention pillar). */
export async function fillMeetingDraft(
  form: Locator,
  meeting: { names: { en: string; es: string }; start: string; end: string; deadline: string },
) {
  await form.getByRole('textbox', { name: 'English', exact: true }).fill(meeting.names.en);
  await form.getByRole('textbox', { name: 'Español', exact: true }).fill(meeting.names.es);
  await form.getByLabel('Host state', { exact: true }).selectOption('pe');
  await form.getByLabel('City', { exact: true }).fill('Lima');
  await form.getByLabel('Venue', { exact: true }).fill('Centro de Convenciones de Lima');
  // Peru has one time zone: choosing the host state chose it.
  await expect(form.getByLabel('Time zone of the venue').inputValue()).resolves.toBe('America/Lima');
  await form.getByLabel('Start', { exact: true }).fill(meeting.start);
  await form.getByLabel('End', { exact: true }).fill(meeting.end);
  await form.getByLabel('Registration deadline', { exact: true }).fill(meeting.deadline);
  await form.locator('input[name="pillars"][value="prevention"]').check();
}

/** Uploads a PDF per language (English name of the language → its text) to a document's card,
 * waiting for each to be confirmed. */
export async function uploadDocumentFiles(card: Locator, files: ReadonlyArray<readonly [string, string]>) {
  const { pdfBytes } = await import('../../src/server/files/testing.js');
  for (const [language, text] of files) {
    await card.getByLabel('Language of the file').selectOption({ label: language });
    await card.getByLabel('File', { exact: true }).setInputFiles({
      name: `declaration-${language}.pdf`,
      mimeType: 'application/pdf',
      buffer: pdfBytes(text),
    });
    await card.getByRole('button', { name: 'Upload file' }).click();
    await card
      .getByRole('status')
      .filter({ hasText: `The file in ${language} was uploaded.` })
      .waitFor();
  }
}

/** Takes the meeting one step on from its page: asked first, confirmed by keyboard. */
export async function transition(page: Page, button: string, status: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(`Yes: ${button}`);
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.getByRole('list', { name: 'Kind and status' }).textContent(), { timeout: 10_000 })
    .toContain(status);
}

/** Asks for a step the meeting's dates do not allow yet: refused with the date it is allowed
 * from, at the venue's clock in `zone`, then made as an administrator's override with its reason. */
export async function overrideTransition(page: Page, button: string, status: string, zone: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.keyboard.press('Enter');
  const alert = page.locator('.meeting-actions').getByRole('alert');
  await expect
    .poll(() => alert.textContent())
    .toMatch(
      new RegExp(
        `^The meeting’s dates do not allow this step \\(.+\\) before 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(${zone}\\)\\.`,
      ),
    );
  await expectAccessible(page);
  await page
    .getByLabel('Why this step is made before the meeting’s dates allow it (kept in the audit trail)')
    .fill('Rehearsal of the whole meeting before the real one.');
  await page.getByRole('button', { name: `${button} anyway` }).click();
  await expect
    .poll(() => page.getByRole('list', { name: 'Kind and status' }).textContent(), { timeout: 10_000 })
    .toContain(status);
}
