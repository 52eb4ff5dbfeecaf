import { z } from 'zod';
import {
  DELEGATION_STATUSES,
  MAX_PARTICIPANTS,
  PARTICIPANT_CATEGORIES,
  PARTICIPANT_ROLES,
  REASON_MAX,
  TEXT_MAX,
  VISIBILITIES,
} from '../domain/delegations.js';
import { reason } from '../domain/reasons.js';
import { EMAIL_MAX, isOneLine } from '../domain/text.js';
import { canSchema, IdOrSlugParamsSchema, LangSchema, LocalizedTextSchema, ProblemSchema } from './common.js';
import { MemberStateRefSchema } from './reference.js';

/**
 * Delegations to a meeting and the published list of participants (issue 4). A delegation is a
 * member state's (category `delegation`), a partner's or another organisation's (`observer`), or an
 * entry of the secretariat's own (`secretariat`, `press`, `guest`). Every edit names the version it
 * read; a stale one is answered 409 with the current record.
 */

export const ParticipantCategorySchema = z.enum(PARTICIPANT_CATEGORIES).meta({ id: 'ParticipantCategory' });
export type ParticipantCategory = z.infer<typeof ParticipantCategorySchema>;

export const ParticipantRoleSchema = z.enum(PARTICIPANT_ROLES).meta({ id: 'ParticipantRole' });
export type ParticipantRole = z.infer<typeof ParticipantRoleSchema>;

export const DelegationStatusSchema = z.enum(DELEGATION_STATUSES).meta({ id: 'DelegationStatus' });
export type DelegationStatus = z.infer<typeof DelegationStatusSchema>;

export const VisibilitySchema = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof VisibilitySchema>;

const line = (min: number, max = TEXT_MAX) => {
  const error = reason('reason.line', { min, max });
  return z
    .string({ error })
    .trim()
    .min(min, { error })
    .max(max, { error })
    .refine(isOneLine, { error: reason('reason.oneLine') });
};
/** An optional text: absent, null or blank all mean none (the service stores null). */
const optionalLine = () => line(0).nullable().optional();

const versionError = reason('reason.version');
export const VersionSchema = z
  .number({ error: versionError })
  .int({ error: versionError })
  .min(1, { error: versionError })
  .max(2_147_483_647, { error: versionError })
  .meta({ description: 'The version of the record you read; a stale one is answered 409 with the current record' });

const slugError = reason('reason.slug');
const slug = z.string({ error: slugError }).regex(/^[a-z0-9][a-z0-9-]{0,99}$/, { error: slugError });

export const ParticipantInputSchema = z
  .object({
    role: ParticipantRoleSchema,
    name: line(1),
    title: optionalLine(),
    institution: optionalLine(),
    email: z
      .email({ error: reason('reason.format.email') })
      .max(EMAIL_MAX, { error: reason('reason.format.email') })
      .nullable()
      .optional(),
  })
  .strict()
  .meta({ description: 'A participant as registered' });
export type ParticipantInput = z.infer<typeof ParticipantInputSchema>;

export const ParticipantListSchema = z
  .array(ParticipantInputSchema, { error: reason('reason.participants', { max: MAX_PARTICIPANTS }) })
  .max(MAX_PARTICIPANTS, { error: reason('reason.participants', { max: MAX_PARTICIPANTS }) })
  .refine((list) => list.filter((p) => p.role === 'head').length <= 1, {
    error: reason('reason.participants.head'),
  })
  .meta({ description: 'The whole list, in order; it replaces the previous one' });

export const DelegationCreateSchema = z
  .object({
    category: ParticipantCategorySchema,
    memberState: slug.optional().meta({ description: 'The member state (category delegation), e.g. `ec`' }),
    partner: slug
      .optional()
      .meta({ description: 'The partner organisation (an observer); a partner’s own by default' }),
    organisation: optionalLine().meta({
      description: 'The organisation (observer not in the partner list, secretariat, press, guest)',
    }),
    participants: ParticipantListSchema,
    submit: z.boolean().optional().meta({
      description: 'Submit for accreditation at once; otherwise it is saved as a draft',
    }),
  })
  .strict()
  .meta({ id: 'DelegationCreate' });
