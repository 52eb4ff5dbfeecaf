import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../contract/common.js';
import {
  RecoveryCodesSchema,
  TwoFactorChallengeSchema,
  TwoFactorCodeSchema,
  TwoFactorEnrolmentSchema,
  TwoFactorEnrolmentStartSchema,
  TwoFactorPassedSchema,
} from '../../../contract/two-factor.js';
import { requestContext } from '../../policy/guard.js';
import { rememberDevice } from '../../security/device-cookie.js';
import type { TwoFactorService } from './service.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

const refusals = {
  400: problem('Malformed, or not the current code'),
  401: problem('Not signed in'),
  403: problem('Not allowed: an API token, or the second factor not passed yet'),
};

export function twoFactorRoutes(service: TwoFactorService) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.post(
      '/me/two-factor/enrolment',
      {
        config: { action: 'two-factor.enrol' },
        schema: {
          tags: ['accounts'],
          summary: 'Start enrolling an authenticator app: a new secret, its otpauth:// URI and QR code',
          body: TwoFactorEnrolmentStartSchema,
          response: { 200: TwoFactorEnrolmentSchema, ...refusals },
        },
      },
      async (request, reply) => {
        // The secret is in this reply: no cache may keep it.
        reply.header('cache-control', 'no-store');
        return service.startEnrolment(requestContext(request));
      },
    );

    typed.post(
      '/me/two-factor/enrolment/confirm',
      {
        config: { action: 'two-factor.enrol' },
        schema: {
          tags: ['accounts'],
          summary:
            'Confirm the enrolment with a code from the app; turns two-factor on and returns recovery codes once',
          body: TwoFactorCodeSchema,
          response: { 200: RecoveryCodesSchema, ...refusals, 409: problem('No enrolment in progress') },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return service.confirmEnrolment(requestContext(request), request.body.code);
      },
    );

    typed.post(
      '/auth/two-factor',
      {
        config: { action: 'two-factor.challenge' },
        schema: {
          tags: ['accounts'],
          summary:
            'Pass the second factor of this session with the app’s code or a recovery code; answers with a known-device cookie that spares this browser the account’s sign-in delay',
          body: TwoFactorChallengeSchema,
          response: {
            200: TwoFactorPassedSchema,
            400: problem('Malformed'),
            401: problem('Not signed in, or a wrong code'),
            403: problem('An API token'),
            409: problem('Two-factor is off, or this session has already passed it'),
            429: problem('Too many wrong codes in this session: sign in again'),
          },
        },
      },
      async (request, reply) => {
        const { passed, device } = await service.challenge(requestContext(request), request.body);
        if (device) rememberDevice(reply, request, device);
        return passed;
      },
    );

    typed.delete(
      '/me/two-factor',
      {
        config: { action: 'two-factor.disable' },
        schema: {
          tags: ['accounts'],
          summary: 'Turn two-factor off (with a current code), where no role requires it',
          body: TwoFactorCodeSchema,
          response: {
            204: z.null(),
            ...refusals,
            409: problem('Two-factor is off'),
            429: problem('Too many wrong codes in this session: sign in again'),
          },
        },
      },
      async (request, reply) => {
        await service.disable(requestContext(request), request.body.code);
        return reply.status(204).send(null);
      },
    );
  };
}
