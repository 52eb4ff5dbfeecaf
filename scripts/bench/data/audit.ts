import type { Insertable } from 'kysely';
import type { Database } from '../../../src/server/db/schema.js';
import { entryHash, GENESIS_HASH, writeHead } from '../../../src/server/modules/audit/chain.js';
import { ACTIONS, PERMISSIONS } from '../../../src/server/policy/permissions.js';
import { type Generator, stamped } from './context.js';

/** Entries per transaction: the chain is built in memory page by page, each page written at once. */
const PAGE = 5_000;
const WRITE_ACTIONS = ACTIONS.filter((action) => (PERMISSIONS[action] as { write?: boolean }).write);

/**
 * The audit trail, hash-chained with the audit module's own `entryHash`, so `npm run audit:verify`
 * checks the generated trail exactly as it checks a real one. It continues whatever chain is there.
 */
export const auditGenerator: Generator = {
  name: 'audit',
  planned: (scale) => scale.auditEntries,
  async run({ db, scale, random, epoch, world, insert, advance }) {
    const last = await db
      .selectFrom('audit_entry')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let previous = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
    // A year of activity before the epoch, entries in time order as the chain requires.
    const span = 365 * 86_400_000;
    const step = span / Math.max(scale.auditEntries, 1);
    const start = epoch - span;
    for (let done = 0; done < scale.auditEntries; ) {
      const rows: Insertable<Database['audit_entry']>[] = [];
      for (const end = Math.min(done + PAGE, scale.auditEntries); done < end; done++) {
        const time = Math.floor(start + done * step);
        const at = new Date(time).toISOString();
        const action = random.pick(WRITE_ACTIONS);
        const entityType = action.split('.')[0]?.replace(/-/g, '_') ?? 'record';
        const actor = random.chance(0.9) ? random.pick(world.userIds) : null;
        const entry = {
          id: random.uuid(time),
          seq: previous.seq + 1,
          occurred_at: at,
          actor_user_id: actor,
          actor_role: actor ? random.pick(['secretariat-admin', 'secretariat-staff', 'focal-point'] as const) : null,
          action,
          entity_type: entityType,
          entity_id: random.pick(random.chance(0.5) ? world.meetingIds : world.userIds) ?? world.adminUserId,
          diff: JSON.stringify({ before: { version: 1 }, after: { version: 2, note: `change ${done + 1}` } }),
          request_id: `bench-${done + 1}`,
          ip: `192.0.2.${random.int(1, 254)}`,
          prev_hash: previous.hash,
        };
        const hash = entryHash(entry);
        rows.push({ ...entry, hash, ...stamped(at) });
        previous = { seq: entry.seq, hash };
      }
      await insert('audit_entry', rows);
      advance(rows.length);
    }
    await writeHead(db, { entries: previous.seq, lastHash: previous.hash });
    return { audit_entry: scale.auditEntries };
  },
};
