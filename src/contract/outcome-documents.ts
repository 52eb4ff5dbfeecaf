import { z } from 'zod';
import { LANGS } from '../domain/languages.js';
import { AGREEMENTS, FOOTNOTE_KINDS, FOOTNOTE_PARTS } from '../domain/negotiation.js';
import {
  LINK_RELATIONS,
  NODE_KINDS,
  OUTCOME_DOCUMENT_TYPES,
  OUTLINE_NODES_MAX,
  PARAGRAPH_MARKS,
  PARAGRAPH_TEXT_MAX,
  TRANSLATION_STATES,
} from '../domain/outcome-documents.js';
import { reason } from '../domain/reasons.js';
import { canSchema, IdOrSlugParamsSchema, LangSchema, multilineText, SourceSchema } from './common.js';
import { VersionSchema } from './delegations.js';
import { MeetingDocumentTitlesSchema } from './meeting-documents.js';
import {
  DocumentRefSchema,
  DocumentSchema,
  MemberStateRefSchema,
  OutcomeStatusSchema,
  PillarRefSchema,
} from './reference.js';

/**
 * Outcome documents (issue 13): the detail of a document with its body, an outline of sections and
 * paragraphs numbered automatically, the texts per language with their translation state, what is
 * left to translate and the links to other documents; and the secretariat's writes while drafting.
 */

export const NodeKindSchema = z
  .enum(NODE_KINDS)
  .meta({ description: 'section (holds nodes), preambular or operative paragraph' });
export const ParagraphMarkSchema = z
  .enum(PARAGRAPH_MARKS)
  .meta({ description: 'What an operative paragraph asks of the states: recommendation, commitment or mandate' });
export const TranslationStateSchema = z
  .enum(TRANSLATION_STATES)
  .meta({ description: 'pending until a translator marks the translation done; the original is the source' });
export const LinkRelationSchema = z.enum(LINK_RELATIONS);

export const NodeTextSchema = z.object({ text: z.string(), state: TranslationStateSchema }).meta({ id: 'NodeText' });

export const BracketSchema = z
  .object({
    id: z.string(),
    alternatives: z
      .array(z.object({ text: z.string(), states: z.array(MemberStateRefSchema) }))
      .meta({ description: 'The wordings in dispute, each with the states holding it' }),
  })
  .meta({ id: 'Bracket' });

export const FootnoteSchema = z
  .object({
    id: z.string(),
    nodeId: z.string().nullable().meta({ description: 'The paragraph; null for the whole text' }),
    state: MemberStateRefSchema,
    kind: z.enum(FOOTNOTE_KINDS),
    lang: LangSchema,
    text: z.string(),
    official: z.boolean().meta({
      description: 'False for a historic footnote told in other words than its own (a paraphrase of its source)',
    }),
    sources: z
      .array(SourceSchema)
      .meta({ description: 'Where a historic footnote is known from; empty for a state’s own' }),
    concerns: z.array(z.object({ part: z.enum(FOOTNOTE_PARTS), number: z.string() })).meta({
      description:
        'For a historic document whose text the platform does not hold: the paragraphs the footnote concerns, as its source numbers them',
    }),
    at: z.string(),
  })
  .meta({ id: 'Footnote' });
export type Footnote = z.infer<typeof FootnoteSchema>;

export const SILENCE_STATUSES = ['running', 'adopted', 'broken', 'cancelled', 'lapsed'] as const;

export const SilenceSchema = z
  .object({
    deadline: z.iso.datetime().meta({ description: 'When the text is deemed adopted unless silence is broken' }),
    status: z.enum(SILENCE_STATUSES).meta({
      description:
        'running until the deadline; then adopted, or lapsed (something blocked adoption at the deadline); or broken by a state, or cancelled by the chair',
    }),
    brokenBy: z
      .object({ state: MemberStateRefSchema, reason: z.string(), at: z.string() })
      .nullable()
      .meta({ description: 'The state that broke silence, with its reason (a standing objection)' }),
  })
  .meta({ id: 'SilenceProcedure' });

const SectionSummarySchema = z
  .object({
    sectionId: z.string().nullable().meta({ description: 'null: the paragraphs outside any section' }),
    paragraphs: z.number().int(),
    open: z.number().int(),
    agreed: z.number().int(),
    agreedAdReferendum: z.number().int(),
    bracketed: z.number().int(),
  })
  .meta({ id: 'SectionSummary' });

export const DocumentNodeSchema = z
  .object({
    id: z.string().meta({ description: 'Stable: links, comments and follow-up name it' }),
    kind: NodeKindSchema,
    parentId: z.string().nullable().meta({ description: 'The section holding it; null at the top of the body' }),
    depth: z.number().int().meta({ description: '0 at the top of the body' }),
    number: z.number().int().nullable().meta({
      description: 'Preambular and operative paragraphs are numbered apart, 1..n in document order; null for sections',
    }),
    mark: ParagraphMarkSchema.nullable(),
    pillars: z.array(PillarRefSchema),
    texts: z
      .partialRecord(LangSchema, NodeTextSchema)
      .meta({ description: 'The heading or paragraph in each language given' }),
    agreement: z.enum(AGREEMENTS).meta({ description: 'open, agreed, or agreed ad referendum' }),
    brackets: z.array(BracketSchema).meta({ description: 'Its open brackets' }),
  })
  .meta({ id: 'DocumentNode' });
