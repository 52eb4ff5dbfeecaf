import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { contentGeneration } from '../db/content-generation.js';
import { recordAudit } from '../modules/audit/chain.js';
import { callerWith, createMeeting } from '../modules/meetings/testing.js';
import { type Actor, PUBLIC } from '../policy/actor.js';
import { type AppContext, describeEachEngine, webRoot } from '../testing/harness.js';
import { registerReplyCache } from './reply-cache.js';

/** Renames MISPA I in the database behind the app's back, as no request of the platform would. */
const renameFirstMeeting = (ctx: AppContext, text: string) =>
  ctx.database.db
    .updateTable('translation')
    .set({ text })
    .where('entity_type', '=', 'meeting')
    .where('field', '=', 'name')
    .where('lang', '=', 'en')
    .where('entity_id', 'in', (eb) => eb.selectFrom('meeting').select('id').where('slug', '=', 'mispa-i'))
    .execute();

const nameOfFirst = async (ctx: AppContext, headers: Record<string, string> = {}) => {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/meetings/mispa-i?lang=en', headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().name.text as string;
};

describeEachEngine('the reply cache', (ctx) => {
  it('answers the public from the kept reply until the content generation changes', async () => {
    const original = await nameOfFirst(ctx);
    await renameFirstMeeting(ctx, 'Renamed behind the cache');
    // Kept: the change was not made through the platform, so the generation did not move.
    expect(await nameOfFirst(ctx)).toBe(original);
    await contentGeneration(ctx.database.db).change();
    expect(await nameOfFirst(ctx)).toBe('Renamed behind the cache');
    await renameFirstMeeting(ctx, original);
    await contentGeneration(ctx.database.db).change();
  });

  it('keeps each signed-in reader their own replies, apart from the public and from each other', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const focalPoint = await callerWith(ctx, 'focal-point', 'mx');
    const me = async (headers: Record<string, string>) =>
      (await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers })).json();
    const [first, second] = [await me(admin), await me(focalPoint)];
    expect(first.grants.map((g: { role: string }) => g.role)).toEqual(['secretariat-admin']);
    expect(second.grants.map((g: { role: string }) => g.role)).toEqual(['focal-point']);
    expect((await me(admin)).id).toBe(first.id);
    expect((await me(focalPoint)).id).toBe(second.id);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('makes kept replies stale when something is audited outside a request (a job, a command)', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const newest = async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/audit?limit=1', headers: admin });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items[0];
    };
    const before = await newest();
    await ctx.database.db.transaction().execute((trx) =>
      recordAudit(
        trx,
        { actor: { kind: 'public' }, requestId: 'job', ip: null, lang: 'en' },
        {
          action: 'meetings.remind',
          role: null,
          entityType: 'meeting',
          entityId: 'mispa-i',
          before: null,
          after: null,
        },
        new Date(),
      ),
    );
    const after = await newest();
    expect(after.seq).toBe((before?.seq ?? 0) + 1);
    expect(after.action).toBe('meetings.remind');
  });

  it('shows the public a write made through the platform as soon as the writer is answered', async () => {
    const admin = await callerWith(ctx, 'secretariat-admin');
    const before = await ctx.app.inject({ method: 'GET', url: '/api/v1/meetings?limit=100' });
    const created = await createMeeting(ctx, admin);
    const convened = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${created.slug}/convene`,
      headers: admin,
      payload: { version: created.version },
    });
    expect(convened.statusCode, convened.body).toBe(200);
    const after = await ctx.app.inject({ method: 'GET', url: '/api/v1/meetings?limit=100' });
    const slugs = (res: typeof after) => res.json().items.map((m: { slug: string }) => m.slug);
    expect(slugs(before)).not.toContain(created.slug);
    expect(slugs(after)).toContain(created.slug);
  });

  it('keeps one reply per language, whether asked by parameter or by Accept-Language', async () => {
    const en = await ctx.app.inject({ method: 'GET', url: '/api/v1/pillars' });
    const es = await ctx.app.inject({ method: 'GET', url: '/api/v1/pillars', headers: { 'accept-language': 'es' } });
    const fr = await ctx.app.inject({ method: 'GET', url: '/api/v1/pillars?lang=fr' });
    expect([en, es, fr].map((res) => res.json().lang)).toEqual(['en', 'es', 'fr']);
    const again = await ctx.app.inject({ method: 'GET', url: '/api/v1/pillars', headers: { 'accept-language': 'es' } });
    expect(again.body).toBe(es.body);
  });

  it('keeps one reply per Accept header where the route follows it, and sends it again with its Vary', async () => {
    const url = '/api/v1/indicators/homicide-rate/observations?state=mx&from=2014&to=2023';
    const read = (accept: string) => ctx.app.inject({ method: 'GET', url, headers: { accept } });
    const json = await read('application/json');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const csv = await read('text/csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).not.toBe(json.body);
    const mexico2020 = () =>
      ctx.database.db
        .updateTable('observation')
        .where('member_state_id', 'in', (eb) => eb.selectFrom('member_state').select('id').where('iso3', '=', 'MEX'))
        .where('year', '=', 2020);
    const { value } = await ctx.database.db
      .selectFrom('observation')
      .select('value')
      .where('member_state_id', 'in', (eb) => eb.selectFrom('member_state').select('id').where('iso3', '=', 'MEX'))
      .where('year', '=', 2020)
      .executeTakeFirstOrThrow();
    await mexico2020().set({ value: 999 }).execute();
    // Kept: the change was not made through the platform. The JSON reply is the one kept for JSON.
    const again = await read('application/json');
    expect(again.body).toBe(json.body);
    expect(again.headers.vary).toMatch(/Accept/);
    await contentGeneration(ctx.database.db).change();
    expect((await read('application/json')).json().items.some((o: { value: number }) => o.value === 999)).toBe(true);
    await mexico2020().set({ value }).execute();
    await contentGeneration(ctx.database.db).change();
  });

  it('sends kept replies compressed as the reader accepts, with the same ETag, and 304 when it matches', async () => {
    const url = '/api/v1/meetings?limit=100&lang=pt';
    const plain = await ctx.app.inject({ method: 'GET', url });
    for (const pass of ['first', 'kept']) {
      const gzip = await ctx.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding'], pass).toBe('gzip');
      expect(String(gzip.headers.vary)).toMatch(/Accept-Encoding/);
      expect(String(gzip.headers.vary)).toMatch(/Accept-Language/);
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
      expect(gzip.headers.etag).toBe(plain.headers.etag);
    }
    const revalidated = await ctx.app.inject({
      method: 'GET',
      url,
      headers: { 'if-none-match': String(plain.headers.etag), 'accept-encoding': 'br, gzip' },
    });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
  });

  it('lets a write through one process be read at once through another on the same database', async () => {
    const other = await buildApp({ db: ctx.database.db, engine: ctx.engine, version: 'test', webRoot });
    try {
      const admin = await callerWith(ctx, 'secretariat-admin');
      const original = await nameOfFirst(ctx);
      const read = async () => (await other.inject({ method: 'GET', url: '/api/v1/meetings/mispa-i?lang=en' })).json();
      expect((await read()).name.text).toBe(original);
      // A platform write on this app (any successful write changes the generation) ...
      const created = await createMeeting(ctx, admin);
      expect(created.slug).toBeTruthy();
      await renameFirstMeeting(ctx, 'Renamed with a platform write beside it');
      await createMeeting(ctx, admin);
      // ... is seen by the other app, which kept the old reply.
      expect((await read()).name.text).toBe('Renamed with a platform write beside it');
      await renameFirstMeeting(ctx, original);
      await contentGeneration(ctx.database.db).change();
    } finally {
      await other.close();
    }
  });

  it('leaves the generation alone when a write is refused', async () => {
    const generation = contentGeneration(ctx.database.db);
    const before = await generation.current();
    const admin = await callerWith(ctx, 'secretariat-admin');
    const refused = await ctx.app.inject({ method: 'POST', url: '/api/v1/meetings', headers: admin, payload: {} });
    expect(refused.statusCode).toBe(400);
    expect(await generation.current()).toBe(before);
  });

  it('never keeps a reply built before a write that committed while it was being built', async () => {
    // A bare app with a slow cacheable route, so the race can be staged step by step.
    const generation = contentGeneration(ctx.database.db);
    const app = Fastify();
    app.decorateRequest<Actor | null>('actor', null);
    app.addHook('onRequest', async (request) => {
      request.actor = PUBLIC;
    });
    registerReplyCache(app, generation);
    let value = 'before the write';
    let release = () => {};
    app.get('/slow', { config: { cache: true } }, async () => {
      const seen = value;
      if (seen === 'before the write') await new Promise<void>((resolve) => (release = resolve));
      return { seen };
    });
    try {
      const slow = app.inject({ url: '/slow' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The write commits and changes the generation; a reader after it builds and keeps the new reply.
      value = 'after the write';
      await generation.change();
      expect((await app.inject({ url: '/slow' })).json().seen).toBe('after the write');
      release();
      expect((await slow).json().seen).toBe('before the write');
      // The slow reply, built before the write, was not kept over the new one.
      expect((await app.inject({ url: '/slow' })).json().seen).toBe('after the write');
    } finally {
      await app.close();
    }
  });
});
