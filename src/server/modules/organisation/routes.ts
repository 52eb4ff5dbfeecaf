import type { FastifyInstance } from 'fastify';
import { PageQuerySchema } from '../../../contract/common.js';
import { ObjectiveSchema, TeamMemberSchema } from '../../../contract/reference.js';
import { registerReadRoutes } from '../../http/read-routes.js';
import type { OrganisationService } from './service.js';

/** Strategic partners have a module of their own (modules/partners), with the secretariat's writes. */
export function organisationRoutes(service: OrganisationService) {
  return async (app: FastifyInstance) => {
    registerReadRoutes(app, {
      path: '/objectives',
      tag: 'organisation',
      what: 'objectives of the MISPA process',
      listQuery: PageQuerySchema,
      item: ObjectiveSchema,
      list: service.objectives,
    });
    registerReadRoutes(app, {
      path: '/team',
      tag: 'organisation',
      what: 'members of the team of the Department of Public Security',
      listQuery: PageQuerySchema,
      item: TeamMemberSchema,
      list: service.team,
    });
  };
}
