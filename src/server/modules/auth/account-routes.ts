import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { MeSchema } from '../../../contract/accounts.js';
import { AccountUpdateSchema, PasswordChangedSchema, PasswordChangeSchema } from '../../../contract/users.js';
import { problemResponse } from '../../http/problems.js';
import { requestContext } from '../../policy/guard.js';
import { DEVICE_COOKIE, rememberDevice } from '../../security/device-cookie.js';
import type { AccountService } from './account-service.js';

export function accountRoutes(service: AccountService) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.patch(
      '/me',
      {
        config: { action: 'account.update' },
        schema: {
          tags: ['accounts'],
          summary: 'Change your display name and preferred language; answers with your account as it now is',
          body: AccountUpdateSchema,
          response: {
            200: MeSchema,
            400: problemResponse('Malformed, or a name that is empty, too long or holds control characters'),
            401: problemResponse('Not signed in'),
            403: problemResponse('Not allowed: a read-only API token, or the second factor not passed yet'),
          },
        },
      },
      async (request) => service.update(requestContext(request), request.body),
    );

    typed.post(
      '/me/password',
      {
        config: { action: 'account.change-password' },
        schema: {
          tags: ['accounts'],
          summary:
            'Change your password, giving the current one; your other sessions end (this one stays) and your API tokens are revoked, and the answer says how many of each; browsers known under the old password are forgotten, and this one is known anew (known-device cookie)',
          body: PasswordChangeSchema,
          response: {
            200: PasswordChangedSchema,
            400: problemResponse('Malformed, a wrong current password, or a new password the policy refuses'),
            401: problemResponse('Not signed in'),
            403: problemResponse('Not allowed: an API token, or the second factor not passed yet'),
            429: problemResponse('Too many wrong passwords, from this address or on this account: see Retry-After'),
          },
        },
      },
      async (request, reply) => {
        const { changed, device } = await service.changePassword(
          requestContext(request),
          request.body,
          request.cookies[DEVICE_COOKIE],
        );
        rememberDevice(reply, request, device);
        return changed;
      },
    );
  };
}
