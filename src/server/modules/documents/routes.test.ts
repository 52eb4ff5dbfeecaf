import { expect, it } from 'vitest';
import type { Lang } from '../../../contract/common.js';
import { LANGS } from '../../../domain/languages.js';
import * as api from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';

/** Expected values come from the reference files the test database was loaded with. */
const meetings =
  api.readReference<
    Array<{ slug: string; number: string; ordinal: number; hostState: string | null; startDate: string | null }>
  >('meetings.json');
const meetingOf = (slug: string) => meetings.find((m) => m.slug === slug) as (typeof meetings)[number];
type DocumentRow = {
  slug: string;
  meeting: string;
  position: number;
  type: string;
  symbol: string | null;
  adoptedOn: string | null;
  title: api.Texts | null;
  description: api.Texts | null;
  pillars: string[];
  links: Array<{ relation: string; document: string; source: string }>;
  sources: api.SourceRow[];
};
const documents = api
  .readReference<DocumentRow[]>('documents.json')
  .sort(
    (a, b) =>
      meetingOf(a.meeting).ordinal - meetingOf(b.meeting).ordinal ||
      a.position - b.position ||
      (a.slug < b.slug ? -1 : 1),
  );
/** The historic documents' footnotes known from public sources. */
const footnotes =
  api.readReference<
    Array<{
      document: string;
      state: string;
      kind: string;
      concerns: unknown[];
      lang: string;
      text: string;
      official: boolean;
      sources: api.SourceRow[];
    }>
  >('document-footnotes.json');
const pillars = api
  .readReference<Array<{ code: string; position: number }>>('pillars.json')
  .sort((a, b) => a.position - b.position);
const stateSlugs = api.readReference<Array<{ slug: string }>>('member-states.json').map((s) => s.slug);

const NASTY = api.nastyValues('document', 'NaN', '1e309');

/** The document as the API should present it, from its reference row. */
function expectedDocument(d: DocumentRow, lang: Lang) {
  const meeting = meetingOf(d.meeting);
  return {
    id: expect.any(String),
    slug: d.slug,
    type: d.type,
    symbol: d.symbol,
    title: d.title && api.localized(d.title, lang),
    meeting: api.meetingRef(meeting),
    adoptedOn: d.adoptedOn,
    description: d.description && api.localized(d.description, lang),
    pillars: pillars
      .filter((p) => d.pillars.includes(p.code))
      .map((p) => expect.objectContaining({ code: p.code, name: expect.objectContaining({ lang }) })),
    sources: api.sourcesOf(d.sources),
    // The historic documents are adopted, and the platform does not hold their text yet.
    status: 'adopted',
    historic: true,
    textHeld: false,
    textSource: d.sources[0]?.url ?? null,
    originalLang: null,
    languages: [],
    version: 1,
  };
}

const bySlug = (a: { slug?: string; document?: string }, b: { slug?: string; document?: string }) =>
  String(a.slug ?? a.document).localeCompare(String(b.slug ?? b.document));

/** A historic document's detail: its list item, an empty body, and its links on both sides. */
function expectedDetail(d: DocumentRow, lang: Lang) {
  const end = (slug: string, relation: string, source: string) =>
    expect.objectContaining({ relation, source, document: expect.objectContaining({ slug }) });
  return {
    ...expectedDocument(d, lang),
    body: [],
    leftToTranslate: {},
    links: {
      // Both sides in the order of the other document's slug.
      outgoing: [...d.links].sort(bySlug).map((l) => end(l.document, l.relation, l.source)),
      incoming: [...documents]
        .sort(bySlug)
        .flatMap((other) =>
          other.links.filter((l) => l.document === d.slug).map((l) => end(other.slug, l.relation, l.source)),
        ),
    },
    transitions: [],
    // The platform holds no text of a historic document: nothing negotiated or hashed; its
    // footnotes are those public sources tell of, on the whole text.
    footnotes: footnotes
      .filter((f) => f.document === d.slug)
      .map(({ document: _, state, sources, ...f }) =>
        expect.objectContaining({
          ...f,
          sources: api.sourcesOf(sources),
          nodeId: null,
          state: expect.objectContaining({ slug: state }),
        }),
      ),
    contentHash: null,
    silence: null,
    sections: [],
    // Read by the public: the secretariat alone may import its text.
    can: { update: false, editBody: false, changeStatus: false, importText: false },
  };
}

