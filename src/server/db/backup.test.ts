import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupCommand } from '../../../scripts/backup.js';
import { buildMeeting, buildUser } from '../testing/factories.js';
import { createLoadedDatabase, type Engine, engines, type TestDatabase } from '../testing/harness.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { ConfigError, type DatabaseTarget, openDatabase } from './connection.js';
import type { Database } from './schema.js';

/** Every row of every table, each table's rows in a stable order: what a round trip must keep. */
async function everyTable(db: Kysely<Database>, database: TestDatabase): Promise<Record<string, string[]>> {
  const tables =
    database.engine === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = ${database.schema}`.execute(
          db,
        );
  const snapshot: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    snapshot[name] = rows.rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
}

const targetOf = (database: TestDatabase): DatabaseTarget => database.target;

describe.each(engines)('backup and restore [%s]', (engine: Engine) => {
  let database: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    database = await createLoadedDatabase(engine);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-backup-'));
  });
  afterEach(async () => {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores every table to exactly what it held at the backup, after later writes', async () => {
    await buildUser(database.db, { role: 'focal-point', memberState: 'ec' });
    await buildMeeting(database.db, { status: 'convened' });
    const before = await everyTable(database.db, database);
    const file = path.join(dir, `backup.${engine === 'sqlite' ? 'sqlite' : 'dump'}`);

    const result = await backupDatabase(targetOf(database), file);
    expect(result.bytes).toBeGreaterThan(1000);

    // Later writes, deletions and changes the restore must undo.
    await buildUser(database.db, { role: 'delegate', memberState: 'mx' });
    await database.db.deleteFrom('meeting').where('managed_by', '=', 'platform').execute();
    await database.db.updateTable('member_state').set({ subregion: 'changed' }).execute();
    expect(await everyTable(database.db, database)).not.toEqual(before);

    await restoreDatabase(targetOf(database), file);
    // The connection opened before the restore sees the restored content, and so does a new one.
    expect(await everyTable(database.db, database)).toEqual(before);
    const reopened = await openDatabase(database.target);
    try {
      expect(await everyTable(reopened.db, database)).toEqual(before);
    } finally {
      await reopened.close();
    }
  });

  it('takes a consistent backup while writers go on', async () => {
    const file = path.join(dir, 'busy.backup');
    let writing = true;
    const writer = (async () => {
      let written = 0;
      while (writing) {
        await buildUser(database.db);
        written++;
        // On SQLite every await here settles at once: let the backup's steps have their turn.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return written;
    })();
    const result = await backupDatabase(targetOf(database), file);
    writing = false;
    const written = await writer;
    expect(written).toBeGreaterThan(0);
    expect(result.bytes).toBeGreaterThan(1000);
    if (engine === 'sqlite') {
      // A snapshot of some moment during the writes: whole users only, never more than were written.
      const copy = await openDatabase({ engine: 'sqlite', file });
      try {
        const users = await copy.db.selectFrom('app_user').select('id').execute();
        const grants = await copy.db.selectFrom('role_grant').select('user_id').execute();
        expect(users.length).toBeLessThanOrEqual(written);
        expect(new Set(grants.map((g) => g.user_id)).size).toBeLessThanOrEqual(users.length);
      } finally {
        await copy.close();
      }
    }
  });

  it('refuses to overwrite an existing file, naming it', async () => {
    const file = path.join(dir, 'taken');
    fs.writeFileSync(file, 'something else');
    await expect(backupDatabase(targetOf(database), file)).rejects.toThrow(
      new ConfigError(`${file} already exists; choose another file for the backup.`),
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('something else');
  });

  it('refuses to restore from a file that is not a backup, and changes nothing', async () => {
    const before = await everyTable(database.db, database);
    const file = path.join(dir, 'not-a-backup');
    fs.writeFileSync(file, 'this is not a database');
    await expect(restoreDatabase(targetOf(database), file)).rejects.toBeInstanceOf(ConfigError);
    expect(await everyTable(database.db, database)).toEqual(before);
  });
});

describe('npm run backup / npm run restore', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-backup-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const capture = () => {
    const lines = { log: [] as string[], error: [] as string[] };
    return { lines, out: { log: (l: string) => lines.log.push(l), error: (l: string) => lines.error.push(l) } };
  };

  it('backs up the DATABASE_URL database to --out and restores it', async () => {
    const database = await createLoadedDatabase('sqlite');
    const env = { DATABASE_URL: `sqlite:${(database.target as { file: string }).file}` };
    const file = path.join(dir, 'cli.sqlite');
    try {
      const backup = capture();
      expect(await backupCommand('backup', ['--out', file], env, backup.out)).toBe(0);
      expect(backup.lines.log.join('\n')).toMatch(new RegExp(`written to ${file} \\(\\d+ bytes\\)`));
      const restore = capture();
      expect(await backupCommand('restore', [file], env, restore.out)).toBe(0);
      expect(restore.lines.log.join('\n')).toMatch(/restored from/);
    } finally {
      await database.drop();
    }
  });

  it('stops with one sentence when there is nothing to back up or restore', async () => {
    const env = { DATABASE_URL: `sqlite:${path.join(dir, 'missing.sqlite')}` };
    const backup = capture();
    expect(await backupCommand('backup', ['--out', path.join(dir, 'x')], env, backup.out)).toBe(2);
    expect(backup.lines.error).toEqual([
      `backup could not be done: There is no SQLite database at ${env.DATABASE_URL.slice(7)}.`,
    ]);
    const restore = capture();
    expect(await backupCommand('restore', [], env, restore.out)).toBe(2);
    expect(restore.lines.error[0]).toMatch(/Name the backup to restore/);
  });
});
