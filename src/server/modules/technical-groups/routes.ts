import type { FastifyInstance } from 'fastify';
import { TechnicalGroupListQuerySchema, TechnicalGroupSchema } from '../../../contract/reference.js';
import { registerReadRoutes } from '../../http/read-routes.js';
import type { TechnicalGroupsService } from './service.js';

export function technicalGroupsRoutes(service: TechnicalGroupsService) {
  return async (app: FastifyInstance) => {
    registerReadRoutes(app, {
      path: '/technical-groups',
      tag: 'technical groups',
      what: 'subsidiary technical groups of the MISPA process',
      listQuery: TechnicalGroupListQuerySchema,
      item: TechnicalGroupSchema,
      list: service.list,
      detail: { schema: TechnicalGroupSchema, get: service.get },
    });
  };
}
