import { v7 as uuidv7 } from 'uuid';
import { expect, it } from 'vitest';
import { LISTED_DOCUMENTS } from '../../../contract/meetings.js';
import { LANGS } from '../../../domain/languages.js';
import * as api from '../../testing/api.js';
import { buildMeeting } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';

/** Expected values come from the reference files the test database was loaded with. */
const meetings = api
  .readReference<
    Array<{
      slug: string;
      number: string;
      ordinal: number;
      name: api.Texts;
      hostState: string | null;
      city: string | null;
      startDate: string | null;
      endDate: string | null;
      summary: api.Texts | null;
      sources: api.SourceRow[];
    }>
  >('meetings.json')
  .sort((a, b) => a.ordinal - b.ordinal);
const documents = api
  .readReference<
    Array<{
      slug: string;
      meeting: string;
      position: number;
      type: string;
      symbol: string | null;
      title: api.Texts | null;
      pillars: string[];
    }>
  >('documents.json')
  .sort((a, b) => a.position - b.position);
const groups = api
  .readReference<
    Array<{ slug: string; position: number; createdAt: string | null; pillars: string[]; name: api.Texts }>
  >('technical-groups.json')
  .sort((a, b) => a.position - b.position);
const networks = api
  .readReference<
    Array<{
      slug: string;
      position: number;
      kind: string;
      acronym: string | null;
      origin: { meeting: string; relation: string } | null;
      name: api.Texts;
    }>
  >('networks.json')
  .sort((a, b) => a.position - b.position);
const states = api.readReference<Array<{ slug: string; iso2: string; name: api.Texts }>>('member-states.json');
const pillarCodes = api.readReference<Array<{ code: string }>>('pillars.json').map((p) => p.code);

const bodiesOf = (slug: string) => [
  ...groups
    .filter((g) => g.createdAt === slug)
    .map((g) => ({ kind: 'technical-group', relation: 'created', slug: g.slug, acronym: null })),
  ...networks
    .filter((n) => n.origin?.meeting === slug)
    .map((n) => ({ kind: n.kind, relation: n.origin?.relation, slug: n.slug, acronym: n.acronym })),
];
const pillarsAddressedBy = (slug: string) =>
  new Set([
    ...documents.filter((d) => d.meeting === slug).flatMap((d) => d.pillars),
    ...groups.filter((g) => g.createdAt === slug).flatMap((g) => g.pillars),
  ]);

const NASTY = api.nastyValues(
  'meeting',
  '../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection payload, meant literally
  '${jndi:ldap://x/a}',
  'NaN',
  'Infinity',
  '1e309',
  '-0',
  '[]',
  'null',
);

