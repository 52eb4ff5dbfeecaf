import { expect, it } from 'vitest';
import type { Lang } from '../../../contract/common.js';
import { LANGS } from '../../../domain/languages.js';
import * as api from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';

/** Expected values come from the reference files the test database was loaded with. */
type NetworkRow = {
  slug: string;
  position: number;
  kind: string;
  acronym: string | null;
  name: api.Texts;
  origin: { meeting: string; relation: string } | null;
  parent: string | null;
  description: api.Texts | null;
  sources: api.SourceRow[];
};
const networks = api.readReference<NetworkRow[]>('networks.json').sort((a, b) => a.position - b.position);
const meetings = api.readReference<Array<{ slug: string; number: string; startDate: string | null }>>('meetings.json');

const NASTY = api.nastyValues('network', 'NaN');

/** The network as the API should present it, from its reference row. */
function expectedNetwork(n: NetworkRow, lang: Lang) {
  const meeting = meetings.find((m) => m.slug === n.origin?.meeting);
  const parent = networks.find((p) => p.slug === n.parent);
  return {
    id: expect.any(String),
    slug: n.slug,
    kind: n.kind,
    acronym: n.acronym,
    name: api.localized(n.name, lang),
    origin: meeting
      ? {
          meeting: api.meetingRef(meeting),
          relation: n.origin?.relation,
        }
      : null,
    parent: parent
      ? {
          id: expect.any(String),
          slug: parent.slug,
          kind: parent.kind,
          acronym: parent.acronym,
          name: api.localized(parent.name, lang),
        }
      : null,
    description: n.description && api.localized(n.description, lang),
    sources: api.sourcesOf(n.sources),
  };
}

describeEachEngine('GET /api/v1/networks', (ctx) => {
  it('lists the networks and programs in order with their origin and parent', async () => {
    const page = await api.getJson(ctx, '/api/v1/networks');
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
      const page = await api.getJson(ctx, `/api/v1/networks?lang=${lang}`);
      expect(page.lang).toBe(lang);
      expect(page.items).toEqual(networks.map((n) => expectedNetwork(n, lang)));
    },
  );

  it('honours Accept-Language when lang is absent', async () => {
    const page = await api.getJson(ctx, '/api/v1/networks', { 'accept-language': 'pt-BR,pt;q=0.9,en;q=0.8' });
    expect(page.items).toEqual(networks.map((n) => expectedNetwork(n, 'pt')));
  });

  it('visits every network exactly once, in order, walking nextCursor with any limit', async () => {
    const all = api.slugs(networks);
    for (let limit = 1; limit <= all.length + 1; limit++)
      expect(await api.walk(ctx, '/api/v1/networks', limit)).toEqual(all);
  });

  it.each(meetings.map((m) => m.slug))('filters by meeting=%s to what it created or presented', async (slug) => {
    const page = await api.getJson(ctx, `/api/v1/networks?meeting=${slug}`);
    expect(api.slugs(page.items)).toEqual(api.slugs(networks.filter((n) => n.origin?.meeting === slug)));
  });

  it('answers an unknown meeting with 400 naming meeting and listing the meetings', async () => {
    const problem = api.expectProblem(
      await ctx.app.inject({ url: '/api/v1/networks?meeting=mispa-ix' }),
      400,
      'meeting',
    );
    for (const m of meetings) expect(problem.detail).toContain(m.slug);
  });

  it.each(['MISPA-V', 'mispa v', 'm'.repeat(61)])(
    'rejects the malformed meeting=%s with 400 naming meeting',
    async (value) => {
      api.expectProblem(
        await ctx.app.inject({ url: `/api/v1/networks?meeting=${encodeURIComponent(value)}` }),
        400,
        'meeting',
      );
    },
  );

  it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
    api.expectProblem(await ctx.app.inject({ url: `/api/v1/networks?limit=${limit}` }), 400, 'limit');
  });

  it.each([
    ['garbage', '🙃'],
    ['a cursor of another list', api.b64(['riap'])],
    ['a key of the wrong types', api.b64(['riap', 2])],
  ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
    api.expectProblem(
      await ctx.app.inject({ url: `/api/v1/networks?cursor=${encodeURIComponent(cursor)}` }),
      400,
      'cursor',
    );
  });

  it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
    await api.expectRevalidation(ctx, '/api/v1/networks', api.QUOTED_ETAG);
  });

  it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
    await api.expectListSurvivesArbitraryQueries(ctx, '/api/v1/networks', {
      keys: ['limit', 'cursor', 'lang', 'meeting', '__proto__'],
      values: [...NASTY, 'mispa-v', 'fr'],
      tails: ['&meeting=%C0', '&meeting=mispa-v&meeting=mispa-i'],
      examples: [[`cursor=${api.b64(['x', 'y'])}`]],
    });
  });
});

describeEachEngine('GET /api/v1/networks/:idOrSlug', (ctx) => {
  it('gives every network and program by its slug', async () => {
    for (const n of networks)
      expect(await api.getJson(ctx, `/api/v1/networks/${n.slug}`)).toEqual(expectedNetwork(n, 'en'));
  });

  it('finds a network by its id as well as by its slug', async () => {
    const bySlug = await api.getJson(ctx, '/api/v1/networks/riap');
    expect(await api.getJson(ctx, `/api/v1/networks/${bySlug.id}`)).toEqual(bySlug);
  });

  it.each(LANGS)('gives the program and its parent network in %s with lang', async (lang) => {
    const n = networks.find((x) => x.parent !== null) as NetworkRow;
    expect(await api.getJson(ctx, `/api/v1/networks/${n.slug}?lang=${lang}`)).toEqual(expectedNetwork(n, lang));
  });

  it('answers an unknown network with 404 naming it, in Spanish with lang=es', async () => {
    const english = api.expectProblem(await ctx.app.inject({ url: '/api/v1/networks/interpol' }), 404);
    expect(english.detail).toContain('network or program');
    expect(english.detail).toContain('"interpol"');
    const spanish = api.expectProblem(await ctx.app.inject({ url: '/api/v1/networks/interpol?lang=es' }), 404);
    expect(spanish.title).toBe('No encontrado');
    expect(spanish.detail).toContain('red o programa');
    expect(spanish.detail).toContain('"interpol"');
  });

  it('returns an ETag and answers 304 to If-None-Match', async () => {
    await api.expectRevalidation(ctx, '/api/v1/networks/riap');
  });

  it('answers arbitrary path segments with 200, 400 or 404 only', async () => {
    await api.expectDetailSurvivesArbitrarySegments(
      ctx,
      '/api/v1/networks',
      [...NASTY, ...api.slugs(networks)],
      ['\u0000', 'x'.repeat(201)],
    );
  });
});
