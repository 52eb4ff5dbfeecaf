import { expect, it } from 'vitest';
import type { Lang } from '../../../contract/common.js';
import { LANGS } from '../../../domain/languages.js';
import * as api from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';

/** Expected values come from the reference files the test database was loaded with. */
type GroupRow = {
  slug: string;
  position: number;
  name: api.Texts;
  createdAt: string | null;
  leadState: string | null;
  pillars: string[];
  description: api.Texts | null;
  sources: api.SourceRow[];
};
const groups = api.readReference<GroupRow[]>('technical-groups.json').sort((a, b) => a.position - b.position);
const meetings = api.readReference<Array<{ slug: string; number: string; startDate: string | null }>>('meetings.json');
const states = api.readReference<Array<{ slug: string; iso2: string; name: api.Texts }>>('member-states.json');
const pillars = api
  .readReference<Array<{ code: string; position: number; name: api.Texts }>>('pillars.json')
  .sort((a, b) => a.position - b.position);

const NASTY = api.nastyValues('technical_group', 'NaN');

/** The group as the API should present it, from its reference row. */
function expectedGroup(g: GroupRow, lang: Lang) {
  const meeting = meetings.find((m) => m.slug === g.createdAt);
  const lead = states.find((s) => s.slug === g.leadState);
  return {
    id: expect.any(String),
    slug: g.slug,
    name: api.localized(g.name, lang),
    createdAt: meeting ? api.meetingRef(meeting) : null,
    leadState: lead
      ? { id: expect.any(String), slug: lead.slug, iso2: lead.iso2, name: api.localized(lead.name, lang) }
      : null,
    chairs: api.expectedChairs(lang, (c) => c.group === g.slug),
    pillars: pillars
      .filter((p) => g.pillars.includes(p.code))
      .map((p) => ({ id: expect.any(String), code: p.code, name: api.localized(p.name, lang) })),
    description: g.description && api.localized(g.description, lang),
    sources: api.sourcesOf(g.sources),
  };
}

describeEachEngine('GET /api/v1/technical-groups', (ctx) => {
  it('lists the four technical groups in order with the meeting that created them, lead state and pillars', async () => {
    const page = await api.getJson(ctx, '/api/v1/technical-groups');
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
      const page = await api.getJson(ctx, `/api/v1/technical-groups?lang=${lang}`);
      expect(page.lang).toBe(lang);
      expect(page.items).toEqual(groups.map((g) => expectedGroup(g, lang)));
    },
  );

  it('honours Accept-Language when lang is absent', async () => {
    const page = await api.getJson(ctx, '/api/v1/technical-groups', { 'accept-language': 'fr-CA' });
    expect(page.items).toEqual(groups.map((g) => expectedGroup(g, 'fr')));
  });

  it('visits every group exactly once, in order, walking nextCursor with any limit', async () => {
    const all = api.slugs(groups);
    for (let limit = 1; limit <= all.length + 1; limit++)
      expect(await api.walk(ctx, '/api/v1/technical-groups', limit)).toEqual(all);
  });

  it.each(pillars.map((p) => p.code))('filters by pillar=%s', async (code) => {
    const page = await api.getJson(ctx, `/api/v1/technical-groups?pillar=${code}`);
    expect(api.slugs(page.items)).toEqual(api.slugs(groups.filter((g) => g.pillars.includes(code))));
  });

  it('filters by memberState to the groups a state leads', async () => {
    for (const state of ['ec', 'mx']) {
      const page = await api.getJson(ctx, `/api/v1/technical-groups?memberState=${state}`);
      expect(api.slugs(page.items)).toEqual(api.slugs(groups.filter((g) => g.leadState === state)));
    }
    expect(api.slugs((await api.getJson(ctx, '/api/v1/technical-groups?memberState=ec')).items)).toContain(
      'prevention',
    );
  });

  it('filters by meeting to the groups it created, and combines filters', async () => {
    for (const meeting of meetings) {
      const page = await api.getJson(ctx, `/api/v1/technical-groups?meeting=${meeting.slug}`);
      expect(api.slugs(page.items)).toEqual(api.slugs(groups.filter((g) => g.createdAt === meeting.slug)));
    }
    const both = await api.getJson(ctx, '/api/v1/technical-groups?meeting=mispa-v&memberState=ec&pillar=prevention');
    expect(api.slugs(both.items)).toEqual(['prevention']);
    expect((await api.getJson(ctx, '/api/v1/technical-groups?meeting=mispa-v&pillar=police-management')).items).toEqual(
      [],
    );
  });

  it.each([
    ['pillar', 'cyber', pillars.map((p) => p.code)],
    ['meeting', 'mispa-ix', meetings.map((m) => m.slug)],
    ['memberState', 'zz', states.map((s) => s.slug)],
  ])('answers an unknown %s with 400 naming it and listing what is allowed', async (name, value, allowed) => {
    const problem = api.expectProblem(
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
    api.expectProblem(
      await ctx.app.inject({ url: `/api/v1/technical-groups?${name}=${encodeURIComponent(value)}` }),
      400,
      name,
    );
  });

  it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
    api.expectProblem(await ctx.app.inject({ url: `/api/v1/technical-groups?limit=${limit}` }), 400, 'limit');
  });

  it.each([
    ['garbage', 'e30'],
    ['a cursor of another list', api.b64(['ec'])],
    ['a key of the wrong types', api.b64(['prevention', 2])],
  ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
    api.expectProblem(
      await ctx.app.inject({ url: `/api/v1/technical-groups?cursor=${encodeURIComponent(cursor)}` }),
      400,
      'cursor',
    );
  });

  it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
    await api.expectRevalidation(ctx, '/api/v1/technical-groups', api.QUOTED_ETAG);
  });

  it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
    await api.expectListSurvivesArbitraryQueries(ctx, '/api/v1/technical-groups', {
      keys: ['limit', 'cursor', 'lang', 'pillar', 'memberState', 'meeting', 'constructor'],
      values: [...NASTY, 'prevention', 'mispa-v', 'ec', 'es'],
      tails: ['&pillar=%C0', '&pillar=prevention&pillar=prevention'],
      examples: [[`cursor=${api.b64(['x', 'y'])}`]],
    });
  });
});

