import type { Kysely } from 'kysely';
import type { WorkspaceQueue } from '../../../contract/workspace.js';
import type { Database } from '../../db/schema.js';
import {
  namesForItems,
  QUEUE_ITEMS_LIMIT,
  queueOf,
  type WorkspaceQueues,
  type WorkspaceReader,
} from '../shared/workspace-queues.js';
import { documentsPolicy } from './policy.js';

/**
 * The outcome documents' queues (the workspace's extension point): for the chair, the amendments
 * proposed on texts under negotiation and waiting for a ruling (accept, reject or merge), oldest
 * first; for a partner, the texts the secretariat shares with its organisation, newest share first
 * (they join the meeting documents shared with it in one "shared documents" list).
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

  /** The texts shared with the reader's partner organisations, each once (shared with two of them). */
  const shared = (partners: readonly string[]) =>
    db
      .selectFrom('document')
      .innerJoin('meeting', 'meeting.id', 'document.meeting_id')
      .innerJoin(
        (eb) =>
          eb
            .selectFrom('document_share')
            .select(['document_id', (s) => s.fn.min('created_at').as('shared_at')])
            .where('partner_id', 'in', [...partners])
            .groupBy('document_id')
            .as('share'),
        (join) => join.onRef('share.document_id', '=', 'document.id'),
      );

  async function sharedQueue(reader: WorkspaceReader) {
    const [counted, rows] = await Promise.all([
      shared(reader.partners)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow(),
      shared(reader.partners)
        .select([
          'document.id',
          'document.slug',
          'document.symbol',
          'share.shared_at',
          'meeting.id as meetingId',
          'meeting.slug as meetingSlug',
        ])
        .orderBy('share.shared_at', 'desc')
        .orderBy('document.id')
        .limit(QUEUE_ITEMS_LIMIT)
        .execute(),
    ]);
    const names = await namesForItems(db, reader.lang, { documents: rows.map((r) => r.id) });
    const items = rows.map((r) => ({
      id: r.id,
      title: names.document(r.id) ?? r.symbol ?? r.slug,
      detail: r.symbol,
      at: r.shared_at,
      path: `/documents/${r.slug}`,
      meetingId: r.meetingId,
      meetingSlug: r.meetingSlug,
    }));
    return queueOf(db, reader.lang, 'shared-documents', counted.n, items);
  }

  async function amendmentsQueue(reader: WorkspaceReader) {
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
    return queueOf(db, reader.lang, 'amendments-to-rule', counted.n, items);
  }

  return async (reader) => {
    const queues: WorkspaceQueue[] = [];
    if (reader.partners.length > 0) queues.push(await sharedQueue(reader));
    if (documentsPolicy.can(reader.actor, 'outcome-documents.chair')) queues.push(await amendmentsQueue(reader));
    return queues;
  };
}
