import { z } from 'zod';
import {
  AGREEMENTS,
  ALTERNATIVES_MAX,
  ALTERNATIVES_MIN,
  AMENDMENT_KINDS,
  AMENDMENT_STATUSES,
  COMMENT_MAX,
  DIFF_OPS,
  FOOTNOTE_KINDS,
  MERGE_MAX,
  RATIONALE_MAX,
  STANCES,
} from '../domain/negotiation.js';
import { PARAGRAPH_KINDS, PARAGRAPH_TEXT_MAX } from '../domain/outcome-documents.js';
import { reason } from '../domain/reasons.js';
import { canSchema, LangSchema, multilineText as longText } from './common.js';
import { VersionSchema } from './delegations.js';
import {
  DocumentNodeSchema,
  NodeParamsSchema,
  NodeTextInputSchema,
  OutcomeDocumentParamsSchema,
} from './outcome-documents.js';
import { MemberStateRefSchema } from './reference.js';

/**
 * Negotiating an outcome document (issue 13): amendments with the states' support and objections,
 * word-level diffs, versions and their comparison, brackets, a paragraph's agreement, footnotes and
 * what blocks adoption.
 */

export const DiffPartSchema = z
  .object({ op: z.enum(DIFF_OPS), text: z.string() })
  .meta({ id: 'DiffPart', description: 'A run of words kept, added or removed' });
export type DiffPart = z.infer<typeof DiffPartSchema>;

const PositionSchema = z
  .object({ state: MemberStateRefSchema, comment: z.string().nullable(), at: z.string() })
  .meta({ id: 'AmendmentPosition' });

export const AmendmentSchema = z
  .object({
    id: z.string(),
    kind: z.enum(AMENDMENT_KINDS),
    state: MemberStateRefSchema.nullable().meta({ description: 'On whose behalf; null for the chair’s merged text' }),
    nodeId: z
      .string()
      .meta({ description: 'The paragraph replaced, deleted or moved; for an insertion, the one it follows' }),
    afterId: z.string().nullable().meta({ description: 'A move: the node it goes after (null: first in its section)' }),
    paragraphKind: z.enum(PARAGRAPH_KINDS).nullable(),
    text: z.string().nullable().meta({ description: 'The text proposed (replace, insert)' }),
    rationale: z.string(),
    status: z.enum(AMENDMENT_STATUSES),
    mergedInto: z.string().nullable().meta({ description: 'The chair’s text this one was merged into' }),
    newNodeId: z.string().nullable().meta({ description: 'The paragraph an accepted insertion made' }),
    basedOnVersion: z.number().int(),
    current: z.string().nullable().meta({ description: 'The paragraph’s text now (null once it is gone)' }),
    diff: z.array(DiffPartSchema).meta({
      description:
        'Word-level diff from the current text to the proposal (replace, insert: all added; delete: all removed; move: empty)',
    }),
    supporters: z.array(PositionSchema),
    objectors: z.array(PositionSchema),
    proposedAt: z.string(),
    decidedAt: z.string().nullable(),
    can: canSchema({
      position: 'Support or object on behalf of the reader’s state',
      decide: 'Accept or reject it (the chair)',
    }),
  })
  .meta({ id: 'Amendment' });
export type Amendment = z.infer<typeof AmendmentSchema>;

export const AmendmentListSchema = z.object({ items: z.array(AmendmentSchema) }).meta({ id: 'AmendmentList' });

export const AmendmentListQuerySchema = z
  .object({
    status: z.enum(AMENDMENT_STATUSES).optional().meta({ description: 'Only those in this status' }),
    lang: LangSchema.optional(),
  })
  .strict();

const ParagraphTextSchema = NodeTextInputSchema;

const stateError = reason('reason.outcome.state');
export const StateSlugSchema = z
  .string({ error: stateError })
  .regex(/^[a-z]{2}$/, { error: stateError })
  .meta({ description: 'The member state, by its slug (ISO 3166-1 alpha-2, e.g. ec): the reader’s own' });

