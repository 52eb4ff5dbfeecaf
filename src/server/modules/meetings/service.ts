import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Lang, Page } from '../../../contract/common.js';
import {
  LISTED_DOCUMENTS,
  type Meeting,
  type MeetingDetail,
  type MeetingListQuerySchema,
} from '../../../contract/meetings.js';
import { LANGS } from '../../../domain/languages.js';
import { earliestAllowed, type Transition, transitionsFrom } from '../../../domain/meetings.js';
import { wallClock } from '../../../domain/time-zones.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import type { Actor } from '../../policy/actor.js';
import { cityIn } from '../../reference-data/cities.js';
import { resolveFilter } from '../shared/filters.js';
import { meetingNames, namesOf } from '../shared/meeting-names.js';
import {
  documentRefsByMeeting,
  memberStateRefs,
  networkRefs,
  type PillarRef,
  pillarRefsOf,
  technicalGroupRefs,
  toMeetingRef,
} from '../shared/refs.js';
import { loadSources, loadTexts, textOf } from '../shared/texts.js';
import { meetingsPolicy } from './policy.js';
import { bodiesOfMeetings, listMeetings, type MeetingRow, pillarCodesOf, preparationOf, slugsById } from './queries.js';
import { canReadDrafts, findVisibleMeeting } from './visibility.js';

type ListQuery = z.infer<typeof MeetingListQuerySchema>;

/**
 * What the meeting's other areas let the reader do with it now (its agenda, documents,
 * registration and records), each decided by that area's own rule. app.ts gives it from those
 * modules' public faces: the meetings module imports none of them.
 */
export type MeetingAreaAbilities = (
  row: MeetingRow,
  actor: Actor,
  now: Date,
) => {
  editAgenda: boolean;
  overrideAgenda: boolean;
  addDocuments: boolean;
  register: boolean;
  registerOthers: boolean;
  manageRecords: boolean;
  commentOnRecords: boolean;
};

/** Where no area is wired (demo seeding, the bench), none offers anything. */
const NO_AREAS: MeetingAreaAbilities = () => ({
  editAgenda: false,
  overrideAgenda: false,
  addDocuments: false,
  register: false,
  registerOthers: false,
  manageRecords: false,
  commentOnRecords: false,
});