export type DocumentNode = z.infer<typeof DocumentNodeSchema>;

export const DocumentLinkSchema = z
  .object({
    id: z.string(),
    relation: LinkRelationSchema,
    document: DocumentRefSchema.meta({ description: 'The document at the other end' }),
    source: z.url().nullable().meta({ description: 'Where a historic link is stated' }),
  })
  .meta({ id: 'DocumentLink' });

export const OutcomeDocumentSchema = DocumentSchema.extend({
  body: z.array(DocumentNodeSchema).meta({ description: 'Sections and paragraphs in document order' }),
  leftToTranslate: z
    .partialRecord(LangSchema, z.array(z.string()))
    .meta({ description: 'Per language other than the original: the ids of the nodes missing or pending there' }),
  links: z.object({
    outgoing: z.array(DocumentLinkSchema).meta({ description: 'What this document reaffirms, supersedes, implements' }),
    incoming: z
      .array(DocumentLinkSchema)
      .meta({ description: 'The later documents that reaffirm, supersede, implement it' }),
  }),
  transitions: z.array(OutcomeStatusSchema).meta({ description: 'The statuses the reader may move it to now' }),
  footnotes: z.array(FootnoteSchema).meta({ description: 'Reservations and interpretative statements of the states' }),
  contentHash: z.string().nullable().meta({ description: 'SHA-256 (hex) of the text frozen at adoption; null before' }),
  silence: SilenceSchema.nullable().meta({ description: 'The latest silence procedure; null if none was opened' }),
  sections: z.array(SectionSummarySchema).meta({
    description: 'Per section (the body’s own paragraphs first), how many paragraphs are open, agreed, bracketed',
  }),
  can: canSchema({
    update: 'Edit the title, type and original language',
    editBody: 'Add, edit, move and delete sections and paragraphs, set translations, marks and pillars',
    changeStatus: 'Move it along its lifecycle',
    importText: 'Start its empty body from a file (a historic document: its adopted text, frozen once saved)',
  }),
}).meta({ id: 'OutcomeDocument' });
export type OutcomeDocument = z.infer<typeof OutcomeDocumentSchema>;

// Writes: every one names the version read and answers the whole document.

export const NodeTextInputSchema = multilineText(PARAGRAPH_TEXT_MAX).meta({
  description: 'The text in the document’s original language',
});

const nodeIdError = reason('reason.id.node');
const NodeIdSchema = z.uuid({ error: nodeIdError });

const pillarsError = reason('reason.pillars');
export const PillarCodesSchema = z
  .array(z.string({ error: pillarsError }).regex(/^[a-z0-9-]{1,60}$/, { error: pillarsError }), { error: pillarsError })
  .max(5, { error: reason('reason.pillars.max', { max: 5 }) })
  .refine((codes) => new Set(codes).size === codes.length, { error: pillarsError })
  .meta({ description: 'Pillar codes, each once' });

const indexError = reason('reason.index', { max: OUTLINE_NODES_MAX });
const IndexSchema = z
  .number({ error: indexError })
  .int({ error: indexError })
  .min(0, { error: indexError })
  .max(OUTLINE_NODES_MAX, { error: indexError })
  .meta({ description: 'The place among the parent’s children, from 0' });

export const OutcomeDocumentCreateSchema = z
  .object({
    meeting: z
      .string()
      .regex(/^[a-z0-9-]{1,100}$/, { error: reason('reason.slug') })
      .meta({ description: 'The meeting’s slug' }),
    type: z.enum(OUTCOME_DOCUMENT_TYPES),
    titles: MeetingDocumentTitlesSchema,
    originalLang: z.enum(LANGS).meta({ description: 'The language it is negotiated in: its text is the source' }),
  })
  .strict()
  .meta({ id: 'OutcomeDocumentCreate' });
export type OutcomeDocumentCreate = z.infer<typeof OutcomeDocumentCreateSchema>;

export const OutcomeDocumentUpdateSchema = z
  .object({
    version: VersionSchema,
    type: z.enum(OUTCOME_DOCUMENT_TYPES).optional(),
    titles: MeetingDocumentTitlesSchema.optional(),
    originalLang: z.enum(LANGS).optional(),
  })
  .strict()
  .meta({ id: 'OutcomeDocumentUpdate' });
export type OutcomeDocumentUpdate = z.infer<typeof OutcomeDocumentUpdateSchema>;

export const OutcomeStatusChangeSchema = z
  .object({ version: VersionSchema, status: OutcomeStatusSchema })
  .strict()
  .meta({ id: 'OutcomeStatusChange' });
