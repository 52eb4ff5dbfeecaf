import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptInvitationSchema,
  InvitationSentSchema,
  InvitationViewSchema,
  InviteUserSchema,
  TokenParamsSchema,
  UserParamsSchema,
} from '../../../contract/users.js';
import { DENIED, problemResponse } from '../../http/problems.js';
import { requestContext } from '../../policy/guard.js';
import type { InvitationsService } from './invitations-service.js';

export function invitationsRoutes(service: InvitationsService) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.post(
      '/users/invitations',
      {
        config: { action: 'users.invite' },
        schema: {
          tags: ['users'],
          summary: 'Invite a person: creates the account with its grants and e-mails a link valid 7 days',
          body: InviteUserSchema,
          response: {
            201: InvitationSentSchema,
            400: problemResponse('Malformed invitation, or a grant bound to an unknown slug'),
            409: problemResponse('An account with this e-mail exists'),
            ...DENIED,
          },
        },
      },
      async (request, reply) => reply.status(201).send(await service.invite(request.body, requestContext(request))),
    );

    typed.post(
      '/users/:id/invitation',
      {
        config: { action: 'users.invite' },
        schema: {
          tags: ['users'],
          summary: 'Send a new invitation link to a person who has not accepted yet; the earlier link stops working',
          params: UserParamsSchema,
          response: {
            201: InvitationSentSchema,
            400: problemResponse('Bad parameter'),
            404: problemResponse('No such user'),
            409: problemResponse('The user is not waiting for an invitation'),
            ...DENIED,
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.resend(request.params.id, requestContext(request))),
    );

    typed.get(
      '/invitations/:token',
      {
        config: { action: 'auth.invitation' },
        schema: {
          tags: ['accounts'],
          summary: 'What an invitation link is for, and whether it can still be used',
          params: TokenParamsSchema,
          response: {
            200: InvitationViewSchema,
            400: problemResponse('Bad parameter'),
            404: problemResponse('No such invitation'),
          },
        },
      },
      async (request, reply) => {
        // The link is a secret: no cache may keep the answer.
        reply.header('cache-control', 'no-store');
        return service.view(request.params.token);
      },
    );

    typed.post(
      '/invitations/:token/accept',
      {
        config: { action: 'auth.invitation' },
        schema: {
          tags: ['accounts'],
          summary: 'Choose a password and activate the account (the link then stops working)',
          params: TokenParamsSchema,
          body: AcceptInvitationSchema,
          response: {
            204: z.null().describe('The account is active: sign in with the new password'),
            400: problemResponse('Malformed body, or a password the policy refuses'),
            404: problemResponse('No such invitation'),
            409: problemResponse('An account with this e-mail exists (first-administrator link)'),
            410: problemResponse('The invitation expired or was used'),
          },
        },
      },
      async (request, reply) => {
        await service.accept(request.params.token, request.body, requestContext(request));
        return reply.status(204).send(null);
      },
    );
  };
}