const idError = reason('reason.id.node');
const NodeIdSchema = z.uuid({ error: idError });

export const AmendmentCreateSchema = z
  .object({
    version: VersionSchema,
    state: StateSlugSchema,
    kind: z.enum(AMENDMENT_KINDS),
    nodeId: NodeIdSchema.meta({
      description: 'The paragraph replaced, deleted or moved; for an insertion, the one it follows',
    }),
    afterId: NodeIdSchema.nullable()
      .optional()
      .meta({ description: 'A move: the node it goes after; null for the first place in its section' }),
    paragraphKind: z
      .enum(PARAGRAPH_KINDS)
      .optional()
      .meta({ description: 'An insertion: the new paragraph’s kind (that of the one it follows when absent)' }),
    text: ParagraphTextSchema.optional().meta({
      description: 'The text proposed: required to replace or insert, refused otherwise',
    }),
    rationale: longText(RATIONALE_MAX),
  })
  .strict()
  .superRefine((value, ctx) => {
    const wantsText = value.kind === 'replace' || value.kind === 'insert';
    if (wantsText !== (value.text !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: reason(wantsText ? 'reason.amendment.textNeeded' : 'reason.amendment.noText'),
      });
    if (value.kind !== 'move' && value.afterId !== undefined)
      ctx.addIssue({ code: 'custom', path: ['afterId'], message: reason('reason.amendment.moveOnly') });
    if (value.kind === 'move' && value.afterId === undefined)
      ctx.addIssue({ code: 'custom', path: ['afterId'], message: reason('reason.amendment.afterNeeded') });
    if (value.kind !== 'insert' && value.paragraphKind !== undefined)
      ctx.addIssue({ code: 'custom', path: ['paragraphKind'], message: reason('reason.amendment.insertOnly') });
  })
  .meta({ id: 'AmendmentCreate' });
export type AmendmentCreate = z.infer<typeof AmendmentCreateSchema>;

export const PositionCreateSchema = z
  .object({
    state: StateSlugSchema,
    stance: z.enum(STANCES),
    comment: longText(COMMENT_MAX).optional().meta({ description: 'Why; required to object' }),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.stance === 'object' && value.comment === undefined)
      ctx.addIssue({ code: 'custom', path: ['comment'], message: reason('reason.amendment.commentNeeded') });
  })
  .meta({ id: 'AmendmentPositionCreate' });
export type PositionCreate = z.infer<typeof PositionCreateSchema>;

export const AmendmentDecisionSchema = z
  .object({ version: VersionSchema })
  .strict()
  .meta({ id: 'AmendmentDecision', description: 'The version of the document read' });

const mergeError = reason('reason.amendment.merge', { max: MERGE_MAX });
export const AmendmentMergeSchema = z
  .object({
    version: VersionSchema,
    amendments: z
      .array(z.uuid({ error: mergeError }), { error: mergeError })
      .min(2, { error: mergeError })
      .max(MERGE_MAX, { error: mergeError })
      .refine((ids) => new Set(ids).size === ids.length, { error: mergeError })
      .meta({ description: 'The pending amendments to one paragraph merged into the chair’s text' }),
    text: ParagraphTextSchema.meta({ description: 'The chair’s text for the paragraph' }),
    rationale: longText(RATIONALE_MAX),
  })
  .strict()
  .meta({ id: 'AmendmentMerge' });
export type AmendmentMerge = z.infer<typeof AmendmentMergeSchema>;

export const AmendmentParamsSchema = OutcomeDocumentParamsSchema.extend({
  amendmentId: z.uuid({ error: reason('reason.id.amendment') }),
});

// Versions: who changed what and when; any two compare paragraph by paragraph.

export const VersionSummarySchema = z
  .object({
    number: z.number().int().meta({ description: 'The document’s version once the change was made' }),
    revision: z.number().int().meta({ description: 'The consolidated revision it belongs to (rev. N)' }),
    action: z.string().meta({ description: 'What was done (the audit action)' }),
    madeBy: z.string().nullable().meta({ description: 'Who did it (display name)' }),
    amendment: z.string().nullable().meta({ description: 'The amendment accepted, if any' }),
    at: z.string(),
  })
  .meta({ id: 'DocumentVersion' });
