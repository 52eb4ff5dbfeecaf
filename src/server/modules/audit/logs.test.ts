import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { redactUrl } from '../../http/log-redaction.js';
import { guardedRoutes } from '../../policy/guard.js';
import { buildUser } from '../../testing/factories.js';
import { createLoadedDatabase, engines, type TestDatabase } from '../../testing/harness.js';

/**
 * The logs are JSON lines (pino): user text in them is escaped, so it can never start a line of
 * its own that a log reader would take for the server's; and they never hold passwords, session
 * cookies or API tokens.
 */

const FORGED = 'forged-by-a-user';
const forgeries = [
  `\n{"level":60,"msg":"${FORGED}"}`,
  `\r\n{"level":60,"msg":"${FORGED}"}\n`,
  `","level":60,"msg":"${FORGED}","x":"`,
  `\u2028{"msg":"${FORGED}"}\u2029`,
];

for (const engine of engines) {
  describe(`logs [${engine}]`, () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    let output = '';

    beforeAll(async () => {
      database = await createLoadedDatabase(engine);
      app = await buildApp({
        db: database.db,
        engine,
        version: 'test',
        logger: {
          level: 'trace',
          stream: {
            write: (line: string) => {
              output += line;
            },
          },
        },
      });
    });
    afterAll(async () => {
      await app?.close();
      await database?.drop();
    });

    /** The lines written while `act` ran, each parsed: a line that is not one JSON object fails. */
    async function linesOf(act: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
      const start = output.length;
      await act();
      const written = output.slice(start);
      expect(written.endsWith('\n') || written === '').toBe(true);
      return written
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => {
          const parsed = JSON.parse(line) as unknown;
          expect(parsed).toBeTypeOf('object');
          return parsed as Record<string, unknown>;
        });
    }

    it('writes user text into one line of its own entry, whatever it holds (fast-check)', async () => {
      const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...forgeries));
      await fc.assert(
        fc.asyncProperty(text, async (userText) => {
          const lines = await linesOf(async () => app.log.info({ userText }, 'user text'));
          expect(lines).toHaveLength(1);
          expect(lines[0]).toMatchObject({ msg: 'user text', userText });
        }),
        { numRuns: 300, examples: forgeries.map((f): [string] => [f]) },
      );
    });

    it('lets no request forge a line through its URL or its request id', async () => {
      const lines = await linesOf(async () => {
        for (const forgery of forgeries) {
          await app.inject({ url: `/api/v1/pillars?q=${encodeURIComponent(forgery)}` });
          await app.inject({ url: `/api/v1/${encodeURIComponent(forgery)}` });
          // A header cannot hold a line break, but it can hold quotes and braces.
          await app.inject({
            url: '/api/v1/pillars',
            headers: { 'x-request-id': forgery.replace(/[\r\n\u2028\u2029]/g, '') },
          });
        }
      });
      expect(lines.length).toBeGreaterThanOrEqual(forgeries.length * 3);
      for (const line of lines) expect(line.msg).not.toBe(FORGED);
    });

    it('never writes the secret of an invitation or reset link, nor a credential in a query (issue 11)', async () => {
      const secret = 'Zs3cr3tT0k3nThatStillWorks_Q';
      const urls = [
        `/api/v1/invitations/${secret}`,
        `/api/v1/invitations/${secret}/accept`,
        `/api/v1/auth/password-reset/${secret}`,
        `/en/invitation/${secret}`,
        `/pt/password-reset/${secret}?from=mail`,
        `/api/v1/pillars?token=${secret}`,
        `/api/v1/pillars?lang=en&api_key=${secret}#x`,
      ];
      const lines = await linesOf(async () => {
        for (const url of urls) await app.inject({ method: url.endsWith('accept') ? 'POST' : 'GET', url });
        await app.inject({ method: 'POST', url: `/api/v1/auth/password-reset/${secret}`, payload: { password: 'x' } });
      });
      const logged = lines.map((line) => (line.req as { url?: string } | undefined)?.url).filter(Boolean);
      expect(logged).toEqual(expect.arrayContaining(['/api/v1/invitations/[redacted]', '/en/invitation/[redacted]']));
      expect(logged.length).toBeGreaterThanOrEqual(urls.length);
      expect(JSON.stringify(lines)).not.toContain(secret);
    });

    it('redacts the token of every route that takes one in its path', () => {
      const withToken = guardedRoutes(app).filter((route) => route.url.includes(':token'));
      expect(withToken.length).toBeGreaterThan(0);
      for (const { url } of withToken)
        expect(redactUrl(url.replace(':token', 'Zs3cr3t')), url).not.toContain('Zs3cr3t');
    });

    it('never writes a password, a session cookie or an API token', async () => {
      const user = await buildUser(database.db);
      let cookie = '';
      const lines = await linesOf(async () => {
        const signIn = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email: user.email, password: user.password },
        });
        expect(signIn.statusCode).toBe(204);
        cookie = String(signIn.headers['set-cookie']).split(';')[0] as string;
        await app.inject({ url: '/api/v1/me', headers: { cookie } });
        await app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer mispa_not-a-real-token-but-secret' } });
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email: user.email, password: 'a wrong password that is secret' },
        });
      });
      const text = JSON.stringify(lines);
      expect(lines.length).toBeGreaterThan(0);
      expect(text).not.toContain(user.password);
      expect(text).not.toContain('a wrong password that is secret');
      expect(text).not.toContain(cookie.split('=')[1]);
      expect(text).not.toContain('not-a-real-token-but-secret');
    });
  });
}
