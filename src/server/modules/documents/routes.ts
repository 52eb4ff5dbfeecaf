import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Lang } from '../../../contract/common.js';
import { DocumentShareListSchema, DocumentShareParamsSchema } from '../../../contract/document-shares.js';
import {
  AgreementChangeSchema,
  AmendmentCreateSchema,
  AmendmentDecisionSchema,
  AmendmentListQuerySchema,
  AmendmentListSchema,
  AmendmentMergeSchema,
  AmendmentParamsSchema,
  AmendmentSchema,
  BlockersSchema,
  BracketCreateSchema,
  BracketParamsSchema,
  BracketResolveSchema,
  FootnoteCreateSchema,
  ObjectionCreateSchema,
  ObjectionParamsSchema,
  ObjectionWithdrawSchema,
  ParagraphListSchema,
  ParagraphQuerySchema,
  PositionCreateSchema,
  RevisionIssueSchema,
  SilenceBreakSchema,
  SilenceOpenSchema,
  VersionCompareQuerySchema,
  VersionComparisonSchema,
  VersionListSchema,
} from '../../../contract/negotiation.js';
import {
  DOCUMENT_IMPORT_TYPES,
  DocumentExportQuerySchema,
  DocumentImportProposalSchema,
  DocumentImportSchema,
  LinkCreateSchema,
  LinkParamsSchema,
  NodeCreateSchema,
  NodeMoveSchema,
  NodeParamsSchema,
  NodeTextParamsSchema,
  NodeTranslationSchema,
  NodeUpdateSchema,
  type OutcomeDocument,
  OutcomeDocumentCreateSchema,
  OutcomeDocumentParamsSchema,
  OutcomeDocumentSchema,
  OutcomeDocumentUpdateSchema,
  OutcomeStatusChangeSchema,
  VersionOnlySchema,
} from '../../../contract/outcome-documents.js';
import { DocumentListQuerySchema, DocumentSchema } from '../../../contract/reference.js';
import { acceptImportFiles, importFile } from '../../http/import-body.js';
import { conflictResponse, DENIED, problemResponse } from '../../http/problems.js';
import { registerReadRoutes } from '../../http/read-routes.js';
import { created } from '../../http/replies.js';
import { requestContext } from '../../policy/guard.js';
import { akomaNtoso, documentPdf, exportable } from './exports.js';
import { DOCUMENT_IMPORT_MAX_BYTES, type DocumentsImport } from './import.js';
import type { DocumentsNegotiation } from './negotiation.js';
import type { DocumentsReads } from './service.js';
import type { DocumentsSharing } from './sharing.js';
import type { DocumentsWrites } from './writes.js';

const tags = ['documents'];
const writes = {
  400: problemResponse('Malformed, or names what does not exist'),
  ...DENIED,
  404: problemResponse(
    'No such document (one not adopted is hidden from all but its negotiators), section or paragraph',
  ),
  409: conflictResponse(
    'Changed since read (carries the current document), a historic document, or a text no longer editable',
  ),
};
const reply = { 200: OutcomeDocumentSchema, ...writes };
const notFound = problemResponse('No such document (one not adopted is hidden from all but its negotiators)');

