import { expect, it } from 'vitest';
import type { MeetingStatus } from '../../db/schema.js';
import { expectAsCan, expectProblem } from '../../testing/api.js';
import { buildMeeting } from '../../testing/factories.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { verifyChain } from '../audit/chain.js';
import { agendaSnapshot, auditOf, buildMeetingDocument, everyCaller, type Headers } from './testing.js';

const HOUR = 3_600_000;

function helpers(ctx: AppContext) {
  const db = () => ctx.database.db;
  const url = (slug: string, rest = '') => `/api/v1/meetings/${slug}/agenda${rest}`;
  const get = (slug: string, headers: Headers = {}, lang = 'en') =>
    ctx.app.inject({ url: `${url(slug)}?lang=${lang}`, headers });
  const send = (method: 'POST' | 'PUT' | 'DELETE', path: string, headers: Headers, payload: object) =>
    ctx.app.inject({ method, url: path, headers, payload });
  /** A meeting with a slot from its start, one hour per item. */
  const meeting = async (status: MeetingStatus = 'convened') => {
    const built = await buildMeeting(db(), { status });
    const row = await db()
      .selectFrom('meeting')
      .select(['starts_at', 'ends_at'])
      .where('id', '=', built.id)
      .executeTakeFirstOrThrow();
    const start = Date.parse(row.starts_at as string);
    const slot = (n: number) => ({
      startsAt: new Date(start + n * HOUR).toISOString(),
      endsAt: new Date(start + (n + 1) * HOUR).toISOString(),
    });
    return { ...built, slot, startsAt: row.starts_at as string, endsAt: row.ends_at as string };
  };
  const add = async (slug: string, headers: Headers, title: string, extra: object = {}) => {
    const res = await send('POST', url(slug, '/items'), headers, { titles: { en: title }, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number; position: number };
  };
  return { db, url, get, send, meeting, add };
}

describeEachEngine('GET /api/v1/meetings/{slug}/agenda', (ctx) => {
  const h = helpers(ctx);

  it('gives the items in order with texts in the language asked, falling back to English then any', async () => {
    const callers = await everyCaller(ctx);
    const m = await h.meeting();
    await h.add(m.slug, callers.staff, 'Opening', {
      ...m.slot(0),
      descriptions: { es: 'Palabras de apertura' },
      pillars: ['prevention'],
      presenters: ['Secretary General'],
    });
    await ctx.app.inject({
      method: 'POST',
      url: h.url(m.slug, '/items'),
      headers: callers.staff,
      payload: { titles: { fr: 'Clôture' } },
    });
    const res = await h.get(m.slug, {}, 'es');
    expect(res.statusCode).toBe(200);
    const agenda = res.json();
    expect(agenda).toMatchObject({ frozen: false, meeting: { slug: m.slug, timeZone: 'America/Santo_Domingo' } });
    expect(agenda.items).toHaveLength(2);
    expect(agenda.items[0]).toMatchObject({
      position: 1,
      title: { text: 'Opening', lang: 'en' },
      description: { text: 'Palabras de apertura', lang: 'es' },
      titles: { en: 'Opening', es: null, fr: null, pt: null },
      pillars: [{ code: 'prevention' }],
      presenters: ['Secretary General'],
      ...m.slot(0),
      documents: [],
      version: 1,
    });
    expect(agenda.items[1]).toMatchObject({ position: 2, title: { text: 'Clôture', lang: 'fr' }, description: null });
  });

  it('answers 404 for a draft meeting to all but the secretariat, and for an unknown one', async () => {
    const callers = await everyCaller(ctx);
    const m = await h.meeting('draft');
    for (const headers of [callers.public, callers.delegate, callers.focalPoint]) {
      expectProblem(await h.get(m.slug, headers), 404);
    }
    for (const headers of [callers.staff, callers.admin, callers.readToken]) {
      expect((await h.get(m.slug, headers)).statusCode).toBe(200);
    }
    expectProblem(await h.get('no-such-meeting'), 404);
  });

  it('is public for the historic meetings, frozen and empty', async () => {
    const res = await h.get('mispa-i');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ frozen: true, items: [] });
  });
});

