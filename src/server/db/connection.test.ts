import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../testing/harness.js';
import { openDatabase } from './connection.js';

/**
 * SQLite with several app processes on one file: transactions take the write lock when they
 * begin, so read-then-write transactions of different processes wait for each other (busy
 * timeout) instead of failing with SQLITE_BUSY, and none overwrites another's update.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-connection-'));
  dirs.push(dir);
  return path.join(dir, 'counter.sqlite');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const ready = (child: ChildProcess) =>
  new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
  });

const exited = (child: ChildProcess, stderr: string[]) =>
  new Promise<number | null>((resolve) => {
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    child.once('exit', (code) => resolve(code));
  });

describe('SQLite transactions (db/connection.ts)', () => {
  it('take the write lock at BEGIN, before anything is written', async () => {
    const file = tempFile();
    const handle = await openDatabase({ engine: 'sqlite', file });
    const other = new SQLite(file);
    other.pragma('busy_timeout = 0');
    try {
      await sql`create table counter (id integer primary key, n integer not null)`.execute(handle.db);
      await handle.db.transaction().execute(async (trx) => {
        await sql`select count(*) from counter`.execute(trx);
        // Only read so far; a deferred transaction would hold no lock and let this writer in.
        expect(() => other.exec('begin immediate')).toThrow(/database is locked/);
      });
      other.exec('begin immediate');
      other.exec('rollback');
    } finally {
      other.close();
      await handle.close();
    }
  });

  it('of two other processes and this one, each reading then writing a counter, lose no update and never fail busy', async () => {
    const file = tempFile();
    const main = await openDatabase({ engine: 'sqlite', file });
    try {
      await sql`create table counter (id integer primary key, n integer not null)`.execute(main.db);
      await sql`insert into counter (id, n) values (1, 0)`.execute(main.db);
      const perWriter = 40;
      const children = [0, 1].map(() =>
        spawn(
          process.execPath,
          ['--import', 'tsx', path.join(here, 'counter-writer.fixture.ts'), file, String(perWriter)],
          {
            cwd: repoRoot,
            stdio: ['pipe', 'pipe', 'pipe'],
          },
        ),
      );
      const stderr: string[] = [];
      const exits = children.map((child) => exited(child, stderr));
      await Promise.all(children.map(ready));
      for (const child of children) child.stdin?.write('go\n');
      // This process takes part too, through its own connection.
      const own = Array.from({ length: perWriter }, () =>
        main.db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ n: number }>`select n from counter where id = 1`.execute(trx);
          await new Promise((resolve) => setTimeout(resolve, 1));
          await sql`update counter set n = ${Number(rows[0]?.n) + 1} where id = 1`.execute(trx);
        }),
      );
      await Promise.all(own);
      expect(await Promise.all(exits), stderr.join('\n')).toEqual([0, 0]);
      expect(stderr.join('\n')).not.toMatch(/SQLITE_BUSY|database is locked/);
      const { rows } = await sql<{ n: number }>`select n from counter where id = 1`.execute(main.db);
      expect(Number(rows[0]?.n)).toBe(3 * perWriter);
    } finally {
      await main.close();
    }
  }, 60_000);
});