describeEachEngine('GET /api/v1/meetings', (ctx) => {
  it('lists the eight meetings in order with hosts, cities and dates', async () => {
    const page = await api.getJson(ctx, '/api/v1/meetings');
    expect(page.lang).toBe('en');
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((m: { slug: string }) => m.slug)).toEqual([
      'mispa-i',
      'mispa-ii',
      'mispa-iii',
      'mispa-iv',
      'mispa-v',
      'mispa-vi',
      'mispa-vii',
      'mispa-viii',
    ]);
    expect(page.items.map((m: { hostState: { slug: string } }) => m.hostState.slug)).toEqual([
      'mx',
      'do',
      'tt',
      'co',
      'pe',
      'hn',
      'ec',
      'do',
    ]);
    for (const [i, expected] of meetings.entries()) {
      const host = states.find((s) => s.slug === expected.hostState);
      expect(page.items[i]).toMatchObject({
        slug: expected.slug,
        number: expected.number,
        ordinal: expected.ordinal,
        shortName: `MISPA ${expected.number}`,
        year: Number(expected.startDate?.slice(0, 4)),
        name: api.localized(expected.name, 'en'),
        city: expected.city,
        startDate: expected.startDate,
        endDate: expected.endDate,
        hostState: { slug: host?.slug, iso2: host?.iso2, name: host && api.localized(host.name, 'en') },
      });
    }
  });

  it('lists with each meeting the documents it adopted, in their order, and how many', async () => {
    const page = await api.getJson(ctx, '/api/v1/meetings');
    for (const meeting of page.items) {
      const expected = documents.filter((d) => d.meeting === meeting.slug).slice(0, LISTED_DOCUMENTS);
      expect(meeting.documentCount).toBe(documents.filter((d) => d.meeting === meeting.slug).length);
      expect(meeting.documents.map((d: { slug: string }) => d.slug)).toEqual(expected.map((d) => d.slug));
      for (const [i, d] of expected.entries()) {
        expect(meeting.documents[i]).toMatchObject({
          type: d.type,
          symbol: d.symbol,
          title: d.title && api.localized(d.title, 'en'),
        });
      }
    }
  });

  it('lists with each meeting the groups, networks and programs it created or presented', async () => {
    const page = await api.getJson(ctx, '/api/v1/meetings');
    for (const meeting of page.items) {
      expect(
        meeting.bodies.map(({ kind, relation, slug, acronym }: Record<string, unknown>) => ({
          kind,
          relation,
          slug,
          acronym,
        })),
      ).toEqual(bodiesOf(meeting.slug));
    }
    const fifth = page.items.find((m: { slug: string }) => m.slug === 'mispa-v');
    expect(fifth.bodies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'network', slug: 'riap', acronym: 'RIAP', relation: 'created' }),
        expect.objectContaining({ kind: 'network', slug: 'redppol', acronym: 'REDPPOL', relation: 'presented' }),
        expect.objectContaining({ kind: 'technical-group', slug: 'prevention', relation: 'created' }),
      ]),
    );
  });

  it.each(LANGS)('gives the names of meetings, hosts and documents in %s with lang', async (lang) => {
    const page = await api.getJson(ctx, `/api/v1/meetings?lang=${lang}`);
    expect(page.lang).toBe(lang);
    for (const [i, expected] of meetings.entries()) {
      const item = page.items[i];
      expect(item.name).toEqual(api.localized(expected.name, lang));
      const host = states.find((s) => s.slug === expected.hostState);
      expect(item.hostState.name).toEqual(host && api.localized(host.name, lang));
      for (const doc of item.documents) {
        const title = documents.find((d) => d.slug === doc.slug)?.title;
        expect(doc.title).toEqual(title ? api.localized(title, lang) : null);
      }
    }
  });

  it.each([
    ['es-MX,es;q=0.9', 'es'],
    ['fr-CA', 'fr'],
    ['de-DE, pt;q=0.5, en;q=0.1', 'pt'],
    ['de', 'en'],
  ] as const)('honours Accept-Language %s when lang is absent', async (header, lang) => {
    const page = await api.getJson(ctx, '/api/v1/meetings?limit=1', { 'accept-language': header });
    expect(page.lang).toBe(lang);
    expect(page.items[0].name).toEqual(api.localized(meetings[0]?.name as api.Texts, lang));
  });

  it('names the cities in the reader’s language where a standard name exists (data/reference/cities.json)', async () => {
    const cities = async (lang: string) =>
      Object.fromEntries(
        (await api.getJson(ctx, `/api/v1/meetings?lang=${lang}`)).items.map((m: { slug: string; city: string }) => [
          m.slug,
          m.city,
        ]),
      );
    const [en, es, fr, pt] = await Promise.all([cities('en'), cities('es'), cities('fr'), cities('pt')]);
    expect([en['mispa-i'], es['mispa-i'], fr['mispa-i'], pt['mispa-i']]).toEqual([
      'Mexico City',
      'Ciudad de México',
      'Mexico',
      'Cidade do México',
    ]);
    expect([en['mispa-iii'], es['mispa-iii'], fr['mispa-iii'], pt['mispa-iii']]).toEqual([
      'Port of Spain',
      'Puerto España',
      'Port-d’Espagne',
      'Port of Spain',
    ]);
    expect(fr['mispa-ii']).toBe('Saint-Domingue');
    // A city with one name in every language reads the same.
    expect([es['mispa-v'], fr['mispa-v'], pt['mispa-v']]).toEqual(['Lima', 'Lima', 'Lima']);
    const detail = await api.getJson(ctx, '/api/v1/meetings/mispa-i?lang=es');
    expect(detail.city).toBe('Ciudad de México');
  });

  it('prefers lang over Accept-Language', async () => {
    const page = await api.getJson(ctx, '/api/v1/meetings?limit=1&lang=pt', { 'accept-language': 'es' });
    expect(page.lang).toBe('pt');
    expect(page.items[0].name.lang).toBe('pt');
  });

  it('visits every meeting exactly once, in order, walking nextCursor with any limit', async () => {
    const all = meetings.map((m) => m.slug);
    for (let limit = 1; limit <= all.length + 1; limit++)
      expect(await api.walk(ctx, '/api/v1/meetings', limit)).toEqual(all);
  });

  it.each(['0', '101', 'abc', '-1', '1.5', ''])('rejects limit=%s with 400 naming limit', async (limit) => {
    api.expectProblem(await ctx.app.inject({ url: `/api/v1/meetings?limit=${limit}` }), 400, 'limit');
  });

  it.each([
    ['garbage', 'not-a-cursor!'],
    ['a cursor of another list', api.b64(['x', 'y', 'z'])],
    ['a key of the wrong type', api.b64(['mispa-i'])],
    ['a fractional key', api.b64([1.5])],
    ['an object', api.b64({ ordinal: 1 })],
    ['a cursor over 200 characters', 'A'.repeat(201)],
  ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
    api.expectProblem(
      await ctx.app.inject({ url: `/api/v1/meetings?cursor=${encodeURIComponent(cursor)}` }),
      400,
      'cursor',
    );
  });

  it.each(pillarCodes)('filters by pillar=%s to the meetings that adopted or created something of it', async (code) => {
    const page = await api.getJson(ctx, `/api/v1/meetings?pillar=${code}`);
    const expected = meetings.filter((m) => pillarsAddressedBy(m.slug).has(code)).map((m) => m.slug);
    expect(expected.length).toBeGreaterThan(0);
    expect(page.items.map((m: { slug: string }) => m.slug)).toEqual(expected);
  });

  it('filters by memberState to the meetings a state hosted', async () => {
    const page = await api.getJson(ctx, '/api/v1/meetings?memberState=do');
    expect(page.items.map((m: { slug: string }) => m.slug)).toEqual(['mispa-ii', 'mispa-viii']);
    expect((await api.getJson(ctx, '/api/v1/meetings?memberState=us')).items).toEqual([]);
  });

  it('filters by year, alone and with memberState', async () => {
    for (const meeting of meetings) {
      const year = meeting.startDate?.slice(0, 4);
      const page = await api.getJson(ctx, `/api/v1/meetings?year=${year}`);
      expect(page.items.map((m: { slug: string }) => m.slug)).toEqual(
        meetings.filter((m) => m.startDate?.startsWith(`${year}`)).map((m) => m.slug),
      );
    }
    expect((await api.getJson(ctx, '/api/v1/meetings?year=2020')).items).toEqual([]);
    const both = await api.getJson(ctx, '/api/v1/meetings?memberState=do&year=2025');
    expect(both.items.map((m: { slug: string }) => m.slug)).toEqual(['mispa-viii']);
  });

  it('answers an unknown pillar with 400 naming pillar and listing the pillars', async () => {
    const problem = api.expectProblem(
      await ctx.app.inject({ url: '/api/v1/meetings?pillar=security-theatre' }),
      400,
      'pillar',
    );
    for (const code of pillarCodes) expect(problem.detail).toContain(code);
    expect(problem.detail).toContain('security-theatre');
  });

  it('answers an unknown memberState with 400 naming memberState and listing the states', async () => {
    const problem = api.expectProblem(
      await ctx.app.inject({ url: '/api/v1/meetings?memberState=zz' }),
      400,
      'memberState',
    );
    for (const state of states) expect(problem.errors?.[0]?.reason).toContain(state.slug);
  });

  it.each([
    ['year', 'abc'],
    ['year', '1999'],
    ['year', '2101'],
    ['year', '2015.5'],
    ['pillar', 'Prevention'],
    ['pillar', 'a b'],
    ['memberState', 'x'.repeat(61)],
  ])('rejects the malformed %s=%s with 400 naming it', async (name, value) => {
    api.expectProblem(
      await ctx.app.inject({ url: `/api/v1/meetings?${name}=${encodeURIComponent(value)}` }),
      400,
      name,
    );
  });

  it('says what was wrong in Spanish with lang=es', async () => {
    const problem = api.expectProblem(await ctx.app.inject({ url: '/api/v1/meetings?limit=0&lang=es' }), 400, 'limit');
    expect(problem.title).toBe('Parámetro no válido');
  });

  it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
    const etag = await api.expectRevalidation(ctx, '/api/v1/meetings', api.QUOTED_ETAG);
    const spanish = await ctx.app.inject({ url: '/api/v1/meetings?lang=es', headers: { 'if-none-match': etag } });
    expect(spanish.statusCode).toBe(200);
    expect(spanish.headers.etag).not.toBe(etag);
  });

  it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
    await api.expectListSurvivesArbitraryQueries(ctx, '/api/v1/meetings', {
      keys: ['limit', 'cursor', 'lang', 'pillar', 'memberState', 'year', '__proto__', 'constructor', 'limit[]'],
      values: [...NASTY, ...pillarCodes, 'do', 'es', '2015'],
      tails: ['&limit=%C0', '&=x', '&limit=1&limit=2'],
      examples: [
        [`cursor=${api.b64(['abc'])}`],
        [`cursor=${api.b64([1e300])}`],
        [`cursor=${api.b64([-1.5])}`, 'es'],
        [`pillar=${encodeURIComponent("x' OR 1=1 --")}`],
      ],
    });
  });
});

