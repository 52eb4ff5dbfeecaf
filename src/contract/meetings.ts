import { z } from 'zod';
import { LANGS, type Lang } from '../domain/languages.js';
import {
  MEETING_CITY_MAX,
  MEETING_FORMATS,
  MEETING_KINDS,
  MEETING_NAME_MAX,
  MEETING_PILLARS_MAX,
  MEETING_STATUSES,
  MEETING_URL_MAX,
  MEETING_VENUE_MAX,
  type MeetingShape,
  meetingProblems,
  ROMAN_NUMERAL,
  TRANSITION_NAMES,
  type Transition,
} from '../domain/meetings.js';
import { reason } from '../domain/reasons.js';
import { hasNul, isOneLine } from '../domain/text.js';
import { isLocalDateTime, isTimeZone } from '../domain/time-zones.js';
import {
  canSchema,
  IsoDateSchema,
  LangSchema,
  LocalizedTextSchema,
  oneLineText,
  PageQuerySchema,
  ProblemSchema,
  SourceSchema,
  slugFilter,
  yearFilter,
} from './common.js';
import {
  BodyCreatedSchema,
  DocumentRefSchema,
  MeetingRefSchema,
  MemberStateRefSchema,
  PillarRefSchema,
  TechnicalGroupRefSchema,
} from './reference.js';

/**
 * Meetings: the historic ones of the reference data (read-only) and those run on the platform —
 * what the secretariat sends to create and edit one, the lifecycle transitions, and every meeting
 * reply. The rules themselves (lifecycle, time zones, coherence) are in src/domain/meetings.ts.
 */

export const MeetingKindSchema = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof MeetingKindSchema>;
export const MeetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof MeetingStatusSchema>;
export const MeetingFormatSchema = z.enum(MEETING_FORMATS);
export type MeetingFormat = z.infer<typeof MeetingFormatSchema>;
export const TransitionSchema = z.enum(TRANSITION_NAMES as [Transition, ...Transition[]]);

// --- Requests ------------------------------------------------------------------------------------

const slugRef = (error: string) => z.string({ error }).regex(/^[a-z0-9-]{1,60}$/, { error });

export const LocalDateTimeSchema = z
  .string({ error: reason('reason.localTime') })
  .refine(isLocalDateTime, { error: reason('reason.localTime') })
  .meta({ description: 'Wall-clock time at the venue, in the meeting’s time zone', example: '2027-03-15T09:00' });

export const TimeZoneSchema = z
  .string({ error: reason('reason.timeZone') })
  .max(64, { error: reason('reason.timeZone') })
  .refine(isTimeZone, { error: reason('reason.timeZone') })
  .meta({ description: 'IANA time zone of the venue', example: 'America/Santo_Domingo' });

const NamesSchema = z
  .object(
    Object.fromEntries(LANGS.map((l) => [l, oneLineText(MEETING_NAME_MAX).optional()])) as Record<
      Lang,
      z.ZodOptional<z.ZodString>
    >,
  )
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
  .max(MEETING_PILLARS_MAX, { error: reason('reason.pillars') })
  .refine((list) => new Set(list).size === list.length, { error: reason('reason.pillars') });

const editable = {
  name: NamesSchema,
  technicalGroup: slugRef(reason('reason.slug.technicalGroup')).nullable().optional(),
  prepares: slugRef(reason('reason.slug.meeting'))
    .nullable()
    .optional()
    .meta({ description: 'A preparatory meeting: the slug of the ministerial meeting it prepares' }),
  hostState: slugRef(reason('reason.slug.memberState')).nullable().optional(),
  city: oneLineText(MEETING_CITY_MAX).nullable().optional(),
  format: MeetingFormatSchema,
  venue: oneLineText(MEETING_VENUE_MAX).nullable().optional(),
  onlineUrl: z
    .url({ protocol: /^https?$/, error: reason('reason.url.web') })
    .max(MEETING_URL_MAX, { error: reason('reason.max.string', { maximum: MEETING_URL_MAX }) })
    .nullable()
    .optional(),
  timeZone: TimeZoneSchema,
  start: LocalDateTimeSchema,
  end: LocalDateTimeSchema,
  registrationDeadline: LocalDateTimeSchema,
  workingLangs: WorkingLangsSchema,
  pillars: PillarsSchema,
};

const addProblems = (m: MeetingShape, ctx: z.RefinementCtx) => {
  for (const p of meetingProblems(m)) ctx.addIssue({ code: 'custom', path: [p.name], message: p.reason, input: m });
};

