import type { MeetingDocumentCategory } from '../../../contract/meeting-documents.js';

/**
 * Document symbols in the inter-American style, from a per-meeting pattern (meeting.symbol_pattern;
 * the meetings piece edits it and may check it with `symbolPatternProblem`). Placeholders:
 *
 *   {ordinal}  the meeting's ordinal (9 for MISPA IX)      {number}  its Roman numeral (IX)
 *   {slug}     its slug, upper-case (MISPA-IX)             {series}  doc, inf, pres or rep
 *   {sequence} the document's number in its series         {yy} {yyyy}  the meeting's year
 *
 * `OEA/Ser.K/XLIX.{ordinal} MISPA {number}/{series}.{sequence}/{yy}` gives
 * `OEA/Ser.K/XLIX.9 MISPA IX/doc.3/26`; a revision appends ` rev. 1`, ` rev. 2`.
 */

export const SERIES: Record<MeetingDocumentCategory, string> = {
  working: 'doc',
  information: 'inf',
  presentation: 'pres',
  report: 'rep',
};

export const SYMBOL_PLACEHOLDERS = ['ordinal', 'number', 'slug', 'series', 'sequence', 'yy', 'yyyy'] as const;
type Placeholder = (typeof SYMBOL_PLACEHOLDERS)[number];

/** Ministerial meetings (OAS series K/XLIX is the MISPA process). */
export const DEFAULT_SYMBOL_PATTERN = 'OEA/Ser.K/XLIX.{ordinal} MISPA {number}/{series}.{sequence}/{yy}';
/** Preparatory and technical-group meetings have no Roman numeral: their slug names them. */
export const DEFAULT_SYMBOL_PATTERN_UNNUMBERED = 'OEA/Ser.K/XLIX {slug}/{series}.{sequence}/{yy}';

export interface SymbolMeeting {
  ordinal: number;
  number: string;
  slug: string;
  symbol_pattern: string | null;
  starts_at: string | null;
  start_date: string | null;
}

/** Why a pattern cannot serve, or null: unknown placeholders, or no {series} and {sequence}
 * (without them two documents would share a symbol). */
export function symbolPatternProblem(pattern: string): string | null {
  const used = [...pattern.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] as string);
  const unknown = used.filter((name) => !(SYMBOL_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    return `has unknown placeholders ${unknown.map((n) => `{${n}}`).join(', ')}; allowed: ${SYMBOL_PLACEHOLDERS.map((n) => `{${n}}`).join(', ')}`;
  }
  if (!used.includes('series') || !used.includes('sequence')) return 'must contain {series} and {sequence}';
  return null;
}

/** The pattern a meeting's symbols follow: its own when it can serve, else the default. */
function patternOf(meeting: SymbolMeeting): string {
  return meeting.symbol_pattern && symbolPatternProblem(meeting.symbol_pattern) === null
    ? meeting.symbol_pattern
    : meeting.number
      ? DEFAULT_SYMBOL_PATTERN
      : DEFAULT_SYMBOL_PATTERN_UNNUMBERED;
}

function fill(pattern: string, meeting: SymbolMeeting, series: string, sequence: string, now: Date): string {
  const year = (meeting.starts_at ?? meeting.start_date ?? now.toISOString()).slice(0, 4);
  const values: Record<Placeholder, string> = {
    ordinal: String(meeting.ordinal),
    number: meeting.number,
    slug: meeting.slug.toUpperCase(),
    series,
    sequence,
    yy: year.slice(2),
    yyyy: year,
  };
  return pattern.replace(/\{([a-z]+)\}/g, (whole, name: string) => values[name as Placeholder] ?? whole);
}

/** The symbol of the original (revision 0) of a document. */
export function documentSymbol(
  meeting: SymbolMeeting,
  category: MeetingDocumentCategory,
  sequence: number,
  now: Date,
): string {
  return fill(patternOf(meeting), meeting, SERIES[category], String(sequence), now);
}

/**
 * The meeting's own symbol, which heads the papers it issues that are not in a document series
 * (the list of participants): its pattern up to the series, e.g. `OEA/Ser.K/XLIX.9 MISPA IX`.
 */
export function meetingSymbol(meeting: SymbolMeeting, now: Date): string {
  const prefixOf = (pattern: string) => pattern.slice(0, pattern.indexOf('{series}')).replace(/[\s/.,-]+$/, '');
  // A pattern that opens with the series names no meeting: the default's part does.
  const prefix = prefixOf(patternOf(meeting)) || prefixOf(patternOf({ ...meeting, symbol_pattern: null }));
  return fill(prefix, meeting, '', '', now);
}

/** A revision's symbol: the original's, with ` rev. N` appended from the first revision on. */
export function revisionSymbol(original: string, revision: number): string {
  return revision === 0 ? original : `${original} rev. ${revision}`;
}
