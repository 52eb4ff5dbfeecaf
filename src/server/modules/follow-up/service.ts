import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Lang } from '../../../contract/common.js';
import type {
  Cycle,
  CycleCreate,
  CycleList,
  FollowUpItem,
  FollowUpItemList,
  History,
  ItemCreate,
  ItemQuery,
  ItemText,
  Matrix,
  MatrixQuery,
  Rates,
  RatesQuery,
  Report,
  ReportDraft,
  ReportList,
  ReportPublish,
  ReportReview,
  SubItemsReplace,
} from '../../../contract/follow-up.js';
import {
  afterReview,
  canReview,
  EVIDENCE_FILE_MAX_BYTES,
  EVIDENCE_FILES_MAX,
  type FollowUpStatus,
  type ItemOrigin,
  implementationRate,
  isCycleOpen,
  isEditableReport,
  isPublicReport,
  missingForSubmit,
  type ReportState,
  rollUp,
  textIn,
} from '../../../domain/follow-up.js';
import { reason } from '../../../domain/reasons.js';
import type { Database } from '../../db/schema.js';
import { DOCUMENT_KINDS, type FileTransaction, IMAGE_KINDS, kindOfMediaType, type Upload } from '../../files/index.js';
import { ConflictError, InvalidParameterError, ProblemError } from '../../http/problems.js';
import type { Actor, RequestContext } from '../../policy/actor.js';
import type { Reach } from '../../policy/policy.js';
import { recordAudit } from '../audit/index.js';
import { updateUnchanged } from '../shared/concurrency.js';
import { pillarIdsByCode } from '../shared/refs.js';
import { loadTexts, replaceTexts, textOf } from '../shared/texts.js';
import { versionedWrites } from '../shared/versioned-write.js';
import { itemImports } from './imports.js';
import { followUpPolicy } from './policy.js';
import {
  countReportFiles,
  cycleCounts,
  cycleDocuments,
  cycleItems,
  cycleMembers,
  cycleState,
  cycleStates,
  deleteReportFile,
  deriveParagraphItems,
  findDocumentBySlug,
  findMemberStates,
  findReport,
  findReportFile,
  historyOf,
  holdEditableReport,
  type ItemRow,
  insertCycle,
  insertHistoricItem,
  insertReport,
  insertReportFile,
  insertSubItems,
  isCycleItem,
  listCycles,
  listItems,
  listReports,
  matrixCells,
  nextItemPosition,
  paragraphTexts,
  type ReportRow,
  rateCounts,
  reportFilesOf,
  subItemsOf,
  type TextedItemRow,
  textsOf,
} from './queries.js';

/** How the rates are computed, as every rates reply states it. */
export const RATE_METHOD =
  'Accepted reports of the cycle that the reader may see, counted by the database per group: rate = implemented / (reported − not applicable), in percent with one decimal; null when nothing applies. Grouped by pillar, a report counts under each pillar of its item.';

/** The lists a report keeps whole (JSON in `details`). */
interface Details {
  evidence: Report['evidence'];
  indicators: Report['indicators'];
  milestones: Report['milestones'];
  subItems: Report['subItems'];
}

/** A 400 naming the first of `asked` (a body list) that is not `known`. */
function refuseUnknown(
  field: string,
  asked: readonly string[],
  known: readonly string[],
  why: (value: string) => string,
) {
  const found = new Set(known);
  const at = asked.findIndex((value) => !found.has(value));
  if (at >= 0) throw new InvalidParameterError(`${field}.${at}`, 'body', why(asked[at] as string));
}

/** What a report takes as evidence: documents and pictures. */
const EVIDENCE_KINDS = [...DOCUMENT_KINDS, ...IMAGE_KINDS];

const today = (now: Date) => now.toISOString().slice(0, 10);
const userOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

/** The audit trail's view of a report. */
const audited = (row: { state: string; status: string | null; published: number }, state: string, item: string) => ({
  state,
  item,
  reportState: row.state,
  status: row.status,
  published: row.published === 1,
});