export const VersionListSchema = z.object({ items: z.array(VersionSummarySchema) }).meta({ id: 'DocumentVersionList' });
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

const versionNumber = z.coerce
  .number({ error: reason('reason.version') })
  .int({ error: reason('reason.version') })
  .min(1, { error: reason('reason.version') })
  .max(2_147_483_647, { error: reason('reason.version') });
export const VersionCompareQuerySchema = z
  .object({
    from: versionNumber.meta({ description: 'The earlier version' }),
    to: versionNumber.meta({ description: 'The later version' }),
    lang: LangSchema.optional(),
  })
  .strict();

export const ParagraphChangeSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    change: z.enum(['same', 'changed', 'added', 'removed', 'moved']),
    from: z.object({ number: z.number().int().nullable(), text: z.string() }).nullable(),
    to: z.object({ number: z.number().int().nullable(), text: z.string() }).nullable(),
    diff: z.array(DiffPartSchema),
  })
  .meta({ id: 'ParagraphChange' });
export type ParagraphChange = z.infer<typeof ParagraphChangeSchema>;
export const VersionComparisonSchema = z
  .object({
    from: VersionSummarySchema,
    to: VersionSummarySchema,
    paragraphs: z
      .array(ParagraphChangeSchema)
      .meta({ description: 'In the later version’s order, the removed ones where they were' }),
  })
  .meta({ id: 'VersionComparison' });
export type VersionComparison = z.infer<typeof VersionComparisonSchema>;

export const RevisionIssueSchema = z
  .object({ version: VersionSchema })
  .strict()
  .meta({ id: 'RevisionIssue', description: 'The version of the document read' });
export type RevisionIssue = z.infer<typeof RevisionIssueSchema>;

// Brackets and agreement.

const holdersError = reason('reason.bracket.holders');
const AlternativeInputSchema = z
  .object({
    text: ParagraphTextSchema,
    states: z
      .array(StateSlugSchema, { error: holdersError })
      .min(1, { error: holdersError })
      .max(40, { error: holdersError })
      .refine((s) => new Set(s).size === s.length, { error: holdersError })
      .meta({ description: 'The states holding this wording' }),
  })
  .strict();
const alternativesError = reason('reason.bracket.alternatives', { min: ALTERNATIVES_MIN, max: ALTERNATIVES_MAX });
export const BracketCreateSchema = z
  .object({
    version: VersionSchema,
    alternatives: z
      .array(AlternativeInputSchema, { error: alternativesError })
      .min(ALTERNATIVES_MIN, { error: alternativesError })
      .max(ALTERNATIVES_MAX, { error: alternativesError }),
  })
  .strict()
  .meta({ id: 'BracketCreate' });
export type BracketCreate = z.infer<typeof BracketCreateSchema>;

export const BracketResolveSchema = z
  .object({
    version: VersionSchema,
    alternative: z
      .number({ error: reason('reason.bracket.pick') })
      .int({ error: reason('reason.bracket.pick') })
      .min(0, { error: reason('reason.bracket.pick') })
      .max(ALTERNATIVES_MAX - 1, { error: reason('reason.bracket.pick') })
      .optional()
      .meta({ description: 'The wording picked, by its place (from 0)' }),
    text: ParagraphTextSchema.optional().meta({ description: 'Or a text of the chair’s' }),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.alternative === undefined) === (value.text === undefined))
      ctx.addIssue({ code: 'custom', path: ['alternative'], message: reason('reason.bracket.pickOne') });
  })
  .meta({ id: 'BracketResolve' });
export type BracketResolve = z.infer<typeof BracketResolveSchema>;

export const BracketParamsSchema = NodeParamsSchema.extend({
  bracketId: z.uuid({ error: reason('reason.id.bracket') }),
});

export const AgreementChangeSchema = z
  .object({ version: VersionSchema, agreement: z.enum(AGREEMENTS) })
  .strict()
  .meta({ id: 'AgreementChange' });
