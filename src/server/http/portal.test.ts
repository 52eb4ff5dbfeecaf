import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../domain/languages.js';
import { PORTAL_PATHS } from '../../domain/portal-routes.js';
import { buildApp } from '../app.js';
import { expectProblemDocument } from '../testing/api.js';
import { createTestDatabase, describeEachEngine, webRoot } from '../testing/harness.js';

/**
 * The portal as the server delivers it. The first suite runs against the real build (dist/web);
 * its HTML tests are skipped when the portal has not been built (`dist/web/index.html` missing).
 * The second suite runs the same rules against a stand-in build in a temporary folder, so the
 * server's side of the portal is always tested.
 */
const built = fs.existsSync(path.join(webRoot, 'index.html'));
const SAMPLE_SLUGS: Record<string, string> = { slug: 'mispa-v' };
const concrete = (portalPath: string) => portalPath.replace(/:(\w+)/g, (_, name: string) => SAMPLE_SLUGS[name] ?? 'x');

function expectSecurityHeaders(res: LightMyRequestResponse) {
  const csp = String(res.headers['content-security-policy']);
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  expect(directives.get('script-src')).toBeDefined();
  expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  expect(directives.get('script-src')).not.toContain("'unsafe-eval'");
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toMatch(
    /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
  );
}

function expectHtml(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body.slice(0, 200)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
}

const expectNotFoundProblem = (res: LightMyRequestResponse) => expectProblemDocument(res, 404);

