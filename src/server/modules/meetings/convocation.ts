import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Lang } from '../../../contract/common.js';
import type { RegistrationReminder } from '../../../contract/workspace.js';
import { LANGS } from '../../../domain/languages.js';
import type { Database } from '../../db/schema.js';
import { ProblemError } from '../../http/problems.js';
import type { Mailer } from '../../mail/mailer.js';
import { portalLink, sendToEach } from '../../mail/recipients.js';
import { PUBLIC, type RequestContext } from '../../policy/actor.js';
import { rolesAllowed } from '../../policy/policy.js';
import { cityIn } from '../../reference-data/cities.js';
import { recordAudit } from '../audit/index.js';
import { meetingNames } from '../shared/meeting-names.js';
import { scheduleJob } from '../shared/schedule.js';
import { formatAtVenue, formatRangeAtVenue, type MeetingMailName, renderMeetingMail } from './mail/templates.js';
import { meetingsPolicy } from './policy.js';
import { claimReminder, focalPoints, type MeetingRow, meetingsDueForReminder, unregisteredStates } from './queries.js';
import { findVisibleMeeting } from './visibility.js';

/** Those told of a meeting and reminded of its deadline: who registers their own state's delegation. */
const REGISTRANT_ROLES = rolesAllowed('delegations.register', 'own-state');

/** How long before the registration deadline the reminder goes out. */
export const REMINDER_DAYS_BEFORE = 7;
/** How often the reminder job looks for meetings due. */
export const REMINDER_INTERVAL_MS = 15 * 60_000;

export interface ConvocationDeps {
  db: Kysely<Database>;
  clock: () => Date;
  mailer: Mailer;
  publicUrl: string;
  log: FastifyBaseLogger;
}

/** Where a meeting happens, for an e-mail in `lang`: venue and city, the online link, or both. */
function placeOf(meeting: MeetingRow, lang: Lang): string {
  const physical = [meeting.venue, cityIn(meeting.city, lang)].filter(Boolean).join(', ');
  return [physical, meeting.online_url].filter(Boolean).join(' — ');
}

/** E-mails `recipients` about `meeting`, each in their own language; returns how many were sent. */
async function mailFocalPoints(
  deps: ConvocationDeps,
  meeting: MeetingRow,
  name: MeetingMailName,
  recipients: Awaited<ReturnType<typeof focalPoints>>,
): Promise<number> {
  const names = await meetingNames(deps.db, [meeting.id]);
  const nameIn = (lang: Lang) =>
    [lang, 'en', ...LANGS].map((l) => names.find((n) => n.lang === l)?.text).find(Boolean) ?? meeting.slug;
  const zone = meeting.time_zone ?? 'UTC';
  const page = name === 'reminder' ? '/registration' : '';
  return sendToEach(
    deps,
    recipients,
    (user, lang) => {
      const values = {
        displayName: user.display_name,
        meeting: nameIn(lang),
        when: formatRangeAtVenue(new Date(meeting.starts_at ?? 0), new Date(meeting.ends_at ?? 0), lang, zone),
        where: placeOf(meeting, lang),
        deadline: formatAtVenue(new Date(meeting.registration_deadline ?? 0), lang, zone),
      };
      const link = portalLink(deps.publicUrl, lang, `meetings/${meeting.slug}${page}`);
      return renderMeetingMail(name, lang, user.email, values, link);
    },
    { what: name, meeting: meeting.slug },
  );
}

/** The convocation: every active focal point hears of the meeting, in their language. */
export async function sendConvocation(deps: ConvocationDeps, meeting: MeetingRow): Promise<number> {
  return mailFocalPoints(deps, meeting, 'convocation', await focalPoints(deps.db, REGISTRANT_ROLES));
}

/** The job's own request context in the audit trail: no person acted. */
const JOB: RequestContext = { actor: PUBLIC, requestId: 'meeting-reminders', ip: null, lang: 'en' };

/**
 * Sends the reminders due now: for each meeting with open registration whose deadline is less than
 * `daysBefore` days away, once. The claim is a conditional update in its own transaction (with its
 * audit entry), so of several processes running this job exactly one sends each reminder.
 */
export async function sendDueReminders(deps: ConvocationDeps, daysBefore = REMINDER_DAYS_BEFORE): Promise<number> {
  const now = deps.clock();
  const at = now.toISOString();
  const horizon = new Date(now.getTime() + daysBefore * 86_400_000).toISOString();
  let sent = 0;
  for (const meeting of await meetingsDueForReminder(deps.db, at, horizon)) {
    const claimed = await deps.db.transaction().execute(async (trx) => {
      if (!(await claimReminder(trx, meeting.id, at))) return false;
      await recordAudit(
        trx,
        JOB,
        {
          action: 'meetings.remind',
          role: null,
          entityType: 'meeting',
          entityId: meeting.id,
          before: { reminderSentAt: null },
          after: { reminderSentAt: at },
        },
        now,
      );
      return true;
    });
    if (!claimed) continue;
    sent += await mailFocalPoints(deps, meeting, 'reminder', await focalPoints(deps.db, REGISTRANT_ROLES, meeting.id));
  }
  return sent;
}

/**
 * The secretariat's reminder, now (the workspace's "remind" action): the focal points of every state
 * not registered yet hear it in their language, as from the job. Only while registration is open; the
 * audit entry names the states, and is committed before any e-mail goes.
 */
export async function remindUnregistered(
  deps: ConvocationDeps,
  ctx: RequestContext,
  idOrSlug: string,
): Promise<RegistrationReminder> {
  const role = meetingsPolicy.require(ctx, 'meetings.remind-states');
  const meeting = await findVisibleMeeting(deps.db, ctx.actor, idOrSlug);
  if (meeting.status !== 'registration-open') {
    throw new ProblemError(409, 'registration-not-open', 'meeting.remindClosed', { status: meeting.status });
  }
  const now = deps.clock();
  const states = (await unregisteredStates(deps.db, [meeting.id])).map((s) => s.slug);
  await deps.db.transaction().execute((trx) =>
    recordAudit(
      trx,
      ctx,
      {
        action: 'meetings.remind-states',
        role,
        entityType: 'meeting',
        entityId: meeting.id,
        before: null,
        after: { states },
      },
      now,
    ),
  );
  const recipients = await mailFocalPoints(
    deps,
    meeting,
    'reminder',
    await focalPoints(deps.db, REGISTRANT_ROLES, meeting.id),
  );
  return { states: states.length, recipients };
}

/** Runs the reminder job every `intervalMs` until stopped (`scheduleJob`). */
export function scheduleReminders(deps: ConvocationDeps, options: { intervalMs: number; daysBefore: number }) {
  return scheduleJob(
    deps.log,
    options.intervalMs,
    () => sendDueReminders(deps, options.daysBefore),
    'meeting reminders could not be sent',
  );
}
