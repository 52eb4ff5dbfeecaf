import { z } from 'zod';
import { LANGS } from '../domain/languages.js';
import {
  MEETING_DOCUMENT_CATEGORIES,
  MEETING_DOCUMENT_TITLE_MAX,
  MEETING_DOCUMENT_VISIBILITIES,
} from '../domain/meeting-documents.js';
import { reason } from '../domain/reasons.js';
import { isOneLine } from '../domain/text.js';
import { canSchema, LangSchema, LocalizedTextSchema } from './common.js';

/**
 * Documents of a meeting: working and information documents, presentations and reports, each with
 * a symbol in the inter-American style (`OEA/Ser.K/XLIX.9 MISPA IX/doc.3/26`), revisions
 * (`… rev. 1`, every earlier one kept), and one file per language per revision.
 */

export const MeetingDocumentCategorySchema = z
  .enum(MEETING_DOCUMENT_CATEGORIES)
  .meta({ description: 'working (series doc), information (inf), presentation (pres) or report (rep)' });
export type MeetingDocumentCategory = z.infer<typeof MeetingDocumentCategorySchema>;

export const MeetingDocumentVisibilitySchema = z
  .enum(MEETING_DOCUMENT_VISIBILITIES)
  .meta({ description: 'public: everyone; delegations: delegations, partners and the secretariat only' });
export type MeetingDocumentVisibility = z.infer<typeof MeetingDocumentVisibilitySchema>;

const titleError = reason('reason.line', { min: 1, max: MEETING_DOCUMENT_TITLE_MAX });
const TitleSchema = z
  .string({ error: titleError })
  .trim()
  .min(1, { error: titleError })
  .max(MEETING_DOCUMENT_TITLE_MAX, { error: titleError })
  .refine(isOneLine, { error: reason('reason.oneLine') });

/** Titles by language: at least one of the four. */
export const MeetingDocumentTitlesSchema = z
  .object({
    en: TitleSchema.optional(),
    es: TitleSchema.optional(),
    fr: TitleSchema.optional(),
    pt: TitleSchema.optional(),
  })
  .strict()
  .refine((titles) => LANGS.some((lang) => titles[lang] !== undefined), {
    error: reason('reason.titles'),
  })
  .meta({ id: 'MeetingDocumentTitles', description: 'The title in one or more of en, es, fr, pt' });
export type MeetingDocumentTitles = z.infer<typeof MeetingDocumentTitlesSchema>;

const uuidError = reason('reason.id.agendaItemOrNull');
const AgendaItemIdSchema = z
  .uuid({ error: uuidError })
  .nullable()
  .meta({ description: 'The agenda item the document belongs to, or null' });

export const MeetingDocumentCreateSchema = z
  .object({
    category: MeetingDocumentCategorySchema,
    titles: MeetingDocumentTitlesSchema,
    originalLang: z.enum(LANGS).meta({ description: 'The language it was written in' }),
    visibility: MeetingDocumentVisibilitySchema,
    agendaItemId: AgendaItemIdSchema.optional(),
  })
  .strict()
  .meta({ id: 'MeetingDocumentCreate' });
export type MeetingDocumentCreate = z.infer<typeof MeetingDocumentCreateSchema>;

const versionError = reason('reason.version');
const VersionSchema = z
  .number({ error: versionError })
  .int({ error: versionError })
  .min(1, { error: versionError })
  .max(2_000_000_000, { error: versionError })
  .meta({ description: 'The version you read; a different current version answers 409' });

export const MeetingDocumentUpdateSchema = z
  .object({
    version: VersionSchema,
    titles: MeetingDocumentTitlesSchema.optional(),
    originalLang: z.enum(LANGS).optional(),
    visibility: MeetingDocumentVisibilitySchema.optional(),
    agendaItemId: AgendaItemIdSchema.optional(),
    adopted: z
      .boolean()
      .optional()
      .meta({ description: 'Mark adopted (once the meeting is held, or with `override`), or not' }),
    override: z.boolean().optional().meta({
      description:
        'Mark it adopted before the meeting is held (in session or concluded): meeting-documents.override, audited as an override',
    }),
  })
  .strict()
  .meta({ id: 'MeetingDocumentUpdate' });
