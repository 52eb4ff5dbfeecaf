import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export function findTwoFactorState(db: Db, userId: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'email', 'password_hash', 'totp_secret', 'totp_pending_secret', 'totp_enabled_at', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function setPendingSecret(db: Db, userId: string, sealed: string, now: string) {
  await db
    .updateTable('app_user')
    .set({ totp_pending_secret: sealed, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

/** Makes the pending secret the enabled one, if it is still the one the code was checked against. */
export async function enablePendingSecret(db: Db, userId: string, pending: string, step: number, now: string) {
  const result = await db
    .updateTable('app_user')
    .set({
      totp_secret: pending,
      totp_pending_secret: null,
      totp_enabled_at: now,
      totp_last_step: step,
      updated_at: now,
    })
    .where('id', '=', userId)
    .where('totp_pending_secret', '=', pending)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function clearTwoFactor(db: Db, userId: string, now: string) {
  await db
    .updateTable('app_user')
    .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: now })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
}

/**
 * Records that the code of `step` was used; false when that step or a later one already was, so
 * the same code is never accepted twice, even by two requests at once (the update is the check).
 */
export async function spendStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[], now: string) {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_code')
    .values(
      hashes.map((code_hash) => ({
        id: uuidv7(),
        user_id: userId,
        code_hash,
        used_at: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

/** Spends an unused recovery code; false when there is none with that hash (the update is the check). */
export async function spendRecoveryCode(db: Db, userId: string, hash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_code')
    .set({ used_at: now, updated_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function unusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  // PostgreSQL counts as a string.
  return Number(row.n);
}

export async function passSecondFactor(db: Db, sessionId: string, now: string) {
  await db.updateTable('session').set({ second_factor_at: now, updated_at: now }).where('id', '=', sessionId).execute();
}
