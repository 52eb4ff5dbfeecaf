import { expect, it } from 'vitest';
import type { ParticipantInput } from '../../../contract/delegations.js';
import { expectAsCan, expectProblem } from '../../testing/api.js';
import { buildPartner, buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { pdfPages, pdfText } from '../../testing/pdf.js';
import { ORIGIN, openSession } from '../../testing/sessions.js';
import { ADVISER, delegationApi, HEAD } from './testing.js';

describeEachEngine('GET /api/v1/meetings/{slug}/participants', (ctx) => {
  const h = delegationApi(ctx);
  const url = (slug: string, suffix = '') => `/api/v1/meetings/${slug}/participants${suffix}`;

  /** A meeting with accredited delegations of Mexico, Brazil and Ecuador, a submitted one of
   * Colombia, and accredited press and guest entries. */
  async function meetingWithList(
    participants: Record<string, ParticipantInput[]> = {},
    options: Parameters<typeof h.meeting>[0] = {},
  ) {
    const meeting = await h.meeting(options);
    const staff = await h.as('secretariat-staff');
    const accredit = async (payload: object) => {
      const res = await h.register(staff, meeting.slug, { ...payload, submit: true });
      expect(res.statusCode, res.body).toBe(201);
      const { id } = res.json();
      const done = await h.send('POST', `${h.base(meeting.slug)}/${id}/accredit`, staff, {
        version: 1,
        reason: 'Credentials handed over at the venue.',
      });
      expect(done.statusCode, done.body).toBe(200);
    };
    for (const state of ['mx', 'br', 'ec']) {
      await accredit({
        category: 'delegation',
        memberState: state,
        participants: participants[state] ?? [{ ...HEAD, name: `Head of ${state}` }, ADVISER],
      });
    }
    await h.register(staff, meeting.slug, {
      category: 'delegation',
      memberState: 'co',
      participants: [{ ...HEAD, name: 'Not yet accredited' }],
      submit: true,
    });
    await accredit({
      category: 'press',
      organisation: 'Wire service',
      participants: [{ ...ADVISER, name: 'Reporter' }],
    });
    await accredit({ category: 'guest', organisation: 'Guest house', participants: [{ ...ADVISER, name: 'A guest' }] });
    return { ...meeting, staff };
  }
  const names = (body: { categories: Array<{ groups: Array<{ participants: Array<{ name: string }> }> }> }) =>
    body.categories.flatMap((c) => c.groups.flatMap((g) => g.participants.map((p) => p.name)));

  it('shows the public accredited delegations, grouped by state in the reader’s alphabetical order, without e-mails', async () => {
    const { slug } = await meetingWithList();
    const res = await ctx.app.inject({ url: `${url(slug)}?lang=es` });
    expect(res.statusCode, res.body).toBe(200);
    // The same for every anonymous reader; a shared cache keys it on the credentials (issue 11).
    expect(res.headers['cache-control']).toBeUndefined();
    expect(res.headers.vary).toMatch(/Cookie, Authorization/);
    const body = res.json();
    expect(body.visibility).toEqual({
      delegation: 'public',
      observer: 'public',
      secretariat: 'public',
      press: 'delegations',
      guest: 'hidden',
    });
    expect(body.categories.map((c: { category: string }) => c.category)).toEqual(['delegation']);
    // Brasil, Ecuador, México: Spanish order and names.
    expect(body.categories[0].groups.map((g: { label: string }) => g.label)).toEqual(['Brasil', 'Ecuador', 'México']);
    expect(names(body)).not.toContain('Not yet accredited');
    expect(JSON.stringify(body)).not.toContain('@example.test');
  });

  it('shows delegations-only categories to delegations and partners, hidden ones to the secretariat alone', async () => {
    const { slug, staff } = await meetingWithList();
    const categoriesFor = async (headers: Record<string, string>) =>
      (await ctx.app.inject({ url: url(slug), headers }))
        .json()
        .categories.map((c: { category: string }) => c.category);
    expect(await categoriesFor(await h.as('delegate', { memberState: 'ar' }))).toEqual(['delegation', 'press']);
    expect(await categoriesFor(await h.as('focal-point', { memberState: 'ar' }))).toEqual(['delegation', 'press']);
    expect(await categoriesFor(staff)).toEqual(['delegation', 'press', 'guest']);
    // A signed-in user without any grant is the public.
    const user = await buildUser(h.db());
    expect(await categoriesFor((await openSession(h.db(), user.id)).headers)).toEqual(['delegation']);
  });

  it('answers 404 for a draft meeting and an unknown one', async () => {
    const draft = await h.meeting({ status: 'draft' });
    expectProblem(await ctx.app.inject({ url: url(draft.slug) }), 404);
    expectProblem(await ctx.app.inject({ url: url('no-such-meeting') }), 404);
    expectProblem(await ctx.app.inject({ url: url('no-such-meeting', '.csv') }), 404);
    expectProblem(await ctx.app.inject({ url: url(draft.slug, '.pdf') }), 404);
  });

  it('exports CSV with a byte order mark, localized headers, and formula-looking cells made inert', async () => {
    const evil = [
      { role: 'head' as const, name: '=HYPERLINK("http://evil.test","x")', title: '+1', institution: '@SUM(A1)' },
      { role: 'member' as const, name: '-2+3', title: 'Quote "inside", comma' },
    ];
    const { slug } = await meetingWithList({ ec: evil });
    const res = await ctx.app.inject({ url: `${url(slug, '.csv')}?lang=fr` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="participants-${slug}.csv"`);
    expect(
      res.body.startsWith('\uFEFF"Catégorie","État ou organisation","Fonction","Nom","Titre","Institution"\r\n'),
    ).toBe(true);
    expect(res.body).toContain(
      `"Délégations des États membres","Équateur","Chef de délégation","'=HYPERLINK(""http://evil.test"",""x"")","'+1","'@SUM(A1)"\r\n`,
    );
    expect(res.body).toContain(`"'-2+3","Quote ""inside"", comma",""\r\n`);
    // Every line is complete: as many cells as headers, each quoted.
    for (const line of res.body.slice(1).trimEnd().split('\r\n'))
      expect(line).toMatch(/^("([^"]|"")*",){5}"([^"]|"")*"$/);
  });

  it('exports a real PDF with the title, the meeting and the names of the list', async () => {
    const { slug } = await meetingWithList();
    const res = await ctx.app.inject({ url: `${url(slug, '.pdf')}?lang=pt` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1500);
    const text = pdfText(pdf);
    for (const expected of ['LISTA DE PARTICIPANTES', `Test meeting ${slug}`, 'México', 'Head of mx', 'Jean Dupont']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('A guest');
  });

  it('prints as an OAS document: each page headed by the meeting, its symbol and dates, numbered page x of y, categories as sections', async () => {
    // Enough names for Mexico's delegation to run over the first page.
    const many = Array.from({ length: 70 }, (_, i) => ({ ...ADVISER, name: `Adviser number ${i + 1}` }));
    const { slug, staff } = await meetingWithList({ mx: [HEAD, ...many] }, { startsAt: '2026-11-10T14:00:00.000Z' });
    const { ordinal } = await h
      .db()
      .selectFrom('meeting')
      .select('ordinal')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    const symbol = `OEA/Ser.K/XLIX.${ordinal} MISPA T`;
    const res = await ctx.app.inject({ url: `${url(slug, '.pdf')}?lang=es`, headers: staff });
    expect(res.statusCode).toBe(200);
    const pages = pdfPages(res.rawPayload);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain(`Test meeting ${slug}`);
      expect(page).toContain(symbol);
      // The days at the venue (Santo Domingo), in Spanish.
      expect(page).toContain('10–12 de noviembre de 2026');
      expect(page).toContain(`Página ${i + 1} de ${pages.length}`);
    }
    const text = pages.join(' ');
    expect(text).toContain('LISTA DE PARTICIPANTES');
    // The sections in the order of the categories, the secretariat seeing its hidden one too.
    const sections = ['DELEGACIONES DE LOS ESTADOS MIEMBROS', 'PRENSA', 'INVITADOS'].map((s) => text.indexOf(s));
    expect(sections.every((at) => at >= 0)).toBe(true);
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);
    // Each state once, in Spanish order, under its section; its last adviser on a later page.
    expect(text.indexOf('Brasil')).toBeLessThan(text.indexOf('Ecuador'));
    expect(text.indexOf('Ecuador')).toBeLessThan(text.indexOf('México'));
    expect(pages[0]).not.toContain('Adviser number 70');
    expect(text).toContain('Adviser number 70 (Asesor)');
  });

  it('heads the PDF in the reader’s language', async () => {
    const { slug } = await meetingWithList({}, { startsAt: '2026-11-10T14:00:00.000Z' });
    const first = (lang: string) =>
      ctx.app.inject({ url: `${url(slug, '.pdf')}?lang=${lang}` }).then((res) => pdfPages(res.rawPayload)[0] ?? '');
    const [en, fr, pt] = await Promise.all([first('en'), first('fr'), first('pt')]);
    expect(en).toContain('LIST OF PARTICIPANTS');
    expect(en).toContain('November 10 – 12, 2026');
    expect(en).toContain('Page 1 of 1');
    expect(fr).toContain('LISTE DES PARTICIPANTS');
    expect(fr).toContain('10–12 novembre 2026');
    expect(fr).toContain('Page 1 sur 1');
    expect(pt).toContain('10 – 12 de novembro de 2026');
    expect(pt).toContain('Página 1 de 1');
  });
});

describeEachEngine('PUT /api/v1/meetings/{slug}/participant-visibility', (ctx) => {
  const h = delegationApi(ctx);
  const put = (slug: string, headers: Record<string, string>, payload: object) =>
    h.send('PUT', `/api/v1/meetings/${slug}/participant-visibility`, headers, payload);
  const ALL_PUBLIC = {
    delegation: 'public',
    observer: 'public',
    secretariat: 'public',
    press: 'public',
    guest: 'public',
  };

  it('lets the secretariat set it with the meeting’s version, audited; the public list follows it', async () => {
    const { slug, id } = await h.meeting();
    const staff = await h.as('secretariat-staff');
    const press = await h.register(staff, slug, {
      category: 'press',
      organisation: 'Wire',
      participants: [ADVISER],
      submit: true,
    });
    const accredited = await h.send('POST', `${h.base(slug)}/${press.json().id}/accredit`, staff, {
      version: 1,
      reason: 'Press card shown.',
    });
    expect(accredited.statusCode, accredited.body).toBe(200);
    const before = await ctx.app.inject({ url: `/api/v1/meetings/${slug}/participants` });
    expect(before.json().categories).toEqual([]);
    const { version } = before.json().meeting;
    const res = await put(slug, staff, { version, visibility: { ...ALL_PUBLIC, delegation: 'hidden' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ version: version + 1, visibility: { ...ALL_PUBLIC, delegation: 'hidden' } });
    const after = await ctx.app.inject({ url: `/api/v1/meetings/${slug}/participants` });
    expect(after.json().categories.map((c: { category: string }) => c.category)).toEqual(['press']);
    const audit = await h.db().selectFrom('audit_entry').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['meetings.participant-visibility']);
  });

  it('answers a stale version with 409 carrying the current setting, and concurrent edits with one 409', async () => {
    const { slug } = await h.meeting();
    const staff = await h.as('secretariat-admin');
    const [a, b] = await Promise.all([
      put(slug, staff, { version: 1, visibility: ALL_PUBLIC }),
      put(slug, staff, { version: 1, visibility: { ...ALL_PUBLIC, guest: 'hidden' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const winner = a.statusCode === 409 ? b : a;
    expect(expectProblem(loser, 409)).toMatchObject({ currentVersion: 2, current: winner.json() });
  });

  it('says in the list’s `can` who may change it, and the server allows exactly that', async () => {
    const { slug } = await h.meeting();
    const callers: Array<[string, Record<string, string>, boolean]> = [
      ['public', { origin: ORIGIN }, false],
      ['focal-point', await h.as('focal-point', { memberState: 'ec' }), false],
      ['delegate', await h.as('delegate', { memberState: 'ec' }), false],
      ['partner', await h.as('partner', { partner: (await buildPartner(h.db(), { name: 'Foundation' })).slug }), false],
      ['secretariat-staff', await h.as('secretariat-staff'), true],
      ['secretariat-admin', await h.as('secretariat-admin'), true],
    ];
    for (const [who, headers, expected] of callers) {
      const list = (await ctx.app.inject({ url: `/api/v1/meetings/${slug}/participants`, headers })).json();
      expect(list.can, who).toEqual({ changeVisibility: expected });
      const res = await put(slug, headers, { version: list.meeting.version, visibility: ALL_PUBLIC });
      expectAsCan(list.can.changeVisibility, res, `${who} changeVisibility`);
    }
  });

  it('refuses focal points and delegates (403), visitors (401), and a partial setting (400)', async () => {
    const { slug } = await h.meeting();
    expectProblem(
      await put(slug, await h.as('focal-point', { memberState: 'ec' }), { version: 1, visibility: ALL_PUBLIC }),
      403,
    );
    expectProblem(await put(slug, { origin: ORIGIN }, { version: 1, visibility: ALL_PUBLIC }), 401);
    const staff = await h.as('secretariat-staff');
    expectProblem(await put(slug, staff, { version: 1, visibility: { delegation: 'public' } }), 400);
    expectProblem(await put('no-such-meeting', staff, { version: 1, visibility: ALL_PUBLIC }), 404);
  });
});
