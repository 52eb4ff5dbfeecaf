import { expect, it } from 'vitest';
import { expectProblem } from '../../testing/api.js';
import { buildUser } from '../../testing/factories.js';
import { type AppContext, describeEachEngine } from '../../testing/harness.js';
import { bearer, ORIGIN, openSession } from '../../testing/sessions.js';
import { verifyChain } from '../audit/chain.js';

function helpers(ctx: AppContext) {
  const db = () => ctx.database.db;
  const list = (headers: Record<string, string>) => ctx.app.inject({ url: '/api/v1/me/sessions', headers });
  const end = (headers: Record<string, string>, id: string) =>
    ctx.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${encodeURIComponent(id)}`, headers });
  const everywhere = (headers: Record<string, string>, payload?: object) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/me/sessions/sign-out-everywhere',
      headers,
      ...(payload ? { payload } : {}),
    });
  const alive = async (headers: Record<string, string>) =>
    (await ctx.app.inject({ url: '/api/v1/me', headers })).statusCode === 200;
  const user = () => buildUser(db());
  return { db, list, end, everywhere, alive, user };
}

describeEachEngine('GET /api/v1/me/sessions', (ctx) => {
  const h = helpers(ctx);

  it('lists one’s live sessions, newest first, marking this one current, with where they signed in from', async () => {
    const user = await h.user();
    const signIn = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'user-agent': 'Firefox on a ministry laptop' },
      payload: { email: user.email, password: user.password },
    });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] as string;
    const later = new Date(Date.now() + 1000);
    const other = await openSession(h.db(), user.id, {
      userAgent: 'Phone',
      ip: '203.0.113.9',
      secondFactor: true,
      at: later,
    });
    const ended = await openSession(h.db(), user.id, { userAgent: 'ended' });
    const endedId = (await h.list({ cookie }))
      .json()
      .items.find((s: { userAgent: string }) => s.userAgent === 'ended').id;
    expect((await h.end({ cookie, origin: ORIGIN }, endedId)).statusCode).toBe(204);
    const res = await h.list({ cookie });
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items).toEqual([
      expect.objectContaining({ userAgent: 'Phone', ip: '203.0.113.9', secondFactor: true, current: false }),
      expect.objectContaining({ userAgent: 'Firefox on a ministry laptop', ip: '127.0.0.1', current: true }),
    ]);
    expect(items[1]).toEqual({
      id: expect.stringMatching(/^[\w-]{32}$/),
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      expiresAt: expect.any(String),
      ip: '127.0.0.1',
      userAgent: 'Firefox on a ministry laptop',
      secondFactor: false,
      current: true,
    });
    expect(await h.alive(ended.headers)).toBe(false);
    expect(await h.alive(other.headers)).toBe(true);
  });

  it('shows ids that are neither the stored id nor anything of the cookie', async () => {
    const user = await h.user();
    const session = await openSession(h.db(), user.id);
    const secret = session.cookie.split('=')[1] as string;
    const res = await h.list(session.headers);
    const [item] = res.json().items;
    expect(item.id).not.toBe(session.storedId);
    expect(session.storedId).not.toContain(item.id);
    expect(secret).not.toContain(item.id);
    expect(res.body).not.toContain(session.storedId);
    expect(res.body).not.toContain(secret);
  });

  it('leaves out other users’ sessions, and marks none current for an API token', async () => {
    const user = await h.user();
    const session = await openSession(h.db(), user.id, { secondFactor: true });
    await openSession(h.db(), (await h.user()).id);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: session.headers,
      payload: { name: 'reader', scope: 'read', expiresInDays: 1 },
    });
    const items = (await h.list(bearer(created.json().token))).json().items;
    expect(items).toEqual([expect.objectContaining({ current: false, secondFactor: true })]);
  });

  it('refuses the public with 401', async () => {
    expectProblem(await h.list({}), 401);
  });
});

describeEachEngine('DELETE /api/v1/me/sessions/{id}', (ctx) => {
  const h = helpers(ctx);

  it('ends another of one’s sessions: its cookie is refused from then on, this one goes on, and it is audited', async () => {
    const user = await h.user();
    const here = await openSession(h.db(), user.id, { userAgent: 'here' });
    const there = await openSession(h.db(), user.id, { userAgent: 'there' });
    const target = (await h.list(here.headers)).json().items.find((s: { current: boolean }) => !s.current);
    const res = await h.end(here.headers, target.id);
    expect(res.statusCode).toBe(204);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await h.alive(there.headers)).toBe(false);
    expect(await h.alive(here.headers)).toBe(true);
    const audit = await h
      .db()
      .selectFrom('audit_entry')
      .selectAll()
      .where('actor_user_id', '=', user.id)
      .where('action', '=', 'sessions.end')
      .execute();
    expect(audit.map((e) => [e.entity_type, e.entity_id])).toEqual([['session', target.id]]);
    expect(JSON.stringify(audit)).not.toContain(there.storedId);
    expect(await verifyChain(h.db())).toMatchObject({ ok: true });
  });

  it('signs this session out when it ends it, clearing the cookie', async () => {
    const user = await h.user();
    const here = await openSession(h.db(), user.id);
    const [item] = (await h.list(here.headers)).json().items;
    const res = await h.end(here.headers, item.id);
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/^mispa_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await h.alive(here.headers)).toBe(false);
  });

  it('answers 404 for another user’s session and leaves it open', async () => {
    const someone = await h.user();
    const theirs = await openSession(h.db(), someone.id);
    const theirId = (await h.list(theirs.headers)).json().items[0].id;
    const me = await openSession(h.db(), (await h.user()).id);
    expectProblem(await h.end(me.headers, theirId), 404);
    expect(await h.alive(theirs.headers)).toBe(true);
  });

  it('answers 400 naming id for a malformed id, 404 for an unknown one, 401 to the public', async () => {
    const me = await openSession(h.db(), (await h.user()).id);
    expectProblem(await h.end(me.headers, 'short'), 400, 'id');
    expectProblem(await h.end(me.headers, 'A'.repeat(32)), 404);
    expectProblem(await h.end({ origin: ORIGIN }, 'A'.repeat(32)), 401);
  });
});

describeEachEngine('POST /api/v1/me/sessions/sign-out-everywhere', (ctx) => {
  const h = helpers(ctx);

  it('ends every session of the user, this one included, says how many, and writes one audit entry', async () => {
    const user = await h.user();
    const sessions = await Promise.all([1, 2, 3].map(() => openSession(h.db(), user.id)));
    const bystander = await openSession(h.db(), (await h.user()).id);
    const res = await h.everywhere(sessions[0]?.headers ?? {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 3 });
    expect(String(res.headers['set-cookie'])).toMatch(/^mispa_session=;/);
    for (const session of sessions) expect(await h.alive(session.headers)).toBe(false);
    expect(await h.alive(bystander.headers)).toBe(true);
    const audit = await h.db().selectFrom('audit_entry').selectAll().where('actor_user_id', '=', user.id).execute();
    expect(audit.map((e) => [e.action, JSON.parse(e.diff).after])).toEqual([
      ['sessions.end', { sessionsEnded: 3, keptCurrent: false }],
    ]);
  });

  it('keeps this session with keepCurrent: true', async () => {
    const user = await h.user();
    const here = await openSession(h.db(), user.id);
    const elsewhere = await openSession(h.db(), user.id);
    const res = await h.everywhere(here.headers, { keepCurrent: true });
    expect(res.json()).toEqual({ ended: 1 });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await h.alive(here.headers)).toBe(true);
    expect(await h.alive(elsewhere.headers)).toBe(false);
  });

  it('may be asked with a write API token, which ends every session but not the token', async () => {
    const user = await h.user();
    const session = await openSession(h.db(), user.id);
    const { token } = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: session.headers,
        payload: { name: 'ops', scope: 'write', expiresInDays: 1 },
      })
    ).json();
    expect((await h.everywhere(bearer(token))).json()).toEqual({ ended: 1 });
    expect(await h.alive(session.headers)).toBe(false);
    expect(await h.alive(bearer(token))).toBe(true);
  });

  it('refuses the public with 401', async () => {
    expectProblem(await h.everywhere({}), 401);
  });
});