export function followUpService(deps: {
  db: Kysely<Database>;
  clock: () => Date;
  /** Told once a cycle is opened (the e-mails to its focal points). */
  onCycleOpened?: (cycleId: string) => Promise<void>;
}) {
  const { db, clock } = deps;
  const versionedWrite = versionedWrites({ db, clock });

  /** The reports the actor may see beyond the public ones. */
  const reachOf = (actor: Actor): Reach => followUpPolicy.reach(actor, 'follow-up.read-reports');

  /** Each item's text in `lang`: a paragraph's from its document (a translation counts once done,
   * the original always), a historic item's from its translations. */
  async function itemTexts(rows: TextedItemRow[], lang: Lang): Promise<Map<string, ItemText>> {
    const paragraphs = rows.filter((r) => r.document_node_id !== null);
    const historic = rows.filter((r) => r.document_node_id === null);
    const [historicTexts, nodeTexts] = await Promise.all([
      textsOf(
        db,
        'follow_up_item',
        historic.map((r) => r.id),
        'text',
      ),
      paragraphTexts(
        db,
        paragraphs.map((r) => r.id),
      ),
    ]);
    const paragraphText = (row: TextedItemRow) => {
      const texts = [...(nodeTexts.get(row.id) ?? [])].filter(
        ([l, t]) => t.state === 'done' || l === row.original_lang,
      );
      return textIn(new Map(texts.map(([l, t]) => [l, t.text])), lang, row.original_lang);
    };
    return new Map([
      ...paragraphs.map((row) => [row.id, paragraphText(row)] as const),
      ...historic.map((row) => [row.id, textIn(historicTexts.get(row.id), lang, null)] as const),
    ]);
  }

  async function presentItems(rows: ItemRow[], lang: Lang): Promise<FollowUpItem[]> {
    const ids = rows.map((r) => r.id);
    const [texts, subs, pillars] = await Promise.all([
      itemTexts(rows, lang),
      subItemsOf(db, ids),
      db
        .selectFrom('pillar_link')
        .innerJoin('pillar', 'pillar.id', 'pillar_link.pillar_id')
        .select(['pillar_link.entity_id', 'pillar.code'])
        .where('pillar_link.entity_type', '=', 'follow_up_item')
        .where('pillar_link.entity_id', 'in', ids.length ? ids : [''])
        .orderBy('pillar.position')
        .execute(),
    ]);
    const subTexts = await textsOf(
      db,
      'follow_up_sub_item',
      subs.map((s) => s.id),
      'text',
    );
    return rows.map((row) => {
      const origin: ItemOrigin = row.document_node_id ? 'paragraph' : 'historic';
      return {
        id: row.id,
        origin,
        document: { id: row.document_id, slug: row.document_slug },
        number: row.number,
        text: texts.get(row.id) as ItemText,
        pillars: pillars.filter((p) => p.entity_id === row.id).map((p) => p.code),
        sourceUrl: row.source_url,
        subItems: subs
          .filter((s) => s.item_id === row.id)
          .map((s) => ({
            id: s.id,
            position: s.position,
            weight: s.weight,
            text: textIn(subTexts.get(s.id), lang, null),
          })),
        version: row.version,
      };
    });
  }

  async function itemOf(id: string, lang: Lang): Promise<FollowUpItem> {
    const [row] = await listItems(db, { ids: [id] });
    if (!row) throw new ProblemError(404, 'not-found', 'followUp.itemNotFound', { id });
    return (await presentItems([row], lang))[0] as FollowUpItem;
  }

  async function adoptedDocument(slug: string, parameter: string, location: 'query' | 'body') {
    const document = await findDocumentBySlug(db, slug);
    if (document?.status !== 'adopted')
      throw new InvalidParameterError(parameter, location, reason('reason.decisions.unknownDocument', { slug }));
    return document;
  }

  async function pillarIdOf(code: string, parameter: string, location: 'query' | 'body', i?: number) {
    const id = (await pillarIdsByCode(db, [code])).get(code);
    if (!id)
      throw new InvalidParameterError(
        i === undefined ? parameter : `${parameter}.${i}`,
        location,
        reason('reason.agenda.unknownPillar', { code }),
      );
    return id;
  }

  // Cycles

  async function presentCycles(
    rows: Awaited<ReturnType<typeof listCycles>>,
    actor: Actor,
    lang: Lang,
  ): Promise<Cycle[]> {
    const ids = rows.map((r) => r.id);
    const [names, members, counts] = await Promise.all([
      loadTexts(db, 'follow_up_cycle', ids, lang),
      cycleMembers(db, ids),
      cycleCounts(db, ids),
    ]);
    const day = today(clock());
    return rows.map((row) => {
      const items = members.items.filter((m) => m.cycle_id === row.id).map((m) => m.item_id);
      const asked = members.states.filter((m) => m.cycle_id === row.id);
      const states = asked.map((m) => m.slug);
      const count = counts.find((c) => c.cycle_id === row.id);
      const name = textOf(names, row.id, 'name');
      return {
        id: row.id,
        name: { text: name?.text ?? '', lang: name?.lang ?? lang },
        opensOn: row.opens_on,
        deadline: row.deadline,
        open: isCycleOpen(row.opens_on, day),
        items,
        states,
        reportFor: asked
          .filter((m) => followUpPolicy.can(actor, 'follow-up.report', { memberStateId: m.id }))
          .map((m) => m.slug),
        progress: {
          expected: items.length * states.length,
          submitted: Number(count?.submitted ?? 0),
          accepted: Number(count?.accepted ?? 0),
        },
        version: row.version,
      };
    });
  }

  async function cycleRow(id: string) {
    const [row] = await listCycles(db, [id]);
    if (!row) throw new ProblemError(404, 'not-found', 'followUp.cycleNotFound', { id });
    return row;
  }

  // Reports

  function presentReport(
    row: ReportRow,
    actor: Actor,
    weights: Map<string, number | null>,
    files: Awaited<ReturnType<typeof reportFilesOf>>,
  ): Report {
    const details = JSON.parse(row.details) as Details;
    const state = row.state as ReportState;
    const resource = { memberStateId: row.member_state_id };
    const reporter = followUpPolicy.can(actor, 'follow-up.report', resource);
    const progress = weights.size
      ? rollUp(
          [...weights].map(([id, weight]) => ({
            weight,
            status: details.subItems.find((s) => s.id === id)?.status ?? null,
          })),
        )
      : null;
    return {
      id: row.id,
      cycle: row.cycle_id,
      item: row.item_id,
      state: { slug: row.slug, iso2: row.iso2, iso3: row.iso3 },
      reportState: state,
      status: row.status as FollowUpStatus | null,
      notApplicableReason: row.not_applicable_reason,
      measures: row.measures,
      institution: row.institution,
      cooperation: row.cooperation,
      ...details,
      files: files.map((f) => ({
        id: f.id,
        name: f.original_name,
        mediaType: f.media_type,
        size: f.size,
        sha256: f.sha256,
        uploadedAt: f.created_at,
        url: `/api/v1/follow-up/cycles/${row.cycle_id}/reports/${row.item_id}/${row.slug}/files/${f.id}`,
      })),
      progress,
      published: row.published === 1,
      reviewComment: row.review_comment,
      submittedAt: row.submitted_at,
      reviewedAt: row.reviewed_at,
      version: row.version,
      can: {
        edit: reporter && isEditableReport(state),
        submit: reporter && isEditableReport(state),
        review: followUpPolicy.can(actor, 'follow-up.manage', resource) && canReview(state),
        publish: reporter && state === 'accepted',
      },
    };
  }

  /** Sub-item weights of items: item id → sub-item id → weight. */
  async function weightsOf(itemIds: readonly string[]) {
    const rows = await subItemsOf(db, [...new Set(itemIds)]);
    const result = new Map<string, Map<string, number | null>>();
    for (const row of rows) result.set(row.item_id, (result.get(row.item_id) ?? new Map()).set(row.id, row.weight));
    return result;
  }

  async function presentReports(rows: ReportRow[], actor: Actor): Promise<Report[]> {
    const [weights, files] = await Promise.all([
      weightsOf(rows.map((r) => r.item_id)),
      reportFilesOf(
        db,
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((row) =>
      presentReport(
        row,
        actor,
        weights.get(row.item_id) ?? new Map(),
        files.filter((f) => f.report_id === row.id),
      ),
    );
  }

  /** The report slot a path names: the cycle, an item of it and a state asked by it (404 otherwise). */
  async function slotOf(cycleId: string, itemId: string, stateSlug: string) {
    const cycle = await cycleRow(cycleId);
    const [item, state] = await Promise.all([isCycleItem(db, cycleId, itemId), cycleState(db, cycleId, stateSlug)]);
    if (!item || !state)
      throw new ProblemError(404, 'not-found', 'followUp.reportNotFound', { state: stateSlug, item: itemId });
    return { cycle, itemId, state };
  }

  /** A report the reader may see, as stored (404 for one hidden from them). */
  async function visibleReport(ctx: RequestContext, cycleId: string, itemId: string, stateSlug: string) {
    const slot = await slotOf(cycleId, itemId, stateSlug);
    const [row] = await listReports(db, { cycleId, itemId, stateId: slot.state.id }, reachOf(ctx.actor));
    if (!row) throw new ProblemError(404, 'not-found', 'followUp.reportNotFound', { state: stateSlug, item: itemId });
    return { ...slot, row };
  }

  async function reportOf(ctx: RequestContext, cycleId: string, itemId: string, stateId: string): Promise<Report> {
    const row = await findReport(db, cycleId, itemId, stateId);
    return (await presentReports(row ? [row] : [], ctx.actor))[0] as Report;
  }

  const staleReport = (ctx: RequestContext, sent: number) => async (row: ReportRow) => {
    const current = await reportOf(ctx, row.cycle_id, row.item_id, row.member_state_id);
    throw new ConflictError(
      'followUp.stale',
      { sent: String(sent), current: String(current.version) },
      current.version,
      current,
    );
  };

  /** A state's change to its own report (submit, publish): the role that allows it. */
  const requireReporter = (ctx: RequestContext, row: ReportRow) =>
    followUpPolicy.require(ctx, 'follow-up.report', { memberStateId: row.member_state_id });

  /** A report its state may still change (evidence files): the report and the role that allows it. */
  async function editableReport(ctx: RequestContext, cycleId: string, itemId: string, stateSlug: string) {
    followUpPolicy.require(ctx, 'follow-up.report');
    const { row } = await visibleReport(ctx, cycleId, itemId, stateSlug);
    const role = requireReporter(ctx, row);
    if (!isEditableReport(row.state as ReportState))
      throw new ProblemError(409, 'not-editable', 'followUp.notEditable', { state: row.state });
    return { row, role };
  }

  /** The 409 for a report reviewed meanwhile, naming the state it is in now. */
  async function noLongerEditable(row: ReportRow) {
    const current = await findReport(db, row.cycle_id, row.item_id, row.member_state_id);
    return new ProblemError(409, 'not-editable', 'followUp.notEditable', { state: current?.state ?? row.state });
  }

  const fileOf = (f: { id: string; sha256: string; size: number; media_type: string; original_name: string }) => ({
    fileId: f.id,
    sha256: f.sha256,
    size: f.size,
    mediaType: f.media_type,
    name: f.original_name,
  });

  return {
    /** Historic documents' items from a CSV or XLSX file, previewed or written (imports.ts). */
    importItems: itemImports({ db, clock }),

    async listItems(ctx: RequestContext, query: ItemQuery): Promise<FollowUpItemList> {
      await deriveParagraphItems(db, clock().toISOString());
      const documentId = query.document ? (await adoptedDocument(query.document, 'document', 'query')).id : undefined;
      const pillarId = query.pillar ? await pillarIdOf(query.pillar, 'pillar', 'query') : undefined;
      return { lang: ctx.lang, items: await presentItems(await listItems(db, { documentId, pillarId }), ctx.lang) };
    },

    async getItem(ctx: RequestContext, id: string): Promise<FollowUpItem> {
      await deriveParagraphItems(db, clock().toISOString());
      return itemOf(id, ctx.lang);
    },

    /** A historic document's item, which the secretariat enters with its texts and source. */
    async createItem(ctx: RequestContext, input: ItemCreate): Promise<FollowUpItem> {
      const role = followUpPolicy.require(ctx, 'follow-up.manage');
      const document = await adoptedDocument(input.document, 'document', 'body');
      const pillarIds: string[] = [];
      for (const [i, code] of input.pillars.entries()) pillarIds.push(await pillarIdOf(code, 'pillars', 'body', i));
      const position = await nextItemPosition(db, document.id);
      const now = clock();
      const at = now.toISOString();
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await insertHistoricItem(trx, { id, documentId: document.id, position, item: input, pillarIds, at });
        await recordAudit(
          trx,
          ctx,
          {
            action: 'follow-up.item.create',
            role,
            entityType: 'follow_up_item',
            entityId: id,
            before: null,
            after: input,
          },
          now,
        );
      });
      return itemOf(id, ctx.lang);
    },

    /** Replaces an item's sub-items (and so their weights) at the version read. */
    async replaceSubItems(ctx: RequestContext, id: string, input: SubItemsReplace): Promise<FollowUpItem> {
      return versionedWrite(ctx, {
        find: () => itemOf(id, ctx.lang),
        require: () => followUpPolicy.require(ctx, 'follow-up.manage'),
        sent: input.version,
        version: (item) => item.version,
        stale: async () => {
          const current = await itemOf(id, ctx.lang);
          throw new ConflictError(
            'followUp.stale',
            { sent: String(input.version), current: String(current.version) },
            current.version,
            current,
          );
        },
        async change(trx, item, _prepared, now) {
          const at = now.toISOString();
          if (!(await updateUnchanged(trx, 'follow_up_item', id, { version: input.version }, { updated_at: at })))
            return false;
          const old = item.subItems.map((s) => s.id);
          if (old.length) {
            await trx
              .deleteFrom('translation')
              .where('entity_type', '=', 'follow_up_sub_item')
              .where('entity_id', 'in', old)
              .execute();
            await trx.deleteFrom('follow_up_sub_item').where('item_id', '=', id).execute();
          }
          await insertSubItems(trx, id, input.subItems, at);
          return {
            action: 'follow-up.item.sub-items',
            entityType: 'follow_up_item',
            entityId: id,
            before: { subItems: item.subItems.map((s) => ({ weight: s.weight, text: s.text.text })) },
            after: { subItems: input.subItems },
          };
        },
        present: () => itemOf(id, ctx.lang),
      });
    },

    /** An item's status per state, cycle after cycle (what the reader may see). */
    async history(ctx: RequestContext, id: string, stateSlug: string | undefined): Promise<History> {
      await itemOf(id, ctx.lang);
      let stateId: string | undefined;
      if (stateSlug) {
        const [state] = await findMemberStates(db, [stateSlug]);
        if (!state)
          throw new InvalidParameterError(
            'state',
            'query',
            reason('reason.followUp.unknownState', { slug: stateSlug }),
          );
        stateId = state.id;
      }
      const rows = await historyOf(db, id, stateId, reachOf(ctx.actor));
      return {
        item: id,
        items: rows.map((r) => ({
          cycle: r.cycle_id,
          opensOn: r.opens_on,
          state: { slug: r.slug, iso2: r.iso2, iso3: r.iso3 },
          status: r.status as FollowUpStatus | null,
          reportState: r.state as ReportState,
        })),
      };
    },

    async listCycles(ctx: RequestContext): Promise<CycleList> {
      return { lang: ctx.lang, items: await presentCycles(await listCycles(db), ctx.actor, ctx.lang) };
    },

    async getCycle(ctx: RequestContext, id: string): Promise<Cycle> {
      return (await presentCycles([await cycleRow(id)], ctx.actor, ctx.lang))[0] as Cycle;
    },

    /** Opens a cycle on documents' items or on items named one by one, for the states named (all by default). */
    async createCycle(ctx: RequestContext, input: CycleCreate): Promise<Cycle> {
      const role = followUpPolicy.require(ctx, 'follow-up.manage');
      if ((input.documents === undefined) === (input.items === undefined))
        throw new InvalidParameterError('documents', 'body', reason('reason.followUp.documentsOrItems'));
      if (input.deadline < input.opensOn)
        throw new InvalidParameterError('deadline', 'body', reason('reason.followUp.deadlineBeforeOpening'));
      const now = clock();
      const at = now.toISOString();
      await deriveParagraphItems(db, at);
      let itemIds: string[] = [];
      if (input.documents) {
        for (const [i, slug] of input.documents.entries()) {
          const document = await adoptedDocument(slug, `documents.${i}`, 'body');
          itemIds.push(...(await listItems(db, { documentId: document.id })).map((r) => r.id));
        }
        itemIds = [...new Set(itemIds)];
        if (itemIds.length === 0)
          throw new InvalidParameterError('documents', 'body', reason('reason.followUp.noItems'));
      } else {
        itemIds = [...new Set(input.items)];
        const known = (await listItems(db, { ids: itemIds })).map((r) => r.id);
        refuseUnknown('items', input.items ?? [], known, (id) => reason('reason.followUp.unknownItem', { id }));
      }
      const states = await findMemberStates(db, input.states);
      refuseUnknown(
        'states',
        input.states ?? [],
        states.map((s) => s.slug),
        (slug) => reason('reason.followUp.unknownState', { slug }),
      );
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        await insertCycle(
          trx,
          { id, opens_on: input.opensOn, deadline: input.deadline, created_by: userOf(ctx.actor), at },
          itemIds,
          states.map((s) => s.id),
        );
        await replaceTexts(trx, 'follow_up_cycle', id, 'name', input.names, at);
        await recordAudit(
          trx,
          ctx,
          {
            action: 'follow-up.cycle.open',
            role,
            entityType: 'follow_up_cycle',
            entityId: id,
            before: null,
            after: {
              names: input.names,
              opensOn: input.opensOn,
              deadline: input.deadline,
              items: itemIds.length,
              states: states.map((s) => s.slug),
            },
          },
          now,
        );
      });
      await deps.onCycleOpened?.(id);
      return this.getCycle(ctx, id);
    },

    async listReports(
      ctx: RequestContext,
      cycleId: string,
      query: { state?: string | undefined; item?: string | undefined },
    ): Promise<ReportList> {
      await cycleRow(cycleId);
      let stateId: string | undefined;
      if (query.state) {
        const state = await cycleState(db, cycleId, query.state);
        if (!state)
          throw new InvalidParameterError(
            'state',
            'query',
            reason('reason.followUp.unknownState', { slug: query.state }),
          );
        stateId = state.id;
      }
      const rows = await listReports(db, { cycleId, itemId: query.item, stateId }, reachOf(ctx.actor));
      return { items: await presentReports(rows, ctx.actor) };
    },

    async getReport(ctx: RequestContext, cycleId: string, itemId: string, stateSlug: string): Promise<Report> {
      const { row } = await visibleReport(ctx, cycleId, itemId, stateSlug);
      return (await presentReports([row], ctx.actor))[0] as Report;
    },

    /**
     * Saves a state's draft: the first save creates it (no version), later ones name the version
     * read. Only the state's own focal points (or their tokens), while the report is editable.
     */
    async saveDraft(
      ctx: RequestContext,
      cycleId: string,
      itemId: string,
      stateSlug: string,
      input: ReportDraft,
    ): Promise<{ report: Report; created: boolean }> {
      followUpPolicy.require(ctx, 'follow-up.report');
      const slot = await slotOf(cycleId, itemId, stateSlug);
      const role = followUpPolicy.require(ctx, 'follow-up.report', { memberStateId: slot.state.id });
      const now = clock();
      if (!isCycleOpen(slot.cycle.opens_on, today(now)))
        throw new ProblemError(409, 'not-open', 'followUp.notOpen', { opensOn: slot.cycle.opens_on });
      const weights = (await weightsOf([itemId])).get(itemId) ?? new Map();
      const seen = new Set<string>();
      for (const [i, sub] of input.subItems.entries()) {
        if (!weights.has(sub.id) || seen.has(sub.id))
          throw new InvalidParameterError(`subItems.${i}.id`, 'body', reason('reason.followUp.unknownSubItem'));
        seen.add(sub.id);
      }
      const values = {
        status: input.status,
        not_applicable_reason: input.notApplicableReason,
        measures: input.measures,
        institution: input.institution,
        cooperation: input.cooperation,
        details: JSON.stringify({
          evidence: input.evidence,
          indicators: input.indicators,
          milestones: input.milestones,
          subItems: input.subItems,
        } satisfies Details),
        updated_by: userOf(ctx.actor),
      };
      const existing = await findReport(db, cycleId, itemId, slot.state.id);
      if (!existing) {
        if (input.version !== undefined)
          throw new ProblemError(404, 'not-found', 'followUp.reportNotFound', { state: stateSlug, item: itemId });
        const at = now.toISOString();
        const id = uuidv7();
        try {
          await db.transaction().execute(async (trx) => {
            await insertReport(trx, {
              id,
              cycle_id: cycleId,
              item_id: itemId,
              member_state_id: slot.state.id,
              state: 'draft',
              ...values,
              created_at: at,
              updated_at: at,
            });
            await recordAudit(
              trx,
              ctx,
              {
                action: 'follow-up.report.draft',
                role,
                entityType: 'follow_up_report',
                entityId: id,
                before: null,
                after: { state: stateSlug, item: itemId, cycle: cycleId, ...input },
              },
              now,
            );
          });
        } catch (error) {
          // Another first save won the race: this one is stale, as a second save without a version.
          const current = await findReport(db, cycleId, itemId, slot.state.id);
          if (!current) throw error;
          throw new ProblemError(409, 'version-required', 'followUp.versionRequired', {
            current: String(current.version),
          });
        }
        return { report: await reportOf(ctx, cycleId, itemId, slot.state.id), created: true };
      }
      if (input.version === undefined)
        throw new ProblemError(409, 'version-required', 'followUp.versionRequired', {
          current: String(existing.version),
        });
      const sent = input.version;
      const report = await versionedWrite(ctx, {
        find: async () => existing,
        require: () => role,
        refuse(row) {
          if (!isEditableReport(row.state as ReportState))
            throw new ProblemError(409, 'not-editable', 'followUp.notEditable', { state: row.state });
        },
        sent,
        version: (row) => row.version,
        stale: staleReport(ctx, sent),
        async change(trx, row, _prepared, at) {
          if (
            !(await updateUnchanged(
              trx,
              'follow_up_report',
              row.id,
              { version: sent },
              { ...values, updated_at: at.toISOString() },
              { state: ['draft', 'changes-requested'] },
            ))
          )
            return false;
          return {
            action: 'follow-up.report.draft',
            entityType: 'follow_up_report',
            entityId: row.id,
            before: audited(row, stateSlug, itemId),
            after: { state: stateSlug, item: itemId, cycle: cycleId, ...input },
          };
        },
        present: (row) => reportOf(ctx, cycleId, itemId, row.member_state_id),
      });
      return { report, created: false };
    },

    /** The state submits a complete report for review. */
    async submit(ctx: RequestContext, cycleId: string, itemId: string, stateSlug: string, version: number) {
      return versionedWrite(ctx, {
        find: async () => (await visibleReport(ctx, cycleId, itemId, stateSlug)).row,
        require: (row) => requireReporter(ctx, row),
        refuse(row) {
          if (!isEditableReport(row.state as ReportState))
            throw new ProblemError(409, 'not-editable', 'followUp.notEditable', { state: row.state });
          const [missing] = missingForSubmit({
            status: row.status as FollowUpStatus | null,
            notApplicableReason: row.not_applicable_reason,
            measures: row.measures,
            institution: row.institution,
          });
          if (missing) throw new InvalidParameterError(missing, 'body', reason('reason.followUp.requiredToSubmit'));
        },
        sent: version,
        version: (row) => row.version,
        stale: staleReport(ctx, version),
        async change(trx, row, _prepared, now) {
          const at = now.toISOString();
          const patch = { state: 'submitted', submitted_at: at, updated_at: at, updated_by: userOf(ctx.actor) };
          if (!(await updateUnchanged(trx, 'follow_up_report', row.id, { version }, patch, { state: row.state })))
            return false;
          return {
            action: 'follow-up.report.submit',
            entityType: 'follow_up_report',
            entityId: row.id,
            before: audited(row, stateSlug, itemId),
            after: audited({ ...row, state: 'submitted' }, stateSlug, itemId),
          };
        },
        present: (row) => reportOf(ctx, cycleId, itemId, row.member_state_id),
      });
    },

    /** The secretariat comments on a submitted report, sends it back for changes, or accepts it. */
    async review(ctx: RequestContext, cycleId: string, itemId: string, stateSlug: string, input: ReportReview) {
      return versionedWrite(ctx, {
        find: async () => (await visibleReport(ctx, cycleId, itemId, stateSlug)).row,
        require: () => followUpPolicy.require(ctx, 'follow-up.manage'),
        refuse(row) {
          if (!canReview(row.state as ReportState))
            throw new ProblemError(409, 'not-reviewable', 'followUp.notReviewable', { state: row.state });
        },
        sent: input.version,
        version: (row) => row.version,
        stale: staleReport(ctx, input.version),
        async change(trx, row, _prepared, now) {
          const at = now.toISOString();
          const state = afterReview(input.decision);
          const patch = { state, review_comment: input.comment, reviewed_at: at, updated_at: at };
          if (
            !(await updateUnchanged(trx, 'follow_up_report', row.id, { version: input.version }, patch, {
              state: 'submitted',
            }))
          )
            return false;
          return {
            action: `follow-up.report.${input.decision}` as const,
            entityType: 'follow_up_report',
            entityId: row.id,
            before: audited(row, stateSlug, itemId),
            after: { ...audited({ ...row, state }, stateSlug, itemId), comment: input.comment },
          };
        },
        present: (row) => reportOf(ctx, cycleId, itemId, row.member_state_id),
      });
    },

    /** The state chooses whether its accepted report is public. */
    async publish(ctx: RequestContext, cycleId: string, itemId: string, stateSlug: string, input: ReportPublish) {
      return versionedWrite(ctx, {
        find: async () => (await visibleReport(ctx, cycleId, itemId, stateSlug)).row,
        require: (row) => requireReporter(ctx, row),
        refuse(row) {
          if (row.state !== 'accepted')
            throw new ProblemError(409, 'not-accepted', 'followUp.notAccepted', { state: row.state });
        },
        sent: input.version,
        version: (row) => row.version,
        stale: staleReport(ctx, input.version),
        async change(trx, row, _prepared, now) {
          const published = input.published ? 1 : 0;
          if (row.published === published) return null;
          const patch = { published, updated_at: now.toISOString() };
          if (
            !(await updateUnchanged(trx, 'follow_up_report', row.id, { version: input.version }, patch, {
              state: 'accepted',
            }))
          )
            return false;
          return {
            action: published ? ('follow-up.report.publish' as const) : ('follow-up.report.unpublish' as const),
            entityType: 'follow_up_report',
            entityId: row.id,
            before: audited(row, stateSlug, itemId),
            after: audited({ ...row, published }, stateSlug, itemId),
          };
        },
        present: (row) => reportOf(ctx, cycleId, itemId, row.member_state_id),
      });
    },

    /**
     * Attaches a file to the state's editable report as evidence. The report's state is checked
     * before the upload is read (`receive`), and again in the transaction that keeps the file.
     */
    async attachFile(
      ctx: RequestContext,
      cycleId: string,
      itemId: string,
      stateSlug: string,
      receive: (kinds: typeof EVIDENCE_KINDS, options: { maxBytes: number }) => Promise<Upload>,
    ): Promise<Report> {
      const { row, role } = await editableReport(ctx, cycleId, itemId, stateSlug);
      const upload = await receive(EVIDENCE_KINDS, { maxBytes: EVIDENCE_FILE_MAX_BYTES });
      const now = clock();
      const at = now.toISOString();
      try {
        await upload.store(db, { createdBy: userOf(ctx.actor), now }, async (trx, file) => {
          if (!(await holdEditableReport(trx, row.id, at))) throw await noLongerEditable(row);
          if ((await countReportFiles(trx, row.id)) >= EVIDENCE_FILES_MAX)
            throw new ProblemError(409, 'too-many-files', 'followUp.tooManyFiles', { max: String(EVIDENCE_FILES_MAX) });
          const id = uuidv7();
          await insertReportFile(trx, { id, report_id: row.id, file_id: file.id, created_by: userOf(ctx.actor), at });
          await recordAudit(
            trx,
            ctx,
            {
              action: 'follow-up.report.file-add',
              role,
              entityType: 'follow_up_report',
              entityId: row.id,
              before: null,
              after: { state: stateSlug, item: itemId, cycle: cycleId, evidence: id, file: fileOf(file) },
            },
            now,
          );
        });
      } finally {
        await upload.release();
      }
      return reportOf(ctx, cycleId, itemId, row.member_state_id);
    },

    /** Removes an evidence file from the state's editable report; its bytes go once nothing names them. */
    async removeFile(
      ctx: RequestContext,
      cycleId: string,
      itemId: string,
      stateSlug: string,
      evidenceId: string,
      inFiles: FileTransaction,
    ): Promise<Report> {
      const { row, role } = await editableReport(ctx, cycleId, itemId, stateSlug);
      const now = clock();
      await inFiles(db, async (trx, drop) => {
        if (!(await holdEditableReport(trx, row.id, now.toISOString()))) throw await noLongerEditable(row);
        const file = await findReportFile(trx, row.id, evidenceId);
        if (!file) throw new ProblemError(404, 'not-found', 'followUp.fileNotFound', { id: evidenceId });
        await deleteReportFile(trx, evidenceId);
        drop(file.id);
        await recordAudit(
          trx,
          ctx,
          {
            action: 'follow-up.report.file-remove',
            role,
            entityType: 'follow_up_report',
            entityId: row.id,
            before: { state: stateSlug, item: itemId, cycle: cycleId, evidence: evidenceId, file: fileOf(file) },
            after: null,
          },
          now,
        );
      });
      return reportOf(ctx, cycleId, itemId, row.member_state_id);
    },

    /** An evidence file of a report the reader may see (404 otherwise), and how to send it. */
    async evidenceFile(ctx: RequestContext, cycleId: string, itemId: string, stateSlug: string, evidenceId: string) {
      const { row } = await visibleReport(ctx, cycleId, itemId, stateSlug);
      const file = await findReportFile(db, row.id, evidenceId);
      if (!file) throw new ProblemError(404, 'not-found', 'followUp.fileNotFound', { id: evidenceId });
      const extension = kindOfMediaType(file.media_type) ?? 'bin';
      const base = file.original_name.replace(/\.[^.]*$/, '') || 'evidence';
      return {
        file,
        restricted: !isPublicReport(row.state as ReportState, row.published === 1),
        filename: `${base}.${extension}`,
      };
    },

    /** States × items of a cycle, narrowed to a document, a pillar, a subregion (in the database). */
    async matrix(ctx: RequestContext, query: MatrixQuery): Promise<Matrix> {
      await cycleRow(query.cycle);
      const filter = {
        documentId: query.document ? (await adoptedDocument(query.document, 'document', 'query')).id : undefined,
        pillarId: query.pillar ? await pillarIdOf(query.pillar, 'pillar', 'query') : undefined,
        subregion: query.subregion,
      };
      const [items, documents, states, cells] = await Promise.all([
        cycleItems(db, query.cycle, filter),
        cycleDocuments(db, query.cycle),
        cycleStates(db, query.cycle, filter.subregion),
        matrixCells(db, query.cycle, filter, reachOf(ctx.actor)),
      ]);
      const texts = await itemTexts(items, ctx.lang);
      return {
        cycle: query.cycle,
        documents,
        items: items.map((i) => ({ id: i.id, document: i.slug, number: i.number, text: texts.get(i.id) as ItemText })),
        states,
        cells: cells.map((c) => ({
          state: c.slug,
          item: c.item_id,
          status: c.status as FollowUpStatus | null,
          reportState: c.state as ReportState,
        })),
      };
    },

    /** Implementation rates of a cycle, grouped by the database. */
    async rates(ctx: RequestContext, query: RatesQuery): Promise<Rates> {
      await cycleRow(query.cycle);
      const rows = await rateCounts(db, query.cycle, query.by, reachOf(ctx.actor));
      return {
        cycle: query.cycle,
        by: query.by,
        method: RATE_METHOD,
        items: rows.map((r) => {
          const counts = {
            reported: Number(r.reported),
            implemented: Number(r.implemented),
            notApplicable: Number(r.not_applicable),
          };
          return { key: r.key, ...counts, rate: implementationRate(counts) };
        }),
      };
    },
  };
}

export type FollowUpService = ReturnType<typeof followUpService>;
