import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Lang } from '../../contract/common.js';
import { type AppContext, referenceDir } from './harness.js';

/**
 * What the API tests share: the reference data the test databases are loaded with, the values the
 * API should build from it, and checks of its answers (problem documents, paging, ETags) and of its
 * robustness against arbitrary query strings and path segments.
 */

/** A text in every language, as the reference files hold it. */
export type Texts = Record<Lang, { text: string; official: boolean }>;
/** An entry of the `sources` of a reference record. */
export type SourceRow = { url: string; title: string; publisher: string; note?: string; field?: string };

/** Reads a file of data/reference, the data the test databases were loaded with. */
export const readReference = <T>(file: string): T =>
  JSON.parse(fs.readFileSync(path.join(referenceDir, file), 'utf8')) as T;

/** A text in one language, as the API gives it. */
export const localized = (texts: Texts, lang: Lang) => ({
  text: texts[lang].text,
  lang,
  official: texts[lang].official,
});

/** The sources of a record, as the API gives them. */
export const sourcesOf = (rows: SourceRow[]) =>
  rows.map((s) => ({
    url: s.url,
    title: s.title,
    publisher: s.publisher,
    note: s.note ?? null,
    field: s.field ?? null,
  }));

/**
 * The chairs the API should give, from technical-groups.json, in the order of the meetings that chose
 * them and then of the groups: those of the groups and states `keep` lets through.
 */
export function expectedChairs(lang: Lang, keep: (chair: { group: string; state: string }) => boolean) {
  type Ref = { slug: string; name: Texts };
  type Meeting = { slug: string; number: string; ordinal: number; startDate: string | null };
  type Chair = { state: string; selection: string; from: string; until?: string; sources: SourceRow[] };
  const groups = readReference<Array<Ref & { position: number; chairs: Chair[] }>>('technical-groups.json');
  const meetings = new Map(readReference<Meeting[]>('meetings.json').map((m) => [m.slug, m]));
  const states = new Map(readReference<Array<Ref & { iso2: string }>>('member-states.json').map((s) => [s.slug, s]));
  const meeting = (slug: string) => meetings.get(slug) as Meeting;
  return groups
    .flatMap((group) => group.chairs.map((chair) => ({ group, chair })))
    .filter(({ group, chair }) => keep({ group: group.slug, state: chair.state }))
    .sort(
      (a, b) => meeting(a.chair.from).ordinal - meeting(b.chair.from).ordinal || a.group.position - b.group.position,
    )
    .map(({ group, chair }) => {
      const state = states.get(chair.state) as Ref & { iso2: string };
      return {
        group: { id: expect.any(String), slug: group.slug, name: localized(group.name, lang) },
        state: { id: expect.any(String), slug: state.slug, iso2: state.iso2, name: localized(state.name, lang) },
        selection: chair.selection,
        from: meetingRef(meeting(chair.from)),
        until: chair.until ? meetingRef(meeting(chair.until)) : null,
        sources: sourcesOf(chair.sources),
      };
    });
}

/** The slugs of `items`, in their order. */
export const slugs = (items: Array<{ slug: string }>) => items.map((i) => i.slug);

/** The short reference to a meeting that other records carry. */
export const meetingRef = (meeting: { slug: string; number: string; startDate: string | null }) => ({
  id: expect.any(String),
  slug: meeting.slug,
  shortName: `MISPA ${meeting.number}`,
  year: Number(meeting.startDate?.slice(0, 4)),
});

/** A value encoded the way the API encodes its cursors (base64url JSON), to forge cursors with. */
export const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Values careless code trips on: SQL injection against `table`, markup, a NUL character, a
 * percent-encoded NUL, then `more`, and last a right-to-left override with an emoji.
 */
export function nastyValues(table: string, ...more: string[]): string[] {
  return [
    "' OR '1'='1",
    `1; DROP TABLE ${table}; --`,
    '<script>alert(1)</script>',
    '\u0000',
    '%00',
    ...more,
    '\u202e\ud83d\udca5',
  ];
}

export type Problem = { title: string; detail: string; errors?: Array<{ name: string; in: string; reason: string }> };

/** Checks that `res` is a problem document with `status`, a title and a detail, and returns it. */
export function expectProblemDocument(res: LightMyRequestResponse, status: number): Problem {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  return body as Problem;
}

/**
 * Checks that `res` is a problem document with `status` and a title and detail that are not
 * empty, naming `parameter` first among its errors when given, and returns it.
 */
export function expectProblem(res: LightMyRequestResponse, status: number, parameter?: string): Problem {
  const body = expectProblemDocument(res, status);
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.detail.length).toBeGreaterThan(0);
  if (parameter !== undefined) expect(body.errors?.[0]?.name).toBe(parameter);
  return body;
}

/**
 * Checks a flag of a reply's `can` object against what the server then did with the write it
 * names: when true the write succeeded, when false it was refused with a problem document.
 */
export function expectAsCan(can: unknown, res: LightMyRequestResponse, what: string) {
  expect(typeof can, `${what}: the reply's can object has no such flag`).toBe('boolean');
  const said = `${what}: can said ${String(can)}, the server answered ${res.statusCode} ${res.body.slice(0, 300)}`;
  if (can) expect(res.statusCode, said).toBeLessThan(300);
  else {
    expect(res.statusCode, said).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, said).toBeLessThan(500);
  }
}

/** GETs `url`, expects 200 and returns the JSON body. */
export async function getJson(ctx: AppContext, url: string, headers: Record<string, string> = {}) {
  const res = await ctx.app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
}

