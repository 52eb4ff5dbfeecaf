import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../contract/common.js';
import {
  SessionListSchema,
  SessionParamsSchema,
  SignedOutSchema,
  SignOutEverywhereSchema,
} from '../../../contract/sessions.js';
import { requestContext } from '../../policy/guard.js';
import { SESSION_COOKIE } from '../../security/secrets.js';
import type { SessionsService } from './service.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export function sessionsRoutes(service: SessionsService) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.get(
      '/me/sessions',
      {
        config: { action: 'sessions.read' },
        schema: {
          tags: ['accounts'],
          summary: 'Your signed-in sessions, this one marked current',
          response: { 200: SessionListSchema, 401: problem('Not signed in'), 403: problem('Not allowed') },
        },
      },
      async (request) => service.list(requestContext(request)),
    );

    typed.delete(
      '/me/sessions/:id',
      {
        config: { action: 'sessions.end' },
        schema: {
          tags: ['accounts'],
          summary: 'End one of your sessions (this one included: it is signed out)',
          params: SessionParamsSchema,
          response: {
            204: z.null(),
            400: problem('Malformed id'),
            401: problem('Not signed in'),
            403: problem('Not allowed'),
            404: problem('No such session of yours'),
          },
        },
      },
      async (request, reply) => {
        const { current } = await service.end(requestContext(request), request.params.id);
        if (current) reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    typed.post(
      '/me/sessions/sign-out-everywhere',
      {
        config: { action: 'sessions.end' },
        schema: {
          tags: ['accounts'],
          summary: 'End all your sessions (or all but this one with keepCurrent) and say how many',
          body: SignOutEverywhereSchema,
          response: {
            200: SignedOutSchema,
            400: problem('Malformed'),
            401: problem('Not signed in'),
            403: problem('Not allowed'),
          },
        },
      },
      async (request, reply) => {
        const { ended, currentEnded } = await service.endAll(
          requestContext(request),
          request.body?.keepCurrent ?? false,
        );
        if (currentEnded) reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ended };
      },
    );
  };
}
