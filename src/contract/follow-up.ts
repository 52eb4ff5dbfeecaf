import { z } from 'zod';
import {
  CYCLE_ITEMS_MAX,
  FOLLOW_UP_STATUSES,
  ITEM_NUMBER_MAX,
  ITEM_ORIGINS,
  RATE_GROUPS,
  REPORT_LINE_MAX,
  REPORT_LIST_MAX,
  REPORT_STATES,
  REPORT_TEXT_MAX,
  REVIEW_DECISIONS,
  SUB_ITEM_WEIGHT_MAX,
  SUB_ITEMS_MAX,
} from '../domain/follow-up.js';
import { LANGS } from '../domain/languages.js';
import { reason } from '../domain/reasons.js';
import { SUBREGIONS } from '../domain/reference.js';
import { canSchema, IsoDateSchema, LangSchema, multilineText, oneLineText } from './common.js';
import { VersionSchema } from './delegations.js';
import { MeetingDocumentTitlesSchema } from './meeting-documents.js';
import { NodeTextInputSchema, PillarCodesSchema } from './outcome-documents.js';

/**
 * Follow-up of recommendations (issue 15): the items followed up, the reporting cycles, each
 * state's reports on them, the matrix of states × items and the implementation rates.
 */

export const FollowUpStatusSchema = z.enum(FOLLOW_UP_STATUSES);
export const ReportStateSchema = z
  .enum(REPORT_STATES)
  .meta({ description: 'draft, submitted, changes-requested (back with the state) or accepted' });

const slugError = reason('reason.slug');
const slug = z.string({ error: slugError }).regex(/^[a-z0-9-]{1,100}$/, { error: slugError });
const stateError = reason('reason.slug.memberState');
const StateSlugSchema = z
  .string({ error: stateError })
  .regex(/^[a-z]{2}$/, { error: stateError })
  .meta({ description: 'A member state’s slug (ISO 3166-1 alpha-2, lower case), e.g. mx' });
const idError = reason('reason.format.uuid');
const IdSchema = z.uuid({ error: idError });

const urlError = reason('reason.url.https', { max: REPORT_LINE_MAX });
const HttpsSchema = z.url({ protocol: /^https$/, error: urlError }).max(REPORT_LINE_MAX, { error: urlError });
const yearError = reason('reason.observatory.year', { min: 1900, max: 2100 });
const YearSchema = z.number({ error: yearError }).int({ error: yearError }).min(1900, { error: yearError }).max(2100, {
  error: yearError,
});
const numberError = reason('reason.type.number');
const FiniteSchema = z.number({ error: numberError }).refine(Number.isFinite, { error: numberError });

// Items

/** An item's text in each language given: at least one. */
const ItemTextsSchema = z
  .object({
    en: NodeTextInputSchema.optional(),
    es: NodeTextInputSchema.optional(),
    fr: NodeTextInputSchema.optional(),
    pt: NodeTextInputSchema.optional(),
  })
  .strict()
  .refine((texts) => LANGS.some((lang) => texts[lang] !== undefined), { error: reason('reason.followUp.texts') })
  .meta({ id: 'FollowUpTexts', description: 'The text in one or more of en, es, fr, pt' });

const weightError = reason('reason.followUp.weight', { max: SUB_ITEM_WEIGHT_MAX });
export const SubItemInputSchema = z
  .object({
    texts: ItemTextsSchema,
    weight: z
      .number({ error: weightError })
      .positive({ error: weightError })
      .max(SUB_ITEM_WEIGHT_MAX, { error: weightError })
      .nullable()
      .default(null)
      .meta({ description: 'Its share of the item; every sub-item counts 1 when none is given' }),
  })
  .strict();
const SubItemsSchema = z
  .array(SubItemInputSchema)
  .max(SUB_ITEMS_MAX, { error: reason('reason.max.array', { maximum: SUB_ITEMS_MAX }) });

const ItemTextSchema = z
  .object({ text: z.string(), lang: LangSchema })
  .meta({ id: 'FollowUpText', description: 'In the language asked for, else the original or English' });
export type ItemText = z.infer<typeof ItemTextSchema>;

export const SubItemSchema = z
  .object({ id: z.string(), position: z.number().int(), weight: z.number().nullable(), text: ItemTextSchema })
  .meta({ id: 'FollowUpSubItem' });

export const FollowUpItemSchema = z
  .object({
    id: z.string().meta({ description: 'Stable; for an item from a paragraph, the paragraph’s id' }),
    origin: z.enum(ITEM_ORIGINS).meta({ description: 'paragraph of an adopted document, or historic (imported)' }),
    document: z.object({ id: z.string(), slug: z.string() }),
    number: z.string().meta({ description: 'The operative paragraph’s number, or the historic item’s' }),
    text: ItemTextSchema,
    pillars: z.array(z.string()).meta({ description: 'Pillar codes' }),
    sourceUrl: z.string().nullable().meta({ description: 'Where a historic item’s official text is public' }),
    subItems: z.array(SubItemSchema),
    version: z.number().int(),
  })
  .meta({ id: 'FollowUpItem' });
