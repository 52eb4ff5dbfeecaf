import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '../../../contract/common.js';
import { type AppContext, describeEachEngine, referenceDir } from '../../testing/harness.js';

/** Expected values come from the reference files the test database was loaded with. */
type Texts = Record<Lang, { text: string; official: boolean }>;
type SourceRow = { url: string; note?: string; field?: string };
const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(referenceDir, file), 'utf8')) as T;
const objectives = read<Array<{ code: string; position: number; text: Texts; sources: SourceRow[] }>>(
  'objectives.json',
).sort((a, b) => a.position - b.position);
const team = read<Array<{ slug: string; position: number; name: string; role: Texts; sources: SourceRow[] }>>(
  'team.json',
).sort((a, b) => a.position - b.position);
const partners = read<unknown[]>('partners.json');
const pillarCodes = read<Array<{ code: string }>>('pillars.json').map((p) => p.code);

const localized = (texts: Texts, lang: Lang) => ({ text: texts[lang].text, lang, official: texts[lang].official });
const sourcesOf = (rows: SourceRow[]) =>
  rows.map((s) => ({ url: s.url, note: s.note ?? null, field: s.field ?? null }));
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const NASTY = [
  "' OR '1'='1",
  '1; DROP TABLE partner; --',
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

/** Follows `nextCursor` from the first page to the last and returns the keys in the order seen. */
async function walk(
  ctx: AppContext,
  url: string,
  limit: number,
  key: (item: Record<string, unknown>) => unknown,
): Promise<unknown[]> {
  const seen: unknown[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await getJson(ctx, `${url}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map(key));
    cursor = page.nextCursor;
    if (cursor === null) return seen;
    expect(page.items).toHaveLength(limit);
  }
  throw new Error(`${url}: nextCursor never became null`);
}

/** Arbitrary query strings: known and random keys, unicode, huge, injection and tampered-cursor values. */
function arbitraryQuery(keys: string[]) {
  const key = fc.oneof(
    fc.constantFrom(...keys, '__proto__', 'constructor'),
    fc.string({ unit: 'binary', maxLength: 30 }),
  );
  const value = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'grapheme-ascii', minLength: 2000, maxLength: 6000 }),
    fc.constantFrom(...NASTY, ...LANGS, ...pillarCodes),
    fc.integer().map(String),
    fc.double().map(String),
    fc.array(fc.oneof(fc.integer(), fc.double(), fc.string({ unit: 'binary' })), { maxLength: 4 }).map(b64),
    fc.jsonValue().map(b64),
  );
  const raw = fc.constantFrom('', '&', '&&=', '&%', '&lang=%C0', '&limit=1&limit=1');
  return fc
    .tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), raw)
    .map(
      ([pairs, tail]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') + tail,
    );
}

async function neverFails(ctx: AppContext, url: string, keys: string[], examples: string[]) {
  const acceptLanguage = fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), { nil: undefined });
  await fc.assert(
    fc.asyncProperty(arbitraryQuery(keys), acceptLanguage, async (qs, header) => {
      const res = await ctx.app.inject({ url: `${url}?${qs}`, headers: header ? { 'accept-language': header } : {} });
      expect(res.statusCode, `${qs} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
      if (res.statusCode >= 300) expectProblem(res, res.statusCode);
      else expect(Array.isArray(res.json().items)).toBe(true);
    }),
    {
      numRuns: 200,
      endOnFailure: true,
      examples: examples.map((qs) => [qs, undefined] as [string, string | undefined]),
    },
  );
}

