import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Lang } from '../../../contract/common.js';
import { CYCLE_REMINDER_DAYS, textIn } from '../../../domain/follow-up.js';
import type { Database } from '../../db/schema.js';
import type { Mailer } from '../../mail/mailer.js';
import { portalLink, sendToEach } from '../../mail/recipients.js';
import { type Mail, renderIn } from '../../mail/templates.js';
import { PUBLIC, type RequestContext } from '../../policy/actor.js';
import { rolesAllowed } from '../../policy/policy.js';
import { recordAudit } from '../audit/index.js';
import { activeHoldersOf } from '../shared/recipients.js';
import { scheduleJob } from '../shared/schedule.js';
import { type CycleRow, claimCycleMail, cyclesDueForMail, statesStillReporting, textsOf } from './queries.js';

/** Who is told of a cycle: those who report for their own state. */
const REPORTER_ROLES = rolesAllowed('follow-up.report', 'own-state');
/** How often the job looks for cycle e-mails due. */
export const CYCLE_MAIL_INTERVAL_MS = 15 * 60_000;

export interface CycleMailDeps {
  db: Kysely<Database>;
  clock: () => Date;
  mailer: Mailer;
  publicUrl: string;
  log: FastifyBaseLogger;
}

interface CycleMailValues {
  displayName: string;
  cycle: string;
  deadline: string;
}

/** The wording is in the server's catalogs (`mail.followUp.*`). */
const MAILS: Record<'opening' | 'reminder', Mail<CycleMailValues>> = {
  opening: (say, { displayName, cycle, deadline }) => ({
    subject: say('mail.followUp.opening.subject', { cycle }),
    greeting: say('mail.greeting', { displayName }),
    paragraphs: [say('mail.followUp.opening.opened', { cycle }), say('mail.followUp.opening.deadline', { deadline })],
    action: say('mail.followUp.action'),
    closing: say('mail.followUp.closing'),
  }),
  reminder: (say, { displayName, cycle, deadline }) => ({
    subject: say('mail.followUp.reminder.subject', { cycle, deadline }),
    greeting: say('mail.greeting', { displayName }),
    paragraphs: [say('mail.followUp.reminder.missing', { cycle }), say('mail.followUp.opening.deadline', { deadline })],
    action: say('mail.followUp.action'),
    closing: say('mail.followUp.closing'),
  }),
};

/** The job's own request context in the audit trail: no person acted. */
const JOB: RequestContext = { actor: PUBLIC, requestId: 'follow-up-mail', ip: null, lang: 'en' };

const formatDay = (day: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** E-mails the focal points of `stateIds` about `cycle`, each in their language. */
async function mailFocalPoints(deps: CycleMailDeps, cycle: CycleRow, what: 'opening' | 'reminder', stateIds: string[]) {
  if (stateIds.length === 0) return 0;
  const recipients = await activeHoldersOf(deps.db, REPORTER_ROLES)
    .where('role_grant.member_state_id', 'in', stateIds)
    .orderBy('app_user.email')
    .execute();
  const names = (await textsOf(deps.db, 'follow_up_cycle', [cycle.id], 'name')).get(cycle.id);
  return sendToEach(
    deps,
    recipients,
    (user, lang) =>
      renderIn(
        MAILS[what],
        lang,
        user.email,
        {
          displayName: user.display_name,
          cycle: textIn(names, lang, null).text,
          deadline: formatDay(cycle.deadline, lang),
        },
        portalLink(deps.publicUrl, lang, `follow-up/cycles/${cycle.id}`),
      ),
    { what: `follow-up ${what}`, cycle: cycle.id },
  );
}

/**
 * Sends the cycle e-mails due now, each once: the opening e-mail to the focal points of every state
 * asked once the opening date is reached, and the reminder, `daysBefore` days before the deadline, to
 * those of the states that have not submitted every report. The claim is a conditional update with its
 * audit entry in one transaction, so of several processes running this job exactly one sends each.
 */
export async function sendDueCycleMails(deps: CycleMailDeps, daysBefore = CYCLE_REMINDER_DAYS): Promise<number> {
  const now = deps.clock();
  const at = now.toISOString();
  const today = at.slice(0, 10);
  const horizon = new Date(now.getTime() + daysBefore * 86_400_000).toISOString().slice(0, 10);
  let sent = 0;
  for (const what of ['opening', 'reminder'] as const) {
    for (const cycle of await cyclesDueForMail(deps.db, what, today, horizon)) {
      const claimed = await deps.db.transaction().execute(async (trx) => {
        if (!(await claimCycleMail(trx, cycle.id, what, at))) return false;
        const field = what === 'opening' ? 'openingSentAt' : 'reminderSentAt';
        await recordAudit(
          trx,
          JOB,
          {
            action: `follow-up.cycle.${what}-mail`,
            role: null,
            entityType: 'follow_up_cycle',
            entityId: cycle.id,
            before: { [field]: null },
            after: { [field]: at },
          },
          now,
        );
        return true;
      });
      if (!claimed) continue;
      const states =
        what === 'opening'
          ? (
              await deps.db
                .selectFrom('follow_up_cycle_state')
                .select('member_state_id')
                .where('cycle_id', '=', cycle.id)
                .execute()
            ).map((s) => s.member_state_id)
          : await statesStillReporting(deps.db, cycle.id);
      sent += await mailFocalPoints(deps, cycle, what, states);
    }
  }
  return sent;
}

/** Runs the cycle e-mail job every `intervalMs` until stopped. */
export function scheduleCycleMails(deps: CycleMailDeps, options: { intervalMs: number; daysBefore: number }) {
  return scheduleJob(
    deps.log,
    options.intervalMs,
    () => sendDueCycleMails(deps, options.daysBefore),
    'follow-up e-mails could not be sent',
  );
}
