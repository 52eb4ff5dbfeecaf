import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../db/schema.js';
import { type BuiltUser, buildUser } from '../../testing/factories.js';
import type { AppContext } from '../../testing/harness.js';

/** What the account tests share: signed-in callers, row counts, and malformed bodies. */

let emails = 0;
/** An address no other test uses. */
export const freshEmail = () => `person-${Date.now()}-${++emails}@example.test`;

/** The token of the first link to `page` in an e-mail's text. */
export const tokenIn = (text: string, page: 'invitation' | 'password-reset') =>
  new RegExp(`/${page}/([\\w-]+)`).exec(text)?.[1] as string;

/** The origin `app.inject` requests come from by default, which the CSRF check expects. */
export const ORIGIN = 'http://localhost';

export interface Caller {
  user: BuiltUser;
  headers: Record<string, string>;
}

/**
 * A user with one grant, signed in through the API, whose session has passed the second factor
 * (as after the two-factor challenge), so secretariat roles may act.
 */
export async function signedIn(ctx: AppContext, options: Parameters<typeof buildUser>[1] = {}): Promise<Caller> {
  const user = await buildUser(ctx.database.db, options);
  return { user, headers: await signIn(ctx, user) };
}

export async function signIn(ctx: AppContext, user: { id: string; email: string; password: string }) {
  const reply = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email: user.email, password: user.password },
  });
  expect(reply.statusCode, reply.body).toBe(204);
  const cookie = String(reply.headers['set-cookie']).split(';')[0] as string;
  await ctx.database.db
    .updateTable('session')
    .set({ second_factor_at: new Date().toISOString() })
    .where('user_id', '=', user.id)
    .execute();
  return { cookie, origin: ORIGIN };
}

const COUNTED = [
  'app_user',
  'role_grant',
  'session',
  'invitation',
  'password_reset',
  'setup_token',
  'rate_limit',
  'audit_entry',
] as const satisfies ReadonlyArray<keyof Database>;

/** How many rows every account table holds: equal before and after means nothing was written. */
export async function countRows(ctx: AppContext): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const row = await ctx.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** The audit entries about one entity, oldest first, with their diff parsed. */
export async function auditOf(ctx: AppContext, entityId: string) {
  const rows = await ctx.database.db
    .selectFrom('audit_entry')
    .selectAll()
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, diff: JSON.parse(r.diff) as { before: unknown; after: unknown } }));
}

/** Any JSON value, or a string that is not JSON at all. */
const anyBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ raw: text })),
);

/**
 * Bodies that the contract must refuse: arbitrary JSON, and `valid` with one field removed, set
 * to a wrong value, or joined by an unknown field (the schemas are strict).
 */
export function malformedBodies(valid: Record<string, unknown>, wrongValues: Record<string, unknown[]>) {
  const fields = Object.keys(valid);
  const missing = fc.constantFrom(...fields).map((field) => {
    const { [field]: _, ...rest } = valid;
    return rest;
  });
  const wrong = fc
    .constantFrom(...Object.keys(wrongValues))
    .chain((field) =>
      fc.constantFrom(...(wrongValues[field] as unknown[])).map((value) => ({ ...valid, [field]: value })),
    );
  const typeConfused = fc
    .tuple(fc.constantFrom(...fields), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())))
    .map(([field, value]) => ({ ...valid, [field]: value }));
  const extra = fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((key) => !fields.includes(key) && key !== '__proto__')
    .chain((key) => fc.jsonValue({ maxDepth: 1 }).map((value) => ({ ...valid, [key]: value })));
  // Arbitrary JSON that happens to be an object with exactly the valid keys is vanishingly rare; the
  // filter makes sure none is valid by accident.
  return fc.oneof(
    anyBody.filter((b) => !isShapedLike(b, valid)),
    missing,
    wrong,
    typeConfused,
    extra,
  );
}

const isShapedLike = (body: unknown, valid: Record<string, unknown>) =>
  typeof body === 'object' &&
  body !== null &&
  !Array.isArray(body) &&
  Object.keys(valid).every((key) => typeof (body as Record<string, unknown>)[key] === typeof valid[key]);

/** Sends `body` as JSON (or, for `{ raw }`, as that text claiming to be JSON). */
export function sendBody(
  ctx: AppContext,
  method: 'POST' | 'PUT',
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const isRaw = typeof body === 'object' && body !== null && 'raw' in body && Object.keys(body).length === 1;
  return ctx.app.inject({
    method,
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: isRaw ? (body as { raw: string }).raw : JSON.stringify(body),
  });
}

/** Every answer to a malformed body is a 4xx problem document, never a success nor a 5xx. */
export function expectRefusal(reply: LightMyRequestResponse, body: unknown) {
  const shown = JSON.stringify(body)?.slice(0, 200);
  expect(reply.statusCode, `${shown} → ${reply.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(reply.statusCode, `${shown} → ${reply.body.slice(0, 300)}`).toBeLessThan(500);
  expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(reply.json()).toMatchObject({ status: reply.statusCode, title: expect.any(String) });
}

/** Number of malformed bodies per write endpoint and engine (the issue asks ≥ 1,000 per endpoint). */
export const FUZZ_RUNS = 1000;