/**
 * Follows `nextCursor` from the first page of `url` (which may carry a query of its own) to the
 * last, `limit` items a page, checking every page but the last is full, and returns the `key` of
 * every item (its slug unless told) in the order seen. Fails after `maxPages` pages.
 */
export async function walk<T = string>(
  ctx: AppContext,
  url: string,
  limit: number,
  key: (item: Record<string, unknown>) => T = (item) => item.slug as T,
  maxPages = 100,
): Promise<T[]> {
  const seen: T[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await getJson(
      ctx,
      `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map(key));
    cursor = page.nextCursor;
    if (cursor === null) return seen;
    expect(page.items).toHaveLength(limit);
  }
  throw new Error(`${url}: nextCursor never became null`);
}

/** The form of an entity tag, strong or weak: `"…"` or `W/"…"`. */
export const QUOTED_ETAG = /^(W\/)?".+"$/;

/**
 * Checks that `url` answers with an ETag (of the form `pattern` when given) and answers 304
 * without a body when asked again with it in If-None-Match; returns the ETag.
 */
export async function expectRevalidation(ctx: AppContext, url: string, pattern?: RegExp): Promise<string> {
  const first = await ctx.app.inject({ url });
  const etag = first.headers.etag as string;
  if (pattern) expect(etag).toMatch(pattern);
  else expect(etag).toBeTruthy();
  const again = await ctx.app.inject({ url, headers: { 'if-none-match': etag } });
  expect(again.statusCode).toBe(304);
  expect(again.body).toBe('');
  return etag;
}

/** What arbitrary query strings to a list are made of, besides random keys and values. */
export interface QueryFuzz {
  /** Parameter names to try. */
  keys: string[];
  /** Values to try, besides random, huge, numeric and forged-cursor ones. */
  values: string[];
  /** Raw endings to try, besides '', '&', '&&=' and '&%'. */
  tails: string[];
  /** Query strings, each with an Accept-Language header or none, always tried first. */
  examples?: Array<[query: string, acceptLanguage?: string]>;
}

/** Arbitrary query strings: known and random keys, unicode, huge, injection and forged-cursor values. */
export function arbitraryQuery({ keys, values, tails }: QueryFuzz) {
  const key = fc.oneof(fc.constantFrom(...keys), fc.string({ unit: 'binary', maxLength: 30 }));
  const value = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'grapheme-ascii', minLength: 2000, maxLength: 6000 }),
    fc.constantFrom(...values),
    fc.integer().map(String),
    fc.double().map(String),
    fc.array(fc.oneof(fc.integer(), fc.double(), fc.string({ unit: 'binary' })), { maxLength: 4 }).map(b64),
    fc.jsonValue().map(b64),
  );
  const raw = fc.constantFrom('', '&', '&&=', '&%', ...tails);
  return fc
    .tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), raw)
    .map(
      ([pairs, tail]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') + tail,
    );
}

/**
 * Sends the list at `url` arbitrary query strings, with arbitrary Accept-Language headers or none:
 * it never answers 5xx, every error is a problem document and every success a list.
 */
export async function expectListSurvivesArbitraryQueries(ctx: AppContext, url: string, fuzz: QueryFuzz) {
  const acceptLanguage = fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), { nil: undefined });
  await fc.assert(
    fc.asyncProperty(arbitraryQuery(fuzz), acceptLanguage, async (qs, header) => {
      const res = await ctx.app.inject({ url: `${url}?${qs}`, headers: header ? { 'accept-language': header } : {} });
      expect(res.statusCode, `${qs} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
      if (res.statusCode >= 300) expectProblem(res, res.statusCode);
      else expect(Array.isArray(res.json().items)).toBe(true);
    }),
    {
      numRuns: 200,
      endOnFailure: true,
      examples: (fuzz.examples ?? []).map(([qs, header]): [string, string | undefined] => [qs, header]),
    },
  );
}

/**
 * Any string that stays one path segment once percent-encoded: `encodeURIComponent` leaves `.` as
 * it is, and a URL resolves `.` and `..` away (`/notifications/./read` is `/notifications/read`,
 * another route), so those two are not ids a client can send.
 */
export const pathSegment = (constraints: fc.StringConstraints = {}) =>
  fc.string(constraints).filter((s) => s !== '.' && s !== '..');

/**
 * Asks for `${base}/<segment>` with arbitrary segments (any string, binary, over-long, `values`;
 * `examples` first): the answer is 200, or 400 or 404 with a problem document.
 */
export async function expectDetailSurvivesArbitrarySegments(
  ctx: AppContext,
  base: string,
  values: string[],
  examples: string[],
) {
  const segment = fc.oneof(
    pathSegment({ maxLength: 300 }),
    pathSegment({ unit: 'binary', maxLength: 300 }),
    pathSegment({ unit: 'binary', minLength: 90, maxLength: 300 }),
    fc.constantFrom(...values),
  );
  await fc.assert(
    fc.asyncProperty(segment, async (s) => {
      const res = await ctx.app.inject({ url: `${base}/${encodeURIComponent(s)}` });
      expect([200, 400, 404], `${JSON.stringify(s)} → ${res.body.slice(0, 300)}`).toContain(res.statusCode);
      if (res.statusCode !== 200) expectProblem(res, res.statusCode);
    }),
    { numRuns: 200, endOnFailure: true, examples: examples.map((s): [string] => [s]) },
  );
}
