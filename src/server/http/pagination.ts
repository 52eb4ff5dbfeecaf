import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { reason } from '../../domain/reasons.js';
import { InvalidParameterError } from './problems.js';

/**
 * Keyset pagination: a page ends at the sort key of its last item, and the next page starts after
 * it. The cursor is that key, base64url-encoded so clients treat it as opaque.
 */
export type SortKey = Array<string | number>;

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The type of each part of a list's sort key, so a cursor can be checked before it reaches SQL. */
export type KeyShape = ReadonlyArray<'int' | 'text'>;

// PostgreSQL refuses NUL characters in text, so a key holding one can come from no list.
const fits = (part: unknown, type: 'int' | 'text') =>
  type === 'int' ? Number.isSafeInteger(part) : typeof part === 'string' && part.length <= 200 && !part.includes('\0');

/** The sort key in `cursor`, or undefined on a first page; a cursor of another shape is a 400. */
export function decodeCursor(cursor: string | undefined, shape: KeyShape): SortKey | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    Array.isArray(key) && key.length === shape.length && key.every((part, i) => fits(part, shape[i] ?? 'text'));
  if (!valid) throw new InvalidParameterError('cursor', 'query', reason('reason.pagination.cursor'));
  return key as SortKey;
}

/** `(c1, c2, …) > (v1, v2, …)` written out, since SQLite and PostgreSQL compare row values differently;
 * `<` for a list sorted on every column in descending order (newest first). */
export function after(
  // biome-ignore lint/suspicious/noExplicitAny: works on any table's sort columns
  eb: ExpressionBuilder<any, any>,
  columns: string[],
  key: SortKey,
  order: 'asc' | 'desc' = 'asc',
): Expression<SqlBool> {
  const beyond = order === 'asc' ? '>' : '<';
  const clauses = columns.map((column, i) =>
    eb.and([...columns.slice(0, i).map((c, j) => eb(c, '=', key[j])), eb(column, beyond, key[i])]),
  );
  return eb.or(clauses);
}

/** Cuts the `limit + 1` rows fetched into a page and the cursor of the next one. */
export function toPage<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => SortKey,
): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(keyOf(page[page.length - 1] as T)) };
}
