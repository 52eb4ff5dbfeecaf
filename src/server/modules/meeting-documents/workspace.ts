import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { loadTexts, textOf } from '../shared/texts.js';
import {
  type FoundItem,
  QUEUE_ITEMS_LIMIT,
  queueOf,
  type WorkspaceQueues,
  type WorkspaceReader,
} from '../shared/workspace-queues.js';
import { meetingDocumentsPolicy } from './policy.js';

/**
 * The meeting documents' queues (the workspace's extension point): for a state, the documents of
 * the meetings it is invited to that are new (or newly revised) since its last visit; for a partner,
 * the documents shared with the delegations of the meetings it observes. Each document once, at its
 * newest revision; one kept for delegations only is listed only to those who may read it.
 */
export function meetingDocumentsWorkspaceQueues(deps: { db: Kysely<Database> }): WorkspaceQueues {
  const { db } = deps;

  const newest = (reader: WorkspaceReader) => {
    let query = db
      .selectFrom('meeting_document')
      .innerJoin('meeting', 'meeting.id', 'meeting_document.meeting_id')
      .innerJoin('meeting_document_revision as revision', 'revision.document_id', 'meeting_document.id')
      .where('meeting.status', '<>', 'draft')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('meeting_document_revision as later')
              .select('later.id')
              .whereRef('later.document_id', '=', 'meeting_document.id')
              .whereRef('later.revision', '>', 'revision.revision'),
          ),
        ),
      );
    if (!meetingDocumentsPolicy.can(reader.actor, 'meeting-documents.read-delegations')) {
      query = query.where('meeting_document.visibility', '=', 'public');
    }
    return query;
  };

  /** New to a state: the platform's meetings (every state is invited), revised since the last visit. */
  const newToStates = (reader: WorkspaceReader) => {
    const query = newest(reader).where('meeting.managed_by', '=', 'platform');
    return reader.since ? query.where('revision.created_at', '>', reader.since) : query;
  };

  /** Shared with a partner: delegations-only documents of the meetings its observers are registered at. */
  const sharedWithPartners = (reader: WorkspaceReader) =>
    newest(reader)
      .where('meeting_document.visibility', '=', 'delegations')
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('delegation')
            .select('delegation.id')
            .whereRef('delegation.meeting_id', '=', 'meeting.id')
            .where('delegation.partner_id', 'in', reader.partners),
        ),
      );

  async function queue(reader: WorkspaceReader, key: 'new-documents' | 'shared-documents') {
    const query = key === 'new-documents' ? newToStates(reader) : sharedWithPartners(reader);
    const [counted, rows] = await Promise.all([
      query.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
      query
        .select([
          'meeting_document.id',
          'revision.symbol',
          'revision.created_at',
          'meeting.id as meetingId',
          'meeting.slug as meetingSlug',
        ])
        .orderBy('revision.created_at', 'desc')
        .orderBy('meeting_document.id')
        .limit(QUEUE_ITEMS_LIMIT)
        .execute(),
    ]);
    const titles = await loadTexts(
      db,
      'meeting_document',
      rows.map((r) => r.id),
      reader.lang,
    );
    const items: FoundItem[] = rows.map((r) => ({
      id: r.id,
      title: textOf(titles, r.id, 'title')?.text ?? r.symbol,
      detail: r.symbol,
      at: r.created_at,
      path: `/meetings/${r.meetingSlug}/documents`,
      meetingId: r.meetingId,
      meetingSlug: r.meetingSlug,
    }));
    return queueOf(db, reader.lang, key, counted.n, items);
  }

  return async (reader) => {
    const queues = [];
    if (reader.states.length > 0) queues.push(await queue(reader, 'new-documents'));
    if (reader.partners.length > 0) queues.push(await queue(reader, 'shared-documents'));
    return queues;
  };
}