export function meetingsService({
  db,
  clock,
  areas = NO_AREAS,
}: {
  db: Kysely<Database>;
  clock: () => Date;
  areas?: MeetingAreaAbilities;
}) {
  /** Meetings with their host, documents (the first `documentLimit` of each, if given) and the
   * bodies they created, for a page of rows. */
  async function present(rows: MeetingRow[], lang: Lang, actor: Actor, documentLimit?: number): Promise<Meeting[]> {
    const ids = rows.map((r) => r.id);
    const [names, hosts, documents, bodies, meetingGroups] = await Promise.all([
      namesOf(db, ids, lang),
      memberStateRefs(
        db,
        rows.map((r) => r.host_state_id),
        lang,
      ),
      documentRefsByMeeting(db, ids, lang, documentLimit),
      bodiesOfMeetings(db, ids),
      technicalGroupsOf(rows, lang),
    ]);
    // Refs come back in the order of the rows given, so each body is zipped with its own row.
    const [groups, networks] = await Promise.all([
      technicalGroupRefs(db, bodies.groups, lang).then((refs) =>
        refs.map((ref, i) => ({
          meetingId: bodies.groups[i]?.meeting_id,
          body: { ...ref, kind: 'technical-group' as const, relation: 'created' as const, acronym: null },
        })),
      ),
      networkRefs(db, bodies.networks, lang).then((refs) =>
        refs.map((ref, i) => ({
          meetingId: bodies.networks[i]?.meeting_id,
          body: { ...ref, relation: bodies.networks[i]?.origin_relation as 'created' | 'presented' },
        })),
      ),
    ]);
    return rows.map((r) => {
      const name = names.get(r.id) ?? { text: r.slug, lang, official: false };
      return {
        ...toMeetingRef(r, name.text),
        number: r.number,
        ordinal: r.ordinal,
        name,
        hostState: r.host_state_id ? (hosts.get(r.host_state_id) ?? null) : null,
        city: cityIn(r.city, lang),
        startDate: r.start_date,
        endDate: r.end_date,
        documents: documents.get(r.id)?.documents ?? [],
        documentCount: documents.get(r.id)?.count ?? 0,
        bodies: [...groups, ...networks].filter((b) => b.meetingId === r.id).map((b) => b.body),
        ...operational(r, actor),
        technicalGroup: r.technical_group_id ? (meetingGroups.get(r.technical_group_id) ?? null) : null,
      };
    });
  }

  async function technicalGroupsOf(rows: MeetingRow[], lang: Lang) {
    const slugs = await slugsById(
      db,
      'technical_group',
      rows.map((r) => r.technical_group_id),
    );
    const refs = await technicalGroupRefs(
      db,
      [...slugs].map(([id, slug]) => ({ id, slug })),
      lang,
    );
    return new Map(refs.map((ref) => [ref.id, ref]));
  }

  return {
    async list(query: ListQuery, lang: Lang, actor: Actor): Promise<Page<Meeting>> {
      const [pillarId, hostStateId] = await Promise.all([
        resolveFilter(db, 'pillar', 'pillar', query.pillar),
        resolveFilter(db, 'memberState', 'member_state', query.memberState),
      ]);
      const cursor = decodeCursor(query.cursor, ['int']);
      const filters = {
        pillarId,
        hostStateId,
        year: query.year,
        kind: query.kind,
        includeDrafts: canReadDrafts(actor),
      };
      const rows = await listMeetings(db, filters, query.limit, cursor);
      const page = toPage(rows, query.limit, (r) => [r.ordinal]);
      return { lang, items: await present(page.rows, lang, actor, LISTED_DOCUMENTS), nextCursor: page.nextCursor };
    },

    async get(idOrSlug: string, lang: Lang, actor: Actor): Promise<MeetingDetail> {
      return detail(await findVisibleMeeting(db, actor, idOrSlug), lang, actor);
    },

    detail,
  };

  /** One meeting with its summary, pillars, sources and, for platform meetings, what was typed in. */
  async function detail(row: MeetingRow, lang: Lang, actor: Actor): Promise<MeetingDetail> {
    const [texts, sources, [meeting], own, allNames, slugs, preparation] = await Promise.all([
      loadTexts(db, 'meeting', [row.id], lang),
      loadSources(db, 'meeting', [row.id]),
      present([row], lang, actor),
      pillarCodesOf(db, row.id),
      meetingNames(db, [row.id]),
      Promise.all([
        slugsById(db, 'member_state', [row.host_state_id]),
        slugsById(db, 'technical_group', [row.technical_group_id]),
      ]),
      preparationOf(db, row.id, row.prepares_meeting_id, canReadDrafts(actor)),
    ]);
    if (!meeting) throw new Error(`meeting ${row.id} vanished while read`);
    const linked = [...(preparation.prepares ? [preparation.prepares] : []), ...preparation.preparedBy];
    const linkedNames = await namesOf(
      db,
      linked.filter((m) => m.kind !== 'ministerial').map((m) => m.id),
      lang,
    );
    const refOf = (m: (typeof linked)[number]) => toMeetingRef(m, linkedNames.get(m.id)?.text);
    const local = (instant: string | null) =>
      instant && row.time_zone ? wallClock(new Date(instant), row.time_zone).slice(0, 16) : null;
    return {
      ...meeting,
      summary: textOf(texts, row.id, 'summary'),
      prepares: preparation.prepares ? refOf(preparation.prepares) : null,
      preparedBy: preparation.preparedBy.map(refOf),
      pillars: await pillarsAddressed(meeting, own, lang),
      sources: sources.get(row.id) ?? [],
      editable:
        row.managed_by === 'platform'
          ? {
              names: Object.fromEntries(allNames.map((n) => [n.lang, n.text])),
              hostState: row.host_state_id ? (slugs[0].get(row.host_state_id) ?? null) : null,
              technicalGroup: row.technical_group_id ? (slugs[1].get(row.technical_group_id) ?? null) : null,
              // As the reader may see it: a draft ministerial meeting is named to the secretariat only.
              prepares: preparation.prepares?.slug ?? null,
              start: local(row.starts_at),
              end: local(row.ends_at),
              registrationDeadline: local(row.registration_deadline),
            }
          : null,
      can: { ...meetingAbilities(row, actor, clock()), ...areas(row, actor, clock()) },
    };
  }

  /** The pillars of a meeting are those of the documents it adopted and the groups it created. */
  async function pillarsAddressed(meeting: Meeting, own: Array<{ id: string }>, lang: Lang): Promise<PillarRef[]> {
    const [ofMeeting, ofDocuments, ofGroups] = await Promise.all([
      pillarRefsOf(db, 'meeting', own.length > 0 ? [meeting.id] : [], lang),
      pillarRefsOf(
        db,
        'document',
        meeting.documents.map((d) => d.id),
        lang,
      ),
      pillarRefsOf(
        db,
        'technical_group',
        meeting.bodies.filter((b) => b.kind === 'technical-group').map((b) => b.id),
        lang,
      ),
    ]);
    const all = new Map<string, PillarRef>();
    for (const list of [...ofMeeting.values(), ...ofDocuments.values(), ...ofGroups.values()]) {
      for (const p of list) all.set(p.id, p);
    }
    return [...all.values()];
  }
}

