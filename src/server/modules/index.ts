import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { memberStatesRoutes, memberStatesService } from './member-states/index.js';
import { networksRoutes, networksService } from './networks/index.js';
import { organisationRoutes, organisationService } from './organisation/index.js';
import { pillarsRoutes, pillarsService } from './pillars/index.js';
import { sourcesRoutes, sourcesService } from './sources/index.js';
import { technicalGroupsRoutes, technicalGroupsService } from './technical-groups/index.js';

/** Every module of the API, each built from its dependencies: a new module is one more line.
 * (Meetings need the mailer and a reminder job, documents the delegations area: app.ts registers them.) */
export function referenceModules(deps: {
  db: Kysely<Database>;
  clock: () => Date;
}): Array<(app: FastifyInstance) => Promise<void>> {
  return [
    pillarsRoutes(pillarsService(deps)),
    organisationRoutes(organisationService(deps)),
    memberStatesRoutes(memberStatesService(deps)),
    technicalGroupsRoutes(technicalGroupsService(deps)),
    networksRoutes(networksService(deps)),
    sourcesRoutes(sourcesService(deps)),
  ];
}
