import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AgendaDocumentLinkSchema,
  AgendaItemCreateSchema,
  AgendaItemDocumentParamsSchema,
  AgendaItemParamsSchema,
  AgendaItemSchema,
  AgendaItemUpdateSchema,
  AgendaItemVersionSchema,
  AgendaOrderSchema,
  AgendaParamsSchema,
  AgendaSchema,
} from '../../../contract/agenda.js';
import { DetailQuerySchema } from '../../../contract/common.js';
import { problemResponse } from '../../http/problems.js';
import { created, noContent } from '../../http/replies.js';
import { requestContext } from '../../policy/guard.js';
import { writeSchema } from '../shared/write-schema.js';
import type { AgendaService } from './service.js';

export function agendaRoutes(service: AgendaService) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const base = '/meetings/:idOrSlug/agenda';
    const tags = ['agenda'];

    typed.get(
      base,
      {
        config: { cache: true, action: 'reference.read' },
        schema: {
          tags,
          summary: 'The agenda of a meeting, items in order (public for all but draft meetings)',
          params: AgendaParamsSchema,
          querystring: DetailQuerySchema,
          response: { 200: AgendaSchema, 400: problemResponse('Malformed'), 404: problemResponse('No such meeting') },
        },
      },
      async (request) => {
        const ctx = requestContext(request);
        return service.get(ctx, request.params.idOrSlug, ctx.lang);
      },
    );

    typed.post(
      `${base}/items`,
      {
        config: { action: 'agenda.edit' },
        schema: writeSchema(
          {
            tags,
            summary: 'Add an item at the end of the agenda',
            params: AgendaParamsSchema,
            body: AgendaItemCreateSchema,
          },
          { 201: AgendaItemSchema },
        ),
      },
      async (request, reply) =>
        created(reply, service.create(requestContext(request), request.params.idOrSlug, request.body)),
    );

    typed.put(
      `${base}/items/:id`,
      {
        config: { action: 'agenda.edit' },
        schema: writeSchema(
          {
            tags,
            summary: 'Edit an item, naming the version read',
            params: AgendaItemParamsSchema,
            body: AgendaItemUpdateSchema,
          },
          { 200: AgendaItemSchema },
        ),
      },
      async (request) =>
        service.update(requestContext(request), request.params.idOrSlug, request.params.id, request.body),
    );

    typed.delete(
      `${base}/items/:id`,
      {
        config: { action: 'agenda.edit' },
        schema: writeSchema(
          {
            tags,
            summary: 'Remove an item, naming the version read',
            params: AgendaItemParamsSchema,
            body: AgendaItemVersionSchema,
          },
          { 204: z.null() },
        ),
      },
      async (request, reply) =>
        noContent(
          reply,
          service.remove(requestContext(request), request.params.idOrSlug, request.params.id, request.body),
        ),
    );

    typed.put(
      `${base}/order`,
      {
        config: { action: 'agenda.edit' },
        schema: writeSchema(
          {
            tags,
            summary: 'Reorder: every item in the new order, each with the version read',
            params: AgendaParamsSchema,
            body: AgendaOrderSchema,
          },
          { 200: AgendaSchema },
        ),
      },
      async (request) => service.reorder(requestContext(request), request.params.idOrSlug, request.body),
    );

    typed.post(
      `${base}/items/:id/documents`,
      {
        config: { action: 'agenda.edit' },
        schema: writeSchema(
          {
            tags,
            summary: 'Link a document of the same meeting to an item',
            params: AgendaItemParamsSchema,
            body: AgendaDocumentLinkSchema,
          },
          { 200: AgendaItemSchema },
        ),
      },
      async (request) =>
        service.link(requestContext(request), request.params.idOrSlug, request.params.id, request.body),
    );

    typed.delete(
      `${base}/items/:id/documents/:documentId`,
      {
        config: { action: 'agenda.edit' },
        schema: writeSchema(
          {
            tags,
            summary: 'Unlink a document from an item',
            params: AgendaItemDocumentParamsSchema,
            body: AgendaItemVersionSchema,
          },
          { 200: AgendaItemSchema },
        ),
      },
      async (request) =>
        service.unlink(
          requestContext(request),
          request.params.idOrSlug,
          request.params.id,
          request.params.documentId,
          request.body,
        ),
    );
  };
}