export type MeetingsService = ReturnType<typeof meetingsService>;

/** Historic meetings are the reference record; concluded and cancelled ones are closed. */
export const isOpenForEdits = (row: Pick<MeetingRow, 'managed_by' | 'status'>) =>
  row.managed_by === 'platform' && row.status !== 'concluded' && row.status !== 'cancelled';

/**
 * What `actor` may do with a meeting now (its `can`): edit it while it is open; make each step of
 * the lifecycle that the meeting's status, their grants and the meeting's dates allow (what
 * `transition` requires without an override); and override a step the dates do not allow yet.
 */
export function meetingAbilities(row: MeetingRow, actor: Actor, now: Date) {
  const steps = allowedTransitions(row.status, row.managed_by, actor);
  const onTime = (name: Transition) => {
    const earliest = earliestAllowed(name, row.starts_at);
    return earliest === null || now.toISOString() >= earliest;
  };
  const step = (name: Transition) => steps.includes(name) && onTime(name);
  return {
    update: meetingsPolicy.can(actor, 'meetings.update') && isOpenForEdits(row),
    convene: step('convene'),
    openRegistration: step('open-registration'),
    closeRegistration: step('close-registration'),
    start: step('start'),
    conclude: step('conclude'),
    cancel: step('cancel'),
    override: meetingsPolicy.can(actor, 'meetings.override') && steps.some((name) => !onTime(name)),
  };
}

/** The transitions `actor` may make on a meeting in `status`: what the lifecycle and their grants allow. */
export function allowedTransitions(status: MeetingRow['status'], managedBy: MeetingRow['managed_by'], actor: Actor) {
  if (managedBy !== 'platform') return [];
  return transitionsFrom(status).filter((name: Transition) => meetingsPolicy.can(actor, `meetings.${name}`));
}

const parseLangs = (json: string | null): Lang[] => {
  if (!json) return [];
  const list = JSON.parse(json) as unknown;
  return Array.isArray(list) ? list.filter((l): l is Lang => (LANGS as readonly string[]).includes(l)) : [];
};

/** The lifecycle, venue and times of a meeting as every reply gives them. */
function operational(r: MeetingRow, actor: Actor) {
  return {
    managedBy: r.managed_by,
    kind: r.kind,
    status: r.status,
    format: r.format,
    venue: r.venue,
    // The link is for the meeting's participants: not shown before the meeting is convened.
    onlineUrl: r.status === 'draft' && !canReadDrafts(actor) ? null : r.online_url,
    timeZone: r.time_zone,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    registrationDeadline: r.registration_deadline,
    workingLangs: parseLangs(r.working_langs),
    version: r.version,
    allowedTransitions: allowedTransitions(r.status, r.managed_by, actor),
  };
}
