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
const pillars = read<Array<{ code: string; position: number; name: Texts; description: Texts; sources: SourceRow[] }>>(
  'pillars.json',
).sort((a, b) => a.position - b.position);

const localized = (texts: Texts, lang: Lang) => ({ text: texts[lang].text, lang, official: texts[lang].official });
const sourcesOf = (rows: SourceRow[]) =>
  rows.map((s) => ({ url: s.url, note: s.note ?? null, field: s.field ?? null }));
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const NASTY = [
  "' OR '1'='1",
  '1; DROP TABLE pillar; --',
  '<script>alert(1)</script>',
  '\u0000',
  '%00',
  'NaN',
  '1e309',
  '\u202e\ud83d\udca5',
];

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
    const page = await getJson(ctx, `${url}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((item: { code: string }) => item.code));
    cursor = page.nextCursor;
    if (cursor === null) return seen;
    expect(page.items).toHaveLength(limit);
  }
  throw new Error(`${url}: nextCursor never became null`);
}

describeEachEngine('GET /api/v1/pillars', (ctx) => {
  it('lists the five pillars in order with their names, descriptions and sources', async () => {
    const page = await getJson(ctx, '/api/v1/pillars');
    expect(page).toEqual({
      lang: 'en',
      nextCursor: null,
      items: pillars.map((p) => ({
        id: expect.any(String),
        code: p.code,
        position: p.position,
        name: localized(p.name, 'en'),
        description: localized(p.description, 'en'),
        sources: sourcesOf(p.sources),
      })),
    });
    expect(page.items.map((p: { code: string }) => p.code)).toEqual([
      'public-security-management',
      'prevention',
      'police-management',
      'citizen-community-participation',
      'international-cooperation',
    ]);
  });

  it.each(LANGS)('gives names and descriptions in %s, with their official flags, with lang', async (lang) => {
    const page = await getJson(ctx, `/api/v1/pillars?lang=${lang}`);
    expect(page.lang).toBe(lang);
    expect(page.items.map((p: { name: unknown; description: unknown }) => [p.name, p.description])).toEqual(
      pillars.map((p) => [localized(p.name, lang), localized(p.description, lang)]),
    );
  });

  it('honours Accept-Language when lang is absent, and lang over it', async () => {
    const spanish = await getJson(ctx, '/api/v1/pillars', { 'accept-language': 'es-MX,es;q=0.9' });
    expect(spanish.items[0].name).toEqual(localized(pillars[0]?.name as Texts, 'es'));
    const french = await getJson(ctx, '/api/v1/pillars?lang=fr', { 'accept-language': 'es-MX,es;q=0.9' });
    expect(french.items[0].name).toEqual(localized(pillars[0]?.name as Texts, 'fr'));
  });

  it('visits every pillar exactly once, in order, walking nextCursor with any limit', async () => {
    const all = pillars.map((p) => p.code);
    for (let limit = 1; limit <= all.length + 1; limit++)
      expect(await walk(ctx, '/api/v1/pillars', limit)).toEqual(all);
  });

  it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
    expectProblem(await ctx.app.inject({ url: `/api/v1/pillars?limit=${limit}` }), 400, 'limit');
  });

  it.each([
    ['garbage', 'garbage'],
    ['a key of the wrong type', b64(['prevention'])],
    ['a fractional key', b64([2.5])],
    ['a cursor of another list', b64([1, 2])],
  ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
    expectProblem(await ctx.app.inject({ url: `/api/v1/pillars?cursor=${encodeURIComponent(cursor)}` }), 400, 'cursor');
  });

  it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
    const first = await ctx.app.inject({ url: '/api/v1/pillars' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^(W\/)?".+"$/);
    const again = await ctx.app.inject({ url: '/api/v1/pillars', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
    const key = fc.oneof(
      fc.constantFrom('limit', 'cursor', 'lang', '__proto__'),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme-ascii', minLength: 2000, maxLength: 6000 }),
      fc.constantFrom(...NASTY, ...LANGS),
      fc.integer().map(String),
      fc.double().map(String),
      fc.array(fc.oneof(fc.integer(), fc.double(), fc.string({ unit: 'binary' })), { maxLength: 4 }).map(b64),
      fc.jsonValue().map(b64),
    );
    const raw = fc.constantFrom('', '&', '&&=', '&%', '&lang=%C0', '&lang=es&lang=fr');
    const query = fc
      .tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), raw)
      .map(
        ([pairs, tail]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') + tail,
      );
    const acceptLanguage = fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(query, acceptLanguage, async (qs, header) => {
        const res = await ctx.app.inject({
          url: `/api/v1/pillars?${qs}`,
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
          [`cursor=${b64(['x'])}`, undefined],
          [`cursor=${b64([1e300])}`, undefined],
        ],
      },
    );
  });
});

describeEachEngine('GET /api/v1/pillars/:idOrSlug', (ctx) => {
  it('gives each pillar by its code', async () => {
    for (const expected of pillars) {
      const pillar = await getJson(ctx, `/api/v1/pillars/${expected.code}`);
      expect(pillar).toEqual({
        id: expect.any(String),
        code: expected.code,
        position: expected.position,
        name: localized(expected.name, 'en'),
        description: localized(expected.description, 'en'),
        sources: sourcesOf(expected.sources),
      });
    }
  });

  it('finds a pillar by its id as well as by its code', async () => {
    const byCode = await getJson(ctx, '/api/v1/pillars/prevention');
    expect(await getJson(ctx, `/api/v1/pillars/${byCode.id}`)).toEqual(byCode);
  });

  it.each(LANGS)('gives the pillar in %s with lang', async (lang) => {
    const pillar = await getJson(ctx, `/api/v1/pillars/police-management?lang=${lang}`);
    const expected = pillars.find((p) => p.code === 'police-management') as (typeof pillars)[number];
    expect([pillar.name, pillar.description]).toEqual([
      localized(expected.name, lang),
      localized(expected.description, lang),
    ]);
  });

  it('answers an unknown pillar with 404 naming it, in Spanish with lang=es', async () => {
    const english = expectProblem(await ctx.app.inject({ url: '/api/v1/pillars/cyber' }), 404);
    expect(english.detail).toContain('pillar');
    expect(english.detail).toContain('"cyber"');
    const spanish = expectProblem(await ctx.app.inject({ url: '/api/v1/pillars/cyber?lang=es' }), 404);
    expect(spanish.title).toBe('No encontrado');
    expect(spanish.detail).toContain('pilar');
    expect(spanish.detail).toContain('"cyber"');
  });

  it('returns an ETag and answers 304 to If-None-Match', async () => {
    const first = await ctx.app.inject({ url: '/api/v1/pillars/prevention' });
    expect(first.headers.etag).toBeTruthy();
    const again = await ctx.app.inject({
      url: '/api/v1/pillars/prevention',
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
      fc.constantFrom(...NASTY, ...pillars.map((p) => p.code)),
    );
    await fc.assert(
      fc.asyncProperty(segment, async (s) => {
        const res = await ctx.app.inject({ url: `/api/v1/pillars/${encodeURIComponent(s)}` });
        expect([200, 400, 404], `${JSON.stringify(s)} → ${res.body.slice(0, 300)}`).toContain(res.statusCode);
        if (res.statusCode !== 200) expectProblem(res, res.statusCode);
      }),
      { numRuns: 200, endOnFailure: true, examples: [['\u0000'], ['x'.repeat(101)], ['x'.repeat(201)]] },
    );
  });
});
