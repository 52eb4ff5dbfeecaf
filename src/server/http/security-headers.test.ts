import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { guardedRoutes } from '../policy/guard.js';
import { createTestDatabase, describeEachEngine } from '../testing/harness.js';
import { HSTS } from './security-headers.js';

/**
 * The headers that make a browser refuse what the platform never does: scripts from anywhere but
 * itself (and no inline ones), being framed, sniffing types, leaking full URLs to other sites; HSTS
 * over HTTPS only; and no CORS at all, so no other site's script can read an answer.
 */

/** The directives of a Content-Security-Policy header, by name. */
function directives(res: LightMyRequestResponse): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  expect(header, `no CSP on ${res.raw.req.url}`).not.toBe('');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name as string, values]),
  );
}

/** Replies of every kind: JSON, a problem document, a 404, the portal's HTML, the API docs. */
const SAMPLES = [
  ['a JSON reply', '/api/v1/pillars'],
  ['a 401 problem document', '/api/v1/me'],
  ['a 404', '/api/v1/no-such-thing'],
  // Without a built portal (dist/web) this is a 404, whose headers are checked all the same.
  ['a portal page', '/en'],
  ['the API documentation', '/api/docs/static/index.html'],
] as const;

describeEachEngine('security headers', (ctx) => {
  describe.each(SAMPLES)('on %s (%s)', (_, url) => {
    it('has a CSP allowing scripts from this site only, never inline, and no framing', async () => {
      const res = await ctx.app.inject({ url });
      const csp = directives(res);
      const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];
      expect(scripts).toContain("'self'");
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      // Nothing from other hosts, and no forced upgrade to https:// on a plain-HTTP install.
      for (const [name, values] of csp) {
        for (const value of values) expect(value, name).toMatch(/^('[\w-]+'|data:|'sha\d+-.+')$/);
      }
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
    });

    it('forbids sniffing and framing, and sends only the origin to other sites', async () => {
      const res = await ctx.app.inject({ url });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    });

    it('sends no Strict-Transport-Security over plain HTTP', async () => {
      const res = await ctx.app.inject({ url });
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('CORS stays closed', () => {
    const OTHER = 'https://other-site.example';

    it('answers no preflight and allows no other origin on any API route', async () => {
      const routes = guardedRoutes(ctx.app);
      expect(routes.length).toBeGreaterThan(20);
      for (const route of routes) {
        const url = route.url.replace(/:\w+/g, 'x');
        const preflight = await ctx.app.inject({
          method: 'OPTIONS',
          url,
          headers: {
            origin: OTHER,
            'access-control-request-method': route.method,
            'access-control-request-headers': 'authorization, content-type',
          },
        });
        const plain = await ctx.app.inject({ method: 'GET', url, headers: { origin: OTHER } });
        for (const res of [preflight, plain]) {
          const cors = Object.keys(res.headers).filter((h) => h.startsWith('access-control-'));
          expect(cors, `${res.raw.req.method} ${url}`).toEqual([]);
        }
        expect(preflight.statusCode, url).not.toBe(204);
      }
    });
  });
});

describe('Strict-Transport-Security', () => {
  const apps: FastifyInstance[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  // A 404 touches no table: an empty database is enough to see the headers.
  const appWith = async (trustProxy: boolean) => {
    const database = await createTestDatabase('sqlite');
    const app = await buildApp({ db: database.db, engine: 'sqlite', version: 'test', trustProxy });
    apps.push(app);
    app.addHook('onClose', () => database.drop());
    return app;
  };

  it('is sent when a trusted proxy says the request came over HTTPS (MISPA_TRUST_PROXY)', async () => {
    const app = await appWith(true);
    const res = await app.inject({ url: '/api/v1/no-such-thing', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toBe(HSTS);
    const http = await app.inject({ url: '/api/v1/no-such-thing', headers: { 'x-forwarded-proto': 'http' } });
    expect(http.headers['strict-transport-security']).toBeUndefined();
  });

  it('is not sent on X-Forwarded-Proto alone when no proxy is trusted: anyone can send that header', async () => {
    const app = await appWith(false);
    const res = await app.inject({ url: '/api/v1/no-such-thing', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
