import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { DEFAULT_MAIL_FROM, type Mailer, outboxMailer } from '../../mail/mailer.js';
import { invitationsRoutes } from '../auth/invitations-routes.js';
import { invitationsService } from '../auth/invitations-service.js';
import { DEFAULT_PUBLIC_URL } from '../auth/links.js';
import { passwordResetRoutes } from '../auth/reset-routes.js';
import { passwordResetService } from '../auth/reset-service.js';
import { settingsRoutes } from '../settings/routes.js';
import { usersRoutes } from './routes.js';
import { usersService } from './service.js';

export { ensureActiveAccount, type ResolvedGrant } from './accounts.js';
export { findUserByEmail } from './queries.js';

/** User administration, invitations, password reset and the public settings, built from their
 * dependencies. Without a mailer, e-mails are only logged (links included). */
export function accountModules(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  log: FastifyBaseLogger;
  mailer?: ((log: FastifyBaseLogger) => Mailer) | undefined;
  publicUrl?: string | undefined;
  demo?: boolean | undefined;
}): Array<(app: FastifyInstance) => Promise<void>> {
  const mailer = deps.mailer?.(deps.log) ?? outboxMailer({ log: deps.log, outboxDir: null, from: DEFAULT_MAIL_FROM });
  const linked = { ...deps, mailer, publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL };
  return [
    usersRoutes(usersService(deps)),
    invitationsRoutes(invitationsService(linked)),
    passwordResetRoutes(passwordResetService(linked)),
    settingsRoutes({ demo: deps.demo ?? false }),
  ];
}