describeEachEngine('agenda writes: who may', (ctx) => {
  const h = helpers(ctx);

  it('lets the secretariat add items; refuses the public (401), delegations and read-only tokens (403)', async () => {
    const callers = await everyCaller(ctx);
    const m = await h.meeting();
    const payload = { titles: { en: 'Item' } };
    expectProblem(await h.send('POST', h.url(m.slug, '/items'), callers.public, payload), 401);
    for (const headers of [callers.delegate, callers.focalPoint, callers.readToken]) {
      expect(expectProblem(await h.send('POST', h.url(m.slug, '/items'), headers, payload), 403).detail).toContain(
        'agenda.edit',
      );
    }
    for (const headers of [callers.staff, callers.admin]) {
      expect((await h.send('POST', h.url(m.slug, '/items'), headers, payload)).statusCode).toBe(201);
    }
    expect((await h.get(m.slug)).json().items).toHaveLength(2);
  });

  it('hides a draft meeting from writers who may not read drafts, and audits every write', async () => {
    const callers = await everyCaller(ctx);
    const m = await h.meeting('draft');
    const item = await h.add(m.slug, callers.staff, 'Draft item');
    const audit = await auditOf(h.db(), item.id);
    expect(audit.map((e) => [e.action, e.actor_role])).toEqual([['agenda.create-item', 'secretariat-staff']]);
    expect(await verifyChain(h.db())).toMatchObject({ ok: true });
  });
});

