import type { FastifyInstance } from 'fastify';
import { PageQuerySchema } from '../../../contract/common.js';
import { DatasetSourceSchema } from '../../../contract/reference.js';
import { registerReadRoutes } from '../../http/read-routes.js';
import type { SourcesService } from './service.js';

export function sourcesRoutes(service: SourcesService) {
  return async (app: FastifyInstance) => {
    registerReadRoutes(app, {
      path: '/sources',
      tag: 'about the data',
      what: 'public sources of the reference data, by the record each supports',
      listQuery: PageQuerySchema,
      item: DatasetSourceSchema,
      list: service.list,
    });
  };
}
