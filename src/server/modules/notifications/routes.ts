import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../../contract/common.js';
import {
  MarkedReadSchema,
  NotificationCountSchema,
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationParamsSchema,
  NotificationPreferencesSchema,
  NotificationPreferencesUpdateSchema,
} from '../../../contract/notifications.js';
import { requestContext } from '../../policy/guard.js';
import type { NotificationsService } from './service.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});
const refused = { 401: problem('Not signed in'), 403: problem('Not allowed') };

export function notificationsRoutes(service: NotificationsService) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.get(
      '/me/notifications',
      {
        config: { action: 'notifications.read' },
        schema: {
          tags: ['accounts'],
          summary: 'Your notifications, newest first, with how many are unread',
          querystring: NotificationListQuerySchema,
          response: { 200: NotificationListSchema, 400: problem('Bad parameter'), ...refused },
        },
      },
      async (request) => service.list(requestContext(request), request.query),
    );

    typed.get(
      '/me/notifications/count',
      {
        config: { action: 'notifications.read' },
        schema: {
          tags: ['accounts'],
          summary: 'How many of your notifications are unread (the bell’s number)',
          response: { 200: NotificationCountSchema, ...refused },
        },
      },
      async (request) => service.count(requestContext(request)),
    );

    typed.post(
      '/me/notifications/read',
      {
        config: { action: 'notifications.update' },
        schema: {
          tags: ['accounts'],
          summary: 'Mark all your notifications read',
          response: { 200: MarkedReadSchema, ...refused },
        },
      },
      async (request) => service.markRead(requestContext(request)),
    );

    typed.post(
      '/me/notifications/:id/read',
      {
        config: { action: 'notifications.update' },
        schema: {
          tags: ['accounts'],
          summary: 'Mark one of your notifications read',
          params: NotificationParamsSchema,
          response: {
            200: MarkedReadSchema,
            400: problem('Malformed id'),
            ...refused,
            404: problem('No such notification of yours'),
          },
        },
      },
      async (request) => service.markRead(requestContext(request), request.params.id),
    );

    typed.get(
      '/me/notification-preferences',
      {
        config: { action: 'notifications.read' },
        schema: {
          tags: ['accounts'],
          summary: 'How each kind of notification is e-mailed to you',
          response: { 200: NotificationPreferencesSchema, ...refused },
        },
      },
      async (request) => service.preferences(requestContext(request)),
    );

    typed.patch(
      '/me/notification-preferences',
      {
        config: { action: 'notifications.update' },
        schema: {
          tags: ['accounts'],
          summary: 'Choose, per kind, to be e-mailed immediately, in a daily digest, or never',
          body: NotificationPreferencesUpdateSchema,
          response: { 200: NotificationPreferencesSchema, 400: problem('Malformed'), ...refused },
        },
      },
      async (request) => service.setPreferences(requestContext(request), request.body),
    );
  };
}
