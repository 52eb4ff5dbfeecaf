import { expect, it } from 'vitest';
import { RECORD_BODY_MAX } from '../../../domain/meeting-records.js';
import { expectAsCan, expectProblem } from '../../testing/api.js';
import { buildMeeting } from '../../testing/factories.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';
import { auditOf, buildMeetingDocument, everyCaller, type Headers, recordsSnapshot } from '../agenda/testing.js';
import { verifyChain } from '../audit/chain.js';

function helpers(ctx: AppContext) {
  const db = () => ctx.database.db;
  const url = (slug: string, rest = '') => `/api/v1/meetings/${slug}${rest}`;
  const get = (path: string, headers: Headers = {}) => ctx.app.inject({ url: path, headers });
  const send = (method: 'POST' | 'PUT' | 'DELETE', path: string, headers: Headers, payload: object) =>
    ctx.app.inject({ method, url: path, headers, payload });
  const write = (slug: string, headers: Headers, body: string, updatedAt: string | null, kind = 'minutes') =>
    send('PUT', url(slug, `/records/${kind}`), headers, { lang: 'es', body, updatedAt });
  /** Writes, checks and returns a version. */
  const written = async (slug: string, headers: Headers, body: string, updatedAt: string | null) => {
    const res = await write(slug, headers, body, updatedAt);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { version: number; status: string; updatedAt: string };
  };
  const step = async (slug: string, headers: Headers, which: 'share' | 'finalise', updatedAt: string) => {
    const res = await send('POST', url(slug, `/records/minutes/${which}`), headers, { updatedAt });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { version: number; status: string; updatedAt: string };
  };
  return { db, url, get, send, write, written, step };
}

