import type { FastifyInstance } from 'fastify';
import { NetworkListQuerySchema, NetworkSchema } from '../../../contract/reference.js';
import { registerReadRoutes } from '../../http/read-routes.js';
import type { NetworksService } from './service.js';

export function networksRoutes(service: NetworksService) {
  return async (app: FastifyInstance) => {
    registerReadRoutes(app, {
      path: '/networks',
      tag: 'networks',
      what: 'networks and programs born of the MISPA process',
      listQuery: NetworkListQuerySchema,
      item: NetworkSchema,
      list: service.list,
      detail: { schema: NetworkSchema, get: service.get },
    });
  };
}
