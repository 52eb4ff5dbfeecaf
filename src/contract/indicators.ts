import { z } from 'zod';
import { AGGREGATE_AREAS, AGGREGATE_STATISTICS, POPULATION_INDICATOR } from '../domain/aggregates.js';
import { BRIEF_BODY_MAX, BRIEF_TITLE_MAX } from '../domain/briefs.js';
import {
  IMPORT_CHANGES_LISTED,
  INDICATOR_CODE_MAX,
  INDICATOR_CODE_PATTERN,
  INDICATOR_SOURCE_TYPES,
  INDICATOR_TEXT_MAX,
  OBSERVATION_FORMATS,
  OBSERVATION_NOTES_MAX,
  OBSERVATION_SOURCE_MAX,
  OBSERVATION_STATUSES,
  OBSERVATION_YEAR_MAX,
  OBSERVATION_YEAR_MIN,
  REVISION_REASON_MAX,
  SDMX_ACTIONS_APPLIED,
} from '../domain/indicators.js';
import { LANGS, type Lang } from '../domain/languages.js';
import { reason } from '../domain/reasons.js';
import { SUBREGIONS } from '../domain/reference.js';
import { TREND_FLAGS, TREND_MIN_POINTS, TREND_YEARS_DEFAULT, TREND_YEARS_MAX } from '../domain/trends.js';
import { canSchema, LangSchema, LocalizedTextSchema, multilineText, oneLineText } from './common.js';

/** The observatory (issue 14): the indicator catalogue, the values per member state and year, and
 * the trends computed from them. Every reply that carries values carries their attribution. */

export const IndicatorSourceTypeSchema = z.enum(INDICATOR_SOURCE_TYPES);
export const ObservationStatusSchema = z.enum(OBSERVATION_STATUSES);

const yearError = reason('reason.observatory.year', { min: OBSERVATION_YEAR_MIN, max: OBSERVATION_YEAR_MAX });
const year = z.coerce
  .number({ error: yearError })
  .int({ error: yearError })
  .min(OBSERVATION_YEAR_MIN, { error: yearError })
  .max(OBSERVATION_YEAR_MAX, { error: yearError });

const stateError = reason('reason.observatory.state');
/** A member state by ISO 3166-1 alpha-2 (the slug the member-states module uses) or alpha-3 code. */
const StateCodeSchema = z
  .string({ error: stateError })
  .regex(/^[A-Za-z]{2,3}$/, { error: stateError })
  .meta({ description: 'A member state: ISO 3166-1 alpha-2 (its slug, e.g. mx) or alpha-3 (MEX)' });

const codeError = reason('reason.slug');
export const IndicatorParamsSchema = z.object({
  code: z
    .string({ error: codeError })
    .max(INDICATOR_CODE_MAX, { error: codeError })
    .regex(INDICATOR_CODE_PATTERN, { error: codeError })
    .meta({ description: 'The indicator’s code, e.g. homicide-rate' }),
});

export const IndicatorSourceSchema = z
  .object({
    type: IndicatorSourceTypeSchema,
    organisation: z.string(),
    url: z.string(),
    licence: z.string(),
    licenceUrl: z.string().nullable(),
    attribution: z.string().meta({ description: 'The credit to show wherever the data is shown' }),
  })
  .meta({ id: 'IndicatorSource' });
export type IndicatorSource = z.infer<typeof IndicatorSourceSchema>;

export const IndicatorSchema = z
  .object({
    code: z.string(),
    name: LocalizedTextSchema,
    definition: LocalizedTextSchema,
    unit: z.string().meta({ description: 'Unit of the values, e.g. per-100000-inhabitants' }),
    iccsCode: z
      .string()
      .nullable()
      .meta({ description: 'International Classification of Crime for Statistical Purposes' }),
    sdgCode: z.string().nullable().meta({ description: 'Sustainable Development Goal indicator' }),
    source: IndicatorSourceSchema,
    higherIsWorse: z.boolean(),
    pillars: z.array(z.string()).meta({ description: 'Codes of the pillars the indicator informs' }),
    firstYear: z.number().int().nullable().meta({ description: 'Earliest year with a published value' }),
    lastYear: z.number().int().nullable().meta({ description: 'Latest year with a published value' }),
  })
  .meta({ id: 'Indicator' });