export type OutcomeStatusChange = z.infer<typeof OutcomeStatusChangeSchema>;

export const NodeCreateSchema = z
  .object({
    version: VersionSchema,
    kind: NodeKindSchema,
    parentId: NodeIdSchema.nullable().default(null).meta({ description: 'The section to put it in; null for the top' }),
    index: IndexSchema.optional().meta({ description: 'Its place among the parent’s children; the end when absent' }),
    text: NodeTextInputSchema.meta({ description: 'The heading or paragraph in the original language' }),
    mark: ParagraphMarkSchema.nullable().optional().meta({ description: 'Operative paragraphs only' }),
    pillars: PillarCodesSchema.optional().meta({ description: 'Operative paragraphs only' }),
  })
  .strict()
  .meta({ id: 'DocumentNodeCreate' });
export type NodeCreate = z.infer<typeof NodeCreateSchema>;

export const NodeUpdateSchema = z
  .object({
    version: VersionSchema,
    text: NodeTextInputSchema.optional().meta({
      description: 'The new original text: the translations go back to pending',
    }),
    mark: ParagraphMarkSchema.nullable().optional(),
    pillars: PillarCodesSchema.optional(),
  })
  .strict()
  .meta({ id: 'DocumentNodeUpdate' });
export type NodeUpdate = z.infer<typeof NodeUpdateSchema>;

export const NodeMoveSchema = z
  .object({ version: VersionSchema, parentId: NodeIdSchema.nullable(), index: IndexSchema })
  .strict()
  .meta({ id: 'DocumentNodeMove' });
export type NodeMove = z.infer<typeof NodeMoveSchema>;

export const NodeTranslationSchema = z
  .object({ version: VersionSchema, text: NodeTextInputSchema, state: TranslationStateSchema })
  .strict()
  .meta({ id: 'DocumentNodeTranslation' });
export type NodeTranslation = z.infer<typeof NodeTranslationSchema>;

export const VersionOnlySchema = z.object({ version: VersionSchema }).strict().meta({ id: 'OutcomeDocumentVersion' });

export const LinkCreateSchema = z
  .object({
    version: VersionSchema,
    relation: LinkRelationSchema,
    document: z
      .string()
      .regex(/^[a-z0-9-]{1,100}$/, { error: reason('reason.slug') })
      .meta({
        description: 'The earlier document’s id or slug',
      }),
  })
  .strict()
  .meta({ id: 'DocumentLinkCreate' });
export type LinkCreate = z.infer<typeof LinkCreateSchema>;

// `idOrSlug`, as the read routes name the same path segment (one router node, one name).
export const OutcomeDocumentParamsSchema = IdOrSlugParamsSchema;
export const NodeParamsSchema = OutcomeDocumentParamsSchema.extend({ nodeId: NodeIdSchema });
export const NodeTextParamsSchema = NodeParamsSchema.extend({ lang: z.enum(LANGS) });
export const LinkParamsSchema = OutcomeDocumentParamsSchema.extend({
  linkId: z.uuid({ error: reason('reason.id.link') }),
});

export const DocumentExportQuerySchema = z.object({
  lang: LangSchema.optional().meta({
    description: 'The language of the text exported, one its whole text is in; the original when left out',
  }),
});

// Starting a document's text from a file: the proposal (nothing written) and the one write.

/** The media types a file to start a document from may be sent as (the request's body). */
export const DOCUMENT_IMPORT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  text: 'text/plain',
} as const;

export const ImportedNodeSchema = z
  .object({
    kind: NodeKindSchema.meta({ description: 'A section (a heading) holds the paragraphs after it, up to the next' }),
    text: NodeTextInputSchema,
  })
  .strict()
  .meta({ id: 'ImportedNode' });

export const DocumentImportProposalSchema = z
  .object({
    nodes: z
      .array(
        z.object({
          kind: NodeKindSchema,
          text: z.string(),
          number: z.number().int().nullable().meta({ description: 'As it will be numbered; null for a section' }),
        }),
      )
      .meta({ description: 'The file’s paragraphs in order, classed: headings as sections' }),
  })
  .meta({ id: 'DocumentImportProposal' });
export type DocumentImportProposal = z.infer<typeof DocumentImportProposalSchema>;

const importNodesError = reason('reason.import.nodes', { max: OUTLINE_NODES_MAX });
export const DocumentImportSchema = z
  .object({
    version: VersionSchema,
    nodes: z
      .array(ImportedNodeSchema, { error: importNodesError })
      .min(1, { error: importNodesError })
      .max(OUTLINE_NODES_MAX, { error: importNodesError })
      .meta({
        description:
          'The body, as corrected: in order, each paragraph in the section before it (at the top before the first)',
      }),
    originalLang: LangSchema.optional().meta({
      description:
        'The language the text is in: needed for a historic document whose original language is not recorded, ignored otherwise',
    }),
  })
  .strict()
  .meta({ id: 'DocumentImport' });
export type DocumentImport = z.infer<typeof DocumentImportSchema>;
