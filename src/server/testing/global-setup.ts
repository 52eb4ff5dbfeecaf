import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../db/connection.js';

/**
 * PostgreSQL test schemas are dropped once, after every test file has run: dropping one while
 * another file's migrations read the catalog makes that read fail. Each run names its schemas
 * with its own prefix, so only this run's schemas go.
 */
export function setup() {
  process.env.MISPA_TEST_RUN ??= randomBytes(4).toString('hex');
}

export async function teardown() {
  const url = process.env.MISPA_TEST_DATABASE_URL;
  if (!url) return;
  const admin = await openDatabase({ engine: 'postgres', url });
  try {
    const prefix = `test_${process.env.MISPA_TEST_RUN}_`;
    const { rows } = await sql<{
      nspname: string;
    }>`select nspname from pg_namespace where starts_with(nspname, ${prefix})`.execute(admin.db);
    for (const { nspname } of rows) await sql`drop schema ${sql.id(nspname)} cascade`.execute(admin.db);
  } finally {
    await admin.close();
  }
}
