import { z } from 'zod';
import { LANGS, type Lang, LangSchema, reason } from './common.js';

/**
 * Meetings run on the platform: what the secretariat sends to create and edit one, the lifecycle
 * transitions, and the operational fields every meeting reply carries (reference.ts adds them to
 * `Meeting`). Pure zod and Intl, so the portal validates and formats with the same rules.
 */

export const MEETING_KINDS = ['ministerial', 'preparatory', 'technical-group'] as const;
export const MeetingKindSchema = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof MeetingKindSchema>;

export const MEETING_STATUSES = [
  'draft',
  'convened',
  'registration-open',
  'registration-closed',
  'in-session',
  'concluded',
  'cancelled',
] as const;
export const MeetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof MeetingStatusSchema>;

export const MEETING_FORMATS = ['in-person', 'virtual', 'hybrid'] as const;
export const MeetingFormatSchema = z.enum(MEETING_FORMATS);
export type MeetingFormat = z.infer<typeof MeetingFormatSchema>;

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
export const TransitionSchema = z.enum(TRANSITION_NAMES as [Transition, ...Transition[]]);

/** The transitions the lifecycle allows from `status` (whoever asks). */
export function transitionsFrom(status: MeetingStatus): Transition[] {
  return TRANSITION_NAMES.filter((name) => (TRANSITIONS[name].from as readonly MeetingStatus[]).includes(status));
}

