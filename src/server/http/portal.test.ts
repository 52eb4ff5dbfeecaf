import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, expect, it } from 'vitest';
import { LANGS } from '../../domain/languages.js';
import { PORTAL_PATHS } from '../../domain/portal-routes.js';
import { callerWith, createMeeting } from '../modules/meetings/testing.js';
import { signedIn } from '../modules/users/testing.js';
import { expectProblemDocument } from '../testing/api.js';
import { describeEachEngine, webRoot } from '../testing/harness.js';
import { SAMPLE_RECORD_PAGES, samplePath } from '../testing/portal-pages.js';

/**
 * The portal as the server delivers it. The first suite runs against the real build (dist/web);
 * its HTML tests are skipped when the portal has not been built (`dist/web/index.html` missing).
 * The second suite runs the same rules against a stand-in build in a temporary folder, so the
 * server's side of the portal is always tested.
 */
const built = fs.existsSync(path.join(webRoot, 'index.html'));
/** The record pages whose record is looked up for everyone, named with a slug no record has. */
const UNKNOWN = Object.keys(SAMPLE_RECORD_PAGES)
  .filter((page) => !/:(token|id)$/.test(page))
  .map((page) => page.replace(/:\w+/, 'no-such-record'));

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

  it.skipIf(!built)('serves /pt/meetings rendered in Portuguese, with the state the browser hydrates', async () => {
    const res = await ctx.app.inject({ url: '/pt/meetings' });
    expectHtml(res, 200);
    expect(res.body).toMatch(/^<!doctype html>\s*<html lang="pt">/);
    expect(res.body).toMatch(/<div id="root"><div class="page">[\s\S]*<h1[^>]*>Reuniões ministeriais<\/h1>/);
    expect(res.body).toContain('<script type="application/json" id="ssr-state">');
    expectSecurityHeaders(res);
  });

  it.skipIf(!built)('serves a signing-in page unrendered, saying it needs JavaScript', async () => {
    const res = await ctx.app.inject({ url: '/es/sign-in' });
    expectHtml(res, 200);
    expect(res.body).toBe(fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8'));
    expect(res.body).toMatch(/<div id="root"><noscript>/);
  });

  it.skipIf(!built)('serves every portal page in every language with 200', async () => {
    for (const lang of LANGS) {
      for (const page of PORTAL_PATHS) expectHtml(await ctx.app.inject({ url: `/${lang}${samplePath(page)}` }), 200);
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

/** A stand-in build with one page and one hashed asset, so the server's side of the portal is
 * tested without building it. */
const standInRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-portal-'));
const indexHtml =
  '<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body></body></html>';
fs.writeFileSync(path.join(standInRoot, 'index.html'), indexHtml);
fs.mkdirSync(path.join(standInRoot, 'assets'));
fs.writeFileSync(path.join(standInRoot, 'assets', 'app-abc123.js'), 'console.log("portal");');
afterAll(() => fs.rmSync(standInRoot, { recursive: true, force: true }));

function expectPortal(res: LightMyRequestResponse, status: number) {
  expectHtml(res, status);
  expect(res.body).toBe(indexHtml);
}

describeEachEngine(
  'portal on a stand-in build',
  (ctx) => {
    it('serves /pt/meetings and every other portal page as the portal’s HTML with 200', async () => {
      const res = await ctx.app.inject({ url: '/pt/meetings' });
      expectPortal(res, 200);
      expectSecurityHeaders(res);
      for (const lang of LANGS) {
        for (const page of PORTAL_PATHS)
          expectPortal(await ctx.app.inject({ url: `/${lang}${samplePath(page)}` }), 200);
      }
    });

    it('serves the page with cache-control no-cache, so readers get a new build at once', async () => {
      for (const url of ['/en/', '/pt/meetings', '/en/nope']) {
        expect((await ctx.app.inject({ url })).headers['cache-control'], url).toBe('no-cache');
      }
    });

    it('answers /en/nope and /nope with the portal’s HTML and 404', async () => {
      for (const url of ['/en/nope', '/fr/meetings/a/b', '/nope', '/de/meetings']) {
        expectPortal(await ctx.app.inject({ url }), 404);
      }
    });

    it('redirects /meetings to the reader’s language, keeping the query', async () => {
      const cases = [
        ['/meetings', 'es-MX,es;q=0.9', '/es/meetings'],
        ['/meetings', undefined, '/en/meetings'],
        ['/member-states/ec', 'fr-CA', '/fr/member-states/ec'],
        ['/documents?year=2015', 'pt', '/pt/documents?year=2015'],
      ] as const;
      for (const [url, header, location] of cases) {
        const res = await ctx.app.inject({ url, headers: header ? { 'accept-language': header } : {} });
        expect([res.statusCode, res.headers.location], url).toEqual([302, location]);
      }
    });

    it('keeps answering unknown API paths with problem documents, not the portal', async () => {
      expectNotFoundProblem(await ctx.app.inject({ url: '/api/v1/nope' }));
      expectNotFoundProblem(await ctx.app.inject({ url: '/api/v1/meetings/mispa-v/extra' }));
    });

    it('serves hashed assets as immutable and with nosniff', async () => {
      const res = await ctx.app.inject({ url: '/assets/app-abc123.js' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expectSecurityHeaders(res);
    });

    it('answers the page of a record no one has with the portal’s HTML and 404, in every language', async () => {
      for (const lang of LANGS) {
        for (const page of UNKNOWN) expectPortal(await ctx.app.inject({ url: `/${lang}${page}` }), 404);
      }
    });

    it('answers a draft meeting’s pages with 404 to the public and 200, kept private, to the secretariat', async () => {
      const secretariat = await callerWith(ctx, 'secretariat-staff');
      const draft = await createMeeting(ctx, secretariat);
      expect(draft.status).toBe('draft');
      for (const url of [`/en/meetings/${draft.slug}`, `/es/meetings/${draft.slug}/agenda`]) {
        const visitor = await ctx.app.inject({ url });
        expectPortal(visitor, 404);
        expect(visitor.headers['cache-control'], url).toBe('no-cache');
        const staff = await ctx.app.inject({ url, headers: secretariat });
        expectPortal(staff, 200);
        // The answer follows who asks: no shared cache may hand it to the public.
        expect(staff.headers['cache-control'], url).toBe('private, no-cache');
        expect(String(staff.headers.vary)).toMatch(/Cookie/);
      }
    });

    it('looks a user’s page up for those who may read accounts, and answers it 200 to the others', async () => {
      const { user, headers } = await signedIn(ctx, { role: 'secretariat-staff' });
      expectPortal(await ctx.app.inject({ url: `/en/admin/users/${user.id}`, headers }), 200);
      expectPortal(await ctx.app.inject({ url: '/en/admin/users/no-such-user', headers }), 404);
      // The page asks the others to sign in, and says nothing of whether the account is there.
      expectPortal(await ctx.app.inject({ url: '/en/admin/users/no-such-user' }), 200);
      const focal = await callerWith(ctx, 'focal-point');
      expectPortal(await ctx.app.inject({ url: '/en/admin/users/no-such-user', headers: focal }), 200);
    });
  },
  () => ({ webRoot: standInRoot }),
);
