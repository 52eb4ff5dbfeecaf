import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { ProblemError } from '../http/problems.js';

/**
 * Fixed-window counters kept in the database (table rate_limit), so every app process shares them
 * and a restart forgets nothing. One atomic upsert per key counts a hit and says whether the key is
 * over its limit; it runs the same on SQLite and PostgreSQL.
 */

export interface Limit {
  max: number;
  windowMinutes: number;
}

/**
 * Brute force against password reset (per account e-mail and per client address) and sign-in (per
 * address; per account the sign-in has a growing delay instead, sign-in-throttle.ts).
 */
export const LIMITS = {
  signInIp: { max: 50, windowMinutes: 15 },
  resetAccount: { max: 5, windowMinutes: 15 },
  resetIp: { max: 50, windowMinutes: 15 },
} satisfies Record<string, Limit>;

export interface RateCheck {
  key: string;
  limit: Limit;
}

/** Too many attempts: a 429 problem with Retry-After, saying in minutes when to try again. */
export class RateLimitedError extends ProblemError {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      429,
      'too-many-attempts',
      minutes === 1 ? 'rateLimited.minute' : 'rateLimited',
      { minutes: String(minutes) },
      {
        'retry-after': String(retryAfterSeconds),
      },
    );
  }
}

/** Counts one hit on `key`, starting a new window when the last one is over; returns the count. */
export async function hit(db: Kysely<Database>, key: string, limit: Limit, now: Date) {
  const at = now.toISOString();
  const windowEnd = new Date(now.getTime() + limit.windowMinutes * 60_000).toISOString();
  // Timestamps are ISO 8601 UTC text on both engines, so comparing them as text compares times.
  const expired = sql<boolean>`rate_limit.reset_at <= ${at}`;
  const row = await db
    .insertInto('rate_limit')
    .values({ key, hits: 1, reset_at: windowEnd, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when ${expired} then 1 else rate_limit.hits + 1 end`,
        reset_at: sql<string>`case when ${expired} then ${windowEnd} else rate_limit.reset_at end`,
        updated_at: at,
      }),
    )
    .returning(['hits', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), resetAt: row.reset_at };
}

/**
 * Counts one attempt against every check, and refuses with RateLimitedError when any of them is
 * over its limit (the attempt still counts: hammering does not shorten the wait).
 */
export async function consume(db: Kysely<Database>, checks: RateCheck[], now: Date): Promise<void> {
  let retryAfter = 0;
  for (const { key, limit } of checks) {
    const { hits, resetAt } = await hit(db, key, limit, now);
    if (hits > limit.max) {
      retryAfter = Math.max(retryAfter, Math.ceil((Date.parse(resetAt) - now.getTime()) / 1000));
    }
  }
  if (retryAfter > 0) throw new RateLimitedError(retryAfter);
}

/** Gives back the attempt counted on `keys` (a sign-in that succeeded is not an attack). */
export async function refund(db: Kysely<Database>, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .updateTable('rate_limit')
    .set({ hits: sql<number>`hits - 1` })
    .where('key', 'in', keys)
    .where('hits', '>', 0)
    .execute();
}

/** Deletes counters whose window is over; they would start afresh anyway. */
export async function pruneRateLimits(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limit').where('reset_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** How often a running app deletes expired counters. */
export const PRUNE_EVERY_MS = 60_000;

/**
 * Deletes expired counters every `everyMs` while the app runs, so the table holds only live
 * windows however many addresses and e-mails are tried. The timer never keeps the process alive;
 * the returned function stops it and waits for a pruning under way (before the database closes).
 */
export function schedulePruning(
  db: Kysely<Database>,
  clock: () => Date,
  onError: (error: unknown) => void,
  everyMs = PRUNE_EVERY_MS,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    // A slow database must not pile up deletes: skip a beat while one is still running.
    if (running) return;
    running = pruneRateLimits(db, clock())
      .then(() => undefined, onError)
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** The keys of a password-reset request for `account` (an e-mail, lower-cased) from `ip`. */
export function resetChecks(account: string, ip: string | null): RateCheck[] {
  return [
    { key: `reset:account:${account.toLowerCase()}`, limit: LIMITS.resetAccount },
    ...(ip ? [{ key: `reset:ip:${ip}`, limit: LIMITS.resetIp }] : []),
  ];
}
