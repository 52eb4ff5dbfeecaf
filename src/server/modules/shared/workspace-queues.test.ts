import { describe, expect, it } from 'vitest';
import type { WorkspaceQueue } from '../../../contract/workspace.js';
import { WORKSPACE_QUEUE_ITEMS_MAX } from '../../../domain/workspace.js';
import { mergeQueues } from './workspace-queues.js';

const item = (id: string, at: string) => ({ id, title: id, detail: null, meeting: null, at, path: `/x/${id}` });
/** A queue of `n` items, one a minute from `start`, as a provider answers it (newest first). */
const queueOf = (key: WorkspaceQueue['key'], prefix: string, n: number, start: number): WorkspaceQueue => ({
  key,
  count: n,
  items: Array.from({ length: n }, (_, i) => item(`${prefix}${i}`, new Date(start + (n - i) * 60_000).toISOString())),
});

describe('mergeQueues', () => {
  it('makes one queue of two with the same key: the counts added, the newest items first, at most the limit', () => {
    const meetingDocs = queueOf('shared-documents', 'm', 40, 0);
    const outcomeDocs = queueOf('shared-documents', 'o', 30, 30_000);
    const [merged, ...rest] = mergeQueues([outcomeDocs, meetingDocs]);
    expect(rest).toEqual([]);
    expect(merged?.count).toBe(70);
    expect(merged?.items).toHaveLength(WORKSPACE_QUEUE_ITEMS_MAX);
    const times = merged?.items.map((i) => i.at ?? '') ?? [];
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(merged?.items.map((i) => i.id)).size).toBe(WORKSPACE_QUEUE_ITEMS_MAX);
  });

  it('keeps other queues as they are, in the order of WORKSPACE_QUEUES', () => {
    const shared = queueOf('shared-documents', 's', 2, 0);
    const toAccredit = queueOf('registrations-to-accredit', 'r', 3, 0);
    expect(mergeQueues([shared, toAccredit])).toEqual([toAccredit, shared]);
  });
});