describeEachEngine('portal', (ctx) => {
  it.each([
    ['es-MX,es;q=0.9', '/es/'],
    [undefined, '/en/'],
    ['fr-CA', '/fr/'],
    ['pt-BR,pt;q=0.9,en;q=0.8', '/pt/'],
    ['de-DE,de;q=0.9', '/en/'],
    ['de-DE, es;q=0.5, fr;q=0.7', '/fr/'],
  ])('redirects / with Accept-Language %s to %s', async (header, location) => {
    const res = await ctx.app.inject({ url: '/', headers: header ? { 'accept-language': header } : {} });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(location);
  });

  it('answers an unknown API path with a 404 problem document naming it', async () => {
    const problem = expectNotFoundProblem(await ctx.app.inject({ url: '/api/v1/nope' }));
    expect(problem.detail).toContain('/api/v1/nope');
    expectNotFoundProblem(await ctx.app.inject({ url: '/api/nope' }));
  });

  it('answers an unknown API path in Spanish with lang=es', async () => {
    const problem = expectNotFoundProblem(await ctx.app.inject({ url: '/api/v1/nope?lang=es' }));
    expect(problem.title).toBe('No encontrado');
    expect(problem.detail).toContain('página');
  });

  it('answers other methods than GET on portal paths with a problem document', async () => {
    expectNotFoundProblem(await ctx.app.inject({ method: 'POST', url: '/en/meetings' }));
  });

  it('sends the security headers with API answers, problems and redirects', async () => {
    expectSecurityHeaders(await ctx.app.inject({ url: '/api/v1/pillars' }));
    expectSecurityHeaders(await ctx.app.inject({ url: '/api/v1/nope' }));
    expectSecurityHeaders(await ctx.app.inject({ url: '/' }));
  });

  it.skipIf(!built)('serves the built portal for /pt/meetings as HTML', async () => {
    const res = await ctx.app.inject({ url: '/pt/meetings' });
    expectHtml(res, 200);
    expect(res.body).toBe(fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8'));
    expectSecurityHeaders(res);
  });

  it.skipIf(!built)('serves every portal page in every language with 200', async () => {
    for (const lang of LANGS) {
      for (const page of PORTAL_PATHS) expectHtml(await ctx.app.inject({ url: `/${lang}${concrete(page)}` }), 200);
    }
  });

  it.skipIf(!built)('answers an unknown page under a language with the portal and 404', async () => {
    expectHtml(await ctx.app.inject({ url: '/en/nope' }), 404);
    expectHtml(await ctx.app.inject({ url: '/es/meetings/mispa-v/extra' }), 404);
  });

  it.skipIf(!built)('redirects a portal page without a language to the reader’s language', async () => {
    const spanish = await ctx.app.inject({ url: '/meetings', headers: { 'accept-language': 'es-MX,es;q=0.9' } });
    expect([spanish.statusCode, spanish.headers.location]).toEqual([302, '/es/meetings']);
    const english = await ctx.app.inject({ url: '/meetings/mispa-v?tab=documents' });
    expect([english.statusCode, english.headers.location]).toEqual([302, '/en/meetings/mispa-v?tab=documents']);
  });

  it.skipIf(!built)('answers an unknown page without a language with the portal and 404', async () => {
    expectHtml(await ctx.app.inject({ url: '/nope' }), 404);
    expectHtml(await ctx.app.inject({ url: '/de/meetings' }), 404);
  });

  it.skipIf(!built)('serves the hashed assets of the build as immutable', async () => {
    const asset = fs.readdirSync(path.join(webRoot, 'assets')).find((file) => file.endsWith('.js'));
    const res = await ctx.app.inject({ url: `/assets/${asset}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

/** Runs `use` against an app serving a stand-in build with one page and one hashed asset. */
async function withStandInPortal(use: (app: FastifyInstance, indexHtml: string) => Promise<void>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-portal-'));
  const indexHtml =
    '<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body></body></html>';
  fs.writeFileSync(path.join(root, 'index.html'), indexHtml);
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'assets', 'app-abc123.js'), 'console.log("portal");');
  const database = await createTestDatabase('sqlite');
  const app = await buildApp({ db: database.db, engine: 'sqlite', version: 'test', webRoot: root });
  try {
    await use(app, indexHtml);
  } finally {
    await app.close();
    await database.drop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('portal on a stand-in build', () => {
  it('serves /pt/meetings and every other portal page as the portal’s HTML with 200', async () => {
    await withStandInPortal(async (app, indexHtml) => {
      const res = await app.inject({ url: '/pt/meetings' });
      expectHtml(res, 200);
      expect(res.body).toBe(indexHtml);
      expectSecurityHeaders(res);
      for (const lang of LANGS) {
        for (const page of PORTAL_PATHS) expectHtml(await app.inject({ url: `/${lang}${concrete(page)}` }), 200);
      }
    });
  });

  it('serves the page with cache-control no-cache, so readers get a new build at once', async () => {
    await withStandInPortal(async (app) => {
      for (const url of ['/en/', '/pt/meetings', '/en/nope']) {
        expect((await app.inject({ url })).headers['cache-control'], url).toBe('no-cache');
      }
    });
  });

  it('answers /en/nope and /nope with the portal’s HTML and 404', async () => {
    await withStandInPortal(async (app, indexHtml) => {
      for (const url of ['/en/nope', '/fr/meetings/a/b', '/nope', '/de/meetings']) {
        const res = await app.inject({ url });
        expectHtml(res, 404);
        expect(res.body).toBe(indexHtml);
      }
    });
  });

  it('redirects /meetings to the reader’s language, keeping the query', async () => {
    await withStandInPortal(async (app) => {
      const cases = [
        ['/meetings', 'es-MX,es;q=0.9', '/es/meetings'],
        ['/meetings', undefined, '/en/meetings'],
        ['/member-states/ec', 'fr-CA', '/fr/member-states/ec'],
        ['/documents?year=2015', 'pt', '/pt/documents?year=2015'],
      ] as const;
      for (const [url, header, location] of cases) {
        const res = await app.inject({ url, headers: header ? { 'accept-language': header } : {} });
        expect([res.statusCode, res.headers.location], url).toEqual([302, location]);
      }
    });
  });

  it('keeps answering unknown API paths with problem documents, not the portal', async () => {
    await withStandInPortal(async (app) => {
      expectNotFoundProblem(await app.inject({ url: '/api/v1/nope' }));
      expectNotFoundProblem(await app.inject({ url: '/api/v1/meetings/mispa-v/extra' }));
    });
  });

  it('serves hashed assets as immutable and with nosniff', async () => {
    await withStandInPortal(async (app) => {
      const res = await app.inject({ url: '/assets/app-abc123.js' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expectSecurityHeaders(res);
    });
  });
});