export type Indicator = z.infer<typeof IndicatorSchema>;

export const IndicatorListSchema = z.object({ lang: LangSchema, items: z.array(IndicatorSchema) });
export type IndicatorList = z.infer<typeof IndicatorListSchema>;

export const IndicatorDetailSchema = IndicatorSchema.extend({
  names: z.partialRecord(LangSchema, z.string()).meta({ description: 'The name in each language' }),
  definitions: z.partialRecord(LangSchema, z.string()).meta({ description: 'The definition in each language' }),
  version: z.number().int().meta({ description: 'Send back as version when editing' }),
  can: canSchema({
    update: 'Edit the catalogue entry',
    correct: 'Correct a published value (with a reason; the earlier value is kept)',
    review: 'Accept or reject submitted values',
    import: 'Import values from a CSV or SDMX-CSV file',
    submit: 'Submit values for review (a focal point for their own state)',
  }),
}).meta({ id: 'IndicatorDetail' });
export type IndicatorDetail = z.infer<typeof IndicatorDetailSchema>;

export const ObservationStateSchema = z
  .object({ slug: z.string(), iso2: z.string().length(2), iso3: z.string().length(3) })
  .meta({ id: 'ObservationState' });

export const ObservationSchema = z
  .object({
    id: z.string(),
    state: ObservationStateSchema,
    year: z.number().int(),
    value: z.number(),
    status: ObservationStatusSchema,
    source: z.string(),
    notes: z.string().nullable(),
    breakInSeries: z.boolean(),
    version: z.number().int(),
    revisions: z
      .array(
        z.object({
          value: z.number(),
          source: z.string(),
          notes: z.string().nullable(),
          breakInSeries: z.boolean(),
          reason: z.string(),
          changedAt: z.string(),
        }),
      )
      .meta({ description: 'Earlier values, newest first, each with why it was changed' }),
  })
  .meta({ id: 'Observation' });
export type Observation = z.infer<typeof ObservationSchema>;

const formatError = reason('reason.oneOf', { values: OBSERVATION_FORMATS.join(', ') });
const statusError = reason('reason.oneOf', { values: OBSERVATION_STATUSES.join(', ') });
export const ObservationQuerySchema = z.object({
  state: StateCodeSchema.optional(),
  from: year.optional().meta({ description: 'First year' }),
  to: year.optional().meta({ description: 'Last year' }),
  status: z
    .enum(OBSERVATION_STATUSES, { error: statusError })
    .default('published')
    .meta({ description: 'published (default, public); submitted or rejected to those who review or submit' }),
  format: z
    .enum(OBSERVATION_FORMATS, { error: formatError })
    .optional()
    .meta({ description: 'json, csv or sdmx-csv; wins over the Accept header' }),
  lang: LangSchema.optional(),
});
export type ObservationQuery = z.infer<typeof ObservationQuerySchema>;

export const ObservationListSchema = z
  .object({
    lang: LangSchema,
    indicator: z.string(),
    unit: z.string(),
    source: IndicatorSourceSchema,
    items: z.array(ObservationSchema),
  })
  .meta({ id: 'ObservationList' });
export type ObservationList = z.infer<typeof ObservationListSchema>;

