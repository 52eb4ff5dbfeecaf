import type { Kysely, Transaction } from 'kysely';
import type { Lang, LocalizedText, Source } from '../../../contract/common.js';
import type { Database, EntityType } from '../../db/schema.js';

export type { EntityType };

type Db = Kysely<Database>;

/** Texts of many records at once: record id → field → text, in `lang` or else in English. */
export async function loadTexts(
  db: Db,
  entityType: EntityType,
  ids: readonly string[],
  lang: Lang,
): Promise<Map<string, Map<string, LocalizedText>>> {
  const result = new Map<string, Map<string, LocalizedText>>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('translation')
    .select(['entity_id', 'field', 'lang', 'text', 'official'])
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', [...new Set(ids)])
    .where('lang', 'in', [...new Set([lang, 'en'])])
    .execute();
  for (const row of rows) {
    const fields = result.get(row.entity_id) ?? new Map<string, LocalizedText>();
    result.set(row.entity_id, fields);
    // The requested language wins over the English fallback.
    if (fields.get(row.field)?.lang === lang) continue;
    fields.set(row.field, { text: row.text, lang: row.lang as Lang, official: row.official === 1 });
  }
  return result;
}

/** The text of one field, or a visible marker when the data lacks it (never an empty string). */
export function textOf(
  texts: Map<string, Map<string, LocalizedText>>,
  id: string,
  field: string,
): LocalizedText | null {
  return texts.get(id)?.get(field) ?? null;
}

export function requiredText(texts: Map<string, Map<string, LocalizedText>>, id: string, field: string): LocalizedText {
  const text = textOf(texts, id, field);
  if (!text) throw new Error(`reference data has no ${field} for ${id}`);
  return text;
}

export async function loadSources(
  db: Db,
  entityType: EntityType,
  ids: readonly string[],
): Promise<Map<string, Source[]>> {
  const result = new Map<string, Source[]>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('source')
    .select(['entity_id', 'url', 'title', 'publisher', 'note', 'field'])
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', [...new Set(ids)])
    .orderBy('entity_id')
    .orderBy('position')
    .execute();
  for (const { entity_id, ...source } of rows) result.set(entity_id, [...(result.get(entity_id) ?? []), source]);
  return result;
}

/**
 * Replaces one field's texts of a record with `texts` (language → text; undefined ones are left
 * out): the wording the secretariat gives on the platform, so it is the official text.
 */
export async function replaceTexts(
  db: Db | Transaction<Database>,
  entityType: EntityType,
  id: string,
  field: string,
  texts: Partial<Record<string, string>>,
  at: string,
) {
  await db
    .deleteFrom('translation')
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', id)
    .where('field', '=', field)
    .execute();
  const rows = Object.entries(texts)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([lang, text]) => ({
      entity_type: entityType,
      entity_id: id,
      field,
      lang,
      text,
      official: 1 as const,
      source: null,
      created_at: at,
      updated_at: at,
    }));
  if (rows.length > 0) await db.insertInto('translation').values(rows).execute();
}
