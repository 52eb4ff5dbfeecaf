import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { Database } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../policy/actor.js';
import { createTestDatabase, engines, repoRoot, type TestDatabase } from '../../testing/harness.js';
import {
  type AuditInput,
  auditHeadKey,
  GENESIS_HASH,
  headSignature,
  recordAudit,
  verifyChain,
  withAuditKey,
} from './chain.js';

/**
 * The audit trail's promises, on both engines: any change to any stored entry is found by
 * verifyChain; concurrent writers never fork or break the chain; user text can neither break the
 * chain nor forge a log line.
 */

const here = path.dirname(fileURLToPath(import.meta.url));

const actor: Actor = {
  kind: 'user',
  userId: 'user-secretariat',
  email: 'secretariat@example.test',
  displayName: 'Secretariat',
  lang: 'en',
  grants: [],
  demo: false,
  credential: { type: 'session', id: 'session', secondFactor: true },
};
const context = (requestId: string, who: Actor = actor): RequestContext => ({
  actor: who,
  requestId,
  ip: '203.0.113.7',
  lang: 'en',
});

async function write(db: Kysely<Database>, input: Partial<AuditInput> & { entityId: string }, ctx = context('req')) {
  await db
    .transaction()
    .execute((trx) =>
      recordAudit(
        trx,
        ctx,
        { action: 'users.invite', role: 'secretariat-admin', entityType: 'user', before: null, after: null, ...input },
        new Date(),
      ),
    );
}

const allRows = (db: Kysely<Database>) => db.selectFrom('audit_entry').selectAll().orderBy('seq').execute();

async function migratedDatabase(engine: (typeof engines)[number]): Promise<TestDatabase> {
  const database = await createTestDatabase(engine);
  await migrateToLatest(database.db, database.schema);
  return database;
}

