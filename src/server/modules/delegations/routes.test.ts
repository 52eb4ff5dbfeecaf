import { expect, it } from 'vitest';
import { MZ_BYTES, multipartBody, pdfBytes } from '../../files/testing.js';
import { expectProblem } from '../../testing/api.js';
import { buildApiToken, buildPartner, buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { ORIGIN } from '../../testing/sessions.js';
import { verifyChain } from '../audit/chain.js';
import { ADVISER, delegationApi, HEAD } from './testing.js';

const DAY = 86_400_000;
const past = () => new Date(Date.now() - DAY).toISOString();
/** The reason the secretariat states when it accredits a delegation that uploaded no credentials. */
const NO_NOTE = 'The note verbale was handed over at the venue.';

describeEachEngine('POST /api/v1/meetings/{slug}/delegations', (ctx) => {
  const h = delegationApi(ctx);

  it('lets a focal point register their state’s delegation as a draft, audited, with the whole list', async () => {
    const { slug, id: meetingId } = await h.meeting();
    const focal = await h.as('focal-point', { memberState: 'ec' });
    const res = await h.register(focal, slug, { category: 'delegation', participants: [HEAD, ADVISER] });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      meeting: slug,
      category: 'delegation',
      memberState: { slug: 'ec' },
      status: 'draft',
      version: 1,
      participants: [
        { role: 'head', name: 'María Pérez', email: 'maria@example.test' },
        { role: 'adviser', name: 'Jean Dupont', title: null, institution: null, email: null },
      ],
      changes: [],
    });
    const audit = await h.db().selectFrom('audit_entry').selectAll().where('entity_id', '=', body.id).execute();
    expect(audit.map((e) => [e.action, e.actor_role])).toEqual([['delegations.register', 'focal-point']]);
    expect(JSON.parse(audit[0]?.diff ?? '{}').after.participants).toHaveLength(2);
    const row = await h.db().selectFrom('delegation').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row.meeting_id).toBe(meetingId);
    expect(await verifyChain(h.db())).toMatchObject({ ok: true });
  });

  it('submits at once when asked, and refuses to submit without a head of delegation (400 naming participants)', async () => {
    const { slug } = await h.meeting();
    const focal = await h.as('focal-point', { memberState: 'co' });
    const noHead = await h.register(focal, slug, { category: 'delegation', participants: [ADVISER], submit: true });
    expectProblem(noHead, 400, 'participants');
    const ok = await h.register(focal, slug, { category: 'delegation', participants: [HEAD], submit: true });
    expect(ok.json()).toMatchObject({ status: 'submitted', submittedAt: expect.any(String) });
  });

  it('refuses two heads of delegation with a 400 naming participants', async () => {
    const { slug } = await h.meeting();
    const focal = await h.as('focal-point', { memberState: 'pe' });
    const res = await h.register(focal, slug, { category: 'delegation', participants: [HEAD, { ...HEAD, name: 'B' }] });
    expectProblem(res, 400, 'participants');
  });

  it('refuses a focal point registering another state’s delegation with 403', async () => {
    const { slug, id } = await h.meeting();
    const focal = await h.as('focal-point', { memberState: 'ec' });
    const res = await h.register(focal, slug, { category: 'delegation', memberState: 'mx', participants: [HEAD] });
    expect(expectProblem(res, 403).detail).toMatch(/own member state/);
    expect(await h.db().selectFrom('delegation').select('id').where('meeting_id', '=', id).execute()).toEqual([]);
  });

  it('refuses a delegate (they read, they do not register) with 403, a visitor with 401, a read token with 403', async () => {
    const { slug } = await h.meeting();
    const delegate = await h.as('delegate', { memberState: 'ec' });
    expectProblem(await h.register(delegate, slug, { category: 'delegation', participants: [HEAD] }), 403);
    expectProblem(await h.register({ origin: ORIGIN }, slug, { category: 'delegation', participants: [HEAD] }), 401);
    const focal = await buildUser(h.db(), { role: 'focal-point', memberState: 'ec' });
    const token = await buildApiToken(h.db(), focal.id, 'read');
    const res = await h.register({ authorization: token }, slug, { category: 'delegation', participants: [HEAD] });
    expect(expectProblem(res, 403).detail).toMatch(/read/);
  });

  it('registers a partner only as an observer, for its own organisation', async () => {
    const { slug } = await h.meeting();
    const partner = await buildPartner(h.db(), { name: 'Inter-American Foundation' });
    const other = await buildPartner(h.db(), { name: 'Other partner' });
    const headers = await h.as('partner', { partner: partner.slug });
    const asState = await h.register(headers, slug, {
      category: 'delegation',
      memberState: 'ec',
      participants: [HEAD],
    });
    expectProblem(asState, 403);
    const asPress = await h.register(headers, slug, { category: 'press', organisation: 'X', participants: [HEAD] });
    expectProblem(asPress, 403);
    const forOther = await h.register(headers, slug, {
      category: 'observer',
      partner: other.slug,
      participants: [HEAD],
    });
    expectProblem(forOther, 403);
    const ok = await h.register(headers, slug, { category: 'observer', participants: [HEAD] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      category: 'observer',
      partner: { slug: partner.slug, name: { text: 'Inter-American Foundation' } },
      memberState: null,
    });
    const again = await h.register(headers, slug, { category: 'observer', participants: [HEAD] });
    expectProblem(again, 409);
  });

  it('lets the secretariat register for any state, and add secretariat, press and guest entries', async () => {
    const { slug } = await h.meeting();
    const staff = await h.as('secretariat-staff');
    const mx = await h.register(staff, slug, { category: 'delegation', memberState: 'mx', participants: [HEAD] });
    expect(mx.json()).toMatchObject({ memberState: { slug: 'mx' } });
    for (const category of ['secretariat', 'press', 'guest']) {
      const res = await h.register(staff, slug, { category, organisation: `${category} org`, participants: [ADVISER] });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ category, organisation: `${category} org` });
    }
    expectProblem(await h.register(staff, slug, { category: 'press', participants: [] }), 400, 'organisation');
    expectProblem(
      await h.register(staff, slug, { category: 'press', memberState: 'ec', organisation: 'X', participants: [] }),
      400,
      'memberState',
    );
    expectProblem(await h.register(staff, slug, { category: 'delegation', participants: [] }), 400, 'memberState');
    expectProblem(
      await h.register(staff, slug, { category: 'delegation', memberState: 'zz', participants: [] }),
      400,
      'memberState',
    );
  });

  it('answers a second registration of one state with 409, also when two race (never a 500)', async () => {
    const { slug } = await h.meeting();
    const staff = await h.as('secretariat-admin');
    const body = { category: 'delegation', memberState: 'br', participants: [HEAD] };
    const [a, b] = await Promise.all([h.register(staff, slug, body), h.register(staff, slug, body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expectProblem(a.statusCode === 409 ? a : b, 409);
    expectProblem(await h.register(staff, slug, body), 409);
  });

  it('refuses registration with 409 unless it is open, and hides a draft meeting with 404', async () => {
    const focal = await h.as('focal-point', { memberState: 'ec' });
    for (const status of ['convened', 'concluded', 'cancelled'] as const) {
      const { slug } = await h.meeting({ status });
      const res = await h.register(focal, slug, { category: 'delegation', participants: [HEAD] });
      expect(expectProblem(res, 409).detail).toContain(status);
    }
    const draft = await h.meeting({ status: 'draft' });
    expectProblem(await h.register(focal, draft.slug, { category: 'delegation', participants: [HEAD] }), 404);
    expectProblem(await h.register(focal, 'no-such-meeting', { category: 'delegation', participants: [HEAD] }), 404);
  });

  it('refuses a state’s new registration after the deadline (409) but lets the secretariat register late', async () => {
    const { slug } = await h.meeting({ registrationDeadline: past() });
    const focal = await h.as('focal-point', { memberState: 'ec' });
    const late = await h.register(focal, slug, { category: 'delegation', participants: [HEAD] });
    expect(expectProblem(late, 409).title).toMatch(/deadline/);
    const staff = await h.as('secretariat-staff');
    const res = await h.register(staff, slug, { category: 'delegation', memberState: 'ec', participants: [HEAD] });
    expect(res.statusCode).toBe(201);
  });
});

describeEachEngine('reading delegations', (ctx) => {
  const h = delegationApi(ctx);

  it('shows a state its own delegation only: Ecuador’s focal point gets 404 for Mexico’s, for reading and editing', async () => {
    const { slug } = await h.meeting();
    const staff = await h.as('secretariat-staff');
    const mexico = await h.registered(staff, slug, { memberState: 'mx' });
    const ecuador = await h.registered(staff, slug, { memberState: 'ec' });
    const focalEc = await h.as('focal-point', { memberState: 'ec' });
    expectProblem(await h.send('GET', `${h.base(slug)}/${mexico.id}`, focalEc), 404);
    const edit = await h.send('PATCH', `${h.base(slug)}/${mexico.id}`, focalEc, { version: 1, participants: [] });
    expectProblem(edit, 404);
    expectProblem(await h.send('POST', `${h.base(slug)}/${mexico.id}/submit`, focalEc, { version: 1 }), 404);
    const own = await h.send('GET', `${h.base(slug)}/${ecuador.id}`, focalEc);
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
    const list = await h.send('GET', h.base(slug), focalEc);
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([ecuador.id]);
  });

  it('lets a delegate read their state’s delegation but not edit it (403)', async () => {
    const { slug } = await h.meeting();
    const staff = await h.as('secretariat-staff');
    const ecuador = await h.registered(staff, slug, { memberState: 'ec' });
    const delegate = await h.as('delegate', { memberState: 'ec' });
    expect((await h.send('GET', `${h.base(slug)}/${ecuador.id}`, delegate)).statusCode).toBe(200);
    const edit = await h.send('PATCH', `${h.base(slug)}/${ecuador.id}`, delegate, { version: 1, participants: [] });
    expectProblem(edit, 403);
    const otherDelegate = await h.as('delegate', { memberState: 'mx' });
    expectProblem(await h.send('GET', `${h.base(slug)}/${ecuador.id}`, otherDelegate), 404);
  });

  it('gives the secretariat every delegation, filtered by status and category; visitors 401', async () => {
    const { slug } = await h.meeting();
    const staff = await h.as('secretariat-staff');
    const ec = await h.registered(staff, slug, { memberState: 'ec', submit: true });
    const mx = await h.registered(staff, slug, { memberState: 'mx' });
    const press = await h.register(staff, slug, { category: 'press', organisation: 'Wire', participants: [ADVISER] });
    const ids = async (query: string) =>
      (await h.send('GET', `${h.base(slug)}${query}`, staff)).json().items.map((d: { id: string }) => d.id);
    expect((await ids('')).sort()).toEqual([ec.id, mx.id, press.json().id].sort());
    expect(await ids('?status=submitted')).toEqual([ec.id]);
    expect(await ids('?category=press')).toEqual([press.json().id]);
    expect(await ids('?category=delegation&status=draft')).toEqual([mx.id]);
    expectProblem(await h.send('GET', `${h.base(slug)}?status=lost`, staff), 400, 'status');
    expectProblem(await h.send('GET', h.base(slug), {}), 401);
    expectProblem(await h.send('GET', `${h.base(slug)}/not-a-uuid`, staff), 400, 'id');
  });
});

describeEachEngine('accreditation and edits', (ctx) => {
  const h = delegationApi(ctx);
  const post = (headers: Record<string, string>, url: string, payload: object) => h.send('POST', url, headers, payload);

  it('accredits, or returns with a reason the focal point sees, fixes and resubmits; each step audited', async () => {
    const { slug } = await h.meeting();
    const focal = await h.as('focal-point', { memberState: 'ec' });
    const staff = await h.as('secretariat-staff');
    const draft = await h.registered(focal, slug);
    const url = `${h.base(slug)}/${draft.id}`;
    expectProblem(await post(staff, `${url}/accredit`, { version: 1 }), 409);
    const submitted = await post(focal, `${url}/submit`, { version: 1 });
    expect(submitted.json()).toMatchObject({ status: 'submitted', version: 2 });
    expectProblem(await post(focal, `${url}/accredit`, { version: 2 }), 403);
    expectProblem(await post(staff, `${url}/return`, { version: 2 }), 400, 'reason');
    const returned = await post(staff, `${url}/return`, { version: 2, reason: 'Add the credentials.' });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: 'Add the credentials.', version: 3 });
    const seen = await h.send('GET', url, focal);
    expect(seen.json()).toMatchObject({ status: 'returned', returnReason: 'Add the credentials.' });
    const fixed = await h.send('PATCH', url, focal, { version: 3, participants: [HEAD], submit: true });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ status: 'submitted', version: 4, participants: [{ name: HEAD.name }] });
    const accredited = await post(staff, `${url}/accredit`, { version: 4, reason: NO_NOTE });
    expect(accredited.json()).toMatchObject({
      status: 'accredited',
      returnReason: null,
      decidedAt: expect.any(String),
    });
    const actions = await h
      .db()
      .selectFrom('audit_entry')
      .select('action')
      .where('entity_id', '=', draft.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'delegations.register',
      'delegations.submit',
      'delegations.return',
      'delegations.update',
      'delegations.accredit',
    ]);
  });

  it('keeps a state’s edit of an accredited delegation as a change for the secretariat; it stays accredited and published meanwhile (issue 11)', async () => {
    const { slug } = await h.meeting();
    const focal = await h.as('focal-point', { memberState: 'ec' });
    const staff = await h.as('secretariat-staff');
    const d = await h.registered(focal, slug, { submit: true });
    const url = `${h.base(slug)}/${d.id}`;
    await post(staff, `${url}/accredit`, { version: 1, reason: NO_NOTE });
    const edited = await h.send('PATCH', url, focal, { version: 2, participants: [HEAD, ADVISER, ADVISER] });
    expect(edited.statusCode, edited.body).toBe(202);
    expect(edited.json()).toMatchObject({
      status: 'accredited',
      version: 3,
      participants: [{ name: HEAD.name }, { name: ADVISER.name }],
      changes: [
        { status: 'pending', participants: [{ name: HEAD.name }, { name: ADVISER.name }, { name: ADVISER.name }] },
      ],
    });
    // Submitting asks nothing more of an accredited delegation: the edit is still a change request.
    const submitted = await h.send('PATCH', url, focal, { version: 3, participants: [HEAD], submit: true });
    expect(submitted.statusCode, submitted.body).toBe(202);
    expect(submitted.json()).toMatchObject({ status: 'accredited', changes: [{ status: 'pending' }] });
    const published = await h.send('GET', `/api/v1/meetings/${slug}/participants?lang=en`, {});
    expect(published.statusCode).toBe(200);
    expect(published.body).toContain(HEAD.name);

    // The secretariat sees it waiting and decides it: approved, the list applies and it stays accredited.
    const change = submitted.json().changes[0].id;
    const approved = await post(staff, `${url}/changes/${change}/approve`, {});
    expect(approved.json()).toMatchObject({ status: 'accredited', participants: [{ name: HEAD.name }] });
    const actions = await h.db().selectFrom('audit_entry').select('action').where('entity_id', '=', d.id).execute();
    expect(actions.map((a) => a.action)).toContain('delegations.request-change');
  });

  it('accredits a delegation without credentials only with a stated reason, kept in the audit trail (issue 11)', async () => {
    const { slug } = await h.meeting();
    const focal = await h.as('focal-point', { memberState: 'ec' });
    const staff = await h.as('secretariat-staff');
    const d = await h.registered(focal, slug, { submit: true });
    const url = `${h.base(slug)}/${d.id}`;
    const refused = await h.send('POST', `${url}/accredit?lang=es`, staff, { version: 1 });
    const problem = expectProblem(refused, 400, 'reason');
    expect(problem.errors?.[0]?.reason).toMatch(
      /^es obligatorio para acreditar una delegación cuyas cartas credenciales/,
    );
    expectProblem(await post(staff, `${url}/accredit`, { version: 1, reason: '   ' }), 400, 'reason');
    expect((await h.send('GET', url, staff)).json()).toMatchObject({ status: 'submitted', version: 1 });
    const accredited = await post(staff, `${url}/accredit`, { version: 1, reason: NO_NOTE });
    expect(accredited.statusCode, accredited.body).toBe(200);
    const entry = await h
      .db()
      .selectFrom('audit_entry')
      .select('diff')
      .where('entity_id', '=', d.id)
      .where('action', '=', 'delegations.accredit')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.diff ?? '{}').after).toMatchObject({ status: 'accredited', withoutCredentials: NO_NOTE });

    // With the note verbale uploaded, no reason is asked for.
    const mexico = await h.registered(await h.as('focal-point', { memberState: 'mx' }), slug, {
      memberState: 'mx',
      submit: true,
    });
    const mexicoUrl = `${h.base(slug)}/${mexico.id}`;
    const body = multipartBody([{ filename: 'note.pdf', contentType: 'application/pdf', data: pdfBytes('Note') }]);
    const uploaded = await ctx.app.inject({
      method: 'PUT',
      url: `${mexicoUrl}/credentials`,
      headers: { ...staff, ...body.headers, 'if-match': '"1"' },
      payload: body.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const withNote = await post(staff, `${mexicoUrl}/accredit`, { version: 2 });
    expect(withNote.statusCode, withNote.body).toBe(200);
  });

  it('answers two concurrent edits of one version with one 200 and one 409 carrying the current delegation', async () => {
    const { slug } = await h.meeting();
    const focal = await h.as('focal-point', { memberState: 'ec' });
    const d = await h.registered(focal, slug);
    const url = `${h.base(slug)}/${d.id}`;
    const [a, b] = await Promise.all([
      h.send('PATCH', url, focal, { version: 1, participants: [HEAD] }),
      h.send('PATCH', url, focal, { version: 1, participants: [ADVISER] }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [winner, loser] = a.statusCode === 200 ? [a, b] : [b, a];
    const conflict = expectProblem(loser, 409) as unknown as {
      currentVersion: number;
      current: { participants: unknown };
    };
    expect(conflict.currentVersion).toBe(2);
    expect(conflict.current.participants).toEqual(winner.json().participants);
    const stale = await h.send('PATCH', url, focal, { version: 1, participants: [] });
    expect(expectProblem(stale, 409).detail).toMatch(/version 2/);
  });

  it('turns a state’s edit after the deadline into a change the secretariat approves or rejects', async () => {
    const { slug, id: meetingId } = await h.meeting();
    const focal = await h.as('focal-point', { memberState: 'ec' });
    const staff = await h.as('secretariat-staff');
    const d = await h.registered(focal, slug, { submit: true });
    const url = `${h.base(slug)}/${d.id}`;
    await post(staff, `${url}/accredit`, { version: 1, reason: NO_NOTE });
    await h.db().updateTable('meeting').set({ registration_deadline: past() }).where('id', '=', meetingId).execute();

    const asked = await h.send('PATCH', url, focal, { version: 2, participants: [HEAD] });
    expect(asked.statusCode, asked.body).toBe(202);
    const body = asked.json();
    expect(body).toMatchObject({ status: 'accredited', participants: [{ name: HEAD.name }, { name: ADVISER.name }] });
    expect(body.changes).toMatchObject([{ status: 'pending', participants: [{ name: HEAD.name }] }]);
    // A second edit replaces the pending change rather than piling another one up.
    const again = await h.send('PATCH', url, focal, { version: body.version, participants: [ADVISER] });
    expect(again.json().changes).toHaveLength(1);
    const changeId = again.json().changes[0].id;

    expectProblem(await post(focal, `${url}/changes/${changeId}/approve`, {}), 403);
    expectProblem(await post(staff, `${url}/changes/${changeId}/reject`, {}), 400, 'reason');
    const approved = await post(staff, `${url}/changes/${changeId}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'accredited',
      participants: [{ name: ADVISER.name }],
      changes: [{ status: 'approved' }],
    });
    expectProblem(await post(staff, `${url}/changes/${changeId}/approve`, {}), 409);

    const next = await h.send('PATCH', url, focal, { version: approved.json().version, participants: [HEAD] });
    const nextId = next.json().changes.find((c: { status: string }) => c.status === 'pending').id;
    const rejected = await post(staff, `${url}/changes/${nextId}/reject`, { reason: 'Too late for changes.' });
    expect(rejected.json().participants).toMatchObject([{ name: ADVISER.name }]);
    expect(rejected.json().changes[0]).toMatchObject({ status: 'rejected', reason: 'Too late for changes.' });
    const unknown = await post(staff, `${url}/changes/${d.id}/approve`, {});
    expectProblem(unknown, 404);
  });

  it('treats a closed registration like a passed deadline; the secretariat’s own edits still apply', async () => {
    const { slug } = await h.meeting({ status: 'registration-closed' });
    const staff = await h.as('secretariat-staff');
    const focal = await h.as('focal-point', { memberState: 'ec' });
    const d = await h.registered(staff, slug);
    const url = `${h.base(slug)}/${d.id}`;
    expect((await h.send('PATCH', url, focal, { version: 1, participants: [HEAD] })).statusCode).toBe(202);
    const direct = await h.send('PATCH', url, staff, { version: 2, participants: [ADVISER] });
    expect(direct.statusCode).toBe(200);
    expect(direct.json().participants).toMatchObject([{ name: ADVISER.name }]);
  });

  it('refuses every edit once the meeting is concluded (409)', async () => {
    const { slug, id: meetingId } = await h.meeting();
    const staff = await h.as('secretariat-staff');
    const d = await h.registered(staff, slug, { submit: true });
    await h.db().updateTable('meeting').set({ status: 'concluded' }).where('id', '=', meetingId).execute();
    expectProblem(await post(staff, `${h.base(slug)}/${d.id}/accredit`, { version: 1 }), 409);
  });
});

describeEachEngine('credentials (note verbale)', (ctx) => {
  const h = delegationApi(ctx);
  const upload = (url: string, headers: Record<string, string>, data: Buffer, fields: Record<string, string> = {}) => {
    const body = multipartBody([{ filename: 'note-verbale.pdf', contentType: 'application/pdf', data }], fields);
    return ctx.app.inject({
      method: 'PUT',
      url: `${url}/credentials`,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  };

  it('lets the focal point upload the PDF (version in If-Match), audited; their state and the secretariat download it', async () => {
    const { slug } = await h.meeting();
    const focal = await h.as('focal-point', { memberState: 'ec' });
    const d = await h.registered(focal, slug);
    const url = `${h.base(slug)}/${d.id}`;
    const pdf = pdfBytes('Note verbale');
    expect(d).toMatchObject({ hasCredentials: false, credentials: null });
    const res = await upload(url, { ...focal, 'if-match': '"1"' }, pdf);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      hasCredentials: true,
      version: 2,
      credentials: {
        name: 'note-verbale.pdf',
        size: pdf.length,
        mediaType: 'application/pdf',
        url: `${url}/credentials`,
      },
    });
    // The list shows what the detail shows: the file's name and size, for the state and the secretariat.
    const listed = await h.send('GET', h.base(slug), await h.as('secretariat-staff'));
    expect(listed.json().items[0].credentials).toEqual(res.json().credentials);
    for (const headers of [focal, await h.as('delegate', { memberState: 'ec' }), await h.as('secretariat-staff')]) {
      const file = await h.send('GET', `${url}/credentials`, headers);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['cache-control']).toMatch(/^private/);
      expect(file.rawPayload.equals(pdf)).toBe(true);
    }
    expectProblem(await h.send('GET', `${url}/credentials`, await h.as('focal-point', { memberState: 'mx' })), 404);
    const audit = await h.db().selectFrom('audit_entry').select('action').where('entity_id', '=', d.id).execute();
    expect(audit.map((a) => a.action)).toContain('delegations.credentials');
    // A second upload, with the version as a form field, replaces the first.
    const again = await upload(url, focal, pdfBytes('Second note'), { version: '2' });
    expect(again.json()).toMatchObject({ hasCredentials: true, version: 3 });
  });

  it('lets the secretariat upload the credentials of a delegation it registered for a state, and a delegate not (403)', async () => {
    const { slug } = await h.meeting();
    const staff = await h.as('secretariat-staff');
    const d = await h.registered(staff, slug, { memberState: 'mx' });
    const url = `${h.base(slug)}/${d.id}`;
    const delegate = await h.as('delegate', { memberState: 'mx' });
    expectProblem(await upload(url, { ...delegate, 'if-match': '"1"' }, pdfBytes()), 403);
    const pdf = pdfBytes('Nota verbal');
    const res = await upload(url, staff, pdf, { version: '1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().credentials).toMatchObject({ name: 'note-verbale.pdf', size: pdf.length });
    const file = await h.send('GET', `${url}/credentials`, delegate);
    expect(file.rawPayload.equals(pdf)).toBe(true);
  });

  it('refuses a program renamed .pdf (415), a missing or stale version (400, 409), and others’ delegations (404)', async () => {
    const { slug } = await h.meeting();
    const focal = await h.as('focal-point', { memberState: 'ec' });
    const d = await h.registered(focal, slug);
    const url = `${h.base(slug)}/${d.id}`;
    const files = async () => (await h.db().selectFrom('stored_file').select('id').execute()).length;
    const before = await files();
    expectProblem(await upload(url, { ...focal, 'if-match': '"1"' }, MZ_BYTES), 415);
    expectProblem(await upload(url, focal, pdfBytes()), 400, 'version');
    expectProblem(await upload(url, { ...focal, 'if-match': '"7"' }, pdfBytes()), 409);
    const other = await h.as('focal-point', { memberState: 'mx' });
    expectProblem(await upload(url, { ...other, 'if-match': '"1"' }, pdfBytes()), 404);
    expectProblem(await h.send('GET', `${url}/credentials`, focal), 404);
    expect(await files()).toBe(before);
  });
});
