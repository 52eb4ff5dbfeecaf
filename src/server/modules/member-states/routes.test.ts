import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { LANGS, type Lang } from '../../../contract/common.js';
import { SUBREGIONS } from '../../../contract/reference.js';
import { type AppContext, describeEachEngine, referenceDir } from '../../testing/harness.js';

/** Expected values come from the reference files the test database was loaded with. */
type Texts = Record<Lang, { text: string; official: boolean }>;
type SourceRow = { url: string; note?: string; field?: string };
const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(referenceDir, file), 'utf8')) as T;
const states = read<
  Array<{
    slug: string;
    iso2: string;
    iso3: string;
    isoNumeric: string;
    subregion: string;
    name: Texts;
    sources: SourceRow[];
  }>
>('member-states.json').sort((a, b) => (a.slug < b.slug ? -1 : 1));
const meetings = read<
  Array<{ slug: string; number: string; ordinal: number; hostState: string | null; startDate: string | null }>
>('meetings.json').sort((a, b) => a.ordinal - b.ordinal);
const groups = read<Array<{ slug: string; position: number; leadState: string | null; name: Texts }>>(
  'technical-groups.json',
).sort((a, b) => a.position - b.position);

const localized = (texts: Texts, lang: Lang) => ({ text: texts[lang].text, lang, official: texts[lang].official });
const sourcesOf = (rows: SourceRow[]) =>
  rows.map((s) => ({ url: s.url, note: s.note ?? null, field: s.field ?? null }));
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const NASTY = [
  "' OR '1'='1",
  '1; DROP TABLE member_state; --',
  '<script>alert(1)</script>',
  '\u0000',
  '%00',
  '../../etc/passwd',
  'NaN',
  '1e309',
  '[]',
  '\u202e\ud83d\udca5',
];

function expectProblem(res: LightMyRequestResponse, status: number, parameter?: string) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  expect(body.title.length * body.detail.length).toBeGreaterThan(0);
  if (parameter !== undefined) expect(body.errors?.[0]?.name).toBe(parameter);
  return body as { title: string; detail: string; errors?: Array<{ name: string; reason: string }> };
}

async function getJson(ctx: AppContext, url: string, headers: Record<string, string> = {}) {
  const res = await ctx.app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
}

