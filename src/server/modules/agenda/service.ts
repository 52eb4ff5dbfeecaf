import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type {
  Agenda,
  AgendaDocumentLink,
  AgendaItem,
  AgendaItemCreate,
  AgendaItemUpdate,
  AgendaItemVersion,
  AgendaOrder,
} from '../../../contract/agenda.js';
import type { Lang, LocalizedText } from '../../../contract/common.js';
import { orderClash, retimed } from '../../../domain/agenda.js';
import { LANGS } from '../../../domain/languages.js';
import { reason } from '../../../domain/reasons.js';
import type { Database } from '../../db/schema.js';
import { ConflictError, InvalidParameterError, ProblemError } from '../../http/problems.js';
import type { Actor, RequestContext } from '../../policy/actor.js';
import { recordAudit } from '../audit/index.js';
import { canReadDelegationDocuments } from '../meeting-documents/index.js';
import type { MeetingRow } from '../meetings/index.js';
import { findVisibleMeeting } from '../meetings/index.js';
import { updateUnchanged } from '../shared/concurrency.js';
import { pillarIdsByCode, pillarRefsOf, replacePillarLinks } from '../shared/refs.js';
import { replaceTexts } from '../shared/texts.js';
import { versionedWrites } from '../shared/versioned-write.js';
import { agendaPolicy } from './policy.js';
import {
  type AgendaItemRow,
  deleteItem,
  findItem,
  insertItem,
  itemDocuments,
  itemTexts,
  linkDocument,
  listItems,
  meetingDocumentOf,
  nextPosition,
  renumber,
  unlinkDocument,
  writeOrder,
} from './queries.js';

/** Statuses in which the agenda is settled: edits need the override. */
const FROZEN = new Set(['in-session', 'concluded', 'cancelled']);
export const isFrozen = (meeting: Pick<MeetingRow, 'status'>) => FROZEN.has(meeting.status);

/** What `actor` may do with the agenda of `meeting` now: edit it while it is open, or override
 * the freeze afterwards (what `editRole` requires of a write). */
export function agendaAbilities(actor: Actor, meeting: Pick<MeetingRow, 'status'>) {
  const edit = agendaPolicy.can(actor, 'agenda.edit');
  const frozen = isFrozen(meeting);
  return { edit: edit && !frozen, override: edit && frozen && agendaPolicy.can(actor, 'agenda.override') };
}

type TextRow = Awaited<ReturnType<typeof itemTexts>>[number];
type LangTexts = Record<Lang, string | null>;

const emptyTexts = (): LangTexts => ({ en: null, es: null, fr: null, pt: null });

/** The text in `lang`, else English, else the first language that has one. */
function pick(rows: TextRow[], lang: Lang): LocalizedText | null {
  const row =
    rows.find((r) => r.lang === lang) ??
    rows.find((r) => r.lang === 'en') ??
    LANGS.map((l) => rows.find((r) => r.lang === l)).find(Boolean);
  return row ? { text: row.text, lang: row.lang as Lang, official: row.official === 1 } : null;
}

/** The items as `reader` sees them: texts in their language, and only the linked documents they may read. */
async function presentItems(
  db: Kysely<Database>,
  rows: AgendaItemRow[],
  reader: Pick<RequestContext, 'actor' | 'lang'>,
): Promise<AgendaItem[]> {
  const { lang } = reader;
  const ids = rows.map((r) => r.id);
  const [texts, pillars, documents] = await Promise.all([
    itemTexts(db, ids),
    pillarRefsOf(db, 'agenda_item', ids, lang),
    itemDocuments(db, ids, canReadDelegationDocuments(reader.actor)),
  ]);
  return rows.map((row, index) => {
    const own = texts.filter((t) => t.entity_id === row.id);
    const field = (name: string) => own.filter((t) => t.field === name);
    const all = (name: string) => {
      const out = emptyTexts();
      for (const t of field(name)) out[t.lang as Lang] = t.text;
      return out;
    };
    const title = pick(field('title'), lang);
    return {
      id: row.id,
      position: index + 1,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      // Validation keeps a title in some language; the fallback only guards a hand-edited database.
      title: title ?? { text: '—', lang: 'en', official: false },
      description: pick(field('description'), lang),
      titles: all('title'),
      descriptions: all('description'),
      pillars: pillars.get(row.id) ?? [],
      presenters: JSON.parse(row.presenters) as string[],
      documents: documents
        .filter((d) => d.agenda_item_id === row.id)
        .map((d) => ({ id: d.meeting_document_id, symbol: d.symbol ?? null })),
      version: row.version,
    };
  });
}

