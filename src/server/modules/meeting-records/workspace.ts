import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { message } from '../../i18n/messages.js';
import { QUEUE_ITEMS_LIMIT, queueOf, type WorkspaceQueues } from '../shared/workspace-queues.js';
import { meetingRecordsPolicy } from './policy.js';

/**
 * The records area's queues (the workspace's extension point): for the secretariat, the minutes and
 * reports shared for comment; for a state, those shared that it has not commented on yet.
 */
export function meetingRecordsWorkspaceQueues(deps: { db: Kysely<Database> }): WorkspaceQueues {
  const { db } = deps;

  /** Versions shared for comment; with `uncommentedBy`, only those none of these states commented on. */
  const shared = (uncommentedBy?: readonly string[]) => {
    let query = db
      .selectFrom('meeting_record')
      .innerJoin('meeting', 'meeting.id', 'meeting_record.meeting_id')
      .where('meeting_record.status', '=', 'shared');
    if (uncommentedBy) {
      query = query.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('meeting_record_comment')
              .select('meeting_record_comment.id')
              .whereRef('meeting_record_comment.record_id', '=', 'meeting_record.id')
              .where('meeting_record_comment.member_state_id', 'in', uncommentedBy),
          ),
        ),
      );
    }
    return query;
  };

  async function queue(
    lang: Parameters<typeof message>[0],
    key: 'minutes-awaiting-comments' | 'comments-asked',
    states?: readonly string[],
  ) {
    const [counted, rows] = await Promise.all([
      shared(states)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow(),
      shared(states)
        .select([
          'meeting_record.id',
          'meeting_record.kind',
          'meeting_record.version',
          'meeting_record.updated_at',
          'meeting.id as meetingId',
          'meeting.slug as meetingSlug',
        ])
        .orderBy('meeting_record.updated_at')
        .orderBy('meeting_record.id')
        .limit(QUEUE_ITEMS_LIMIT)
        .execute(),
    ]);
    const items = rows.map((r) => ({
      id: r.id,
      title: message(lang, r.kind === 'minutes' ? 'workspace.minutes' : 'workspace.report', { version: r.version }),
      detail: null,
      at: r.updated_at,
      path: `/meetings/${r.meetingSlug}/records`,
      meetingId: r.meetingId,
      meetingSlug: r.meetingSlug,
    }));
    return queueOf(db, lang, key, counted.n, items);
  }

  return async (reader) => {
    const queues = [];
    if (meetingRecordsPolicy.can(reader.actor, 'meeting-records.manage')) {
      queues.push(await queue(reader.lang, 'minutes-awaiting-comments'));
    }
    // A state is asked for the comments it may make: its own, as a focal point or delegate.
    const reach = meetingRecordsPolicy.reach(reader.actor, 'meeting-records.comment');
    const states = reach.all ? [] : reach.memberStateIds;
    if (states.length > 0) queues.push(await queue(reader.lang, 'comments-asked', states));
    return queues;
  };
}
