import { z } from 'zod';
import { reason } from '../domain/reasons.js';

/** The signed-in sessions of one's own account. */

export const SESSION_ID_PATTERN = /^[\w-]{32}$/;

export const SessionSchema = z
  .object({
    id: z.string().meta({ description: 'An opaque id of the session, unrelated to its cookie' }),
    createdAt: z.iso.datetime().meta({ description: 'When it signed in' }),
    lastSeenAt: z.iso.datetime().meta({ description: 'Last recorded use (recorded at most every hour or so)' }),
    expiresAt: z.iso.datetime().meta({ description: 'When it ends, used or not' }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    secondFactor: z.boolean().meta({ description: 'Has passed the second factor' }),
    current: z.boolean().meta({ description: 'The session of this request' }),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof SessionSchema>;

export const SessionListSchema = z.object({ items: z.array(SessionSchema) }).meta({ id: 'SessionList' });
export type SessionList = z.infer<typeof SessionListSchema>;

export const SessionParamsSchema = z.object({
  id: z
    .string()
    .regex(SESSION_ID_PATTERN, { error: reason('reason.id.session') })
    .meta({ description: 'The session’s opaque id' }),
});

export const SignOutEverywhereSchema = z
  .object({
    keepCurrent: z
      .boolean()
      .optional()
      .meta({ description: 'Keep the session of this request (sign out everywhere else); false by default' }),
  })
  .strict()
  // No body at all is the usual request: Fastify gives it as null.
  .nullish()
  .meta({ id: 'SignOutEverywhere' });
export type SignOutEverywhere = z.infer<typeof SignOutEverywhereSchema>;

export const SignedOutSchema = z
  .object({ ended: z.number().int().meta({ description: 'How many sessions were ended' }) })
  .meta({ id: 'SignedOut' });
export type SignedOut = z.infer<typeof SignedOutSchema>;
