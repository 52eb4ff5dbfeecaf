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
type NetworkRow = {
  slug: string;
  position: number;
  kind: string;
  acronym: string | null;
  name: Texts;
  origin: { meeting: string; relation: string } | null;
  parent: string | null;
  description: Texts | null;
  sources: SourceRow[];
};
const networks = read<NetworkRow[]>('networks.json').sort((a, b) => a.position - b.position);
const meetings = read<Array<{ slug: string; number: string; startDate: string | null }>>('meetings.json');

const localized = (texts: Texts, lang: Lang) => ({ text: texts[lang].text, lang, official: texts[lang].official });
const sourcesOf = (rows: SourceRow[]) =>
  rows.map((s) => ({ url: s.url, note: s.note ?? null, field: s.field ?? null }));
const slugs = (items: Array<{ slug: string }>) => items.map((i) => i.slug);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const NASTY = [
  "' OR '1'='1",
  '1; DROP TABLE network; --',
  '<script>alert(1)</script>',
  '\u0000',
  '%00',
  'NaN',
  '\u202e\ud83d\udca5',
];

/** The network as the API should present it, from its reference row. */
function expectedNetwork(n: NetworkRow, lang: Lang) {
  const meeting = meetings.find((m) => m.slug === n.origin?.meeting);
  const parent = networks.find((p) => p.slug === n.parent);
  return {
    id: expect.any(String),
    slug: n.slug,
    kind: n.kind,
    acronym: n.acronym,
    name: localized(n.name, lang),
    origin: meeting
      ? {
          meeting: {
            id: expect.any(String),
            slug: meeting.slug,
            shortName: `MISPA ${meeting.number}`,
            year: Number(meeting.startDate?.slice(0, 4)),
          },
          relation: n.origin?.relation,
        }
      : null,
    parent: parent
      ? {
          id: expect.any(String),
          slug: parent.slug,
          kind: parent.kind,
          acronym: parent.acronym,
          name: localized(parent.name, lang),
        }
      : null,
    description: n.description && localized(n.description, lang),
    sources: sourcesOf(n.sources),
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
    const page = await getJson(ctx, `${url}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...slugs(page.items));
    cursor = page.nextCursor;
    if (cursor === null) return seen;
    expect(page.items).toHaveLength(limit);
  }
  throw new Error(`${url}: nextCursor never became null`);
}

describeEachEngine('GET /api/v1/networks', (ctx) => {
  it('lists the networks and programs in order with their origin and parent', async () => {
    const page = await getJson(ctx, '/api/v1/networks');
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual(networks.map((n) => expectedNetwork(n, 'en')));
    const bySlug = new Map(page.items.map((n: { slug: string }) => [n.slug, n]));
    expect(bySlug.get('riap')).toMatchObject({
      kind: 'network',
      acronym: 'RIAP',
      origin: { meeting: { slug: 'mispa-v' }, relation: 'created' },
    });
    expect(bySlug.get('redppol')).toMatchObject({ acronym: 'REDPPOL', origin: { relation: 'presented' } });
    expect(bySlug.get('inter-american-program-prevention-violence-crime')).toMatchObject({
      kind: 'program',
      parent: { slug: 'riap' },
    });
  });

  it.each(LANGS)(
    'gives names, descriptions and the parent in %s, with their official flags, with lang',
    async (lang) => {
      const page = await getJson(ctx, `/api/v1/networks?lang=${lang}`);
      expect(page.lang).toBe(lang);
      expect(page.items).toEqual(networks.map((n) => expectedNetwork(n, lang)));
    },
  );

  it('honours Accept-Language when lang is absent', async () => {
    const page = await getJson(ctx, '/api/v1/networks', { 'accept-language': 'pt-BR,pt;q=0.9,en;q=0.8' });
    expect(page.items).toEqual(networks.map((n) => expectedNetwork(n, 'pt')));
  });

  it('visits every network exactly once, in order, walking nextCursor with any limit', async () => {
    const all = slugs(networks);
    for (let limit = 1; limit <= all.length + 1; limit++)
      expect(await walk(ctx, '/api/v1/networks', limit)).toEqual(all);
  });

  it.each(meetings.map((m) => m.slug))('filters by meeting=%s to what it created or presented', async (slug) => {
    const page = await getJson(ctx, `/api/v1/networks?meeting=${slug}`);
    expect(slugs(page.items)).toEqual(slugs(networks.filter((n) => n.origin?.meeting === slug)));
  });

  it('answers an unknown meeting with 400 naming meeting and listing the meetings', async () => {
    const problem = expectProblem(await ctx.app.inject({ url: '/api/v1/networks?meeting=mispa-ix' }), 400, 'meeting');
    for (const m of meetings) expect(problem.detail).toContain(m.slug);
  });

  it.each(['MISPA-V', 'mispa v', 'm'.repeat(61)])(
    'rejects the malformed meeting=%s with 400 naming meeting',
    async (value) => {
      expectProblem(
        await ctx.app.inject({ url: `/api/v1/networks?meeting=${encodeURIComponent(value)}` }),
        400,
        'meeting',
      );
    },
  );

  it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
    expectProblem(await ctx.app.inject({ url: `/api/v1/networks?limit=${limit}` }), 400, 'limit');
  });

  it.each([
    ['garbage', '🙃'],
    ['a cursor of another list', b64(['riap'])],
    ['a key of the wrong types', b64(['riap', 2])],
  ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
    expectProblem(
      await ctx.app.inject({ url: `/api/v1/networks?cursor=${encodeURIComponent(cursor)}` }),
      400,
      'cursor',
    );
  });

  it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
    const first = await ctx.app.inject({ url: '/api/v1/networks' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^(W\/)?".+"$/);
    const again = await ctx.app.inject({ url: '/api/v1/networks', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
    const key = fc.oneof(
      fc.constantFrom('limit', 'cursor', 'lang', 'meeting', '__proto__'),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme-ascii', minLength: 2000, maxLength: 6000 }),
      fc.constantFrom(...NASTY, 'mispa-v', 'fr'),
      fc.integer().map(String),
      fc.double().map(String),
      fc.array(fc.oneof(fc.integer(), fc.double(), fc.string({ unit: 'binary' })), { maxLength: 4 }).map(b64),
      fc.jsonValue().map(b64),
    );
    const raw = fc.constantFrom('', '&', '&&=', '&%', '&meeting=%C0', '&meeting=mispa-v&meeting=mispa-i');
    const query = fc
      .tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), raw)
      .map(
        ([pairs, tail]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') + tail,
      );
    const acceptLanguage = fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(query, acceptLanguage, async (qs, header) => {
        const res = await ctx.app.inject({
          url: `/api/v1/networks?${qs}`,
          headers: header ? { 'accept-language': header } : {},
        });
        expect(res.statusCode, `${qs} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode >= 300) expectProblem(res, res.statusCode);
        else expect(Array.isArray(res.json().items)).toBe(true);
      }),
      { numRuns: 200, endOnFailure: true, examples: [[`cursor=${b64(['x', 'y'])}`, undefined]] },
    );
  });
});

