import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DetailQuerySchema } from '../../../contract/common.js';
import { WorkspaceSchema } from '../../../contract/workspace.js';
import { DENIED, problemResponse } from '../../http/problems.js';
import { requestContext } from '../../policy/guard.js';
import type { WorkspaceService } from './service.js';

export function workspaceRoutes(service: WorkspaceService) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    // Not kept by the reply cache: it records the visit, and its deadlines follow the clock.
    typed.get(
      '/me/workspace',
      {
        config: { action: 'workspace.read' },
        schema: {
          tags: ['workspace'],
          summary: 'Your workspace: the meetings you follow and the work waiting for you (records your visit)',
          querystring: DetailQuerySchema,
          response: { 200: WorkspaceSchema, 400: problemResponse('Malformed'), ...DENIED },
        },
      },
      async (request) => service.get(requestContext(request)),
    );
  };
}
