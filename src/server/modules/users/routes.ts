import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../contract/common.js';
import {
  GrantParamsSchema,
  NewGrantSchema,
  UserDetailSchema,
  UserGrantSchema,
  UserListQuerySchema,
  UserParamsSchema,
  UserSummarySchema,
} from '../../../contract/users.js';
import { DENIED, problemResponse } from '../../http/problems.js';
import { requestContext } from '../../policy/guard.js';
import type { UsersService } from './service.js';

export function usersRoutes(service: UsersService) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.get(
      '/users',
      {
        config: { action: 'users.read' },
        schema: {
          tags: ['users'],
          summary: 'User accounts, in e-mail order, with their grants in force',
          querystring: UserListQuerySchema,
          response: { 200: pageOf(UserSummarySchema), 400: problemResponse('Bad parameter'), ...DENIED },
        },
      },
      async (request) => service.list(request.query, requestContext(request)),
    );

    typed.get(
      '/users/:id',
      {
        config: { action: 'users.read' },
        schema: {
          tags: ['users'],
          summary: 'One account, with every grant (revoked ones too) and its latest invitation',
          params: UserParamsSchema,
          response: {
            200: UserDetailSchema,
            400: problemResponse('Bad parameter'),
            404: problemResponse('No such user'),
            ...DENIED,
          },
        },
      },
      async (request) => service.get(request.params.id, requestContext(request)),
    );

    typed.post(
      '/users/:id/grants',
      {
        config: { action: 'users.manage-grants' },
        schema: {
          tags: ['users'],
          summary: 'Grant a role, bound to what the role needs (a member state for a focal point…)',
          params: UserParamsSchema,
          body: NewGrantSchema,
          response: {
            201: UserGrantSchema,
            400: problemResponse('Malformed grant or unknown slug'),
            404: problemResponse('No such user'),
            409: problemResponse('Grant already held, or account deactivated'),
            ...DENIED,
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.grant(request.params.id, request.body, requestContext(request))),
    );

    typed.delete(
      '/users/:id/grants/:grantId',
      {
        config: { action: 'users.manage-grants' },
        schema: {
          tags: ['users'],
          summary: 'Revoke a grant: it ends on the user’s next request, and stays on record',
          params: GrantParamsSchema,
          response: {
            204: z.null(),
            400: problemResponse('Bad parameter'),
            404: problemResponse('No such user or grant'),
            409: problemResponse('One’s own administrator grant'),
            ...DENIED,
          },
        },
      },
      async (request, reply) => {
        await service.revokeGrant(request.params.id, request.params.grantId, requestContext(request));
        return reply.status(204).send(null);
      },
    );

    typed.post(
      '/users/:id/deactivate',
      {
        config: { action: 'users.deactivate' },
        schema: {
          tags: ['users'],
          summary: 'Deactivate an account and end all its sessions',
          params: UserParamsSchema,
          response: {
            200: UserDetailSchema,
            400: problemResponse('Bad parameter'),
            404: problemResponse('No such user'),
            409: problemResponse('One’s own account'),
            ...DENIED,
          },
        },
      },
      async (request) => service.deactivate(request.params.id, requestContext(request)),
    );
  };
}
