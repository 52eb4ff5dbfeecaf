import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type Engine, engines, type TestDatabase } from '../testing/harness.js';
import { migrateToLatest, migrateToZero, migrations } from './migrate.js';

async function tableNames(database: TestDatabase): Promise<string[]> {
  const names = (await database.db.introspection.getTables()).map((t) => t.name);
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

describe.runIf(engines.includes('postgres'))('PostgreSQL introspection', () => {
  it("reads only the connection's own schema, undisturbed by tables dropped in another", async () => {
    const own = await createTestDatabase('postgres');
    const other = await createTestDatabase('postgres');
    try {
      await migrateToLatest(own.db, own.schema);
      // Kysely's own introspector read every schema and failed when a table vanished mid-read.
      const churn = (async () => {
        for (let i = 0; i < 50; i++) {
          await sql`create table churn (id int)`.execute(other.db);
          await sql`drop table churn`.execute(other.db);
        }
      })();
      const reads = await Promise.all(Array.from({ length: 50 }, () => own.db.introspection.getTables()));
      await churn;
      for (const tables of reads) {
        expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([own.schema]));
        expect(tables.map((t) => t.name)).toContain('meeting');
      }
    } finally {
      await own.drop();
      await other.drop();
    }
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
