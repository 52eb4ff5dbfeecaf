import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../../../contract/accounts.js';
import type { LibraryEntry } from '../../../contract/library.js';
import { LANGS } from '../../../domain/languages.js';
import { LIBRARY_KINDS } from '../../../domain/library.js';
import * as api from '../../testing/api.js';
import { buildMeeting } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { outcomeHelpers } from '../documents/testing.js';
import { documentHelpers, filesOptions } from '../meeting-documents/testing.js';

/** The outcome documents of the reference data: the library's only entries before a test adds any. */
const historic =
  api.readReference<Array<{ slug: string; meeting: string; symbol: string | null; adoptedOn: string | null }>>(
    'documents.json',
  );

const files = filesOptions();
type Entry = LibraryEntry;

/**
 * A world holding every kind of document and every visibility: a convened meeting with public
 * documents (a working one in Spanish and French, linked to an agenda item on prevention, and an
 * information one) and one kept for delegations; a draft meeting with a document; and an outcome
 * document under negotiation at a meeting where Ecuador has a delegation.
 */
function worldOf(ctx: Parameters<Parameters<typeof describeEachEngine>[1]>[0]) {
  let built: Promise<Awaited<ReturnType<typeof build>>> | undefined;
  async function build() {
    const docs = documentHelpers(ctx);
    const outcome = outcomeHelpers(ctx);
    const secretariat = await docs.as('secretariat-staff');
    const convened = await docs.meeting('convened');
    const item = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${convened.slug}/agenda/items`,
      headers: secretariat,
      payload: { titles: { en: 'Prevention' }, pillars: ['prevention'] },
    });
    expect(item.statusCode, item.body).toBe(201);
    const working = await docs.created(secretariat, convened.slug, {
      titles: { es: 'Proyecto de plan', en: 'Draft plan' },
      agendaItemId: item.json().id,
    });
    for (const lang of ['es', 'fr']) {
      const res = await docs.upload(secretariat, convened.slug, working.id, lang);
      expect(res.statusCode, res.body).toBe(200);
    }
    const information = await docs.created(secretariat, convened.slug, {
      category: 'information',
      titles: { en: 'Statistics' },
      originalLang: 'en',
    });
    const restricted = await docs.created(secretariat, convened.slug, {
      category: 'information',
      titles: { en: 'For delegations' },
      originalLang: 'en',
      visibility: 'delegations',
    });
    const draftMeeting = await buildMeeting(ctx.database.db, { status: 'draft' });
    const inDraft = await docs.created(secretariat, draftMeeting.slug, { titles: { en: 'Not convened yet' } });
    const { doc: negotiated, meeting: negotiating } = await outcome.negotiated();
    return {
      secretariat,
      convened,
      draftMeeting,
      negotiating,
      working,
      information,
      restricted,
      inDraft,
      negotiated,
      as: (role: Role, state = 'ec') => outcome.as(role, state),
    };
  }
  return () => {
    built ??= build();
    return built;
  };
}

const ids = (items: Entry[]) => items.map((e) => e.id);
const list = async (ctx: Parameters<typeof api.getJson>[0], query = '', headers: Record<string, string> = {}) =>
  (await api.getJson(ctx, `/api/v1/library?limit=100${query}`, headers)).items as Entry[];

describeEachEngine('GET /api/v1/library, the reference data', (ctx) => {
  it('lists the historic outcome documents, newest first, each with its meeting and no languages held', async () => {
    const items = await list(ctx);
    expect(items.map((e) => e.slug).sort()).toEqual(historic.map((d) => d.slug).sort());
    const dates = items.map((e) => e.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const commitment = items.find((e) => e.slug === 'commitment-public-security-americas');
    expect(commitment).toMatchObject({
      source: 'outcome-document',
      kind: 'outcome',
      type: 'commitment',
      status: 'adopted',
      symbol: 'MISPA/doc.7/08 rev. 4',
      date: '2008-10-08',
      languages: [],
      meeting: { slug: 'mispa-i', shortName: 'MISPA I', year: 2008 },
      title: { text: 'Commitment to Public Security in the Americas', lang: 'en', official: true },
    });
  });

  it('sorts by symbol, the documents without one last', async () => {
    const items = await list(ctx, '&sort=symbol');
    const withSymbol = historic.filter((d) => d.symbol).map((d) => d.symbol as string);
    expect(items.slice(0, withSymbol.length).map((e) => e.symbol)).toEqual([...withSymbol].sort());
    expect(items.slice(withSymbol.length).every((e) => e.symbol === null)).toBe(true);
  });

  it.each(LANGS)('gives the titles in %s', async (lang) => {
    const items = await list(ctx, `&lang=${lang}`);
    const commitment = items.find((e) => e.slug === 'commitment-public-security-americas');
    expect(commitment?.title?.lang).toBe(lang);
  });

  it('visits every document once, in order, walking nextCursor with any limit, in both orders', async () => {
    for (const sort of ['date', 'symbol']) {
      const all = ids(await list(ctx, `&sort=${sort}`));
      for (let limit = 1; limit <= all.length + 1; limit++)
        expect(await api.walk(ctx, `/api/v1/library?sort=${sort}`, limit, (e) => e.id)).toEqual(all);
    }
  });

  it('filters by meeting and by year', async () => {
    expect((await list(ctx, '&meeting=mispa-iv')).map((e) => e.slug)).toEqual(['recommendations-medellin']);
    expect((await list(ctx, '&year=2008')).map((e) => e.slug)).toEqual(['commitment-public-security-americas']);
    expect(await list(ctx, '&year=2001')).toEqual([]);
  });

  it.each([
    ['meeting=mispa-xx', 'meeting'],
    ['kind=declaration', 'kind'],
    ['language=de', 'language'],
    ['pillar=nothing', 'pillar'],
    ['year=1999', 'year'],
    ['sort=title', 'sort'],
    ['limit=0', 'limit'],
    [`sort=symbol&cursor=${api.b64(['2008-10-08', 'x'])}`, 'cursor'],
    [`cursor=${api.b64([0, '', 'x'])}`, 'cursor'],
  ])('refuses %s with 400 naming %s', async (query, name) => {
    api.expectProblem(await ctx.app.inject({ url: `/api/v1/library?${query}` }), 400, name);
  });

  it('names the parameter and the reason in Spanish with lang=es', async () => {
    const problem = api.expectProblem(
      await ctx.app.inject({ url: '/api/v1/library?meeting=mispa-xx&lang=es' }),
      400,
      'meeting',
    );
    expect(problem.title).toBe('Parámetro no válido');
  });

  it('returns an ETag and answers 304 to If-None-Match', async () => {
    await api.expectRevalidation(ctx, '/api/v1/library?sort=symbol');
  });

  it('never fails with 5xx on arbitrary query strings, and every error is a problem document', async () => {
    await api.expectListSurvivesArbitraryQueries(ctx, '/api/v1/library', {
      keys: ['limit', 'cursor', 'lang', 'meeting', 'kind', 'language', 'pillar', 'year', 'sort', '__proto__'],
      values: [...api.nastyValues('meeting'), ...LIBRARY_KINDS, ...LANGS, 'date', 'symbol', 'mispa-i', 'prevention'],
      tails: ['&sort=date&sort=symbol', '&kind=%C0', '&=x'],
      examples: [[`sort=symbol&cursor=${api.b64([0, '\u0000', 'x'])}`], [`cursor=${api.b64(['9999', 1e300])}`]],
    });
  });
});

describeEachEngine(
  'GET /api/v1/library, meeting and outcome documents as each reader may see them',
  (ctx) => {
    const world = worldOf(ctx);
    beforeAll(async () => void (await world()), 60_000);

    it('gives the public the public documents of convened meetings and adopted texts, nothing else', async () => {
      const w = await world();
      const items = await list(ctx);
      expect(ids(items)).toEqual(expect.arrayContaining([w.working.id, w.information.id]));
      for (const hidden of [w.restricted.id, w.inDraft.id, w.negotiated.id]) expect(ids(items)).not.toContain(hidden);
      expect(items.find((e) => e.id === w.working.id)).toMatchObject({
        source: 'meeting-document',
        kind: 'working',
        symbol: w.working.symbol,
        title: { text: 'Draft plan', lang: 'en' },
        languages: ['es', 'fr'],
        date: w.working.createdAt.slice(0, 10),
        meeting: { slug: w.convened.slug, shortName: 'MISPA T' },
        slug: null,
        type: null,
        status: null,
      });
    });

    it('gives a title in the reader’s language, else in the original', async () => {
      const w = await world();
      const es = await list(ctx, '&lang=es');
      expect(es.find((e) => e.id === w.working.id)?.title).toEqual({
        text: 'Proyecto de plan',
        lang: 'es',
        official: true,
      });
      const fr = await list(ctx, '&lang=fr');
      expect(fr.find((e) => e.id === w.working.id)?.title?.lang).toBe('es');
    });

    it('no filter or order reveals a hidden document to the public', async () => {
      const w = await world();
      const hidden = [w.restricted.id, w.inDraft.id, w.negotiated.id];
      const query = fc.record(
        {
          kind: fc.constantFrom(...LIBRARY_KINDS),
          language: fc.constantFrom(...LANGS),
          pillar: fc.constantFrom('prevention', 'police-management'),
          meeting: fc.constantFrom(w.convened.slug, w.negotiating.slug, 'mispa-i'),
          sort: fc.constantFrom('date', 'symbol'),
          limit: fc.integer({ min: 1, max: 3 }),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(query, async (params) => {
          const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
          const res = await ctx.app.inject({ url: `/api/v1/library?${qs}` });
          expect(res.statusCode, res.body).toBe(200);
          for (const id of ids(res.json().items)) expect(hidden).not.toContain(id);
        }),
        { numRuns: 60 },
      );
      // A draft meeting is not even a value of the meeting filter: the same 400 as an unknown slug.
      const refused = api.expectProblem(
        await ctx.app.inject({ url: `/api/v1/library?meeting=${w.draftMeeting.slug}` }),
        400,
        'meeting',
      );
      const unknown = api.expectProblem(
        await ctx.app.inject({ url: '/api/v1/library?meeting=meeting-unknown' }),
        400,
        'meeting',
      );
      expect(refused.detail.replace(w.draftMeeting.slug, '…')).toBe(unknown.detail.replace('meeting-unknown', '…'));
    });

    it('gives a focal point the documents kept for delegations, and the texts its state negotiates', async () => {
      const w = await world();
      const ecuador = ids(await list(ctx, '', await w.as('focal-point', 'ec')));
      expect(ecuador).toEqual(expect.arrayContaining([w.restricted.id, w.negotiated.id]));
      expect(ecuador).not.toContain(w.inDraft.id);
      // Mexico has no delegation at the negotiating meeting: the text stays hidden from it.
      const mexico = ids(await list(ctx, '', await w.as('delegate', 'mx')));
      expect(mexico).toContain(w.restricted.id);
      expect(mexico).not.toContain(w.negotiated.id);
      expect(mexico).not.toContain(w.inDraft.id);
    });

    it('gives the secretariat everything, a draft meeting’s documents too', async () => {
      const w = await world();
      const all = await list(ctx, '', w.secretariat);
      expect(ids(all)).toEqual(
        expect.arrayContaining([w.working.id, w.information.id, w.restricted.id, w.inDraft.id, w.negotiated.id]),
      );
      expect(all.find((e) => e.id === w.negotiated.id)).toMatchObject({
        source: 'outcome-document',
        status: 'under-negotiation',
        languages: ['es'],
        slug: w.negotiated.slug,
      });
      expect(ids(await list(ctx, `&meeting=${w.draftMeeting.slug}`, w.secretariat))).toEqual([w.inDraft.id]);
    });

    it('filters by kind, language and pillar across both areas', async () => {
      const w = await world();
      const secretariat = w.secretariat;
      const information = await list(ctx, '&kind=information', secretariat);
      expect(information.every((e) => e.kind === 'information')).toBe(true);
      expect(ids(information)).toEqual(expect.arrayContaining([w.information.id, w.restricted.id]));
      const outcome = await list(ctx, '&kind=outcome', secretariat);
      expect(outcome.every((e) => e.source === 'outcome-document')).toBe(true);
      expect(ids(outcome)).toContain(w.negotiated.id);
      // French: the working document has a file in it; the negotiated text is in Spanish only.
      const french = ids(await list(ctx, '&language=fr', secretariat));
      expect(french).toEqual([w.working.id]);
      const spanish = ids(await list(ctx, '&language=es', secretariat));
      expect(spanish).toEqual(expect.arrayContaining([w.working.id, w.negotiated.id]));
      expect(spanish).not.toContain(w.information.id);
      // Prevention: the working document's agenda item, the negotiated text's paragraph.
      const prevention = ids(await list(ctx, '&pillar=prevention', secretariat));
      expect(prevention).toEqual(expect.arrayContaining([w.working.id, w.negotiated.id]));
      expect(prevention).not.toContain(w.information.id);
    });

    it('filters by the year of the date shown', async () => {
      const w = await world();
      const year = Number(w.working.createdAt.slice(0, 4));
      const items = await list(ctx, `&year=${year}`, w.secretariat);
      expect(ids(items)).toContain(w.working.id);
      expect(items.every((e) => e.date?.startsWith(String(year)))).toBe(true);
    });

    it('walks every reader’s whole list with any limit, in both orders', async () => {
      const w = await world();
      for (const headers of [{}, w.secretariat, await w.as('focal-point', 'ec')]) {
        for (const sort of ['date', 'symbol']) {
          const all = ids(await list(ctx, `&sort=${sort}`, headers));
          for (const limit of [1, 2, 5]) {
            const seen: string[] = [];
            let cursor: string | null = null;
            do {
              const page = await api.getJson(
                ctx,
                `/api/v1/library?sort=${sort}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
                headers,
              );
              seen.push(...ids(page.items));
              cursor = page.nextCursor;
            } while (cursor);
            expect(seen).toEqual(all);
          }
        }
      }
    });
  },
  files.options,
);
