import { describe, expect, it } from 'vitest';
import {
  MEETING_STATUSES,
  SESSION_EARLY_HOURS,
  TRANSITIONS,
  type Transition,
  transitionsFrom,
} from '../../../domain/meetings.js';
import { expectProblem } from '../../testing/api.js';
import { buildApiToken, buildMeeting, buildUser } from '../../testing/factories.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { ORIGIN } from '../../testing/sessions.js';
import { callerWith, createMeeting, meetingSnapshot, validMeeting } from './testing.js';

/** POST /meetings and PATCH /meetings/{slug} as the secretariat's browser sends them. */
const post = (ctx: AppContext, headers: Record<string, string>, payload: object) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/meetings', headers, payload });
const patch = (ctx: AppContext, url: string, headers: Record<string, string>, payload: object) =>
  ctx.app.inject({ method: 'PATCH', url, headers, payload });

const HOUR = 3_600_000;

describeEachEngine('POST /api/v1/meetings', (ctx) => {
  it('creates a draft ministerial meeting with its slug, ordinal, names, times in UTC and pillars', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const body = validMeeting();
    const res = await post(ctx, admin, body);
    expect(res.statusCode, res.body).toBe(201);
    const meeting = res.json();
    const { max } = await ctx.database.db
      .selectFrom('meeting')
      .select((eb) => eb.fn.max('ordinal').as('max'))
      .executeTakeFirstOrThrow();
    expect(meeting).toMatchObject({
      slug: `mispa-${body.number?.toLowerCase()}`,
      shortName: `MISPA ${body.number}`,
      status: 'draft',
      managedBy: 'platform',
      kind: 'ministerial',
      format: 'in-person',
      ordinal: Number(max),
      // Lima is UTC−5 all year.
      startsAt: '2027-03-15T14:00:00.000Z',
      endsAt: '2027-03-17T23:00:00.000Z',
      registrationDeadline: '2027-03-02T04:59:00.000Z',
      timeZone: 'America/Lima',
      workingLangs: ['es', 'en'],
      version: 1,
      allowedTransitions: ['convene', 'cancel'],
      hostState: { slug: 'pe' },
      startDate: '2027-03-15',
      endDate: '2027-03-17',
      editable: { names: body.name, start: body.start, end: body.end, hostState: 'pe' },
    });
    expect(meeting.pillars.map((p: { code: string }) => p.code)).toEqual(['prevention']);
    const audit = await ctx.database.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('entity_id', '=', meeting.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'meetings.create', actor_role: 'secretariat-admin' });
  });

  it('converts wall-clock times across a daylight saving change (America/New_York)', async () => {
    const admin = await callerWith(ctx, 'secretariat-staff');
    const meeting = await createMeeting(
      ctx,
      admin,
      validMeeting({
        timeZone: 'America/New_York',
        registrationDeadline: '2027-03-01T12:00',
        start: '2027-03-13T09:00',
        end: '2027-03-15T09:00',
      }),
    );
    // EST (−5) before 14 March 2027, EDT (−4) after.
    expect(meeting).toMatchObject({
      registrationDeadline: '2027-03-01T17:00:00.000Z',
      startsAt: '2027-03-13T14:00:00.000Z',
      endsAt: '2027-03-15T13:00:00.000Z',
    });
  });

  it('refuses a wall-clock time the clocks skip, naming the field', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const res = await post(
      ctx,
      admin,
      validMeeting({ timeZone: 'America/New_York', start: '2027-03-14T02:30', end: '2027-03-15T09:00' }),
    );
    expect(expectProblem(res, 400, 'start').detail).toMatch(/daylight saving/);
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ timeZone: '+05:00' }, 'timeZone'],
    [{ end: '2027-03-15T08:00' }, 'end'],
    [{ registrationDeadline: '2027-03-15T09:00' }, 'registrationDeadline'],
    [{ start: '2027-02-30T09:00' }, 'start'],
    [{ name: {} }, 'name'],
    [{ name: { de: 'Treffen' } }, 'name'],
    [{ workingLangs: [] }, 'workingLangs'],
    [{ workingLangs: ['es', 'es'] }, 'workingLangs'],
    [{ workingLangs: ['de'] }, 'workingLangs.0'],
    [{ number: 'IIII' }, 'number'],
    [{ number: null }, 'number'],
    [{ venue: null }, 'venue'],
    [{ format: 'virtual', venue: null, onlineUrl: null }, 'onlineUrl'],
    [{ format: 'hybrid' }, 'onlineUrl'],
    [{ onlineUrl: 'javascript:alert(1)', format: 'hybrid' }, 'onlineUrl'],
    [{ kind: 'technical-group', number: null }, 'technicalGroup'],
    [{ kind: 'preparatory' }, 'number'],
  ] as const)('refuses %j with a 400 naming %s, writing nothing', async (overrides, field) => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const before = await meetingSnapshot(ctx);
    const res = await post(ctx, admin, { ...validMeeting(), ...overrides });
    const problem = expectProblem(res, 400);
    expect(problem.errors?.map((e) => e.name)).toContain(field);
    expect(await meetingSnapshot(ctx)).toEqual(before);
  });

  it.each([
    [{ hostState: 'zz' }, 'hostState'],
    [{ pillars: ['prevention', 'nope'] }, 'pillars.1'],
    [{ kind: 'technical-group', number: null, technicalGroup: 'no-such-group' }, 'technicalGroup'],
  ] as const)('refuses an unknown record %j with a 400 naming %s', async (overrides, field) => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const res = await post(ctx, admin, { ...validMeeting(), ...overrides });
    expectProblem(res, 400, field);
  });

  it('refuses a number already used (MISPA VIII exists) with a 409', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const res = await post(ctx, admin, validMeeting({ number: 'VIII' }));
    expect(expectProblem(res, 409).detail).toContain('mispa-viii');
  });

  it('creates technical-group and virtual meetings with slugs from their names', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const group = await ctx.database.db.selectFrom('technical_group').select('slug').executeTakeFirstOrThrow();
    const body = validMeeting({
      kind: 'technical-group',
      number: null,
      technicalGroup: group.slug,
      name: { es: 'Reunión técnica de prevención' },
      format: 'virtual',
      venue: null,
      hostState: null,
      city: null,
      onlineUrl: 'https://meet.example.org/tg',
    });
    const first = await createMeeting(ctx, admin, body);
    const second = await createMeeting(ctx, admin, body);
    expect(first.slug).toBe('reunion-tecnica-de-prevencion-2027');
    expect(second.slug).toBe('reunion-tecnica-de-prevencion-2027-2');
    const read = await ctx.app.inject({ url: `/api/v1/meetings/${first.slug}?lang=en`, headers: admin });
    expect(read.json()).toMatchObject({
      kind: 'technical-group',
      technicalGroup: { slug: group.slug },
      // Named only in Spanish: that name, marked as Spanish.
      name: { text: 'Reunión técnica de prevención', lang: 'es' },
      shortName: 'Reunión técnica de prevención',
      onlineUrl: 'https://meet.example.org/tg',
      venue: null,
    });
  });

  it.each([
    ['secretariat-staff', 201],
    ['focal-point', 403],
    ['delegate', 403],
    ['partner', 403],
  ] as const)('answers %s with %i', async (role, status) => {
    const headers = await callerWith(ctx, role);
    const res = await post(ctx, headers, validMeeting());
    expect(res.statusCode, res.body).toBe(status);
    if (status === 403) expect(expectProblem(res, 403).detail).toContain('meetings.create');
  });

  it('answers a visitor with 401 and a read-only token with 403', async () => {
    const visitor = await post(ctx, { origin: ORIGIN }, validMeeting());
    expectProblem(visitor, 401);
    const user = await buildUser(ctx.database.db, { role: 'secretariat-admin' });
    const token = await buildApiToken(ctx.database.db, user.id, 'read');
    const res = await post(ctx, { authorization: token }, validMeeting());
    expectProblem(res, 403);
  });
});

