import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../domain/languages.js';
import * as api from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';

/** Expected values come from the reference files the test database was loaded with. */
const objectives = api
  .readReference<Array<{ code: string; position: number; text: api.Texts; sources: api.SourceRow[] }>>(
    'objectives.json',
  )
  .sort((a, b) => a.position - b.position);
const team = api
  .readReference<Array<{ slug: string; position: number; name: string; role: api.Texts; sources: api.SourceRow[] }>>(
    'team.json',
  )
  .sort((a, b) => a.position - b.position);
const partners = api.readReference<unknown[]>('partners.json');
const pillarCodes = api.readReference<Array<{ code: string }>>('pillars.json').map((p) => p.code);
const NASTY = api.nastyValues('partner', 'NaN', '1e309');

/** Arbitrary query strings: `keys` and random keys, unicode, huge, injection and tampered-cursor values. */
const queries = (keys: string[], examples: string[]): api.QueryFuzz => ({
  keys: [...keys, '__proto__', 'constructor'],
  values: [...NASTY, ...LANGS, ...pillarCodes],
  tails: ['&lang=%C0', '&limit=1&limit=1'],
  examples: examples.map((qs) => [qs]),
});

describeEachEngine('organisation', (ctx) => {
  describe('GET /api/v1/objectives', () => {
    it('lists the three objectives in order with their texts and sources', async () => {
      const page = await api.getJson(ctx, '/api/v1/objectives');
      expect(page).toEqual({
        lang: 'en',
        nextCursor: null,
        items: objectives.map((o) => ({
          id: expect.any(String),
          code: o.code,
          position: o.position,
          text: api.localized(o.text, 'en'),
          sources: api.sourcesOf(o.sources),
        })),
      });
      expect(page.items).toHaveLength(3);
    });

    it.each(LANGS)('gives the texts in %s, with their official flags, with lang', async (lang) => {
      const page = await api.getJson(ctx, `/api/v1/objectives?lang=${lang}`);
      expect(page.lang).toBe(lang);
      expect(page.items.map((o: { text: unknown }) => o.text)).toEqual(
        objectives.map((o) => api.localized(o.text, lang)),
      );
    });

    it('honours Accept-Language when lang is absent', async () => {
      const page = await api.getJson(ctx, '/api/v1/objectives', { 'accept-language': 'fr-CA,fr;q=0.9' });
      expect(page.items.map((o: { text: unknown }) => o.text)).toEqual(
        objectives.map((o) => api.localized(o.text, 'fr')),
      );
    });

    it('visits every objective exactly once, in order, walking nextCursor with any limit', async () => {
      for (let limit = 1; limit <= objectives.length + 1; limit++) {
        expect(await api.walk(ctx, '/api/v1/objectives', limit, (o) => o.code)).toEqual(objectives.map((o) => o.code));
      }
    });

    it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
      api.expectProblem(await ctx.app.inject({ url: `/api/v1/objectives?limit=${limit}` }), 400, 'limit');
    });

    it.each([
      ['garbage', 'x'],
      ['a key of the wrong type', api.b64(['dialogue-cooperation'])],
    ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
      api.expectProblem(
        await ctx.app.inject({ url: `/api/v1/objectives?cursor=${encodeURIComponent(cursor)}` }),
        400,
        'cursor',
      );
    });

    it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
      await api.expectRevalidation(ctx, '/api/v1/objectives', api.QUOTED_ETAG);
    });

    it('has no detail route: /api/v1/objectives/:code is a 404 problem', async () => {
      api.expectProblem(await ctx.app.inject({ url: `/api/v1/objectives/${objectives[0]?.code}` }), 404);
    });

    it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
      await api.expectListSurvivesArbitraryQueries(
        ctx,
        '/api/v1/objectives',
        queries(['limit', 'cursor', 'lang'], [`cursor=${api.b64(['x'])}`, `cursor=${api.b64([0.5])}`]),
      );
    });
  });

  describe('GET /api/v1/team', () => {
    it('lists the team in order with names, roles and sources', async () => {
      const page = await api.getJson(ctx, '/api/v1/team');
      expect(page).toEqual({
        lang: 'en',
        nextCursor: null,
        items: team.map((m) => ({
          id: expect.any(String),
          slug: m.slug,
          name: m.name,
          role: api.localized(m.role, 'en'),
          sources: api.sourcesOf(m.sources),
        })),
      });
    });

    it.each(LANGS)('gives the roles in %s with lang, names unchanged', async (lang) => {
      const page = await api.getJson(ctx, `/api/v1/team?lang=${lang}`);
      expect(page.items.map((m: { name: string; role: unknown }) => [m.name, m.role])).toEqual(
        team.map((m) => [m.name, api.localized(m.role, lang)]),
      );
    });

    it('honours Accept-Language when lang is absent', async () => {
      const page = await api.getJson(ctx, '/api/v1/team', { 'accept-language': 'es-MX,es;q=0.9' });
      expect(page.items.map((m: { role: unknown }) => m.role)).toEqual(team.map((m) => api.localized(m.role, 'es')));
    });

    it('visits every member exactly once, in order, walking nextCursor with any limit', async () => {
      for (let limit = 1; limit <= team.length + 1; limit++) {
        expect(await api.walk(ctx, '/api/v1/team', limit, (m) => m.slug)).toEqual(team.map((m) => m.slug));
      }
    });

    it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
      api.expectProblem(await ctx.app.inject({ url: `/api/v1/team?limit=${limit}` }), 400, 'limit');
    });

    it.each([
      ['garbage', 'not a cursor'],
      ['a key of the wrong type', api.b64(['steven-griner'])],
    ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
      api.expectProblem(
        await ctx.app.inject({ url: `/api/v1/team?cursor=${encodeURIComponent(cursor)}` }),
        400,
        'cursor',
      );
    });

    it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
      await api.expectRevalidation(ctx, '/api/v1/team', api.QUOTED_ETAG);
    });

    it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
      await api.expectListSurvivesArbitraryQueries(
        ctx,
        '/api/v1/team',
        queries(['limit', 'cursor', 'lang'], [`cursor=${api.b64(['x'])}`]),
      );
    });
  });

  describe('GET /api/v1/partners', () => {
    it('lists no partners, as the reference data has none yet', async () => {
      expect(partners).toEqual([]);
      expect(await api.getJson(ctx, '/api/v1/partners')).toEqual({ lang: 'en', items: [], nextCursor: null });
    });

    it('answers lang and Accept-Language with an empty list in that language', async () => {
      expect(await api.getJson(ctx, '/api/v1/partners?lang=pt')).toEqual({ lang: 'pt', items: [], nextCursor: null });
      expect(await api.getJson(ctx, '/api/v1/partners', { 'accept-language': 'fr-CA' })).toEqual({
        lang: 'fr',
        items: [],
        nextCursor: null,
      });
    });

    it('filters by a known pillar, still empty', async () => {
      expect((await api.getJson(ctx, '/api/v1/partners?pillar=prevention')).items).toEqual([]);
    });

    it('answers an unknown pillar with 400 naming pillar and listing the pillars', async () => {
      const problem = api.expectProblem(await ctx.app.inject({ url: '/api/v1/partners?pillar=cyber' }), 400, 'pillar');
      for (const code of pillarCodes) expect(problem.detail).toContain(code);
    });

    it('rejects a malformed pillar with 400 naming pillar, in Spanish with lang=es', async () => {
      const problem = api.expectProblem(
        await ctx.app.inject({ url: '/api/v1/partners?pillar=Pr%C3%A9vention&lang=es' }),
        400,
        'pillar',
      );
      expect(problem.title).toBe('Parámetro no válido');
    });

    it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
      api.expectProblem(await ctx.app.inject({ url: `/api/v1/partners?limit=${limit}` }), 400, 'limit');
    });

    it.each([
      ['garbage', '***'],
      ['a cursor of another list', api.b64([1, 2, 3])],
    ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
      api.expectProblem(
        await ctx.app.inject({ url: `/api/v1/partners?cursor=${encodeURIComponent(cursor)}` }),
        400,
        'cursor',
      );
    });

    it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
      await api.expectRevalidation(ctx, '/api/v1/partners', api.QUOTED_ETAG);
    });

    it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
      await api.expectListSurvivesArbitraryQueries(
        ctx,
        '/api/v1/partners',
        queries(['limit', 'cursor', 'lang', 'pillar'], [`cursor=${api.b64(['\u0000'])}`, `pillar=x'--`]),
      );
    });
  });
});
