import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Lang, LocalizedText, Page } from '../../../contract/common.js';
import type { DocumentNode, Footnote, OutcomeDocument } from '../../../contract/outcome-documents.js';
import type { Document, DocumentListQuerySchema, DocumentRef, MemberStateRef } from '../../../contract/reference.js';
import { LANGS } from '../../../domain/languages.js';
import {
  carriesSymbol,
  documentOrder,
  isEditable,
  leftToTranslate,
  type NodeText,
  numbering,
  OUTCOME_TRANSITIONS,
  type OutcomeStatus,
  outlineOf,
} from '../../../domain/outcome-documents.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { NotFoundError } from '../../http/problems.js';
import type { Actor, RequestContext } from '../../policy/actor.js';
import { filterVisibility } from '../meetings/index.js';
import { resolveFilter, resolveMeetingFilter } from '../shared/filters.js';
import type { LibraryAreaFilters, LibraryDetails } from '../shared/library.js';
import { memberStateRefs, pillarRefsOf, toMeetingRef } from '../shared/refs.js';
import { loadSources, loadTexts, textOf } from '../shared/texts.js';
import { documentsPolicy } from './policy.js';
import {
  type DocumentRow,
  findDocument,
  findDocuments,
  footnotesOf,
  type LinkRow,
  libraryRows,
  linksOf,
  listDocuments,
  meetingsWithUnadopted,
  nodesOf,
  openBracketsOf,
  type Reach,
  sharedWith,
  textsOf,
  translationCounts,
} from './queries.js';

/** Does the reader's state have a delegation at this meeting? Asked of the delegations area
 * (app.ts gives it), so this module never reads registrations itself. */
export type DelegationAt = (ctx: RequestContext, meetingSlug: string) => Promise<boolean>;

export interface DocumentsDeps {
  db: Kysely<Database>;
  clock: () => Date;
  delegationAt?: DelegationAt | undefined;
}

const readContext = (actor: Actor, lang: Lang): RequestContext => ({ actor, lang, requestId: 'read', ip: null });

/** Whether the platform holds the document's text: a historic one's once imported (frozen then,
 * with its hash). */
const textHeld = (row: Pick<DocumentRow, 'managed_by' | 'content_hash'>) =>
  row.managed_by === 'platform' || row.content_hash !== null;

/** The documents' reads: the list and the detail, as the reader may see them. */

