import type { Kysely } from 'kysely';
import type { LibrarySort } from '../../../domain/library.js';
import type { Database } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';
import type { LibraryQuery, LibraryRow } from '../shared/library.js';

/** The columns each order sorts on, the last one unique, and their direction. */
export const SORT_COLUMNS: Record<LibrarySort, { columns: Array<keyof LibraryRow>; order: 'asc' | 'desc' }> = {
  date: { columns: ['date', 'id'], order: 'desc' },
  symbol: { columns: ['symbol_missing', 'symbol_key', 'id'], order: 'asc' },
};

export interface LibraryFilters {
  meetingId?: string | undefined;
  kind?: string | undefined;
  year?: number | undefined;
}

/** The areas' rows as one list, filtered and in `sort` order, `limit + 1` of them. */
export function listEntries(
  db: Kysely<Database>,
  parts: LibraryQuery[],
  filters: LibraryFilters,
  sort: LibrarySort,
  limit: number,
  cursor?: SortKey,
): Promise<LibraryRow[]> {
  const [first, ...rest] = parts;
  if (!first) return Promise.resolve([]);
  const union = rest.reduce((all, part) => all.unionAll(part), first);
  const { columns, order } = SORT_COLUMNS[sort];
  // biome-ignore lint/suspicious/noExplicitAny: the union is a derived table of the read model's shape
  let query = (db as Kysely<any>)
    .selectFrom(union.as('entry'))
    .selectAll()
    .limit(limit + 1);
  for (const column of columns) query = query.orderBy(column, order);
  if (cursor) query = query.where((eb) => after(eb, columns, cursor, order));
  if (filters.meetingId) query = query.where('meeting_id', '=', filters.meetingId);
  if (filters.kind) query = query.where('kind', '=', filters.kind);
  if (filters.year)
    query = query.where('date', '>=', `${filters.year}-01-01`).where('date', '<', `${filters.year + 1}-01-01`);
  return query.execute() as Promise<LibraryRow[]>;
}

/** The meetings the page's entries belong to (the areas' rows are already what the reader may see). */
export function meetingsOf(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('meeting')
    .select(['id', 'slug', 'number', 'kind', 'start_date', 'starts_at'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}
