import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { NotFoundError } from '../../http/problems.js';
import type { Actor } from '../../policy/actor.js';
import type { FilterVisibility } from '../shared/filters.js';
import { meetingsPolicy } from './policy.js';
import { findMeeting, type MeetingRow } from './queries.js';

/** May this caller see meetings still in draft? Only the secretariat (meetings.read-drafts). */
export function canReadDrafts(actor: Actor): boolean {
  return meetingsPolicy.can(actor, 'meetings.read-drafts');
}

/** What `actor` may name in a list's filters (see `resolveFilter`). */
export function filterVisibility(actor: Actor): FilterVisibility {
  return { draftMeetings: canReadDrafts(actor) };
}

/**
 * The one lookup of a meeting by id or slug for every piece of the meetings area (agenda,
 * delegations, documents, records): a draft is answered exactly like a missing meeting to anyone
 * who may not read drafts, so its existence does not leak.
 */
export async function findVisibleMeeting(db: Kysely<Database>, actor: Actor, idOrSlug: string): Promise<MeetingRow> {
  const row = await findMeeting(db, idOrSlug);
  if (!row || (row.status === 'draft' && !canReadDrafts(actor))) throw new NotFoundError('meeting', idOrSlug);
  return row;
}