describeEachEngine('GET /api/v1/documents', (ctx) => {
  it('lists the documents in the order of the meetings that adopted them, with meeting, type, symbol and pillars', async () => {
    const page = await api.getJson(ctx, '/api/v1/documents');
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual(documents.map((d) => expectedDocument(d, 'en')));
    expect(page.items[0]).toMatchObject({
      slug: 'commitment-public-security-americas',
      type: 'commitment',
      meeting: { slug: 'mispa-i' },
    });
  });

  it('gives a null title where no source records one', async () => {
    const page = await api.getJson(ctx, '/api/v1/documents');
    const untitled = documents.filter((d) => d.title === null).map((d) => d.slug);
    expect(untitled.length).toBeGreaterThan(0);
    expect(api.slugs(page.items.filter((d: { title: unknown }) => d.title === null))).toEqual(untitled);
  });

  it.each(LANGS)('gives titles and descriptions in %s, with their official flags, with lang', async (lang) => {
    const page = await api.getJson(ctx, `/api/v1/documents?lang=${lang}`);
    expect(page.lang).toBe(lang);
    expect(page.items).toEqual(documents.map((d) => expectedDocument(d, lang)));
  });

  it('honours Accept-Language when lang is absent', async () => {
    const page = await api.getJson(ctx, '/api/v1/documents?limit=1', { 'accept-language': 'es-MX,es;q=0.9' });
    expect(page.items[0].title).toEqual(api.localized(documents[0]?.title as api.Texts, 'es'));
    expect(page.items[0].title.official).toBe(documents[0]?.title?.es.official);
  });

  it('visits every document exactly once, in order, walking nextCursor with any limit', async () => {
    const all = api.slugs(documents);
    for (let limit = 1; limit <= all.length + 1; limit++)
      expect(await api.walk(ctx, '/api/v1/documents', limit)).toEqual(all);
  });

  it.each(pillars.map((p) => p.code))('filters by pillar=%s', async (code) => {
    const page = await api.getJson(ctx, `/api/v1/documents?pillar=${code}`);
    expect(api.slugs(page.items)).toEqual(api.slugs(documents.filter((d) => d.pillars.includes(code))));
  });

  it.each(meetings.map((m) => m.slug))('filters by meeting=%s', async (slug) => {
    const page = await api.getJson(ctx, `/api/v1/documents?meeting=${slug}`);
    const expected = api.slugs(documents.filter((d) => d.meeting === slug));
    expect(expected.length).toBeGreaterThan(0);
    expect(api.slugs(page.items)).toEqual(expected);
  });

  it('filters by memberState to the documents of the meetings a state hosted', async () => {
    for (const state of ['do', 'ec', 'us']) {
      const page = await api.getJson(ctx, `/api/v1/documents?memberState=${state}`);
      expect(api.slugs(page.items)).toEqual(
        api.slugs(documents.filter((d) => meetingOf(d.meeting).hostState === state)),
      );
    }
  });

  it('filters by year of the adopting meeting, and combines filters', async () => {
    for (const year of [2008, 2011, 2025, 2020]) {
      const page = await api.getJson(ctx, `/api/v1/documents?year=${year}`);
      expect(api.slugs(page.items)).toEqual(
        api.slugs(documents.filter((d) => meetingOf(d.meeting).startDate?.startsWith(`${year}-`))),
      );
    }
    const both = await api.getJson(ctx, '/api/v1/documents?meeting=mispa-iii&pillar=police-management');
    expect(api.slugs(both.items)).toEqual(['recommendations-port-of-spain-police-management']);
    const none = await api.getJson(ctx, '/api/v1/documents?meeting=mispa-ii&year=2025');
    expect(none.items).toEqual([]);
  });

  it.each([
    ['pillar', 'cyber', pillars.map((p) => p.code)],
    ['meeting', 'mispa-ix', meetings.map((m) => m.slug)],
    ['memberState', 'zz', stateSlugs],
  ])('answers an unknown %s with 400 naming it and listing what is allowed', async (name, value, allowed) => {
    const problem = api.expectProblem(await ctx.app.inject({ url: `/api/v1/documents?${name}=${value}` }), 400, name);
    for (const slug of allowed) expect(problem.detail).toContain(slug);
  });

  it.each([
    ['year', 'abc'],
    ['year', '1900'],
    ['meeting', 'MISPA-I'],
    ['pillar', 'prevention;'],
    ['memberState', 'e c'],
  ])('rejects the malformed %s=%s with 400 naming it', async (name, value) => {
    api.expectProblem(
      await ctx.app.inject({ url: `/api/v1/documents?${name}=${encodeURIComponent(value)}` }),
      400,
      name,
    );
  });

  it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
    api.expectProblem(await ctx.app.inject({ url: `/api/v1/documents?limit=${limit}` }), 400, 'limit');
  });

  it.each([
    ['garbage', '....'],
    ['a cursor of another list', api.b64([3])],
    ['a key of the wrong types', api.b64(['one', 'two', 3])],
    ['a fractional key', api.b64([1.5, 1, 'commitment-public-security-americas'])],
  ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
    api.expectProblem(
      await ctx.app.inject({ url: `/api/v1/documents?cursor=${encodeURIComponent(cursor)}` }),
      400,
      'cursor',
    );
  });

  it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
    await api.expectRevalidation(ctx, '/api/v1/documents?pillar=prevention', api.QUOTED_ETAG);
  });

  it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
    await api.expectListSurvivesArbitraryQueries(ctx, '/api/v1/documents', {
      keys: ['limit', 'cursor', 'lang', 'pillar', 'memberState', 'meeting', 'year', '__proto__'],
      values: [...NASTY, ...pillars.map((p) => p.code), 'mispa-v', 'do', '2015'],
      tails: ['&meeting=%C0', '&meeting=mispa-i&meeting=mispa-ii'],
      examples: [[`cursor=${api.b64(['a', 'b', 'c'])}`], [`cursor=${api.b64([1, 1, '\u0000'])}`]],
    });
  });
});

