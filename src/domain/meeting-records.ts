/** Minutes and reports of a meeting (drafted, shared for comment, made final) and its decisions. */

export const RECORD_KINDS = ['minutes', 'report'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_STATUSES = ['draft', 'shared', 'final'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const RECORD_BODY_MAX = 200_000;
export const COMMENT_MAX = 5000;
export const DECISION_MAX = 5000;
export const DECISIONS_MAX = 500;
