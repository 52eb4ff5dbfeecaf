import type { Kysely } from 'kysely';

/**
 * Two-factor state beside the enabled secret: an enrolment in progress keeps its own secret, so a
 * user re-enrolling a new phone keeps the old one working until the new one is confirmed; and the
 * last time step a code was accepted at, so a code seen once (over a shoulder, in a proxy log)
 * cannot be used again (RFC 6238 §5.2).
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow the current schema type
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('totp_pending_secret', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('totp_last_step', 'integer').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('app_user').dropColumn('totp_last_step').execute();
  await db.schema.alterTable('app_user').dropColumn('totp_pending_secret').execute();
}
