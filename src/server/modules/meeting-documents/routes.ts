import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DetailQuerySchema } from '../../../contract/common.js';
import {
  MeetingDocumentCreateSchema,
  MeetingDocumentDownloadQuerySchema,
  MeetingDocumentFileParamsSchema,
  MeetingDocumentListSchema,
  MeetingDocumentParamsSchema,
  MeetingDocumentRevisionCreateSchema,
  MeetingDocumentSchema,
  MeetingDocumentsParamsSchema,
  MeetingDocumentUpdateSchema,
} from '../../../contract/meeting-documents.js';
import { DOCUMENT_KINDS, type FileStore } from '../../files/index.js';
import { requestLang } from '../../http/lang.js';
import { conflictResponse, DENIED, problemResponse } from '../../http/problems.js';
import { created } from '../../http/replies.js';
import { requestContext } from '../../policy/guard.js';
import type { MeetingDocumentsService } from './service.js';

const conflict = conflictResponse('Changed meanwhile: carries the current version and document');

const reads = {
  400: problemResponse('Malformed'),
  401: problemResponse('Sign in: delegations only'),
  403: problemResponse('Delegations only'),
};
const writes = {
  400: problemResponse('Malformed'),
  ...DENIED,
  404: problemResponse('No such meeting or document'),
};

const fileParams = ({ idOrSlug, ...rest }: z.output<typeof MeetingDocumentFileParamsSchema>) => ({
  slug: idOrSlug,
  ...rest,
});

export function meetingDocumentsRoutes(service: MeetingDocumentsService, files: FileStore) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const base = '/meetings/:idOrSlug/documents';

    typed.get(
      base,
      {
        config: { cache: true, action: 'meeting-documents.read' },
        schema: {
          tags: ['meetings'],
          summary:
            'A meeting’s documents by series, each with its revisions and files (delegations-only ones to those who may see them)',
          params: MeetingDocumentsParamsSchema,
          querystring: DetailQuerySchema,
          response: {
            200: MeetingDocumentListSchema,
            400: problemResponse('Malformed'),
            404: problemResponse('No such meeting'),
          },
        },
      },
      async (request) => service.list(requestContext(request), request.params.idOrSlug, requestLang(request)),
    );

    typed.get(
      `${base}/:id`,
      {
        config: { cache: true, action: 'meeting-documents.read' },
        schema: {
          tags: ['meetings'],
          summary: 'One meeting document with its revisions and files',
          params: MeetingDocumentParamsSchema,
          querystring: DetailQuerySchema,
          response: { 200: MeetingDocumentSchema, ...reads, 404: problemResponse('No such meeting or document') },
        },
      },
      async (request) =>
        service.get(requestContext(request), request.params.idOrSlug, request.params.id, requestLang(request)),
    );

    typed.get(
      `${base}/:id/revisions/:revision/files/:lang`,
      {
        config: { action: 'meeting-documents.read' },
        schema: {
          tags: ['meetings'],
          summary: 'Download the file of one revision in one language',
          params: MeetingDocumentFileParamsSchema,
          querystring: MeetingDocumentDownloadQuerySchema,
          response: {
            200: {
              description: 'The file’s bytes, with the type detected when it was uploaded',
              content: { 'application/octet-stream': { schema: z.string() } },
            },
            ...reads,
            404: problemResponse('No such meeting, document, revision or file'),
          },
        },
      },
      async (request, reply) => {
        const { file, restricted, filename } = await service.download(
          requestContext(request),
          fileParams(request.params),
        );
        return files.send(request, reply, file, { restricted, filename, disposition: request.query.disposition });
      },
    );

    typed.post(
      base,
      {
        config: { action: 'meeting-documents.manage' },
        schema: {
          tags: ['meetings'],
          summary: 'Add a document: the next symbol of its series is allocated',
          params: MeetingDocumentsParamsSchema,
          body: MeetingDocumentCreateSchema,
          response: { 201: MeetingDocumentSchema, ...writes, 409: problemResponse('Try again') },
        },
      },
      async (request, reply) =>
        created(reply, service.create(requestContext(request), request.params.idOrSlug, request.body)),
    );

    typed.patch(
      `${base}/:id`,
      {
        config: { action: 'meeting-documents.manage' },
        schema: {
          tags: ['meetings'],
          summary: 'Edit a document’s titles, original language, visibility or agenda item, or mark it adopted',
          params: MeetingDocumentParamsSchema,
          body: MeetingDocumentUpdateSchema,
          response: { 200: MeetingDocumentSchema, ...writes, 409: conflict },
        },
      },
      async (request) =>
        service.update(requestContext(request), request.params.idOrSlug, request.params.id, request.body),
    );

    typed.post(
      `${base}/:id/revisions`,
      {
        config: { action: 'meeting-documents.manage' },
        schema: {
          tags: ['meetings'],
          summary: 'Add a revision (… rev. N); earlier ones are kept',
          params: MeetingDocumentParamsSchema,
          body: MeetingDocumentRevisionCreateSchema,
          response: { 201: MeetingDocumentSchema, ...writes, 409: conflict },
        },
      },
      async (request, reply) =>
        created(
          reply,
          service.addRevision(requestContext(request), request.params.idOrSlug, request.params.id, request.body),
        ),
    );

    typed.put(
      `${base}/:id/revisions/:revision/files/:lang`,
      {
        config: { action: 'meeting-documents.manage' },
        schema: {
          tags: ['meetings'],
          summary:
            'Upload the file of a revision in one language (multipart/form-data, field "file": PDF, DOCX, XLSX, PPTX or ODT)',
          consumes: ['multipart/form-data'],
          params: MeetingDocumentFileParamsSchema,
          response: {
            200: MeetingDocumentSchema,
            ...writes,
            413: problemResponse('Too large'),
            415: problemResponse('Not an allowed type, or a program'),
            422: problemResponse('A suspicious archive'),
          },
        },
      },
      async (request) => {
        const upload = await files.receive(request, DOCUMENT_KINDS);
        try {
          return await service.putFile(requestContext(request), fileParams(request.params), upload);
        } finally {
          await upload.release();
        }
      },
    );
  };
}