for (const engine of engines) {
  describe(`audit chain: tampering [${engine}]`, () => {
    let database: TestDatabase;
    const ENTRIES = 6;

    beforeAll(async () => {
      database = await migratedDatabase(engine);
      for (let i = 1; i <= ENTRIES; i++) {
        await write(
          database.db,
          { entityId: `user-${i}`, before: i % 2 ? null : { status: 'invited' }, after: { status: 'active', i } },
          // Some entries by the public (signing in), so null columns are tampered with too.
          context(`req-${i}`, i === 3 ? { kind: 'public' } : actor),
        );
      }
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('finds an untouched chain intact, each entry pointing at the one before', async () => {
      expect(await verifyChain(database.db)).toMatchObject({ ok: true, entries: ENTRIES });
      const rows = await allRows(database.db);
      expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
      for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    });

    /**
     * Changes `column` of the entry at `seq` to `value`, runs verifyChain, and puts the row back.
     * The row is found again by a column that was not changed.
     */
    async function tamper(seq: number, column: string, value: unknown) {
      const original = (await allRows(database.db)).find((r) => r.seq === seq) as Record<string, unknown>;
      const key = column === 'id' ? 'hash' : 'id';
      const table = database.db.updateTable('audit_entry') as unknown as {
        set(values: Record<string, unknown>): {
          where(c: string, op: '=', v: unknown): { execute(): Promise<unknown> };
        };
      };
      await table
        .set({ [column]: value })
        .where(key, '=', original[key])
        .execute();
      try {
        return await verifyChain(database.db);
      } finally {
        await table
          .set({ [column]: original[column] })
          .where(key, '=', original[key])
          .execute();
      }
    }

    const tamperedValue = (column: string, value: unknown) =>
      column === 'seq' ? (value as number) + 1000 : value === null ? 'forged' : `${String(value)}x`;

    it('detects a change to any column of the first, a middle and the last entry, and names that entry', async () => {
      const rows = await allRows(database.db);
      const columns = Object.keys(rows[0] ?? {});
      // Every column the table has today, including any added after this test was written.
      expect(columns).toEqual(expect.arrayContaining(['id', 'seq', 'diff', 'hash', 'prev_hash', 'created_at']));
      for (const seq of [1, 3, ENTRIES]) {
        const row = rows.find((r) => r.seq === seq) as Record<string, unknown>;
        for (const column of columns) {
          const check = await tamper(seq, column, tamperedValue(column, row[column]));
          expect(check, `${column} of entry ${seq}`).toMatchObject({ ok: false, seq });
        }
      }
      expect(await verifyChain(database.db)).toMatchObject({ ok: true, entries: ENTRIES });
    });

    it('detects any change of any entry to any other value (fast-check)', async () => {
      const rows = await allRows(database.db);
      const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== 'seq');
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: ENTRIES }),
          fc.constantFrom(...columns),
          fc.string({ minLength: 1, maxLength: 80 }).filter((s) => !s.includes('\0')),
          async (seq, column, value) => {
            const before = (rows.find((r) => r.seq === seq) as Record<string, unknown>)[column];
            fc.pre(value !== before);
            expect(await tamper(seq, column, value)).toMatchObject({ ok: false, seq });
          },
        ),
        { numRuns: 60 },
      );
    });

    it('detects a rewritten diff that is still valid JSON: hiding what a change did', async () => {
      const check = await tamper(4, 'diff', JSON.stringify({ before: null, after: { status: 'invited' } }));
      expect(check).toEqual({ ok: false, entries: 4, seq: 4, reason: 'entry 4 was altered after it was written' });
    });

    it('detects a deleted middle entry as missing', async () => {
      const rows = await allRows(database.db);
      const middle = rows.find((r) => r.seq === 3);
      await database.db.deleteFrom('audit_entry').where('seq', '=', 3).execute();
      try {
        expect(await verifyChain(database.db)).toMatchObject({ ok: false, seq: 3, reason: 'entry 3 is missing' });
      } finally {
        if (middle) await database.db.insertInto('audit_entry').values(middle).execute();
      }
      expect(await verifyChain(database.db)).toMatchObject({ ok: true, entries: ENTRIES });
    });

    it('detects the newest entry deleted, and a head moved back to match without the key', async () => {
      const rows = await allRows(database.db);
      const [newest, before] = [rows[ENTRIES - 1], rows[ENTRIES - 2]];
      if (!newest || !before) throw new Error('the chain is shorter than this test assumes');
      const head = await database.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      expect(head).toMatchObject({ entries: ENTRIES, last_hash: newest.hash });
      await database.db.deleteFrom('audit_entry').where('seq', '=', ENTRIES).execute();
      try {
        expect(await verifyChain(database.db)).toEqual({
          ok: false,
          entries: ENTRIES - 1,
          seq: ENTRIES,
          reason: `entry ${ENTRIES} is missing`,
        });
        // The head moved back to the entry before, signed with any key but the writers' one.
        const moved = { entries: ENTRIES - 1, lastHash: before.hash };
        const forged = headSignature(auditHeadKey('a key guessed by whoever deleted the entry'), moved);
        await database.db
          .updateTable('audit_head')
          .set({ entries: moved.entries, last_hash: moved.lastHash, signature: forged })
          .execute();
        expect(await verifyChain(database.db)).toMatchObject({
          ok: false,
          reason: 'the head of the chain is not signed with this key',
        });
        await database.db.deleteFrom('audit_head').execute();
        expect(await verifyChain(database.db)).toMatchObject({ ok: false, reason: 'the head of the chain is missing' });
      } finally {
        await database.db.insertInto('audit_entry').values(newest).execute();
        await database.db.deleteFrom('audit_head').execute();
        await database.db.insertInto('audit_head').values(head).execute();
      }
      expect(await verifyChain(database.db)).toEqual({
        ok: true,
        entries: ENTRIES,
        head: { entries: ENTRIES, lastHash: newest.hash },
      });
    });

    it('detects two entries swapped in order', async () => {
      const rows = await allRows(database.db);
      const [second, fifth] = [rows[1], rows[4]];
      if (!second || !fifth) throw new Error('the chain is shorter than this test assumes');
      // Gives the row `first` the seq `a` and the row `then` the seq `b`, through a free seq.
      const place = async (first: string, a: number, then: string, b: number) => {
        await database.db.updateTable('audit_entry').set({ seq: -1 }).where('id', '=', first).execute();
        await database.db.updateTable('audit_entry').set({ seq: b }).where('id', '=', then).execute();
        await database.db.updateTable('audit_entry').set({ seq: a }).where('id', '=', first).execute();
      };
      await place(second.id, fifth.seq, fifth.id, second.seq);
      try {
        expect(await verifyChain(database.db)).toMatchObject({ ok: false, seq: 2 });
      } finally {
        await place(second.id, second.seq, fifth.id, fifth.seq);
      }
      expect(await verifyChain(database.db)).toMatchObject({ ok: true, entries: ENTRIES });
    });

    it('walks a chain longer than one page of the verifier', async () => {
      expect(await verifyChain(database.db, { pageSize: 4 })).toMatchObject({ ok: true, entries: ENTRIES });
      expect(await tamperedWithPageSize(5)).toMatchObject({ ok: false, seq: 5 });

      async function tamperedWithPageSize(seq: number) {
        await database.db.updateTable('audit_entry').set({ action: 'forged' }).where('seq', '=', seq).execute();
        try {
          return await verifyChain(database.db, { pageSize: 2 });
        } finally {
          await database.db.updateTable('audit_entry').set({ action: 'users.invite' }).where('seq', '=', seq).execute();
        }
      }
    });
  });

  describe(`audit chain: the head signed with MISPA_SECRET_KEY [${engine}]`, () => {
    let database: TestDatabase;
    const SECRET = 'x'.repeat(40);
    beforeAll(async () => {
      database = await migratedDatabase(engine);
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('is checked with the key the writers had, and refused with another or none', async () => {
      expect(await verifyChain(database.db)).toEqual({ ok: true, entries: 0, head: null });
      const keyed = withAuditKey(database.db, SECRET);
      for (const entityId of ['a', 'b', 'c']) await write(keyed, { entityId });
      const intact = await verifyChain(database.db, { key: auditHeadKey(SECRET) });
      expect(intact).toMatchObject({ ok: true, entries: 3, head: { entries: 3 } });
      expect(await verifyChain(keyed)).toEqual(intact);
      const refused = { ok: false, seq: 3, reason: 'the head of the chain is not signed with this key' };
      expect(await verifyChain(database.db)).toMatchObject(refused);
      expect(await verifyChain(database.db, { key: auditHeadKey('y'.repeat(40)) })).toMatchObject(refused);
    });
  });

  describe(`audit chain: user text [${engine}]`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await migratedDatabase(engine);
    });
    afterAll(async () => {
      await database?.drop();
    });

    // Any UTF-16 code unit, lone surrogates and NUL included: what a JSON body can carry.
    const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
    const lineForgery = fc.constantFrom(
      '\n{"level":60,"msg":"forged"}',
      '","prev_hash":"0000","x":"',
      '\r\n\u2028\u2029',
      '"],["forged"',
    );
    const userText = fc.oneof(
      anyText,
      lineForgery,
      fc.tuple(anyText, lineForgery).map(([a, b]) => a + b),
    );

    it('keeps the chain intact whatever text users put in ids, request ids and diffs', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(userText, userText, fc.jsonValue(), async (entityId, requestId, after) => {
          n++;
          await write(database.db, { entityId, before: { name: entityId }, after }, context(requestId));
          const row = await database.db
            .selectFrom('audit_entry')
            .selectAll()
            .orderBy('seq', 'desc')
            .limit(1)
            .executeTakeFirstOrThrow();
          expect(row.seq).toBe(n);
          // The diff is JSON: it round-trips exactly (a lone surrogate or NUL is escaped, not lost).
          expect(JSON.parse(row.diff).before).toEqual({ name: entityId });
          expect(JSON.parse(row.diff).after).toEqual(JSON.parse(JSON.stringify(after ?? null)));
        }),
        { numRuns: 100 },
      );
      expect(await verifyChain(database.db)).toMatchObject({ ok: true, entries: n });
    });
  });

  describe(`audit chain: concurrent writers [${engine}]`, () => {
    if (engine === 'sqlite') {
      it('never forks or breaks with 45 writers: two other processes and parallel transactions in this one', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-chain-'));
        const file = path.join(dir, 'chain.sqlite');
        const main = await openDatabase({ engine: 'sqlite', file });
        try {
          await migrateToLatest(main.db);
          const children = ['a', 'b'].map((label) =>
            spawn(
              process.execPath,
              ['--import', 'tsx', path.join(here, 'chain-writer.fixture.ts'), file, label, '15'],
              {
                cwd: repoRoot,
                stdio: ['pipe', 'pipe', 'inherit'],
              },
            ),
          );
          await Promise.all(children.map(ready));
          for (const child of children) child.stdin?.write('go\n');
          await Promise.all([
            ...Array.from({ length: 15 }, (_, i) => write(main.db, { entityId: `main-${i}` })),
            ...children.map(exited),
          ]);
          await expectOneChain(main.db, [
            ...Array.from({ length: 15 }, (_, i) => `main-${i}`),
            ...Array.from({ length: 15 }, (_, i) => `a-${i}`),
            ...Array.from({ length: 15 }, (_, i) => `b-${i}`),
          ]);
        } finally {
          await main.close();
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }, 60_000);
    } else {
      it('never forks or breaks with 40 writers on two pools of separate connections', async () => {
        const database = await migratedDatabase('postgres');
        const second = await openDatabase({
          engine: 'postgres',
          url: process.env.MISPA_TEST_DATABASE_URL as string,
          schema: database.schema as string,
        });
        try {
          const ids = Array.from({ length: 40 }, (_, i) => `writer-${i}`);
          await Promise.all(ids.map((id, i) => write(i % 2 ? second.db : database.db, { entityId: id })));
          await expectOneChain(database.db, ids);
        } finally {
          await second.close();
          await database.drop();
        }
      });
    }
  });
}

/** One chain 1..n without gaps, every writer's entry in it exactly once, every link verified. */
async function expectOneChain(db: Kysely<Database>, entityIds: string[]) {
  expect(await verifyChain(db)).toMatchObject({ ok: true, entries: entityIds.length });
  const rows = await allRows(db);
  expect(rows.map((r) => r.seq)).toEqual(entityIds.map((_, i) => i + 1));
  expect(rows.map((r) => r.entity_id).sort()).toEqual([...entityIds].sort());
  expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) =>
      String(chunk).startsWith('ready') ? resolve() : reject(new Error(String(chunk))),
    );
    child.once('exit', (code) => reject(new Error(`writer exited with ${code} before it was ready`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) {
      if (child.exitCode === 0) resolve();
      else reject(new Error(`writer exited with ${child.exitCode}`));
      return;
    }
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited with ${code}`))));
  });
}