const yearsError = reason('reason.observatory.years', { min: TREND_MIN_POINTS, max: TREND_YEARS_MAX });
export const TrendQuerySchema = z.object({
  years: z.coerce
    .number({ error: yearsError })
    .int({ error: yearsError })
    .min(TREND_MIN_POINTS, { error: yearsError })
    .max(TREND_YEARS_MAX, { error: yearsError })
    .default(TREND_YEARS_DEFAULT)
    .meta({ description: `Calendar years ending with the indicator’s latest year (default ${TREND_YEARS_DEFAULT})` }),
  state: StateCodeSchema.optional().meta({ description: 'Only this member state’s trend (ISO alpha-2 or alpha-3)' }),
  lang: LangSchema.optional(),
});

export const TrendSchema = z
  .object({
    state: ObservationStateSchema,
    years: z.array(z.number().int()).meta({ description: 'The years with a value in the window, oldest first' }),
    n: z.number().int(),
    slope: z
      .number()
      .nullable()
      .meta({ description: 'Theil–Sen slope, in the unit per year; null without enough data' }),
    s: z.number().int().nullable().meta({ description: 'Mann–Kendall S' }),
    variance: z.number().nullable().meta({ description: 'Var(S), with the tie correction' }),
    z: z.number().nullable().meta({ description: 'z, with the continuity correction' }),
    p: z.number().nullable().meta({ description: 'Two-sided p-value (normal distribution)' }),
    flag: z.enum(TREND_FLAGS),
    breakInSeries: z.boolean().meta({ description: 'A value in the window is marked as a break in series' }),
  })
  .meta({ id: 'Trend' });
export type Trend = z.infer<typeof TrendSchema>;

export const TrendListSchema = z
  .object({
    lang: LangSchema,
    indicator: z.string(),
    unit: z.string(),
    higherIsWorse: z.boolean(),
    from: z.number().int().nullable(),
    to: z.number().int().nullable(),
    method: z.string().meta({ description: 'How the figures are computed' }),
    source: IndicatorSourceSchema,
    items: z.array(TrendSchema),
  })
  .meta({ id: 'TrendList' });
export type TrendList = z.infer<typeof TrendListSchema>;

// Named as the member-states module names the same path segment: the router keeps one name per segment.
export const StateIndicatorParamsSchema = z.object({ idOrSlug: StateCodeSchema });

export const StateIndicatorSchema = z
  .object({
    indicator: IndicatorSchema,
    latest: z
      .object({ year: z.number().int(), value: z.number() })
      .nullable()
      .meta({ description: 'The state’s most recent published value; null when it has none' }),
    trend: TrendSchema.extend({ from: z.number().int(), to: z.number().int() }).nullable().meta({
      description:
        'The state’s trend over the default window of the indicator’s latest years (from–to), as /indicators/{code}/trends gives it; null when the indicator has no published value',
    }),
  })
  .meta({ id: 'StateIndicator' });

export const StateIndicatorListSchema = z
  .object({
    lang: LangSchema,
    state: ObservationStateSchema,
    method: z.string().meta({ description: 'How the trends are computed' }),
    items: z.array(StateIndicatorSchema),
  })
  .meta({ id: 'StateIndicatorList' });
export type StateIndicatorList = z.infer<typeof StateIndicatorListSchema>;

export const AggregateQuerySchema = z.object({
  from: year.optional().meta({ description: 'First year' }),
  to: year.optional().meta({ description: 'Last year' }),
  lang: LangSchema.optional(),
});
export type AggregateQuery = z.infer<typeof AggregateQuerySchema>;

export const AggregateSchema = z
  .object({
    area: z.enum(AGGREGATE_AREAS).meta({ description: 'The whole region, or a subregion' }),
    statistic: z.enum(AGGREGATE_STATISTICS),
    points: z.array(
      z.object({
        year: z.number().int(),
        value: z.number(),
        n: z.number().int().meta({ description: 'The member states with a value that year' }),
      }),
    ),
  })
  .meta({ id: 'Aggregate' });
export type Aggregate = z.infer<typeof AggregateSchema>;

