/**
 * The workspace (issue 16): the page each signed-in user lands on, listing what waits for them.
 * Each queue is one kind of work, owned by the module whose records it lists (docs/workspace.md).
 */

/** Every queue a workspace may show, in the order the page shows them. A module adding a queue adds
 * its key here (and its heading to the web catalogs). */
export const WORKSPACE_QUEUES = [
  // The secretariat's.
  'registrations-to-accredit',
  'change-requests',
  'minutes-awaiting-comments',
  'amendments-to-rule',
  'reports-to-review',
  // A state's.
  'reports-to-write',
  'comments-asked',
  'new-documents',
  // A partner's.
  'shared-documents',
] as const;
export type WorkspaceQueueKey = (typeof WORKSPACE_QUEUES)[number];

/** How many items of a queue the reply lists; its count is always the whole number. */
export const WORKSPACE_QUEUE_ITEMS_MAX = 50;

/** Meetings a workspace follows: those still to come or under way (a draft only for the secretariat). */
export const WORKSPACE_MEETING_STATUSES = [
  'draft',
  'convened',
  'registration-open',
  'registration-closed',
  'in-session',
] as const;

/** The deadlines a meeting in the workspace may show next, soonest first. */
export const WORKSPACE_DEADLINES = ['registration-deadline', 'start', 'end'] as const;
export type WorkspaceDeadline = (typeof WORKSPACE_DEADLINES)[number];

/** A meeting's next deadline after `now`: its registration deadline while registration may still
 * come, then its start, then its end; null once it has ended. */
export function nextDeadline(
  meeting: { status: string; registrationDeadline: string | null; startsAt: string | null; endsAt: string | null },
  now: string,
): { kind: WorkspaceDeadline; at: string } | null {
  const registering = ['draft', 'convened', 'registration-open'].includes(meeting.status);
  const candidates: Array<[WorkspaceDeadline, string | null]> = [
    ['registration-deadline', registering ? meeting.registrationDeadline : null],
    ['start', meeting.startsAt],
    ['end', meeting.endsAt],
  ];
  for (const [kind, at] of candidates) if (at !== null && at > now) return { kind, at };
  return null;
}
