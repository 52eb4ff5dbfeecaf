import type { Kysely, Transaction } from 'kysely';
import type { Lang, LocalizedText } from '../../../contract/common.js';
import { LANGS } from '../../../domain/languages.js';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Every name of each meeting, in every language it was given in. */
export function meetingNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('translation')
    .select(['entity_id', 'lang', 'text', 'official'])
    .where('entity_type', '=', 'meeting')
    .where('field', '=', 'name')
    .where('entity_id', 'in', [...new Set(ids)])
    .execute();
}

/**
 * The name of each meeting in `lang`, else English, else any language it was given in (platform
 * meetings may be named in Spanish only).
 */
export async function namesOf(db: Kysely<Database>, ids: readonly string[], lang: Lang) {
  const rows = await meetingNames(db, ids);
  const rank = (l: string) => (l === lang ? 0 : l === 'en' ? 1 : 2 + LANGS.indexOf(l as Lang));
  const best = new Map<string, LocalizedText & { rank: number }>();
  for (const row of rows) {
    const current = best.get(row.entity_id);
    if (current && current.rank <= rank(row.lang)) continue;
    best.set(row.entity_id, {
      text: row.text,
      lang: row.lang as Lang,
      official: row.official === 1,
      rank: rank(row.lang),
    });
  }
  return new Map([...best].map(([id, { rank: _rank, ...text }]) => [id, text]));
}
