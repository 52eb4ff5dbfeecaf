// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).

import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Mailer } from '../../mail/mailer.js';
import type { RequestContext } from '../../policy/actor.js';
import { meetingsCalendar } from './calendar.js';
import {
  REMINDER_DAYS_BEFORE,
  REMINDER_INTERVAL_MS,
  remindUnregistered,
  scheduleReminders,
  sendConvocation,
} from './convocation.js';
import { meetingsRoutes } from './routes.js';
import { type MeetingAreaAbilities, meetingsService } from './service.js';
import { meetingWrites } from './writes.js';

export { type MeetingAreaAbilities, type MeetingsService, meetingsService } from './service.js';
export { canReadDrafts, filterVisibility, findVisibleMeeting } from './visibility.js';
export { meetingWrites } from './writes.js';

export interface ReminderOptions {
  /** How often the job looks for reminders due (default 15 minutes). */
  intervalMs?: number;
  /** How many days before the registration deadline the reminder goes (default 7). */
  daysBefore?: number;
}

/**
 * The meetings area, built from its dependencies: the routes, and the reminder job, which runs
 * from now until `stop` (buildApp stops it when the app closes).
 */
export function meetingsModule(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  mailer: Mailer;
  publicUrl: string;
  log: FastifyBaseLogger;
  reminders?: ReminderOptions | false | undefined;
  areas: MeetingAreaAbilities;
}): { routes: (app: FastifyInstance) => Promise<void>; stop: () => Promise<void> } {
  const read = meetingsService(deps);
  const writes = meetingWrites({
    ...deps,
    read,
    onConvened: async (meeting) => void (await sendConvocation(deps, meeting)),
  });
  const calendar = meetingsCalendar(deps);
  const stop =
    deps.reminders === false
      ? async () => {}
      : scheduleReminders(deps, {
          intervalMs: deps.reminders?.intervalMs ?? REMINDER_INTERVAL_MS,
          daysBefore: deps.reminders?.daysBefore ?? REMINDER_DAYS_BEFORE,
        });
  const remind = (ctx: RequestContext, idOrSlug: string) => remindUnregistered(deps, ctx, idOrSlug);
  return { routes: meetingsRoutes({ read, writes, calendar, remind }), stop };
}
export type { MeetingRow } from './queries.js';
// What the workspace counts of a meeting's registrations, by the reminder's own rule.
export { REGISTERED, unregisteredStates } from './queries.js';
