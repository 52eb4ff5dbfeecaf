import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { startupContext } from '../../policy/actor.js';
import { FIRST_ADMINISTRATOR_ROLE } from '../../policy/permissions.js';
import { pruneRateLimits } from '../../security/rate-limit.js';
import { INVITATION_DAYS } from '../auth/index.js';
import { issueSetupLink } from './invitations-service.js';

/** Whether an active account holds an administrator's grant in force. */
export async function hasActiveAdministrator(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('role_grant')
    .innerJoin('app_user', 'app_user.id', 'role_grant.user_id')
    .select('role_grant.id')
    .where('role_grant.role', '=', FIRST_ADMINISTRATOR_ROLE)
    .where('role_grant.revoked_at', 'is', null)
    .where('app_user.status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * What `npm start` does for accounts before serving (after demo mode's users, if any): when no
 * active secretariat administrator exists, issues the one-time link that creates the first one.
 * Returns the lines to print.
 */
export async function prepareAccounts(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  publicUrl: string;
}): Promise<string[]> {
  const lines: string[] = [];
  await pruneRateLimits(deps.db, deps.clock());
  if (!(await hasActiveAdministrator(deps.db))) {
    const link = await issueSetupLink(deps, startupContext());
    lines.push(
      `No secretariat administrator yet. Create the first one with this one-time link (valid ${INVITATION_DAYS} days; a new start replaces it): ${link}`,
      '  or from a shell: npm run user:create -- --email you@example.org --role secretariat-admin',
    );
  }
  return lines;
}
