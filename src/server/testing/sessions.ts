import type { Kysely } from 'kysely';
import type { Role } from '../../contract/accounts.js';
import type { Database } from '../db/schema.js';
import { hashSecret } from '../security/secrets.js';
import { buildSession, buildUser } from './factories.js';
import type { AppContext } from './harness.js';

/**
 * Signed-in callers for tests: sessions opened straight in the database (signing in is the auth
 * module's test; here it would only spend scrypt and sign-in allowances) and the headers a browser
 * sends with them.
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