export const MeetingCreateSchema = z
  .object({
    kind: MeetingKindSchema,
    number: z
      .string({ error: reason('reason.roman') })
      .regex(ROMAN_NUMERAL, { error: reason('reason.roman') })
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

/** Why a step is made before the meeting's dates allow it: one line, kept in the audit trail. */
const OVERRIDE_REASON_MAX = 2000;
const overrideReasonError = reason('reason.line', { min: 1, max: OVERRIDE_REASON_MAX });

export const TransitionBodySchema = z
  .object({
    version: versionField,
    override: z
      .boolean()
      .optional()
      .meta({ description: 'Make the step before the meeting’s dates allow it (meetings.override); needs `reason`' }),
    reason: z
      .string({ error: overrideReasonError })
      .trim()
      .min(1, { error: overrideReasonError })
      .max(OVERRIDE_REASON_MAX, { error: overrideReasonError })
      .refine(isOneLine, { error: reason('reason.oneLine') })
      .optional()
      .meta({ description: 'Why the step is made before the dates allow it: kept in the audit entry' }),
  })
  .strict()
  .nullable()
  .optional()
  .meta({ id: 'MeetingTransition' });

export const MeetingSlugParamsSchema = z.object({
  slug: z
    .string()
    .min(1)
    .max(100)
    .refine((value) => !hasNul(value), reason('reason.noNul')),
});

// --- Replies -------------------------------------------------------------------------------------

/** The operational fields every meeting carries (historic ones: concluded, dates only). */
const meetingOperationalFields = {
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
    prepares: z.string().nullable(),
    start: z.string().nullable(),
    end: z.string().nullable(),
    registrationDeadline: z.string().nullable(),
  })
  .meta({ id: 'MeetingEditable' });

/** How many of its adopted documents each meeting of a list names (the rest are on its page). */
export const LISTED_DOCUMENTS = 3;

export const MeetingSchema = MeetingRefSchema.extend({
  number: z.string().meta({ description: 'Roman numeral of the ministerial meeting' }),
  ordinal: z.number().int(),
  name: LocalizedTextSchema,
  hostState: MemberStateRefSchema.nullable(),
  city: z.string().nullable().meta({ description: 'Null when not recorded' }),
  startDate: IsoDateSchema.nullable(),
  endDate: IsoDateSchema.nullable(),
  documents: z.array(DocumentRefSchema).meta({
    description: `The documents it adopted, in the order of its page: in a list of meetings the first ${LISTED_DOCUMENTS} only, all of them in a meeting's detail`,
  }),
  documentCount: z.number().int().min(0).meta({ description: 'How many documents it adopted in all' }),
  bodies: z.array(BodyCreatedSchema),
  ...meetingOperationalFields,
  technicalGroup: TechnicalGroupRefSchema.nullable().meta({ description: 'The group of a technical-group meeting' }),
}).meta({ id: 'Meeting' });
export type Meeting = z.infer<typeof MeetingSchema>;

export const MeetingDetailSchema = MeetingSchema.extend({
  summary: LocalizedTextSchema.nullable(),
  prepares: MeetingRefSchema.nullable().meta({
    description: 'The ministerial meeting this preparatory meeting prepares',
  }),
  preparedBy: z
    .array(MeetingRefSchema)
    .meta({ description: 'The preparatory meetings that prepare this one, in order' }),
  pillars: z.array(PillarRefSchema),
  sources: z.array(SourceSchema),
  editable: MeetingEditableSchema.nullable().meta({
    description: 'The meeting as the secretariat typed it (names per language, wall-clock times); null when read-only',
  }),
  can: canSchema({
    update: 'Edit the meeting’s details and settings',
    convene: 'Convene it now',
    openRegistration: 'Open its registration now',
    closeRegistration: 'Close its registration now',
    start: 'Open its session now (the meeting’s dates allow it)',
    conclude: 'Conclude it now (the meeting’s dates allow it)',
    cancel: 'Cancel it now',
    override: 'Make a step its dates do not allow yet, with `override: true` and a `reason` (audited)',
    editAgenda: 'Edit its agenda (as the agenda’s `can.edit`)',
    overrideAgenda: 'Edit its frozen agenda with the override (as the agenda’s `can.override`)',
    addDocuments: 'Add documents (as the documents list’s `can.create`)',
    register: 'Register one’s own delegation now (as the delegations list’s `can.register`)',
    registerOthers: 'Register any state or organisation now (as the delegations list’s `can.registerOthers`)',
    manageRecords: 'Draft, share and finalise the minutes and report, record decisions (as the records’ `can.manage`)',
    commentOnRecords: 'Comment on shared minutes and reports (as the records’ `can.comment`)',
  }),
}).meta({ id: 'MeetingDetail' });
export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;

/** A refused change: a stale version or a transition the lifecycle does not allow now. */
export const MeetingConflictSchema = ProblemSchema.extend({
  currentVersion: z.number().int().optional().meta({ description: 'The version the meeting is at now' }),
  currentStatus: MeetingStatusSchema.optional(),
  allowedTransitions: z.array(TransitionSchema).optional(),
  earliestAt: z.iso
    .datetime()
    .optional()
    .meta({ description: 'A step too early for the meeting’s dates: the UTC instant from which they allow it' }),
  canOverride: z
    .boolean()
    .optional()
    .meta({ description: 'A step too early: whether the caller may make it now with `override` and a `reason`' }),
  current: MeetingDetailSchema.optional().meta({ description: 'The meeting as it is now' }),
}).meta({ id: 'MeetingConflict' });

export const MeetingListQuerySchema = PageQuerySchema.extend({
  pillar: slugFilter('pillar'),
  memberState: slugFilter('host member state'),
  year: yearFilter,
  kind: MeetingKindSchema.optional().meta({ description: 'Only meetings of this kind' }),
});
