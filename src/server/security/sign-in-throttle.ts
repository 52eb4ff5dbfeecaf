import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { consume, hit, LIMITS, type Limit, RateLimitedError } from './rate-limit.js';

/**
 * What a password attempt (signing in, or confirming the current password to change it) must pass.
 *
 * - Per address: the fixed window of LIMITS.signInIp, for every attempt.
 * - Per account (the e-mail, known or not): a growing delay rather than a lockout. The first
 *   ACCOUNT_DELAY.freeFailures failures cost nothing; after that each attempt must wait, after the
 *   previous one, a delay that doubles with each failure up to maxDelaySeconds. An attacker gets one
 *   guess per delay, and the owner is never refused for longer than the cap.
 * - From a known device (device-cookie.ts) of the account: no account delay, but a small budget of
 *   failures of its own (DEVICE_LIMIT); past it the cookie is distrusted for the rest of its window
 *   and the account's delay applies.
 *
 * Every attempt is counted before the password is checked, so attempts made at once cannot all slip
 * under a limit; an attempt that succeeds is given back (`refund` the keys returned).
 */

export const ACCOUNT_DELAY = {
  /** Failures without any wait: a person mistyping. */
  freeFailures: 5,
  /** The wait after the first failure beyond them; it doubles with each further one. */
  firstDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
  /** An account with no counted attempt for this long starts afresh. */
  forgetHours: 24,
} as const;

/** Failures a known device may make before its cookie stops sparing it the account's delay. */
export const DEVICE_LIMIT: Limit = { max: 5, windowMinutes: 60 };

/** The wait before the next attempt, in seconds, once `failures` attempts have been counted. */
export function accountDelaySeconds(failures: number): number {
  const beyond = failures - ACCOUNT_DELAY.freeFailures;
  if (beyond < 0) return 0;
  return Math.min(ACCOUNT_DELAY.firstDelaySeconds * 2 ** beyond, ACCOUNT_DELAY.maxDelaySeconds);
}

/** Counts of failures whose delay is below the cap: the cases the SQL spells out. */
function uncappedCounts(): number[] {
  const counts: number[] = [];
  for (let n = ACCOUNT_DELAY.freeFailures; accountDelaySeconds(n) < ACCOUNT_DELAY.maxDelaySeconds; n++) counts.push(n);
  return counts;
}

/**
 * Counts an attempt on the account `key` if its delay is over, in one atomic upsert (row
 * rate_limit: `hits` the attempts counted, `updated_at` the last of them, `reset_at` when it is
 * forgotten). Answers null when counted, else the seconds still to wait.
 */
async function claimAccountAttempt(db: Kysely<Database>, key: string, now: Date): Promise<number | null> {
  const at = now.toISOString();
  const forgetAt = new Date(now.getTime() + ACCOUNT_DELAY.forgetHours * 3_600_000).toISOString();
  const before = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
  const forgotten = sql<boolean>`rate_limit.reset_at <= ${at}`;
  // The latest time the previous attempt may have been made for this one to be allowed now.
  const cases = uncappedCounts().map((n) => sql`when ${sql.lit(n)} then ${before(accountDelaySeconds(n))}`);
  const latest = sql`case rate_limit.hits ${sql.join(cases, sql` `)} else ${before(ACCOUNT_DELAY.maxDelaySeconds)} end`;
  const counted = await db
    .insertInto('rate_limit')
    .values({ key, hits: 1, reset_at: forgetAt, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          hits: sql<number>`case when ${forgotten} then 1 else rate_limit.hits + 1 end`,
          reset_at: forgetAt,
          updated_at: at,
        })
        .where(
          sql<boolean>`${forgotten} or rate_limit.hits < ${sql.lit(ACCOUNT_DELAY.freeFailures)} or rate_limit.updated_at <= ${latest}`,
        ),
    )
    .returning('hits')
    .executeTakeFirst();
  if (counted) return null;
  const row = await db
    .selectFrom('rate_limit')
    .select(['hits', 'updated_at'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return 1;
  const allowedAt = Date.parse(row.updated_at) + accountDelaySeconds(Number(row.hits)) * 1000;
  return Math.max(1, Math.ceil((allowedAt - now.getTime()) / 1000));
}

export interface PasswordAttempt {
  /** The account tried: an e-mail, as typed (compared lower-cased). */
  account: string;
  ip: string | null;
  /** The device id of a known-device cookie valid for this account, or null. */
  device: string | null;
}

/**
 * Counts a password attempt, or refuses it with RateLimitedError (429, Retry-After). Answers the
 * keys to refund when the password proves right.
 */
export async function admitPasswordAttempt(
  db: Kysely<Database>,
  attempt: PasswordAttempt,
  now: Date,
): Promise<string[]> {
  const ipChecks = attempt.ip ? [{ key: `sign-in:ip:${attempt.ip}`, limit: LIMITS.signInIp }] : [];
  await consume(db, ipChecks, now);
  const ipKeys = ipChecks.map((c) => c.key);
  if (attempt.device !== null) {
    const deviceKey = `sign-in:device:${attempt.device}`;
    if ((await hit(db, deviceKey, DEVICE_LIMIT, now)).hits <= DEVICE_LIMIT.max) return [...ipKeys, deviceKey];
  }
  const accountKey = `sign-in:account:${attempt.account.toLowerCase()}`;
  const wait = await claimAccountAttempt(db, accountKey, now);
  if (wait !== null) throw new RateLimitedError(wait);
  return [...ipKeys, accountKey];
}