export function documentsReads({ db, delegationAt }: DocumentsDeps) {
  /** Which documents not yet adopted the reader sees: all for the secretariat, those of the meetings
   * their state has a delegation at for a focal point or delegate, none for anyone else. */
  async function reachOf(ctx: RequestContext): Promise<Reach> {
    const reach = documentsPolicy.reach(ctx.actor, 'outcome-documents.read-drafts');
    if (reach.all) return { all: true };
    const documentIds = await sharedWith(db, reach.partnerIds);
    if (reach.memberStateIds.length === 0 || !delegationAt) return { all: false, meetingIds: [], documentIds };
    const meetingIds: string[] = [];
    for (const meeting of await meetingsWithUnadopted(db)) {
      if (await delegationAt(ctx, meeting.slug)) meetingIds.push(meeting.id);
    }
    return { all: false, meetingIds, documentIds };
  }

  const reaches = (reach: Reach, row: { id: string; status: string; meeting_id: string }) =>
    row.status === 'adopted' ||
    reach.all ||
    reach.meetingIds.includes(row.meeting_id) ||
    reach.documentIds.includes(row.id);

  /** Titles in the reader's language, else English, else the document's original language. */
  async function titlesOf(rows: ReadonlyArray<{ id: string; original_lang: string | null }>, lang: Lang) {
    const ids = rows.map((r) => r.id);
    const texts = await loadTexts(db, 'document', ids, lang);
    const missing = rows.filter((r) => r.original_lang && !textOf(texts, r.id, 'title'));
    for (const original of new Set(missing.map((r) => r.original_lang as Lang))) {
      const more = await loadTexts(
        db,
        'document',
        missing.filter((r) => r.original_lang === original).map((r) => r.id),
        original,
      );
      for (const [id, fields] of more) texts.set(id, fields);
    }
    return texts;
  }

  /** The languages each document's whole text is in: the original and those translated throughout. */
  async function languagesOf(rows: DocumentRow[]): Promise<Map<string, Lang[]>> {
    const platform = rows.filter(textHeld);
    const { done, nodes } = await translationCounts(
      db,
      platform.map((r) => r.id),
    );
    const result = new Map<string, Lang[]>();
    for (const row of platform) {
      const count = Number(nodes.find((n) => n.document_id === row.id)?.count ?? 0);
      const complete = LANGS.filter(
        (lang) =>
          lang === row.original_lang ||
          (count > 0 && Number(done.find((d) => d.document_id === row.id && d.lang === lang)?.count ?? 0) === count),
      );
      result.set(row.id, complete);
    }
    return result;
  }

  async function present(rows: DocumentRow[], lang: Lang): Promise<Document[]> {
    const ids = rows.map((r) => r.id);
    const [texts, pillars, sources, languages] = await Promise.all([
      titlesOf(rows, lang),
      pillarRefsOf(db, 'document', ids, lang),
      loadSources(db, 'document', ids),
      languagesOf(rows),
    ]);
    return rows.map((r) => {
      const held = textHeld(r);
      const own = sources.get(r.id) ?? [];
      return {
        id: r.id,
        slug: r.slug,
        type: r.type as Document['type'],
        symbol: r.symbol,
        title: textOf(texts, r.id, 'title'),
        meeting: toMeetingRef({
          id: r.meeting_id,
          slug: r.meeting_slug,
          number: r.meeting_number,
          start_date: r.meeting_start_date ?? r.meeting_starts_at?.slice(0, 10) ?? null,
        }),
        adoptedOn: r.adopted_on,
        description: textOf(texts, r.id, 'description'),
        pillars: pillars.get(r.id) ?? [],
        sources: own,
        status: r.status,
        historic: r.managed_by === 'reference',
        textHeld: held,
        textSource: held ? null : (own[0]?.url ?? null),
        originalLang: r.original_lang as Lang | null,
        languages: languages.get(r.id) ?? [],
        version: r.version,
      };
    });
  }

  /** The body in document order, numbered, with its texts and pillars, and what is left to translate. */
  async function bodyOf(row: DocumentRow, lang: Lang) {
    const nodes = await nodesOf(db, row.id);
    const outline = outlineOf(
      nodes.map((n) => ({ id: n.id, kind: n.kind, parentId: n.parent_id, position: n.position })),
    );
    const order = documentOrder(outline);
    const numbers = numbering(outline);
    const [texts, pillars, brackets, footnotes] = await Promise.all([
      textsOf(db, order),
      pillarRefsOf(db, 'document_node', order, lang),
      openBracketsOf(db, row.id),
      footnotesOf(db, row.id),
    ]);
    const [states, footnoteSources] = await Promise.all([
      memberStateRefs(
        db,
        [
          ...brackets.flatMap((b) => b.alternatives.flatMap((a) => a.stateIds)),
          ...footnotes.map((f) => f.member_state_id),
        ],
        lang,
      ),
      loadSources(
        db,
        'document_footnote',
        footnotes.map((f) => f.id),
      ),
    ]);
    const stateRef = (id: string) => states.get(id) as MemberStateRef;
    const byNode = new Map<string, Array<NodeText & { text: string }>>();
    for (const t of texts) byNode.set(t.node_id, [...(byNode.get(t.node_id) ?? []), t]);
    const depthOf = (id: string): number => {
      const parent = outline.nodes.get(id)?.parentId ?? null;
      return parent === null ? 0 : 1 + depthOf(parent);
    };
    const body: DocumentNode[] = order.map((id) => {
      const node = nodes.find((n) => n.id === id) as (typeof nodes)[number];
      return {
        id,
        kind: node.kind,
        parentId: node.parent_id,
        depth: depthOf(id),
        number: numbers.get(id) ?? null,
        mark: node.mark,
        pillars: pillars.get(id) ?? [],
        texts: Object.fromEntries((byNode.get(id) ?? []).map((t) => [t.lang, { text: t.text, state: t.state }])),
        agreement: node.agreement,
        brackets: brackets
          .filter((b) => b.node_id === id)
          .map((b) => ({
            id: b.id,
            alternatives: b.alternatives.map((a) => ({
              text: a.text,
              states: a.stateIds.map(stateRef).sort((x, y) => x.slug.localeCompare(y.slug)),
            })),
          })),
      };
    });
    const presentedFootnotes = footnotes.map((f) => ({
      id: f.id,
      nodeId: f.node_id,
      state: stateRef(f.member_state_id),
      kind: f.kind,
      lang: f.lang as Lang,
      text: f.text,
      official: f.official === 1,
      sources: footnoteSources.get(f.id) ?? [],
      concerns: f.concerns === null ? [] : (JSON.parse(f.concerns) as Footnote['concerns']),
      at: f.created_at,
    }));
    const original = row.original_lang as Lang | null;
    const left = original ? leftToTranslate(order, byNode, original, LANGS) : null;
    const leftOver = left ? Object.fromEntries(LANGS.filter((l) => l !== original).map((l) => [l, left[l]])) : {};
    return { body, leftToTranslate: leftOver, footnotes: presentedFootnotes, sections: sectionSummaries(body) };
  }

  async function linksFor(row: DocumentRow, reach: Reach, lang: Lang) {
    const [outgoing, incoming] = await linksOf(db, row.id);
    // A link names the other document by document_id (its own id is the link's).
    const seen = (links: LinkRow[]) => links.filter((l) => reaches(reach, { ...l, id: l.document_id }));
    const shown = [...seen(outgoing), ...seen(incoming)];
    const titles = await titlesOf(
      shown.map((l) => ({ id: l.document_id, original_lang: null })),
      lang,
    );
    const present = (l: LinkRow) => ({
      id: l.id,
      relation: l.relation,
      document: {
        id: l.document_id,
        slug: l.slug,
        type: l.type as DocumentRef['type'],
        symbol: l.symbol,
        title: textOf(titles, l.document_id, 'title') as LocalizedText | null,
      },
      source: l.source_url,
    });
    return { outgoing: seen(outgoing).map(present), incoming: seen(incoming).map(present) };
  }

  /** The document as the reader may see it: one not yet adopted is 404 to all but those it reaches. */
  async function visible(ctx: RequestContext, idOrSlug: string): Promise<DocumentRow> {
    const row = await findDocument(db, idOrSlug);
    if (!row || !reaches(await reachOf(ctx), row)) throw new NotFoundError('document', idOrSlug);
    return row;
  }

  /** The latest silence procedure: its deadline, how it stands, and who broke silence and why. */
  async function silenceOf(row: DocumentRow, lang: Lang): Promise<OutcomeDocument['silence']> {
    if (row.silence_status === null || row.silence_deadline === null) return null;
    const objection = row.silence_objection_id
      ? await db
          .selectFrom('document_objection')
          .select(['member_state_id', 'comment', 'created_at'])
          .where('id', '=', row.silence_objection_id)
          .executeTakeFirst()
      : undefined;
    const states = objection ? await memberStateRefs(db, [objection.member_state_id], lang) : new Map();
    return {
      deadline: row.silence_deadline,
      status: row.silence_status,
      brokenBy: objection
        ? {
            state: states.get(objection.member_state_id) as MemberStateRef,
            reason: objection.comment,
            at: objection.created_at,
          }
        : null,
    };
  }

  async function detail(ctx: RequestContext, row: DocumentRow): Promise<OutcomeDocument> {
    const reach = await reachOf(ctx);
    const [[document], { body, leftToTranslate: left, footnotes, sections }, links, silence] = await Promise.all([
      present([row], ctx.lang),
      bodyOf(row, ctx.lang),
      linksFor(row, reach, ctx.lang),
      silenceOf(row, ctx.lang),
    ]);
    const platform = row.managed_by === 'platform';
    const mayDraft = platform && documentsPolicy.can(ctx.actor, 'outcome-documents.draft');
    const status = row.status as OutcomeStatus;
    const transitions = mayDraft ? [...OUTCOME_TRANSITIONS[status]] : [];
    return {
      ...(document as Document),
      body,
      leftToTranslate: left,
      links,
      transitions,
      footnotes,
      contentHash: row.content_hash,
      silence,
      sections,
      can: {
        update: mayDraft && isEditable(status),
        editBody: mayDraft && isEditable(status),
        changeStatus: transitions.length > 0,
        importText:
          documentsPolicy.can(ctx.actor, 'outcome-documents.draft') &&
          body.length === 0 &&
          (platform ? isEditable(status) && row.silence_status !== 'running' : row.content_hash === null),
      },
    };
  }

  return {
    reachOf,
    visible,
    detail,

    /** This area's part of the document library (`modules/shared/library.ts`): its rows, seen as
     * the list sees them, and the title, languages, slug, type and status of those on a page. */
    library: {
      rows: async (actor: Actor, filters: LibraryAreaFilters) =>
        libraryRows(db, await reachOf(readContext(actor, 'en')), filters),
      async details(ids: readonly string[], lang: Lang): Promise<Map<string, LibraryDetails>> {
        const documents = await present(await findDocuments(db, ids), lang);
        return new Map(
          documents.map((doc) => [
            doc.id,
            { title: doc.title, languages: doc.languages, slug: doc.slug, type: doc.type, status: doc.status },
          ]),
        );
      },
    },

    async list(query: z.infer<typeof DocumentListQuerySchema>, lang: Lang, actor: Actor): Promise<Page<Document>> {
      const ctx = readContext(actor, lang);
      const [pillarId, hostStateId, meetingId, reach] = await Promise.all([
        resolveFilter(db, 'pillar', 'pillar', query.pillar),
        resolveFilter(db, 'memberState', 'member_state', query.memberState),
        resolveMeetingFilter(db, query.meeting, filterVisibility(actor)),
        reachOf(ctx),
      ]);
      const cursor = decodeCursor(query.cursor, ['int', 'int', 'text']);
      const filters = {
        type: query.type,
        pillarId,
        hostStateId,
        meetingId,
        year: query.year,
        language: query.language,
      };
      const rows = await listDocuments(db, reach, filters, query.limit, cursor);
      const page = toPage(rows, query.limit, (r) => [r.meeting_ordinal, r.position, r.slug]);
      return { lang, items: await present(page.rows, lang), nextCursor: page.nextCursor };
    },

    async get(idOrSlug: string, lang: Lang, actor: Actor): Promise<OutcomeDocument> {
      const ctx = readContext(actor, lang);
      return detail(ctx, await visible(ctx, idOrSlug));
    },
  };
}

