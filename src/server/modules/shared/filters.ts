import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { InvalidParameterError } from '../../http/problems.js';

/** Turns a filter's slug into an id, or answers 400 naming the parameter and the values allowed. */
export async function resolveFilter(
  db: Kysely<Database>,
  parameter: string,
  table: 'pillar' | 'member_state' | 'meeting',
  value: string | undefined,
): Promise<string | undefined> {
  if (value === undefined) return undefined;
  const column = table === 'pillar' ? 'code' : 'slug';
  // biome-ignore lint/suspicious/noExplicitAny: the three tables share the id/slug shape
  const q = db as Kysely<any>;
  const found = await q.selectFrom(table).select('id').where(column, '=', value).executeTakeFirst();
  if (found) return found.id as string;
  const allowed = await q.selectFrom(table).select(column).orderBy(column).execute();
  throw new InvalidParameterError(
    parameter,
    'query',
    `no ${table.replace('_', ' ')} "${value}"; use one of ${allowed.map((r: Record<string, string>) => r[column]).join(', ')}`,
  );
}

/** Lookup by id or slug, as every detail route allows. */
export const byIdOrSlug = (idOrSlug: string) => ({ idOrSlug });