describeEachEngine('GET /api/v1/technical-groups/:idOrSlug', (ctx) => {
  it('gives every group by its slug', async () => {
    for (const g of groups)
      expect(await api.getJson(ctx, `/api/v1/technical-groups/${g.slug}`)).toEqual(expectedGroup(g, 'en'));
  });

  it('gives the chairs of the Police Management Group over time: Ecuador from MISPA VII to MISPA VIII, then the Dominican Republic', async () => {
    const group = await api.getJson(ctx, '/api/v1/technical-groups/police-management');
    expect(
      group.chairs.map(
        (c: { state: { slug: string }; from: { shortName: string }; until: { shortName: string } | null }) => [
          c.state.slug,
          c.from.shortName,
          c.until?.shortName ?? null,
        ],
      ),
    ).toEqual([
      ['ec', 'MISPA VII', 'MISPA VIII'],
      ['do', 'MISPA VIII', null],
    ]);
    expect(group.chairs[0].sources[0]).toMatchObject({
      url: 'http://www.oas.org/es/acerca/discurso_secretario_general_adjunto.asp?sCodigo=19-0063',
      publisher: 'Organization of American States',
    });
  });

  it('finds a group by its id as well as by its slug', async () => {
    const bySlug = await api.getJson(ctx, '/api/v1/technical-groups/emergency-services-security');
    expect(await api.getJson(ctx, `/api/v1/technical-groups/${bySlug.id}`)).toEqual(bySlug);
  });

  it.each(LANGS)('gives the group in %s with lang', async (lang) => {
    const g = groups.find((x) => x.slug === 'prevention') as GroupRow;
    expect(await api.getJson(ctx, `/api/v1/technical-groups/prevention?lang=${lang}`)).toEqual(expectedGroup(g, lang));
  });

  it('answers an unknown group with 404 naming it, in Spanish with lang=es', async () => {
    const english = api.expectProblem(await ctx.app.inject({ url: '/api/v1/technical-groups/cybercrime' }), 404);
    expect(english.detail).toContain('technical group');
    expect(english.detail).toContain('"cybercrime"');
    const spanish = api.expectProblem(
      await ctx.app.inject({ url: '/api/v1/technical-groups/cybercrime?lang=es' }),
      404,
    );
    expect(spanish.title).toBe('No encontrado');
    expect(spanish.detail).toContain('grupo técnico');
    expect(spanish.detail).toContain('"cybercrime"');
  });

  it('returns an ETag and answers 304 to If-None-Match', async () => {
    await api.expectRevalidation(ctx, '/api/v1/technical-groups/prevention');
  });

  it('answers arbitrary path segments with 200, 400 or 404 only', async () => {
    await api.expectDetailSurvivesArbitrarySegments(
      ctx,
      '/api/v1/technical-groups',
      [...NASTY, ...api.slugs(groups)],
      ['\u0000', 'x'.repeat(201)],
    );
  });
});
