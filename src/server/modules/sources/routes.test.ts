import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { LANGS } from '../../../contract/common.js';
import { type AppContext, describeEachEngine, referenceDir } from '../../testing/harness.js';

/** Every `sources` entry of every reference file, as the API names its record (table and slug). */
type SourceRow = { url: string; note?: string; field?: string };
const FILES = [
  ['pillars.json', 'pillar', 'code'],
  ['objectives.json', 'objective', 'code'],
  ['member-states.json', 'member_state', 'slug'],
  ['meetings.json', 'meeting', 'slug'],
  ['documents.json', 'document', 'slug'],
  ['technical-groups.json', 'technical_group', 'slug'],
  ['networks.json', 'network', 'slug'],
  ['team.json', 'team_member', 'slug'],
  ['partners.json', 'partner', 'slug'],
] as const;
type DatasetSource = { entityType: string; entitySlug: string; field: string | null; url: string; note: string | null };
const expectedSources: DatasetSource[] = FILES.flatMap(([file, entityType, key]) =>
  (
    JSON.parse(fs.readFileSync(path.join(referenceDir, file), 'utf8')) as Array<
      Record<string, unknown> & { sources?: SourceRow[] }
    >
  ).flatMap((row) =>
    (row.sources ?? []).map((s) => ({
      entityType,
      entitySlug: row[key] as string,
      field: s.field ?? null,
      url: s.url,
      note: s.note ?? null,
    })),
  ),
);
const canonical = (sources: DatasetSource[]) => sources.map((s) => JSON.stringify(s)).sort();

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const NASTY = [
  "' OR '1'='1",
  '1; DROP TABLE source; --',
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

async function walk(ctx: AppContext, limit: number): Promise<DatasetSource[]> {
  const seen: DatasetSource[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 500; pages++) {
    const page = await getJson(
      ctx,
      `/api/v1/sources?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    cursor = page.nextCursor;
    if (cursor === null) return seen;
    expect(page.items).toHaveLength(limit);
  }
  throw new Error('/api/v1/sources: nextCursor never became null');
}

describeEachEngine('GET /api/v1/sources', (ctx) => {
  it('lists every source of the reference data with the type and slug of the record it supports', async () => {
    const all = await walk(ctx, 100);
    expect(all).toHaveLength(expectedSources.length);
    expect(canonical(all)).toEqual(canonical(expectedSources));
    expect(all).toContainEqual({
      entityType: 'member_state',
      entitySlug: 'ec',
      field: 'membership',
      url: 'https://www.oas.org/ext/en/security/mispa',
      note: expect.any(String),
    });
  });

  it('groups the sources by record type', async () => {
    const types = (await walk(ctx, 100)).map((s) => s.entityType);
    expect(types).toEqual([...types].sort());
    expect(new Set(types)).toEqual(new Set(expectedSources.map((s) => s.entityType)));
  });

  it('gives a first page of 50 by default and a cursor to the rest', async () => {
    const page = await getJson(ctx, '/api/v1/sources');
    expect(page.items).toHaveLength(Math.min(50, expectedSources.length));
    expect(page.nextCursor === null).toBe(expectedSources.length <= 50);
  });

  it('visits every source exactly once, in the same order, walking nextCursor with any limit', async () => {
    // Every limit from 1 to the maximum of 100 (there are more sources than fit on one page).
    const reference = await walk(ctx, 100);
    expect(reference).toHaveLength(expectedSources.length);
    for (let limit = 1; limit < 100; limit++) expect(await walk(ctx, limit)).toEqual(reference);
  });

  it('answers with the requested language although sources are not translated', async () => {
    for (const lang of LANGS) expect((await getJson(ctx, `/api/v1/sources?limit=1&lang=${lang}`)).lang).toBe(lang);
    expect((await getJson(ctx, '/api/v1/sources?limit=1', { 'accept-language': 'es-MX,es;q=0.9' })).lang).toBe('es');
  });

  it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
    expectProblem(await ctx.app.inject({ url: `/api/v1/sources?limit=${limit}` }), 400, 'limit');
  });

  it.each([
    ['garbage', 'zzz'],
    ['a cursor of another list', b64(['ec'])],
    ['a key of the wrong types', b64([1, 2])],
    ['a key with an object', b64(['meeting', {}])],
  ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
    expectProblem(await ctx.app.inject({ url: `/api/v1/sources?cursor=${encodeURIComponent(cursor)}` }), 400, 'cursor');
  });

  it('says what was wrong in Spanish with lang=es', async () => {
    const problem = expectProblem(await ctx.app.inject({ url: '/api/v1/sources?cursor=zzz&lang=es' }), 400, 'cursor');
    expect(problem.title).toBe('Parámetro no válido');
    expect(problem.detail).toContain('cursor');
  });

  it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
    const first = await ctx.app.inject({ url: '/api/v1/sources?limit=5' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^(W\/)?".+"$/);
    const again = await ctx.app.inject({ url: '/api/v1/sources?limit=5', headers: { 'if-none-match': etag } });
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
    const raw = fc.constantFrom('', '&', '&&=', '&%', '&cursor=%C0', '&cursor=a&cursor=b');
    const query = fc
      .tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), raw)
      .map(
        ([pairs, tail]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') + tail,
      );
    const acceptLanguage = fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(query, acceptLanguage, async (qs, header) => {
        const res = await ctx.app.inject({
          url: `/api/v1/sources?${qs}`,
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
          [`cursor=${b64(['meeting', '\u0000'])}`, undefined],
          [`cursor=${b64(['meeting', 1.5])}`, undefined],
        ],
      },
    );
  });
});
