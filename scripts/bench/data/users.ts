import type { Insertable } from 'kysely';
import type { Role } from '../../../src/contract/accounts.js';
import type { Database } from '../../../src/server/db/schema.js';
import { hashPassword } from '../../../src/server/security/secrets.js';
import { type Generator, stamped } from './context.js';

/** Every bench user's password, so a person can sign in to the bench data set and look around. */
export const BENCH_PASSWORD = 'bench data set password';
export const BENCH_ADMIN_EMAIL = 'bench-admin@bench.example';

const FIRST = [
  'Ana',
  'Luis',
  'Marie',
  'João',
  'Grace',
  'Carlos',
  'Sofía',
  'Pierre',
  'Beatriz',
  'Kevin',
  'Lucía',
  'André',
];
const LAST = ['Pérez', 'Silva', 'Joseph', 'Martínez', 'Thompson', 'Gómez', 'Tremblay', 'Santos', 'Baptiste', 'Rojas'];
const LANGS = ['es', 'en', 'fr', 'pt'] as const;

/** One user in twenty of the secretariat's and the focal points' sort; most are delegates. */
function roleFor(index: number, draw: number): Role {
  if (index < 25) return index < 5 ? 'secretariat-admin' : 'secretariat-staff';
  if (draw < 0.06) return 'focal-point';
  if (draw < 0.12) return 'partner';
  if (draw < 0.22) return 'group-member';
  return 'delegate';
}

export const usersGenerator: Generator = {
  name: 'users',
  planned: (scale) => scale.users,
  async run({ scale, random, epoch, world, insert, advance }) {
    // One scrypt hash for all: hashing is deliberately slow, and 20,000 of them would take minutes.
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const users: Insertable<Database['app_user']>[] = [];
    const grants: Insertable<Database['role_grant']>[] = [];
    world.userIds = [];
    world.focalPointByState = new Map();
    const grant = (userId: string, drawn: Role, at: number) => {
      // Partner grants need a partner organisation; without any in the reference data, a delegate.
      const role = drawn === 'partner' && world.partnerIds.length === 0 ? 'delegate' : drawn;
      const bound = role === 'focal-point' || role === 'delegate' ? random.pick(world.stateIds) : null;
      if (role === 'focal-point' && bound && !world.focalPointByState.has(bound))
        world.focalPointByState.set(bound, userId);
      grants.push({
        id: random.uuid(at),
        user_id: userId,
        role,
        member_state_id: bound,
        technical_group_id: role === 'group-member' ? random.pick(world.technicalGroupIds) : null,
        partner_id: role === 'partner' ? random.pick(world.partnerIds) : null,
        granted_by: world.adminUserId ?? null,
        revoked_at: null,
        ...stamped(new Date(at).toISOString()),
      });
    };
    for (let i = 0; i < scale.users; i++) {
      // Accounts made over the two years before the epoch, in order.
      const at = epoch - 2 * 365 * 86_400_000 + Math.floor((i / scale.users) * 2 * 365 * 86_400_000);
      const id = random.uuid(at);
      if (i === 0) world.adminUserId = id;
      const status =
        i < 25 ? 'active' : random.chance(0.03) ? 'invited' : random.chance(0.02) ? 'deactivated' : 'active';
      users.push({
        id,
        email: i === 0 ? BENCH_ADMIN_EMAIL : `user-${String(i).padStart(6, '0')}@bench.example`,
        display_name: `${random.pick(FIRST)} ${random.pick(LAST)}`,
        preferred_lang: random.pick(LANGS),
        password_hash: status === 'invited' ? null : passwordHash,
        status,
        totp_secret: null,
        totp_enabled_at: null,
        demo: 0,
        ...stamped(new Date(at).toISOString()),
      });
      world.userIds.push(id);
      grant(id, roleFor(i, random.next()), at);
      // Some hold a second grant (a delegate who is also in a technical group).
      if (i >= 25 && random.chance(0.1)) grant(id, 'group-member', at);
    }
    // Every state has a focal point, whatever the draw, so registrations have someone to come from.
    for (const [n, stateId] of world.stateIds.entries()) {
      if (world.focalPointByState.has(stateId)) continue;
      const userId = world.userIds[(25 + n) % world.userIds.length] as string;
      world.focalPointByState.set(stateId, userId);
      grants.push({
        id: random.uuid(epoch - 86_400_000),
        user_id: userId,
        role: 'focal-point',
        member_state_id: stateId,
        technical_group_id: null,
        partner_id: null,
        granted_by: world.adminUserId,
        revoked_at: null,
        ...stamped(new Date(epoch - 86_400_000).toISOString()),
      });
    }
    for (let i = 0; i < users.length; i += 2_000) {
      await insert('app_user', users.slice(i, i + 2_000));
      advance(Math.min(2_000, users.length - i));
    }
    await insert('role_grant', grants);
    return { app_user: users.length, role_grant: grants.length };
  },
};