// --- Time zones and wall-clock times -------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Is `zone` an IANA time zone this runtime knows (e.g. America/Santo_Domingo)? */
export function isTimeZone(zone: string): boolean {
  // Only Area/Location names (and UTC): offsets such as "+05:00" are not the venue's zone.
  if (!/^(?:[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){1,2}|UTC)$/.test(zone)) return false;
  try {
    partsFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at `instant` in `timeZone`, as `YYYY-MM-DDTHH:mm:ss`. */
export function wallClock(instant: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (east positive). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const local = Date.parse(`${wallClock(instant, timeZone)}Z`);
  return Math.round((local - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time `YYYY-MM-DDTHH:mm` names in `timeZone`; null when the clocks skip
 * it (the hour lost when daylight saving time starts). A time that happens twice (the hour repeated
 * when it ends) is its first occurrence.
 */
export function zonedToInstant(local: string, timeZone: string): Date | null {
  const asUtc = Date.parse(`${local.slice(0, 16)}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  // The offset a few hours either side: one of the two is right, the earlier wins on a repeat.
  const candidates = [-12, 12]
    .map((h) => zoneOffsetMinutes(new Date(asUtc + h * 3_600_000), timeZone))
    .map((offset) => new Date(asUtc - offset * 60_000))
    .filter((instant) => wallClock(instant, timeZone).slice(0, 16) === local.slice(0, 16))
    .sort((a, b) => a.getTime() - b.getTime());
  return candidates[0] ?? null;
}

// --- Requests ------------------------------------------------------------------------------------

const ROMAN = /^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const LOCAL_TIME = /^(20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):([0-5]\d)$/;

const line = (max: number) => {
  const error = reason('reason.line', { min: 1, max });
  return z
    .string({ error })
    .trim()
    .min(1, { error })
    .max(max, { error })
    .refine((v) => !CONTROL.test(v), { error: reason('reason.oneLine') });
};
const slugRef = (error: string) => z.string({ error }).regex(/^[a-z0-9-]{1,60}$/, { error });

export const LocalDateTimeSchema = z
  .string({ error: reason('reason.localTime') })
  .refine((v) => LOCAL_TIME.test(v) && !Number.isNaN(Date.parse(`${v}:00Z`)) && validDay(v), {
    error: reason('reason.localTime'),
  })
  .meta({ description: 'Wall-clock time at the venue, in the meeting’s time zone', example: '2027-03-15T09:00' });

/** 2027-02-30 parses in some engines: the day must exist in its month. */
function validDay(v: string): boolean {
  const d = new Date(`${v.slice(0, 10)}T00:00:00Z`);
  return d.toISOString().slice(0, 10) === v.slice(0, 10);
}

export const TimeZoneSchema = z
  .string({ error: reason('reason.timeZone') })
  .max(64, { error: reason('reason.timeZone') })
  .refine(isTimeZone, { error: reason('reason.timeZone') })
  .meta({ description: 'IANA time zone of the venue', example: 'America/Santo_Domingo' });

const NamesSchema = z
  .object(Object.fromEntries(LANGS.map((l) => [l, line(300).optional()])) as Record<Lang, z.ZodOptional<z.ZodString>>)
  .strict()
  .refine((names) => LANGS.some((l) => names[l] !== undefined), {
    error: reason('reason.names'),
  })
  .meta({ description: 'The meeting’s name in one or more of en, es, fr, pt' });

const WorkingLangsSchema = z
  .array(LangSchema, { error: reason('reason.langs') })
  .min(1, { error: reason('reason.langs.min') })
  .max(LANGS.length, { error: reason('reason.langs.unique') })
  .refine((list) => new Set(list).size === list.length, { error: reason('reason.langs.unique') });

const PillarsSchema = z
  .array(slugRef(reason('reason.slug.pillar')), { error: reason('reason.pillars') })
  .max(10, { error: reason('reason.pillars') })
  .refine((list) => new Set(list).size === list.length, { error: reason('reason.pillars') });

const editable = {
  name: NamesSchema,
  technicalGroup: slugRef(reason('reason.slug.technicalGroup')).nullable().optional(),
  hostState: slugRef(reason('reason.slug.memberState')).nullable().optional(),
  city: line(100).nullable().optional(),
  format: MeetingFormatSchema,
  venue: line(300).nullable().optional(),
  onlineUrl: z
    .url({ protocol: /^https?$/, error: reason('reason.url.web') })
    .max(500, { error: reason('reason.max.string', { maximum: 500 }) })
    .nullable()
    .optional(),
  timeZone: TimeZoneSchema,
  start: LocalDateTimeSchema,
  end: LocalDateTimeSchema,
  registrationDeadline: LocalDateTimeSchema,
  workingLangs: WorkingLangsSchema,
  pillars: PillarsSchema,
};

/** What every meeting must satisfy as a whole, for a create body or an edit merged with the record. */
export interface MeetingShape {
  kind: MeetingKind;
  number?: string | null | undefined;
  technicalGroup?: string | null | undefined;
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

const addProblems = (m: MeetingShape, ctx: z.RefinementCtx) => {
  for (const p of meetingProblems(m)) ctx.addIssue({ code: 'custom', path: [p.name], message: p.reason, input: m });
};

export const MeetingCreateSchema = z
  .object({
    kind: MeetingKindSchema,
    number: z
      .string({ error: reason('reason.roman') })
      .regex(ROMAN, { error: reason('reason.roman') })
      .max(12, { error: reason('reason.roman') })
      .nullable()
      .optional()
      .meta({ description: 'Roman numeral of a ministerial meeting; its short name is MISPA <number>' }),
    ...editable,
    pillars: PillarsSchema.default([]),
  })
  .strict()
  .superRefine(addProblems)
  .meta({ id: 'MeetingCreate' });
export type MeetingCreate = z.input<typeof MeetingCreateSchema>;

const versionField = z
  .number({ error: reason('reason.version') })
  .int({ error: reason('reason.version') })
  .min(1, { error: reason('reason.version') })
  .optional()
  .meta({ description: 'The version the change was made from (or send If-Match: "<version>")' });

/** An edit: any of the editable fields, and the version it was made from. Kind and number stay,
 * since the slug, the short name and calendar entries are derived from them. */
export const MeetingUpdateSchema = z
  .object(editable)
  .partial()
  .extend({ version: versionField })
  .strict()
  .meta({ id: 'MeetingUpdate' });
export type MeetingUpdate = z.input<typeof MeetingUpdateSchema>;

export const TransitionBodySchema = z
  .object({ version: versionField })
  .strict()
  .nullable()
  .optional()
  .meta({ id: 'MeetingTransition' });

export const MeetingSlugParamsSchema = z.object({
  slug: z
    .string()
    .min(1)
    .max(100)
    .refine((value) => !value.includes('\0'), reason('reason.noNul')),
});

// --- Replies -------------------------------------------------------------------------------------

/** The operational fields every meeting carries (historic ones: concluded, dates only). */
export const meetingOperationalFields = {
  managedBy: z.enum(['reference', 'platform']).meta({ description: 'reference: historic, read-only' }),
  kind: MeetingKindSchema,
  status: MeetingStatusSchema,
  format: MeetingFormatSchema.nullable(),
  venue: z.string().nullable(),
  onlineUrl: z.string().nullable().meta({ description: 'Given once the meeting is convened' }),
  timeZone: z.string().nullable().meta({ description: 'IANA time zone of the venue' }),
  startsAt: z.iso.datetime().nullable().meta({ description: 'UTC instant' }),
  endsAt: z.iso.datetime().nullable().meta({ description: 'UTC instant' }),
  registrationDeadline: z.iso.datetime().nullable().meta({ description: 'UTC instant' }),
  workingLangs: z.array(LangSchema),
  version: z.number().int(),
  allowedTransitions: z
    .array(TransitionSchema)
    .meta({ description: 'The transitions the caller may make now: the lifecycle and their permissions' }),
};

/** The meeting as typed in (for the edit form): names per language and wall-clock times. */
export const MeetingEditableSchema = z
  .object({
    names: z.partialRecord(LangSchema, z.string()),
    hostState: z.string().nullable(),
    technicalGroup: z.string().nullable(),
    start: z.string().nullable(),
    end: z.string().nullable(),
    registrationDeadline: z.string().nullable(),
  })
  .meta({ id: 'MeetingEditable' });
