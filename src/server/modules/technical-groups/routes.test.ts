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
type GroupRow = {
  slug: string;
  position: number;
  name: Texts;
  createdAt: string | null;
  leadState: string | null;
  pillars: string[];
  description: Texts | null;
  sources: SourceRow[];
};
const groups = read<GroupRow[]>('technical-groups.json').sort((a, b) => a.position - b.position);
const meetings = read<Array<{ slug: string; number: string; startDate: string | null }>>('meetings.json');
const states = read<Array<{ slug: string; iso2: string; name: Texts }>>('member-states.json');
const pillars = read<Array<{ code: string; position: number; name: Texts }>>('pillars.json').sort(
  (a, b) => a.position - b.position,
);

const localized = (texts: Texts, lang: Lang) => ({ text: texts[lang].text, lang, official: texts[lang].official });
const sourcesOf = (rows: SourceRow[]) =>
  rows.map((s) => ({ url: s.url, note: s.note ?? null, field: s.field ?? null }));
const slugs = (items: Array<{ slug: string }>) => items.map((i) => i.slug);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const NASTY = [
  "' OR '1'='1",
  '1; DROP TABLE technical_group; --',
  '<script>alert(1)</script>',
  '\u0000',
  '%00',
  'NaN',
  '\u202e\ud83d\udca5',
];