describeEachEngine('organisation', (ctx) => {
  describe('GET /api/v1/objectives', () => {
    it('lists the three objectives in order with their texts and sources', async () => {
      const page = await getJson(ctx, '/api/v1/objectives');
      expect(page).toEqual({
        lang: 'en',
        nextCursor: null,
        items: objectives.map((o) => ({
          id: expect.any(String),
          code: o.code,
          position: o.position,
          text: localized(o.text, 'en'),
          sources: sourcesOf(o.sources),
        })),
      });
      expect(page.items).toHaveLength(3);
    });

    it.each(LANGS)('gives the texts in %s, with their official flags, with lang', async (lang) => {
      const page = await getJson(ctx, `/api/v1/objectives?lang=${lang}`);
      expect(page.lang).toBe(lang);
      expect(page.items.map((o: { text: unknown }) => o.text)).toEqual(objectives.map((o) => localized(o.text, lang)));
    });

    it('honours Accept-Language when lang is absent', async () => {
      const page = await getJson(ctx, '/api/v1/objectives', { 'accept-language': 'fr-CA,fr;q=0.9' });
      expect(page.items.map((o: { text: unknown }) => o.text)).toEqual(objectives.map((o) => localized(o.text, 'fr')));
    });

    it('visits every objective exactly once, in order, walking nextCursor with any limit', async () => {
      for (let limit = 1; limit <= objectives.length + 1; limit++) {
        expect(await walk(ctx, '/api/v1/objectives', limit, (o) => o.code)).toEqual(objectives.map((o) => o.code));
      }
    });

    it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
      expectProblem(await ctx.app.inject({ url: `/api/v1/objectives?limit=${limit}` }), 400, 'limit');
    });

    it.each([
      ['garbage', 'x'],
      ['a key of the wrong type', b64(['dialogue-cooperation'])],
    ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
      expectProblem(
        await ctx.app.inject({ url: `/api/v1/objectives?cursor=${encodeURIComponent(cursor)}` }),
        400,
        'cursor',
      );
    });

    it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
      const first = await ctx.app.inject({ url: '/api/v1/objectives' });
      expect(first.headers.etag).toMatch(/^(W\/)?".+"$/);
      const again = await ctx.app.inject({
        url: '/api/v1/objectives',
        headers: { 'if-none-match': first.headers.etag as string },
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    });

    it('has no detail route: /api/v1/objectives/:code is a 404 problem', async () => {
      expectProblem(await ctx.app.inject({ url: `/api/v1/objectives/${objectives[0]?.code}` }), 404);
    });

    it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
      await neverFails(
        ctx,
        '/api/v1/objectives',
        ['limit', 'cursor', 'lang'],
        [`cursor=${b64(['x'])}`, `cursor=${b64([0.5])}`],
      );
    });
  });

  describe('GET /api/v1/team', () => {
    it('lists the team in order with names, roles and sources', async () => {
      const page = await getJson(ctx, '/api/v1/team');
      expect(page).toEqual({
        lang: 'en',
        nextCursor: null,
        items: team.map((m) => ({
          id: expect.any(String),
          slug: m.slug,
          name: m.name,
          role: localized(m.role, 'en'),
          sources: sourcesOf(m.sources),
        })),
      });
    });

    it.each(LANGS)('gives the roles in %s with lang, names unchanged', async (lang) => {
      const page = await getJson(ctx, `/api/v1/team?lang=${lang}`);
      expect(page.items.map((m: { name: string; role: unknown }) => [m.name, m.role])).toEqual(
        team.map((m) => [m.name, localized(m.role, lang)]),
      );
    });

    it('honours Accept-Language when lang is absent', async () => {
      const page = await getJson(ctx, '/api/v1/team', { 'accept-language': 'es-MX,es;q=0.9' });
      expect(page.items.map((m: { role: unknown }) => m.role)).toEqual(team.map((m) => localized(m.role, 'es')));
    });

    it('visits every member exactly once, in order, walking nextCursor with any limit', async () => {
      for (let limit = 1; limit <= team.length + 1; limit++) {
        expect(await walk(ctx, '/api/v1/team', limit, (m) => m.slug)).toEqual(team.map((m) => m.slug));
      }
    });

    it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
      expectProblem(await ctx.app.inject({ url: `/api/v1/team?limit=${limit}` }), 400, 'limit');
    });

    it.each([
      ['garbage', 'not a cursor'],
      ['a key of the wrong type', b64(['steven-griner'])],
    ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
      expectProblem(await ctx.app.inject({ url: `/api/v1/team?cursor=${encodeURIComponent(cursor)}` }), 400, 'cursor');
    });

    it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
      const first = await ctx.app.inject({ url: '/api/v1/team' });
      expect(first.headers.etag).toMatch(/^(W\/)?".+"$/);
      const again = await ctx.app.inject({
        url: '/api/v1/team',
        headers: { 'if-none-match': first.headers.etag as string },
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    });

    it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
      await neverFails(ctx, '/api/v1/team', ['limit', 'cursor', 'lang'], [`cursor=${b64(['x'])}`]);
    });
  });

  describe('GET /api/v1/partners', () => {
    it('lists no partners, as the reference data has none yet', async () => {
      expect(partners).toEqual([]);
      expect(await getJson(ctx, '/api/v1/partners')).toEqual({ lang: 'en', items: [], nextCursor: null });
    });

    it('answers lang and Accept-Language with an empty list in that language', async () => {
      expect(await getJson(ctx, '/api/v1/partners?lang=pt')).toEqual({ lang: 'pt', items: [], nextCursor: null });
      expect(await getJson(ctx, '/api/v1/partners', { 'accept-language': 'fr-CA' })).toEqual({
        lang: 'fr',
        items: [],
        nextCursor: null,
      });
    });

    it('filters by a known pillar, still empty', async () => {
      expect((await getJson(ctx, '/api/v1/partners?pillar=prevention')).items).toEqual([]);
    });

    it('answers an unknown pillar with 400 naming pillar and listing the pillars', async () => {
      const problem = expectProblem(await ctx.app.inject({ url: '/api/v1/partners?pillar=cyber' }), 400, 'pillar');
      for (const code of pillarCodes) expect(problem.detail).toContain(code);
    });

    it('rejects a malformed pillar with 400 naming pillar, in Spanish with lang=es', async () => {
      const problem = expectProblem(
        await ctx.app.inject({ url: '/api/v1/partners?pillar=Pr%C3%A9vention&lang=es' }),
        400,
        'pillar',
      );
      expect(problem.title).toBe('Parámetro no válido');
    });

    it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
      expectProblem(await ctx.app.inject({ url: `/api/v1/partners?limit=${limit}` }), 400, 'limit');
    });

    it.each([
      ['garbage', '***'],
      ['a cursor of another list', b64([1, 2, 3])],
    ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
      expectProblem(
        await ctx.app.inject({ url: `/api/v1/partners?cursor=${encodeURIComponent(cursor)}` }),
        400,
        'cursor',
      );
    });

    it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
      const first = await ctx.app.inject({ url: '/api/v1/partners' });
      expect(first.headers.etag).toMatch(/^(W\/)?".+"$/);
      const again = await ctx.app.inject({
        url: '/api/v1/partners',
        headers: { 'if-none-match': first.headers.etag as string },
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    });

    it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
      await neverFails(
        ctx,
        '/api/v1/partners',
        ['limit', 'cursor', 'lang', 'pillar'],
        [`cursor=${b64(['\u0000'])}`, `pillar=x'--`],
      );
    });
  });
});
