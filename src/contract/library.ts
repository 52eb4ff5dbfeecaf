import { z } from 'zod';
import { LIBRARY_KINDS, LIBRARY_SORTS } from '../domain/library.js';
import {
  IsoDateSchema,
  LangSchema,
  LocalizedTextSchema,
  PageQuerySchema,
  RecordIdSchema,
  RecordSlugSchema,
  slugFilter,
  yearFilter,
} from './common.js';
import { DocumentTypeSchema, MeetingRefSchema, OutcomeStatusSchema } from './reference.js';

/** The document library (issue 16): the meeting documents and outcome documents of every meeting,
 * as the reader may see each, in one list. */

export const LibraryKindSchema = z
  .enum(LIBRARY_KINDS)
  .meta({ description: 'A meeting document’s category (working, information, presentation, report) or outcome' });

export const LibraryListQuerySchema = PageQuerySchema.extend({
  meeting: slugFilter('meeting'),
  kind: LibraryKindSchema.optional().meta({ description: 'Only documents of this kind' }),
  language: LangSchema.optional().meta({
    description: 'Only documents available in this language (a file of the current revision, or the whole text)',
  }),
  pillar: slugFilter(
    'pillar (an outcome document’s or one of its paragraphs’; a meeting document’s agenda item’s or meeting’s)',
  ),
  year: yearFilter.meta({ description: 'Calendar year of the document’s date' }),
  sort: z
    .enum(LIBRARY_SORTS)
    .default('date')
    .meta({ description: 'date: newest first (the default); symbol: by symbol, documents without one last' }),
});

export const LibraryEntrySchema = z
  .object({
    id: RecordIdSchema,
    source: z
      .enum(['meeting-document', 'outcome-document'])
      .meta({ description: 'meeting-document: at /meetings/{slug}/documents; outcome-document: at /documents/{slug}' }),
    kind: LibraryKindSchema,
    symbol: z.string().nullable(),
    title: LocalizedTextSchema.nullable().meta({ description: 'In the reader’s language when there is one' }),
    date: IsoDateSchema.nullable().meta({
      description: 'A meeting document’s date of issue; an outcome document’s adoption, else its meeting’s start',
    }),
    languages: z.array(LangSchema),
    meeting: MeetingRefSchema,
    slug: RecordSlugSchema.nullable().meta({ description: 'An outcome document’s slug' }),
    type: DocumentTypeSchema.nullable().meta({ description: 'An outcome document’s type' }),
    status: OutcomeStatusSchema.nullable().meta({ description: 'An outcome document’s status' }),
  })
  .meta({ id: 'LibraryEntry' });
export type LibraryEntry = z.infer<typeof LibraryEntrySchema>;
