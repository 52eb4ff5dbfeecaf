import type { Kysely } from 'kysely';
import type { Lang } from '../../../contract/common.js';
import type { Delegation, DelegationChange, Participant } from '../../../contract/delegations.js';
import type { Database } from '../../db/schema.js';
import { memberStateRefs } from '../shared/refs.js';
import { loadTexts, textOf } from '../shared/texts.js';
import { changesOf, type DelegationRow, participantsOf, partnersByIds, storedFilesByIds } from './queries.js';

type ParticipantRow = Awaited<ReturnType<typeof participantsOf>>[number];

export const toParticipant = (p: Omit<ParticipantRow, 'delegation_id'>): Participant => ({
  role: p.role,
  name: p.name,
  title: p.title,
  institution: p.institution,
  email: p.email,
});

/** A change's payload as stored: the participant list asked for. */
export const parsePayload = (payload: string): Participant[] =>
  (JSON.parse(payload) as { participants: Participant[] }).participants;

/** Participants of many delegations: delegation id → list in order, one query. */
export async function participantsByDelegation(db: Kysely<Database>, ids: readonly string[]) {
  const byDelegation = new Map<string, Participant[]>();
  for (const { delegation_id, ...p } of await participantsOf(db, ids)) {
    byDelegation.set(delegation_id, [...(byDelegation.get(delegation_id) ?? []), toParticipant(p)]);
  }
  return byDelegation;
}

/** Partners as delegations show them: id, slug and name in `lang`. */
export async function partnerRefs(db: Kysely<Database>, ids: ReadonlyArray<string | null>, lang: Lang) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const [rows, texts] = await Promise.all([partnersByIds(db, wanted), loadTexts(db, 'partner', wanted, lang)]);
  return new Map(rows.map((r) => [r.id, { id: r.id, slug: r.slug, name: textOf(texts, r.id, 'name') }]));
}

/** Delegations as the API gives them (but for the reader's `can`, which the service adds), with
 * everything they point at fetched for all at once. */
export async function presentDelegations(
  db: Kysely<Database>,
  meetingSlug: string,
  rows: readonly DelegationRow[],
  lang: Lang,
): Promise<Array<Omit<Delegation, 'can'>>> {
  const ids = rows.map((r) => r.id);
  const fileIds = rows.flatMap((r) => (r.credentials_file_id ? [r.credentials_file_id] : []));
  const [participants, changes, states, partners, files] = await Promise.all([
    participantsByDelegation(db, ids),
    changesOf(db, ids),
    memberStateRefs(
      db,
      rows.map((r) => r.member_state_id),
      lang,
    ),
    partnerRefs(
      db,
      rows.map((r) => r.partner_id),
      lang,
    ),
    storedFilesByIds(db, fileIds).then((found) => new Map(found.map((f) => [f.id, f]))),
  ]);
  return rows.map((row) => {
    const file = row.credentials_file_id ? files.get(row.credentials_file_id) : undefined;
    return {
      id: row.id,
      meeting: meetingSlug,
      category: row.category,
      memberState: row.member_state_id ? (states.get(row.member_state_id) ?? null) : null,
      partner: row.partner_id ? (partners.get(row.partner_id) ?? null) : null,
      organisation: row.organisation,
      status: row.status,
      returnReason: row.return_reason,
      participants: participants.get(row.id) ?? [],
      submittedAt: row.submitted_at,
      decidedAt: row.decided_at,
      hasCredentials: row.credentials_file_id !== null,
      credentials: file
        ? {
            name: file.original_name,
            size: file.size,
            mediaType: file.media_type,
            uploadedAt: file.created_at,
            url: `/api/v1/meetings/${encodeURIComponent(meetingSlug)}/delegations/${row.id}/credentials`,
          }
        : null,
      version: row.version,
      changes: changes
        .filter((c) => c.delegation_id === row.id)
        .map(
          (c): DelegationChange => ({
            id: c.id,
            status: c.status,
            participants: parsePayload(c.payload),
            reason: c.reason,
            requestedAt: c.created_at,
            decidedAt: c.decided_at,
          }),
        ),
    };
  });
}
