import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MeSchema, SignInSchema } from '../../../contract/accounts.js';
import { problemResponse } from '../../http/problems.js';
import { requestContext } from '../../policy/guard.js';
import { DEVICE_COOKIE, rememberDevice } from '../../security/device-cookie.js';
import { SESSION_COOKIE } from '../../security/secrets.js';
import type { AuthService } from './service.js';

export function authRoutes(service: AuthService) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.post(
      '/auth/sign-in',
      {
        config: { action: 'auth.sign-in' },
        schema: {
          tags: ['accounts'],
          summary:
            'Sign in with e-mail and password; answers with the session cookie and, once the sign-in is complete, a known-device cookie that spares this browser the account’s delay after others’ failures',
          body: SignInSchema,
          response: {
            204: z.null().describe('Signed in: the session cookie is set'),
            400: problemResponse('Malformed'),
            401: problemResponse('Wrong e-mail or password'),
            429: problemResponse(
              'Too many attempts from this address, or on this account (a delay that grows with each failure): see Retry-After',
            ),
          },
        },
      },
      async (request, reply) => {
        const { secret, device } = await service.signIn(request.body, {
          ...requestContext(request),
          userAgent: request.headers['user-agent'] ?? null,
          device: request.cookies[DEVICE_COOKIE],
        });
        reply.setCookie(SESSION_COOKIE, secret, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
        });
        if (device) rememberDevice(reply, request, device);
        return reply.status(204).send(null);
      },
    );

    typed.post(
      '/auth/sign-out',
      {
        config: { action: 'auth.sign-out' },
        schema: {
          tags: ['accounts'],
          summary: 'End this session',
          response: { 204: z.null(), 401: problemResponse('Not signed in') },
        },
      },
      async (request, reply) => {
        await service.signOut(requestContext(request));
        return reply.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).send(null);
      },
    );

    typed.get(
      '/me',
      {
        config: { cache: true, action: 'account.read' },
        schema: {
          tags: ['accounts'],
          summary: 'The signed-in user with their grants',
          response: { 200: MeSchema, 401: problemResponse('Not signed in') },
        },
      },
      async (request) => service.me(requestContext(request)),
    );
  };
}
