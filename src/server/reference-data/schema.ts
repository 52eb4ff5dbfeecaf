import { z } from 'zod';
import { IsoDateSchema } from '../../contract/common.js';
import { PartnerKindSchema } from '../../contract/partners.js';
import { DocumentTypeSchema, NetworkKindSchema, SubregionSchema } from '../../contract/reference.js';
import { LANGS } from '../../domain/languages.js';
import { FOOTNOTE_KINDS, FOOTNOTE_PARTS } from '../../domain/negotiation.js';
import { LINK_RELATIONS } from '../../domain/outcome-documents.js';
import { CHAIR_SELECTIONS } from '../../domain/reference.js';

/** The format of the versioned files under data/reference/. Every file is validated against these
 * schemas before anything is written, so a typo in a file stops the start with its path and field. */

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');
// Sources are printed as links and published in the API as `format: uri`, which is ASCII only.
const url = z.url().regex(/^[\x21-\x7e]+$/, 'percent-encode the characters outside ASCII');

/** One language's wording. `official` says whether it was read verbatim in `source`; false marks
 * the platform's own careful translation or editorial text. */
const TextValueSchema = z
  .object({
    text: z.string().trim().min(1),
    official: z.boolean(),
    source: url.optional(),
  })
  .strict()
  .refine((v) => !v.official || v.source !== undefined, 'an official wording needs its source');

/** A text in every language of the platform: a language is added by adding it to every text. */
export const TextSchema = z.object(
  Object.fromEntries(LANGS.map((lang) => [lang, TextValueSchema])) as Record<
    (typeof LANGS)[number],
    typeof TextValueSchema
  >,
);
export type Text = z.infer<typeof TextSchema>;

/** A source is shown as "title — publisher" linking to its URL, so both are required (docs/data.md says
 * how titles were set where the page gives none). */
const SourceListSchema = z.array(
  z
    .object({
      url,
      title: z.string().trim().min(1),
      publisher: z.string().trim().min(1),
      note: z.string().min(1).optional(),
      field: z.string().min(1).optional(),
    })
    .strict(),
);
const SourcesSchema = SourceListSchema.default([]);

const AliasesSchema = z
  .array(z.object({ lang: z.enum(LANGS), text: z.string().min(1), source: url.optional() }).strict())
  .default([]);

export const LanguageRowSchema = z
  .object({ code: z.string().regex(/^[a-z]{2,3}$/), position: z.number().int() })
  .strict();

export const PillarRowSchema = z
  .object({ code: slug, position: z.number().int(), name: TextSchema, description: TextSchema, sources: SourcesSchema })
  .strict();

export const ObjectiveRowSchema = z
  .object({ code: slug, position: z.number().int(), text: TextSchema, sources: SourcesSchema })
  .strict();

export const MemberStateRowSchema = z
  .object({
    slug: z.string().regex(/^[a-z]{2}$/, 'the lower-case ISO 3166-1 alpha-2 code'),
    iso2: z.string().regex(/^[A-Z]{2}$/),
    iso3: z.string().regex(/^[A-Z]{3}$/),
    isoNumeric: z.string().regex(/^\d{3}$/),
    subregion: SubregionSchema,
    name: TextSchema,
    sources: SourcesSchema,
  })
  .strict()
  .refine((s) => s.slug === s.iso2.toLowerCase(), 'slug must be the lower-case alpha-2 code');

export const MeetingRowSchema = z
  .object({
    slug,
    number: z.string().regex(/^[IVXLC]+$/),
    ordinal: z.number().int().min(1),
    name: TextSchema,
    hostState: slug.nullable(),
    city: z.string().min(1).nullable(),
    startDate: IsoDateSchema.nullable(),
    endDate: IsoDateSchema.nullable(),
    summary: TextSchema.nullable(),
    aliases: AliasesSchema,
    sources: SourcesSchema,
  })
  .strict()
  .refine((m) => !m.startDate || !m.endDate || m.startDate <= m.endDate, 'endDate is before startDate');