export const AggregateListSchema = z
  .object({
    lang: LangSchema,
    indicator: z.string(),
    unit: z.string(),
    populationLoaded: z.boolean().meta({
      description: `Whether the catalogue's \`${POPULATION_INDICATOR}\` indicator has published values: only then are population-weighted means given`,
    }),
    method: z.string().meta({ description: 'How the aggregates are computed' }),
    source: IndicatorSourceSchema,
    items: z.array(AggregateSchema),
  })
  .meta({ id: 'AggregateList' });
export type AggregateList = z.infer<typeof AggregateListSchema>;

// Writes.
const versionError = reason('reason.version');
const version = z
  .number({ error: versionError })
  .int({ error: versionError })
  .min(1, { error: versionError })
  .meta({ description: 'The version as read: a stale one is refused with 409' });

const textsOf = (max: number) =>
  z
    .object(
      Object.fromEntries(LANGS.map((l) => [l, multilineText(max).optional()])) as Record<
        Lang,
        z.ZodOptional<ReturnType<typeof multilineText>>
      >,
      { error: reason('reason.names.object') },
    )
    .strict()
    .refine((texts) => LANGS.some((l) => texts[l] !== undefined), { error: reason('reason.names') });

const urlError = reason('reason.url.https', { max: 500 });
const https = z.url({ protocol: /^https$/, error: urlError }).max(500, { error: urlError });
const pillarError = reason('reason.pillars');

export const IndicatorUpdateSchema = z
  .object({
    version,
    name: textsOf(200).optional().meta({ description: 'Replaces every name: languages left out are removed' }),
    definition: textsOf(INDICATOR_TEXT_MAX).optional(),
    unit: oneLineText(60).optional(),
    iccsCode: oneLineText(20).nullable().optional(),
    sdgCode: oneLineText(20).nullable().optional(),
    sourceType: z
      .enum(INDICATOR_SOURCE_TYPES, { error: reason('reason.oneOf', { values: INDICATOR_SOURCE_TYPES.join(', ') }) })
      .optional(),
    sourceOrganisation: oneLineText(200).optional(),
    sourceUrl: https.optional(),
    licence: oneLineText(200).optional(),
    licenceUrl: https.nullable().optional(),
    attribution: oneLineText(500).optional(),
    higherIsWorse: z.boolean({ error: reason('reason.type.boolean') }).optional(),
    pillars: z
      .array(z.string({ error: pillarError }).regex(/^[a-z0-9-]{1,60}$/, { error: pillarError }), {
        error: pillarError,
      })
      .max(10, { error: pillarError })
      .refine((list) => new Set(list).size === list.length, { error: pillarError })
      .optional(),
  })
  .strict()
  .meta({ id: 'IndicatorUpdate' });
export type IndicatorUpdate = z.infer<typeof IndicatorUpdateSchema>;

const valueError = reason('reason.type.number');
const ValueSchema = z.number({ error: valueError }).refine(Number.isFinite, { error: valueError });

const observationFields = {
  value: ValueSchema,
  source: oneLineText(OBSERVATION_SOURCE_MAX).meta({ description: 'Where the value comes from' }),
  notes: multilineText(OBSERVATION_NOTES_MAX).nullable().optional(),
  breakInSeries: z.boolean({ error: reason('reason.type.boolean') }).optional(),
};

export const ObservationParamsSchema = IndicatorParamsSchema.extend({
  state: StateCodeSchema,
  year,
});

export const ObservationCorrectSchema = z
  .object({
    ...observationFields,
    source: observationFields.source.optional().meta({ description: 'Kept as it was when left out' }),
    reason: oneLineText(REVISION_REASON_MAX).meta({
      description: 'Why the value changes: kept with the earlier value',
    }),
    version: version
      .optional()
      .meta({ description: 'The version of the value as read; left out to add a missing value' }),
  })
  .strict()
  .meta({ id: 'ObservationCorrect' });
export type ObservationCorrect = z.infer<typeof ObservationCorrectSchema>;

