import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PublicSettingsSchema } from '../../../contract/users.js';

/** What the portal needs to know about this installation before anyone signs in. */
export function settingsRoutes(settings: { demo: boolean }) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/settings/public',
      {
        config: { cache: true, action: 'settings.public' },
        schema: {
          tags: ['settings'],
          summary: 'Public settings of this installation: whether it runs in demo mode',
          response: { 200: PublicSettingsSchema },
        },
      },
      async () => ({ demo: settings.demo }),
    );
  };
}
