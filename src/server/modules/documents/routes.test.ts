import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { LANGS, type Lang } from '../../../contract/common.js';
import { type AppContext, describeEachEngine, referenceDir } from '../../testing/harness.js';

/** Expected values come from the reference files the test database was loaded with. */
type Texts = Record<Lang, { text: string; official: boolean }>;
type SourceRow = { url: string; note?: string; field?: string };
const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(referenceDir, file), 'utf8')) as T;
const meetings =
  read<Array<{ slug: string; number: string; ordinal: number; hostState: string | null; startDate: string | null }>>(
    'meetings.json',
  );
const meetingOf = (slug: string) => meetings.find((m) => m.slug === slug) as (typeof meetings)[number];
type DocumentRow = {
  slug: string;
  meeting: string;
  position: number;
  type: string;
  symbol: string | null;
  adoptedOn: string | null;
  title: Texts | null;
  description: Texts | null;
  pillars: string[];
  sources: SourceRow[];
};
const documents = read<DocumentRow[]>('documents.json').sort(
  (a, b) =>
    meetingOf(a.meeting).ordinal - meetingOf(b.meeting).ordinal ||
    a.position - b.position ||
    (a.slug < b.slug ? -1 : 1),
);
const pillars = read<Array<{ code: string; position: number }>>('pillars.json').sort((a, b) => a.position - b.position);
const stateSlugs = read<Array<{ slug: string }>>('member-states.json').map((s) => s.slug);

const localized = (texts: Texts, lang: Lang) => ({ text: texts[lang].text, lang, official: texts[lang].official });
const sourcesOf = (rows: SourceRow[]) =>
  rows.map((s) => ({ url: s.url, note: s.note ?? null, field: s.field ?? null }));
const slugs = (items: Array<{ slug: string }>) => items.map((i) => i.slug);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const NASTY = [
  "' OR '1'='1",
  '1; DROP TABLE document; --',
  '<script>alert(1)</script>',
  '\u0000',
  '%00',
  'NaN',
  '1e309',
  '\u202e\ud83d\udca5',
];

/** The document as the API should present it, from its reference row. */
function expectedDocument(d: DocumentRow, lang: Lang) {
  const meeting = meetingOf(d.meeting);
  return {
    id: expect.any(String),
    slug: d.slug,
    type: d.type,
    symbol: d.symbol,
    title: d.title && localized(d.title, lang),
    meeting: {
      id: expect.any(String),
      slug: meeting.slug,
      shortName: `MISPA ${meeting.number}`,
      year: Number(meeting.startDate?.slice(0, 4)),
    },
    adoptedOn: d.adoptedOn,
    description: d.description && localized(d.description, lang),
    pillars: pillars
      .filter((p) => d.pillars.includes(p.code))
      .map((p) => expect.objectContaining({ code: p.code, name: expect.objectContaining({ lang }) })),
    sources: sourcesOf(d.sources),
  };
}

function expectProblem(res: LightMyRequestResponse, status: number, parameter?: string) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  expect(body.title.length * body.detail.length).toBeGreaterThan(0);
  if (parameter !== undefined) expect(body.errors?.[0]?.name).toBe(parameter);
  return body as { title: string; detail: string };
}

async function getJson(ctx: AppContext, url: string, headers: Record<string, string> = {}) {
  const res = await ctx.app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
}

