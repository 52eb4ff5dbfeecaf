import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl } from '../../src/server/db/connection.js';
import { documentsServices } from '../../src/server/modules/documents/index.js';
import { deriveParagraphItems } from '../../src/server/modules/follow-up/queries.js';
import { observatoryService } from '../../src/server/modules/observatory/service.js';
import { createTestDatabase, engines, repoRoot, type TestDatabase } from '../../src/server/testing/harness.js';
import { auditVerify } from '../audit-verify.js';
import type { DataResult } from './bench-data.js';
import { SCALES } from './data/context.js';
import { NEGOTIATED_SLUG, NEGOTIATED_VERSIONS } from './data/documents.js';
import { benchIndicatorCode } from './data/observatory.js';
import { findBenchAdmin } from './timings/actor.js';
import { benchContext } from './timings/meetings.js';

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
      // suite's one-minute hook limit, which is meant for in-process set-up. About 40 s on an idle
      // machine; a CI run with browser tests beside it took over 300 s once.
    }, 600_000);
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
          (select count(*) from app_user u where not exists (select 1 from role_grant g where g.user_id = u.id)) as users_without_grant,
          (select count(*) from document where slug like 'bench-outcome-%') as outcome_documents,
          (select count(*) from document_node n join document d on d.id = n.document_id
            where d.slug like 'bench-outcome-%' and n.kind <> 'section') as paragraphs,
          (select count(*) from document_node n join document d on d.id = n.document_id
            where d.slug like 'bench-outcome-%'
            and (select count(*) from document_node_text t where t.node_id = n.id) <> 4) as nodes_without_four_texts,
          (select count(*) from document_amendment a join document d on d.id = a.document_id
            where d.slug = '${NEGOTIATED_SLUG}' and a.status = 'pending') as negotiated_pending,
          (select count(*) from document_version v join document d on d.id = v.document_id
            where d.slug = '${NEGOTIATED_SLUG}') as negotiated_versions,
          (select count(*) from indicator where code like 'bench-indicator-%') as indicators,
          (select count(*) from observation o join indicator i on i.id = o.indicator_id
            where i.code like 'bench-indicator-%' and o.status = 'published') as observations`,
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
        outcome_documents: tiny.outcomeDocuments,
        paragraphs: tiny.outcomeParagraphs,
        nodes_without_four_texts: 0,
        negotiated_pending: 40,
        negotiated_versions: NEGOTIATED_VERSIONS,
        indicators: tiny.indicators,
        observations: tiny.indicators * 35 * tiny.observationYears,
      });
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'a.json'), 'utf8')) as DataResult;
      expect(manifest.rows).toMatchObject({
        app_user: tiny.users,
        audit_entry: tiny.auditEntries,
        meeting: tiny.meetings,
      });
    });

    it('makes follow-up items, cycles and reports as the module would, statuses spread, some published', async () => {
      const { followUp } = SCALES.tiny;
      const [counts] = await rows(
        'a',
        `select
          (select count(*) from follow_up_item) as items,
          (select count(*) from follow_up_item where document_node_id is null) as historic,
          (select count(*) from follow_up_cycle) as cycles,
          (select count(*) from follow_up_report) as reports,
          (select count(distinct status) from follow_up_report) as statuses,
          (select count(*) from follow_up_report where published = 1 and state <> 'accepted') as published_unaccepted,
          (select count(*) from follow_up_item i where document_node_id is null
            and (select count(distinct lang) from translation t where t.entity_type = 'follow_up_item' and t.entity_id = i.id) <> 4) as historic_untranslated`,
      );
      expect(Object.fromEntries(Object.entries(counts as object).map(([k, v]) => [k, Number(v)]))).toEqual({
        items: followUp.items,
        historic: 9 * followUp.historicPerDocument,
        cycles: followUp.cycles,
        reports: followUp.items * followUp.cycles * 35,
        statuses: 5,
        published_unaccepted: 0,
        historic_untranslated: 0,
      });
      // Per cycle, oldest first: the older ones mostly accepted, the newest still open (mostly drafts).
      const perCycle = await rows(
        'a',
        `select c.opens_on, sum(case when r.state = 'accepted' then 1 else 0 end) as accepted,
          sum(case when r.state = 'draft' then 1 else 0 end) as drafts, sum(r.published) as published
          from follow_up_report r join follow_up_cycle c on c.id = r.cycle_id group by c.opens_on order by c.opens_on`,
      );
      const [older, open] = perCycle.map((r) => r as { accepted: number; drafts: number; published: number });
      expect(Number(older?.accepted)).toBeGreaterThan(Number(open?.accepted));
      expect(Number(open?.drafts)).toBeGreaterThan(Number(older?.drafts));
      expect(Number(older?.published)).toBeGreaterThan(0);
      expect(Number(older?.published)).toBeLessThan(Number(older?.accepted));
      // The paragraph items are those the module derives: nothing is left for it to make.
      const handle = await openDatabase(parseDatabaseUrl(urls.a, ''));
      try {
        expect(await deriveParagraphItems(handle.db, new Date().toISOString())).toBe(0);
      } finally {
        await handle.close();
      }
      // The indexes set aside for the load are back.
      const indexes = await rows(
        'a',
        engine === 'sqlite'
          ? "select name from sqlite_master where type = 'index' and tbl_name = 'follow_up_report' and sql is not null order by name"
          : "select indexname as name from pg_indexes where schemaname = current_schema() and tablename = 'follow_up_report' and indexname like '%_idx' order by indexname",
      );
      expect(indexes.map((r) => (r as { name: string }).name)).toEqual([
        'follow_up_report_history_idx',
        'follow_up_report_matrix_idx',
        'follow_up_report_rates_idx',
      ]);
      // The states' ids differ from one database to the next (made as the reference data loads): by slug.
      const sample = `select r.id, r.cycle_id, r.item_id, m.slug, r.state, r.status, r.published
        from follow_up_report r join member_state m on m.id = r.member_state_id order by r.id`;
      expect(await rows('b', sample)).toEqual(await rows('a', sample));
    });

    it('makes data the documents and observatory modules read: the negotiated document and an indicator', async () => {
      const handle = await openDatabase(parseDatabaseUrl(urls.a, ''));
      try {
        const actor = await findBenchAdmin(handle.db);
        if (!actor) throw new Error('the generated data set has no secretariat administrator');
        const ctx = benchContext(actor);
        const { reads, negotiation } = documentsServices({ db: handle.db, clock: () => new Date() });
        const document = await reads.get(NEGOTIATED_SLUG, 'en', actor);
        expect(document.status).toBe('under-negotiation');
        expect(document.body.filter((n) => n.kind !== 'section')).toHaveLength(SCALES.tiny.negotiatedParagraphs);
        expect(document.body.every((n) => Object.keys(n.texts).length === 4)).toBe(true);
        const pending = await negotiation.amendments(ctx, NEGOTIATED_SLUG, 'pending');
        expect(pending.items).toHaveLength(40);
        const diff = await negotiation.compare(ctx, NEGOTIATED_SLUG, 1, NEGOTIATED_VERSIONS);
        expect(diff.paragraphs.some((p) => p.change === 'changed')).toBe(true);
        const trends = await observatoryService({ db: handle.db, clock: () => new Date() }).trends(
          benchIndicatorCode(1),
          SCALES.tiny.observationYears,
          'en',
        );
        expect(trends.items).toHaveLength(35);
        expect(trends.items.every((t) => t.n === SCALES.tiny.observationYears)).toBe(true);
      } finally {
        await handle.close();
      }
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
