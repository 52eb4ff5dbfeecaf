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
import { LANGS } from '../../../domain/languages.js';
import { reason } from '../../../domain/reasons.js';
import type { Database } from '../../db/schema.js';
import { ConflictError, InvalidParameterError, ProblemError } from '../../http/problems.js';
import type { RequestContext } from '../../policy/actor.js';
import { recordAudit } from '../audit/chain.js';
import { canReadDelegationDocuments } from '../meeting-documents/service.js';
import type { MeetingRow } from '../meetings/queries.js';
import { findVisibleMeeting } from '../meetings/visibility.js';
import { LostRace, transactOrConflict, updateUnchanged } from '../shared/concurrency.js';
import { pillarIdsByCode, pillarRefsOf, replacePillarLinks } from '../shared/refs.js';
import { replaceTexts } from '../shared/texts.js';
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

  /** The meeting, the role allowing the edit, and whether it overrides a frozen agenda. */
  async function authorize(ctx: RequestContext, idOrSlug: string, override: boolean | undefined) {
    const meeting = await findVisibleMeeting(db, ctx.actor, idOrSlug);
    let role = agendaPolicy.require(ctx, 'agenda.edit');
    const overriding = isFrozen(meeting);
    if (overriding) {
      if (!override) throw new ConflictError('agenda.frozen', { status: meeting.status }, meeting.version, undefined);
      role = agendaPolicy.require(ctx, 'agenda.override');
    }
    return { meeting, role, overriding };
  }

  /** authorize(), and the item as it is, which must still be at the version the caller read. */
  async function editableItem(
    ctx: RequestContext,
    idOrSlug: string,
    id: string,
    input: { version: number; override?: boolean | undefined },
  ) {
    const allowed = await authorize(ctx, idOrSlug, input.override);
    const { item } = await currentItem(allowed.meeting, id, ctx);
    if (item.version !== input.version) stale(item);
    return { ...allowed, item };
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

  /** Checks what the schema cannot: a title, the slot inside the meeting, pillars that exist. */
  async function validated(meeting: MeetingRow, input: AgendaItemCreate) {
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

  async function audit(
    trx: Transaction<Database>,
    ctx: RequestContext,
    what: { op: string; role: string | null; overriding: boolean; entityId: string; before: unknown; after: unknown },
    now: Date,
  ) {
    await recordAudit(
      trx,
      ctx,
      {
        // An edit of a frozen agenda is its own action in the trail, easy to find and review.
        action: what.overriding ? `agenda.override.${what.op}` : `agenda.${what.op}`,
        role: what.role,
        entityType: 'agenda_item',
        entityId: what.entityId,
        before: what.before,
        after: what.after,
      },
      now,
    );
  }

  async function afterChange(meeting: MeetingRow, id: string, ctx: RequestContext) {
    return (await currentItem(meeting, id, ctx)).item;
  }

  const transact = (change: (trx: Transaction<Database>) => Promise<void>, conflict: () => Promise<never>) =>
    transactOrConflict(db, change, conflict);

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
    };
  }

  return {
    get: getAgenda,

    async create(ctx: RequestContext, idOrSlug: string, input: AgendaItemCreate): Promise<AgendaItem> {
      const { meeting, role, overriding } = await authorize(ctx, idOrSlug, input.override);
      const valid = await validated(meeting, input);
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
        await audit(
          trx,
          ctx,
          { op: 'create-item', role, overriding, entityId: id, before: null, after: auditedInput(valid) },
          now,
        );
      });
      return afterChange(meeting, id, ctx);
    },

    async update(ctx: RequestContext, idOrSlug: string, id: string, input: AgendaItemUpdate): Promise<AgendaItem> {
      const { meeting, role, overriding, item } = await editableItem(ctx, idOrSlug, id, input);
      const valid = await validated(meeting, input);
      const now = clock();
      const at = now.toISOString();
      await transact(
        async (trx) => {
          const patch = {
            starts_at: valid.starts_at,
            ends_at: valid.ends_at,
            presenters: valid.presenters,
            updated_at: at,
          };
          if (!(await updateUnchanged(trx, 'agenda_item', id, { version: input.version }, patch))) throw new LostRace();
          await writeLinked(trx, id, valid, at);
          await audit(
            trx,
            ctx,
            {
              op: 'update-item',
              role,
              overriding,
              entityId: id,
              before: auditedItem(item),
              after: auditedInput(valid),
            },
            now,
          );
        },
        staleNow(meeting, id, ctx),
      );
      return afterChange(meeting, id, ctx);
    },

    async remove(ctx: RequestContext, idOrSlug: string, id: string, input: AgendaItemVersion): Promise<void> {
      const { meeting, role, overriding, item } = await editableItem(ctx, idOrSlug, id, input);
      const now = clock();
      await transact(
        async (trx) => {
          if (!(await deleteItem(trx, id, { version: input.version }))) throw new LostRace();
          await renumber(trx, meeting.id, now.toISOString());
          await audit(
            trx,
            ctx,
            { op: 'remove-item', role, overriding, entityId: id, before: auditedItem(item), after: null },
            now,
          );
        },
        staleNow(meeting, id, ctx),
      );
    },

    async reorder(ctx: RequestContext, idOrSlug: string, input: AgendaOrder): Promise<Agenda> {
      const { meeting, role, overriding } = await authorize(ctx, idOrSlug, input.override);
      const ids = input.items.map((i) => i.id);
      if (new Set(ids).size !== ids.length)
        throw new InvalidParameterError('items', 'body', reason('reason.agenda.itemsOnce'));
      const now = clock();
      const at = now.toISOString();
      const conflict = async (): Promise<never> => {
        throw new ConflictError('agenda.orderStale', {}, undefined, await getAgenda(ctx, idOrSlug, ctx.lang));
      };
      await transact(async (trx) => {
        const current = await listItems(trx, meeting.id);
        const before = current.map((c) => c.id);
        const rows = current.map((c) => ({ id: c.id, position: c.position, seen: { version: c.version }, stamp: at }));
        const wanted = input.items.map(({ id, version }) => ({ id, seen: { version } }));
        if (!(await writeOrder(trx, 'agenda_item', rows, wanted))) throw new LostRace();
        await audit(
          trx,
          ctx,
          { op: 'reorder', role, overriding, entityId: meeting.id, before: { order: before }, after: { order: ids } },
          now,
        );
      }, conflict);
      return getAgenda(ctx, idOrSlug, ctx.lang);
    },

    async link(ctx: RequestContext, idOrSlug: string, id: string, input: AgendaDocumentLink): Promise<AgendaItem> {
      const { meeting, role, overriding, item } = await editableItem(ctx, idOrSlug, id, input);
      if (!(await meetingDocumentOf(db, meeting.id, input.meetingDocumentId)))
        throw new InvalidParameterError('meetingDocumentId', 'body', reason('reason.id.meetingDocument'));
      await changeLinks(ctx, meeting, item, {
        role,
        overriding,
        op: 'link-document',
        documentId: input.meetingDocumentId,
      });
      return afterChange(meeting, id, ctx);
    },

    async unlink(
      ctx: RequestContext,
      idOrSlug: string,
      id: string,
      documentId: string,
      input: AgendaItemVersion,
    ): Promise<AgendaItem> {
      const { meeting, role, overriding, item } = await editableItem(ctx, idOrSlug, id, input);
      if (!item.documents.some((d) => d.id === documentId))
        throw new ProblemError(404, 'not-found', 'agenda.linkNotFound', { id: documentId });
      await changeLinks(ctx, meeting, item, { role, overriding, op: 'unlink-document', documentId });
      return afterChange(meeting, id, ctx);
    },
  };

  async function changeLinks(
    ctx: RequestContext,
    meeting: MeetingRow,
    item: AgendaItem,
    what: { role: string | null; overriding: boolean; op: 'link-document' | 'unlink-document'; documentId: string },
  ) {
    const now = clock();
    await transact(
      async (trx) => {
        if (
          !(await updateUnchanged(
            trx,
            'agenda_item',
            item.id,
            { version: item.version },
            { updated_at: now.toISOString() },
          ))
        )
          throw new LostRace();
        if (what.op === 'link-document') await linkDocument(trx, item.id, what.documentId);
        else await unlinkDocument(trx, item.id, what.documentId);
        const before = item.documents.map((d) => d.id);
        const after =
          what.op === 'link-document'
            ? [...new Set([...before, what.documentId])]
            : before.filter((d) => d !== what.documentId);
        await audit(
          trx,
          ctx,
          { ...what, entityId: item.id, before: { documents: before }, after: { documents: after } },
          now,
        );
      },
      staleNow(meeting, item.id, ctx),
    );
  }
}

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
