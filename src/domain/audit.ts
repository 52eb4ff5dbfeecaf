/** The audit trail as the secretariat reads it: a page at a time, or all of it as CSV. */

export const AUDIT_LIMIT_MAX = 200;
export const AUDIT_LIMIT_DEFAULT = 50;

/** The columns of the CSV export, in order (its header row). */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'occurred_at',
  'actor_id',
  'actor_email',
  'role',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'request_id',
  'ip',
  'prev_hash',
  'hash',
] as const;
