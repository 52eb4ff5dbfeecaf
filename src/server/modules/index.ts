import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { documentsRoutes } from './documents/routes.js';
import { documentsService } from './documents/service.js';
import { memberStatesRoutes } from './member-states/routes.js';
import { memberStatesService } from './member-states/service.js';
import { networksRoutes } from './networks/routes.js';
import { networksService } from './networks/service.js';
import { organisationRoutes } from './organisation/routes.js';
import { organisationService } from './organisation/service.js';
import { pillarsRoutes } from './pillars/routes.js';
import { pillarsService } from './pillars/service.js';
import { sourcesRoutes } from './sources/routes.js';
import { sourcesService } from './sources/service.js';
import { technicalGroupsRoutes } from './technical-groups/routes.js';
import { technicalGroupsService } from './technical-groups/service.js';

/** Every module of the API, each built from its dependencies: a new module is one more line.
 * (Meetings need the mailer and a reminder job: app.ts registers them.) */
export function referenceModules(deps: {
  db: Kysely<Database>;
  clock: () => Date;
}): Array<(app: FastifyInstance) => Promise<void>> {
  return [
    pillarsRoutes(pillarsService(deps)),
    organisationRoutes(organisationService(deps)),
    memberStatesRoutes(memberStatesService(deps)),
    documentsRoutes(documentsService(deps)),
    technicalGroupsRoutes(technicalGroupsService(deps)),
    networksRoutes(networksService(deps)),
    sourcesRoutes(sourcesService(deps)),
  ];
}
