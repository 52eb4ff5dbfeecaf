import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Filters as the queries take them: already checked, instants as ISO 8601 UTC strings. */
export interface AuditRowFilter {
  /** A user id, or an e-mail address (matched lower-cased, as accounts store them). */
  actor?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  /** occurred_at >= from */
  from?: string | undefined;
  /** occurred_at < toExclusive */
  toExclusive?: string | undefined;
}

/** Entries newest first, `limit` of them, older than the entry `beforeSeq` when given. */
export function listAuditEntries(db: Db, filter: AuditRowFilter, beforeSeq: number | undefined, limit: number) {
  let query = db
    .selectFrom('audit_entry')
    .leftJoin('app_user', 'app_user.id', 'audit_entry.actor_user_id')
    .select([
      'audit_entry.id',
      'audit_entry.seq',
      'audit_entry.occurred_at',
      'audit_entry.actor_user_id',
      'app_user.email as actor_email',
      'app_user.display_name as actor_display_name',
      'audit_entry.actor_role',
      'audit_entry.action',
      'audit_entry.entity_type',
      'audit_entry.entity_id',
      'audit_entry.diff',
      'audit_entry.request_id',
      'audit_entry.ip',
      'audit_entry.prev_hash',
      'audit_entry.hash',
    ]);
  const { actor } = filter;
  if (actor !== undefined) {
    // One equality on actor_user_id, so the (actor_user_id, seq) index serves it on both engines
    // (an OR with the e-mail lookup made PostgreSQL scan the trail).
    query = query.where('audit_entry.actor_user_id', '=', (eb) =>
      eb.fn.coalesce(
        eb.selectFrom('app_user as by_email').select('by_email.id').where('by_email.email', '=', actor.toLowerCase()),
        eb.val(actor),
      ),
    );
  }
  if (filter.entityType !== undefined) query = query.where('audit_entry.entity_type', '=', filter.entityType);
  if (filter.entityId !== undefined) query = query.where('audit_entry.entity_id', '=', filter.entityId);
  if (filter.action !== undefined) query = query.where('audit_entry.action', '=', filter.action);
  if (filter.from !== undefined) query = query.where('audit_entry.occurred_at', '>=', filter.from);
  if (filter.toExclusive !== undefined) query = query.where('audit_entry.occurred_at', '<', filter.toExclusive);
  if (beforeSeq !== undefined) query = query.where('audit_entry.seq', '<', beforeSeq);
  return query.orderBy('audit_entry.seq', 'desc').limit(limit).execute();
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEntries>>[number];
