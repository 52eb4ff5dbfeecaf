import { z } from 'zod';
import { LANGS } from '../domain/languages.js';
import {
  COMMENT_MAX,
  DECISION_MAX,
  DECISIONS_MAX,
  RECORD_BODY_MAX,
  RECORD_KINDS,
  RECORD_STATUSES,
} from '../domain/meeting-records.js';
import { reason } from '../domain/reasons.js';
import { canSchema, IdOrSlugParamsSchema, multilineText as longText } from './common.js';

/**
 * Minutes and reports of a meeting, drafted by the secretariat, shared with the delegations for
 * comment, then made final (public, locked: editing starts a new version, every version kept); the
 * concluding record's decisions; and a technical group's minutes in sequence.
 *
 * Records and decisions have no edit counter of their own, so the concurrency token is `updatedAt`,
 * which the server keeps strictly increasing: an edit names the `updatedAt` it read.
 */

export const RecordKindSchema = z.enum(RECORD_KINDS);
export type RecordKind = z.infer<typeof RecordKindSchema>;
export const RecordStatusSchema = z.enum(RECORD_STATUSES);
export type RecordStatus = z.infer<typeof RecordStatusSchema>;

const langField = z.enum(LANGS);

const readAt = z.iso.datetime({ error: reason('reason.updatedAt') });
/** Settling an outcome before the meeting is held (sharing, finalising, decisions) needs the override. */
const overrideField = z.boolean().optional().meta({
  description:
    'Make the change before the meeting is held (in session or concluded): meeting-records.override, audited as an override',
});

export const RecordWriteSchema = z
  .object({
    lang: langField.meta({ description: 'The language the text is written in' }),
    body: longText(RECORD_BODY_MAX).meta({
      description:
        'The text as HTML. Stored sanitised: only p, br, h4, h5 (h1–h3 become h4, h6 h5), ul, ol, li, strong (or b), em (or i) and a with an http, https or mailto href are kept; any other element is dropped (a script or style with its content), and any other attribute. Plain text is taken as HTML text',
    }),
    updatedAt: readAt
      .nullable()
      .meta({ description: 'The updatedAt of the newest version read; null to write the first one' }),
  })
  .strict()
  .meta({ id: 'RecordWrite' });
export type RecordWrite = z.infer<typeof RecordWriteSchema>;

export const RecordTransitionSchema = z
  .object({ updatedAt: readAt, override: overrideField })
  .strict()
  .meta({ id: 'RecordTransition' });
export type RecordTransition = z.infer<typeof RecordTransitionSchema>;

export const CommentCreateSchema = z
  .object({ body: longText(COMMENT_MAX) })
  .strict()
  .meta({ id: 'RecordCommentCreate' });
export type CommentCreate = z.infer<typeof CommentCreateSchema>;

export const RecordCommentSchema = z
  .object({
    id: z.string(),
    author: z.string().nullable().meta({ description: 'Display name of the author' }),
    memberState: z.string().nullable().meta({ description: 'Slug of the state the comment speaks for' }),
    body: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'RecordComment' });

export const RecordVersionSummarySchema = z
  .object({
    kind: RecordKindSchema,
    version: z.number().int(),
    status: RecordStatusSchema,
    lang: langField,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'RecordVersionSummary' });
export type RecordVersionSummary = z.infer<typeof RecordVersionSummarySchema>;

export const RecordVersionSchema = RecordVersionSummarySchema.extend({
  body: z
    .string()
    .meta({ description: 'The text as sanitised HTML (see RecordWrite), safe to put into a page as it is' }),
  comments: z.array(RecordCommentSchema).meta({
    description: 'The secretariat sees all; a delegation only its own state’s; the public none',
  }),
  can: canSchema({
    edit: 'Write the text anew from this version, the newest (after a final one, as the next draft)',
    share: 'Share this version with the delegations for comment (the newest, while a draft, once the meeting is held)',
    finalise: 'Make this version final (the newest, while not final, once the meeting is held)',
    override: 'Share or finalise this version before the meeting is held, with `override: true` (audited)',
    comment: 'Comment on this version on behalf of one’s state (while shared)',
  }),
}).meta({ id: 'RecordVersion' });
export type RecordVersion = z.infer<typeof RecordVersionSchema>;

export const RecordVersionListSchema = z
  .object({ items: z.array(RecordVersionSummarySchema).meta({ description: 'Newest first; only those you may read' }) })
  .meta({ id: 'RecordVersionList' });
export type RecordVersionList = z.infer<typeof RecordVersionListSchema>;

