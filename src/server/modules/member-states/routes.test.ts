import { expect, it } from 'vitest';
import { LANGS } from '../../../domain/languages.js';
import { SUBREGIONS } from '../../../domain/reference.js';
import * as api from '../../testing/api.js';
import { buildDelegation, buildMeeting } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { outcomeHelpers } from '../documents/testing.js';

/** Expected values come from the reference files the test database was loaded with. */
const states = api
  .readReference<
    Array<{
      slug: string;
      iso2: string;
      iso3: string;
      isoNumeric: string;
      subregion: string;
      name: api.Texts;
      sources: api.SourceRow[];
    }>
  >('member-states.json')
  .sort((a, b) => (a.slug < b.slug ? -1 : 1));
const meetings = api
  .readReference<
    Array<{ slug: string; number: string; ordinal: number; hostState: string | null; startDate: string | null }>
  >('meetings.json')
  .sort((a, b) => a.ordinal - b.ordinal);
const groups = api
  .readReference<Array<{ slug: string; position: number; leadState: string | null; name: api.Texts }>>(
    'technical-groups.json',
  )
  .sort((a, b) => a.position - b.position);

const NASTY = api.nastyValues('member_state', '../../etc/passwd', 'NaN', '1e309', '[]');

describeEachEngine('GET /api/v1/member-states', (ctx) => {
  it('lists the 35 member states in slug order with their ISO codes, subregion and name', async () => {
    const page = await api.getJson(ctx, '/api/v1/member-states?limit=100');
    expect(page.nextCursor).toBeNull();
    expect(page.items).toHaveLength(35);
    expect(page.items).toEqual(
      states.map((s) => ({
        id: expect.any(String),
        slug: s.slug,
        iso2: s.iso2,
        iso3: s.iso3,
        isoNumeric: s.isoNumeric,
        subregion: s.subregion,
        name: api.localized(s.name, 'en'),
      })),
    );
  });

  it('gives 35 states across pages with the default limit of 50 and with limit=10', async () => {
    const first = await api.getJson(ctx, '/api/v1/member-states');
    expect(first.items).toHaveLength(35);
    expect(first.nextCursor).toBeNull();
    expect(await api.walk(ctx, '/api/v1/member-states', 10)).toHaveLength(35);
  });

  it('visits every state exactly once, in order, walking nextCursor with any limit from 1 to 36', async () => {
    const all = states.map((s) => s.slug);
    for (let limit = 1; limit <= all.length + 1; limit++)
      expect(await api.walk(ctx, '/api/v1/member-states', limit)).toEqual(all);
  });

  it('pages through one subregion only, with the filter kept across pages', async () => {
    expect(await api.walk(ctx, '/api/v1/member-states?subregion=caribbean', 4)).toEqual(
      states.filter((s) => s.subregion === 'caribbean').map((s) => s.slug),
    );
  });

  it.each(SUBREGIONS)('filters by subregion=%s', async (subregion) => {
    const page = await api.getJson(ctx, `/api/v1/member-states?subregion=${subregion}`);
    const expected = states.filter((s) => s.subregion === subregion).map((s) => s.slug);
    expect(expected.length).toBeGreaterThan(0);
    expect(page.items.map((s: { slug: string }) => s.slug)).toEqual(expected);
  });

  it.each(['mars', 'Caribbean', 'south america', ''])(
    'rejects subregion=%s with 400 naming subregion',
    async (value) => {
      const problem = api.expectProblem(
        await ctx.app.inject({ url: `/api/v1/member-states?subregion=${encodeURIComponent(value)}` }),
        400,
        'subregion',
      );
      expect(problem.detail).toContain('caribbean');
    },
  );

  it.each(LANGS)('gives the names in %s, with their official flags, with lang', async (lang) => {
    const page = await api.getJson(ctx, `/api/v1/member-states?limit=100&lang=${lang}`);
    expect(page.lang).toBe(lang);
    expect(page.items.map((s: { name: unknown }) => s.name)).toEqual(states.map((s) => api.localized(s.name, lang)));
  });

  it.each([
    ['es-MX,es;q=0.9', 'es'],
    ['fr-CA', 'fr'],
    ['pt-BR;q=0.8, de;q=0.9', 'pt'],
    ['', 'en'],
  ] as const)('honours Accept-Language "%s" when lang is absent', async (header, lang) => {
    const page = await api.getJson(ctx, '/api/v1/member-states?limit=100', header ? { 'accept-language': header } : {});
    expect(page.lang).toBe(lang);
    expect(page.items.map((s: { name: unknown }) => s.name)).toEqual(states.map((s) => api.localized(s.name, lang)));
  });

  it.each(['0', '101', 'abc', '-1', '1.5'])('rejects limit=%s with 400 naming limit', async (limit) => {
    const problem = api.expectProblem(
      await ctx.app.inject({ url: `/api/v1/member-states?limit=${limit}` }),
      400,
      'limit',
    );
    expect(problem.detail).toContain('limit');
  });

  it.each([
    ['garbage', '%%%not-base64'],
    ['a cursor of another list', api.b64([1, 'commitment', 'x'])],
    ['a key of the wrong type', api.b64([5])],
    ['a list of objects', api.b64([{ slug: 'ec' }])],
    ['an empty key', api.b64([])],
  ])('rejects %s as cursor with 400 naming cursor', async (_, cursor) => {
    api.expectProblem(
      await ctx.app.inject({ url: `/api/v1/member-states?cursor=${encodeURIComponent(cursor)}` }),
      400,
      'cursor',
    );
  });

  it('returns an ETag and answers 304 without a body to If-None-Match', async () => {
    const etag = await api.expectRevalidation(ctx, '/api/v1/member-states?subregion=caribbean', api.QUOTED_ETAG);
    const other = await ctx.app.inject({
      url: '/api/v1/member-states?subregion=north-america',
      headers: { 'if-none-match': etag },
    });
    expect(other.statusCode).toBe(200);
  });

  it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
    await api.expectListSurvivesArbitraryQueries(ctx, '/api/v1/member-states', {
      keys: ['limit', 'cursor', 'lang', 'subregion', '__proto__', 'constructor', 'subregion[]'],
      values: [...NASTY, ...SUBREGIONS, ...LANGS, 'ec'],
      tails: ['&subregion=%C0', '&=x', '&subregion=caribbean&subregion=caribbean'],
      examples: [[`cursor=${api.b64(['\u0000'])}`], [`cursor=${api.b64([1e300])}`, 'pt']],
    });
  });
});

