import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { z } from 'zod';
import type { Role } from '../../contract/accounts.js';
import type { Database } from '../db/schema.js';
import { expectProblem } from './api.js';
import type { AppContext } from './harness.js';
import { callerOf } from './sessions.js';

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

/** An endpoint to fuzz: its method, address, body schema, the role that may call it, and the schema's fields. */
export type MalformedBodyEndpoint = readonly [
  method: BodyFuzz['method'],
  url: string,
  schema: z.ZodType,
  role: Role,
  fields: readonly string[],
];

/**
 * One test per endpoint: `numRuns` malformed bodies sent by a signed-in caller of the endpoint's role
 * (a focal point is Mexico's), each refused with a 4xx problem document, `snapshot` unchanged.
 */
export function itRefusesMalformedBodies(
  ctx: AppContext,
  endpoints: readonly MalformedBodyEndpoint[],
  options: Pick<BodyFuzz, 'values' | 'numRuns' | 'snapshot'> & { timeout: number },
) {
  it.each(endpoints)(
    `refuses ${options.numRuns} malformed bodies to %s %s with 4xx problems, writing nothing`,
    async (method, url, schema, role, fields) => {
      const headers = await callerOf(ctx, role, role === 'focal-point' ? 'mx' : {});
      const sent = await expectMalformedBodiesRefused(ctx, {
        method,
        url,
        headers,
        schema,
        fields: [...fields],
        ...options,
      });
      expect(sent).toBe(options.numRuns);
    },
    options.timeout,
  );
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