describeEachEngine('minutes and reports: drafting, sharing, finalising', (ctx) => {
  const h = helpers(ctx);

  it('takes a draft through shared to final, keeping every version; editing a final one starts the next', async () => {
    const callers = await everyCaller(ctx);
    const m = await buildMeeting(h.db(), { status: 'concluded' });
    const v1 = await h.written(m.slug, callers.staff, 'Borrador del acta', null);
    expect(v1).toMatchObject({ version: 1, status: 'draft' });
    const edited = await h.written(m.slug, callers.staff, 'Acta corregida', v1.updatedAt);
    expect(edited).toMatchObject({ version: 1, status: 'draft' });
    expect(edited.updatedAt > v1.updatedAt).toBe(true);
    const shared = await h.step(m.slug, callers.staff, 'share', edited.updatedAt);
    expect(shared.status).toBe('shared');
    const final = await h.step(m.slug, callers.admin, 'finalise', shared.updatedAt);
    expect(final.status).toBe('final');
    // A final version is locked: sharing or finalising again is a 409.
    expectProblem(
      await h.send('POST', h.url(m.slug, '/records/minutes/share'), callers.staff, { updatedAt: final.updatedAt }),
      409,
    );
    const v2 = await h.written(m.slug, callers.staff, 'Acta, segunda versión', final.updatedAt);
    expect(v2).toMatchObject({ version: 2, status: 'draft' });
    const one = (await h.get(h.url(m.slug, '/records/minutes/versions/1'))).json();
    expect(one).toMatchObject({ version: 1, status: 'final', body: 'Acta corregida', lang: 'es' });
    const staffList = (await h.get(h.url(m.slug, '/records/minutes'), callers.staff)).json();
    expect(staffList.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // The public reads only final versions.
    const publicList = (await h.get(h.url(m.slug, '/records/minutes'))).json();
    expect(publicList.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'final'],
    ]);
    expectProblem(await h.get(h.url(m.slug, '/records/minutes/versions/2')), 404);
    expectProblem(await h.get(h.url(m.slug, '/records/minutes/versions/2'), callers.delegate), 404);
    expect((await h.get(h.url(m.slug, '/records/minutes/versions/2'), callers.readToken)).statusCode).toBe(200);
    expect(await verifyChain(h.db())).toMatchObject({ ok: true });
  });

  it('refuses a write naming an old updatedAt (409 with the current version), and a second first draft', async () => {
    const { staff, admin } = await everyCaller(ctx);
    const m = await buildMeeting(h.db(), { status: 'in-session' });
    const v1 = await h.written(m.slug, staff, 'Primer borrador', null);
    const conflict = expectProblem(
      await h.write(m.slug, admin, 'Otro primer borrador', null),
      409,
    ) as unknown as Record<string, unknown>;
    expect(conflict).toMatchObject({ currentVersion: v1.updatedAt, current: { version: 1, body: 'Primer borrador' } });
    const results = await Promise.all([
      h.write(m.slug, staff, 'Edición A', v1.updatedAt),
      h.write(m.slug, admin, 'Edición B', v1.updatedAt),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await h
      .db()
      .selectFrom('meeting_record')
      .select(['version', 'body'])
      .where('meeting_id', '=', m.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('shows shared versions to delegations, who comment for their state; each state sees only its own comments', async () => {
    const callers = await everyCaller(ctx);
    const otherFocal = await callerOf(ctx, 'focal-point', 'mx');
    const m = await buildMeeting(h.db(), { status: 'concluded' });
    const v1 = await h.written(m.slug, callers.staff, 'Para comentarios', null);
    const commentUrl = h.url(m.slug, '/records/minutes/versions/1/comments');
    // Not shared yet: a draft is the secretariat's, even to delegations.
    expectProblem(await h.get(h.url(m.slug, '/records/minutes/versions/1'), callers.focalPoint), 404);
    expectProblem(await h.send('POST', commentUrl, callers.focalPoint, { body: 'Temprano' }), 404);
    await h.step(m.slug, callers.staff, 'share', v1.updatedAt);
    expectProblem(await h.get(h.url(m.slug, '/records/minutes/versions/1')), 401);
    expectProblem(await h.send('POST', commentUrl, callers.public, { body: 'x' }), 401);
    for (const headers of [callers.staff, callers.admin, callers.readToken]) {
      expectProblem(await h.send('POST', commentUrl, headers, { body: 'x' }), 403);
    }
    const commented = await h.send('POST', commentUrl, callers.focalPoint, { body: 'Ecuador propone un cambio' });
    expect(commented.statusCode, commented.body).toBe(201);
    expect((await h.send('POST', commentUrl, otherFocal, { body: 'México está de acuerdo' })).statusCode).toBe(201);
    expect((await h.send('POST', commentUrl, callers.delegate, { body: 'Colombia también' })).statusCode).toBe(201);
    const seen = async (headers: Headers) =>
      (await h.get(h.url(m.slug, '/records/minutes/versions/1'), headers))
        .json()
        .comments.map((c: { memberState: string }) => c.memberState);
    expect(await seen(callers.focalPoint)).toEqual(['ec']);
    expect(await seen(callers.delegate)).toEqual(['co']);
    expect(await seen(callers.staff)).toEqual(['ec', 'mx', 'co']);
    const audit = await auditOf(h.db(), commented.json().comments[0].id);
    expect(audit.map((e) => [e.action, e.actor_role])).toEqual([['meeting-records.comment', 'focal-point']]);
  });

  it('stores the text as sanitised HTML whatever is sent, and refuses with a problem what leaves no text or is too long', async () => {
    const { staff } = await everyCaller(ctx);
    const m = await buildMeeting(h.db(), { status: 'concluded' });
    const sent =
      '<h2 onclick="x()">Apertura</h2><script>steal()</script><p style="color:red">El <b>quórum</b> ' +
      '<a href="javascript:alert(1)">votó</a> <a href="https://www.oas.org/">OEA</a></p><ul><li>Uno</li></ul>';
    const v1 = await h.written(m.slug, staff, sent, null);
    const stored =
      '<h4>Apertura</h4><p>El <strong>quórum</strong> <a rel="noopener noreferrer nofollow">votó</a> ' +
      '<a href="https://www.oas.org/" rel="noopener noreferrer nofollow">OEA</a></p><ul><li>Uno</li></ul>';
    expect((await h.get(h.url(m.slug, '/records/minutes/versions/1'), staff)).json().body).toBe(stored);
    const before = await recordsSnapshot(h.db());
    for (const [body, reason] of [
      ['<script>alert(1)</script><p> </p>', 'has no text left'],
      ['x'.repeat(RECORD_BODY_MAX + 1), 'characters'],
      [42, 'text'],
      [null, 'text'],
    ] as const) {
      const res = await h.send('PUT', h.url(m.slug, '/records/minutes'), staff, {
        lang: 'en',
        body,
        updatedAt: v1.updatedAt,
      });
      const problem = expectProblem(res, 400, 'body');
      expect(problem.errors?.[0]?.reason).toContain(reason);
    }
    expect(await recordsSnapshot(h.db())).toEqual(before);
  });

  it('lets only the secretariat write, share and finalise', async () => {
    const callers = await everyCaller(ctx);
    const m = await buildMeeting(h.db(), { status: 'concluded' });
    expectProblem(await h.write(m.slug, callers.public, 'x', null), 401);
    for (const headers of [callers.delegate, callers.focalPoint, callers.readToken]) {
      expectProblem(await h.write(m.slug, headers, 'x', null), 403);
    }
    const v1 = await h.written(m.slug, callers.staff, 'x', null);
    for (const headers of [callers.delegate, callers.focalPoint, callers.readToken]) {
      expectProblem(
        await h.send('POST', h.url(m.slug, '/records/minutes/finalise'), headers, { updatedAt: v1.updatedAt }),
        403,
      );
    }
    expectProblem(
      await h.send('POST', h.url(m.slug, '/records/report/share'), callers.staff, { updatedAt: v1.updatedAt }),
      404,
    );
    expectProblem(await h.get(h.url(m.slug, '/records/agenda')), 400, 'kind');
  });

  it('shares and finalises minutes and records decisions once the meeting is held; before, only an administrator’s override, audited', async () => {
    const { staff, admin } = await everyCaller(ctx);
    const m = await buildMeeting(h.db(), { status: 'convened' });
    const v1 = await h.written(m.slug, staff, 'Borrador previo', null);
    const share = (headers: Headers, payload: object) =>
      h.send('POST', h.url(m.slug, '/records/minutes/share'), headers, { updatedAt: v1.updatedAt, ...payload });
    const refused = expectProblem(await share(staff, {}), 409);
    expect(refused.detail).toContain('convened');
    expectProblem(await share(admin, {}), 409);
    expect(expectProblem(await share(staff, { override: true }), 403).detail).toContain('meeting-records.override');
    expectProblem(await h.send('POST', h.url(m.slug, '/decisions'), staff, { lang: 'en', text: 'Too soon' }), 409);
    const shared = await share(admin, { override: true });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toMatchObject({ status: 'shared', can: { share: false, finalise: false, override: true } });
    const early = await h.send('POST', h.url(m.slug, '/decisions'), admin, {
      lang: 'en',
      text: 'Adopted in advance',
      override: true,
    });
    expect(early.statusCode, early.body).toBe(201);
    await h.db().updateTable('meeting').set({ status: 'in-session' }).where('id', '=', m.id).execute();
    const final = await h.step(m.slug, staff, 'finalise', shared.json().updatedAt);
    expect(final.status).toBe('final');
    const decision = await h.send('PUT', h.url(m.slug, `/decisions/${early.json().id}`), staff, {
      lang: 'en',
      text: 'Adopted in session',
      updatedAt: early.json().updatedAt,
    });
    expect(decision.statusCode, decision.body).toBe(200);
    const record = await h
      .db()
      .selectFrom('meeting_record')
      .select('id')
      .where('meeting_id', '=', m.id)
      .executeTakeFirstOrThrow();
    const trail = [...(await auditOf(h.db(), record.id)), ...(await auditOf(h.db(), early.json().id))];
    expect(trail.map((e) => [e.action, e.actor_role])).toEqual([
      ['meeting-records.draft', 'secretariat-staff'],
      ['meeting-records.override.share', 'secretariat-admin'],
      ['meeting-records.finalise', 'secretariat-staff'],
      ['meeting-records.override.add-decision', 'secretariat-admin'],
      ['meeting-records.update-decision', 'secretariat-staff'],
    ]);
    expect(await verifyChain(h.db())).toMatchObject({ ok: true });
  });

  it('hides the records of a draft meeting from all but the secretariat', async () => {
    const callers = await everyCaller(ctx);
    const m = await buildMeeting(h.db(), { status: 'draft' });
    for (const headers of [callers.public, callers.delegate])
      expectProblem(await h.get(h.url(m.slug, '/records'), headers), 404);
    expect((await h.get(h.url(m.slug, '/records'), callers.staff)).json()).toMatchObject({
      minutes: [],
      report: [],
      decisions: { items: [] },
      can: { manage: true, comment: false },
    });
  });
});

describeEachEngine('the concluding record: decisions', (ctx) => {
  const h = helpers(ctx);

  it('adds, edits and removes decisions linking documents; public once the meeting is concluded', async () => {
    const callers = await everyCaller(ctx);
    const m = await buildMeeting(h.db(), { status: 'in-session' });
    const other = await buildMeeting(h.db(), { status: 'in-session' });
    const own = await buildMeetingDocument(h.db(), m.id, 'MISPA/T/doc.2');
    const foreign = await buildMeetingDocument(h.db(), other.id, 'MISPA/T/doc.3');
    const document = (await h.db().selectFrom('document').select('slug').limit(1).executeTakeFirstOrThrow()).slug;
    const post = (headers: Headers, payload: object) => h.send('POST', h.url(m.slug, '/decisions'), headers, payload);
    expectProblem(
      await post(callers.staff, { lang: 'es', text: 'x', meetingDocumentId: foreign }),
      400,
      'meetingDocumentId',
    );
    expectProblem(await post(callers.staff, { lang: 'es', text: 'x', document: 'no-such-document' }), 400, 'document');
    // A text still under negotiation is not what a concluded meeting's public record may point at.
    const negotiated = await h
      .db()
      .selectFrom('document')
      .select('slug')
      .where('slug', '!=', document)
      .limit(1)
      .executeTakeFirstOrThrow();
    await h
      .db()
      .updateTable('document')
      .set({ status: 'under-negotiation' })
      .where('slug', '=', negotiated.slug)
      .execute();
    const unadopted = expectProblem(
      await post(callers.staff, { lang: 'en', text: 'x', document: negotiated.slug }),
      400,
      'document',
    );
    expect(unadopted.errors?.[0]?.reason).toBe(`there is no adopted document "${negotiated.slug}"`);
    expectProblem(await post(callers.delegate, { lang: 'es', text: 'x' }), 403);
    const first = await post(callers.staff, { lang: 'es', text: 'Aprobar la declaración', document });
    expect(first.statusCode, first.body).toBe(201);
    const second = await post(callers.staff, { lang: 'en', text: 'Adopt the work plan', meetingDocumentId: own });
    expect(second.json()).toMatchObject({ position: 2, meetingDocument: { id: own, symbol: 'MISPA/T/doc.2' } });
    expectProblem(await h.get(h.url(m.slug, '/decisions')), 401);
    expect((await h.get(h.url(m.slug, '/decisions'), callers.delegate)).json().items).toHaveLength(2);
    const id = first.json().id;
    const edited = await h.send('PUT', h.url(m.slug, `/decisions/${id}`), callers.staff, {
      lang: 'es',
      text: 'Aprobar la declaración final',
      document: null,
      updatedAt: first.json().updatedAt,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ text: 'Aprobar la declaración final', document: null });
    expectProblem(
      await h.send('PUT', h.url(m.slug, `/decisions/${id}`), callers.staff, {
        lang: 'es',
        text: 'y',
        updatedAt: first.json().updatedAt,
      }),
      409,
    );
    expectProblem(
      await h.send('DELETE', h.url(m.slug, `/decisions/${id}`), callers.staff, { updatedAt: first.json().updatedAt }),
      409,
    );
    const removed = await h.send('DELETE', h.url(m.slug, `/decisions/${id}`), callers.staff, {
      updatedAt: edited.json().updatedAt,
    });
    expect(removed.statusCode).toBe(204);
    await h.db().updateTable('meeting').set({ status: 'concluded' }).where('id', '=', m.id).execute();
    expect((await h.get(h.url(m.slug, '/decisions'))).json().items.map((d: { text: string }) => d.text)).toEqual([
      'Adopt the work plan',
    ]);
  });
});

describeEachEngine('PUT /api/v1/meetings/{slug}/decisions/order', (ctx) => {
  const h = helpers(ctx);

  /** A meeting with decisions A, B and C; `order` sends a reorder. */
  async function threeDecisions() {
    const callers = await everyCaller(ctx);
    const m = await buildMeeting(h.db(), { status: 'concluded' });
    const decisions: Array<{ id: string; updatedAt: string }> = [];
    for (const text of ['A', 'B', 'C']) {
      const res = await h.send('POST', h.url(m.slug, '/decisions'), callers.staff, { lang: 'en', text });
      expect(res.statusCode, res.body).toBe(201);
      decisions.push(res.json());
    }
    const order = (headers: Headers, items: Array<{ id: string; updatedAt: string }>) =>
      h.send('PUT', h.url(m.slug, '/decisions/order'), headers, { items });
    const texts = async () => (await h.get(h.url(m.slug, '/decisions'))).json().items.map((d: Decision) => d.text);
    return { callers, m, decisions: decisions as [Seen, Seen, Seen], order, texts };
  }
  type Decision = { id: string; text: string; position: number; updatedAt: string };
  type Seen = { id: string; updatedAt: string };
  const seen = ({ id, updatedAt }: Seen) => ({ id, updatedAt });

  it('puts the decisions in the order given, moving on the updatedAt of those moved, audited', async () => {
    const { callers, m, decisions, order, texts } = await threeDecisions();
    const [a, b, c] = decisions;
    const res = await order(callers.staff, [seen(c), seen(a), seen(b)]);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Decision[];
    expect(items.map((d) => [d.position, d.text])).toEqual([
      [1, 'C'],
      [2, 'A'],
      [3, 'B'],
    ]);
    for (const d of items) expect(d.updatedAt > a.updatedAt).toBe(true);
    expect(await texts()).toEqual(['C', 'A', 'B']);
    const audit = await auditOf(h.db(), m.id);
    expect(audit.map((e) => [e.action, e.actor_role])).toContainEqual([
      'meeting-records.reorder-decisions',
      'secretariat-staff',
    ]);
    expect(await verifyChain(h.db())).toMatchObject({ ok: true });
  });

  it('refuses an order naming an old updatedAt, or not every decision, with a 409 carrying the current list', async () => {
    const { callers, m, decisions, order, texts } = await threeDecisions();
    const [a, b, c] = decisions;
    const edited = await h.send('PUT', h.url(m.slug, `/decisions/${a.id}`), callers.staff, {
      lang: 'en',
      text: 'A, edited',
      updatedAt: a.updatedAt,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const stale = expectProblem(await order(callers.staff, [seen(c), seen(b), seen(a)]), 409) as unknown as {
      current: { items: Decision[] };
    };
    expect(stale.current.items.map((d) => d.text)).toEqual(['A, edited', 'B', 'C']);
    expectProblem(await order(callers.staff, [seen(b), seen(c)]), 409);
    expectProblem(await order(callers.staff, [seen(b), seen(b), seen(c)]), 400, 'items');
    expect(await texts()).toEqual(['A, edited', 'B', 'C']);
  });

  it('lets one of two concurrent reorders win; the other gets a 409', async () => {
    const { callers, decisions, order, texts } = await threeDecisions();
    const [a, b, c] = decisions;
    const results = await Promise.all([
      order(callers.staff, [seen(c), seen(a), seen(b)]),
      order(callers.admin, [seen(b), seen(c), seen(a)]),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.json();
    expect(await texts()).toEqual(winner.items.map((d: Decision) => d.text));
  });

  it('lets only the secretariat reorder; an unknown meeting is a 404', async () => {
    const { callers, decisions, order, texts } = await threeDecisions();
    const [a, b, c] = decisions;
    const wanted = [seen(c), seen(b), seen(a)];
    expectProblem(await order(callers.public, wanted), 401);
    for (const headers of [callers.delegate, callers.focalPoint, callers.readToken])
      expectProblem(await order(headers, wanted), 403);
    expect(await texts()).toEqual(['A', 'B', 'C']);
    expect((await order(callers.admin, wanted)).statusCode).toBe(200);
    expectProblem(await h.send('PUT', h.url('no-such-meeting', '/decisions/order'), callers.staff, { items: [] }), 404);
  });
});

describeEachEngine('GET /api/v1/technical-groups/{slug}/minutes', (ctx) => {
  const h = helpers(ctx);

  it('gives the final minutes of the group’s meetings in order, each pointing at the previous', async () => {
    const { staff, admin } = await everyCaller(ctx);
    const group = await h.db().selectFrom('technical_group').select(['id', 'slug']).limit(1).executeTakeFirstOrThrow();
    const day = 86_400_000;
    const slugs: string[] = [];
    for (const [n, status] of [
      [1, 'concluded'],
      [2, 'concluded'],
      [3, 'draft'],
    ] as const) {
      const m = await buildMeeting(h.db(), {
        status,
        kind: 'technical-group',
        startsAt: new Date(Date.UTC(2031, 0, 1) + n * 30 * day).toISOString(),
      });
      await h.db().updateTable('meeting').set({ technical_group_id: group.id }).where('id', '=', m.id).execute();
      const v = await h.written(m.slug, staff, `Acta ${n}`, null);
      // The draft meeting's minutes are final only through the override: still, never in the series.
      const finalised = await h.send('POST', h.url(m.slug, '/records/minutes/finalise'), admin, {
        updatedAt: v.updatedAt,
        override: status === 'draft',
      });
      expect(finalised.statusCode, finalised.body).toBe(200);
      slugs.push(m.slug);
    }
    const res = await h.get(`/api/v1/technical-groups/${group.slug}/minutes`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items.filter((i: { meeting: { slug: string } }) => slugs.includes(i.meeting.slug));
    expect(
      items.map((i: { meeting: { slug: string }; previous: string | null; minutes: { body: string } }) => [
        i.meeting.slug,
        i.previous,
        i.minutes.body,
      ]),
    ).toEqual([
      [slugs[0], null, 'Acta 1'],
      [slugs[1], slugs[0], 'Acta 2'],
    ]);
    expectProblem(await h.get('/api/v1/technical-groups/no-such-group/minutes'), 404);
  });
});

describeEachEngine('the `can` objects of minutes, reports and decisions', (ctx) => {
  const h = helpers(ctx);
  type Can = Record<string, boolean>;
  const canOf = async (path: string, headers: Headers): Promise<Can | null> => {
    const res = await h.get(path, headers);
    return res.statusCode === 200 ? res.json().can : null;
  };

  it('a version’s `can` says who may share, comment, finalise and write, and the server allows exactly that', async () => {
    const callers = await everyCaller(ctx);
    for (const [who, headers] of Object.entries(callers)) {
      const m = await buildMeeting(h.db(), { status: 'concluded' });
      const versionUrl = h.url(m.slug, '/records/minutes/versions/1');
      const current = async () =>
        (await h.get(versionUrl, callers.staff)).json() as { status: string; updatedAt: string };
      const post = async (which: string, payload?: object) =>
        h.send(
          'POST',
          h.url(m.slug, `/records/minutes/${which}`),
          headers,
          payload ?? {
            updatedAt: (await current()).updatedAt,
          },
        );
      await h.written(m.slug, callers.staff, 'Borrador', null);
      const draft = await canOf(versionUrl, headers);
      const secretariat = who === 'staff' || who === 'admin';
      if (draft) {
        expect(draft, who).toEqual({
          edit: secretariat,
          share: secretariat,
          finalise: secretariat,
          override: false,
          comment: false,
        });
        expectAsCan(draft.share, await post('share'), `${who} share`);
      } else expectProblem(await post('share'), who === 'public' ? 401 : 403);
      if ((await current()).status === 'draft')
        await h.step(m.slug, callers.staff, 'share', (await current()).updatedAt);
      const shared = await canOf(versionUrl, headers);
      if (shared) {
        const comments = who === 'focalPoint' || who === 'delegate';
        expect(shared, who).toEqual({
          edit: secretariat,
          share: false,
          finalise: secretariat,
          override: false,
          comment: comments,
        });
        expectAsCan(shared.comment, await post('versions/1/comments', { body: 'Un comentario' }), `${who} comment`);
        expectAsCan(shared.finalise, await post('finalise'), `${who} finalise`);
      } else expect(who).toBe('public');
      if ((await current()).status === 'shared') {
        await h.step(m.slug, callers.staff, 'finalise', (await current()).updatedAt);
      }
      const final = (await canOf(versionUrl, headers)) as Can;
      expect(final, who).toEqual({ edit: secretariat, share: false, finalise: false, override: false, comment: false });
      expectAsCan(final.share, await post('share'), `${who} share a final version`);
      expectAsCan(final.comment, await post('versions/1/comments', { body: 'Tarde' }), `${who} comment late`);
      const next = await h.write(m.slug, headers, 'Segunda versión', (await current()).updatedAt);
      expectAsCan(final.edit, next, `${who} edit`);
      if (secretariat) {
        // Version 1 is no longer the newest: nothing is written from it any more.
        const old = (await canOf(versionUrl, headers)) as Can;
        expect(old).toEqual({ edit: false, share: false, finalise: false, override: false, comment: false });
        expectAsCan(old.edit, await h.write(m.slug, headers, 'Desde la 1', (await current()).updatedAt), who);
      }
    }
  });

  it('before the meeting is held, `can` offers sharing, finalising and decisions only as an administrator’s override, as the server does', async () => {
    const callers = await everyCaller(ctx);
    for (const [who, headers] of Object.entries(callers)) {
      const m = await buildMeeting(h.db(), { status: 'registration-closed' });
      const v1 = await h.written(m.slug, callers.staff, 'Borrador', null);
      const version = await canOf(h.url(m.slug, '/records/minutes/versions/1'), headers);
      const secretariat = who === 'staff' || who === 'admin';
      const overrides = who === 'admin';
      const post = (which: string, payload: object) =>
        h.send('POST', h.url(m.slug, `/records/minutes/${which}`), headers, payload);
      if (version) {
        expect(version, who).toEqual({
          edit: secretariat,
          share: false,
          finalise: false,
          override: overrides,
          comment: false,
        });
        expectAsCan(version.share, await post('share', { updatedAt: v1.updatedAt }), `${who} share`);
        expectAsCan(version.finalise, await post('finalise', { updatedAt: v1.updatedAt }), `${who} finalise`);
        expectAsCan(
          version.override,
          await post('share', { updatedAt: v1.updatedAt, override: true }),
          `${who} share with the override`,
        );
      } else
        expectProblem(await post('share', { updatedAt: v1.updatedAt, override: true }), who === 'public' ? 401 : 403);
      const list = (await h.get(h.url(m.slug, '/decisions'), headers)).json();
      if (list.can) {
        expect(list.can, who).toEqual({ create: false, reorder: false, override: overrides });
        expectAsCan(
          list.can.create,
          await h.send('POST', h.url(m.slug, '/decisions'), headers, { lang: 'en', text: 'Early' }),
          `${who} create`,
        );
        expectAsCan(
          list.can.override,
          await h.send('POST', h.url(m.slug, '/decisions'), headers, { lang: 'en', text: 'Early', override: true }),
          `${who} create with the override`,
        );
      }
    }
  });

  it('the decisions’ `can` says who may record, edit, reorder and remove them, and the server allows exactly that', async () => {
    const callers = await everyCaller(ctx);
    for (const [who, headers] of Object.entries(callers)) {
      const m = await buildMeeting(h.db(), { status: 'concluded' });
      const made = await h.send('POST', h.url(m.slug, '/decisions'), callers.staff, { lang: 'en', text: 'Resolved' });
      expect(made.statusCode, made.body).toBe(201);
      const list = (await h.get(h.url(m.slug, '/decisions'), headers)).json();
      const secretariat = who === 'staff' || who === 'admin';
      expect(list.can, who).toEqual({ create: secretariat, reorder: secretariat, override: false });
      const [decision] = list.items;
      expect(decision.can, who).toEqual({ update: secretariat, delete: secretariat, override: false });
      const created = await h.send('POST', h.url(m.slug, '/decisions'), headers, { lang: 'en', text: 'Also' });
      expectAsCan(list.can.create, created, `${who} create`);
      const item = h.url(m.slug, `/decisions/${decision.id}`);
      const edited = await h.send('PUT', item, headers, {
        lang: 'en',
        text: 'Resolved, amended',
        updatedAt: decision.updatedAt,
      });
      expectAsCan(decision.can.update, edited, `${who} update`);
      const items = (await h.get(h.url(m.slug, '/decisions'))).json().items as Array<{ id: string; updatedAt: string }>;
      const order = [...items].reverse().map(({ id, updatedAt }) => ({ id, updatedAt }));
      expectAsCan(
        list.can.reorder,
        await h.send('PUT', h.url(m.slug, '/decisions/order'), headers, { items: order }),
        who,
      );
      const now = (await h.get(h.url(m.slug, '/decisions')))
        .json()
        .items.find((d: { id: string }) => d.id === decision.id);
      expectAsCan(decision.can.delete, await h.send('DELETE', item, headers, { updatedAt: now.updatedAt }), who);
    }
  });
});
