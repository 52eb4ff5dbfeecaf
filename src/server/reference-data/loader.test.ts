import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import { createTestDatabase, type Engine, engines, referenceDir, type TestDatabase } from '../testing/harness.js';
import { loadReferenceData, ReferenceDataError } from './loader.js';

/** A copy of the reference files that a test may edit. */
function copyOfReferenceData(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-reference-'));
  for (const file of fs.readdirSync(referenceDir)) fs.copyFileSync(path.join(referenceDir, file), path.join(dir, file));
  return dir;
}

function editJson<T>(dir: string, file: string, edit: (rows: T[]) => T[]) {
  const full = path.join(dir, file);
  fs.writeFileSync(full, JSON.stringify(edit(JSON.parse(fs.readFileSync(full, 'utf8')) as T[]), null, 2));
}

const clockAt = (iso: string) => () => new Date(iso);

async function snapshot(database: TestDatabase) {
  const db = database.db;
  return {
    meetings: await db.selectFrom('meeting').selectAll().orderBy('slug').execute(),
    translations: await db.selectFrom('translation').selectAll().orderBy(['entity_id', 'field', 'lang']).execute(),
    sources: await db.selectFrom('source').selectAll().orderBy('id').execute(),
    networks: await db.selectFrom('network').selectAll().orderBy('slug').execute(),
  };
}