describeEachEngine('GET /api/v1/meetings/:idOrSlug', (ctx) => {
  it('gives MISPA V with its host, documents, bodies, summary, pillars and sources', async () => {
    const expected = meetings.find((m) => m.slug === 'mispa-v');
    const meeting = await api.getJson(ctx, '/api/v1/meetings/mispa-v');
    expect(meeting).toMatchObject({
      slug: 'mispa-v',
      number: 'V',
      shortName: 'MISPA V',
      year: 2015,
      city: expected?.city,
      startDate: expected?.startDate,
      endDate: expected?.endDate,
      hostState: { slug: 'pe' },
      summary: expected?.summary && api.localized(expected.summary, 'en'),
      sources: api.sourcesOf(expected?.sources ?? []),
    });
    expect(meeting.documents.map((d: { slug: string }) => d.slug)).toEqual(
      documents.filter((d) => d.meeting === 'mispa-v').map((d) => d.slug),
    );
    expect(meeting.bodies.map((b: { slug: string }) => b.slug).sort()).toEqual(
      bodiesOf('mispa-v')
        .map((b) => b.slug)
        .sort(),
    );
    expect(new Set(meeting.pillars.map((p: { code: string }) => p.code))).toEqual(pillarsAddressedBy('mispa-v'));
  });

  it('gives for every meeting the pillars its documents and groups address', async () => {
    for (const expected of meetings) {
      const meeting = await api.getJson(ctx, `/api/v1/meetings/${expected.slug}`);
      expect(meeting.pillars.map((p: { code: string }) => p.code).sort()).toEqual(
        [...pillarsAddressedBy(expected.slug)].sort(),
      );
      expect(meeting.sources).toEqual(api.sourcesOf(expected.sources));
    }
    const first = await api.getJson(ctx, '/api/v1/meetings/mispa-i');
    expect(first.pillars.map((p: { code: string }) => p.code)).toEqual(pillarCodes);
  });

  it('finds a meeting by its id as well as by its slug', async () => {
    const bySlug = await api.getJson(ctx, '/api/v1/meetings/mispa-vii');
    const byId = await api.getJson(ctx, `/api/v1/meetings/${bySlug.id}`);
    expect(byId).toEqual(bySlug);
  });

  it.each(LANGS)('gives the name and summary in %s with lang', async (lang) => {
    const expected = meetings.find((m) => m.slug === 'mispa-viii');
    const meeting = await api.getJson(ctx, `/api/v1/meetings/mispa-viii?lang=${lang}`);
    expect(meeting.name).toEqual(expected && api.localized(expected.name, lang));
    expect(meeting.summary).toEqual(expected?.summary && api.localized(expected.summary, lang));
    expect(meeting.hostState.name.lang).toBe(lang);
  });

  it('honours Accept-Language when lang is absent', async () => {
    const meeting = await api.getJson(ctx, '/api/v1/meetings/mispa-ii', { 'accept-language': 'fr-CA,fr;q=0.9' });
    expect(meeting.name).toEqual(api.localized(meetings[1]?.name as api.Texts, 'fr'));
  });

  it('answers an unknown meeting with 404 naming it', async () => {
    const problem = api.expectProblem(await ctx.app.inject({ url: '/api/v1/meetings/mispa-ix' }), 404);
    expect(problem.detail).toContain('meeting');
    expect(problem.detail).toContain('"mispa-ix"');
  });

  it('answers an unknown meeting in Spanish with lang=es', async () => {
    const problem = api.expectProblem(await ctx.app.inject({ url: '/api/v1/meetings/mispa-ix?lang=es' }), 404);
    expect(problem.title).toBe('No encontrado');
    expect(problem.detail).toContain('reunión');
    expect(problem.detail).toContain('"mispa-ix"');
  });

  it('rejects an id longer than 100 characters with 400 naming idOrSlug', async () => {
    api.expectProblem(await ctx.app.inject({ url: `/api/v1/meetings/${'m'.repeat(101)}` }), 400, 'idOrSlug');
  });

  it('returns an ETag and answers 304 to If-None-Match', async () => {
    await api.expectRevalidation(ctx, '/api/v1/meetings/mispa-iv');
  });

  it('answers arbitrary path segments with 200, 400 or 404 only', async () => {
    await api.expectDetailSurvivesArbitrarySegments(
      ctx,
      '/api/v1/meetings',
      [...NASTY, ...meetings.map((m) => m.slug)],
      ['\u0000', 'mispa-v\u0000', 'é'.repeat(150), 'x'.repeat(201)],
    );
  });
});

