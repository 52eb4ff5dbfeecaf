import { expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestDatabase, describeEachEngine } from '../../testing/harness.js';

describeEachEngine('GET /api/health', (ctx) => {
  it('answers 200 with the database reachable, the engine name and the version', async () => {
    const res = await ctx.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ status: 'ok', version: 'test', database: { engine: ctx.engine, reachable: true } });
  });

  it('is never cached, so a monitor sees the current state', async () => {
    const res = await ctx.app.inject({ url: '/api/health' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 503 with reachable false once the database is gone', async () => {
    const database = await createTestDatabase(ctx.engine);
    const app = await buildApp({ db: database.db, engine: ctx.engine, version: 'test' });
    try {
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
      await database.drop();
      const res = await app.inject({ url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        status: 'unavailable',
        version: 'test',
        database: { engine: ctx.engine, reachable: false },
      });
    } finally {
      await app.close();
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await ctx.app.inject({ method: 'HEAD', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });

  it('answers an unknown method with a problem document', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/health' });
    expect([404, 405]).toContain(res.statusCode);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: res.statusCode, title: expect.any(String), detail: expect.any(String) });
  });
});

describeEachEngine('GET /api/bench/baseline', (ctx) => {
  it('is not there unless the benchmarks turn it on', async () => {
    const res = await ctx.app.inject({ url: '/api/bench/baseline' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a constant JSON body when benchBaseline is on, and stays out of the API description', async () => {
    const app = await buildApp({ db: ctx.database.db, engine: ctx.engine, version: 'test', benchBaseline: true });
    try {
      const first = await app.inject({ url: '/api/bench/baseline' });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({ status: 'ok', baseline: true });
      expect((await app.inject({ url: '/api/bench/baseline' })).body).toBe(first.body);
      expect(Object.keys((await app.inject({ url: '/api/openapi.json' })).json().paths)).not.toContain(
        '/api/bench/baseline',
      );
    } finally {
      await app.close();
    }
  });
});