/** The group as the API should present it, from its reference row. */
function expectedGroup(g: GroupRow, lang: Lang) {
  const meeting = meetings.find((m) => m.slug === g.createdAt);
  const lead = states.find((s) => s.slug === g.leadState);
  return {
    id: expect.any(String),
    slug: g.slug,
    name: localized(g.name, lang),
    createdAt: meeting
      ? {
          id: expect.any(String),
          slug: meeting.slug,
          shortName: `MISPA ${meeting.number}`,
          year: Number(meeting.startDate?.slice(0, 4)),
        }
      : null,
    leadState: lead
      ? { id: expect.any(String), slug: lead.slug, iso2: lead.iso2, name: localized(lead.name, lang) }
      : null,
    pillars: pillars
      .filter((p) => g.pillars.includes(p.code))
      .map((p) => ({ id: expect.any(String), code: p.code, name: localized(p.name, lang) })),
    description: g.description && localized(g.description, lang),
    sources: sourcesOf(g.sources),
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

describeEachEngine('GET /api/v1/technical-groups', (ctx) => {
  it('lists the four technical groups in order with the meeting that created them, lead state and pillars', async () => {
    const page = await getJson(ctx, '/api/v1/technical-groups');
    expect(page.nextCursor).toBeNull();
    expect(page.items).toHaveLength(4);
    expect(page.items).toEqual(groups.map((g) => expectedGroup(g, 'en')));
    expect(page.items.find((g: { slug: string }) => g.slug === 'prevention')).toMatchObject({
      createdAt: { slug: 'mispa-v' },
      leadState: { slug: 'ec' },
    });
  });

  it.each(LANGS)(
    'gives names, descriptions and references in %s, with their official flags, with lang',
    async (lang) => {
      const page = await getJson(ctx, `/api/v1/technical-groups?lang=${lang}`);
      expect(page.lang).toBe(lang);
      expect(page.items).toEqual(groups.map((g) => expectedGroup(g, lang)));
    },
  );

  it('honours Accept-Language when lang is absent', async () => {
    const page = await getJson(ctx, '/api/v1/technical-groups', { 'accept-language': 'fr-CA' });
    expect(page.items).toEqual(groups.map((g) => expectedGroup(g, 'fr')));
  });

  it('visits every group exactly once, in order, walking nextCursor with any limit', async () => {
    const all = slugs(groups);
    for (let limit = 1; limit <= all.length + 1; limit++)
      expect(await walk(ctx, '/api/v1/technical-groups', limit)).toEqual(all);
  });

  it.each(pillars.map((p) => p.code))('filters by pillar=%s', async (code) => {
    const page = await getJson(ctx, `/api/v1/technical-groups?pillar=${code}`);
    expect(slugs(page.items)).toEqual(slugs(groups.filter((g) => g.pillars.includes(code))));
  });

  it('filters by memberState to the groups a state leads', async () => {
    for (const state of ['ec', 'mx']) {
      const page = await getJson(ctx, `/api/v1/technical-groups?memberState=${state}`);
      expect(slugs(page.items)).toEqual(slugs(groups.filter((g) => g.leadState === state)));
    }
    expect(slugs((await getJson(ctx, '/api/v1/technical-groups?memberState=ec')).items)).toContain('prevention');
  });

  it('filters by meeting to the groups it created, and combines filters', async () => {
    for (const meeting of meetings) {
      const page = await getJson(ctx, `/api/v1/technical-groups?meeting=${meeting.slug}`);
      expect(slugs(page.items)).toEqual(slugs(groups.filter((g) => g.createdAt === meeting.slug)));
    }
    const both = await getJson(ctx, '/api/v1/technical-groups?meeting=mispa-v&memberState=ec&pillar=prevention');
    expect(slugs(both.items)).toEqual(['prevention']);
    expect((await getJson(ctx, '/api/v1/technical-groups?meeting=mispa-v&pillar=police-management')).items).toEqual([]);
  });

  it.each([
    ['pillar', 'cyber', pillars.map((p) => p.code)],
    ['meeting', 'mispa-ix', meetings.map((m) => m.slug)],
    ['memberState', 'zz', states.map((s) => s.slug)],
  ])('answers an unknown %s with 400 naming it and listing what is allowed', async (name, value, allowed) => {
    const problem = expectProblem(
      await ctx.app.inject({ url: `/api/v1/technical-groups?${name}=${value}` }),
      400,
      name,
    );
    for (const slug of allowed) expect(problem.detail).toContain(slug);
  });

  it.each([
    ['pillar', 'PREVENTION'],
    ['meeting', 'mispa_v'],
    ['memberState', 'ec '],
  ])('rejects the malformed %s=%s with 400 naming it', async (name, value) => {
    expectProblem(
      await ctx.app.inject({ url: `/api/v1/technical-groups?${name}=${encodeURIComponent(value)}` }),
      400,
      name,
    );
  });

  it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
    expectProblem(await ctx.app.inject({ url: `/api/v1/technical-groups?limit=${limit}` }), 400, 'limit');
  });

  it.each([
    ['garbage', 'e30'],
    ['a cursor of another list', b64(['ec'])],
    ['a key of the wrong types', b64(['prevention', 2])],
  ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
    expectProblem(
      await ctx.app.inject({ url: `/api/v1/technical-groups?cursor=${encodeURIComponent(cursor)}` }),
      400,
      'cursor',
    );
  });

  it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
    const first = await ctx.app.inject({ url: '/api/v1/technical-groups' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^(W\/)?".+"$/);
    const again = await ctx.app.inject({ url: '/api/v1/technical-groups', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
    const key = fc.oneof(
      fc.constantFrom('limit', 'cursor', 'lang', 'pillar', 'memberState', 'meeting', 'constructor'),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme-ascii', minLength: 2000, maxLength: 6000 }),
      fc.constantFrom(...NASTY, 'prevention', 'mispa-v', 'ec', 'es'),
      fc.integer().map(String),
      fc.double().map(String),
      fc.array(fc.oneof(fc.integer(), fc.double(), fc.string({ unit: 'binary' })), { maxLength: 4 }).map(b64),
      fc.jsonValue().map(b64),
    );
    const raw = fc.constantFrom('', '&', '&&=', '&%', '&pillar=%C0', '&pillar=prevention&pillar=prevention');
    const query = fc
      .tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), raw)
      .map(
        ([pairs, tail]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') + tail,
      );
    const acceptLanguage = fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(query, acceptLanguage, async (qs, header) => {
        const res = await ctx.app.inject({
          url: `/api/v1/technical-groups?${qs}`,
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

describeEachEngine('GET /api/v1/technical-groups/:idOrSlug', (ctx) => {
  it('gives every group by its slug', async () => {
    for (const g of groups)
      expect(await getJson(ctx, `/api/v1/technical-groups/${g.slug}`)).toEqual(expectedGroup(g, 'en'));
  });

  it('finds a group by its id as well as by its slug', async () => {
    const bySlug = await getJson(ctx, '/api/v1/technical-groups/emergency-services-security');
    expect(await getJson(ctx, `/api/v1/technical-groups/${bySlug.id}`)).toEqual(bySlug);
  });

  it.each(LANGS)('gives the group in %s with lang', async (lang) => {
    const g = groups.find((x) => x.slug === 'prevention') as GroupRow;
    expect(await getJson(ctx, `/api/v1/technical-groups/prevention?lang=${lang}`)).toEqual(expectedGroup(g, lang));
  });

  it('answers an unknown group with 404 naming it, in Spanish with lang=es', async () => {
    const english = expectProblem(await ctx.app.inject({ url: '/api/v1/technical-groups/cybercrime' }), 404);
    expect(english.detail).toContain('technical group');
    expect(english.detail).toContain('"cybercrime"');
    const spanish = expectProblem(await ctx.app.inject({ url: '/api/v1/technical-groups/cybercrime?lang=es' }), 404);
    expect(spanish.title).toBe('No encontrado');
    expect(spanish.detail).toContain('grupo técnico');
    expect(spanish.detail).toContain('"cybercrime"');
  });

  it('returns an ETag and answers 304 to If-None-Match', async () => {
    const first = await ctx.app.inject({ url: '/api/v1/technical-groups/prevention' });
    expect(first.headers.etag).toBeTruthy();
    const again = await ctx.app.inject({
      url: '/api/v1/technical-groups/prevention',
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
      fc.constantFrom(...NASTY, ...slugs(groups)),
    );
    await fc.assert(
      fc.asyncProperty(segment, async (s) => {
        const res = await ctx.app.inject({ url: `/api/v1/technical-groups/${encodeURIComponent(s)}` });
        expect([200, 400, 404], `${JSON.stringify(s)} → ${res.body.slice(0, 300)}`).toContain(res.statusCode);
        if (res.statusCode !== 200) expectProblem(res, res.statusCode);
      }),
      { numRuns: 200, endOnFailure: true, examples: [['\u0000'], ['x'.repeat(201)]] },
    );
  });
});