export type AgreementChange = z.infer<typeof AgreementChangeSchema>;

export const FootnoteCreateSchema = z
  .object({
    state: StateSlugSchema,
    kind: z.enum(FOOTNOTE_KINDS),
    nodeId: NodeIdSchema.nullable().default(null).meta({ description: 'The paragraph; null for the whole text' }),
    lang: LangSchema,
    text: longText(PARAGRAPH_TEXT_MAX),
  })
  .strict()
  .meta({ id: 'FootnoteCreate' });
export type FootnoteCreate = z.infer<typeof FootnoteCreateSchema>;

export const BlockersSchema = z
  .object({
    pendingAmendments: z.array(z.object({ id: z.string(), nodeId: z.string(), kind: z.enum(AMENDMENT_KINDS) })),
    openBrackets: z.array(z.object({ id: z.string(), nodeId: z.string() })),
    standingObjections: z.array(
      z.object({ id: z.string(), nodeId: z.string().nullable(), state: MemberStateRefSchema }),
    ),
    adoptable: z.boolean().meta({ description: 'Nothing blocks adoption' }),
  })
  .meta({ id: 'AdoptionBlockers' });
export type Blockers = z.infer<typeof BlockersSchema>;

export const ObjectionCreateSchema = z
  .object({
    state: StateSlugSchema,
    nodeId: NodeIdSchema.nullable().default(null).meta({ description: 'The paragraph; null for the whole text' }),
    comment: longText(COMMENT_MAX).meta({ description: 'What the state objects to' }),
  })
  .strict()
  .meta({ id: 'ObjectionCreate' });
export type ObjectionCreate = z.infer<typeof ObjectionCreateSchema>;

export const ObjectionWithdrawSchema = z
  .object({ state: StateSlugSchema })
  .strict()
  .meta({ id: 'ObjectionWithdraw', description: 'The state that raised it' });

export const ObjectionParamsSchema = OutcomeDocumentParamsSchema.extend({
  objectionId: z.uuid({ error: reason('reason.id.objection') }),
});

// The silence procedure: the chair opens it with a deadline, or cancels it; a state breaks silence.

export const SilenceOpenSchema = z
  .object({
    version: VersionSchema,
    deadline: z.iso
      .datetime({ error: reason('reason.instant') })
      .meta({ description: 'When the text is deemed adopted unless a state breaks silence; in the future' }),
  })
  .strict()
  .meta({ id: 'SilenceOpen' });
export type SilenceOpen = z.infer<typeof SilenceOpenSchema>;

export const SilenceBreakSchema = z
  .object({
    state: StateSlugSchema,
    reason: longText(COMMENT_MAX).meta({ description: 'Why the state breaks silence (kept as its objection)' }),
  })
  .strict()
  .meta({ id: 'SilenceBreak' });
export type SilenceBreak = z.infer<typeof SilenceBreakSchema>;

export const PARAGRAPH_FILTERS = [...AGREEMENTS, 'bracketed', 'unsettled'] as const;
export const ParagraphQuerySchema = z
  .object({
    status: z.enum(PARAGRAPH_FILTERS).meta({
      description:
        'open, agreed, agreed-ad-referendum, bracketed (an open bracket), or unsettled (open or bracketed: what is left to negotiate)',
    }),
    lang: LangSchema.optional(),
  })
  .strict();
export const ParagraphListSchema = z.object({ items: z.array(DocumentNodeSchema) }).meta({ id: 'ParagraphList' });

/** The headers of a live stream's request: the browser sends back the id of the last event it got
 * when it reconnects (the change's number in the audit trail). */
export const LiveHeadersSchema = z.object({
  'last-event-id': z.coerce
    .number({ error: reason('reason.lastEventId') })
    .int({ error: reason('reason.lastEventId') })
    .min(0, { error: reason('reason.lastEventId') })
    .max(Number.MAX_SAFE_INTEGER, { error: reason('reason.lastEventId') })
    .optional(),
});