describeEachEngine('GET /api/v1/documents/:idOrSlug', (ctx) => {
  it('gives every document by its slug, with its meeting, pillars and sources', async () => {
    for (const d of documents)
      expect(await api.getJson(ctx, `/api/v1/documents/${d.slug}`)).toEqual(expectedDetail(d, 'en'));
  });

  it('gives the Commitment to Public Security in the Americas with all five pillars', async () => {
    const commitment = await api.getJson(ctx, '/api/v1/documents/commitment-public-security-americas');
    expect(commitment).toMatchObject({
      type: 'commitment',
      meeting: { slug: 'mispa-i', shortName: 'MISPA I', year: 2008 },
    });
    expect(commitment.pillars.map((p: { code: string }) => p.code)).toEqual(pillars.map((p) => p.code));
  });

  it('shows on both sides that the Consensus of Santo Domingo reaffirms the Commitment, with its source', async () => {
    const consensus = await api.getJson(ctx, '/api/v1/documents/consensus-santo-domingo');
    expect(consensus.links.outgoing).toEqual([
      expect.objectContaining({
        relation: 'reaffirms',
        source: 'http://www.state.gov/p/wha/rls/147275.htm',
        document: expect.objectContaining({ slug: 'commitment-public-security-americas', type: 'commitment' }),
      }),
    ]);
    const commitment = await api.getJson(ctx, '/api/v1/documents/commitment-public-security-americas');
    expect(commitment.links.incoming.map((l: { document: { slug: string } }) => l.document.slug)).toEqual([
      'consensus-santo-domingo',
      'recommendations-lima',
      'recommendations-medellin',
      'recommendations-port-of-spain-police-management',
    ]);
    expect(commitment.links.outgoing).toEqual([]);
  });

  it('finds a document by its id as well as by its slug', async () => {
    const bySlug = await api.getJson(ctx, '/api/v1/documents/recommendations-lima');
    expect(await api.getJson(ctx, `/api/v1/documents/${bySlug.id}`)).toEqual(bySlug);
  });

  it.each(LANGS)('gives the document in %s with lang', async (lang) => {
    const d = documents.find((x) => x.slug === 'recommendations-medellin') as DocumentRow;
    expect(await api.getJson(ctx, `/api/v1/documents/${d.slug}?lang=${lang}`)).toEqual(expectedDetail(d, lang));
  });

  it('answers an unknown document with 404 naming it, in Spanish with lang=es', async () => {
    const english = api.expectProblem(await ctx.app.inject({ url: '/api/v1/documents/declaration-of-atlantis' }), 404);
    expect(english.detail).toContain('document');
    expect(english.detail).toContain('"declaration-of-atlantis"');
    const spanish = api.expectProblem(
      await ctx.app.inject({ url: '/api/v1/documents/declaration-of-atlantis?lang=es' }),
      404,
    );
    expect(spanish.title).toBe('No encontrado');
    expect(spanish.detail).toContain('documento');
    expect(spanish.detail).toContain('"declaration-of-atlantis"');
  });

  it('returns an ETag and answers 304 to If-None-Match', async () => {
    await api.expectRevalidation(ctx, '/api/v1/documents/recommendations-quito');
  });

  it('answers arbitrary path segments with 200, 400 or 404 only', async () => {
    await api.expectDetailSurvivesArbitrarySegments(
      ctx,
      '/api/v1/documents',
      [...NASTY, ...api.slugs(documents)],
      ['\u0000', 'recommendations-lima\u0000', 'x'.repeat(201)],
    );
  });
});