describeEachEngine('GET /api/v1/meetings?kind=', (ctx) => {
  it('lists only the meetings of that kind, and refuses an unknown kind naming kind', async () => {
    const preparatory = await buildMeeting(ctx.database.db, { status: 'convened', kind: 'preparatory' });
    const slugsOf = async (query: string) =>
      (await api.getJson(ctx, `/api/v1/meetings?limit=100${query}`)).items.map((m: { slug: string }) => m.slug);
    expect(await slugsOf('&kind=ministerial')).toEqual(meetings.map((m) => m.slug));
    expect(await slugsOf('&kind=preparatory')).toEqual([preparatory.slug]);
    expect(await slugsOf('&kind=technical-group')).toEqual([]);
    expect(await slugsOf('')).toEqual([...meetings.map((m) => m.slug), preparatory.slug]);
    api.expectProblem(await ctx.app.inject({ url: '/api/v1/meetings?kind=summit' }), 400, 'kind');
  });
});

// Its own database: the meeting it adds would change the other lists' expectations.
describeEachEngine('GET /api/v1/meetings: documents named', (ctx) => {
  it('names in a list only the first documents a meeting adopted, in the detail all of them', async () => {
    const db = ctx.database.db;
    const meeting = await buildMeeting(db, { startsAt: '2031-03-04T14:00:00.000Z' });
    // Positions against the slugs' order, and one document not adopted, which neither names nor counts.
    const statuses = ['adopted', 'adopted', 'draft', 'adopted', 'adopted', 'adopted'] as const;
    const now = new Date().toISOString();
    await db
      .insertInto('document')
      .values(
        statuses.map((status, i) => ({
          id: uuidv7(),
          slug: `${meeting.slug}-doc-${i}`,
          meeting_id: meeting.id,
          position: statuses.length - i,
          type: 'declaration',
          symbol: null,
          adopted_on: status === 'adopted' ? '2031-03-05' : null,
          status,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    const adopted = [5, 4, 3, 1, 0].map((i) => `${meeting.slug}-doc-${i}`);
    const page = await api.getJson(ctx, '/api/v1/meetings?year=2031');
    const listed = page.items.find((m: { slug: string }) => m.slug === meeting.slug);
    expect(listed.documentCount).toBe(adopted.length);
    expect(listed.documents.map((d: { slug: string }) => d.slug)).toEqual(adopted.slice(0, LISTED_DOCUMENTS));
    const detail = await api.getJson(ctx, `/api/v1/meetings/${meeting.slug}`);
    expect(detail.documentCount).toBe(adopted.length);
    expect(detail.documents.map((d: { slug: string }) => d.slug)).toEqual(adopted);
  });
});