describeEachEngine('agenda writes: validation', (ctx) => {
  const h = helpers(ctx);

  it('refuses items without a title, with a slot outside the meeting or backwards, or unknown pillars', async () => {
    const { staff } = await everyCaller(ctx);
    const m = await h.meeting();
    const post = (payload: object) => h.send('POST', h.url(m.slug, '/items'), staff, payload);
    expectProblem(await post({ titles: {} }), 400, 'titles');
    expectProblem(await post({ titles: { en: '   ' } }), 400, 'titles');
    expectProblem(await post({ titles: { en: 'x'.repeat(301) } }), 400, 'titles.en');
    expectProblem(await post({ titles: { de: 'Eröffnung' } }), 400);
    const before = new Date(Date.parse(m.startsAt) - HOUR).toISOString();
    const after = new Date(Date.parse(m.endsAt) + HOUR).toISOString();
    expectProblem(await post({ titles: { en: 'x' }, startsAt: before, endsAt: m.slot(0).endsAt }), 400, 'startsAt');
    expectProblem(await post({ titles: { en: 'x' }, startsAt: m.slot(0).startsAt, endsAt: after }), 400, 'endsAt');
    expectProblem(
      await post({ titles: { en: 'x' }, startsAt: m.slot(1).startsAt, endsAt: m.slot(0).startsAt }),
      400,
      'endsAt',
    );
    expectProblem(await post({ titles: { en: 'x' }, startsAt: m.slot(1).startsAt }), 400, 'endsAt');
    expectProblem(await post({ titles: { en: 'x' }, pillars: ['no-such-pillar'] }), 400, 'pillars');
    expectProblem(await post({ titles: { en: 'x' }, presenters: [''] }), 400);
    expect((await h.get(m.slug)).json().items).toEqual([]);
  });

  it('links only documents of the same meeting, and unlinks them', async () => {
    const { staff } = await everyCaller(ctx);
    const m = await h.meeting();
    const other = await h.meeting();
    const own = await buildMeetingDocument(h.db(), m.id, 'MISPA/T/doc.1');
    const foreign = await buildMeetingDocument(h.db(), other.id, 'MISPA/T/doc.9');
    const item = await h.add(m.slug, staff, 'With documents');
    const link = (version: number, meetingDocumentId: string) =>
      h.send('POST', h.url(m.slug, `/items/${item.id}/documents`), staff, { meetingDocumentId, version });
    expectProblem(await link(1, foreign), 400, 'meetingDocumentId');
    const linked = await link(1, own);
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ version: 2, documents: [{ id: own, symbol: 'MISPA/T/doc.1' }] });
    expectProblem(await link(1, own), 409);
    const unlinked = await h.send('DELETE', h.url(m.slug, `/items/${item.id}/documents/${own}`), staff, { version: 2 });
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(unlinked.json()).toMatchObject({ version: 3, documents: [] });
    expectProblem(
      await h.send('DELETE', h.url(m.slug, `/items/${item.id}/documents/${own}`), staff, { version: 3 }),
      404,
    );
  });

  it('lists a delegations-only document of an item to delegations and the secretariat, not to the public', async () => {
    const callers = await everyCaller(ctx);
    const m = await h.meeting();
    const open = await buildMeetingDocument(h.db(), m.id, 'MISPA/T/doc.1');
    const kept = await buildMeetingDocument(h.db(), m.id, 'MISPA/T/doc.2');
    await h.db().updateTable('meeting_document').set({ visibility: 'delegations' }).where('id', '=', kept).execute();
    const item = await h.add(m.slug, callers.staff, 'Both kinds');
    for (const [version, meetingDocumentId] of [
      [1, open],
      [2, kept],
    ] as const) {
      const res = await h.send('POST', h.url(m.slug, `/items/${item.id}/documents`), callers.staff, {
        meetingDocumentId,
        version,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const symbols = async (headers: Headers) =>
      (await h.get(m.slug, headers)).json().items[0].documents.map((d: { symbol: string }) => d.symbol);
    expect(await symbols(callers.public)).toEqual(['MISPA/T/doc.1']);
    for (const headers of [callers.delegate, callers.focalPoint, callers.staff])
      expect(await symbols(headers)).toEqual(['MISPA/T/doc.1', 'MISPA/T/doc.2']);
  });
});

describeEachEngine('agenda writes: versions and concurrency', (ctx) => {
  const h = helpers(ctx);

  it('edits with the version read; a stale version is a 409 carrying the current item', async () => {
    const { staff } = await everyCaller(ctx);
    const m = await h.meeting();
    const item = await h.add(m.slug, staff, 'First');
    const put = (version: number, title: string) =>
      h.send('PUT', h.url(m.slug, `/items/${item.id}`), staff, { titles: { en: title, es: 'Primero' }, version });
    const ok = await put(1, 'First, edited');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, titles: { en: 'First, edited', es: 'Primero' } });
    const stale = expectProblem(await put(1, 'Lost edit'), 409) as unknown as Record<string, unknown>;
    expect(stale).toMatchObject({
      currentVersion: 2,
      current: { id: item.id, version: 2, titles: { en: 'First, edited' } },
    });
  });

  it('lets exactly one of two concurrent edits of the same version through', async () => {
    const { staff, admin } = await everyCaller(ctx);
    const m = await h.meeting();
    const item = await h.add(m.slug, staff, 'Contested');
    const results = await Promise.all(
      [staff, admin].map((headers, n) =>
        h.send('PUT', h.url(m.slug, `/items/${item.id}`), headers, { titles: { en: `Edit ${n}` }, version: 1 }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await h.get(m.slug)).json().items[0].version).toBe(2);
  });

  it('reorders with the full list and versions; of two concurrent reorders one gets 409', async () => {
    const { staff, admin } = await everyCaller(ctx);
    const m = await h.meeting();
    const a = await h.add(m.slug, staff, 'A');
    const b = await h.add(m.slug, staff, 'B');
    const c = await h.add(m.slug, staff, 'C');
    const order = (headers: Headers, ids: Array<{ id: string; version: number }>) =>
      h.send('PUT', h.url(m.slug, '/order'), headers, { items: ids });
    const v = (x: { id: string }) => ({ id: x.id, version: 1 });
    expectProblem(await order(staff, [v(a), v(b)]), 409);
    expectProblem(await order(staff, [v(a), v(a), v(b)]), 400, 'items');
    const results = await Promise.all([order(staff, [v(c), v(a), v(b)]), order(admin, [v(b), v(c), v(a)])]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.json();
    const loser = results.find((r) => r.statusCode === 409)?.json();
    expect(loser.current.items.map((i: { id: string }) => i.id)).toEqual(winner.items.map((i: { id: string }) => i.id));
    const titles = (await h.get(m.slug)).json().items.map((i: { title: { text: string } }) => i.title.text);
    expect([
      ['C', 'A', 'B'],
      ['B', 'C', 'A'],
    ]).toContainEqual(titles);
  });

  it('moves the times with the order: item 3 moved above item 2 takes 10:00 and item 2 the slot after it (issue 11)', async () => {
    const { staff } = await everyCaller(ctx);
    const m = await h.meeting();
    const at = (minutes: number) => new Date(Date.parse(m.startsAt) + minutes * 60_000).toISOString();
    // 9:00–10:00 opening, 10:00–10:30 item 2, 10:30–11:00 item 3, a lunch, 13:00–14:30 item 4, and an untimed item.
    const one = await h.add(m.slug, staff, 'Opening', { startsAt: at(0), endsAt: at(60) });
    const two = await h.add(m.slug, staff, 'Item 2', { startsAt: at(60), endsAt: at(90) });
    const three = await h.add(m.slug, staff, 'Item 3', { startsAt: at(90), endsAt: at(120) });
    const four = await h.add(m.slug, staff, 'Item 4', { startsAt: at(240), endsAt: at(330) });
    const loose = await h.add(m.slug, staff, 'Any other business');
    const v = (x: { id: string; version: number }) => ({ id: x.id, version: x.version });
    const moved = await h.send('PUT', h.url(m.slug, '/order'), staff, {
      items: [v(one), v(three), v(two), v(four), v(loose)],
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const slots = (items: Array<{ title: { text: string }; startsAt: string | null; endsAt: string | null }>) =>
      items.map((i) => [i.title.text, i.startsAt, i.endsAt]);
    expect(slots(moved.json().items)).toEqual([
      ['Opening', at(0), at(60)],
      ['Item 3', at(60), at(90)],
      ['Item 2', at(90), at(120)],
      ['Item 4', at(240), at(330)],
      ['Any other business', null, null],
    ]);
    // A long item moved up keeps its length and pushes the others on; the lunch break stays the
    // programme's third, and the agenda still ends when it did.
    const now = (await h.get(m.slug)).json().items as Array<{ id: string; version: number }>;
    const [o, i3, i2, i4, aob] = now as [typeof one, typeof one, typeof one, typeof one, typeof one];
    const again = await h.send('PUT', h.url(m.slug, '/order'), staff, { items: [v(o), v(i4), v(i3), v(i2), v(aob)] });
    expect(slots(again.json().items)).toEqual([
      ['Opening', at(0), at(60)],
      ['Item 4', at(60), at(150)],
      ['Item 3', at(150), at(180)],
      ['Item 2', at(300), at(330)],
      ['Any other business', null, null],
    ]);
    // Every item whose time changed has a new version, so an edit made from the old times is a 409.
    expectProblem(
      await h.send('PUT', h.url(m.slug, `/items/${two.id}`), staff, { titles: { en: 'Stale' }, version: i2.version }),
      409,
    );
  });

  it('refuses a start time that contradicts the order, naming the field and the item it would pass; nothing is written (issue 11 item 14)', async () => {
    const { staff } = await everyCaller(ctx);
    const m = await h.meeting();
    const at = (minutes: number) => new Date(Date.parse(m.startsAt) + minutes * 60_000).toISOString();
    const one = await h.add(m.slug, staff, 'Opening', { startsAt: at(10), endsAt: at(60) });
    const two = await h.add(m.slug, staff, 'Item 2', { startsAt: at(60), endsAt: at(90) });
    await h.add(m.slug, staff, 'Untimed');
    const four = await h.add(m.slug, staff, 'Item 4', { startsAt: at(120), endsAt: at(150) });
    const before = await agendaSnapshot(h.db());
    const item = (path: string, payload: object, lang = 'en') =>
      h.send(path.endsWith('/items') ? 'POST' : 'PUT', `${h.url(m.slug, path)}?lang=${lang}`, staff, payload);

    // A new item goes last: it may not start before the last timed item.
    const added = expectProblem(
      await item('/items', { titles: { en: 'Late' }, startsAt: at(90), endsAt: at(100) }),
      400,
      'startsAt',
    );
    expect(added.errors?.[0]?.reason).toBe(
      `must not be before item 4 above it (${at(120)}): the agenda’s times follow its order, so move the item instead`,
    );
    // Item 2 may not start before the opening nor after item 4 (the untimed item between is passed over).
    const early = { titles: { en: 'Item 2' }, startsAt: at(30), endsAt: at(50), version: two.version };
    expect(
      expectProblem(await item(`/items/${two.id}`, { ...early, startsAt: at(5), endsAt: at(50) }), 400, 'startsAt')
        .errors?.[0]?.reason,
    ).toContain('item 1 above it');
    const late = expectProblem(
      await item(`/items/${two.id}`, { ...early, startsAt: at(121), endsAt: at(130) }, 'es'),
      400,
      'startsAt',
    );
    expect(late.errors?.[0]?.reason).toContain(`no debe ser posterior al punto 4, que va después (${at(120)})`);
    expect(await agendaSnapshot(h.db())).toEqual(before);

    // Between its neighbours, or at the same time as one, it is taken.
    for (const [start, end] of [
      [at(30), at(50)],
      [at(10), at(30)],
      [at(120), at(130)],
    ] as const) {
      const now = (await h.get(m.slug)).json().items[1] as { version: number };
      const res = await item(`/items/${two.id}`, { ...early, startsAt: start, endsAt: end, version: now.version });
      expect(res.statusCode, res.body).toBe(200);
    }
    // The first and last timed items move freely outward.
    const first = await item(`/items/${one.id}`, {
      titles: { en: 'Opening' },
      startsAt: at(0),
      endsAt: at(20),
      version: one.version,
    });
    expect(first.statusCode, first.body).toBe(200);
    const last = await item(`/items/${four.id}`, {
      titles: { en: 'Item 4' },
      startsAt: at(400),
      endsAt: at(420),
      version: four.version,
    });
    expect(last.statusCode, last.body).toBe(200);
  });

  it('removes an item with its version, renumbering the rest', async () => {
    const { staff } = await everyCaller(ctx);
    const m = await h.meeting();
    const a = await h.add(m.slug, staff, 'A');
    await h.add(m.slug, staff, 'B');
    expectProblem(await h.send('DELETE', h.url(m.slug, `/items/${a.id}`), staff, { version: 7 }), 409);
    expect((await h.send('DELETE', h.url(m.slug, `/items/${a.id}`), staff, { version: 1 })).statusCode).toBe(204);
    const items = (await h.get(m.slug)).json().items;
    expect(items.map((i: { position: number; title: { text: string } }) => [i.position, i.title.text])).toEqual([
      [1, 'B'],
    ]);
    expectProblem(await h.send('DELETE', h.url(m.slug, `/items/${a.id}`), staff, { version: 1 }), 404);
    const texts = await h.db().selectFrom('translation').select('text').where('entity_id', '=', a.id).execute();
    expect(texts).toEqual([]);
  });
});

describeEachEngine('agenda writes: frozen once the meeting starts', (ctx) => {
  const h = helpers(ctx);

  it.each(['in-session', 'concluded', 'cancelled'] as const)(
    'refuses edits of a %s meeting with 409; an administrator overrides, audited as an override',
    async (status) => {
      const callers = await everyCaller(ctx);
      const m = await h.meeting(status);
      const payload = { titles: { en: 'Late item' } };
      expect((await h.get(m.slug)).json().frozen).toBe(true);
      expect(
        expectProblem(await h.send('POST', h.url(m.slug, '/items'), callers.staff, payload), 409).detail,
      ).toContain('override');
      expectProblem(await h.send('POST', h.url(m.slug, '/items'), callers.staff, { ...payload, override: true }), 403);
      expectProblem(await h.send('POST', h.url(m.slug, '/items'), callers.admin, payload), 409);
      const res = await h.send('POST', h.url(m.slug, '/items'), callers.admin, { ...payload, override: true });
      expect(res.statusCode, res.body).toBe(201);
      const audit = await auditOf(h.db(), res.json().id);
      expect(audit.map((e) => [e.action, e.actor_role])).toEqual([
        ['agenda.override.create-item', 'secretariat-admin'],
      ]);
    },
  );
});

describeEachEngine('the agenda’s `can` object', (ctx) => {
  const h = helpers(ctx);

  it.each<[MeetingStatus, Record<string, { edit: boolean; override: boolean }>]>([
    [
      'convened',
      {
        public: { edit: false, override: false },
        delegate: { edit: false, override: false },
        focalPoint: { edit: false, override: false },
        staff: { edit: true, override: false },
        admin: { edit: true, override: false },
        readToken: { edit: false, override: false },
      },
    ],
    [
      'in-session',
      {
        public: { edit: false, override: false },
        delegate: { edit: false, override: false },
        focalPoint: { edit: false, override: false },
        staff: { edit: false, override: false },
        admin: { edit: false, override: true },
        readToken: { edit: false, override: false },
      },
    ],
  ])('on a %s meeting says what each caller may do, and the server allows exactly that', async (status, expected) => {
    const callers = await everyCaller(ctx);
    const m = await h.meeting(status);
    for (const [who, headers] of Object.entries(callers)) {
      const { can } = (await h.get(m.slug, headers)).json();
      expect(can, who).toEqual(expected[who]);
      const payload = { titles: { en: `By ${who}` } };
      expectAsCan(can.edit, await h.send('POST', h.url(m.slug, '/items'), headers, payload), `${who} edit`);
      const overridden = { ...payload, override: true };
      const res = await h.send('POST', h.url(m.slug, '/items'), headers, overridden);
      // On an open agenda the override is not needed: an editor's write succeeds without it.
      expectAsCan(can.override || can.edit, res, `${who} override`);
    }
  });
});
