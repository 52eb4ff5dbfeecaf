import type { Locator } from 'playwright-core';

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
  await form.getByLabel('Time zone of the venue').selectOption('America/Lima');
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
