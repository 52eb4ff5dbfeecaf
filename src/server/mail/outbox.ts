import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/schema.js';
import type { Mailer, MailMessage } from './mailer.js';

/**
 * The outbox: e-mails are written to the database in the transaction of what they tell of, and a job
 * hands them to the mail server afterwards. So a request never waits for the mail server, an
 * e-mail exists exactly when its reason was committed, and a mail server that is down or refuses
 * loses nothing: each failure puts the next attempt further off (30 s, doubling, at most an hour),
 * and the e-mail is tried until it is taken.
 */

type Db = Kysely<Database> | Transaction<Database>;

export const FIRST_RETRY_MS = 30_000;
export const LONGEST_RETRY_MS = 3_600_000;
/** How long one process holds an e-mail it is sending before another may try it (a crash mid-send). */
const CLAIM_MS = 120_000;
/** How many e-mails one run takes, so one run never holds the job for long. */
const BATCH = 50;

/** The delay before attempt `attempts + 1`, after `attempts` failures. */
export const retryDelay = (attempts: number) =>
  Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));

/** Queues `message` in the caller's transaction: it goes once that commits. */
export async function enqueueMail(trx: Db, message: MailMessage, now: Date): Promise<void> {
  const at = now.toISOString();
  await trx
    .insertInto('mail_outbox')
    .values({
      id: uuidv7(),
      recipient: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html ?? null,
      created_at: at,
      next_attempt_at: at,
      last_error: null,
      sent_at: null,
    })
    .execute();
}

/**
 * Sends the e-mails due now. Each is claimed first (its next attempt moved on, only if no other
 * process moved it), so several processes never send one twice; then sent, and marked sent or
 * given its next attempt. Returns how many were sent and how many failed.
 */
export async function deliverQueuedMail(deps: {
  db: Kysely<Database>;
  mailer: Mailer;
  clock: () => Date;
  log: Pick<FastifyBaseLogger, 'warn'>;
}): Promise<{ sent: number; failed: number }> {
  const { db } = deps;
  const now = deps.clock();
  const due = await db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(BATCH)
    .execute();
  let sent = 0;
  let failed = 0;
  for (const mail of due) {
    const claimed = await db
      .updateTable('mail_outbox')
      .set({ next_attempt_at: new Date(now.getTime() + CLAIM_MS).toISOString() })
      .where('id', '=', mail.id)
      .where('sent_at', 'is', null)
      .where('next_attempt_at', '=', mail.next_attempt_at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    try {
      await deps.mailer.send({
        to: mail.recipient,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html === null ? {} : { html: mail.html }),
      });
      await db
        .updateTable('mail_outbox')
        .set({ sent_at: deps.clock().toISOString(), attempts: mail.attempts + 1, last_error: null })
        .where('id', '=', mail.id)
        .execute();
      sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const next = new Date(deps.clock().getTime() + retryDelay(attempts)).toISOString();
      await db
        .updateTable('mail_outbox')
        .set({ attempts, next_attempt_at: next, last_error: String((error as Error).message ?? error).slice(0, 500) })
        .where('id', '=', mail.id)
        .execute();
      deps.log.warn(
        { err: error, mailId: mail.id, attempts, next },
        'an e-mail could not be sent; it will be tried again',
      );
      failed++;
    }
  }
  return { sent, failed };
}