export const DocumentRowSchema = z
  .object({
    slug,
    meeting: slug,
    position: z.number().int(),
    type: DocumentTypeSchema,
    symbol: z.string().min(1).nullable(),
    adoptedOn: IsoDateSchema.nullable(),
    title: TextSchema.nullable(),
    description: TextSchema.nullable(),
    pillars: z.array(slug).default([]),
    /** What this document says of earlier ones (it reaffirms the Commitment…), each with the
     * public source where the text says so. */
    links: z.array(z.object({ relation: z.enum(LINK_RELATIONS), document: slug, source: url }).strict()).default([]),
    aliases: AliasesSchema,
    sources: SourcesSchema,
  })
  .strict();

/** A state chairing a group from the meeting that elected or designated it until, when a source says
 * so, the meeting that chose the next chair (the loader checks it comes later). Its sources must say
 * it (docs/data.md). */
const ChairSchema = z
  .object({
    state: slug,
    selection: z.enum(CHAIR_SELECTIONS),
    from: slug,
    until: slug.optional(),
    sources: SourceListSchema.min(1, 'a chair needs a source that records it'),
  })
  .strict();

export const TechnicalGroupRowSchema = z
  .object({
    slug,
    position: z.number().int(),
    name: TextSchema,
    createdAt: slug.nullable(),
    leadState: slug.nullable(),
    pillars: z.array(slug).default([]),
    description: TextSchema.nullable(),
    aliases: AliasesSchema,
    chairs: z.array(ChairSchema).default([]),
    sources: SourcesSchema,
  })
  .strict();

export const NetworkRowSchema = z
  .object({
    slug,
    position: z.number().int(),
    kind: NetworkKindSchema,
    acronym: z.string().min(1).nullable(),
    name: TextSchema,
    origin: z
      .object({ meeting: slug, relation: z.enum(['created', 'presented']) })
      .strict()
      .nullable(),
    parent: slug.nullable(),
    description: TextSchema.nullable(),
    aliases: AliasesSchema,
    sources: SourcesSchema,
  })
  .strict();

export const TeamMemberRowSchema = z
  .object({ slug, position: z.number().int(), name: z.string().min(1), role: TextSchema, sources: SourcesSchema })
  .strict();

export const PartnerRowSchema = z
  .object({
    slug,
    kind: PartnerKindSchema,
    name: TextSchema,
    website: url.nullable(),
    pillars: z.array(slug).default([]),
    sources: SourcesSchema,
  })
  .strict();

/** A historic document's footnote known from a public source: the state's reservation on the
 * paragraphs it names by number, with its wording or (`official: false`) a paraphrase of it. */
export const DocumentFootnoteRowSchema = z
  .object({
    document: slug,
    state: z.string().regex(/^[a-z]{2}$/, 'the lower-case ISO 3166-1 alpha-2 code'),
    kind: z.enum(FOOTNOTE_KINDS),
    concerns: z
      .array(
        z
          .object({
            part: z.enum(FOOTNOTE_PARTS),
            number: z.string().regex(/^[0-9a-z]+(\.[0-9a-z]+)*$/, 'as cited: 13, 2.f.ii'),
          })
          .strict(),
      )
      .default([]),
    lang: z.enum(LANGS),
    text: z.string().trim().min(1),
    official: z.boolean(),
    sources: SourceListSchema.min(1, 'a footnote known from a public source needs that source'),
  })
  .strict();

/** File name under data/reference/ → the schema of each of its rows, in loading order. */
export const REFERENCE_FILES = {
  'languages.json': LanguageRowSchema,
  'pillars.json': PillarRowSchema,
  'objectives.json': ObjectiveRowSchema,
  'member-states.json': MemberStateRowSchema,
  'meetings.json': MeetingRowSchema,
  'documents.json': DocumentRowSchema,
  'technical-groups.json': TechnicalGroupRowSchema,
  'networks.json': NetworkRowSchema,
  'team.json': TeamMemberRowSchema,
  'partners.json': PartnerRowSchema,
  'document-footnotes.json': DocumentFootnoteRowSchema,
} as const;
export type ReferenceFileName = keyof typeof REFERENCE_FILES;
export type ReferenceRows = { [F in ReferenceFileName]: z.infer<(typeof REFERENCE_FILES)[F]>[] };
