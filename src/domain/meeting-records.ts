/** Minutes and reports of a meeting (drafted, shared for comment, made final) and its decisions. */

export const RECORD_KINDS = ['minutes', 'report'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_STATUSES = ['draft', 'shared', 'final'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const RECORD_BODY_MAX = 200_000;
export const COMMENT_MAX = 5000;
export const DECISION_MAX = 5000;
export const DECISIONS_MAX = 500;

/** Whether a meeting's records, as one reader may read them, hold anything: minutes, a report or
 * decisions. A historic meeting's records page is offered (in the portal and the sitemap) only then. */
export const holdsRecords = (records: {
  minutes: readonly unknown[];
  report: readonly unknown[];
  decisions?: { items: readonly unknown[] } | null;
}) => records.minutes.length + records.report.length + (records.decisions?.items.length ?? 0) > 0;
