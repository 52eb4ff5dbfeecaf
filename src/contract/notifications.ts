import { z } from 'zod';
import { NOTIFICATION_FREQUENCIES, NOTIFICATION_KINDS } from '../domain/notifications.js';
import { reason } from '../domain/reasons.js';
import { PageQuerySchema } from './common.js';

/** One's own notifications and how they are e-mailed (issue 16). */

export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS).meta({ description: 'What the notice is about' });
export const NotificationFrequencySchema = z
  .enum(NOTIFICATION_FREQUENCIES)
  .meta({ description: 'immediately: one e-mail each; daily: one digest a day; never: only in the platform' });

export const NotificationSchema = z
  .object({
    id: z.string().meta({ description: 'Opaque id' }),
    kind: NotificationKindSchema,
    title: z.string().meta({ description: 'What happened, in the language of the reply' }),
    detail: z.string().nullable().meta({ description: 'A stated reason or more, when there is one' }),
    path: z.string().meta({
      description: 'The portal page it points at, after the language: /{lang}/{path} (e.g. meetings/x/registration)',
    }),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuerySchema = PageQuerySchema.pick({ limit: true, cursor: true, lang: true }).extend({
  unread: z
    .enum(['true', 'false'], { error: reason('reason.oneOf', { values: 'true, false' }) })
    .optional()
    .meta({ description: 'true: only those not read yet' }),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;

export const NotificationListSchema = z
  .object({
    items: z.array(NotificationSchema),
    unread: z
      .number()
      .int()
      .meta({ description: 'How many of one’s notices are not read yet (all of them, not only this page)' }),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next (older) page; null on the last page' }),
  })
  .meta({ id: 'NotificationList' });
export type NotificationList = z.infer<typeof NotificationListSchema>;

export const NotificationCountSchema = z
  .object({ unread: z.number().int().meta({ description: 'How many notices are not read yet' }) })
  .meta({ id: 'NotificationCount' });
export type NotificationCount = z.infer<typeof NotificationCountSchema>;

export const NotificationParamsSchema = z.object({
  id: z.uuid({ error: reason('reason.format.uuid') }).meta({ description: 'The notice’s id' }),
});

export const MarkedReadSchema = z
  .object({ marked: z.number().int().meta({ description: 'How many notices were marked read by this request' }) })
  .meta({ id: 'MarkedRead' });
export type MarkedRead = z.infer<typeof MarkedReadSchema>;

const preferencesShape = Object.fromEntries(
  NOTIFICATION_KINDS.map((kind) => [kind, NotificationFrequencySchema]),
) as Record<(typeof NOTIFICATION_KINDS)[number], typeof NotificationFrequencySchema>;

export const NotificationPreferencesSchema = z
  .object(preferencesShape)
  .meta({ id: 'NotificationPreferences', description: 'How each kind of notice is e-mailed' });
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;

export const NotificationPreferencesUpdateSchema = z
  .object(
    Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, NotificationFrequencySchema.optional()])) as Record<
      (typeof NOTIFICATION_KINDS)[number],
      z.ZodOptional<typeof NotificationFrequencySchema>
    >,
  )
  .strict()
  .meta({ id: 'NotificationPreferencesUpdate', description: 'The kinds to change; the others stay as they are' });
export type NotificationPreferencesUpdate = z.infer<typeof NotificationPreferencesUpdateSchema>;
