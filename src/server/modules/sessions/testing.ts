import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { z } from 'zod';
import type { Role } from '../../../contract/accounts.js';
import { buildApp } from '../../app.js';
import type { Database } from '../../db/schema.js';
import { hashSecret } from '../../security/secrets.js';
import { expectProblem } from '../../testing/api.js';
import { buildSession, buildUser } from '../../testing/factories.js';
import { type AppContext, createLoadedDatabase, engines, webRoot } from '../../testing/harness.js';

/**
 * What the tests of one's own account (two-factor, tokens, sessions) share: sessions opened
 * straight in the database (signing in is the auth module's test; here it would only spend scrypt
 * and sign-in allowances), the headers a browser sends, and the malformed-body check.
 */

/** app.inject's own origin: state-changing requests with a cookie must name it (http/csrf.ts). */
export const ORIGIN = 'http://localhost';

export interface OpenedSession {
  /** The Cookie header of the session. */
  cookie: string;
  /** Headers of a browser request from the portal with this session: cookie and origin. */
  headers: Record<string, string>;
  /** The stored id (the hash of the cookie's secret), for tests that look at the row. */
  storedId: string;
}

/**
 * Opens a session for `userId` as signing in would (buildSession), having passed the second
 * factor only when told, and — when given — signed in at `at` (for an app whose clock was moved
 * on), from `ip`, with `userAgent`.
 */
export async function openSession(
  db: Kysely<Database>,
  userId: string,
  options: { secondFactor?: boolean; userAgent?: string; ip?: string; at?: Date } = {},
): Promise<OpenedSession> {
  const cookie = await buildSession(db, userId, { secondFactor: options.secondFactor ?? false });
  const storedId = hashSecret(cookie.slice(cookie.indexOf('=') + 1));
  const at = options.at ?? new Date();
  const later = (hours: number) => new Date(at.getTime() + hours * 3_600_000).toISOString();
  await db
    .updateTable('session')
    .set({
      ip: options.ip ?? '127.0.0.1',
      user_agent: options.userAgent ?? 'vitest',
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
      expires_at: later(12),
      idle_expires_at: later(2),
      ...(options.secondFactor ? { second_factor_at: at.toISOString() } : {}),
    })
    .where('id', '=', storedId)
    .execute();
  return { cookie, headers: { cookie, origin: ORIGIN }, storedId };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Headers of a browser request by a new user with `role` (none when left out), bound to a member
 * state (a slug) or to `{ memberState, partner }`, whose session has passed the second factor.
 */
export async function callerOf(
  ctx: AppContext,
  role?: Role,
  bound: string | { memberState?: string; partner?: string } = {},
): Promise<Record<string, string>> {
  const scope = typeof bound === 'string' ? { memberState: bound } : bound;
  const user = await buildUser(ctx.database.db, { ...(role ? { role } : {}), ...scope });
  return (await openSession(ctx.database.db, user.id, { secondFactor: true })).headers;
}

export interface ClockedContext extends AppContext {
  /** The time the app sees: real time moved on by `advance`. */
  now(): Date;
  /** Moves the app's clock on (a new TOTP step every 30 s). */
  advance(ms: number): void;
}

/**
 * describeEachEngine, with a clock the tests can move and the app options they need (a
 * MISPA_SECRET_KEY, to check secrets are sealed at rest).
 */
export function describeEachEngineWithClock(
  name: string,
  options: { secretKey?: string },
  suite: (ctx: ClockedContext) => void,
) {
  for (const engine of engines) {
    describe(`${name} [${engine}]`, () => {
      let offset = 0;
      const ctx = {
        engine,
        now: () => new Date(Date.now() + offset),
        advance: (ms: number) => {
          offset += ms;
        },
      } as ClockedContext;
      beforeAll(async () => {
        ctx.database = await createLoadedDatabase(engine);
        ctx.app = await buildApp({
          db: ctx.database.db,
          engine,
          version: 'test',
          webRoot,
          clock: ctx.now,
          secretKey: options.secretKey,
        });
      });
      afterAll(async () => {
        await ctx.app?.close();
        await ctx.database?.drop();
      });
      suite(ctx);
    });
  }
}

/** Everything in the tables a write to one's own account could touch, to prove nothing changed. */
export async function accountSnapshot(db: Kysely<Database>) {
  const [users, sessions, codes, tokens, limits, audit] = await Promise.all([
    db.selectFrom('app_user').selectAll().orderBy('id').execute(),
    db.selectFrom('session').select(['id', 'second_factor_at', 'revoked_at']).orderBy('id').execute(),
    db.selectFrom('recovery_code').selectAll().orderBy('id').execute(),
    db.selectFrom('api_token').select(['id', 'name', 'scope', 'revoked_at', 'expires_at']).orderBy('id').execute(),
    db.selectFrom('rate_limit').select(['key', 'hits']).orderBy('key').execute(),
    db.selectFrom('audit_entry').select(['seq', 'hash']).orderBy('seq').execute(),
  ]);
  return { users, sessions, codes, tokens, limits, audit };
}

/** A JSON body of any shape; strings reach a few thousand characters, well under the body limit. */
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Bodies that are not JSON at all, sent as application/json. */
const notJson = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('{', '{"code":', '[1,2', 'undefined', "{'code':'123456'}", '{"a":1}{"b":2}', '\u0000'),
);

