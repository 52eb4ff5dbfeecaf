import { z } from 'zod';
import { DELEGATION_STATUSES } from '../domain/delegations.js';
import { MEETING_KINDS, MEETING_STATUSES } from '../domain/meetings.js';
import { WORKSPACE_DEADLINES, WORKSPACE_QUEUES } from '../domain/workspace.js';
import { LangSchema, LocalizedTextSchema } from './common.js';

/**
 * The workspace (issue 16): GET /api/v1/me/workspace, what waits for the signed-in reader — the
 * meetings they follow and the queues of work, each item linking to the page where it is done.
 * The rules (queues, deadlines) are in src/domain/workspace.ts.
 */

const InstantSchema = z.string().meta({ description: 'UTC instant, ISO 8601' });

export const WorkspaceItemSchema = z
  .object({
    id: z.string().meta({ description: 'The id of the record listed' }),
    title: z.string().meta({ description: 'What the item is, in the reader’s language where it has one' }),
    detail: z.string().nullable().meta({ description: 'A second line: a symbol, a status, a state' }),
    meeting: z.object({ slug: z.string(), name: LocalizedTextSchema }).nullable(),
    at: z
      .string()
      .nullable()
      .meta({ description: 'When it happened (UTC instant) or is due (a date or instant), ISO 8601' }),
    path: z
      .string()
      .meta({ description: 'The portal page where it is acted on, without the language (`/meetings/x/registration`)' }),
  })
  .meta({ id: 'WorkspaceItem' });
export type WorkspaceItem = z.infer<typeof WorkspaceItemSchema>;

export const WorkspaceQueueKeySchema = z.enum(WORKSPACE_QUEUES);

export const WorkspaceQueueSchema = z
  .object({
    key: WorkspaceQueueKeySchema,
    count: z.number().int().min(0).meta({ description: 'How many items wait, all of them (counted by the database)' }),
    items: z.array(WorkspaceItemSchema).meta({ description: 'The first 50 of them, most pressing first' }),
  })
  .meta({ id: 'WorkspaceQueue' });
export type WorkspaceQueue = z.infer<typeof WorkspaceQueueSchema>;

export const WorkspaceDelegationSchema = z.object({
  id: z.string(),
  status: z.enum(DELEGATION_STATUSES),
  /** The state or partner it registers, in the reader's language. */
  name: z.string(),
});

export const WorkspaceMeetingSchema = z
  .object({
    slug: z.string(),
    name: LocalizedTextSchema,
    kind: z.enum(MEETING_KINDS),
    status: z.enum(MEETING_STATUSES),
    startsAt: InstantSchema.nullable(),
    endsAt: InstantSchema.nullable(),
    timeZone: z.string().nullable(),
    nextDeadline: z.object({ kind: z.enum(WORKSPACE_DEADLINES), at: InstantSchema }).nullable(),
    registration: z
      .object({
        registered: z.number().int().min(0).meta({ description: 'States with a submitted or accredited delegation' }),
        total: z.number().int().min(0).meta({ description: 'Member states' }),
        missing: z
          .array(z.object({ slug: z.string(), name: LocalizedTextSchema }))
          .meta({ description: 'The states not registered yet, by name' }),
        canRemind: z.boolean().meta({ description: 'Whether the reader may e-mail them a reminder now' }),
      })
      .nullable()
      .meta({ description: 'For the secretariat, once the meeting is convened' }),
    delegations: z
      .array(WorkspaceDelegationSchema)
      .meta({ description: 'The reader’s own delegations at the meeting (their state’s, their organisation’s)' }),
  })
  .meta({ id: 'WorkspaceMeeting' });
export type WorkspaceMeeting = z.infer<typeof WorkspaceMeetingSchema>;

export const WorkspaceSchema = z
  .object({
    lang: LangSchema,
    lastVisitAt: InstantSchema.nullable().meta({
      description: 'The reader’s previous visit: documents newer than this are new to them (null on a first visit)',
    }),
    meetings: z.array(WorkspaceMeetingSchema),
    queues: z.array(WorkspaceQueueSchema).meta({ description: 'Only the queues this reader may act on' }),
  })
  .meta({ id: 'Workspace' });
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const RegistrationReminderSchema = z
  .object({
    states: z.number().int().min(0).meta({ description: 'States reminded (those not registered yet)' }),
    recipients: z.number().int().min(0).meta({ description: 'Focal points e-mailed' }),
  })
  .meta({ id: 'RegistrationReminder' });
export type RegistrationReminder = z.infer<typeof RegistrationReminderSchema>;
