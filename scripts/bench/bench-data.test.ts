import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl } from '../../src/server/db/connection.js';
import { createTestDatabase, engines, repoRoot, type TestDatabase } from '../../src/server/testing/harness.js';
import { auditVerify } from '../audit-verify.js';
import type { DataResult } from './bench-data.js';
import { SCALES } from './data/context.js';

/** `npm run bench:data` at the tiny scale, as a command: counts, determinism, audit:verify passing. */

for (const engine of engines) {
  describe(`npm run bench:data -- --scale tiny [${engine}]`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-bench-data-'));
    const databases: TestDatabase[] = [];
    const urls: Record<string, string> = {};

    /** DATABASE_URL of a fresh, empty database: a SQLite file, or a PostgreSQL test schema. */
    async function freshUrl(name: string) {
      const database = await createTestDatabase(engine);
      databases.push(database);
      if (database.target.engine === 'sqlite') {
        urls[name] = `sqlite:${database.target.file}`;
      } else {
        const url = new URL(database.target.url);
        url.searchParams.set('options', `-c search_path=${database.schema}`);
        urls[name] = url.toString();
      }
      // The generator opens its own connection; this one would only hold the SQLite file open.
      await database.close();
    }

    /** Runs the command; resolves with its exit status and output (a failure is a status, not a throw). */
    function generate(name: string, ...extra: string[]) {
      const args = ['--scale', 'tiny', '--manifest', path.join(dir, `${name}.json`), ...extra];
      return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'scripts/bench/bench-data.ts', ...args],
          {
            cwd: repoRoot,
            env: { ...process.env, DATABASE_URL: urls[name], MISPA_FILES_DIR: path.join(dir, 'files') },
          },
          (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    }

    async function rows(name: string, query: string) {
      const handle = await openDatabase(parseDatabaseUrl(urls[name], ''));
      try {
        return (await sql.raw(query).execute(handle.db)).rows;
      } finally {
        await handle.close();
      }
    }

    let first: Awaited<ReturnType<typeof generate>>;
    let second: Awaited<ReturnType<typeof generate>>;
    beforeAll(async () => {
      await freshUrl('a');
      await freshUrl('b');
      // Two cores: the two runs of the same seed go side by side.
      [first, second] = await Promise.all([generate('a'), generate('b')]);
      // Two child processes each start tsx and fill a database: on a busy machine that outlasts the
      // suite's one-minute hook limit, which is meant for in-process set-up.
    }, 300_000);
    afterAll(async () => {
      for (const database of databases) await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('fills an empty database and says how long it took', () => {
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/done in \d+\.\d s; audit chain verified/);
    });

    it('writes the counts the scale asks for, and the manifest says the same', async () => {
      const tiny = SCALES.tiny;
      const [counts] = await rows(
        'a',
        `select
          (select count(*) from app_user) as users,
          (select count(*) from member_state) as states,
          (select count(*) from meeting where managed_by = 'platform') as meetings,
          (select count(*) from agenda_item) as items,
          (select count(*) from meeting_document) as documents,
          (select count(*) from audit_entry) as audit,
          (select count(distinct lang) from translation where entity_type = 'agenda_item') as agenda_langs,
          (select count(*) from delegation d where not exists (select 1 from participant p where p.delegation_id = d.id)) as empty_delegations,
          (select count(*) from app_user u where not exists (select 1 from role_grant g where g.user_id = u.id)) as users_without_grant`,
      );
      // PostgreSQL answers count(*) as a bigint string.
      expect(Object.fromEntries(Object.entries(counts as object).map(([k, v]) => [k, Number(v)]))).toEqual({
        users: tiny.users,
        states: 35,
        meetings: tiny.meetings,
        items: tiny.meetings * tiny.agendaItemsPerMeeting,
        documents: tiny.meetings * tiny.documentsPerMeeting,
        audit: tiny.auditEntries,
        agenda_langs: 4,
        empty_delegations: 0,
        users_without_grant: 0,
      });
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'a.json'), 'utf8')) as DataResult;
      expect(manifest.rows).toMatchObject({
        app_user: tiny.users,
        audit_entry: tiny.auditEntries,
        meeting: tiny.meetings,
      });
    });

    it('passes npm run audit:verify', async () => {
      const lines: string[] = [];
      const code = await auditVerify(
        { DATABASE_URL: urls.a },
        { log: (l) => lines.push(l), error: (l) => lines.push(l) },
      );
      expect(lines.join('\n')).toContain(`audit trail intact: ${SCALES.tiny.auditEntries} entries`);
      expect(code).toBe(0);
    });

    it('makes the same rows from the same seed, ids and hashes included', async () => {
      expect(second.stderr).toBe('');
      expect(second.status).toBe(0);
      const tail = 'select id, hash from audit_entry order by seq desc limit 3';
      const people = 'select id, email, display_name from app_user order by id';
      expect(await rows('b', tail)).toEqual(await rows('a', tail));
      expect(await rows('b', people)).toEqual(await rows('a', people));
    });

    it('refuses a database that already holds users, unless told to --reset it', async () => {
      const again = await generate('a');
      expect(again.status).toBe(2);
      expect(again.stdout).toContain('already holds users');
      expect((await generate('a', '--reset')).status).toBe(0);
    });
  });
}
