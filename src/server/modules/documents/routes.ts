import type { FastifyInstance } from 'fastify';
import { DocumentListQuerySchema, DocumentSchema } from '../../../contract/reference.js';
import { registerReadRoutes } from '../../http/read-routes.js';
import type { DocumentsService } from './service.js';

export function documentsRoutes(service: DocumentsService) {
  return async (app: FastifyInstance) => {
    registerReadRoutes(app, {
      path: '/documents',
      tag: 'documents',
      what: 'outcome documents adopted by the ministerial meetings, in the order of the meetings',
      listQuery: DocumentListQuerySchema,
      item: DocumentSchema,
      list: service.list,
      detail: { schema: DocumentSchema, get: service.get },
    });
  };
}