export interface BodyFuzz {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  /** The endpoint's body schema: generated bodies it would accept are left out. */
  schema: z.ZodType;
  /** Field names of the schema, so that many bodies come close to a valid one. */
  fields: string[];
  /** Values to try in those fields, besides arbitrary JSON. */
  values: unknown[];
  numRuns: number;
  /** What must stay unchanged; the account tables unless told (other areas pass their own). */
  snapshot?: (db: Kysely<Database>) => Promise<unknown>;
}

/**
 * Sends `numRuns` malformed bodies (wrong JSON shapes, near misses of the schema, text that is not
 * JSON): every answer is a 4xx problem document and nothing in the account tables changed.
 * Returns how many bodies were sent.
 */
export async function expectMalformedBodiesRefused(ctx: AppContext, fuzz: BodyFuzz): Promise<number> {
  const snapshot = fuzz.snapshot ?? accountSnapshot;
  const before = await snapshot(ctx.database.db);
  const value = fc.oneof(anyJson, fc.constantFrom(...fuzz.values));
  const nearMiss = fc.dictionary(fc.oneof(fc.constantFrom(...fuzz.fields), fc.string({ maxLength: 12 })), value, {
    maxKeys: fuzz.fields.length + 1,
  });
  const invalid = fc
    .oneof(nearMiss, anyJson, fc.array(nearMiss, { maxLength: 2 }))
    .filter((body) => !fuzz.schema.safeParse(body).success)
    .map((body) => JSON.stringify(body));
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.oneof({ arbitrary: invalid, weight: 4 }, { arbitrary: notJson, weight: 1 }),
      async (payload) => {
        sent++;
        const res = await ctx.app.inject({
          method: fuzz.method,
          url: fuzz.url,
          headers: { ...fuzz.headers, 'content-type': 'application/json' },
          payload,
        });
        expect(res.statusCode, `${payload.slice(0, 200)} → ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expectProblem(res, res.statusCode);
      },
    ),
    { numRuns: fuzz.numRuns, endOnFailure: true },
  );
  expect(await snapshot(ctx.database.db)).toEqual(before);
  return sent;
}

/**
 * Sends DELETE `${base}/<id>` for `numRuns` ids from `ids` (each encoded as a path segment): every
 * answer is a 400 or 404 problem document and nothing in the account tables changed.
 */
export async function expectUnknownIdsRefused(
  ctx: AppContext,
  fuzz: { base: string; headers: Record<string, string>; ids: fc.Arbitrary<string>; numRuns: number },
) {
  const before = await accountSnapshot(ctx.database.db);
  await fc.assert(
    fc.asyncProperty(fuzz.ids, async (id) => {
      const res = await ctx.app.inject({
        method: 'DELETE',
        url: `${fuzz.base}/${encodeURIComponent(id)}`,
        headers: fuzz.headers,
      });
      expect([400, 404], `${JSON.stringify(id)} → ${res.body.slice(0, 300)}`).toContain(res.statusCode);
      expectProblem(res, res.statusCode);
    }),
    { numRuns: fuzz.numRuns, endOnFailure: true },
  );
  expect(await accountSnapshot(ctx.database.db)).toEqual(before);
}