export function documentsRoutes(
  reads: DocumentsReads,
  service: DocumentsWrites,
  negotiation: DocumentsNegotiation,
  clock: () => Date,
  sharing: DocumentsSharing,
  importer: DocumentsImport,
) {
  return async (app: FastifyInstance) => {
    registerReadRoutes(app, {
      path: '/documents',
      tag: 'documents',
      what: 'outcome documents of the meetings, in the order of the meetings (those not adopted only to the secretariat and the delegations of their meeting)',
      listQuery: DocumentListQuerySchema,
      item: DocumentSchema,
      list: reads.list,
      detail: { schema: OutcomeDocumentSchema, get: reads.get },
    });

    const typed = app.withTypeProvider<ZodTypeProvider>();
    const one = '/documents/:idOrSlug';
    const action = 'outcome-documents.draft';

    // Exports (issue 13): the text in one language, to whoever may read the document.
    const exports = [
      {
        format: 'akoma-ntoso',
        type: 'application/akn+xml',
        summary: 'The document as OASIS LegalDocML (Akoma Ntoso 3.0) XML, in one language',
        render: async (doc: OutcomeDocument, lang: Lang) => akomaNtoso(doc, lang, clock().toISOString().slice(0, 10)),
      },
      {
        format: 'pdf',
        type: 'application/pdf',
        summary: 'The document typeset as PDF, in one language: title page, numbered paragraphs, footnotes',
        render: documentPdf,
      },
    ] as const;
    for (const { format, type, summary, render } of exports) {
      typed.get(
        `${one}/${format}`,
        {
          config: { action: 'reference.read' },
          schema: {
            tags,
            summary,
            params: OutcomeDocumentParamsSchema,
            querystring: DocumentExportQuerySchema,
            response: {
              200: { description: type, content: { [type]: { schema: z.string() } } },
              400: problemResponse('Malformed, or a language the whole text is not in'),
              404: notFound,
            },
          },
        },
        async (request, reply) => {
          const { doc, lang } = await exportable(
            reads,
            requestContext(request),
            request.params.idOrSlug,
            request.query.lang,
          );
          const extension = format === 'pdf' ? 'pdf' : 'xml';
          return reply
            .header('cache-control', 'no-cache')
            .header('content-disposition', `attachment; filename="${doc.slug}-${lang}.${extension}"`)
            .type(type)
            .send((await render(doc, lang)) as unknown as string);
        },
      );
    }

    typed.post(
      '/documents',
      {
        config: { action },
        schema: {
          tags,
          summary: 'Start a draft outcome document for a meeting',
          body: OutcomeDocumentCreateSchema,
          response: { 201: OutcomeDocumentSchema, ...writes },
        },
      },
      async (request, res) => created(res, service.create(requestContext(request), request.body)),
    );

    typed.patch(
      one,
      {
        config: { action },
        schema: {
          tags,
          summary: 'Edit the title, type or original language of a draft or a text under negotiation',
          params: OutcomeDocumentParamsSchema,
          body: OutcomeDocumentUpdateSchema,
          response: reply,
        },
      },
      async (request) => service.update(requestContext(request), request.params.idOrSlug, request.body),
    );

    typed.post(
      `${one}/status`,
      {
        config: { action },
        schema: {
          tags,
          summary: 'Move the document along its lifecycle (under negotiation, it gets its symbol)',
          params: OutcomeDocumentParamsSchema,
          body: OutcomeStatusChangeSchema,
          response: reply,
        },
      },
      async (request) => service.changeStatus(requestContext(request), request.params.idOrSlug, request.body),
    );

    typed.post(
      `${one}/nodes`,
      {
        config: { action },
        schema: {
          tags,
          summary: 'Add a section or paragraph (in the original language); the numbering follows',
          params: OutcomeDocumentParamsSchema,
          body: NodeCreateSchema,
          response: { 201: OutcomeDocumentSchema, ...writes },
        },
      },
      async (request, res) =>
        created(res, service.addNode(requestContext(request), request.params.idOrSlug, request.body)),
    );

    // Only this plugin's routes take a file as the body: the import's proposal.
    app.removeContentTypeParser('text/plain');
    acceptImportFiles(app, [DOCUMENT_IMPORT_TYPES.docx, DOCUMENT_IMPORT_TYPES.text], DOCUMENT_IMPORT_MAX_BYTES);

    typed.post(
      `${one}/import/proposal`,
      {
        config: { action },
        schema: {
          tags,
          summary:
            'Propose a body from a DOCX or a plain text (the request’s body, as application/vnd.openxmlformats-officedocument.wordprocessingml.document or text/plain UTF-8): its paragraphs split, classed (headings as sections, preambular, operative) and numbered, for correction; nothing is written',
          params: OutcomeDocumentParamsSchema,
          response: {
            200: DocumentImportProposalSchema,
            400: problemResponse('Empty, not UTF-8, no text, or a DOCX that cannot be read'),
            ...DENIED,
            404: notFound,
            409: conflictResponse('A historic document, a text no longer editable, or a body already begun'),
            413: problemResponse('Larger than 10 MB'),
            415: problemResponse('Not a DOCX or plain text (the type is told from the bytes)'),
            422: problemResponse('An archive whose declared contents no document has (a zip bomb)'),
          },
        },
      },
      async (request) => {
        const bytes = importFile(request.body);
        const type = request.headers['content-type']?.startsWith('text/plain') ? 'text' : 'docx';
        return importer.propose(requestContext(request), request.params.idOrSlug, { bytes, type }, request.log);
      },
    );

    typed.post(
      `${one}/import`,
      {
        config: { action },
        schema: {
          tags,
          summary:
            'Write the body of a draft whose body is empty, as corrected from a proposal, in one go; the numbering follows',
          params: OutcomeDocumentParamsSchema,
          body: DocumentImportSchema,
          response: reply,
        },
      },
      async (request) => importer.save(requestContext(request), request.params.idOrSlug, request.body),
    );

    typed.patch(
      `${one}/nodes/:nodeId`,
      {
        config: { action },
        schema: {
          tags,
          summary:
            'Change a section’s heading or a paragraph’s text, mark or pillars (translations go back to pending)',
          params: NodeParamsSchema,
          body: NodeUpdateSchema,
          response: reply,
        },
      },
      async (request) =>
        service.updateNode(requestContext(request), request.params.idOrSlug, request.params.nodeId, request.body),
    );

    typed.post(
      `${one}/nodes/:nodeId/move`,
      {
        config: { action },
        schema: {
          tags,
          summary: 'Move a section (with what it holds) or a paragraph; the numbering follows',
          params: NodeParamsSchema,
          body: NodeMoveSchema,
          response: reply,
        },
      },
      async (request) =>
        service.moveNode(requestContext(request), request.params.idOrSlug, request.params.nodeId, request.body),
    );

    typed.delete(
      `${one}/nodes/:nodeId`,
      {
        config: { action },
        schema: {
          tags,
          summary: 'Delete a section (with what it holds) or a paragraph, naming the version read',
          params: NodeParamsSchema,
          body: VersionOnlySchema,
          response: reply,
        },
      },
      async (request) =>
        service.deleteNode(
          requestContext(request),
          request.params.idOrSlug,
          request.params.nodeId,
          request.body.version,
        ),
    );

    typed.put(
      `${one}/nodes/:nodeId/texts/:lang`,
      {
        config: { action },
        schema: {
          tags,
          summary: 'Set the translation of a section or paragraph in a language other than the original',
          params: NodeTextParamsSchema,
          body: NodeTranslationSchema,
          response: reply,
        },
      },
      async (request) =>
        service.translate(
          requestContext(request),
          request.params.idOrSlug,
          request.params.nodeId,
          request.params.lang,
          request.body,
        ),
    );

    typed.post(
      `${one}/links`,
      {
        config: { action },
        schema: {
          tags,
          summary: 'Link the document to an earlier one it reaffirms, supersedes or implements',
          params: OutcomeDocumentParamsSchema,
          body: LinkCreateSchema,
          response: { 201: OutcomeDocumentSchema, ...writes },
        },
      },
      async (request, res) =>
        created(res, service.link(requestContext(request), request.params.idOrSlug, request.body)),
    );

    typed.delete(
      `${one}/links/:linkId`,
      {
        config: { action },
        schema: {
          tags,
          summary: 'Remove a link made on the platform, naming the version read',
          params: LinkParamsSchema,
          body: VersionOnlySchema,
          response: reply,
        },
      },
      async (request) =>
        service.unlink(requestContext(request), request.params.idOrSlug, request.params.linkId, request.body.version),
    );

    // Negotiation (issue 13): readers of the document read its amendments and versions; a state
    // proposes and takes positions for itself; the chair decides.
    const read = 'reference.read';
    const amend = 'outcome-documents.amend';
    const chair = 'outcome-documents.chair';

    typed.get(
      `${one}/amendments`,
      {
        config: { cache: true, action: read },
        schema: {
          tags,
          summary: 'The amendments, each with its word-level diff against the current text, supporters and objectors',
          params: OutcomeDocumentParamsSchema,
          querystring: AmendmentListQuerySchema,
          response: { 200: AmendmentListSchema, 400: problemResponse('Malformed'), 404: notFound },
        },
      },
      async (request) => negotiation.amendments(requestContext(request), request.params.idOrSlug, request.query.status),
    );

    typed.post(
      `${one}/amendments`,
      {
        config: { action: amend },
        schema: {
          tags,
          summary:
            'Propose an amendment on behalf of one’s own state: replace, insert after, delete or move a paragraph, with a rationale',
          params: OutcomeDocumentParamsSchema,
          body: AmendmentCreateSchema,
          response: { 201: AmendmentSchema, ...writes },
        },
      },
      async (request, res) =>
        created(res, negotiation.propose(requestContext(request), request.params.idOrSlug, request.body)),
    );

    typed.post(
      `${one}/amendments/:amendmentId/positions`,
      {
        config: { action: amend },
        schema: {
          tags,
          summary: 'Support or object to another state’s amendment, on behalf of one’s own (the latest word counts)',
          params: AmendmentParamsSchema,
          body: PositionCreateSchema,
          response: { 200: AmendmentSchema, ...writes },
        },
      },
      async (request) =>
        negotiation.position(
          requestContext(request),
          request.params.idOrSlug,
          request.params.amendmentId,
          request.body,
        ),
    );

    for (const [verb, summary] of [
      ['accept', 'Accept a pending amendment: the text changes and a version is recorded'],
      ['reject', 'Reject a pending amendment: the text stays as it is'],
    ] as const) {
      typed.post(
        `${one}/amendments/:amendmentId/${verb}`,
        {
          config: { action: chair },
          schema: { tags, summary, params: AmendmentParamsSchema, body: AmendmentDecisionSchema, response: reply },
        },
        async (request) =>
          negotiation[verb](
            requestContext(request),
            request.params.idOrSlug,
            request.params.amendmentId,
            request.body.version,
          ),
      );
    }

    typed.post(
      `${one}/amendments/merge`,
      {
        config: { action: chair },
        schema: {
          tags,
          summary: 'Merge pending amendments to one paragraph into a text of the chair’s, itself pending',
          params: OutcomeDocumentParamsSchema,
          body: AmendmentMergeSchema,
          response: reply,
        },
      },
      async (request) => negotiation.merge(requestContext(request), request.params.idOrSlug, request.body),
    );

    typed.post(
      `${one}/revisions`,
      {
        config: { action: chair },
        schema: {
          tags,
          summary: 'Issue the consolidated text as the next revision: the symbol gains rev. N',
          params: OutcomeDocumentParamsSchema,
          body: RevisionIssueSchema,
          response: reply,
        },
      },
      async (request) =>
        negotiation.issueRevision(requestContext(request), request.params.idOrSlug, request.body.version),
    );

    typed.get(
      `${one}/versions`,
      {
        config: { cache: true, action: read },
        schema: {
          tags,
          summary: 'The versions of the text: who changed what, and when',
          params: OutcomeDocumentParamsSchema,
          response: { 200: VersionListSchema, 404: notFound },
        },
      },
      async (request) => negotiation.versions(requestContext(request), request.params.idOrSlug),
    );

    typed.get(
      `${one}/versions/compare`,
      {
        config: { cache: true, action: read },
        schema: {
          tags,
          summary: 'Compare two versions paragraph by paragraph, with a word-level diff',
          params: OutcomeDocumentParamsSchema,
          querystring: VersionCompareQuerySchema,
          response: {
            200: VersionComparisonSchema,
            400: problemResponse('Malformed, or no such version'),
            404: notFound,
          },
        },
      },
      async (request) =>
        negotiation.compare(requestContext(request), request.params.idOrSlug, request.query.from, request.query.to),
    );

    typed.get(
      `${one}/paragraphs`,
      {
        config: { cache: true, action: read },
        schema: {
          tags,
          summary: 'The paragraphs open, agreed, agreed ad referendum, bracketed, or still unsettled',
          params: OutcomeDocumentParamsSchema,
          querystring: ParagraphQuerySchema,
          response: { 200: ParagraphListSchema, 400: problemResponse('Malformed'), 404: notFound },
        },
      },
      async (request) => negotiation.paragraphs(requestContext(request), request.params.idOrSlug, request.query.status),
    );

    typed.post(
      `${one}/nodes/:nodeId/brackets`,
      {
        config: { action: chair },
        schema: {
          tags,
          summary: 'Put a paragraph in brackets: alternative wordings, each attributed to the states holding it',
          params: NodeParamsSchema,
          body: BracketCreateSchema,
          response: { 201: OutcomeDocumentSchema, ...writes },
        },
      },
      async (request, res) =>
        created(
          res,
          negotiation.bracket(requestContext(request), request.params.idOrSlug, request.params.nodeId, request.body),
        ),
    );

    typed.post(
      `${one}/nodes/:nodeId/brackets/:bracketId/resolve`,
      {
        config: { action: chair },
        schema: {
          tags,
          summary: 'Resolve a bracket: the paragraph takes the wording picked, or a text of the chair’s',
          params: BracketParamsSchema,
          body: BracketResolveSchema,
          response: reply,
        },
      },
      async (request) =>
        negotiation.resolveBracket(
          requestContext(request),
          request.params.idOrSlug,
          request.params.nodeId,
          request.params.bracketId,
          request.body,
        ),
    );

    typed.post(
      `${one}/nodes/:nodeId/agreement`,
      {
        config: { action: chair },
        schema: {
          tags,
          summary: 'Record a paragraph open, agreed, or agreed ad referendum',
          params: NodeParamsSchema,
          body: AgreementChangeSchema,
          response: reply,
        },
      },
      async (request) =>
        negotiation.setAgreement(requestContext(request), request.params.idOrSlug, request.params.nodeId, request.body),
    );

    typed.post(
      `${one}/footnotes`,
      {
        config: { action: 'outcome-documents.footnote' },
        schema: {
          tags,
          summary:
            'Attach a reservation or interpretative statement of one’s own state to a paragraph or the whole text, up to adoption',
          params: OutcomeDocumentParamsSchema,
          body: FootnoteCreateSchema,
          response: { 201: OutcomeDocumentSchema, ...writes },
        },
      },
      async (request, res) =>
        created(res, negotiation.footnote(requestContext(request), request.params.idOrSlug, request.body)),
    );

    typed.get(
      `${one}/blockers`,
      {
        config: { cache: true, action: read },
        schema: {
          tags,
          summary: 'What blocks adoption: pending amendments, open brackets, standing objections',
          params: OutcomeDocumentParamsSchema,
          response: { 200: BlockersSchema, 404: notFound },
        },
      },
      async (request) => negotiation.blockers(requestContext(request), request.params.idOrSlug),
    );

    typed.post(
      `${one}/objections`,
      {
        config: { action: amend },
        schema: {
          tags,
          summary:
            'Record one’s own state’s objection to a paragraph or the whole text: it blocks adoption until withdrawn',
          params: OutcomeDocumentParamsSchema,
          body: ObjectionCreateSchema,
          response: { 201: BlockersSchema, ...writes },
        },
      },
      async (request, res) =>
        created(res, negotiation.object(requestContext(request), request.params.idOrSlug, request.body)),
    );

    typed.post(
      `${one}/objections/:objectionId/withdraw`,
      {
        config: { action: amend },
        schema: {
          tags,
          summary: 'Withdraw one’s own state’s objection',
          params: ObjectionParamsSchema,
          body: ObjectionWithdrawSchema,
          response: { 200: BlockersSchema, ...writes },
        },
      },
      async (request) =>
        negotiation.withdrawObjection(
          requestContext(request),
          request.params.idOrSlug,
          request.params.objectionId,
          request.body.state,
        ),
    );

    // The silence procedure: the text is deemed adopted at the deadline unless a state breaks silence.
    typed.post(
      `${one}/silence`,
      {
        config: { action: chair },
        schema: {
          tags,
          summary:
            'Open a silence procedure: unless a state breaks silence first, the text is adopted at the deadline (only when nothing else blocks adoption)',
          params: OutcomeDocumentParamsSchema,
          body: SilenceOpenSchema,
          response: reply,
        },
      },
      async (request) => negotiation.openSilence(requestContext(request), request.params.idOrSlug, request.body),
    );

    typed.post(
      `${one}/silence/cancel`,
      {
        config: { action: chair },
        schema: {
          tags,
          summary: 'Cancel the silence procedure running: nothing is adopted at its deadline',
          params: OutcomeDocumentParamsSchema,
          body: VersionOnlySchema,
          response: reply,
        },
      },
      async (request) =>
        negotiation.cancelSilence(requestContext(request), request.params.idOrSlug, request.body.version),
    );

    typed.post(
      `${one}/silence/break`,
      {
        config: { action: amend },
        schema: {
          tags,
          summary:
            'Break silence on behalf of one’s own state, with a reason: recorded as its standing objection, it stops the procedure',
          params: OutcomeDocumentParamsSchema,
          body: SilenceBreakSchema,
          response: reply,
        },
      },
      async (request) => negotiation.breakSilence(requestContext(request), request.params.idOrSlug, request.body),
    );

    // Sharing with strategic partners: the secretariat's, on a text not yet adopted.
    const share = 'outcome-documents.share';
    const shares = {
      200: DocumentShareListSchema,
      400: problemResponse('Malformed, or names no strategic partner'),
      ...DENIED,
      404: notFound,
      409: problemResponse('An adopted or historic document: public, nothing to share'),
    };
    typed.get(
      `${one}/shares`,
      {
        config: { action: share },
        schema: {
          tags,
          summary: 'The strategic partners a document not yet adopted is shared with',
          params: OutcomeDocumentParamsSchema,
          response: shares,
        },
      },
      async (request) => sharing.shares(requestContext(request), request.params.idOrSlug),
    );
    typed.put(
      `${one}/shares/:partner`,
      {
        config: { action: share },
        schema: {
          tags,
          summary: 'Share a document not yet adopted with a strategic partner: its members then read it',
          params: DocumentShareParamsSchema,
          response: shares,
        },
      },
      async (request) => sharing.share(requestContext(request), request.params.idOrSlug, request.params.partner),
    );
    typed.delete(
      `${one}/shares/:partner`,
      {
        config: { action: share },
        schema: {
          tags,
          summary: 'Stop sharing a document with a strategic partner',
          params: DocumentShareParamsSchema,
          response: shares,
        },
      },
      async (request) => sharing.unshare(requestContext(request), request.params.idOrSlug, request.params.partner),
    );
  };
}
