import { expect, it } from 'vitest';
import { LANGS } from '../../../domain/languages.js';
import * as api from '../../testing/api.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';

/** Every `sources` entry of every reference file, as the API names its record (table and slug). */
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
type DatasetSource = {
  entityType: string;
  entitySlug: string;
  url: string;
  title: string;
  publisher: string;
  note: string | null;
  field: string | null;
};
const expectedSources: DatasetSource[] = FILES.flatMap(([file, entityType, key]) =>
  api.readReference<Array<Record<string, unknown> & { sources?: api.SourceRow[] }>>(file).flatMap((row) =>
    (row.sources ?? []).map((s) => ({
      entityType,
      entitySlug: row[key] as string,
      url: s.url,
      title: s.title,
      publisher: s.publisher,
      note: s.note ?? null,
      field: s.field ?? null,
    })),
  ),
);
/** The sources of a part of a record (a group's chair, a document's footnote), as listed with the record. */
const listedWith = (entityType: string, entitySlug: string, field: string, sources: api.SourceRow[]) =>
  sources.map((s) => ({
    entityType,
    entitySlug,
    url: s.url,
    title: s.title,
    publisher: s.publisher,
    note: s.note ?? null,
    field,
  }));
// A chair's sources are listed with its group, as the sources of the group's chairs.
for (const group of api.readReference<Array<{ slug: string; chairs: Array<{ sources: api.SourceRow[] }> }>>(
  'technical-groups.json',
))
  for (const chair of group.chairs)
    expectedSources.push(...listedWith('technical_group', group.slug, 'chairs', chair.sources));
// A historic footnote's sources are listed with its document, as the document's sources of `footnotes`.
for (const footnote of api.readReference<Array<{ document: string; sources: api.SourceRow[] }>>(
  'document-footnotes.json',
))
  expectedSources.push(...listedWith('document', footnote.document, 'footnotes', footnote.sources));
const canonical = (sources: DatasetSource[]) => sources.map((s) => JSON.stringify(s)).sort();
const NASTY = api.nastyValues('source', 'NaN', '1e309');

/** Every source in the order the API lists them, walking nextCursor `limit` at a time (up to 500 pages). */
const walkSources = (ctx: AppContext, limit: number) =>
  api.walk(ctx, '/api/v1/sources', limit, (s) => s as DatasetSource, 500);

describeEachEngine('GET /api/v1/sources', (ctx) => {
  it('lists every source of the reference data with its title, publisher and the record it supports', async () => {
    const all = await walkSources(ctx, 100);
    expect(all).toHaveLength(expectedSources.length);
    expect(canonical(all)).toEqual(canonical(expectedSources));
    expect(all).toContainEqual({
      entityType: 'member_state',
      entitySlug: 'ec',
      field: 'membership',
      url: 'https://www.oas.org/ext/en/security/mispa',
      title: 'MISPA overview',
      publisher: 'OAS Department of Public Security',
      note: expect.any(String),
    });
  });

  it('groups the sources by record type', async () => {
    const types = (await walkSources(ctx, 100)).map((s) => s.entityType);
    expect(types).toEqual([...types].sort());
    expect(new Set(types)).toEqual(new Set(expectedSources.map((s) => s.entityType)));
  });

  it('gives a first page of 50 by default and a cursor to the rest', async () => {
    const page = await api.getJson(ctx, '/api/v1/sources');
    expect(page.items).toHaveLength(Math.min(50, expectedSources.length));
    expect(page.nextCursor === null).toBe(expectedSources.length <= 50);
  });

  it('visits every source exactly once, in the same order, walking nextCursor with any limit', async () => {
    // Every limit from 1 to the maximum of 100 (there are more sources than fit on one page).
    const reference = await walkSources(ctx, 100);
    expect(reference).toHaveLength(expectedSources.length);
    for (let limit = 1; limit < 100; limit++) expect(await walkSources(ctx, limit)).toEqual(reference);
  });

  it('answers with the requested language although sources are not translated', async () => {
    for (const lang of LANGS) expect((await api.getJson(ctx, `/api/v1/sources?limit=1&lang=${lang}`)).lang).toBe(lang);
    expect((await api.getJson(ctx, '/api/v1/sources?limit=1', { 'accept-language': 'es-MX,es;q=0.9' })).lang).toBe(
      'es',
    );
  });

  it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
    api.expectProblem(await ctx.app.inject({ url: `/api/v1/sources?limit=${limit}` }), 400, 'limit');
  });

  it.each([
    ['garbage', 'zzz'],
    ['a cursor of another list', api.b64(['ec'])],
    ['a key of the wrong types', api.b64([1, 2])],
    ['a key with an object', api.b64(['meeting', {}])],
  ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
    api.expectProblem(
      await ctx.app.inject({ url: `/api/v1/sources?cursor=${encodeURIComponent(cursor)}` }),
      400,
      'cursor',
    );
  });

  it('says what was wrong in Spanish with lang=es', async () => {
    const problem = api.expectProblem(
      await ctx.app.inject({ url: '/api/v1/sources?cursor=zzz&lang=es' }),
      400,
      'cursor',
    );
    expect(problem.title).toBe('Parámetro no válido');
    expect(problem.detail).toContain('cursor');
  });

  it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
    await api.expectRevalidation(ctx, '/api/v1/sources?limit=5', api.QUOTED_ETAG);
  });

  it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
    await api.expectListSurvivesArbitraryQueries(ctx, '/api/v1/sources', {
      keys: ['limit', 'cursor', 'lang', '__proto__'],
      values: [...NASTY, ...LANGS],
      tails: ['&cursor=%C0', '&cursor=a&cursor=b'],
      examples: [[`cursor=${api.b64(['meeting', '\u0000'])}`], [`cursor=${api.b64(['meeting', 1.5])}`]],
    });
  });
});
