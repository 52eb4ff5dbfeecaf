import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/schema.js';

type Values = Record<string, string | number | null>;
export interface SyncCounts {
  inserted: number;
  updated: number;
  deleted: number;
}

/**
 * Makes one table hold exactly `rows`, matched on `keyColumns`: new rows are inserted (with a fresh
 * id where the table has one), rows whose values differ are updated, and only those get a new
 * `updated_at`, so reloading unchanged data changes nothing. Rows no longer wanted are returned for
 * the caller to delete after dependents are gone. `rows` is read lazily, one row after the other,
 * and `onId` told each row's id as it goes, so a row may point at an earlier row of the same table.
 */
export async function upsertRows(
  trx: Transaction<Database>,
  table: keyof Database,
  keyColumns: string[],
  rows: Iterable<Values>,
  options: { now: string; hasId: boolean; scope?: Values | undefined; onId?: (row: Values, id: string) => void },
): Promise<{ counts: SyncCounts; stale: Values[] }> {
  // biome-ignore lint/suspicious/noExplicitAny: one generic sync serves every reference table
  const db = trx as Transaction<any>;
  const keyOf = (row: Values) => JSON.stringify(keyColumns.map((c) => row[c]));
  let query = db.selectFrom(table).selectAll();
  for (const [column, value] of Object.entries(options.scope ?? {})) query = query.where(column, '=', value);
  const existing = new Map<string, Values>((await query.execute()).map((row: Values) => [keyOf(row), row]));

  const counts: SyncCounts = { inserted: 0, updated: 0, deleted: 0 };
  for (const row of rows) {
    const key = keyOf(row);
    const current = existing.get(key);
    existing.delete(key);
    if (!current) {
      const id = options.hasId ? { id: uuidv7() } : {};
      await db
        .insertInto(table)
        .values({ ...id, ...row, created_at: options.now, updated_at: options.now })
        .execute();
      if (id.id) options.onId?.(row, id.id);
      counts.inserted++;
      continue;
    }
    if (options.hasId) options.onId?.(row, current.id as string);
    const changed = Object.entries(row).filter(([column, value]) => current[column] !== value);
    if (changed.length === 0) continue;
    let update = db.updateTable(table).set({ ...Object.fromEntries(changed), updated_at: options.now });
    for (const column of keyColumns) update = update.where(column, '=', row[column]);
    await update.execute();
    counts.updated++;
  }
  return { counts, stale: [...existing.values()] };
}

export async function deleteRows(
  trx: Transaction<Database>,
  table: keyof Database,
  keyColumns: string[],
  rows: Values[],
): Promise<number> {
  // biome-ignore lint/suspicious/noExplicitAny: see upsertRows
  const db = trx as Transaction<any>;
  for (const row of rows) {
    let query = db.deleteFrom(table);
    for (const column of keyColumns) query = query.where(column, '=', row[column]);
    await query.execute();
  }
  return rows.length;
}