/** Non-empty texts by language; empty ones are dropped (that language has none). */
function cleanTexts(texts: Partial<Record<Lang, string | undefined>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(texts ?? {}).filter((e): e is [string, string] => Boolean(e[1])));
}

export function agendaService(deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;
  const versionedWrite = versionedWrites({ db, clock });

  /** The role allowing an edit of the meeting's agenda: once frozen, only the override, asked for
   * (the rule `agendaAbilities` tells the reader). */
  function editRole(ctx: RequestContext, meeting: MeetingRow, override: boolean | undefined) {
    const role = agendaPolicy.require(ctx, 'agenda.edit');
    if (!isFrozen(meeting)) return role;
    if (!override) throw new ConflictError('agenda.frozen', { status: meeting.status }, meeting.version, undefined);
    return agendaPolicy.require(ctx, 'agenda.override');
  }

  interface Found {
    meeting: MeetingRow;
    item: AgendaItem;
  }

  /**
   * A change of item `id` through the versioned write: the meeting and the item as the caller may
   * see them, the edit (or the override) required, the version read compared; `change` answers the
   * trail's before and after, or false when the item changed meanwhile.
   */
  function writeItem<P, Out>(
    ctx: RequestContext,
    idOrSlug: string,
    id: string,
    input: AgendaItemVersion,
    op: 'update-item' | 'remove-item' | 'link-document' | 'unlink-document',
    steps: {
      prepare?: (found: Found) => Promise<P>;
      change: (trx: Transaction<Database>, found: Found, prepared: P, now: Date) => Promise<BeforeAfter | false>;
      present: (found: Found) => Promise<Out>;
    },
  ): Promise<Out> {
    return versionedWrite<Found, P, Out>(ctx, {
      async find() {
        const meeting = await findVisibleMeeting(db, ctx.actor, idOrSlug);
        return { meeting, item: (await currentItem(meeting, id, ctx)).item };
      },
      require: ({ meeting }) => editRole(ctx, meeting, input.override),
      sent: input.version,
      version: ({ item }) => item.version,
      stale: async ({ item }) => stale(item),
      raced: ({ meeting }) => staleNow(meeting, id, ctx)(),
      ...(steps.prepare ? { prepare: steps.prepare } : {}),
      async change(trx, found, prepared, now) {
        const done = await steps.change(trx, found, prepared, now);
        return done && { action: auditAction(found.meeting, op), entityType: 'agenda_item', entityId: id, ...done };
      },
      present: steps.present,
    });
  }

  async function currentItem(meeting: MeetingRow, id: string, ctx: RequestContext) {
    const row = await findItem(db, meeting.id, id);
    if (!row) throw new ProblemError(404, 'not-found', 'agenda.itemNotFound', { id });
    const [item] = await presentItems(db, [row], ctx);
    return { row, item: item as AgendaItem };
  }

  function stale(item: AgendaItem): never {
    throw new ConflictError('agenda.stale', { version: String(item.version) }, item.version, item);
  }

  /** The 409 for an item changed (or removed) under a write. */
  const staleNow = (meeting: MeetingRow, id: string, ctx: RequestContext) => async (): Promise<never> => {
    stale((await currentItem(meeting, id, ctx)).item);
  };

  /** Checks what the schema cannot: a title, the slot inside the meeting and in the agenda's order
   * (item `id`, or a new one added last), pillars that exist. */
  async function validated(meeting: MeetingRow, input: AgendaItemCreate, id: string | null) {
    const titles = cleanTexts(input.titles);
    if (Object.keys(titles).length === 0) throw new InvalidParameterError('titles', 'body', reason('reason.titles'));
    const startsAt = input.startsAt ?? null;
    const endsAt = input.endsAt ?? null;
    if ((startsAt === null) !== (endsAt === null))
      throw new InvalidParameterError(
        startsAt === null ? 'startsAt' : 'endsAt',
        'body',
        reason('reason.agenda.slotPair'),
      );
    if (startsAt !== null && endsAt !== null) {
      const start = Date.parse(startsAt);
      const end = Date.parse(endsAt);
      if (end <= start) throw new InvalidParameterError('endsAt', 'body', reason('reason.agenda.endAfterStart'));
      if (meeting.starts_at && start < Date.parse(meeting.starts_at))
        throw new InvalidParameterError(
          'startsAt',
          'body',
          reason('reason.agenda.beforeMeeting', { start: meeting.starts_at }),
        );
      if (meeting.ends_at && end > Date.parse(meeting.ends_at))
        throw new InvalidParameterError(
          'endsAt',
          'body',
          reason('reason.agenda.afterMeeting', { end: meeting.ends_at }),
        );
      // Order and times never contradict (issue 11 item 14): reordering moves the times, and a time
      // that would pass a neighbour is refused, naming it.
      const items = (await listItems(db, meeting.id)).map((r) => ({
        id: r.id,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
      }));
      const clash = orderClash(items, id, new Date(start).toISOString());
      if (clash)
        throw new InvalidParameterError(
          'startsAt',
          'body',
          reason(clash.side === 'previous' ? 'reason.agenda.beforePrevious' : 'reason.agenda.afterNext', {
            position: clash.position,
            start: clash.startsAt,
          }),
        );
    }
    const codes = [...new Set(input.pillars ?? [])];
    const pillars = await pillarIdsByCode(db, codes);
    const unknown = codes.find((code) => !pillars.has(code));
    if (unknown !== undefined)
      throw new InvalidParameterError('pillars', 'body', reason('reason.agenda.unknownPillar', { code: unknown }));
    return {
      titles,
      descriptions: cleanTexts(input.descriptions),
      starts_at: startsAt === null ? null : new Date(startsAt).toISOString(),
      ends_at: endsAt === null ? null : new Date(endsAt).toISOString(),
      pillarIds: codes.map((code) => pillars.get(code) as string),
      presenters: JSON.stringify(input.presenters ?? []),
    };
  }

  async function getAgenda(ctx: RequestContext, idOrSlug: string, lang: Lang): Promise<Agenda> {
    const meeting = await findVisibleMeeting(db, ctx.actor, idOrSlug);
    return {
      lang,
      meeting: {
        id: meeting.id,
        slug: meeting.slug,
        status: meeting.status,
        timeZone: meeting.time_zone,
        startsAt: meeting.starts_at,
        endsAt: meeting.ends_at,
      },
      frozen: isFrozen(meeting),
      items: await presentItems(db, await listItems(db, meeting.id), { actor: ctx.actor, lang }),
      can: agendaAbilities(ctx.actor, meeting),
    };
  }

  const itemPresent = async ({ meeting, item }: Found, ctx: RequestContext) =>
    (await currentItem(meeting, item.id, ctx)).item;

  return {
    get: getAgenda,

    async create(ctx: RequestContext, idOrSlug: string, input: AgendaItemCreate): Promise<AgendaItem> {
      const meeting = await findVisibleMeeting(db, ctx.actor, idOrSlug);
      const role = editRole(ctx, meeting, input.override);
      const valid = await validated(meeting, input, null);
      const now = clock();
      const at = now.toISOString();
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await insertItem(trx, {
          id,
          meeting_id: meeting.id,
          position: await nextPosition(trx, 'agenda_item', meeting.id),
          starts_at: valid.starts_at,
          ends_at: valid.ends_at,
          presenters: valid.presenters,
          created_at: at,
          updated_at: at,
        });
        await writeLinked(trx, id, valid, at);
        const entry = { entityType: 'agenda_item' as const, entityId: id, before: null, after: auditedInput(valid) };
        await recordAudit(trx, ctx, { action: auditAction(meeting, 'create-item'), role, ...entry }, now);
      });
      return (await currentItem(meeting, id, ctx)).item;
    },

    update(ctx: RequestContext, idOrSlug: string, id: string, input: AgendaItemUpdate): Promise<AgendaItem> {
      return writeItem(ctx, idOrSlug, id, input, 'update-item', {
        prepare: ({ meeting }) => validated(meeting, input, id),
        async change(trx, { item }, valid, now) {
          const at = now.toISOString();
          const patch = {
            starts_at: valid.starts_at,
            ends_at: valid.ends_at,
            presenters: valid.presenters,
            updated_at: at,
          };
          if (!(await updateUnchanged(trx, 'agenda_item', id, { version: input.version }, patch))) return false;
          await writeLinked(trx, id, valid, at);
          return { before: auditedItem(item), after: auditedInput(valid) };
        },
        present: (found) => itemPresent(found, ctx),
      });
    },

    remove(ctx: RequestContext, idOrSlug: string, id: string, input: AgendaItemVersion): Promise<void> {
      return writeItem(ctx, idOrSlug, id, input, 'remove-item', {
        async change(trx, { meeting, item }, _prepared, now) {
          if (!(await deleteItem(trx, id, { version: input.version }))) return false;
          await renumber(trx, meeting.id, now.toISOString());
          return { before: auditedItem(item), after: null };
        },
        present: async () => undefined,
      });
    },

    reorder(ctx: RequestContext, idOrSlug: string, input: AgendaOrder): Promise<Agenda> {
      const ids = input.items.map((i) => i.id);
      // Each item names the version read: the order is compared item by item in the transaction.
      return versionedWrite(ctx, {
        find: () => findVisibleMeeting(db, ctx.actor, idOrSlug),
        require: (meeting) => editRole(ctx, meeting, input.override),
        refuse() {
          if (new Set(ids).size !== ids.length)
            throw new InvalidParameterError('items', 'body', reason('reason.agenda.itemsOnce'));
        },
        sent: undefined,
        version: (meeting) => meeting.version,
        async stale(): Promise<never> {
          throw new ConflictError('agenda.orderStale', {}, undefined, await getAgenda(ctx, idOrSlug, ctx.lang));
        },
        async change(trx, meeting, _prepared, now) {
          const at = now.toISOString();
          const current = await listItems(trx, meeting.id);
          const rows = current.map((c) => ({
            id: c.id,
            position: c.position,
            seen: { version: c.version },
            stamp: at,
          }));
          // The times move with the order: the items keep their lengths, the programme its slots' breaks.
          const timed = (c: AgendaItemRow) => ({ id: c.id, startsAt: c.starts_at, endsAt: c.ends_at });
          const inOrder = ids.flatMap((id) => current.filter((c) => c.id === id).map(timed));
          const times = retimed(current.map(timed), inOrder);
          const wanted = input.items.map(({ id, version }) => {
            const moved = times.get(id);
            return {
              id,
              seen: { version },
              ...(moved ? { set: { starts_at: moved.startsAt, ends_at: moved.endsAt } } : {}),
            };
          });
          if (!(await writeOrder(trx, 'agenda_item', rows, wanted))) return false;
          return {
            action: auditAction(meeting, 'reorder'),
            entityType: 'agenda_item',
            entityId: meeting.id,
            before: { order: current.map((c) => c.id), times: current.filter((c) => times.has(c.id)).map(timed) },
            after: { order: ids, times: [...times.values()] },
          };
        },
        present: () => getAgenda(ctx, idOrSlug, ctx.lang),
      });
    },

    async link(ctx: RequestContext, idOrSlug: string, id: string, input: AgendaDocumentLink): Promise<AgendaItem> {
      const documentId = input.meetingDocumentId;
      return writeItem(ctx, idOrSlug, id, input, 'link-document', {
        async prepare({ meeting }) {
          if (!(await meetingDocumentOf(db, meeting.id, documentId)))
            throw new InvalidParameterError('meetingDocumentId', 'body', reason('reason.id.meetingDocument'));
        },
        async change(trx, { item }, _prepared, now) {
          if (!(await claimItem(trx, item, now))) return false;
          await linkDocument(trx, id, documentId);
          const before = item.documents.map((d) => d.id);
          return { before: { documents: before }, after: { documents: [...new Set([...before, documentId])] } };
        },
        present: (found) => itemPresent(found, ctx),
      });
    },

    unlink(
      ctx: RequestContext,
      idOrSlug: string,
      id: string,
      documentId: string,
      input: AgendaItemVersion,
    ): Promise<AgendaItem> {
      return writeItem(ctx, idOrSlug, id, input, 'unlink-document', {
        async prepare({ item }) {
          if (!item.documents.some((d) => d.id === documentId))
            throw new ProblemError(404, 'not-found', 'agenda.linkNotFound', { id: documentId });
        },
        async change(trx, { item }, _prepared, now) {
          if (!(await claimItem(trx, item, now))) return false;
          await unlinkDocument(trx, id, documentId);
          const before = item.documents.map((d) => d.id);
          return { before: { documents: before }, after: { documents: before.filter((d) => d !== documentId) } };
        },
        present: (found) => itemPresent(found, ctx),
      });
    },
  };
}

