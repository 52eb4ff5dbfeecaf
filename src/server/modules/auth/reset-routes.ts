import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PasswordChangedSchema,
  PasswordResetRequestSchema,
  PasswordResetSchema,
  TokenParamsSchema,
} from '../../../contract/users.js';
import { problemResponse } from '../../http/problems.js';
import { requestContext } from '../../policy/guard.js';
import type { PasswordResetService } from './reset-service.js';

export function passwordResetRoutes(service: PasswordResetService) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    // The work of requests already answered finishes before the database closes.
    app.addHook('onClose', () => service.settled());

    typed.post(
      '/auth/password-reset',
      {
        config: { action: 'auth.password-reset' },
        schema: {
          tags: ['accounts'],
          summary:
            'Ask for a password reset link; the answer is 202, in the same time, whether or not the account exists',
          body: PasswordResetRequestSchema,
          response: {
            202: z.null().describe('If an active account has this e-mail, a link valid one hour was sent to it'),
            400: problemResponse('Malformed'),
            429: problemResponse('Too many attempts: see Retry-After'),
          },
        },
      },
      async (request, reply) => {
        await service.request(request.body, requestContext(request));
        return reply.status(202).send(null);
      },
    );

    typed.post(
      '/auth/password-reset/:token',
      {
        config: { action: 'auth.password-reset' },
        schema: {
          tags: ['accounts'],
          summary:
            'Choose a new password with a reset link; every session of the account ends and every API token is revoked, and the answer says how many of each',
          params: TokenParamsSchema,
          body: PasswordResetSchema,
          response: {
            200: PasswordChangedSchema,
            400: problemResponse('Malformed body, or a password the policy refuses'),
            404: problemResponse('No such link'),
            410: problemResponse('The link expired or was used'),
          },
        },
      },
      async (request) => service.reset(request.params.token, request.body, requestContext(request)),
    );
  };
}
