import type { Kysely } from 'kysely';
import type { Workspace, WorkspaceMeeting } from '../../../contract/workspace.js';
import { nextDeadline } from '../../../domain/workspace.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../../policy/actor.js';
import { unregisteredStates } from '../meetings/index.js';
import { namesOf } from '../shared/meeting-names.js';
import { memberStateRefs } from '../shared/refs.js';
import { loadTexts, textOf } from '../shared/texts.js';
import { mergeQueues, type WorkspaceQueues, type WorkspaceReader } from '../shared/workspace-queues.js';
import { workspacePolicy } from './policy.js';
import {
  type Following,
  followedMeetings,
  memberStateCount,
  ownDelegations,
  recordVisit,
  registeredCounts,
} from './queries.js';

/** Visits closer together than this are one sitting: what was new at its start stays new. */
export const SITTING_MS = 30 * 60_000;

/** Statuses in which the secretariat follows registrations: from the convocation on. */
const COUNTING = new Set(['convened', 'registration-open', 'registration-closed', 'in-session']);

export interface WorkspaceDeps {
  db: Kysely<Database>;
  clock: () => Date;
  /** Every module's queues, in one list (app.ts). */
  queues: readonly WorkspaceQueues[];
}

export function workspaceService(deps: WorkspaceDeps) {
  const { db } = deps;

  async function meetingsFor(reader: WorkspaceReader, following: Following): Promise<WorkspaceMeeting[]> {
    const rows = await followedMeetings(db, following);
    const ids = rows.map((r) => r.id);
    const secretariat = workspacePolicy.can(reader.actor, 'delegations.accredit');
    const counting = secretariat ? rows.filter((r) => COUNTING.has(r.status)).map((r) => r.id) : [];
    const [names, counts, total, missing, delegations] = await Promise.all([
      namesOf(db, ids, reader.lang),
      registeredCounts(db, counting),
      memberStateCount(db),
      unregisteredStates(db, counting),
      ownDelegations(db, ids, following),
    ]);
    const [stateRefs, partnerNames] = await Promise.all([
      memberStateRefs(
        db,
        [...missing.map((m) => m.stateId), ...delegations.map((d) => d.member_state_id)],
        reader.lang,
      ),
      loadTexts(
        db,
        'partner',
        delegations.flatMap((d) => (d.partner_id ? [d.partner_id] : [])),
        reader.lang,
      ),
    ]);
    const stateName = (id: string) => stateRefs.get(id)?.name ?? { text: id, lang: reader.lang, official: false };
    const canRemind = workspacePolicy.can(reader.actor, 'meetings.remind-states');
    const now = reader.now.toISOString();
    return rows.map((row) => ({
      slug: row.slug,
      name: names.get(row.id) ?? { text: row.slug, lang: reader.lang, official: false },
      kind: row.kind,
      status: row.status,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      timeZone: row.time_zone,
      nextDeadline: nextDeadline(
        {
          status: row.status,
          registrationDeadline: row.registration_deadline,
          startsAt: row.starts_at,
          endsAt: row.ends_at,
        },
        now,
      ),
      registration: counting.includes(row.id)
        ? {
            registered: counts.get(row.id) ?? 0,
            total,
            missing: missing
              .filter((m) => m.meetingId === row.id)
              .map((m) => ({ slug: m.slug, name: stateName(m.stateId) })),
            canRemind: canRemind && row.status === 'registration-open',
          }
        : null,
      delegations: delegations
        .filter((d) => d.meeting_id === row.id)
        .map((d) => ({
          id: d.id,
          status: d.status,
          name: d.member_state_id
            ? stateName(d.member_state_id).text
            : ((d.partner_id ? textOf(partnerNames, d.partner_id, 'name')?.text : undefined) ?? ''),
        })),
    }));
  }

  return {
    /** The reader's workspace; opening it records the visit. */
    async get(ctx: RequestContext): Promise<Workspace> {
      workspacePolicy.require(ctx, 'workspace.read');
      const { actor } = ctx;
      if (actor.kind !== 'user') throw new Error('workspace.read lets in signed-in users only');
      const now = deps.clock();
      const reach = workspacePolicy.reach(actor, 'delegations.read');
      const following: Following = {
        all: reach.all,
        drafts: workspacePolicy.can(actor, 'meetings.read-drafts'),
        states: reach.all ? [] : reach.memberStateIds,
        partners: reach.all ? [] : reach.partnerIds,
      };
      const since = await recordVisit(db, actor.userId, now, SITTING_MS);
      const reader: WorkspaceReader = {
        actor,
        lang: ctx.lang,
        now,
        since,
        states: following.states,
        partners: following.partners,
      };
      const [meetings, answered] = await Promise.all([
        meetingsFor(reader, following),
        Promise.all(deps.queues.map((queues) => queues(reader))),
      ]);
      return { lang: ctx.lang, lastVisitAt: since, meetings, queues: mergeQueues(answered.flat()) };
    },
  };
}
export type WorkspaceService = ReturnType<typeof workspaceService>;
