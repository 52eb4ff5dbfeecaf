import type { Kysely } from 'kysely';
import type { Lang } from '../../../contract/common.js';
import type { WorkspaceItem, WorkspaceQueue } from '../../../contract/workspace.js';
import { WORKSPACE_QUEUE_ITEMS_MAX, WORKSPACE_QUEUES, type WorkspaceQueueKey } from '../../../domain/workspace.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { namesOf } from './meeting-names.js';
import { memberStateRefs } from './refs.js';
import { loadTexts, textOf } from './texts.js';

/**
 * The workspace's one extension point (issue 16, docs/architecture.md): a module with work waiting
 * for someone exports from its index.ts a `workspaceQueues` provider, and app.ts lists it once
 * (`WORKSPACE_QUEUE_PROVIDERS`). The workspace module asks every provider and shows what they answer;
 * it knows no module's tables.
 */

/** Who is reading their workspace, as every provider needs it. */
export interface WorkspaceReader {
  actor: Extract<Actor, { kind: 'user' }>;
  lang: Lang;
  now: Date;
  /** The reader's previous visit (null on the first): what is newer is new to them. */
  since: string | null;
  /** The member states the reader acts for (a focal point's or delegate's), by id. */
  states: readonly string[];
  /** The partner organisations the reader acts for, by id. */
  partners: readonly string[];
}

/** A module's queues for a reader: only those the reader may act on (none is an empty array). Each
 * queue's count is counted by the database, its items the first WORKSPACE_QUEUE_ITEMS_MAX. */
export type WorkspaceQueues = (reader: WorkspaceReader) => Promise<WorkspaceQueue[]>;

/** The limit every provider's item query takes. */
export const QUEUE_ITEMS_LIMIT = WORKSPACE_QUEUE_ITEMS_MAX;

/** An item as a provider's query finds it: the meeting by id, named by `queueOf`. */
export type FoundItem = Omit<WorkspaceItem, 'meeting'> & { meetingId: string | null; meetingSlug: string | null };

/** A queue from its count and found items, each meeting named in the reader's language. */
export async function queueOf(
  db: Kysely<Database>,
  lang: Lang,
  key: WorkspaceQueueKey,
  count: number | string | bigint,
  found: readonly FoundItem[],
): Promise<WorkspaceQueue> {
  const ids = found.map((item) => item.meetingId).filter((id): id is string => id !== null);
  const names = await namesOf(db, ids, lang);
  const items = found.map(({ meetingId, meetingSlug, ...item }) => {
    const name = meetingId ? names.get(meetingId) : undefined;
    return {
      ...item,
      meeting:
        meetingId && meetingSlug
          ? { slug: meetingSlug, name: name ?? { text: meetingSlug, lang, official: false } }
          : null,
    };
  });
  return { key, count: Number(count), items };
}

/** The names items are titled by, each list fetched at once in the reader's language: member states,
 * outcome documents, partners (by id). */
export async function namesForItems(
  db: Kysely<Database>,
  lang: Lang,
  ids: {
    states?: ReadonlyArray<string | null>;
    documents?: readonly string[];
    partners?: ReadonlyArray<string | null>;
  },
) {
  const present = (list: ReadonlyArray<string | null> | undefined) => (list ?? []).filter((id): id is string => !!id);
  const [states, documents, partners] = await Promise.all([
    memberStateRefs(db, present(ids.states), lang),
    loadTexts(db, 'document', present(ids.documents), lang),
    loadTexts(db, 'partner', present(ids.partners), lang),
  ]);
  return {
    state: (id: string | null) => (id ? states.get(id)?.name.text : undefined),
    document: (id: string) => textOf(documents, id, 'title')?.text,
    partner: (id: string | null) => (id ? textOf(partners, id, 'name')?.text : undefined),
  };
}

/**
 * The queues of all providers, one per key: where two modules fill the same list (a partner's shared
 * documents: the meeting documents and the outcome documents), their counts add up and their items
 * are merged newest first, the first WORKSPACE_QUEUE_ITEMS_MAX kept, so the count still agrees with
 * the list. Keys in WORKSPACE_QUEUES order.
 */
export function mergeQueues(queues: readonly WorkspaceQueue[]): WorkspaceQueue[] {
  const byKey = new Map<WorkspaceQueueKey, WorkspaceQueue>();
  for (const queue of queues) {
    const before = byKey.get(queue.key);
    if (!before) {
      byKey.set(queue.key, queue);
      continue;
    }
    const items = [...before.items, ...queue.items]
      .sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''))
      .slice(0, WORKSPACE_QUEUE_ITEMS_MAX);
    byKey.set(queue.key, { key: queue.key, count: before.count + queue.count, items });
  }
  const order = (q: WorkspaceQueue) => WORKSPACE_QUEUES.indexOf(q.key);
  return [...byKey.values()].sort((a, b) => order(a) - order(b));
}