export type DelegationCreate = z.infer<typeof DelegationCreateSchema>;

export const DelegationUpdateSchema = z
  .object({
    version: VersionSchema,
    participants: ParticipantListSchema,
    organisation: optionalLine(),
    submit: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'DelegationUpdate' });
export type DelegationUpdate = z.infer<typeof DelegationUpdateSchema>;

export const VersionBodySchema = z.object({ version: VersionSchema }).strict().meta({ id: 'VersionBody' });
export type VersionBody = z.infer<typeof VersionBodySchema>;

export const ReasonBodySchema = z
  .object({ version: VersionSchema, reason: line(1, REASON_MAX) })
  .strict()
  .meta({ id: 'ReasonBody' });
export type ReasonBody = z.infer<typeof ReasonBodySchema>;

export const AccreditBodySchema = z
  .object({
    version: VersionSchema,
    reason: line(1, REASON_MAX)
      .optional()
      .meta({ description: 'Why it is accredited without credentials: required when none were uploaded, audited' }),
  })
  .strict()
  .meta({ id: 'AccreditBody' });
export type AccreditBody = z.infer<typeof AccreditBodySchema>;

export const ChangeDecisionSchema = z
  .object({ reason: line(1, REASON_MAX).optional() })
  .strict()
  .meta({ id: 'DelegationChangeDecision' });
export type ChangeDecision = z.infer<typeof ChangeDecisionSchema>;

export const ParticipantSchema = z
  .object({
    role: ParticipantRoleSchema,
    name: z.string(),
    title: z.string().nullable(),
    institution: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta({ id: 'Participant' });
export type Participant = z.infer<typeof ParticipantSchema>;

export const DelegationChangeSchema = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'approved', 'rejected']),
    participants: z.array(ParticipantSchema),
    reason: z.string().nullable().meta({ description: 'Why it was rejected' }),
    requestedAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'DelegationChange' });
export type DelegationChange = z.infer<typeof DelegationChangeSchema>;

export const DelegationCredentialsSchema = z
  .object({
    name: z.string().meta({ description: 'The file’s name as uploaded' }),
    size: z.number().int().meta({ description: 'In bytes' }),
    mediaType: z.string().meta({ description: 'Detected from the file’s bytes' }),
    uploadedAt: z.iso.datetime(),
    url: z.string().meta({ description: 'Where to download it' }),
  })
  .meta({ id: 'DelegationCredentials' });
export type DelegationCredentials = z.infer<typeof DelegationCredentialsSchema>;

export const DelegationSchema = z
  .object({
    id: z.string(),
    meeting: z.string().meta({ description: 'The meeting’s slug' }),
    category: ParticipantCategorySchema,
    memberState: MemberStateRefSchema.nullable(),
    partner: z.object({ id: z.string(), slug: z.string(), name: LocalizedTextSchema.nullable() }).nullable(),
    organisation: z.string().nullable(),
    status: DelegationStatusSchema,
    returnReason: z.string().nullable(),
    participants: z.array(ParticipantSchema),
    submittedAt: z.iso.datetime().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    hasCredentials: z.boolean(),
    credentials: DelegationCredentialsSchema.nullable().meta({ description: 'The note verbale, once uploaded' }),
    version: z.number().int(),
    changes: z.array(DelegationChangeSchema).meta({ description: 'Edits asked for after the deadline, newest first' }),
    can: canSchema({
      update: 'Save the participant list (after the deadline a state’s edit waits for review)',
      submit: 'Send the registration for accreditation',
      uploadCredentials: 'Upload the credentials (the note verbale)',
      accredit: 'Accredit the registration',
      return: 'Return the registration with a reason',
      decideChanges: 'Approve or reject edits asked for after the deadline',
    }),
  })
  .meta({ id: 'Delegation' });
