import type { FastifyInstance } from 'fastify';
import { PageQuerySchema } from '../../../contract/common.js';
import { PillarSchema } from '../../../contract/reference.js';
import { registerReadRoutes } from '../../http/read-routes.js';
import type { PillarsService } from './service.js';

export function pillarsRoutes(service: PillarsService) {
  return async (app: FastifyInstance) => {
    registerReadRoutes(app, {
      path: '/pillars',
      tag: 'pillars',
      what: 'five pillars of the MISPA process (slug: the pillar code)',
      listQuery: PageQuerySchema,
      item: PillarSchema,
      list: service.list,
      detail: { schema: PillarSchema, get: service.get },
    });
  };
}
