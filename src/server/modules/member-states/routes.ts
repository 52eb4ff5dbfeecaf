import type { FastifyInstance } from 'fastify';
import { MemberStateDetailSchema, MemberStateListQuerySchema, MemberStateSchema } from '../../../contract/reference.js';
import { registerReadRoutes } from '../../http/read-routes.js';
import type { MemberStatesService } from './service.js';

export function memberStatesRoutes(service: MemberStatesService) {
  return async (app: FastifyInstance) => {
    registerReadRoutes(app, {
      path: '/member-states',
      tag: 'member states',
      what: 'member states of the MISPA process, by ISO code (slug: lower-case alpha-2, e.g. ec)',
      listQuery: MemberStateListQuerySchema,
      item: MemberStateSchema,
      list: service.list,
      detail: { schema: MemberStateDetailSchema, get: service.get },
    });
  };
}
