import { sql } from 'kysely';
import { type Db, entity } from './builders.js';

/**
 * Notifications (issue 16): each notice a user is told of (kept whether or not it is e-mailed), the
 * user's choice of how each kind is e-mailed, and the outbox every queued e-mail waits in until the
 * mail server takes it (retried with a growing delay, so a mail server that is down loses nothing).
 */

export async function up(db: Db): Promise<void> {
  await entity(db, 'notification')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.references('meeting.id').onDelete('cascade'))
    // The ids and words the texts are made of, as JSON: the texts are written in the reader's
    // language when read, so a change of language changes them too.
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    // How it is e-mailed (the user's choice when it was made), and when its e-mail or digest was queued.
    .addColumn('mail', 'text', (c) => c.notNull().check(sql`mail in ('immediately', 'daily', 'never')`))
    .addColumn('mailed_at', 'text')
    .execute();
  await db.schema.createIndex('notification_user').on('notification').columns(['user_id', 'created_at']).execute();
  await db.schema
    .createIndex('notification_mail')
    .on('notification')
    .columns(['mail', 'mailed_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('notification_preference')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preference_pk', ['user_id', 'kind'])
    .execute();

  await entity(db, 'mail_outbox')
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['sent_at', 'next_attempt_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.dropTable('notification_preference').execute();
  await db.schema.dropTable('notification').execute();
}