describeEachEngine('GET /api/v1/member-states/:idOrSlug', (ctx) => {
  it('gives Ecuador with the groups it leads, MISPA VII it hosted and its sources', async () => {
    const ecuador = states.find((s) => s.slug === 'ec');
    const state = await api.getJson(ctx, '/api/v1/member-states/ec');
    expect(state).toMatchObject({
      slug: 'ec',
      iso2: 'EC',
      iso3: ecuador?.iso3,
      isoNumeric: ecuador?.isoNumeric,
      subregion: 'south-america',
      name: ecuador && api.localized(ecuador.name, 'en'),
      sources: api.sourcesOf(ecuador?.sources ?? []),
    });
    expect(state.meetingsHosted).toEqual([
      { id: expect.any(String), slug: 'mispa-vii', shortName: 'MISPA VII', year: 2019 },
    ]);
    expect(state.groupsLed.map((g: { slug: string }) => g.slug)).toEqual(
      groups.filter((g) => g.leadState === 'ec').map((g) => g.slug),
    );
    expect(state.groupsLed.map((g: { slug: string }) => g.slug)).toContain('prevention');
  });

  it('gives every state the meetings it hosted in order and the groups it leads', async () => {
    for (const expected of states) {
      const state = await api.getJson(ctx, `/api/v1/member-states/${expected.slug}`);
      expect(state.meetingsHosted.map((m: { slug: string }) => m.slug)).toEqual(
        meetings.filter((m) => m.hostState === expected.slug).map((m) => m.slug),
      );
      expect(state.groupsLed.map((g: { slug: string }) => g.slug)).toEqual(
        groups.filter((g) => g.leadState === expected.slug).map((g) => g.slug),
      );
    }
    const dominicanRepublic = await api.getJson(ctx, '/api/v1/member-states/do');
    expect(dominicanRepublic.meetingsHosted.map((m: { shortName: string }) => m.shortName)).toEqual([
      'MISPA II',
      'MISPA VIII',
    ]);
    const canada = await api.getJson(ctx, '/api/v1/member-states/ca');
    expect([canada.meetingsHosted, canada.groupsLed]).toEqual([[], []]);
  });

  it('gives the groups each state chaired, with the meetings that chose it and the sources', async () => {
    for (const expected of states) {
      const state = await api.getJson(ctx, `/api/v1/member-states/${expected.slug}`);
      expect(state.chairs).toEqual(api.expectedChairs('en', (c) => c.state === expected.slug));
    }
    const dominicanRepublic = await api.getJson(ctx, '/api/v1/member-states/do?lang=es');
    expect(
      dominicanRepublic.chairs.map((c: { group: { slug: string }; selection: string; from: { shortName: string } }) => [
        c.group.slug,
        c.selection,
        c.from.shortName,
      ]),
    ).toEqual([
      ['prevention', 'elected', 'MISPA VII'],
      ['police-management', 'designated', 'MISPA VIII'],
    ]);
    expect(dominicanRepublic.chairs).toEqual(api.expectedChairs('es', (c) => c.state === 'do'));
    expect((await api.getJson(ctx, '/api/v1/member-states/ca')).chairs).toEqual([]);
  });

  it('finds a state by its id as well as by its slug', async () => {
    const bySlug = await api.getJson(ctx, '/api/v1/member-states/mx');
    expect(await api.getJson(ctx, `/api/v1/member-states/${bySlug.id}`)).toEqual(bySlug);
  });

  it.each(LANGS)('gives the names of the state and its groups in %s with lang', async (lang) => {
    const state = await api.getJson(ctx, `/api/v1/member-states/ec?lang=${lang}`);
    expect(state.name).toEqual(api.localized(states.find((s) => s.slug === 'ec')?.name as api.Texts, lang));
    expect(state.groupsLed.map((g: { name: unknown }) => g.name)).toEqual(
      groups.filter((g) => g.leadState === 'ec').map((g) => api.localized(g.name, lang)),
    );
  });

  it('honours Accept-Language when lang is absent', async () => {
    const state = await api.getJson(ctx, '/api/v1/member-states/br', { 'accept-language': 'pt-BR,pt;q=0.9' });
    expect(state.name).toEqual(api.localized(states.find((s) => s.slug === 'br')?.name as api.Texts, 'pt'));
  });

  it('answers an unknown state with 404 naming it', async () => {
    const problem = api.expectProblem(await ctx.app.inject({ url: '/api/v1/member-states/zz' }), 404);
    expect(problem.detail).toContain('member state');
    expect(problem.detail).toContain('"zz"');
  });

  it('answers an unknown state in Spanish with lang=es', async () => {
    const problem = api.expectProblem(await ctx.app.inject({ url: '/api/v1/member-states/zz?lang=es' }), 404);
    expect(problem.title).toBe('No encontrado');
    expect(problem.detail).toContain('Estado miembro');
    expect(problem.detail).toContain('"zz"');
  });

  it('rejects lang=de with 400 naming lang', async () => {
    api.expectProblem(await ctx.app.inject({ url: '/api/v1/member-states/ec?lang=de' }), 400, 'lang');
  });

  it('returns an ETag and answers 304 to If-None-Match', async () => {
    await api.expectRevalidation(ctx, '/api/v1/member-states/ec');
  });

  it('answers arbitrary path segments with 200, 400 or 404 only', async () => {
    await api.expectDetailSurvivesArbitrarySegments(
      ctx,
      '/api/v1/member-states',
      [...NASTY, ...states.map((s) => s.slug)],
      ['\u0000', 'ec\u0000', 'ñ'.repeat(120), 'x'.repeat(201)],
    );
  });
});