export type FollowUpItem = z.infer<typeof FollowUpItemSchema>;

export const FollowUpItemListSchema = z.object({ lang: LangSchema, items: z.array(FollowUpItemSchema) });
export type FollowUpItemList = z.infer<typeof FollowUpItemListSchema>;

export const ItemQuerySchema = z.object({
  document: slug.optional().meta({ description: 'Only the items of this document (its slug)' }),
  pillar: slug.optional().meta({ description: 'Only the items addressing this pillar (its code)' }),
  lang: LangSchema.optional(),
});
export type ItemQuery = z.infer<typeof ItemQuerySchema>;

export const ItemParamsSchema = z.object({ id: IdSchema });

export const ItemCreateSchema = z
  .object({
    document: slug.meta({ description: 'The adopted document it belongs to (its slug)' }),
    number: oneLineText(ITEM_NUMBER_MAX).meta({ description: 'Its number in the document, e.g. 13 or II.4' }),
    texts: ItemTextsSchema,
    pillars: PillarCodesSchema.default([]),
    sourceUrl: HttpsSchema.meta({ description: 'Where its official text is public' }),
    subItems: SubItemsSchema.default([]),
  })
  .strict()
  .meta({ id: 'FollowUpItemCreate' });
export type ItemCreate = z.infer<typeof ItemCreateSchema>;

export const ItemImportQuerySchema = z
  .object({
    mode: z
      .enum(['preview', 'apply'], { error: reason('reason.oneOf', { values: 'preview, apply' }) })
      .meta({ description: 'preview: check the file and list its items, writing nothing; apply: write them' }),
    lang: LangSchema.optional(),
  })
  .strict();
export type ItemImportQuery = z.infer<typeof ItemImportQuerySchema>;

export const ItemImportSchema = z
  .object({
    format: z.enum(['csv', 'xlsx']),
    applied: z.boolean().meta({ description: 'false for a preview: nothing was written' }),
    rows: z.number().int(),
    items: z.number().int().meta({ description: 'Items the file adds' }),
    subItems: z.number().int().meta({ description: 'Sub-items the file adds to them' }),
    listed: z
      .array(
        z.object({
          row: z.number().int().meta({ description: 'Its row in the file (the header is row 1)' }),
          document: z.string(),
          number: z.string(),
          parent: z.string().nullable().meta({ description: 'A sub-item’s item number' }),
          text: ItemTextSchema,
          pillars: z.array(z.string()),
          weight: z.number().nullable(),
        }),
      )
      .meta({ description: 'The rows read, in the file’s order (the first 500)' }),
  })
  .meta({ id: 'FollowUpItemImport' });
export type ItemImport = z.infer<typeof ItemImportSchema>;

export const SubItemsReplaceSchema = z
  .object({ version: VersionSchema, subItems: SubItemsSchema })
  .strict()
  .meta({ id: 'FollowUpSubItemsReplace' });
export type SubItemsReplace = z.infer<typeof SubItemsReplaceSchema>;

// Cycles

export const CycleSchema = z
  .object({
    id: z.string(),
    name: ItemTextSchema,
    opensOn: z.string(),
    deadline: z.string(),
    open: z.boolean().meta({ description: 'Takes reports (from the opening date on)' }),
    items: z.array(z.string()).meta({ description: 'The ids of the items reported on' }),
    states: z.array(z.string()).meta({ description: 'The slugs of the states asked to report' }),
    reportFor: z
      .array(z.string())
      .meta({ description: 'The states asked that the reader reports for (a focal point’s own state)' }),
    progress: z
      .object({
        expected: z.number().int().meta({ description: 'Items × states' }),
        submitted: z.number().int().meta({ description: 'Reports submitted or accepted (all, whoever reads)' }),
        accepted: z.number().int(),
      })
      .meta({ description: 'Counts only: no report’s content' }),
    version: z.number().int(),
  })
  .meta({ id: 'FollowUpCycle' });
export type Cycle = z.infer<typeof CycleSchema>;

export const CycleListSchema = z.object({ lang: LangSchema, items: z.array(CycleSchema) });
export type CycleList = z.infer<typeof CycleListSchema>;

export const CycleParamsSchema = z.object({ cycle: IdSchema });

const listOf = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .min(1, { error: reason('reason.min.array', { minimum: 1 }) })
    .max(max, {
      error: reason('reason.max.array', { maximum: max }),
    });