describeEachEngine('PATCH /api/v1/meetings/{slug}', (ctx) => {
  it('edits the venue and times, bumps the version and audits the change', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const created = await createMeeting(ctx, admin);
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/meetings/${created.slug}`,
      headers: admin,
      payload: { version: 1, venue: 'Palacio de Torre Tagle', start: '2027-03-16T10:00', name: { fr: 'Réunion' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      version: 2,
      venue: 'Palacio de Torre Tagle',
      startsAt: '2027-03-16T15:00:00.000Z',
      editable: { names: { fr: 'Réunion' } },
    });
    const entries = await ctx.database.db
      .selectFrom('audit_entry')
      .select('action')
      .where('entity_id', '=', created.id)
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['meetings.create', 'meetings.update']);
  });

  it('takes the version from If-Match', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const created = await createMeeting(ctx, admin);
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/meetings/${created.slug}`,
      headers: { ...admin, 'if-match': '"1"' },
      payload: { city: 'Cusco' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().city).toBe('Cusco');
  });

  it('refuses an edit without a version with a 400 naming version', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const created = await createMeeting(ctx, admin);
    const res = await patch(ctx, `/api/v1/meetings/${created.slug}`, admin, { city: 'Cusco' });
    expectProblem(res, 400, 'version');
  });

  it('of two concurrent edits from the same version, applies one and answers the other 409 with the current version', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const created = await createMeeting(ctx, admin);
    const edit = (city: string) => patch(ctx, `/api/v1/meetings/${created.slug}`, admin, { version: 1, city });
    const answers = await Promise.all([edit('Arequipa'), edit('Trujillo')]);
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    const refused = answers.find((a) => a.statusCode === 409);
    const problem = refused?.json();
    expect(problem).toMatchObject({ status: 409, currentVersion: 2, current: { version: 2 } });
    const winner = answers.find((a) => a.statusCode === 200)?.json();
    expect(problem.current.city).toBe(winner.city);
  });

  it('refuses to edit a historic meeting with a 409 that says so, changing nothing', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const before = await meetingSnapshot(ctx);
    const res = await patch(ctx, '/api/v1/meetings/mispa-iv', admin, { version: 1, city: 'Elsewhere' });
    expect(expectProblem(res, 409).detail).toMatch(/historic/);
    expect(await meetingSnapshot(ctx)).toEqual(before);
  });

  it('refuses to edit a concluded meeting with a 409', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const meeting = await buildMeeting(ctx.database.db, { status: 'concluded' });
    const res = await patch(ctx, `/api/v1/meetings/${meeting.slug}`, admin, { version: 1, city: 'Elsewhere' });
    expectProblem(res, 409);
  });

  it('checks the meeting as a whole: a new start after the end is refused naming end', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const created = await createMeeting(ctx, admin);
    const res = await patch(ctx, `/api/v1/meetings/${created.slug}`, admin, {
      version: 1,
      start: '2027-04-01T09:00',
      registrationDeadline: '2027-03-20T09:00',
    });
    expectProblem(res, 400, 'end');
  });

  it.each([
    ['focal-point', 403],
    ['delegate', 403],
  ] as const)('answers %s with %i', async (role, status) => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const created = await createMeeting(ctx, admin);
    const headers = await callerWith(ctx, role);
    const res = await patch(ctx, `/api/v1/meetings/${created.slug}`, headers, { version: 1, city: 'X' });
    expectProblem(res, status);
  });

  it('answers 404 for a meeting that does not exist', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const res = await patch(ctx, '/api/v1/meetings/mispa-m', admin, { version: 1, city: 'X' });
    expectProblem(res, 404);
  });
});