const ref = z.string().max(100, { error: reason('reason.slug.document') });
export const DecisionInputSchema = z
  .object({
    lang: langField,
    text: longText(DECISION_MAX),
    document: ref.nullable().default(null).meta({ description: 'Slug of an adopted outcome document' }),
    meetingDocumentId: z
      .uuid({ error: reason('reason.id.meetingDocument') })
      .nullable()
      .default(null),
    override: overrideField,
  })
  .strict();
export const DecisionCreateSchema = DecisionInputSchema.meta({ id: 'DecisionCreate' });
export type DecisionCreate = z.input<typeof DecisionCreateSchema>;
export const DecisionUpdateSchema = DecisionInputSchema.extend({ updatedAt: readAt })
  .strict()
  .meta({ id: 'DecisionUpdate' });
export type DecisionUpdate = z.input<typeof DecisionUpdateSchema>;
export const DecisionDeleteSchema = RecordTransitionSchema.meta({ id: 'DecisionDelete' });

/** A reorder names every decision with the updatedAt it read: any change since (an edit, an
 * addition, another reorder) makes it a 409, so two reorders never silently overwrite each other. */
export const DecisionOrderSchema = z
  .object({
    items: z
      .array(z.object({ id: z.uuid({ error: reason('reason.id.decision') }), updatedAt: readAt }).strict(), {
        error: reason('reason.decisions.order'),
      })
      .max(DECISIONS_MAX, { error: reason('reason.decisions.max', { max: DECISIONS_MAX }) }),
    override: overrideField,
  })
  .strict()
  .meta({ id: 'DecisionOrder' });
export type DecisionOrder = z.infer<typeof DecisionOrderSchema>;

export const DecisionSchema = z
  .object({
    id: z.string(),
    position: z.number().int(),
    lang: langField,
    text: z.string(),
    document: z.object({ slug: z.string(), symbol: z.string().nullable() }).nullable(),
    meetingDocument: z.object({ id: z.string(), symbol: z.string().nullable() }).nullable(),
    updatedAt: z.iso.datetime(),
    can: canSchema({
      update: 'Edit the decision (once the meeting is held)',
      delete: 'Remove the decision (once the meeting is held)',
      override: 'Edit or remove it before the meeting is held, with `override: true` (audited)',
    }),
  })
  .meta({ id: 'Decision' });
export type Decision = z.infer<typeof DecisionSchema>;

export const DecisionListSchema = z
  .object({
    items: z.array(DecisionSchema),
    can: canSchema({
      create: 'Record a decision (once the meeting is held)',
      reorder: 'Put the decisions in another order (once the meeting is held)',
      override: 'Record or reorder decisions before the meeting is held, with `override: true` (audited)',
    }),
  })
  .meta({ id: 'DecisionList' });
export type DecisionList = z.infer<typeof DecisionListSchema>;

export const RecordsOverviewSchema = z
  .object({
    meeting: z.object({
      id: z.string(),
      slug: z.string(),
      kind: z.string(),
      status: z.string(),
      technicalGroup: z.string().nullable().meta({ description: 'Slug of the group a technical-group meeting serves' }),
    }),
    minutes: z.array(RecordVersionSummarySchema),
    report: z.array(RecordVersionSummarySchema),
    decisions: DecisionListSchema.nullable().meta({ description: 'Null when you may not read them yet' }),
    can: canSchema({
      manage: 'Draft, edit, share and finalise the minutes and the report, and record decisions',
      comment: 'Comment on shared versions on behalf of one’s state',
    }),
  })
  .meta({ id: 'RecordsOverview' });
export type RecordsOverview = z.infer<typeof RecordsOverviewSchema>;

export const SeriesSchema = z
  .object({
    group: z.object({ id: z.string(), slug: z.string() }),
    items: z.array(
      z.object({
        meeting: z.object({ slug: z.string(), startsAt: z.iso.datetime().nullable() }),
        minutes: RecordVersionSummarySchema.extend({ body: z.string().meta({ description: 'Sanitised HTML' }) }),
        previous: z.string().nullable().meta({ description: 'Slug of the meeting whose minutes come before' }),
      }),
    ),
  })
  .meta({ id: 'MinutesSeries' });
export type Series = z.infer<typeof SeriesSchema>;

export const RecordsParamsSchema = IdOrSlugParamsSchema;
export const RecordKindParamsSchema = RecordsParamsSchema.extend({ kind: RecordKindSchema });
export const RecordVersionParamsSchema = RecordKindParamsSchema.extend({
  version: z.coerce
    .number({ error: reason('reason.versionNumber') })
    .int({ error: reason('reason.versionNumber') })
    .min(1, { error: reason('reason.versionNumber') })
    .max(1_000_000, { error: reason('reason.versionNumber') }),
});
export const DecisionParamsSchema = RecordsParamsSchema.extend({ id: z.uuid({ error: reason('reason.id.decision') }) });
