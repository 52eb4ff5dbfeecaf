import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../contract/common.js';
import {
  ApiTokenCreatedSchema,
  ApiTokenCreateSchema,
  ApiTokenListSchema,
  ApiTokenParamsSchema,
} from '../../../contract/tokens.js';
import { requestContext } from '../../policy/guard.js';
import type { TokensService } from './service.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export function tokensRoutes(service: TokensService) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.get(
      '/me/tokens',
      {
        config: { action: 'tokens.read' },
        schema: {
          tags: ['accounts'],
          summary: 'Your API tokens, newest first (never their values)',
          response: { 200: ApiTokenListSchema, 401: problem('Not signed in'), 403: problem('Not allowed') },
        },
      },
      async (request) => service.list(requestContext(request)),
    );

    typed.post(
      '/me/tokens',
      {
        config: { action: 'tokens.create' },
        schema: {
          tags: ['accounts'],
          summary: 'Create an API token acting with your grants; its value is shown only in this reply',
          body: ApiTokenCreateSchema,
          response: {
            201: ApiTokenCreatedSchema,
            400: problem('Malformed'),
            401: problem('Not signed in'),
            403: problem('Not allowed: an API token cannot create tokens'),
            409: problem('Too many live tokens'),
          },
        },
      },
      async (request, reply) => {
        const created = await service.create(requestContext(request), request.body);
        // The token's value is in this reply: no cache may keep it.
        return reply.status(201).header('cache-control', 'no-store').send(created);
      },
    );

    typed.delete(
      '/me/tokens/:id',
      {
        config: { action: 'tokens.revoke' },
        schema: {
          tags: ['accounts'],
          summary: 'Revoke one of your API tokens: it is refused from the next request on',
          params: ApiTokenParamsSchema,
          response: {
            204: z.null(),
            400: problem('Malformed id'),
            401: problem('Not signed in'),
            403: problem('Not your token, or a read-only token'),
            404: problem('No such token'),
          },
        },
      },
      async (request, reply) => {
        await service.revoke(requestContext(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
