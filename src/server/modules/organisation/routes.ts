import type { FastifyInstance } from 'fastify';
import { PageQuerySchema } from '../../../contract/common.js';
import {
  ObjectiveSchema,
  PartnerListQuerySchema,
  PartnerSchema,
  TeamMemberSchema,
} from '../../../contract/reference.js';
import { registerReadRoutes } from '../../http/read-routes.js';
import type { OrganisationService } from './service.js';

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
    registerReadRoutes(app, {
      path: '/partners',
      tag: 'organisation',
      what: 'strategic partners of the MISPA process',
      listQuery: PartnerListQuerySchema,
      item: PartnerSchema,
      list: service.partners,
    });
  };
}