async function walk(ctx: AppContext, url: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await getJson(
      ctx,
      `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...slugs(page.items));
    cursor = page.nextCursor;
    if (cursor === null) return seen;
    expect(page.items).toHaveLength(limit);
  }
  throw new Error(`${url}: nextCursor never became null`);
}

describeEachEngine('GET /api/v1/documents', (ctx) => {
  it('lists the documents in the order of the meetings that adopted them, with meeting, type, symbol and pillars', async () => {
    const page = await getJson(ctx, '/api/v1/documents');
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual(documents.map((d) => expectedDocument(d, 'en')));
    expect(page.items[0]).toMatchObject({
      slug: 'commitment-public-security-americas',
      type: 'commitment',
      meeting: { slug: 'mispa-i' },
    });
  });

  it('gives a null title where no source records one', async () => {
    const page = await getJson(ctx, '/api/v1/documents');
    const untitled = documents.filter((d) => d.title === null).map((d) => d.slug);
    expect(untitled.length).toBeGreaterThan(0);
    expect(slugs(page.items.filter((d: { title: unknown }) => d.title === null))).toEqual(untitled);
  });

  it.each(LANGS)('gives titles and descriptions in %s, with their official flags, with lang', async (lang) => {
    const page = await getJson(ctx, `/api/v1/documents?lang=${lang}`);
    expect(page.lang).toBe(lang);
    expect(page.items).toEqual(documents.map((d) => expectedDocument(d, lang)));
  });

  it('honours Accept-Language when lang is absent', async () => {
    const page = await getJson(ctx, '/api/v1/documents?limit=1', { 'accept-language': 'es-MX,es;q=0.9' });
    expect(page.items[0].title).toEqual(localized(documents[0]?.title as Texts, 'es'));
    expect(page.items[0].title.official).toBe(documents[0]?.title?.es.official);
  });

  it('visits every document exactly once, in order, walking nextCursor with any limit', async () => {
    const all = slugs(documents);
    for (let limit = 1; limit <= all.length + 1; limit++)
      expect(await walk(ctx, '/api/v1/documents', limit)).toEqual(all);
  });

  it.each(pillars.map((p) => p.code))('filters by pillar=%s', async (code) => {
    const page = await getJson(ctx, `/api/v1/documents?pillar=${code}`);
    expect(slugs(page.items)).toEqual(slugs(documents.filter((d) => d.pillars.includes(code))));
  });

  it.each(meetings.map((m) => m.slug))('filters by meeting=%s', async (slug) => {
    const page = await getJson(ctx, `/api/v1/documents?meeting=${slug}`);
    const expected = slugs(documents.filter((d) => d.meeting === slug));
    expect(expected.length).toBeGreaterThan(0);
    expect(slugs(page.items)).toEqual(expected);
  });

  it('filters by memberState to the documents of the meetings a state hosted', async () => {
    for (const state of ['do', 'ec', 'us']) {
      const page = await getJson(ctx, `/api/v1/documents?memberState=${state}`);
      expect(slugs(page.items)).toEqual(slugs(documents.filter((d) => meetingOf(d.meeting).hostState === state)));
    }
  });

  it('filters by year of the adopting meeting, and combines filters', async () => {
    for (const year of [2008, 2011, 2025, 2020]) {
      const page = await getJson(ctx, `/api/v1/documents?year=${year}`);
      expect(slugs(page.items)).toEqual(
        slugs(documents.filter((d) => meetingOf(d.meeting).startDate?.startsWith(`${year}-`))),
      );
    }
    const both = await getJson(ctx, '/api/v1/documents?meeting=mispa-iii&pillar=police-management');
    expect(slugs(both.items)).toEqual(['recommendations-port-of-spain-police-management']);
    const none = await getJson(ctx, '/api/v1/documents?meeting=mispa-ii&year=2025');
    expect(none.items).toEqual([]);
  });

  it.each([
    ['pillar', 'cyber', pillars.map((p) => p.code)],
    ['meeting', 'mispa-ix', meetings.map((m) => m.slug)],
    ['memberState', 'zz', stateSlugs],
  ])('answers an unknown %s with 400 naming it and listing what is allowed', async (name, value, allowed) => {
    const problem = expectProblem(await ctx.app.inject({ url: `/api/v1/documents?${name}=${value}` }), 400, name);
    for (const slug of allowed) expect(problem.detail).toContain(slug);
  });

  it.each([
    ['year', 'abc'],
    ['year', '1900'],
    ['meeting', 'MISPA-I'],
    ['pillar', 'prevention;'],
    ['memberState', 'e c'],
  ])('rejects the malformed %s=%s with 400 naming it', async (name, value) => {
    expectProblem(await ctx.app.inject({ url: `/api/v1/documents?${name}=${encodeURIComponent(value)}` }), 400, name);
  });

  it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
    expectProblem(await ctx.app.inject({ url: `/api/v1/documents?limit=${limit}` }), 400, 'limit');
  });

  it.each([
    ['garbage', '....'],
    ['a cursor of another list', b64([3])],
    ['a key of the wrong types', b64(['one', 'two', 3])],
    ['a fractional key', b64([1.5, 1, 'commitment-public-security-americas'])],
  ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
    expectProblem(
      await ctx.app.inject({ url: `/api/v1/documents?cursor=${encodeURIComponent(cursor)}` }),
      400,
      'cursor',
    );
  });

  it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
    const first = await ctx.app.inject({ url: '/api/v1/documents?pillar=prevention' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^(W\/)?".+"$/);
    const again = await ctx.app.inject({
      url: '/api/v1/documents?pillar=prevention',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
    const key = fc.oneof(
      fc.constantFrom('limit', 'cursor', 'lang', 'pillar', 'memberState', 'meeting', 'year', '__proto__'),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme-ascii', minLength: 2000, maxLength: 6000 }),
      fc.constantFrom(...NASTY, ...pillars.map((p) => p.code), 'mispa-v', 'do', '2015'),
      fc.integer().map(String),
      fc.double().map(String),
      fc.array(fc.oneof(fc.integer(), fc.double(), fc.string({ unit: 'binary' })), { maxLength: 4 }).map(b64),
      fc.jsonValue().map(b64),
    );
    const raw = fc.constantFrom('', '&', '&&=', '&%', '&meeting=%C0', '&meeting=mispa-i&meeting=mispa-ii');
    const query = fc
      .tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), raw)
      .map(
        ([pairs, tail]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') + tail,
      );
    const acceptLanguage = fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(query, acceptLanguage, async (qs, header) => {
        const res = await ctx.app.inject({
          url: `/api/v1/documents?${qs}`,
          headers: header ? { 'accept-language': header } : {},
        });
        expect(res.statusCode, `${qs} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode >= 300) expectProblem(res, res.statusCode);
        else expect(Array.isArray(res.json().items)).toBe(true);
      }),
      {
        numRuns: 200,
        endOnFailure: true,
        examples: [
          [`cursor=${b64(['a', 'b', 'c'])}`, undefined],
          [`cursor=${b64([1, 1, '\u0000'])}`, undefined],
        ],
      },
    );
  });
});