describeEachEngine('GET /api/v1/member-states/:idOrSlug, meetings run on the platform', (ctx) => {
  it('lists the meetings a state hosts by their names, but not a draft', async () => {
    const hostedBy = async (meeting: { id: string }) =>
      ctx.database.db
        .updateTable('meeting')
        .set({ host_state_id: (eb) => eb.selectFrom('member_state').select('id').where('slug', '=', 'pe') })
        .where('id', '=', meeting.id)
        .execute();
    const preparatory = await buildMeeting(ctx.database.db, { status: 'convened', kind: 'preparatory' });
    const draft = await buildMeeting(ctx.database.db, { status: 'draft', kind: 'preparatory' });
    await hostedBy(preparatory);
    await hostedBy(draft);
    const peru = await api.getJson(ctx, '/api/v1/member-states/pe?lang=es');
    const hosted = peru.meetingsHosted as Array<{ slug: string; shortName: string }>;
    expect(hosted.map((m) => m.slug)).toContain(preparatory.slug);
    expect(hosted.map((m) => m.slug)).not.toContain(draft.slug);
    // Named in English only: the name is the fallback, never "MISPA " with an empty number.
    expect(hosted.find((m) => m.slug === preparatory.slug)?.shortName).toBe(`Test meeting ${preparatory.slug}`);
  });

  it('lists the meetings a state attended from the public lists only: never a draft or unaccredited delegation, a draft meeting or a list kept from the public', async () => {
    const db = ctx.database.db;
    const seat = (meeting: { id: string }, status: 'draft' | 'submitted' | 'accredited') =>
      buildDelegation(db, meeting.id, 'uy', status);
    const attended = await buildMeeting(db, { status: 'concluded', kind: 'preparatory' });
    const drafted = await buildMeeting(db, { status: 'registration-open' });
    const submitted = await buildMeeting(db, { status: 'registration-open' });
    const draftMeeting = await buildMeeting(db, { status: 'draft' });
    const kept = await buildMeeting(db, { status: 'concluded' });
    await seat(attended, 'accredited');
    await seat(drafted, 'draft');
    await seat(submitted, 'submitted');
    await seat(draftMeeting, 'accredited');
    await seat(kept, 'accredited');
    await db
      .updateTable('meeting')
      .set({ participant_visibility: JSON.stringify({ delegation: 'delegations' }) })
      .where('id', '=', kept.id)
      .execute();

    const uruguay = await api.getJson(ctx, '/api/v1/member-states/uy');
    expect(uruguay.meetingsAttended).toEqual([
      { id: attended.id, slug: attended.slug, shortName: `Test meeting ${attended.slug}`, year: expect.anything() },
    ]);
    // Another state attended none of them.
    expect((await api.getJson(ctx, '/api/v1/member-states/ar')).meetingsAttended).toEqual([]);
  });

  it('lists the adopted texts the state attached a footnote to, never one still negotiated, nor another state’s', async () => {
    const o = outcomeHelpers(ctx);
    const { doc } = await o.negotiated({ states: ['cr'] });
    const costaRica = await o.as('focal-point', 'cr');
    await o.ok(
      'POST',
      `/documents/${doc.id}/footnotes`,
      costaRica,
      { state: 'cr', kind: 'interpretative-statement', lang: 'es', text: 'Costa Rica entiende este texto así.' },
      201,
    );
    const footnoted = async (state: string) =>
      ((await api.getJson(ctx, `/api/v1/member-states/${state}`)).documentsFootnoted as Array<{ id: string }>).map(
        (d) => d.id,
      );
    expect(await footnoted('cr')).not.toContain(doc.id);
    // Adopted (set directly: the adoption's own steps are tested in documents/adoption.test.ts).
    await ctx.database.db.updateTable('document').set({ status: 'adopted' }).where('id', '=', doc.id).execute();
    // Read in English first, so in Spanish now: the reply cache is emptied by writes through the API,
    // not by the direct change above.
    const listed = (await api.getJson(ctx, '/api/v1/member-states/cr?lang=es')).documentsFootnoted;
    expect(listed).toEqual([
      expect.objectContaining({
        id: doc.id,
        slug: doc.slug,
        title: expect.objectContaining({ text: 'Declaración de prueba' }),
      }),
    ]);
    expect(await footnoted('pa')).not.toContain(doc.id);
  });
});
