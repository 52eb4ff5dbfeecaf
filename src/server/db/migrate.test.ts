import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type Engine, engines, type TestDatabase } from '../testing/harness.js';
import { migrateToLatest, migrateToZero, migrations } from './migrate.js';

async function tableNames(database: TestDatabase): Promise<string[]> {
  // On PostgreSQL only this test's schema is read: a scan of every schema races with the other
  // test files creating theirs.
  const names =
    database.schema === undefined
      ? (await database.db.introspection.getTables()).map((t) => t.name)
      : (
          await sql<{
            table_name: string;
          }>`select table_name from information_schema.tables where table_schema = ${database.schema}`.execute(
            database.db,
          )
        ).rows.map((r) => r.table_name);
  return names.filter((name) => !name.startsWith('kysely_')).sort();
}

describe.each(engines)('migrations [%s]', (engine: Engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('migrate up, down to nothing and up again, leaving the same tables', async () => {
    database = await createTestDatabase(engine);
    expect(await migrateToLatest(database.db, database.schema)).toEqual(Object.keys(migrations));
    const first = await tableNames(database);
    expect(first).toContain('meeting');
    expect(first).toContain('translation');

    expect(await migrateToZero(database.db, database.schema)).toEqual(Object.keys(migrations).reverse());
    expect(await tableNames(database)).toEqual([]);

    await migrateToLatest(database.db, database.schema);
    expect(await tableNames(database)).toEqual(first);
  });

  it('does nothing when run again on a migrated database', async () => {
    database = await createTestDatabase(engine);
    await migrateToLatest(database.db, database.schema);
    expect(await migrateToLatest(database.db, database.schema)).toEqual([]);
  });

  it('enforces foreign keys', async () => {
    database = await createTestDatabase(engine);
    await migrateToLatest(database.db, database.schema);
    const now = new Date().toISOString();
    await expect(
      database.db
        .insertInto('meeting')
        .values({
          id: 'm',
          slug: 'x',
          number: 'X',
          ordinal: 10,
          host_state_id: 'no-such-state',
          city: null,
          start_date: null,
          end_date: null,
          created_at: now,
          updated_at: now,
        })
        .execute(),
    ).rejects.toThrow();
    expect(await database.db.selectFrom('meeting').select('id').execute()).toEqual([]);
  });
});

describe('SQLite connection', () => {
  it('opens SQLite in WAL mode with foreign keys on and a busy timeout', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const pragma = async (name: string) => (await sql.raw(`pragma ${name}`).execute(database.db)).rows[0];
      expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
      expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
      expect(await pragma('busy_timeout')).toEqual({ timeout: 5000 });
    } finally {
      await database.drop();
    }
  });
});