export type MeetingDocumentUpdate = z.infer<typeof MeetingDocumentUpdateSchema>;

export const MeetingDocumentRevisionCreateSchema = z
  .object({ version: VersionSchema })
  .strict()
  .meta({ id: 'MeetingDocumentRevisionCreate' });
export type MeetingDocumentRevisionCreate = z.infer<typeof MeetingDocumentRevisionCreateSchema>;

export const MeetingDocumentFileSchema = z
  .object({
    lang: LangSchema,
    mediaType: z.string().meta({ description: 'Detected from the file’s bytes' }),
    size: z.number().int(),
    sha256: z.string(),
    originalName: z.string(),
    uploadedAt: z.iso.datetime(),
    url: z.string().meta({ description: 'Where to download it' }),
  })
  .meta({ id: 'MeetingDocumentFile' });
export type MeetingDocumentFile = z.infer<typeof MeetingDocumentFileSchema>;

export const MeetingDocumentRevisionSchema = z
  .object({
    revision: z.number().int().meta({ description: '0 for the original, then 1, 2, …' }),
    symbol: z.string(),
    createdAt: z.iso.datetime(),
    files: z.array(MeetingDocumentFileSchema),
  })
  .meta({ id: 'MeetingDocumentRevision' });
export type MeetingDocumentRevision = z.infer<typeof MeetingDocumentRevisionSchema>;

export const MeetingDocumentSchema = z
  .object({
    id: z.string(),
    meeting: z.string().meta({ description: 'The meeting’s slug' }),
    category: MeetingDocumentCategorySchema,
    sequence: z.number().int(),
    symbol: z.string().meta({ description: 'The symbol of the newest revision' }),
    title: LocalizedTextSchema,
    titles: z.partialRecord(LangSchema, z.string()).meta({ description: 'Every language the title is given in' }),
    originalLang: LangSchema,
    visibility: MeetingDocumentVisibilitySchema,
    agendaItemId: z.string().nullable(),
    adoptedAt: z.iso.datetime().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    revisions: z.array(MeetingDocumentRevisionSchema).meta({ description: 'Newest first' }),
    can: canSchema({
      update: 'Edit the titles, original language, visibility and agenda item, and mark the document not adopted',
      revise: 'Add the next revision',
      upload: 'Upload a file of a revision in a language',
      adopt: 'Mark the document adopted (once the meeting is held)',
      override: 'Mark it adopted before the meeting is held, with `override: true` (audited)',
    }),
  })
  .meta({ id: 'MeetingDocument' });
export type MeetingDocument = z.infer<typeof MeetingDocumentSchema>;

export const MeetingDocumentListSchema = z
  .object({
    lang: LangSchema,
    meeting: z.string(),
    items: z.array(MeetingDocumentSchema),
    can: canSchema({ create: 'Add a document to the meeting' }),
  })
  .meta({ id: 'MeetingDocumentList' });
export type MeetingDocumentList = z.infer<typeof MeetingDocumentListSchema>;

const segment = (description: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .refine((value) => !value.includes('\0'), reason('reason.noNul'))
    .meta({ description });

// `idOrSlug`, as the meetings routes name the same path segment (one router node, one name).
export const MeetingDocumentsParamsSchema = z.object({ idOrSlug: segment('The meeting’s id or slug') });
export const MeetingDocumentParamsSchema = MeetingDocumentsParamsSchema.extend({
  id: segment('The document’s id'),
});
const revisionError = reason('reason.revision');
export const MeetingDocumentFileParamsSchema = MeetingDocumentParamsSchema.extend({
  revision: z.coerce
    .number({ error: revisionError })
    .int({ error: revisionError })
    .min(0, { error: revisionError })
    .max(999, { error: revisionError }),
  lang: z.enum(LANGS),
});
export const MeetingDocumentDownloadQuerySchema = z.object({
  disposition: z
    .enum(['attachment', 'inline'])
    .default('attachment')
    .meta({ description: 'inline opens it in the browser; attachment (the default) saves it' }),
});
