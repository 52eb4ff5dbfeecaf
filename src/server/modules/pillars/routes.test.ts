import { expect, it } from 'vitest';
import { LANGS } from '../../../domain/languages.js';
import * as api from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';

/** Expected values come from the reference files the test database was loaded with. */
const pillars = api
  .readReference<
    Array<{ code: string; position: number; name: api.Texts; description: api.Texts; sources: api.SourceRow[] }>
  >('pillars.json')
  .sort((a, b) => a.position - b.position);
const NASTY = api.nastyValues('pillar', 'NaN', '1e309');

describeEachEngine('GET /api/v1/pillars', (ctx) => {
  it('lists the five pillars in order with their names, descriptions and sources', async () => {
    const page = await api.getJson(ctx, '/api/v1/pillars');
    expect(page).toEqual({
      lang: 'en',
      nextCursor: null,
      items: pillars.map((p) => ({
        id: expect.any(String),
        code: p.code,
        position: p.position,
        name: api.localized(p.name, 'en'),
        description: api.localized(p.description, 'en'),
        sources: api.sourcesOf(p.sources),
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
    const page = await api.getJson(ctx, `/api/v1/pillars?lang=${lang}`);
    expect(page.lang).toBe(lang);
    expect(page.items.map((p: { name: unknown; description: unknown }) => [p.name, p.description])).toEqual(
      pillars.map((p) => [api.localized(p.name, lang), api.localized(p.description, lang)]),
    );
  });

  it('honours Accept-Language when lang is absent, and lang over it', async () => {
    const spanish = await api.getJson(ctx, '/api/v1/pillars', { 'accept-language': 'es-MX,es;q=0.9' });
    expect(spanish.items[0].name).toEqual(api.localized(pillars[0]?.name as api.Texts, 'es'));
    const french = await api.getJson(ctx, '/api/v1/pillars?lang=fr', { 'accept-language': 'es-MX,es;q=0.9' });
    expect(french.items[0].name).toEqual(api.localized(pillars[0]?.name as api.Texts, 'fr'));
  });

  it('visits every pillar exactly once, in order, walking nextCursor with any limit', async () => {
    const all = pillars.map((p) => p.code);
    for (let limit = 1; limit <= all.length + 1; limit++)
      expect(await api.walk(ctx, '/api/v1/pillars', limit, (p) => p.code)).toEqual(all);
  });

  it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
    api.expectProblem(await ctx.app.inject({ url: `/api/v1/pillars?limit=${limit}` }), 400, 'limit');
  });

  it.each([
    ['garbage', 'garbage'],
    ['a key of the wrong type', api.b64(['prevention'])],
    ['a fractional key', api.b64([2.5])],
    ['a cursor of another list', api.b64([1, 2])],
  ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
    api.expectProblem(
      await ctx.app.inject({ url: `/api/v1/pillars?cursor=${encodeURIComponent(cursor)}` }),
      400,
      'cursor',
    );
  });

  it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
    await api.expectRevalidation(ctx, '/api/v1/pillars', api.QUOTED_ETAG);
  });

  it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
    await api.expectListSurvivesArbitraryQueries(ctx, '/api/v1/pillars', {
      keys: ['limit', 'cursor', 'lang', '__proto__'],
      values: [...NASTY, ...LANGS],
      tails: ['&lang=%C0', '&lang=es&lang=fr'],
      examples: [[`cursor=${api.b64(['x'])}`], [`cursor=${api.b64([1e300])}`]],
    });
  });
});

describeEachEngine('GET /api/v1/pillars/:idOrSlug', (ctx) => {
  it('gives each pillar by its code', async () => {
    for (const expected of pillars) {
      const pillar = await api.getJson(ctx, `/api/v1/pillars/${expected.code}`);
      expect(pillar).toEqual({
        id: expect.any(String),
        code: expected.code,
        position: expected.position,
        name: api.localized(expected.name, 'en'),
        description: api.localized(expected.description, 'en'),
        sources: api.sourcesOf(expected.sources),
      });
    }
  });

  it('finds a pillar by its id as well as by its code', async () => {
    const byCode = await api.getJson(ctx, '/api/v1/pillars/prevention');
    expect(await api.getJson(ctx, `/api/v1/pillars/${byCode.id}`)).toEqual(byCode);
  });

  it.each(LANGS)('gives the pillar in %s with lang', async (lang) => {
    const pillar = await api.getJson(ctx, `/api/v1/pillars/police-management?lang=${lang}`);
    const expected = pillars.find((p) => p.code === 'police-management') as (typeof pillars)[number];
    expect([pillar.name, pillar.description]).toEqual([
      api.localized(expected.name, lang),
      api.localized(expected.description, lang),
    ]);
  });

  it('answers an unknown pillar with 404 naming it, in Spanish with lang=es', async () => {
    const english = api.expectProblem(await ctx.app.inject({ url: '/api/v1/pillars/cyber' }), 404);
    expect(english.detail).toContain('pillar');
    expect(english.detail).toContain('"cyber"');
    const spanish = api.expectProblem(await ctx.app.inject({ url: '/api/v1/pillars/cyber?lang=es' }), 404);
    expect(spanish.title).toBe('No encontrado');
    expect(spanish.detail).toContain('pilar');
    expect(spanish.detail).toContain('"cyber"');
  });

  it('returns an ETag and answers 304 to If-None-Match', async () => {
    await api.expectRevalidation(ctx, '/api/v1/pillars/prevention');
  });

  it('answers arbitrary path segments with 200, 400 or 404 only', async () => {
    await api.expectDetailSurvivesArbitrarySegments(
      ctx,
      '/api/v1/pillars',
      [...NASTY, ...pillars.map((p) => p.code)],
      ['\u0000', 'x'.repeat(101), 'x'.repeat(201)],
    );
  });
});
