import { sql } from 'kysely';
import { type Db, entity, withTimestamps } from './builders.js';

/** Accounts, role grants, sessions, invitations, password resets, two-factor recovery codes,
 * API tokens, rate-limit counters and the hash-chained audit trail. */

export async function up(db: Db): Promise<void> {
  // "user" is reserved in PostgreSQL.
  await withTimestamps(
    entity(db, 'app_user')
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('preferred_lang', 'text', (c) => c.notNull().references('language.code'))
      .addColumn('password_hash', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('invited', 'active', 'deactivated')`))
      .addColumn('totp_secret', 'text')
      .addColumn('totp_enabled_at', 'text')
      .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await withTimestamps(
    entity(db, 'role_grant')
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('member_state_id', 'text', (c) => c.references('member_state.id'))
      .addColumn('technical_group_id', 'text', (c) => c.references('technical_group.id'))
      .addColumn('partner_id', 'text', (c) => c.references('partner.id'))
      .addColumn('granted_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('revoked_at', 'text'),
  ).execute();

  await withTimestamps(
    entity(db, 'session')
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('idle_expires_at', 'text', (c) => c.notNull())
      .addColumn('second_factor_at', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text'),
  ).execute();

  await withTimestamps(
    entity(db, 'invitation')
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('invited_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'text'),
  ).execute();

  await withTimestamps(
    entity(db, 'password_reset')
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text'),
  ).execute();

  await withTimestamps(
    entity(db, 'recovery_code')
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text'),
  ).execute();

  await withTimestamps(
    entity(db, 'api_token')
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('read', 'write')`))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('last_used_at', 'text'),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('rate_limit')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .addColumn('reset_at', 'text', (c) => c.notNull()),
  ).execute();

  // Append-only; each entry stores the hash of the one before it (see modules/audit).
  await withTimestamps(
    entity(db, 'audit_entry')
      .addColumn('seq', 'integer', (c) => c.notNull().unique())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('actor_user_id', 'text')
      .addColumn('actor_role', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('diff', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('ip', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique()),
  ).execute();

  await db.schema.createIndex('role_grant_user_idx').on('role_grant').column('user_id').execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();
  await db.schema.createIndex('invitation_user_idx').on('invitation').column('user_id').execute();
  await db.schema.createIndex('recovery_code_user_idx').on('recovery_code').column('user_id').execute();
  await db.schema.createIndex('api_token_user_idx').on('api_token').column('user_id').execute();
  await db.schema.createIndex('audit_entry_actor_idx').on('audit_entry').columns(['actor_user_id', 'seq']).execute();
  await db.schema
    .createIndex('audit_entry_entity_idx')
    .on('audit_entry')
    .columns(['entity_type', 'entity_id', 'seq'])
    .execute();
  await db.schema.createIndex('audit_entry_occurred_idx').on('audit_entry').column('occurred_at').execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'audit_entry',
    'rate_limit',
    'api_token',
    'recovery_code',
    'password_reset',
    'invitation',
    'session',
    'role_grant',
    'app_user',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