export const CycleCreateSchema = z
  .object({
    names: MeetingDocumentTitlesSchema.meta({ description: 'The cycle’s name in one or more languages' }),
    opensOn: IsoDateSchema,
    deadline: IsoDateSchema,
    documents: listOf(slug, 100).optional().meta({ description: 'Every item of these documents (slugs)' }),
    items: listOf(IdSchema, CYCLE_ITEMS_MAX).optional().meta({ description: 'These items (ids)' }),
    states: listOf(StateSlugSchema, 100).optional().meta({ description: 'The states asked; all when left out' }),
  })
  .strict()
  .meta({ id: 'FollowUpCycleCreate' });
export type CycleCreate = z.infer<typeof CycleCreateSchema>;

// Reports

const IndicatorValueSchema = z.object({ value: FiniteSchema, year: YearSchema }).strict();
const ResultIndicatorSchema = z
  .object({
    name: oneLineText(REPORT_LINE_MAX),
    unit: oneLineText(100),
    baseline: IndicatorValueSchema.nullable().default(null),
    target: IndicatorValueSchema.nullable().default(null),
    latest: IndicatorValueSchema.nullable().default(null),
  })
  .strict()
  .meta({ id: 'FollowUpIndicator' });
const MilestoneSchema = z
  .object({ date: IsoDateSchema, text: oneLineText(REPORT_LINE_MAX), done: z.boolean().default(false) })
  .strict()
  .meta({ id: 'FollowUpMilestone' });
const EvidenceSchema = z
  .object({ url: HttpsSchema, title: oneLineText(REPORT_LINE_MAX).nullable().default(null) })
  .strict()
  .meta({ id: 'FollowUpEvidence' });
const SubItemStatusSchema = z.object({ id: IdSchema, status: FollowUpStatusSchema }).strict();
const many = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .max(REPORT_LIST_MAX, { error: reason('reason.max.array', { maximum: REPORT_LIST_MAX }) })
    .default([]);

export const ReportDraftSchema = z
  .object({
    version: VersionSchema.optional().meta({ description: 'The version read; left out for a first draft' }),
    status: FollowUpStatusSchema.nullable().default(null),
    notApplicableReason: multilineText(REPORT_TEXT_MAX).nullable().default(null),
    measures: multilineText(REPORT_TEXT_MAX).nullable().default(null),
    institution: oneLineText(REPORT_LINE_MAX).nullable().default(null),
    cooperation: multilineText(REPORT_TEXT_MAX).nullable().default(null).meta({ description: 'Cooperation needed' }),
    evidence: many(EvidenceSchema),
    indicators: many(ResultIndicatorSchema),
    milestones: many(MilestoneSchema),
    subItems: many(SubItemStatusSchema).meta({ description: 'The status of each sub-item of the item' }),
  })
  .strict()
  .meta({ id: 'FollowUpReportDraft' });
export type ReportDraft = z.infer<typeof ReportDraftSchema>;

export const ReportParamsSchema = z.object({ cycle: IdSchema, item: IdSchema, state: StateSlugSchema });

export const ReportVersionSchema = z.object({ version: VersionSchema }).strict().meta({ id: 'FollowUpVersion' });

export const ReportReviewSchema = z
  .object({
    version: VersionSchema,
    decision: z.enum(REVIEW_DECISIONS),
    comment: multilineText(REPORT_TEXT_MAX).nullable().default(null),
  })
  .strict()
  .meta({ id: 'FollowUpReview' });
export type ReportReview = z.infer<typeof ReportReviewSchema>;

export const ReportPublishSchema = z
  .object({ version: VersionSchema, published: z.boolean() })
  .strict()
  .meta({ id: 'FollowUpPublish' });
export type ReportPublish = z.infer<typeof ReportPublishSchema>;

export const ReportFileSchema = z
  .object({
    id: z.string(),
    name: z.string().meta({ description: 'The name it was uploaded with' }),
    mediaType: z.string().meta({ description: 'Detected from its bytes' }),
    size: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
    url: z.string().meta({ description: 'Where to download it (as visible as the report)' }),
  })
  .meta({ id: 'FollowUpReportFile' });
export type ReportFile = z.infer<typeof ReportFileSchema>;

export const ReportFileParamsSchema = ReportParamsSchema.extend({ file: IdSchema });

const StateRefSchema = z.object({ slug: z.string(), iso2: z.string(), iso3: z.string() });

