import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditVerify } from '../../../../scripts/audit-verify.js';
import { migrateToLatest } from '../../db/migrate.js';
import { PUBLIC } from '../../policy/actor.js';
import { createTestDatabase, engines, repoRoot, type TestDatabase } from '../../testing/harness.js';
import { recordAudit } from './chain.js';

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
      for (let i = 0; i < 5; i++) {
        await database.db
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
      env = { DATABASE_URL: databaseUrl(database) };
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('says "audit trail intact: 5 entries" and exits 0', async () => {
      const result = await run(env);
      expect(result.code).toBe(0);
      expect(result.log).toEqual([expect.stringMatching(/^audit trail intact: 5 entries \(/)]);
      expect(result.error).toEqual([]);
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