/** Follows `nextCursor` from the first page to the last and returns the slugs in the order seen. */
async function walk(ctx: AppContext, url: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await getJson(
      ctx,
      `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((item: { slug: string }) => item.slug));
    cursor = page.nextCursor;
    if (cursor === null) return seen;
    expect(page.items).toHaveLength(limit);
  }
  throw new Error(`${url}: nextCursor never became null`);
}

describeEachEngine('GET /api/v1/member-states', (ctx) => {
  it('lists the 35 member states in slug order with their ISO codes, subregion and name', async () => {
    const page = await getJson(ctx, '/api/v1/member-states?limit=100');
    expect(page.nextCursor).toBeNull();
    expect(page.items).toHaveLength(35);
    expect(page.items).toEqual(
      states.map((s) => ({
        id: expect.any(String),
        slug: s.slug,
        iso2: s.iso2,
        iso3: s.iso3,
        isoNumeric: s.isoNumeric,
        subregion: s.subregion,
        name: localized(s.name, 'en'),
      })),
    );
  });

  it('gives 35 states across pages with the default limit of 50 and with limit=10', async () => {
    const first = await getJson(ctx, '/api/v1/member-states');
    expect(first.items).toHaveLength(35);
    expect(first.nextCursor).toBeNull();
    expect(await walk(ctx, '/api/v1/member-states', 10)).toHaveLength(35);
  });

  it('visits every state exactly once, in order, walking nextCursor with any limit from 1 to 36', async () => {
    const all = states.map((s) => s.slug);
    for (let limit = 1; limit <= all.length + 1; limit++)
      expect(await walk(ctx, '/api/v1/member-states', limit)).toEqual(all);
  });

  it('pages through one subregion only, with the filter kept across pages', async () => {
    expect(await walk(ctx, '/api/v1/member-states?subregion=caribbean', 4)).toEqual(
      states.filter((s) => s.subregion === 'caribbean').map((s) => s.slug),
    );
  });

  it.each(SUBREGIONS)('filters by subregion=%s', async (subregion) => {
    const page = await getJson(ctx, `/api/v1/member-states?subregion=${subregion}`);
    const expected = states.filter((s) => s.subregion === subregion).map((s) => s.slug);
    expect(expected.length).toBeGreaterThan(0);
    expect(page.items.map((s: { slug: string }) => s.slug)).toEqual(expected);
  });

  it.each(['mars', 'Caribbean', 'south america', ''])(
    'rejects subregion=%s with 400 naming subregion',
    async (value) => {
      const problem = expectProblem(
        await ctx.app.inject({ url: `/api/v1/member-states?subregion=${encodeURIComponent(value)}` }),
        400,
        'subregion',
      );
      expect(problem.detail).toContain('caribbean');
    },
  );

  it.each(LANGS)('gives the names in %s, with their official flags, with lang', async (lang) => {
    const page = await getJson(ctx, `/api/v1/member-states?limit=100&lang=${lang}`);
    expect(page.lang).toBe(lang);
    expect(page.items.map((s: { name: unknown }) => s.name)).toEqual(states.map((s) => localized(s.name, lang)));
  });

  it.each([
    ['es-MX,es;q=0.9', 'es'],
    ['fr-CA', 'fr'],
    ['pt-BR;q=0.8, de;q=0.9', 'pt'],
    ['', 'en'],
  ] as const)('honours Accept-Language "%s" when lang is absent', async (header, lang) => {
    const page = await getJson(ctx, '/api/v1/member-states?limit=100', header ? { 'accept-language': header } : {});
    expect(page.lang).toBe(lang);
    expect(page.items.map((s: { name: unknown }) => s.name)).toEqual(states.map((s) => localized(s.name, lang)));
  });

  it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
    const problem = expectProblem(await ctx.app.inject({ url: `/api/v1/member-states?limit=${limit}` }), 400, 'limit');
    expect(problem.detail).toContain('limit');
  });

  it.each([
    ['garbage', '%%%not-base64'],
    ['a cursor of another list', b64([1, 'commitment', 'x'])],
    ['a key of the wrong type', b64([5])],
    ['a list of objects', b64([{ slug: 'ec' }])],
    ['an empty key', b64([])],
  ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
    expectProblem(
      await ctx.app.inject({ url: `/api/v1/member-states?cursor=${encodeURIComponent(cursor)}` }),
      400,
      'cursor',
    );
  });

  it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
    const first = await ctx.app.inject({ url: '/api/v1/member-states?subregion=caribbean' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^(W\/)?".+"$/);
    const again = await ctx.app.inject({
      url: '/api/v1/member-states?subregion=caribbean',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await ctx.app.inject({
      url: '/api/v1/member-states?subregion=north-america',
      headers: { 'if-none-match': etag },
    });
    expect(other.statusCode).toBe(200);
  });

  it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
    const key = fc.oneof(
      fc.constantFrom('limit', 'cursor', 'lang', 'subregion', '__proto__', 'constructor', 'subregion[]'),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme-ascii', minLength: 2000, maxLength: 6000 }),
      fc.constantFrom(...NASTY, ...SUBREGIONS, ...LANGS, 'ec'),
      fc.integer().map(String),
      fc.double().map(String),
      fc.array(fc.oneof(fc.integer(), fc.double(), fc.string({ unit: 'binary' })), { maxLength: 4 }).map(b64),
      fc.jsonValue().map(b64),
    );
    const raw = fc.constantFrom(
      '',
      '&',
      '&&=',
      '&%',
      '&subregion=%C0',
      '&=x',
      '&subregion=caribbean&subregion=caribbean',
    );
    const query = fc
      .tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), raw)
      .map(
        ([pairs, tail]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') + tail,
      );
    const acceptLanguage = fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(query, acceptLanguage, async (qs, header) => {
        const res = await ctx.app.inject({
          url: `/api/v1/member-states?${qs}`,
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
          [`cursor=${b64(['\u0000'])}`, undefined],
          [`cursor=${b64([1e300])}`, 'pt'],
        ],
      },
    );
  });
});

describeEachEngine('GET /api/v1/member-states/:idOrSlug', (ctx) => {
  it('gives Ecuador with the groups it leads, MISPA VII it hosted and its sources', async () => {
    const ecuador = states.find((s) => s.slug === 'ec');
    const state = await getJson(ctx, '/api/v1/member-states/ec');
    expect(state).toMatchObject({
      slug: 'ec',
      iso2: 'EC',
      iso3: ecuador?.iso3,
      isoNumeric: ecuador?.isoNumeric,
      subregion: 'south-america',
      name: ecuador && localized(ecuador.name, 'en'),
      sources: sourcesOf(ecuador?.sources ?? []),
    });
    expect(state.meetingsHosted).toEqual([
      { id: expect.any(String), slug: 'mispa-vii', shortName: 'MISPA VII', year: 2019 },
    ]);
    expect(state.groupsLed.map((g: { slug: string }) => g.slug)).toEqual(
      groups.filter((g) => g.leadState === 'ec').map((g) => g.slug),
    );
    expect(state.groupsLed.map((g: { slug: string }) => g.slug)).toContain('prevention');
  });

  it('gives every state the meetings it hosted in order and the groups it leads', async () => {
    for (const expected of states) {
      const state = await getJson(ctx, `/api/v1/member-states/${expected.slug}`);
      expect(state.meetingsHosted.map((m: { slug: string }) => m.slug)).toEqual(
        meetings.filter((m) => m.hostState === expected.slug).map((m) => m.slug),
      );
      expect(state.groupsLed.map((g: { slug: string }) => g.slug)).toEqual(
        groups.filter((g) => g.leadState === expected.slug).map((g) => g.slug),
      );
    }
    const dominicanRepublic = await getJson(ctx, '/api/v1/member-states/do');
    expect(dominicanRepublic.meetingsHosted.map((m: { shortName: string }) => m.shortName)).toEqual([
      'MISPA II',
      'MISPA VIII',
    ]);
    const canada = await getJson(ctx, '/api/v1/member-states/ca');
    expect([canada.meetingsHosted, canada.groupsLed]).toEqual([[], []]);
  });

  it('finds a state by its id as well as by its slug', async () => {
    const bySlug = await getJson(ctx, '/api/v1/member-states/mx');
    expect(await getJson(ctx, `/api/v1/member-states/${bySlug.id}`)).toEqual(bySlug);
  });

  it.each(LANGS)('gives the names of the state and its groups in %s with lang', async (lang) => {
    const state = await getJson(ctx, `/api/v1/member-states/ec?lang=${lang}`);
    expect(state.name).toEqual(localized(states.find((s) => s.slug === 'ec')?.name as Texts, lang));
    expect(state.groupsLed.map((g: { name: unknown }) => g.name)).toEqual(
      groups.filter((g) => g.leadState === 'ec').map((g) => localized(g.name, lang)),
    );
  });

  it('honours Accept-Language when lang is absent', async () => {
    const state = await getJson(ctx, '/api/v1/member-states/br', { 'accept-language': 'pt-BR,pt;q=0.9' });
    expect(state.name).toEqual(localized(states.find((s) => s.slug === 'br')?.name as Texts, 'pt'));
  });

  it('answers an unknown state with 404 naming it', async () => {
    const problem = expectProblem(await ctx.app.inject({ url: '/api/v1/member-states/zz' }), 404);
    expect(problem.detail).toContain('member state');
    expect(problem.detail).toContain('"zz"');
  });

  it('answers an unknown state in Spanish with lang=es', async () => {
    const problem = expectProblem(await ctx.app.inject({ url: '/api/v1/member-states/zz?lang=es' }), 404);
    expect(problem.title).toBe('No encontrado');
    expect(problem.detail).toContain('Estado miembro');
    expect(problem.detail).toContain('"zz"');
  });

  it('rejects lang=de with 400 naming lang', async () => {
    expectProblem(await ctx.app.inject({ url: '/api/v1/member-states/ec?lang=de' }), 400, 'lang');
  });

  it('returns an ETag and answers 304 to If-None-Match', async () => {
    const first = await ctx.app.inject({ url: '/api/v1/member-states/ec' });
    expect(first.headers.etag).toBeTruthy();
    const again = await ctx.app.inject({
      url: '/api/v1/member-states/ec',
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
      fc.constantFrom(...NASTY, ...states.map((s) => s.slug)),
    );
    await fc.assert(
      fc.asyncProperty(segment, async (s) => {
        const res = await ctx.app.inject({ url: `/api/v1/member-states/${encodeURIComponent(s)}` });
        expect([200, 400, 404], `${JSON.stringify(s)} → ${res.body.slice(0, 300)}`).toContain(res.statusCode);
        if (res.statusCode !== 200) expectProblem(res, res.statusCode);
      }),
      { numRuns: 200, endOnFailure: true, examples: [['\u0000'], ['ec\u0000'], ['ñ'.repeat(120)], ['x'.repeat(201)]] },
    );
  });
});
