import { reason } from './reasons.js';
import { isTimeZone, zonedToInstant } from './time-zones.js';

/** Meetings run on the platform: their kinds, formats and lifecycle, and what makes a meeting
 * coherent as a whole (the contract checks it on every create and edit). */

export const MEETING_KINDS = ['ministerial', 'preparatory', 'technical-group'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_STATUSES = [
  'draft',
  'convened',
  'registration-open',
  'registration-closed',
  'in-session',
  'concluded',
  'cancelled',
] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_FORMATS = ['in-person', 'virtual', 'hybrid'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

/** Each transition of the lifecycle: the path segment (and the action `meetings.<name>`), from → to. */
export const TRANSITIONS = {
  convene: { from: ['draft'], to: 'convened' },
  'open-registration': { from: ['convened'], to: 'registration-open' },
  'close-registration': { from: ['registration-open'], to: 'registration-closed' },
  start: { from: ['registration-closed'], to: 'in-session' },
  conclude: { from: ['in-session'], to: 'concluded' },
  cancel: { from: ['draft', 'convened', 'registration-open', 'registration-closed', 'in-session'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly MeetingStatus[]; to: MeetingStatus }>;
export type Transition = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as Transition[];

/** The transitions the lifecycle allows from `status` (whoever asks). */
export function transitionsFrom(status: MeetingStatus): Transition[] {
  return TRANSITION_NAMES.filter((name) => (TRANSITIONS[name].from as readonly MeetingStatus[]).includes(status));
}

/** A meeting may be put in session up to this long before its start: an opening the evening before,
 * at the venue's clock, is still the meeting's. */
export const SESSION_EARLY_HOURS = 24;

/**
 * The earliest instant the meeting's dates allow `transition`: in session from its start less
 * SESSION_EARLY_HOURS, concluded from its start; null when its dates do not bound it (the other
 * steps, or a meeting without times). Earlier, only a stated override may make the step.
 */
export function earliestAllowed(transition: Transition, startsAt: string | null): string | null {
  if (startsAt === null) return null;
  const start = Date.parse(startsAt);
  if (transition === 'start') return new Date(start - SESSION_EARLY_HOURS * 3_600_000).toISOString();
  if (transition === 'conclude') return new Date(start).toISOString();
  return null;
}

/** Whether a meeting belongs among past ones: concluded, or ended by its dates while not in
 * session; one in session is current whatever its dates say, and a concluded one is never to come. */
export function isPastMeeting(meeting: { status: MeetingStatus; end: string }, now: string): boolean {
  if (meeting.status === 'concluded') return true;
  if (meeting.status === 'in-session') return false;
  return meeting.end < now;
}

/** Whether the meeting has been held (in session or concluded). Its outcomes — minutes and reports
 * shared for comment or made final, decisions recorded, documents adopted — wait for it: earlier,
 * only an audited override settles them, as a frozen agenda is edited. */
export const isHeld = (status: MeetingStatus) => status === 'in-session' || status === 'concluded';

export const MEETING_NAME_MAX = 300;
export const MEETING_CITY_MAX = 100;
export const MEETING_VENUE_MAX = 300;
export const MEETING_URL_MAX = 500;
export const MEETING_PILLARS_MAX = 10;

/** Roman numerals up to 3999: the number of a ministerial meeting (MISPA IX). */
export const ROMAN_NUMERAL = /^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

/** What every meeting must satisfy as a whole, for a create body or an edit merged with the record. */
export interface MeetingShape {
  kind: MeetingKind;
  number?: string | null | undefined;
  technicalGroup?: string | null | undefined;
  /** The ministerial meeting a preparatory meeting prepares (its slug). */
  prepares?: string | null | undefined;
  hostState?: string | null | undefined;
  city?: string | null | undefined;
  format: MeetingFormat;
  venue?: string | null | undefined;
  onlineUrl?: string | null | undefined;
  timeZone: string;
  start: string;
  end: string;
  registrationDeadline: string;
}

/** Each field that does not fit with the others, and why (a `reason()`; empty when the meeting is coherent). */
export function meetingProblems(m: MeetingShape): Array<{ name: string; reason: string }> {
  const problems: Array<{ name: string; reason: string }> = [];
  const add = (name: string, reason: string) => problems.push({ name, reason });
  if (m.kind === 'ministerial' && !m.number) add('number', reason('reason.meeting.numberRequired'));
  if (m.kind !== 'ministerial' && m.number) add('number', reason('reason.meeting.numberOnly'));
  if (m.kind === 'technical-group' && !m.technicalGroup) add('technicalGroup', reason('reason.meeting.groupRequired'));
  if (m.kind !== 'technical-group' && m.technicalGroup) add('technicalGroup', reason('reason.meeting.groupOnly'));
  if (m.kind !== 'preparatory' && m.prepares) add('prepares', reason('reason.meeting.preparesOnly'));
  const physical = m.format !== 'virtual';
  const requiredFor = reason(`reason.meeting.required.${m.format}`);
  if (physical && !m.venue) add('venue', requiredFor);
  if (physical && !m.city) add('city', requiredFor);
  if (physical && !m.hostState) add('hostState', requiredFor);
  if (m.format !== 'in-person' && !m.onlineUrl) add('onlineUrl', requiredFor);
  if (!isTimeZone(m.timeZone)) return problems;
  const at = (field: 'start' | 'end' | 'registrationDeadline') => {
    const instant = zonedToInstant(m[field], m.timeZone);
    if (!instant) add(field, reason('reason.meeting.skipped', { zone: m.timeZone }));
    return instant;
  };
  const [start, end, deadline] = [at('start'), at('end'), at('registrationDeadline')];
  if (start && end && end <= start) add('end', reason('reason.meeting.endAfterStart'));
  if (start && deadline && deadline >= start) add('registrationDeadline', reason('reason.meeting.deadlineBeforeStart'));
  return problems;
}
