import { escapeMarkup } from '../../../domain/text.js';
import type { Db } from './builders.js';

/**
 * The minutes and reports become HTML (issue 16: written with headings, lists and emphasis, stored
 * sanitised). The bodies written before were plain text: each becomes paragraphs (a blank line
 * between them, a line break within one kept), its markup characters escaped, so every stored body
 * is one format and the portal shows every version the same way. Down turns paragraphs back into
 * plain text.
 */

const toParagraphs = (text: string) =>
  text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${escapeMarkup(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };

const toPlainText = (html: string) =>
  html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/(p|h4|h5|li)>/g, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] as string)
    .replace(/\n{3,}/g, '\n\n')
    .trim();

async function rewrite(db: Db, change: (body: string) => string): Promise<void> {
  const rows: { id: string; body: string }[] = await db.selectFrom('meeting_record').select(['id', 'body']).execute();
  for (const row of rows) {
    await db
      .updateTable('meeting_record')
      .set({ body: change(row.body) })
      .where('id', '=', row.id)
      .execute();
  }
}

export const up = (db: Db) => rewrite(db, toParagraphs);

export const down = (db: Db) => rewrite(db, toPlainText);
