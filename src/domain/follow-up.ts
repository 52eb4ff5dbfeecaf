import { LANGS, type Lang } from './languages.js';

/**
 * Follow-up of recommendations (issue 15): what a member state reports on each item of a reporting
 * cycle, how a report moves from draft to accepted, who may see it, and how progress is counted.
 * Pure rules shared by the server and the portal.
 */

/** What a state says of an item. "Not applicable" needs a reason. */
export const FOLLOW_UP_STATUSES = ['not-started', 'planned', 'in-progress', 'implemented', 'not-applicable'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Where a report stands: the state drafts and submits it, the secretariat asks for changes or accepts it. */
export const REPORT_STATES = ['draft', 'submitted', 'changes-requested', 'accepted'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REVIEW_DECISIONS = ['comment', 'request-changes', 'accept'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Where an item comes from: a marked paragraph of an adopted outcome document, or the secretariat's
 * import of a historic document's item (whose text is not on the platform). */
export const ITEM_ORIGINS = ['paragraph', 'historic'] as const;
export type ItemOrigin = (typeof ITEM_ORIGINS)[number];

/** What the rates are grouped by. */
export const RATE_GROUPS = ['state', 'pillar', 'document', 'subregion'] as const;
export type RateGroup = (typeof RATE_GROUPS)[number];

export const ITEM_NUMBER_MAX = 20;
export const ITEM_TEXT_MAX = 20_000;
export const SUB_ITEMS_MAX = 50;
export const SUB_ITEM_WEIGHT_MAX = 1000;
export const REPORT_TEXT_MAX = 10_000;
export const REPORT_LINE_MAX = 500;
export const REPORT_LIST_MAX = 50;
export const CYCLE_ITEMS_MAX = 5_000;
/** Files a report may hold as evidence, and the largest one (smaller than the platform's limit). */
export const EVIDENCE_FILES_MAX = 20;
export const EVIDENCE_FILE_MAX_BYTES = 20 * 1024 * 1024;
/** How long before a cycle's deadline its focal points are reminded. */
export const CYCLE_REMINDER_DAYS = 7;

/** The state may still change a report: while drafting, and when the secretariat asked for changes. */
export function isEditableReport(state: ReportState): boolean {
  return state === 'draft' || state === 'changes-requested';
}

/** What the secretariat may decide on a report in `state`: only a submitted report is reviewed. */
export function canReview(state: ReportState): boolean {
  return state === 'submitted';
}

/** The state a report moves to on a review decision; a comment leaves it submitted. */
export function afterReview(decision: ReviewDecision): ReportState {
  if (decision === 'accept') return 'accepted';
  if (decision === 'request-changes') return 'changes-requested';
  return 'submitted';
}

/** The public sees a report only once accepted and made public by its state. */
export function isPublicReport(state: ReportState, published: boolean): boolean {
  return state === 'accepted' && published;
}

/** What a report must hold to be submitted, as the fields that are missing. */
export interface ReportContent {
  status: FollowUpStatus | null;
  notApplicableReason: string | null;
  measures: string | null;
  institution: string | null;
}

export function missingForSubmit(report: ReportContent): Array<keyof ReportContent> {
  if (report.status === null) return ['status'];
  if (report.status === 'not-applicable') return report.notApplicableReason ? [] : ['notApplicableReason'];
  // A state that has acted says what it did and who did it.
  if (report.status === 'not-started') return [];
  return (['measures', 'institution'] as const).filter((field) => !report[field]);
}

/** A sub-item's part of its item: its weight (1 when none is given) and whether it is done. */
export interface SubItemProgress {
  weight: number | null;
  status: FollowUpStatus | null;
}

/**
 * A state's progress on an item, rolled up from its sub-items: the weight of those implemented over
 * the weight of those that apply (not-applicable ones left out), as a whole percentage; null when
 * none applies.
 */
export function rollUp(subItems: readonly SubItemProgress[]): number | null {
  let done = 0;
  let total = 0;
  for (const sub of subItems) {
    if (sub.status === 'not-applicable') continue;
    const weight = sub.weight ?? 1;
    total += weight;
    if (sub.status === 'implemented') done += weight;
  }
  return total === 0 ? null : Math.round((done / total) * 100);
}

/** The counts a rate is computed from, as the database groups them. */
export interface RateCounts {
  /** Reports counted (the visible ones with a status). */
  reported: number;
  implemented: number;
  notApplicable: number;
}

/** The implementation rate: implemented items over those that apply, as a percentage with one
 * decimal; null when nothing applies. */
export function implementationRate(counts: RateCounts): number | null {
  const applicable = counts.reported - counts.notApplicable;
  if (applicable <= 0) return null;
  return Math.round((counts.implemented / applicable) * 1000) / 10;
}

/** Whether a cycle takes reports on `today` (YYYY-MM-DD): from its opening date on. Late reports are
 * still taken after the deadline, as follow-up mechanisms do; the deadline only drives reminders. */
export function isCycleOpen(opensOn: string, today: string): boolean {
  return today >= opensOn;
}

/** Whether the reminder is due on `today`: the deadline is at most `days` days away and not past. */
export function reminderDue(deadline: string, today: string, days = CYCLE_REMINDER_DAYS): boolean {
  const left = (Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return left >= 0 && left <= days;
}

/** A text in `lang`, else in the original language, else in English, else in any language given
 * (texts: language → text); empty when there is none. */
export function textIn(
  texts: ReadonlyMap<string, string> | undefined,
  lang: Lang,
  original: string | null,
): { text: string; lang: Lang } {
  for (const l of [lang, original, 'en', ...LANGS]) {
    const text = l ? texts?.get(l) : undefined;
    if (text !== undefined) return { text, lang: l as Lang };
  }
  return { text: '', lang };
}

/**
 * The columns of a file of historic items (CSV or XLSX), in the order the template gives them. A
 * row with a `parent_number` is a sub-item of the item with that number in the same file and
 * document, with its optional `weight`; `pillars` are codes separated by `;` (or `,`); a text per
 * language, at least one.
 */
export const ITEM_IMPORT_COLUMNS = [
  'document',
  'number',
  'parent_number',
  'weight',
  'pillars',
  'text_en',
  'text_es',
  'text_fr',
  'text_pt',
  'source_url',
] as const;
export type ItemImportColumn = (typeof ITEM_IMPORT_COLUMNS)[number];
const ITEM_IMPORT_REQUIRED: readonly ItemImportColumn[] = ['document', 'number'];

/** Where each column is in a file's header (names matched without case), or the required ones it lacks. */
export function itemImportLayout(
  header: readonly string[],
): { columns: Partial<Record<ItemImportColumn, number>> } | { missing: string[] } {
  const names = header.map((name) => name.trim().toLowerCase());
  const columns: Partial<Record<ItemImportColumn, number>> = {};
  for (const column of ITEM_IMPORT_COLUMNS) {
    const at = names.indexOf(column);
    if (at >= 0) columns[column] = at;
  }
  const missing = ITEM_IMPORT_REQUIRED.filter((column) => columns[column] === undefined);
  return missing.length > 0 ? { missing: [...missing] } : { columns };
}