export type DocumentsReads = ReturnType<typeof documentsReads>;

/** Per section (the body's own paragraphs first, then each section in document order), how many
 * of the paragraphs it holds directly are open, agreed, agreed ad referendum, and bracketed. */
function sectionSummaries(body: DocumentNode[]) {
  const keys = [null, ...body.filter((n) => n.kind === 'section').map((n) => n.id)];
  return keys
    .map((sectionId) => {
      const paragraphs = body.filter((n) => n.kind !== 'section' && n.parentId === sectionId);
      const count = (agreement: DocumentNode['agreement']) =>
        paragraphs.filter((n) => n.agreement === agreement).length;
      return {
        sectionId,
        paragraphs: paragraphs.length,
        open: count('open'),
        agreed: count('agreed'),
        agreedAdReferendum: count('agreed-ad-referendum'),
        bracketed: paragraphs.filter((n) => n.brackets.length > 0).length,
      };
    })
    .filter((s) => s.sectionId !== null || s.paragraphs > 0);
}

/** Whether a symbol is due: from negotiation on, and only for documents drafted here. */
export const symbolDue = (row: Pick<DocumentRow, 'managed_by' | 'symbol'>, status: OutcomeStatus) =>
  row.managed_by === 'platform' && row.symbol === null && carriesSymbol(status);