/** Takes the item's next version before changing what hangs from it (its document links). */
const claimItem = (trx: Transaction<Database>, item: AgendaItem, now: Date) =>
  updateUnchanged(trx, 'agenda_item', item.id, { version: item.version }, { updated_at: now.toISOString() });

/** The trail's before and after of a change. */
interface BeforeAfter {
  before: unknown;
  after: unknown;
}

/** An edit of a frozen agenda is its own action in the trail, easy to find and review. */
const auditAction = <Op extends string>(meeting: MeetingRow, op: Op) =>
  isFrozen(meeting) ? (`agenda.override.${op}` as const) : (`agenda.${op}` as const);

interface Valid {
  titles: Record<string, string>;
  descriptions: Record<string, string>;
  starts_at: string | null;
  ends_at: string | null;
  pillarIds: string[];
  presenters: string;
}

/** An item's texts and pillars, kept outside its row. */
async function writeLinked(trx: Transaction<Database>, id: string, valid: Valid, at: string) {
  await replaceTexts(trx, 'agenda_item', id, 'title', valid.titles, at);
  await replaceTexts(trx, 'agenda_item', id, 'description', valid.descriptions, at);
  await replacePillarLinks(trx, 'agenda_item', id, valid.pillarIds, at);
}

/** The trail's view of an item: its texts, slot, pillars and presenters. */
const auditedInput = (v: Valid) => ({
  titles: v.titles,
  descriptions: v.descriptions,
  startsAt: v.starts_at,
  endsAt: v.ends_at,
  pillars: v.pillarIds,
  presenters: JSON.parse(v.presenters) as string[],
});

const auditedItem = (item: AgendaItem) => ({
  titles: cleanTexts(item.titles as Record<Lang, string>),
  descriptions: cleanTexts(item.descriptions as Record<Lang, string>),
  startsAt: item.startsAt,
  endsAt: item.endsAt,
  pillars: item.pillars.map((p) => p.id),
  presenters: item.presenters,
  position: item.position,
  version: item.version,
});

export type AgendaService = ReturnType<typeof agendaService>;
