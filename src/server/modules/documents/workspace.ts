import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { namesForItems, QUEUE_ITEMS_LIMIT, queueOf, type WorkspaceQueues } from '../shared/workspace-queues.js';
import { documentsPolicy } from './policy.js';

/**
 * The outcome documents' queue (the workspace's extension point): for the chair, the amendments
 * proposed on texts under negotiation and waiting for a ruling (accept, reject or merge), oldest first.
 */
export function documentsWorkspaceQueues(deps: { db: Kysely<Database> }): WorkspaceQueues {
  const { db } = deps;
  const pending = () =>
    db
      .selectFrom('document_amendment as amendment')
      .innerJoin('document', 'document.id', 'amendment.document_id')
      .innerJoin('meeting', 'meeting.id', 'document.meeting_id')
      .where('amendment.status', '=', 'pending')
      .where('document.status', '=', 'under-negotiation');

  return async (reader) => {
    if (!documentsPolicy.can(reader.actor, 'outcome-documents.chair')) return [];
    const [counted, rows] = await Promise.all([
      pending()
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow(),
      pending()
        .select([
          'amendment.id',
          'amendment.member_state_id',
          'amendment.created_at',
          'document.id as documentId',
          'document.slug as documentSlug',
          'document.symbol',
          'meeting.id as meetingId',
          'meeting.slug as meetingSlug',
        ])
        .orderBy('amendment.created_at')
        .orderBy('amendment.id')
        .limit(QUEUE_ITEMS_LIMIT)
        .execute(),
    ]);
    const names = await namesForItems(db, reader.lang, {
      states: rows.map((r) => r.member_state_id),
      documents: rows.map((r) => r.documentId),
    });
    const items = rows.map((r) => {
      const document = names.document(r.documentId) ?? r.symbol ?? r.documentSlug;
      return {
        id: r.id,
        title: names.state(r.member_state_id) ?? document,
        detail: document,
        at: r.created_at,
        path: `/documents/${r.documentSlug}`,
        meetingId: r.meetingId,
        meetingSlug: r.meetingSlug,
      };
    });
    return [await queueOf(db, reader.lang, 'amendments-to-rule', counted.n, items)];
  };
}