export const SubmissionCreateSchema = z
  .object({ state: StateCodeSchema, year, ...observationFields })
  .strict()
  .meta({ id: 'SubmissionCreate' });
export type SubmissionCreate = z.infer<typeof SubmissionCreateSchema>;

export const SubmissionParamsSchema = IndicatorParamsSchema.extend({
  id: z.uuid({ error: reason('reason.format.uuid') }),
});

export const SubmissionReviewSchema = z
  .object({
    decision: z.enum(['accept', 'reject'], { error: reason('reason.oneOf', { values: 'accept, reject' }) }),
    reason: oneLineText(REVISION_REASON_MAX).meta({
      description: 'Why: kept with the value it replaces, or told to the submitter',
    }),
    version,
  })
  .strict()
  .meta({ id: 'SubmissionReview' });
export type SubmissionReview = z.infer<typeof SubmissionReviewSchema>;

export const ObservationImportQuerySchema = z
  .object({
    mode: z
      .enum(['preview', 'apply'], { error: reason('reason.oneOf', { values: 'preview, apply' }) })
      .meta({ description: 'preview: check the file and say what it would change, writing nothing; apply: write it' }),
    reason: oneLineText(REVISION_REASON_MAX).meta({
      description: 'Why the values change (e.g. "UNODC release of 2025"): kept with every value it replaces',
    }),
    source: oneLineText(OBSERVATION_SOURCE_MAX)
      .optional()
      .meta({ description: 'The source of rows that name none (SDMX-CSV has no source column); else the indicator’s' }),
    lang: LangSchema.optional(),
  })
  .strict();
export type ObservationImportQuery = z.infer<typeof ObservationImportQuerySchema>;

const numberError = reason('reason.type.number');
/** One row of an import file, as text from its cells: the same checks as a value written one at a time. */
export const ObservationImportRowSchema = z.object({
  state: StateCodeSchema,
  year: z
    .string()
    .regex(/^\d{4}$/, { error: yearError })
    .transform(Number)
    .pipe(z.number().min(OBSERVATION_YEAR_MIN, { error: yearError }).max(OBSERVATION_YEAR_MAX, { error: yearError })),
  // A plain decimal number, as the exports write it: "12,5" or "1 234" would be a guess at a locale.
  value: z
    .string()
    .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, { error: numberError })
    .transform(Number)
    .pipe(z.number().refine(Number.isFinite, { error: numberError })),
  source: observationFields.source.optional(),
  notes: multilineText(OBSERVATION_NOTES_MAX).optional(),
  breakInSeries: z
    .enum(['true', 'false'], { error: reason('reason.oneOf', { values: 'true, false' }) })
    .transform((flag) => flag === 'true')
    .optional(),
  action: z.enum(SDMX_ACTIONS_APPLIED, { error: reason('reason.observatory.importAction') }).optional(),
  indicator: z.string().optional(),
});

export const ObservationImportSchema = z
  .object({
    indicator: z.string(),
    format: z.enum(['csv', 'sdmx-csv']),
    applied: z.boolean().meta({ description: 'false for a preview: nothing was written' }),
    rows: z.number().int(),
    added: z.number().int().meta({ description: 'Values for a state and year that had none' }),
    changed: z.number().int().meta({ description: 'Published values replaced (each kept in its revisions)' }),
    unchanged: z.number().int(),
    changes: z
      .array(
        z.object({
          state: ObservationStateSchema,
          year: z.number().int(),
          before: z.number().nullable(),
          after: z.number(),
        }),
      )
      .meta({ description: `The values added or changed, in file order (the first ${IMPORT_CHANGES_LISTED})` }),
  })
  .meta({ id: 'ObservationImport' });
export type ObservationImport = z.infer<typeof ObservationImportSchema>;

// The "regional concerns" brief for a ministerial meeting.
const meetingError = reason('reason.slug');