describeEachEngine('GET /api/v1/networks/:idOrSlug', (ctx) => {
  it('gives every network and program by its slug', async () => {
    for (const n of networks)
      expect(await getJson(ctx, `/api/v1/networks/${n.slug}`)).toEqual(expectedNetwork(n, 'en'));
  });

  it('finds a network by its id as well as by its slug', async () => {
    const bySlug = await getJson(ctx, '/api/v1/networks/riap');
    expect(await getJson(ctx, `/api/v1/networks/${bySlug.id}`)).toEqual(bySlug);
  });

  it.each(LANGS)('gives the program and its parent network in %s with lang', async (lang) => {
    const n = networks.find((x) => x.parent !== null) as NetworkRow;
    expect(await getJson(ctx, `/api/v1/networks/${n.slug}?lang=${lang}`)).toEqual(expectedNetwork(n, lang));
  });

  it('answers an unknown network with 404 naming it, in Spanish with lang=es', async () => {
    const english = expectProblem(await ctx.app.inject({ url: '/api/v1/networks/interpol' }), 404);
    expect(english.detail).toContain('network or program');
    expect(english.detail).toContain('"interpol"');
    const spanish = expectProblem(await ctx.app.inject({ url: '/api/v1/networks/interpol?lang=es' }), 404);
    expect(spanish.title).toBe('No encontrado');
    expect(spanish.detail).toContain('red o programa');
    expect(spanish.detail).toContain('"interpol"');
  });

  it('returns an ETag and answers 304 to If-None-Match', async () => {
    const first = await ctx.app.inject({ url: '/api/v1/networks/riap' });
    expect(first.headers.etag).toBeTruthy();
    const again = await ctx.app.inject({
      url: '/api/v1/networks/riap',
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
      fc.constantFrom(...NASTY, ...slugs(networks)),
    );
    await fc.assert(
      fc.asyncProperty(segment, async (s) => {
        const res = await ctx.app.inject({ url: `/api/v1/networks/${encodeURIComponent(s)}` });
        expect([200, 400, 404], `${JSON.stringify(s)} → ${res.body.slice(0, 300)}`).toContain(res.statusCode);
        if (res.statusCode !== 200) expectProblem(res, res.statusCode);
      }),
      { numRuns: 200, endOnFailure: true, examples: [['\u0000'], ['x'.repeat(201)]] },
    );
  });
});
