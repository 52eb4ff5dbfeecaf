import type { FastifyInstance } from 'fastify';
import { LibraryEntrySchema, LibraryListQuerySchema } from '../../../contract/library.js';
import { registerReadRoutes } from '../../http/read-routes.js';
import type { LibraryService } from './service.js';

export function libraryRoutes(service: LibraryService) {
  return async (app: FastifyInstance) => {
    registerReadRoutes(app, {
      path: '/library',
      tag: 'documents',
      what: 'documents of every meeting, meeting documents and outcome documents together, as the reader may see each (drafts, delegations-only documents and texts under negotiation only to those who may read them)',
      listQuery: LibraryListQuerySchema,
      item: LibraryEntrySchema,
      list: service.list,
    });
  };
}