export const RegionalBriefCreateSchema = z
  .object({
    meeting: z
      .string({ error: meetingError })
      .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, { error: meetingError })
      .meta({ description: 'The meeting’s slug' }),
    years: z
      .number({ error: yearsError })
      .int({ error: yearsError })
      .min(TREND_MIN_POINTS, { error: yearsError })
      .max(TREND_YEARS_MAX, { error: yearsError })
      .default(TREND_YEARS_DEFAULT)
      .meta({ description: 'The trend window, in calendar years ending with each indicator’s latest year' }),
  })
  .strict()
  .meta({ id: 'RegionalBriefCreate' });
export type RegionalBriefCreate = z.infer<typeof RegionalBriefCreateSchema>;

export const RegionalBriefParamsSchema = z.object({ id: z.uuid({ error: reason('reason.format.uuid') }) });

const BriefTextSchema = z
  .object({
    title: oneLineText(BRIEF_TITLE_MAX),
    body: multilineText(BRIEF_BODY_MAX).meta({
      description: 'Paragraphs separated by a blank line; a line starting with "# " is a heading',
    }),
  })
  .strict();

export const RegionalBriefUpdateSchema = z
  .object({
    version,
    texts: z
      .object(
        Object.fromEntries(LANGS.map((l) => [l, BriefTextSchema.optional()])) as Record<
          Lang,
          z.ZodOptional<typeof BriefTextSchema>
        >,
        { error: reason('reason.names.object') },
      )
      .strict()
      .refine((texts) => LANGS.some((l) => texts[l] !== undefined), { error: reason('reason.names') })
      .meta({ description: 'The title and body of the languages given; the others are kept' }),
  })
  .strict()
  .meta({ id: 'RegionalBriefUpdate' });
export type RegionalBriefUpdate = z.infer<typeof RegionalBriefUpdateSchema>;

export const RegionalBriefExportSchema = z.object({ version }).strict().meta({ id: 'RegionalBriefExport' });
export type RegionalBriefExport = z.infer<typeof RegionalBriefExportSchema>;

export const BriefPdfQuerySchema = z.object({ lang: LangSchema });

const BriefWorsenedSchema = z.object({
  state: ObservationStateSchema,
  subregion: z.enum(SUBREGIONS),
  n: z.number().int(),
  slope: z.number().meta({ description: 'Theil–Sen slope, in the unit per year' }),
  p: z.number(),
  breakInSeries: z.boolean(),
});

export const BriefFindingsSchema = z
  .object({
    indicators: z.array(
      z.object({
        code: z.string(),
        unit: z.string(),
        higherIsWorse: z.boolean(),
        from: z.number().int().nullable(),
        to: z.number().int().nullable(),
        pillars: z.array(z.string()),
        assessed: z.number().int().meta({ description: 'States with enough data for a trend' }),
        attribution: z.string(),
        worsened: z.array(BriefWorsenedSchema).meta({
          description: 'States where it worsened significantly: a significant rise, or a fall where higher is better',
        }),
      }),
    ),
  })
  .meta({ id: 'RegionalBriefFindings' });
export type BriefFindings = z.infer<typeof BriefFindingsSchema>;

export const RegionalBriefSchema = z
  .object({
    id: z.string(),
    meeting: z.string().meta({ description: 'The meeting’s slug' }),
    years: z.number().int(),
    method: z.string(),
    findings: BriefFindingsSchema,
    texts: z.record(LangSchema, BriefTextSchema),
    document: z
      .object({ id: z.string(), symbol: z.string() })
      .nullable()
      .meta({ description: 'The meeting document it was exported to, with its newest symbol' }),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'RegionalBrief' });
export type RegionalBrief = z.infer<typeof RegionalBriefSchema>;

export const RegionalBriefListSchema = z
  .object({ items: z.array(RegionalBriefSchema) })
  .meta({ id: 'RegionalBriefList' });
export type RegionalBriefList = z.infer<typeof RegionalBriefListSchema>;
