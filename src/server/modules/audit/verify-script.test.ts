import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditVerify } from '../../../../scripts/audit-verify.js';
import { migrateToLatest } from '../../db/migrate.js';
import { PUBLIC } from '../../policy/actor.js';
import { createTestDatabase, engines, repoRoot, type TestDatabase } from '../../testing/harness.js';
import { auditHeadKey, headSignature, recordAudit, withAuditKey } from './chain.js';

const SECRET_KEY = 'audit-verify-test-key-'.padEnd(48, 'k');

/** `npm run audit:verify` against a real database of each engine, in process and as a command. */

/** DATABASE_URL for a test database: a SQLite file, or the PostgreSQL URL with the test schema. */
function databaseUrl(database: TestDatabase): string {
  if (database.target.engine === 'sqlite') return `sqlite:${database.target.file}`;
  const url = new URL(database.target.url);
  url.searchParams.set('options', `-c search_path=${database.schema}`);
  return url.toString();
}

async function run(env: NodeJS.ProcessEnv) {
  const lines = { log: [] as string[], error: [] as string[] };
  const code = await auditVerify(env, { log: (l) => lines.log.push(l), error: (l) => lines.error.push(l) });
  return { code, ...lines };
}

function command(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

for (const engine of engines) {
  describe(`npm run audit:verify [${engine}]`, () => {
    let database: TestDatabase;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      await migrateToLatest(database.db, database.schema);
      const keyed = withAuditKey(database.db, SECRET_KEY);
      for (let i = 0; i < 5; i++) {
        await keyed
          .transaction()
          .execute((trx) =>
            recordAudit(
              trx,
              { actor: PUBLIC, requestId: `r-${i}`, ip: null, lang: 'en' },
              { action: 'auth.sign-in', role: null, entityType: 'user', entityId: `u-${i}`, before: null, after: null },
              new Date(),
            ),
          );
      }
      env = { DATABASE_URL: databaseUrl(database), MISPA_SECRET_KEY: SECRET_KEY };
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('says "audit trail intact: 5 entries", prints the head to record elsewhere, and exits 0', async () => {
      const newest = await database.db
        .selectFrom('audit_entry')
        .select('hash')
        .where('seq', '=', 5)
        .executeTakeFirstOrThrow();
      const result = await run(env);
      expect(result.code).toBe(0);
      expect(result.log).toEqual([
        expect.stringMatching(/^audit trail intact: 5 entries \(/),
        `audit head: 5 entries, last hash ${newest.hash}`,
      ]);
      expect(result.error).toEqual([]);
    });

    it('exits 1 when the newest entry is deleted, also once the head is moved back without the key', async () => {
      const newest = await database.db
        .selectFrom('audit_entry')
        .selectAll()
        .where('seq', '=', 5)
        .executeTakeFirstOrThrow();
      const head = await database.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      await database.db.deleteFrom('audit_entry').where('seq', '=', 5).execute();
      try {
        const deleted = await run(env);
        expect(deleted.code).toBe(1);
        expect(deleted.error[0]).toMatch(
          /^audit trail BROKEN at entry 5: entry 5 is missing\. Entries 1 to 4 are intact/,
        );

        const fourth = await database.db
          .selectFrom('audit_entry')
          .select('hash')
          .where('seq', '=', 4)
          .executeTakeFirstOrThrow();
        const moved = { entries: 4, lastHash: fourth.hash };
        await database.db
          .updateTable('audit_head')
          .set({ entries: 4, last_hash: fourth.hash, signature: headSignature(auditHeadKey(undefined), moved) })
          .execute();
        const forged = await run(env);
        expect(forged.code).toBe(1);
        expect(forged.error[0]).toMatch(
          /^audit trail BROKEN at entry 4: the head of the chain is not signed with this key/,
        );
      } finally {
        await database.db.insertInto('audit_entry').values(newest).execute();
        await database.db.updateTable('audit_head').set(head).execute();
      }
      expect((await run(env)).code).toBe(0);
    });

    it('exits 1 when run without the key the head was signed with', async () => {
      const result = await run({ DATABASE_URL: env.DATABASE_URL });
      expect(result.code).toBe(1);
      expect(result.error[0]).toMatch(/the head of the chain is not signed with this key/);
    });

    it('names the first broken link and exits 1 when an entry was altered', async () => {
      await database.db.updateTable('audit_entry').set({ entity_id: 'someone-else' }).where('seq', '=', 3).execute();
      try {
        const result = await run(env);
        expect(result.code).toBe(1);
        expect(result.error[0]).toMatch(
          /^audit trail BROKEN at entry 3: entry 3 was altered after it was written\. Entries 1 to 2 are intact/,
        );
      } finally {
        await database.db.updateTable('audit_entry').set({ entity_id: 'u-2' }).where('seq', '=', 3).execute();
      }
    });

    it('runs as a command: exit 0 on the intact trail, 1 once an entry is deleted', async () => {
      const intact = command(env);
      expect(intact.status, intact.stderr).toBe(0);
      expect(intact.stdout).toMatch(/^audit trail intact: 5 entries/);

      const row = await database.db
        .selectFrom('audit_entry')
        .selectAll()
        .where('seq', '=', 2)
        .executeTakeFirstOrThrow();
      await database.db.deleteFrom('audit_entry').where('seq', '=', 2).execute();
      try {
        const broken = command(env);
        expect(broken.status).toBe(1);
        expect(broken.stderr).toMatch(/audit trail BROKEN at entry 2: entry 2 is missing/);
      } finally {
        await database.db.insertInto('audit_entry').values(row).execute();
      }
    }, 30_000);
  });
}

describe('npm run audit:verify without a database to check', () => {
  it('exits 2 and says so, rather than checking a new empty file', async () => {
    const file = path.join(os.tmpdir(), `mispa-missing-${process.pid}.sqlite`);
    const result = await run({ DATABASE_URL: `sqlite:${file}` });
    expect(result.code).toBe(2);
    expect(result.error[0]).toContain('there is no database at');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('exits 2 on a DATABASE_URL it cannot read', async () => {
    const result = await run({ DATABASE_URL: 'mysql://nope' });
    expect(result.code).toBe(2);
    expect(result.error[0]).toMatch(/DATABASE_URL must start with/);
  });
});