describeEachEngine('meeting lifecycle', (ctx) => {
  const post = (slug: string, transition: Transition, headers: Record<string, string>, payload?: object) =>
    ctx.app.inject({ method: 'POST', url: `/api/v1/meetings/${slug}/${transition}`, headers, payload: payload ?? {} });
  /** Moves the meeting's start to `ms` from now (negative: past), as time passing would. */
  const startsIn = (id: string, ms: number) =>
    ctx.database.db
      .updateTable('meeting')
      .set({ starts_at: new Date(Date.now() + ms).toISOString() })
      .where('id', '=', id)
      .execute();

  it('takes a meeting from draft to concluded, one audited transition at a time', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const created = await createMeeting(ctx, admin);
    const path: Transition[] = ['convene', 'open-registration', 'close-registration', 'start', 'conclude'];
    for (const [i, transition] of path.entries()) {
      // The meeting's day has come by the time its session opens.
      if (transition === 'start') await startsIn(created.id, -HOUR);
      const res = await post(created.slug, transition, admin);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: TRANSITIONS[transition].to, version: i + 2 });
    }
    const entries = await ctx.database.db
      .selectFrom('audit_entry')
      .select('action')
      .where('entity_id', '=', created.id)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['meetings.create', ...path.map((t) => `meetings.${t}`)]);
  });

  for (const status of MEETING_STATUSES) {
    for (const transition of Object.keys(TRANSITIONS) as Transition[]) {
      const allowed = transitionsFrom(status).includes(transition);
      it(`${allowed ? 'allows' : 'refuses'} ${transition} from ${status}`, async () => {
        const admin = await callerWith(ctx, 'secretariat-admin');
        // Started an hour ago: the dates allow every step, so the lifecycle alone decides.
        const meeting = await buildMeeting(ctx.database.db, {
          status,
          startsAt: new Date(Date.now() - HOUR).toISOString(),
        });
        const res = await post(meeting.slug, transition, admin);
        if (allowed) {
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json().status).toBe(TRANSITIONS[transition].to);
          return;
        }
        const problem = expectProblem(res, 409) as ReturnType<typeof expectProblem> & Record<string, unknown>;
        expect(problem.detail).toContain(`"${status}"`);
        for (const next of transitionsFrom(status)) expect(problem.detail).toContain(next);
        expect(problem).toMatchObject({ currentStatus: status, allowedTransitions: transitionsFrom(status) });
        const row = await ctx.database.db
          .selectFrom('meeting')
          .select(['status', 'version'])
          .where('id', '=', meeting.id)
          .executeTakeFirstOrThrow();
        expect(row).toEqual({ status, version: 1 });
      });
    }
  }

  it(`refuses the session before ${SESSION_EARLY_HOURS} hours ahead of the start with a 409 saying when, in the reader’s language, changing nothing (issue 11)`, async () => {
    const staff = await callerWith(ctx, 'secretariat-staff');
    const admin = await callerWith(ctx, 'secretariat-admin');
    const meeting = await buildMeeting(ctx.database.db, {
      status: 'registration-closed',
      startsAt: '2028-10-10T14:00:00.000Z',
    });
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meeting.slug}/start?lang=es`,
      headers: staff,
      payload: {},
    });
    const problem = expectProblem(res, 409) as ReturnType<typeof expectProblem> & Record<string, unknown>;
    expect(problem.title).toBe('Demasiado pronto para este paso');
    expect(problem.detail).toMatch(
      /^Las fechas de la reunión no permiten este paso \(start\) antes de 2028-10-0\d \d\d:00 \(/,
    );
    expect(problem).toMatchObject({ earliestAt: '2028-10-09T14:00:00.000Z', canOverride: false });
    expect(expectProblem(await post(meeting.slug, 'start', admin), 409)).toMatchObject({ canOverride: true });
    const row = await ctx.database.db
      .selectFrom('meeting')
      .select(['status', 'version'])
      .where('id', '=', meeting.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'registration-closed', version: 1 });
    // Within the tolerance the session opens.
    await startsIn(meeting.id, (SESSION_EARLY_HOURS - 1) * HOUR);
    const opened = await post(meeting.slug, 'start', staff);
    expect(opened.statusCode, opened.body).toBe(200);
    // But a meeting is concluded only once it has started.
    const concluded = await post(meeting.slug, 'conclude', staff);
    expect(expectProblem(concluded, 409).detail).toMatch(/\(conclude\)/);
    await startsIn(meeting.id, -HOUR);
    expect((await post(meeting.slug, 'conclude', staff)).statusCode).toBe(200);
  });

  it('lets only a secretariat administrator override the dates, with a stated reason, audited as an override (issue 11)', async () => {
    const staff = await callerWith(ctx, 'secretariat-staff');
    const admin = await callerWith(ctx, 'secretariat-admin');
    const meeting = await buildMeeting(ctx.database.db, {
      status: 'registration-closed',
      startsAt: '2028-10-10T14:00:00.000Z',
    });
    const reason = 'The ministers met early, by video conference, because of the storm.';
    expectProblem(await post(meeting.slug, 'start', staff, { override: true, reason }), 403);
    expectProblem(await post(meeting.slug, 'start', admin, { override: true }), 400, 'reason');
    expectProblem(await post(meeting.slug, 'start', admin, { override: true, reason: 'two\nlines' }), 400, 'reason');
    const started = await post(meeting.slug, 'start', admin, { override: true, reason });
    expect(started.statusCode, started.body).toBe(200);
    const concluded = await post(meeting.slug, 'conclude', admin, { version: 2, override: true, reason });
    expect(concluded.json()).toMatchObject({ status: 'concluded', version: 3 });
    const entries = await ctx.database.db
      .selectFrom('audit_entry')
      .select(['action', 'diff'])
      .where('entity_id', '=', meeting.id)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['meetings.override.start', 'meetings.override.conclude']);
    expect(JSON.parse(entries[0]?.diff ?? '{}').after).toMatchObject({ status: 'in-session', overrideReason: reason });
  });

  it('refuses a transition from a stale version with a 409 carrying the current one', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const meeting = await buildMeeting(ctx.database.db, { status: 'convened' });
    const res = await post(meeting.slug, 'open-registration', admin, { version: 7 });
    expect(expectProblem(res, 409)).toMatchObject({ currentVersion: 1 });
  });

  it('refuses to take a historic meeting through the lifecycle', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const res = await post('mispa-i', 'cancel', admin);
    expect(expectProblem(res, 409).detail).toMatch(/historic/);
  });

  it('lets staff open registration but only an administrator convene or cancel', async () => {
    const staff = await callerWith(ctx, 'secretariat-staff');
    const draft = await buildMeeting(ctx.database.db, { status: 'draft' });
    expectProblem(await post(draft.slug, 'convene', staff), 403);
    expectProblem(await post(draft.slug, 'cancel', staff), 403);
    const convened = await buildMeeting(ctx.database.db, { status: 'convened' });
    expect((await post(convened.slug, 'open-registration', staff)).statusCode).toBe(200);
    const read = await ctx.app.inject({ url: `/api/v1/meetings/${convened.slug}`, headers: staff });
    // Staff may close registration, not cancel: the list of transitions is the caller's own.
    expect(read.json().allowedTransitions).toEqual(['close-registration']);
  });

  it.each(['focal-point', 'delegate'] as const)('refuses every transition to a %s with 403', async (role) => {
    const headers = await callerWith(ctx, role);
    const meeting = await buildMeeting(ctx.database.db, { status: 'convened' });
    for (const transition of Object.keys(TRANSITIONS) as Transition[]) {
      expectProblem(await post(meeting.slug, transition, headers), 403);
    }
    const visitor = await post(meeting.slug, 'open-registration', { origin: ORIGIN });
    expectProblem(visitor, 401);
  });
});

describe('drafts', () => {
  describeEachEngine('GET /api/v1/meetings with drafts', (ctx) => {
    it('hides drafts from the public and focal points (404 everywhere), and shows them to the secretariat', async () => {
      const draft = await buildMeeting(ctx.database.db, { status: 'draft' });
      const convened = await buildMeeting(ctx.database.db, { status: 'convened' });
      const admin = await callerWith(ctx, 'secretariat-staff');
      const focal = await callerWith(ctx, 'focal-point');
      const slugsFor = async (headers: Record<string, string>) => {
        const res = await ctx.app.inject({ url: '/api/v1/meetings?limit=100', headers });
        return res.json().items.map((m: { slug: string }) => m.slug);
      };
      for (const headers of [{}, focal]) {
        expect(await slugsFor(headers)).not.toContain(draft.slug);
        expect(await slugsFor(headers)).toContain(convened.slug);
        for (const url of [`/api/v1/meetings/${draft.slug}`, `/api/v1/meetings/${draft.slug}/calendar.ics`]) {
          expectProblem(await ctx.app.inject({ url, headers }), 404);
        }
        const feed = await ctx.app.inject({ url: '/api/v1/calendar.ics', headers });
        expect(feed.body).not.toContain(draft.id);
      }
      expect(await slugsFor(admin)).toContain(draft.slug);
      const detail = await ctx.app.inject({ url: `/api/v1/meetings/${draft.slug}`, headers: admin });
      // Staff see the draft, but only an administrator may convene or cancel it.
      expect(detail.json()).toMatchObject({ status: 'draft', allowedTransitions: [] });
    });

    it('lists historic meetings as concluded and read-only', async () => {
      const page = await ctx.app.inject({ url: '/api/v1/meetings?limit=8' });
      for (const item of page.json().items) {
        expect(item).toMatchObject({ managedBy: 'reference', status: 'concluded', allowedTransitions: [] });
      }
    });
  });
});
