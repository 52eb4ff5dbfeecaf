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
  ConflictProblemSchema,
} from '../../../contract/agenda.js';
import { DetailQuerySchema, ProblemSchema } from '../../../contract/common.js';
import { requestContext } from '../../policy/guard.js';
import { handleConflicts } from './conflict.js';
import type { AgendaService } from './service.js';

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});
export const conflict = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ConflictProblemSchema } },
});

/** The refusals every write of the meetings area can answer. */
export const writeProblems = {
  400: problem('Malformed, or names what does not exist'),
  401: problem('Not signed in'),
  403: problem('Not allowed'),
  404: problem('No such meeting (drafts are hidden from all but the secretariat) or item'),
  409: conflict('Changed since read (carries the current record), or the agenda is frozen'),
};

export function agendaRoutes(service: AgendaService) {
  return async (app: FastifyInstance) => {
    handleConflicts(app);
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const base = '/meetings/:idOrSlug/agenda';
    const tags = ['agenda'];

    typed.get(
      base,
      {
        config: { action: 'reference.read' },
        schema: {
          tags,
          summary: 'The agenda of a meeting, items in order (public for all but draft meetings)',
          params: AgendaParamsSchema,
          querystring: DetailQuerySchema,
          response: { 200: AgendaSchema, 400: problem('Malformed'), 404: problem('No such meeting') },
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
        schema: {
          tags,
          summary: 'Add an item at the end of the agenda',
          params: AgendaParamsSchema,
          body: AgendaItemCreateSchema,
          response: { 201: AgendaItemSchema, ...writeProblems },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.create(requestContext(request), request.params.idOrSlug, request.body)),
    );

    typed.put(
      `${base}/items/:id`,
      {
        config: { action: 'agenda.edit' },
        schema: {
          tags,
          summary: 'Edit an item, naming the version read',
          params: AgendaItemParamsSchema,
          body: AgendaItemUpdateSchema,
          response: { 200: AgendaItemSchema, ...writeProblems },
        },
      },
      async (request) =>
        service.update(requestContext(request), request.params.idOrSlug, request.params.id, request.body),
    );

    typed.delete(
      `${base}/items/:id`,
      {
        config: { action: 'agenda.edit' },
        schema: {
          tags,
          summary: 'Remove an item, naming the version read',
          params: AgendaItemParamsSchema,
          body: AgendaItemVersionSchema,
          response: { 204: z.null(), ...writeProblems },
        },
      },
      async (request, reply) => {
        await service.remove(requestContext(request), request.params.idOrSlug, request.params.id, request.body);
        return reply.status(204).send(null);
      },
    );

    typed.put(
      `${base}/order`,
      {
        config: { action: 'agenda.edit' },
        schema: {
          tags,
          summary: 'Reorder: every item in the new order, each with the version read',
          params: AgendaParamsSchema,
          body: AgendaOrderSchema,
          response: { 200: AgendaSchema, ...writeProblems },
        },
      },
      async (request) => service.reorder(requestContext(request), request.params.idOrSlug, request.body),
    );

    typed.post(
      `${base}/items/:id/documents`,
      {
        config: { action: 'agenda.edit' },
        schema: {
          tags,
          summary: 'Link a document of the same meeting to an item',
          params: AgendaItemParamsSchema,
          body: AgendaDocumentLinkSchema,
          response: { 200: AgendaItemSchema, ...writeProblems },
        },
      },
      async (request) =>
        service.link(requestContext(request), request.params.idOrSlug, request.params.id, request.body),
    );

    typed.delete(
      `${base}/items/:id/documents/:documentId`,
      {
        config: { action: 'agenda.edit' },
        schema: {
          tags,
          summary: 'Unlink a document from an item',
          params: AgendaItemDocumentParamsSchema,
          body: AgendaItemVersionSchema,
          response: { 200: AgendaItemSchema, ...writeProblems },
        },
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
