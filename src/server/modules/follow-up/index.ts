// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).

import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { CYCLE_REMINDER_DAYS } from '../../../domain/follow-up.js';
import type { Database } from '../../db/schema.js';
import type { FileStore } from '../../files/index.js';
import type { Mailer } from '../../mail/mailer.js';
import { CYCLE_MAIL_INTERVAL_MS, scheduleCycleMails, sendDueCycleMails } from './mail.js';
import { followUpRoutes } from './routes.js';
import { followUpService } from './service.js';

export { type FollowUpService, followUpService } from './service.js';

export interface CycleMailOptions {
  /** How often the job looks for e-mails due (default 15 minutes). */
  intervalMs?: number;
  /** How many days before the deadline the reminder goes (default 7). */
  daysBefore?: number;
}

/**
 * The follow-up area, built from its dependencies: the routes, and the job that e-mails focal points
 * when a cycle opens and before its deadline, which runs until `stop` (buildApp stops it on close).
 * A cycle that opens today is told of at once.
 */
export function followUpModule(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  mailer: Mailer;
  publicUrl: string;
  log: FastifyBaseLogger;
  /** Where evidence files are kept. */
  files: FileStore;
  mails?: CycleMailOptions | false | undefined;
}): { routes: (app: FastifyInstance) => Promise<void>; stop: () => Promise<void> } {
  const daysBefore = (deps.mails ? deps.mails.daysBefore : undefined) ?? CYCLE_REMINDER_DAYS;
  const service = followUpService({
    ...deps,
    onCycleOpened: async () => void (await sendDueCycleMails(deps, daysBefore)),
  });
  const stop =
    deps.mails === false
      ? async () => {}
      : scheduleCycleMails(deps, { intervalMs: deps.mails?.intervalMs ?? CYCLE_MAIL_INTERVAL_MS, daysBefore });
  return { routes: followUpRoutes(service, deps.files), stop };
}
export { followUpWorkspaceQueues } from './workspace.js';
