import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import {
  copyOfReferenceData,
  createTestDatabase,
  describeEachEngine,
  type Engine,
  editJson,
  engines,
  type TestDatabase,
} from '../testing/harness.js';
import { loadReferenceData, ReferenceDataError } from './loader.js';

const clockAt = (iso: string) => () => new Date(iso);
type FootnoteRow = { document: string; state: string; kind: string; concerns: Array<{ part: string; number: string }> };

async function snapshot(database: TestDatabase) {
  const db = database.db;
  return {
    meetings: await db.selectFrom('meeting').selectAll().orderBy('slug').execute(),
    translations: await db.selectFrom('translation').selectAll().orderBy(['entity_id', 'field', 'lang']).execute(),
    sources: await db.selectFrom('source').selectAll().orderBy('id').execute(),
    networks: await db.selectFrom('network').selectAll().orderBy('slug').execute(),
    chairs: await db.selectFrom('technical_group_chair').selectAll().orderBy('id').execute(),
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
    editJson<{ chairs: unknown[] }>(dir, 'technical-groups.json', (rows) => rows.map((g) => ({ ...g, chairs: [] })));
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

  it('stores each source with its title and publisher, in the order of its file', async () => {
    await loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z'));
    const ec = await database.db
      .selectFrom('member_state')
      .select('id')
      .where('slug', '=', 'ec')
      .executeTakeFirstOrThrow();
    const sources = (await snapshot(database)).sources
      .filter((s) => s.entity_id === ec.id)
      .sort((a, b) => a.position - b.position)
      .map(({ url, title, publisher, field }) => ({ url, title, publisher, field }));
    expect(sources).toEqual([
      {
        url: 'https://salsa.debian.org/iso-codes-team/iso-codes',
        title: 'iso-codes (ISO 3166-1 country codes)',
        publisher: 'Debian iso-codes team',
        field: 'iso',
      },
      {
        url: 'https://www.oas.org/ext/en/security/mispa',
        title: 'MISPA overview',
        publisher: 'OAS Department of Public Security',
        field: 'membership',
      },
    ]);
  });

  it.each([
    ['without a title', 'title', (s: Record<string, unknown>) => ({ ...s, title: undefined })],
    ['without a publisher', 'publisher', (s: Record<string, unknown>) => ({ ...s, publisher: undefined })],
    ['with a blank title', 'title', (s: Record<string, unknown>) => ({ ...s, title: '   ' })],
    ['with an empty publisher', 'publisher', (s: Record<string, unknown>) => ({ ...s, publisher: '' })],
    ['with a title that is not text', 'title', (s: Record<string, unknown>) => ({ ...s, title: 7 })],
  ])('refuses a source %s, naming file, row and field, and writes nothing', async (_, field, edit) => {
    editJson<{ sources: Array<Record<string, unknown>> }>(dir, 'pillars.json', (rows) =>
      rows.map((p, i) => (i === 1 ? { ...p, sources: p.sources.map((s, j) => (j === 0 ? edit(s) : s)) } : p)),
    );
    const error = await loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReferenceDataError);
    expect((error as Error).message).toMatch(new RegExp(`pillars\\.json, row 2, field "sources\\.0\\.${field}"`));
    expect(await database.db.selectFrom('source').select('id').execute()).toEqual([]);
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

  // The historic documents' footnotes of document-footnotes.json: loaded with their sources,
  // reloaded without a write, refused with file, row and field, never touching a state's own.
  const footnotes = () =>
    database.db
      .selectFrom('document_footnote')
      .innerJoin('document', 'document.id', 'document_footnote.document_id')
      .innerJoin('member_state', 'member_state.id', 'document_footnote.member_state_id')
      .select([
        'document.slug as document',
        'member_state.slug as state',
        'document_footnote.id',
        'document_footnote.node_id',
        'document_footnote.kind',
        'document_footnote.managed_by',
        'document_footnote.official',
        'document_footnote.concerns',
        'document_footnote.updated_at',
      ])
      .orderBy('document_footnote.id')
      .execute();
  const footnoteSources = () =>
    database.db
      .selectFrom('source')
      .select(['entity_id', 'position', 'url', 'title', 'publisher', 'note', 'field'])
      .where('entity_type', '=', 'document_footnote')
      .orderBy('entity_id')
      .orderBy('position')
      .execute();
  const DOCSBAY = {
    url: 'https://docsbay.net/sixth-meeting-of-ministers-responsible-for-oea-ser-k-xlix-6',
    title: "Uruguay's note MISPA VI/INF. 3/17 on the San Pedro Sula recommendations, copy of an OAS document",
    publisher: 'docsbay.net',
  };

  it('loads Uruguay’s reservation on San Pedro Sula as a paraphrase with its source, once', async () => {
    await loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z'));
    const loaded = await footnotes();
    expect(loaded).toEqual([
      expect.objectContaining({
        document: 'recommendations-san-pedro-sula',
        state: 'uy',
        node_id: null,
        kind: 'reservation',
        managed_by: 'reference',
        official: 0,
      }),
    ]);
    expect(await footnoteSources()).toEqual([
      { entity_id: loaded[0]?.id, position: 0, ...DOCSBAY, note: null, field: null },
    ]);
    const sources = await footnoteSources();
    expect(JSON.parse(loaded[0]?.concerns ?? '[]')).toEqual([
      { part: 'preamble', number: '5' },
      { part: 'recommendations', number: '13' },
      { part: 'recommendations', number: '14' },
      { part: 'recommendations', number: '19' },
      { part: 'follow-up', number: '2.f.ii' },
    ]);

    // Another file changed: the footnote is not written again.
    editJson<{ slug: string; city: string | null }>(dir, 'meetings.json', (rows) =>
      rows.map((m) => (m.slug === 'mispa-viii' ? { ...m, city: 'Santiago' } : m)),
    );
    await loadReferenceData(database.db, dir, clockAt('2026-02-01T00:00:00Z'));
    expect(await footnotes()).toEqual(loaded);
    expect(await footnoteSources()).toEqual(sources);
  });

  it('updates an edited footnote in place and removes one taken out, leaving a state’s own alone', async () => {
    const at = '2026-01-01T00:00:00.000Z';
    await loadReferenceData(database.db, dir, clockAt(at));
    const [loaded] = await footnotes();
    const document = await database.db
      .selectFrom('document')
      .select('id')
      .where('slug', '=', 'recommendations-san-pedro-sula')
      .executeTakeFirstOrThrow();
    const uruguay = await database.db
      .selectFrom('member_state')
      .select('id')
      .where('slug', '=', 'uy')
      .executeTakeFirstOrThrow();
    // A state's own footnote of the same kind on the same document (as if attached on the platform).
    const own = '01900000-0000-7000-8000-0000000000f1';
    await database.db
      .insertInto('document_footnote')
      .values({
        id: own,
        document_id: document.id,
        member_state_id: uruguay.id,
        kind: 'reservation',
        lang: 'es',
        text: 'Texto propio',
        created_at: at,
        updated_at: at,
      })
      .execute();

    editJson<FootnoteRow>(dir, 'document-footnotes.json', (rows) =>
      rows.map((r) => ({ ...r, concerns: r.concerns.filter((c) => c.part !== 'preamble') })),
    );
    const edited = await loadReferenceData(database.db, dir, clockAt('2026-02-01T00:00:00Z'));
    expect(edited).toEqual({ changed: true, inserted: 0, updated: 1, deleted: 0 });
    const after = await footnotes();
    const reference = after.find((f) => f.managed_by === 'reference');
    expect(reference?.id).toBe(loaded?.id);
    expect(JSON.parse(reference?.concerns ?? '[]')).toHaveLength(4);

    // A source added to the footnote, then the footnote taken out: its sources go with it.
    editJson<FootnoteRow & { sources: unknown[] }>(dir, 'document-footnotes.json', (rows) =>
      rows.map((r) => ({ ...r, sources: [...r.sources, { ...DOCSBAY, url: 'https://example.org/copy' }] })),
    );
    const added = await loadReferenceData(database.db, dir, clockAt('2026-02-15T00:00:00Z'));
    expect(added).toEqual({ changed: true, inserted: 1, updated: 0, deleted: 0 });
    expect((await footnoteSources()).map((s) => [s.entity_id, s.url])).toEqual([
      [loaded?.id, DOCSBAY.url],
      [loaded?.id, 'https://example.org/copy'],
    ]);
    editJson<FootnoteRow>(dir, 'document-footnotes.json', () => []);
    const removed = await loadReferenceData(database.db, dir, clockAt('2026-03-01T00:00:00Z'));
    expect(removed).toEqual({ changed: true, inserted: 0, updated: 0, deleted: 3 });
    expect((await footnotes()).map((f) => [f.id, f.managed_by])).toEqual([[own, 'platform']]);
    expect(await footnoteSources()).toEqual([]);
  });

  it.each([
    [
      'an unknown document',
      (r: FootnoteRow) => ({ ...r, document: 'no-such-document' }),
      /document-footnotes\.json, row 1, field "document": no document "no-such-document"/,
    ],
    [
      'an unknown state',
      (r: FootnoteRow) => ({ ...r, state: 'zz' }),
      /document-footnotes\.json, row 1, field "state": no member_state "zz"/,
    ],
    [
      'a paragraph number not as cited',
      (r: FootnoteRow) => ({ ...r, concerns: [{ part: 'preamble', number: '5 bis' }] }),
      /document-footnotes\.json, row 1, field "concerns\.0\.number"/,
    ],
    [
      'an unknown part of the text',
      (r: FootnoteRow) => ({ ...r, concerns: [{ part: 'annex', number: '1' }] }),
      /document-footnotes\.json, row 1, field "concerns\.0\.part"/,
    ],
    ['a kind of footnote not known', (r: FootnoteRow) => ({ ...r, kind: 'objection' }), /row 1, field "kind"/],
    ['no sources', ({ sources: _, ...r }: FootnoteRow & { sources?: unknown[] }) => r, /row 1, field "sources"/],
    [
      'an empty list of sources',
      (r: FootnoteRow) => ({ ...r, sources: [] }),
      /row 1, field "sources": a footnote known from a public source needs that source/,
    ],
    [
      'a bare URL as its source (the old format)',
      ({ sources: _, ...r }: FootnoteRow & { sources?: unknown[] }) => ({ ...r, source: DOCSBAY.url }),
      /document-footnotes\.json, row 1/,
    ],
    [
      'a source without a title',
      (r: FootnoteRow) => ({ ...r, sources: [{ url: DOCSBAY.url, publisher: DOCSBAY.publisher }] }),
      /document-footnotes\.json, row 1, field "sources\.0\.title"/,
    ],
    [
      'a source without a publisher',
      (r: FootnoteRow) => ({ ...r, sources: [{ url: DOCSBAY.url, title: DOCSBAY.title }] }),
      /document-footnotes\.json, row 1, field "sources\.0\.publisher"/,
    ],
    [
      'a source with a blank title',
      (r: FootnoteRow) => ({ ...r, sources: [{ ...DOCSBAY, title: '  ' }] }),
      /document-footnotes\.json, row 1, field "sources\.0\.title"/,
    ],
  ])('refuses %s, naming file, row and field, and writes nothing', async (_, edit, message) => {
    editJson<FootnoteRow>(dir, 'document-footnotes.json', (rows) => rows.map(edit));
    const error = await loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReferenceDataError);
    expect((error as Error).message).toMatch(message);
    expect(await database.db.selectFrom('document').select('id').execute()).toEqual([]);
  });

  it('refuses the same reservation of a state on a document told twice', async () => {
    editJson<FootnoteRow>(dir, 'document-footnotes.json', (rows) => [...rows, ...rows]);
    await expect(loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z'))).rejects.toThrow(
      /document-footnotes\.json, row 2: a second reservation of "uy" on "recommendations-san-pedro-sula"/,
    );
  });
  /** Each group's chairs as stored: group, state, how chosen, from and until (slugs), and source titles. */
  async function storedChairs() {
    const db = database.db;
    const rows = await db
      .selectFrom('technical_group_chair as c')
      .innerJoin('technical_group as g', 'g.id', 'c.technical_group_id')
      .innerJoin('member_state as s', 's.id', 'c.member_state_id')
      .innerJoin('meeting as f', 'f.id', 'c.from_meeting_id')
      .leftJoin('meeting as u', 'u.id', 'c.until_meeting_id')
      .select(['c.id', 'g.slug as group', 's.slug as state', 'c.selection', 'f.slug as from', 'u.slug as until'])
      .orderBy('g.slug')
      .orderBy('f.ordinal')
      .execute();
    const sources = await db
      .selectFrom('source')
      .select(['entity_id', 'title'])
      .where('entity_type', '=', 'technical_group_chair')
      .orderBy('position')
      .execute();
    return rows.map(({ id, ...chair }) => ({
      ...chair,
      sources: sources.filter((s) => s.entity_id === id).map((s) => s.title),
    }));
  }

  const SPEECH = 'Speech of the OAS Assistant Secretary General 19-0063 (Spanish)';
  const PRESS =
    'Ministros de seguridad de las Américas se reúnen en Santiago en VIII MISPA con enfoque en ciberseguridad y reforma policial';

  it('loads the chairs of each group per period, each with its sources, and drops a chair taken out with its sources', async () => {
    await loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z'));
    expect(await storedChairs()).toEqual([
      {
        group: 'police-management',
        state: 'ec',
        selection: 'elected',
        from: 'mispa-vii',
        until: 'mispa-viii',
        sources: [SPEECH, PRESS],
      },
      {
        group: 'police-management',
        state: 'do',
        selection: 'designated',
        from: 'mispa-viii',
        until: null,
        sources: [PRESS],
      },
      { group: 'prevention', state: 'do', selection: 'elected', from: 'mispa-vii', until: null, sources: [SPEECH] },
    ]);
    editJson<{ slug: string; chairs: unknown[] }>(dir, 'technical-groups.json', (rows) =>
      rows.map((g) => (g.slug === 'police-management' ? { ...g, chairs: g.chairs.slice(0, 1) } : g)),
    );
    const result = await loadReferenceData(database.db, dir, clockAt('2026-02-01T00:00:00Z'));
    expect(result).toMatchObject({ changed: true, inserted: 0, updated: 0, deleted: 2 });
    expect((await storedChairs()).map((c) => `${c.group} ${c.state}`)).toEqual([
      'police-management ec',
      'prevention do',
    ]);
  });

  it.each([
    ['an unknown state', 'state', { state: 'zz' }, /no member_state "zz"/],
    ['an unknown meeting', 'from', { from: 'mispa-ix' }, /no meeting "mispa-ix"/],
    [
      'an end before its start',
      'until',
      { from: 'mispa-viii', until: 'mispa-vii' },
      /must be a meeting after "mispa-viii"/,
    ],
    ['an end at its start', 'until', { until: 'mispa-vii' }, /must be a meeting after "mispa-vii"/],
    ['no source', 'sources', { sources: [] }, /a chair needs a source/],
    ['a way of choosing not known', 'selection', { selection: 'appointed' }, /"chairs\.0\.selection"/],
    ['a field not known', '(row)', { chairman: 'x' }, /chairs\.0/],
  ])('refuses a chair with %s, naming file, row and field, and writes nothing', async (_, field, edit, reason) => {
    editJson<{ slug: string; chairs: Array<Record<string, unknown>> }>(dir, 'technical-groups.json', (rows) =>
      rows.map((g) => (g.slug === 'police-management' ? { ...g, chairs: [{ ...g.chairs[0], ...edit }] } : g)),
    );
    const error = await loadReferenceData(database.db, dir, clockAt('2026-01-01T00:00:00Z')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReferenceDataError);
    const message = (error as Error).message;
    expect(message).toMatch(/technical-groups\.json, row 1, field "chairs\.0/);
    if (field !== '(row)') expect(message).toContain(`chairs.0.${field}`);
    expect(message).toMatch(reason);
    expect(await database.db.selectFrom('technical_group_chair').select('id').execute()).toEqual([]);
    expect(await database.db.selectFrom('language').select('code').execute()).toEqual([]);
  });
});

describeEachEngine('historic footnotes through the API', (ctx) => {
  const get = async (url: string) => {
    const res = await ctx.app.inject({ url });
    expect(res.statusCode, url).toBe(200);
    return res.json();
  };

  it('shows the public Uruguay’s reservation on San Pedro Sula with the paragraphs it names and its source', async () => {
    const doc = await get('/api/v1/documents/recommendations-san-pedro-sula');
    expect(doc).toMatchObject({ historic: true, textHeld: false, contentHash: null });
    expect(doc.footnotes).toEqual([
      expect.objectContaining({
        nodeId: null,
        state: expect.objectContaining({ slug: 'uy' }),
        kind: 'reservation',
        lang: 'en',
        official: false,
        sources: [
          {
            url: 'https://docsbay.net/sixth-meeting-of-ministers-responsible-for-oea-ser-k-xlix-6',
            title: "Uruguay's note MISPA VI/INF. 3/17 on the San Pedro Sula recommendations, copy of an OAS document",
            publisher: 'docsbay.net',
            note: null,
            field: null,
          },
        ],
        concerns: expect.arrayContaining([
          { part: 'recommendations', number: '13' },
          { part: 'follow-up', number: '2.f.ii' },
        ]),
      }),
    ]);
    const uruguay = await get('/api/v1/member-states/uy');
    expect(uruguay.documentsFootnoted.map((d: { slug: string }) => d.slug)).toEqual(['recommendations-san-pedro-sula']);
  });

  it('names the footnote’s source in the Akoma Ntoso export of the historic document as title, publisher and URL', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/documents/recommendations-san-pedro-sula/akoma-ntoso?lang=en' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /<authorialNote eId="fnt_1"[^>]*><p xml:lang="en">[^<]*Uruguay[^<]* Uruguay's note MISPA VI\/INF\. 3\/17 on the San Pedro Sula recommendations, copy of an OAS document — docsbay\.net \(https:\/\/docsbay\.net\/sixth-meeting-of-ministers-responsible-for-oea-ser-k-xlix-6\)<\/p>/,
    );
  });
});
