import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Lang } from '../../../contract/common.js';
import type { Database } from '../../db/schema.js';
import type { Mailer } from '../../mail/mailer.js';
import { deliverQueuedMail, enqueueMail } from '../../mail/outbox.js';
import { langOf, portalLink } from '../../mail/recipients.js';
import { renderContent, sayIn } from '../../mail/templates.js';
import { scheduleJob } from '../shared/schedule.js';
import { noticeTexts } from './texts.js';

/**
 * The notifications job: writes the e-mails of new notices (each at once, or a day's in one digest)
 * in their reader's language into the outbox, then hands the outbox to the mail server. Everything
 * it works from is in the database, so a restart, or a mail server that is down, loses nothing:
 * the next run carries on.
 */

export interface NotificationMailDeps {
  db: Kysely<Database>;
  clock: () => Date;
  mailer: Mailer;
  publicUrl: string;
  log: FastifyBaseLogger;
}

/** How often the job runs by default: an e-mail sent "at once" leaves within this. */
export const NOTIFICATION_JOB_INTERVAL_MS = 10_000;
const BATCH = 100;

const recipientColumns = ['app_user.email', 'app_user.display_name', 'app_user.preferred_lang'] as const;

/** The day before `now`'s, as YYYY-MM-DD, and when `now`'s day began (UTC). */
function digestDay(now: Date) {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { before: today.toISOString(), day: new Date(today.getTime() - 86_400_000) };
}

const formatDay = (day: Date, lang: Lang) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(day);

/** Queues one e-mail for each notice taken immediately that has none yet. */
async function queueImmediate(deps: NotificationMailDeps, now: Date): Promise<number> {
  const rows = await deps.db
    .selectFrom('notification')
    .innerJoin('app_user', 'app_user.id', 'notification.user_id')
    .select([
      'notification.id',
      'notification.kind',
      'notification.meeting_id',
      'notification.params',
      'notification.path',
    ])
    .select(recipientColumns)
    .where('notification.mail', '=', 'immediately')
    .where('notification.mailed_at', 'is', null)
    .where('app_user.status', '=', 'active')
    .orderBy('notification.created_at')
    .limit(BATCH)
    .execute();
  let queued = 0;
  for (const row of rows) {
    const lang = langOf(row);
    const say = sayIn(lang);
    const [text] = await noticeTexts(deps.db, [row], lang);
    if (!text) continue;
    const content = {
      subject: text.title,
      greeting: say('mail.greeting', { displayName: row.display_name }),
      paragraphs: [`${text.title}.`, ...(text.detail ? [text.detail] : [])],
      action: say('mail.notification.action'),
      closing: say('mail.notification.closing'),
    };
    const message = renderContent(content, lang, row.email, portalLink(deps.publicUrl, lang, row.path));
    // The claim and the e-mail commit together: of several processes, one queues it, once.
    queued += await deps.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('notification')
        .set({ mailed_at: now.toISOString() })
        .where('id', '=', row.id)
        .where('mailed_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return 0;
      await enqueueMail(trx, message, now);
      return 1;
    });
  }
  return queued;
}

/** Queues, for each user with notices taken daily (its link opens the portal, whose bell lists them) from before today (UTC), one digest of them. */
async function queueDigests(deps: NotificationMailDeps, now: Date): Promise<number> {
  const { before, day } = digestDay(now);
  const users = await deps.db
    .selectFrom('notification')
    .innerJoin('app_user', 'app_user.id', 'notification.user_id')
    .select('app_user.id')
    .select(recipientColumns)
    .distinct()
    .where('notification.mail', '=', 'daily')
    .where('notification.mailed_at', 'is', null)
    .where('notification.created_at', '<', before)
    .where('app_user.status', '=', 'active')
    .limit(BATCH)
    .execute();
  let queued = 0;
  for (const user of users) {
    const lang = langOf(user);
    const say = sayIn(lang);
    queued += await deps.db.transaction().execute(async (trx) => {
      const notices = await trx
        .selectFrom('notification')
        .select(['id', 'kind', 'meeting_id', 'params', 'path'])
        .where('user_id', '=', user.id)
        .where('mail', '=', 'daily')
        .where('mailed_at', 'is', null)
        .where('created_at', '<', before)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const claimed = await trx
        .updateTable('notification')
        .set({ mailed_at: now.toISOString() })
        .where(
          'id',
          'in',
          notices.map((n) => n.id),
        )
        .where('mailed_at', 'is', null)
        .executeTakeFirst();
      if (notices.length === 0 || Number(claimed.numUpdatedRows) !== notices.length) return 0;
      const texts = await noticeTexts(trx, notices, lang);
      const lines = notices.map((notice, i) => {
        const text = texts[i];
        const detail = text?.detail ? ` (${text.detail})` : '';
        return `• ${text?.title ?? notice.kind}${detail}: ${portalLink(deps.publicUrl, lang, notice.path)}`;
      });
      const dayText = formatDay(day, lang);
      const content = {
        subject: say('mail.digest.subject', { day: dayText }),
        greeting: say('mail.greeting', { displayName: user.display_name }),
        paragraphs: [say('mail.digest.intro', { day: dayText }), ...lines],
        action: say('mail.digest.action'),
        closing: say('mail.notification.closing'),
      };
      await enqueueMail(trx, renderContent(content, lang, user.email, portalLink(deps.publicUrl, lang, '')), now);
      return 1;
    });
  }
  return queued;
}

/** One run of the job: e-mails and digests due are queued, then the outbox is sent. */
export async function runNotificationMail(deps: NotificationMailDeps) {
  const now = deps.clock();
  const immediate = await queueImmediate(deps, now);
  const digests = await queueDigests(deps, now);
  const delivered = await deliverQueuedMail(deps);
  return { immediate, digests, ...delivered };
}

/** Runs the job every `intervalMs` until stopped (`scheduleJob`). */
export function scheduleNotificationMail(deps: NotificationMailDeps, intervalMs: number) {
  return scheduleJob(deps.log, intervalMs, () => runNotificationMail(deps), 'notification e-mails could not be sent');
}