describe.each(engines)('reference data loader [%s]', (engine: Engine) => {
  let database: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
    await migrateToLatest(database.db, database.schema);
    dir = copyOfReferenceData();
  });
  afterEach(async () => {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the 35 member states, five pillars and eight meetings, each text in four languages', async () => {
    const result = await loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z'));
    expect(result.changed).toBe(true);
    expect(result.inserted).toBeGreaterThan(500);
    const count = async (table: 'member_state' | 'pillar' | 'meeting') =>
      (await database.db.selectFrom(table).select('id').execute()).length;
    expect(await count('member_state')).toBe(35);
    expect(await count('pillar')).toBe(5);
    expect(await count('meeting')).toBe(8);
    const perText = await database.db
      .selectFrom('translation')
      .select(['entity_id', 'field'])
      .select((eb) => eb.fn.countAll<number | string>().as('languages'))
      .groupBy(['entity_id', 'field'])
      .execute();
    expect(perText.every((row) => Number(row.languages) === 4)).toBe(true);
  });

  it('loads once when several server processes start together on one database', async () => {
    const loads = await Promise.all(
      [1, 2, 3].map(() => loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z'))),
    );
    expect(loads.filter((load) => load.changed)).toHaveLength(1);
    const states = await database.db.selectFrom('member_state').select('slug').execute();
    expect(states).toHaveLength(35);
  });

  it('changes nothing when loaded again without edits', async () => {
    await loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z'));
    const before = await snapshot(database);
    const again = await loadReferenceData(database.db, dir, clockAt('2026-02-01T00:00:00Z'));
    expect(again).toEqual({ changed: false, inserted: 0, updated: 0, deleted: 0 });
    expect(await snapshot(database)).toEqual(before);
  });

  it('updates only the edited row when a file changes, keeping ids', async () => {
    await loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z'));
    const before = await snapshot(database);
    editJson<{ slug: string; city: string | null }>(dir, 'meetings.json', (rows) =>
      rows.map((m) => (m.slug === 'mispa-viii' ? { ...m, city: 'Santiago' } : m)),
    );
    const result = await loadReferenceData(database.db, dir, clockAt('2026-02-01T00:00:00Z'));
    expect(result).toEqual({ changed: true, inserted: 0, updated: 1, deleted: 0 });
    const after = await snapshot(database);
    const changed = after.meetings.find((m) => m.slug === 'mispa-viii');
    expect(changed).toMatchObject({ city: 'Santiago', updated_at: '2026-02-01T00:00:00.000Z' });
    expect(changed?.id).toBe(before.meetings.find((m) => m.slug === 'mispa-viii')?.id);
    expect(after.meetings.filter((m) => m.slug !== 'mispa-viii')).toEqual(
      before.meetings.filter((m) => m.slug !== 'mispa-viii'),
    );
    expect(after.translations).toEqual(before.translations);
  });

  it('removes a row taken out of its file, with its texts and sources', async () => {
    await loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z'));
    const program = (await snapshot(database)).networks.find((n) => n.kind === 'program');
    expect(program).toBeDefined();
    editJson<{ kind: string }>(dir, 'networks.json', (rows) => rows.filter((n) => n.kind !== 'program'));
    const result = await loadReferenceData(database.db, dir, clockAt('2026-02-01T00:00:00Z'));
    expect(result.deleted).toBeGreaterThan(1);
    const after = await snapshot(database);
    expect(after.networks.map((n) => n.kind)).not.toContain('program');
    expect(after.translations.filter((t) => t.entity_id === program?.id)).toEqual([]);
    expect(after.sources.filter((s) => s.entity_id === program?.id)).toEqual([]);
  });

  it('leaves meetings made on the platform, and their texts, alone when a file changes', async () => {
    const at = '2026-01-01T00:00:00.000Z';
    await loadReferenceData(database.db, dir, clockAt(at));
    const id = '01900000-0000-7000-8000-00000000000a';
    await database.db
      .insertInto('meeting')
      .values({
        id,
        slug: 'mispa-ix',
        number: 'IX',
        ordinal: 9,
        managed_by: 'platform',
        created_at: at,
        updated_at: at,
      })
      .execute();
    const name = { entity_type: 'meeting', entity_id: id, field: 'name', text: 'MISPA IX', official: 1, source: null };
    await database.db
      .insertInto('translation')
      .values({ ...name, lang: 'en', created_at: at, updated_at: at })
      .execute();
    editJson<{ slug: string }>(dir, 'meetings.json', (rows) => rows.filter((m) => m.slug !== 'mispa-viii'));
    editJson<{ meeting: string }>(dir, 'documents.json', (rows) => rows.filter((d) => d.meeting !== 'mispa-viii'));
    const result = await loadReferenceData(database.db, dir, clockAt('2026-02-01T00:00:00Z'));
    expect(result.deleted).toBeGreaterThan(1);
    const after = await snapshot(database);
    expect(after.meetings.map((m) => m.slug)).toContain('mispa-ix');
    expect(after.meetings.map((m) => m.slug)).not.toContain('mispa-viii');
    expect(after.translations.filter((t) => t.entity_id === id).map((t) => t.text)).toEqual(['MISPA IX']);
  });

  it('refuses a file with an invalid field, naming file, row and field, and writes nothing', async () => {
    editJson<{ slug: string; startDate: string | null }>(dir, 'meetings.json', (rows) =>
      rows.map((m, i) => (i === 2 ? { ...m, startDate: '2011-13-45' } : m)),
    );
    const error = await loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReferenceDataError);
    expect((error as Error).message).toMatch(/meetings\.json, row 3, field "startDate"/);
    expect(await database.db.selectFrom('language').select('code').execute()).toEqual([]);
  });

  it('refuses a reference to a record that does not exist and rolls the whole load back', async () => {
    await loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z'));
    const before = await snapshot(database);
    editJson<{ slug: string; hostState: string | null; city: string | null }>(dir, 'meetings.json', (rows) =>
      rows.map((m) =>
        m.slug === 'mispa-i' ? { ...m, city: 'Elsewhere' } : m.slug === 'mispa-ii' ? { ...m, hostState: 'zz' } : m,
      ),
    );
    await expect(loadReferenceData(database.db, dir, clockAt('2026-02-01T00:00:00Z'))).rejects.toThrow(
      /meetings\.json, row 2, field "hostState": no member_state "zz"/,
    );
    expect(await snapshot(database)).toEqual(before);
  });
});
