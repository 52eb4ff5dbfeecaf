import type { Kysely } from 'kysely';
import type { Role } from '../../../contract/accounts.js';
import type { Database } from '../../db/schema.js';

/**
 * The people to tell of something: active accounts with an unrevoked grant of one of `roles` (take
 * them from the permission table with `rolesAllowed`, never by name), each once, with their
 * language. A query builder, so a module can narrow it further.
 */
export function activeHoldersOf(db: Kysely<Database>, roles: readonly Role[]) {
  return db
    .selectFrom('role_grant')
    .innerJoin('app_user', 'app_user.id', 'role_grant.user_id')
    .select(['app_user.id', 'app_user.email', 'app_user.display_name', 'app_user.preferred_lang'])
    .distinct()
    .where('role_grant.role', 'in', roles)
    .where('role_grant.revoked_at', 'is', null)
    .where('app_user.status', '=', 'active');
}