describeEachEngine('GET /api/v1/documents/:idOrSlug', (ctx) => {
  it('gives every document by its slug, with its meeting, pillars and sources', async () => {
    for (const d of documents)
      expect(await getJson(ctx, `/api/v1/documents/${d.slug}`)).toEqual(expectedDocument(d, 'en'));
  });

  it('gives the Commitment to Public Security in the Americas with all five pillars', async () => {
    const commitment = await getJson(ctx, '/api/v1/documents/commitment-public-security-americas');
    expect(commitment).toMatchObject({
      type: 'commitment',
      meeting: { slug: 'mispa-i', shortName: 'MISPA I', year: 2008 },
    });
    expect(commitment.pillars.map((p: { code: string }) => p.code)).toEqual(pillars.map((p) => p.code));
  });

  it('finds a document by its id as well as by its slug', async () => {
    const bySlug = await getJson(ctx, '/api/v1/documents/recommendations-lima');
    expect(await getJson(ctx, `/api/v1/documents/${bySlug.id}`)).toEqual(bySlug);
  });

  it.each(LANGS)('gives the document in %s with lang', async (lang) => {
    const d = documents.find((x) => x.slug === 'recommendations-medellin') as DocumentRow;
    expect(await getJson(ctx, `/api/v1/documents/${d.slug}?lang=${lang}`)).toEqual(expectedDocument(d, lang));
  });

  it('answers an unknown document with 404 naming it, in Spanish with lang=es', async () => {
    const english = expectProblem(await ctx.app.inject({ url: '/api/v1/documents/declaration-of-atlantis' }), 404);
    expect(english.detail).toContain('document');
    expect(english.detail).toContain('"declaration-of-atlantis"');
    const spanish = expectProblem(
      await ctx.app.inject({ url: '/api/v1/documents/declaration-of-atlantis?lang=es' }),
      404,
    );
    expect(spanish.title).toBe('No encontrado');
    expect(spanish.detail).toContain('documento');
    expect(spanish.detail).toContain('"declaration-of-atlantis"');
  });

  it('returns an ETag and answers 304 to If-None-Match', async () => {
    const first = await ctx.app.inject({ url: '/api/v1/documents/recommendations-quito' });
    expect(first.headers.etag).toBeTruthy();
    const again = await ctx.app.inject({
      url: '/api/v1/documents/recommendations-quito',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers arbitrary path segments with 200, 400 or 404 only', async () => {
    const segment = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'binary', minLength: 90, maxLength: 300 }),
      fc.constantFrom(...NASTY, ...slugs(documents)),
    );
    await fc.assert(
      fc.asyncProperty(segment, async (s) => {
        const res = await ctx.app.inject({ url: `/api/v1/documents/${encodeURIComponent(s)}` });
        expect([200, 400, 404], `${JSON.stringify(s)} → ${res.body.slice(0, 300)}`).toContain(res.statusCode);
        if (res.statusCode !== 200) expectProblem(res, res.statusCode);
      }),
      { numRuns: 200, endOnFailure: true, examples: [['\u0000'], ['recommendations-lima\u0000'], ['x'.repeat(201)]] },
    );
  });
});