export const ReportSchema = z
  .object({
    id: z.string(),
    cycle: z.string(),
    item: z.string(),
    state: StateRefSchema,
    reportState: ReportStateSchema,
    status: FollowUpStatusSchema.nullable(),
    notApplicableReason: z.string().nullable(),
    measures: z.string().nullable(),
    institution: z.string().nullable(),
    cooperation: z.string().nullable(),
    evidence: z.array(z.object({ url: z.string(), title: z.string().nullable() })),
    indicators: z.array(
      z.object({
        name: z.string(),
        unit: z.string(),
        baseline: z.object({ value: z.number(), year: z.number() }).nullable(),
        target: z.object({ value: z.number(), year: z.number() }).nullable(),
        latest: z.object({ value: z.number(), year: z.number() }).nullable(),
      }),
    ),
    milestones: z.array(z.object({ date: z.string(), text: z.string(), done: z.boolean() })),
    files: z.array(ReportFileSchema).meta({ description: 'Files attached as evidence, oldest first' }),
    subItems: z.array(z.object({ id: z.string(), status: FollowUpStatusSchema })),
    progress: z
      .number()
      .nullable()
      .meta({ description: 'Rolled up from the sub-items (weights), percent; null without sub-items' }),
    published: z.boolean().meta({ description: 'The state made it public (shown once accepted)' }),
    reviewComment: z.string().nullable(),
    submittedAt: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    version: z.number().int(),
    can: canSchema({
      edit: 'Save the draft (the state, while draft or sent back)',
      submit: 'Submit it (the state, when complete)',
      review: 'Comment, request changes or accept (the secretariat, once submitted)',
      publish: 'Make it public or not (the state, once accepted)',
    }),
  })
  .meta({ id: 'FollowUpReport' });
export type Report = z.infer<typeof ReportSchema>;

export const ReportListSchema = z.object({ items: z.array(ReportSchema) }).meta({ id: 'FollowUpReportList' });
export type ReportList = z.infer<typeof ReportListSchema>;

export const ReportQuerySchema = z.object({
  state: StateSlugSchema.optional(),
  item: IdSchema.optional(),
});

export const HistoryQuerySchema = z.object({ state: StateSlugSchema.optional() });
export const HistorySchema = z
  .object({
    item: z.string(),
    items: z.array(
      z.object({
        cycle: z.string(),
        opensOn: z.string(),
        state: StateRefSchema,
        status: FollowUpStatusSchema.nullable(),
        reportState: ReportStateSchema,
      }),
    ),
  })
  .meta({ id: 'FollowUpHistory', description: 'The status of the item per state, cycle after cycle' });
export type History = z.infer<typeof HistorySchema>;

// Matrix and rates

const formatError = reason('reason.oneOf', { values: 'json, csv, xlsx' });
const FormatSchema = z
  .enum(['json', 'csv', 'xlsx'], { error: formatError })
  .optional()
  .meta({ description: 'json, csv or xlsx; wins over the Accept header' });

const subregionError = reason('reason.oneOf', { values: SUBREGIONS.join(', ') });
export const MatrixQuerySchema = z.object({
  cycle: IdSchema,
  document: slug.optional().meta({ description: 'Only the items of this document (its slug)' }),
  pillar: slug.optional().meta({ description: 'Only the items addressing this pillar (its code)' }),
  subregion: z
    .enum(SUBREGIONS, { error: subregionError })
    .optional()
    .meta({ description: 'Only the states of this subregion' }),
  format: FormatSchema,
  lang: LangSchema.optional(),
});
export type MatrixQuery = z.infer<typeof MatrixQuerySchema>;

export const MatrixSchema = z
  .object({
    cycle: z.string(),
    documents: z.array(z.string()).meta({
      description: 'The documents with items in the cycle (slugs), whatever the filter: what it may narrow to',
    }),
    items: z.array(z.object({ id: z.string(), document: z.string(), number: z.string(), text: ItemTextSchema })),
    states: z.array(StateRefSchema),
    cells: z
      .array(
        z.object({
          state: z.string(),
          item: z.string(),
          status: FollowUpStatusSchema.nullable(),
          reportState: ReportStateSchema,
        }),
      )
      .meta({ description: 'One per report the reader may see; a missing cell has no visible report' }),
  })
  .meta({ id: 'FollowUpMatrix' });
export type Matrix = z.infer<typeof MatrixSchema>;

const byError = reason('reason.oneOf', { values: RATE_GROUPS.join(', ') });
export const RatesQuerySchema = z.object({
  cycle: IdSchema,
  by: z.enum(RATE_GROUPS, { error: byError }).default('state'),
  format: FormatSchema,
});
export type RatesQuery = z.infer<typeof RatesQuerySchema>;

export const RatesSchema = z
  .object({
    cycle: z.string(),
    by: z.enum(RATE_GROUPS),
    method: z.string(),
    items: z.array(
      z.object({
        key: z.string().meta({ description: 'State slug, pillar code, document slug or subregion' }),
        reported: z.number().int(),
        implemented: z.number().int(),
        notApplicable: z.number().int(),
        rate: z.number().nullable().meta({ description: 'Percent, one decimal; null when nothing applies' }),
      }),
    ),
  })
  .meta({ id: 'FollowUpRates' });
export type Rates = z.infer<typeof RatesSchema>;
