import type { Kysely } from 'kysely';
import type { Database } from '../../../src/server/db/schema.js';
import type { Actor } from '../../../src/server/policy/actor.js';
import { BENCH_ADMIN_EMAIL } from '../data/users.js';

/** The bench's secretariat administrator as the services see a signed-in caller; undefined when
 * the database holds no bench data. */
export async function findBenchAdmin(db: Kysely<Database>): Promise<Extract<Actor, { kind: 'user' }> | undefined> {
  const admin = await db
    .selectFrom('app_user')
    .innerJoin('role_grant', 'role_grant.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.display_name', 'role_grant.id as grantId'])
    .where('app_user.email', '=', BENCH_ADMIN_EMAIL)
    .where('role_grant.role', '=', 'secretariat-admin')
    .executeTakeFirst();
  if (!admin) return undefined;
  return {
    kind: 'user',
    userId: admin.id,
    email: BENCH_ADMIN_EMAIL,
    displayName: admin.display_name,
    lang: 'en',
    grants: [
      { id: admin.grantId, role: 'secretariat-admin', memberStateId: null, technicalGroupId: null, partnerId: null },
    ],
    demo: false,
    credential: { type: 'session', id: 'bench', secondFactor: true },
  };
}
