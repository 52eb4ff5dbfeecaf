import type { Kysely } from 'kysely';
import type { AuditEntry, AuditFilter, AuditPage, AuditQuery } from '../../../contract/audit.js';
import { AUDIT_CSV_COLUMNS } from '../../../domain/audit.js';
import { reason } from '../../../domain/reasons.js';
import type { Database } from '../../db/schema.js';
import { csvRow } from '../../http/csv.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { InvalidParameterError } from '../../http/problems.js';
import type { RequestContext } from '../../policy/actor.js';
import { auditPolicy } from './policy.js';
import { type AuditRow, type AuditRowFilter, listAuditEntries } from './queries.js';

const DAY = 86_400_000;
/** Rows fetched at a time while streaming the CSV export: memory stays flat however long the trail. */
const EXPORT_BATCH = 500;

/** The start of `value` as ISO 8601 UTC; a date alone means its midnight UTC. */
function instant(value: string, name: 'from' | 'to', plus = 0): string | undefined {
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) throw new InvalidParameterError(name, 'query', reason('reason.audit.notADate'));
  const shifted = new Date(time + plus);
  // Past year 9999 the ISO form gains a sign and stops sorting as text: no upper bound is needed there.
  return shifted.getUTCFullYear() > 9999 ? undefined : shifted.toISOString();
}

/** The filters as the queries take them; `to` is inclusive: its whole day, or its millisecond. */
function rowFilter(filter: AuditFilter): AuditRowFilter {
  const from = filter.from === undefined ? undefined : instant(filter.from, 'from');
  const toExclusive = filter.to === undefined ? undefined : instant(filter.to, 'to', filter.to.length === 10 ? DAY : 1);
  if (from !== undefined && toExclusive !== undefined && from >= toExclusive) {
    throw new InvalidParameterError('from', 'query', reason('reason.audit.fromAfterTo'));
  }
  return { ...filter, from, toExclusive };
}

function parseDiff(diff: string): { before: unknown; after: unknown } {
  try {
    const parsed = JSON.parse(diff) as { before?: unknown; after?: unknown };
    return { before: parsed.before ?? null, after: parsed.after ?? null };
  } catch {
    // Only a hand-edited row holds anything else; show it rather than fail the whole page.
    return { before: null, after: diff };
  }
}

function present(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurred_at,
    actor: row.actor_user_id
      ? { id: row.actor_user_id, email: row.actor_email, displayName: row.actor_display_name }
      : null,
    role: row.actor_role,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    ...parseDiff(row.diff),
    requestId: row.request_id,
    ip: row.ip,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function csvLine(entry: AuditEntry): string {
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  const cells: Record<(typeof AUDIT_CSV_COLUMNS)[number], string | number | null> = {
    seq: entry.seq,
    occurred_at: entry.occurredAt,
    actor_id: entry.actor?.id ?? null,
    actor_email: entry.actor?.email ?? null,
    role: entry.role,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: json(entry.before),
    after: json(entry.after),
    request_id: entry.requestId,
    ip: entry.ip,
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
  return csvRow(AUDIT_CSV_COLUMNS.map((column) => cells[column]));
}

/** Reading the audit trail: a page at a time, or all of it as CSV. It changes nothing. */
export function auditService(deps: { db: Kysely<Database> }) {
  const { db } = deps;

  function mayRead(ctx: RequestContext) {
    auditPolicy.require(ctx, 'audit.read');
  }

  return {
    /** Newest first, paged by `seq`. */
    async list(ctx: RequestContext, query: AuditQuery): Promise<AuditPage> {
      mayRead(ctx);
      const { limit, cursor, ...filter } = query;
      const key = decodeCursor(cursor, ['int']);
      const rows = await listAuditEntries(db, rowFilter(filter), key?.[0] as number | undefined, limit + 1);
      const page = toPage(rows, limit, (row) => [Number(row.seq)]);
      return { items: page.rows.map(present), nextCursor: page.nextCursor };
    },

    /**
     * The CSV export, header row first, newest entry first. Permission and filters are checked
     * here, before anything is sent, so a refusal is still a problem document; the rows are read
     * in batches as the client takes them.
     */
    exportCsv(ctx: RequestContext, filter: AuditFilter): AsyncIterable<string> {
      mayRead(ctx);
      const rows = rowFilter(filter);
      return (async function* () {
        // A byte order mark, so that spreadsheets read the UTF-8 names as UTF-8.
        yield `\uFEFF${csvRow([...AUDIT_CSV_COLUMNS])}`;
        let beforeSeq: number | undefined;
        for (;;) {
          const batch = await listAuditEntries(db, rows, beforeSeq, EXPORT_BATCH);
          if (batch.length > 0) yield batch.map((row) => csvLine(present(row))).join('');
          if (batch.length < EXPORT_BATCH) return;
          beforeSeq = Number(batch[batch.length - 1]?.seq);
        }
      })();
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