export type Delegation = z.infer<typeof DelegationSchema>;

export const DelegationListSchema = z
  .object({
    lang: LangSchema,
    items: z.array(DelegationSchema),
    can: canSchema({
      readAll: 'Read the registration of every state and organisation (otherwise only one’s own)',
      register: 'Register a delegation now (one’s own state or organisation)',
      registerOthers: 'Register a delegation now for any state or organisation',
    }),
  })
  .meta({ id: 'DelegationList' });
export type DelegationList = z.infer<typeof DelegationListSchema>;

export const DelegationListQuerySchema = z.object({
  status: DelegationStatusSchema.optional(),
  category: ParticipantCategorySchema.optional(),
  lang: LangSchema.optional(),
});
export type DelegationListQuery = z.infer<typeof DelegationListQuerySchema>;

/** The meeting is named as every meeting route names it (`idOrSlug`), so the routes share one tree. */
export const MeetingParamsSchema = IdOrSlugParamsSchema;
export const DelegationParamsSchema = IdOrSlugParamsSchema.extend({
  id: z.uuid({ error: reason('reason.id.delegation') }),
});
export const ChangeParamsSchema = DelegationParamsSchema.extend({
  changeId: z.uuid({ error: reason('reason.id.change') }),
});

/** A write refused because the record changed since it was read: the current one comes along. */
export const DelegationConflictSchema = ProblemSchema.extend({
  currentVersion: z.number().int().optional(),
  current: DelegationSchema.optional(),
}).meta({ id: 'DelegationConflict' });

// The published list.

export const ParticipantVisibilitySchema = z
  .object(
    Object.fromEntries(PARTICIPANT_CATEGORIES.map((c) => [c, VisibilitySchema])) as Record<
      ParticipantCategory,
      typeof VisibilitySchema
    >,
  )
  .strict()
  .meta({ id: 'ParticipantVisibility' });
export type ParticipantVisibility = z.infer<typeof ParticipantVisibilitySchema>;

export const VisibilityUpdateSchema = z
  .object({ version: VersionSchema, visibility: ParticipantVisibilitySchema })
  .strict()
  .meta({ id: 'ParticipantVisibilityUpdate' });
export type VisibilityUpdate = z.infer<typeof VisibilityUpdateSchema>;

export const VisibilityReplySchema = z
  .object({ version: z.number().int(), visibility: ParticipantVisibilitySchema })
  .meta({ id: 'ParticipantVisibilityReply' });
export type VisibilityReply = z.infer<typeof VisibilityReplySchema>;

export const PublishedParticipantSchema = ParticipantSchema.omit({ email: true }).meta({ id: 'PublishedParticipant' });

export const ParticipantGroupSchema = z
  .object({
    label: z.string().meta({ description: 'The state’s name in the reader’s language, or the organisation' }),
    memberState: MemberStateRefSchema.nullable(),
    participants: z.array(PublishedParticipantSchema),
  })
  .meta({ id: 'ParticipantGroup' });
export type ParticipantGroup = z.infer<typeof ParticipantGroupSchema>;

export const PublishedListSchema = z
  .object({
    lang: LangSchema,
    meeting: z.object({ slug: z.string(), name: LocalizedTextSchema.nullable(), version: z.number().int() }),
    visibility: ParticipantVisibilitySchema,
    categories: z.array(
      z.object({
        category: ParticipantCategorySchema,
        visibility: VisibilitySchema,
        groups: z.array(ParticipantGroupSchema),
      }),
    ),
    can: canSchema({ changeVisibility: 'Set who sees each category of the list (a setting of the meeting)' }),
  })
  .meta({ id: 'PublishedParticipants' });
export type PublishedList = z.infer<typeof PublishedListSchema>;

export const PublishedQuerySchema = z.object({ lang: LangSchema.optional() });
