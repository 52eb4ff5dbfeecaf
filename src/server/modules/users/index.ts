// The module's public face: all that app.ts, demo mode and other modules may import from it (docs/architecture.md).

import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { DEFAULT_MAIL_FROM, type Mailer, outboxMailer } from '../../mail/mailer.js';
import { DEFAULT_PUBLIC_URL, passwordResetRoutes, passwordResetService } from '../auth/index.js';
import { settingsRoutes } from '../settings/index.js';
import { invitationsRoutes } from './invitations-routes.js';
import { invitationsService } from './invitations-service.js';
import { usersRoutes } from './routes.js';
import { usersService } from './service.js';

export { ensureActiveAccount, type ResolvedGrant } from './accounts.js';
export { type AccountsConfig, readAccountsConfig } from './config.js';
export { findUserByEmail } from './queries.js';
export { usersService } from './service.js';
export { prepareAccounts } from './startup.js';

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
