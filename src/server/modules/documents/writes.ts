import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Lang } from '../../../contract/common.js';
import type {
  LinkCreate,
  NodeCreate,
  NodeMove,
  NodeTranslation,
  NodeUpdate,
  OutcomeDocument,
  OutcomeDocumentCreate,
  OutcomeDocumentUpdate,
  OutcomeStatusChange,
} from '../../../contract/outcome-documents.js';
import {
  canTransition,
  insertNode as insertInOutline,
  isEditable,
  moveNode,
  OUTCOME_TRANSITIONS,
  OUTLINE_NODES_MAX,
  type OutcomeStatus,
  type Outline,
  OutlineError,
  outlineOf,
  placesOf,
  removeNode,
  SECTION_DEPTH_MAX,
} from '../../../domain/outcome-documents.js';
import { reason } from '../../../domain/reasons.js';
import type { Database } from '../../db/schema.js';
import { ConflictError, InvalidParameterError, ProblemError } from '../../http/problems.js';
import type { RequestContext } from '../../policy/actor.js';
import { recordAudit } from '../audit/index.js';
import { documentSymbol, nextSequence, symbolMeeting } from '../meeting-documents/index.js';
import { findVisibleMeeting } from '../meetings/index.js';
import { updateUnchanged } from '../shared/concurrency.js';
import { pillarIdsByCode, replacePillarLinks } from '../shared/refs.js';
import { slugify } from '../shared/slugify.js';
import { replaceTexts } from '../shared/texts.js';
import { type AuditChange, versionedWrites } from '../shared/versioned-write.js';
import { adopt, audited, requireAdoptable } from './adoption.js';
import { documentsPolicy } from './policy.js';
import {
  type DocumentRow,
  deleteLink,
  deleteNodes,
  findDocument,
  insertDocument,
  insertLink,
  insertNode,
  linksOf,
  type NodeRow,
  nextPosition,
  nodesOf,
  patchDocument,
  patchNode,
  putText,
  slugTaken,
  textsOf,
  translationsPending,
} from './queries.js';
import { type DocumentsDeps, type DocumentsReads, symbolDue } from './service.js';
import { recordVersion } from './versions.js';

type Trx = Transaction<Database>;

/** An outline refusal as the 400 naming the field the caller sent. */
function outlineRefusal(error: unknown, field: string): never {
  if (!(error instanceof OutlineError)) throw error;
  const why = {
    parent: reason('reason.outline.parent'),
    cycle: reason('reason.outline.cycle'),
    depth: reason('reason.outline.depth', { max: SECTION_DEPTH_MAX }),
    size: reason('reason.outline.size', { max: OUTLINE_NODES_MAX }),
    index: reason('reason.outline.index'),
    unknown: reason('reason.id.node'),
  }[error.problem];
  throw new InvalidParameterError(error.problem === 'index' ? 'index' : field, 'body', why);
}

export const outlineFrom = (nodes: NodeRow[]): Outline =>
  outlineOf(nodes.map((n) => ({ id: n.id, kind: n.kind, parentId: n.parent_id, position: n.position })));

/** Writes the parents and positions `outline` gives to the rows that differ from `nodes`. */
export async function followOutline(trx: Trx, nodes: NodeRow[], outline: Outline, at: string) {
  for (const [id, place] of placesOf(outline)) {
    const row = nodes.find((n) => n.id === id);
    if (row && (row.parent_id !== place.parentId || row.position !== place.position)) {
      await patchNode(trx, id, { parent_id: place.parentId, position: place.position, updated_at: at });
    }
  }
}

/** How every write of a document's text or state is made: at the version read, audited in its
 * transaction, a version of the text recorded when the text changed, the whole document answered. */
export function documentEditor(deps: DocumentsDeps & { reads: DocumentsReads }) {
  const { db, clock, reads } = deps;
  const versionedWrite = versionedWrites({ db, clock });

  async function stale(ctx: RequestContext, idOrSlug: string, sent: number): Promise<never> {
    const current = await reads.detail(ctx, await reads.visible(ctx, idOrSlug));
    throw new ConflictError(
      'outcomeDocuments.stale',
      { sent: String(sent), current: String(current.version) },
      current.version,
      current,
    );
  }

  /** The 409 of a write the document cannot take now (`text`: one of its body or title;
   * `historicText`: the import of a historic document's text, the one write such a document takes —
   * its empty body filled once, then frozen as adopted). */
  function refuse(row: DocumentRow, text: boolean, historicText = false) {
    if (row.managed_by !== 'platform') {
      if (historicText) return;
      throw new ProblemError(409, 'reference-document', 'outcomeDocuments.historic');
    }
    if (text && !isEditable(row.status as OutcomeStatus))
      throw new ProblemError(409, 'frozen', 'outcomeDocuments.frozen', { status: row.status });
    // The text under silence is the one the states are deemed to adopt: it holds until the end.
    if (text && row.silence_status === 'running')
      throw new ProblemError(409, 'silence-running', 'outcomeDocuments.silenceRunning', {
        deadline: row.silence_deadline as string,
      });
  }

  /**
   * One change of a document drafted here, at the version the caller read: `prepare` reads what the
   * change needs (outside the transaction: SQLite has one connection), `change` writes it in the
   * transaction with the audit entry, after the document's version is claimed.
   */
  function edit<P>(
    ctx: RequestContext,
    idOrSlug: string,
    version: number,
    write: {
      /** A body or title change: refused once the text is agreed, adopted or withdrawn, and
       * recorded as a version of the text. */
      text: boolean;
      /** Who may make it; the drafting secretariat when not told. */
      action?: 'outcome-documents.draft' | 'outcome-documents.chair';
      /** The import of a historic document's text: the one write a reference document takes. */
      historicText?: boolean;
      prepare(row: DocumentRow, now: Date): Promise<P>;
      change(
        trx: Trx,
        row: DocumentRow,
        prepared: P,
        at: string,
      ): Promise<Omit<AuditChange, 'entityType' | 'entityId'> & { amendment?: string }>;
    },
  ): Promise<OutcomeDocument> {
    return versionedWrite<DocumentRow, P, OutcomeDocument>(ctx, {
      find: () => reads.visible(ctx, idOrSlug),
      require: () => documentsPolicy.require(ctx, write.action ?? 'outcome-documents.draft'),
      refuse: (row) => refuse(row, write.text, write.historicText),
      sent: version,
      version: (row) => row.version,
      stale: () => stale(ctx, idOrSlug, version),
      prepare: (row, now) => write.prepare(row, now),
      async change(trx, row, prepared, now) {
        const at = now.toISOString();
        // Claim the version first: a concurrent write waits for this row, then finds it changed.
        if (!(await updateUnchanged(trx, 'document', row.id, { version }, { updated_at: at }))) return false;
        const { amendment, ...entry } = await write.change(trx, row, prepared, at);
        if (write.text) {
          await recordVersion(trx, {
            document: row,
            action: entry.action,
            madeBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
            amendment: amendment ?? null,
            at,
          });
        }
        return { ...entry, entityType: 'document', entityId: row.id };
      },
      present: async (row) => reads.detail(ctx, (await findDocument(db, row.id)) as DocumentRow),
    });
  }

  /** The node `nodeId` of the document, or the 404 naming it. */
  function nodeIn(nodes: NodeRow[], nodeId: string): NodeRow {
    const node = nodes.find((n) => n.id === nodeId);
    if (!node) throw new ProblemError(404, 'not-found', 'outcomeDocuments.notFound', { id: nodeId });
    return node;
  }

  return { edit, stale, nodeIn, refuse };
}

/** The secretariat's writes on outcome documents: each names the version read, is audited in its
 * transaction, and answers the whole document (a 409 carries it as it is now). */
export function documentsWrites(deps: DocumentsDeps & { reads: DocumentsReads }) {
  const { db, clock, reads } = deps;
  const { edit, nodeIn } = documentEditor(deps);

  /** Pillar codes → ids, or the 400 naming `pillars` and the unknown code. */
  async function pillarIds(codes: readonly string[] | undefined): Promise<string[] | undefined> {
    if (codes === undefined) return undefined;
    const ids = await pillarIdsByCode(db, codes);
    const unknown = codes.find((code) => !ids.has(code));
    if (unknown !== undefined)
      throw new InvalidParameterError('pillars', 'body', reason('reason.outcome.unknownPillar', { code: unknown }));
    return codes.map((code) => ids.get(code) as string);
  }

  const operativeOnly = () => new InvalidParameterError('mark', 'body', reason('reason.outcome.operativeOnly'));

  return {
    /** A new draft for a meeting, with its titles; its symbol comes when negotiation opens. */
    async create(ctx: RequestContext, input: OutcomeDocumentCreate): Promise<OutcomeDocument> {
      const role = documentsPolicy.require(ctx, 'outcome-documents.draft');
      const meeting = await findVisibleMeeting(db, ctx.actor, input.meeting).catch(() => {
        throw new InvalidParameterError('meeting', 'body', reason('reason.slug'));
      });
      const id = uuidv7();
      const title = input.titles[input.originalLang] ?? Object.values(input.titles).find(Boolean) ?? '';
      const base = `${meeting.slug}-${slugify(title, input.type)}`.slice(0, 80).replace(/-+$/, '');
      const slug = (await slugTaken(db, base)) ? `${base}-${id.slice(-8)}` : base;
      const now = clock();
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        const row = {
          id,
          slug,
          meeting_id: meeting.id,
          position: await nextPosition(trx, meeting.id),
          type: input.type,
          symbol: null,
          adopted_on: null,
          managed_by: 'platform' as const,
          status: 'draft' as const,
          original_lang: input.originalLang,
          created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          sequence: null,
          created_at: at,
          updated_at: at,
        };
        await insertDocument(trx, row);
        await replaceTexts(trx, 'document', id, 'title', input.titles, at);
        await recordAudit(
          trx,
          ctx,
          {
            action: 'outcome-documents.create',
            role,
            entityType: 'document',
            entityId: id,
            before: null,
            after: { ...audited({ ...row, version: 1 }), meeting: meeting.slug, slug, titles: input.titles },
          },
          now,
        );
      });
      return reads.detail(ctx, (await findDocument(db, id)) as DocumentRow);
    },

    update(ctx: RequestContext, idOrSlug: string, input: OutcomeDocumentUpdate) {
      return edit(ctx, idOrSlug, input.version, {
        text: true,
        prepare: async () => undefined,
        async change(trx, row, _prepared, at) {
          const patch: Partial<DocumentRow> = {};
          if (input.type !== undefined) patch.type = input.type;
          if (input.originalLang !== undefined) patch.original_lang = input.originalLang;
          if (Object.keys(patch).length > 0) await patchDocument(trx, row.id, patch);
          if (input.titles !== undefined) await replaceTexts(trx, 'document', row.id, 'title', input.titles, at);
          return {
            action: 'outcome-documents.update',
            before: audited(row),
            after: { ...audited({ ...row, ...patch, version: row.version + 1 }), titles: input.titles },
          };
        },
      });
    },

    /** Moves the document along its lifecycle; from negotiation on it carries a symbol in its
     * meeting's `doc` series, made by the meeting documents' pattern. */
    changeStatus(ctx: RequestContext, idOrSlug: string, input: OutcomeStatusChange) {
      return edit(ctx, idOrSlug, input.version, {
        text: false,
        async prepare(row) {
          const from = row.status as OutcomeStatus;
          if (!canTransition(from, input.status)) {
            throw new InvalidParameterError(
              'status',
              'body',
              reason('reason.outcome.transition', {
                from,
                to: input.status,
                allowed: OUTCOME_TRANSITIONS[from].join(', ') || '—',
              }),
            );
          }
          if (input.status === 'adopted' && row.managed_by === 'platform') await requireAdoptable(db, row.id);
          return symbolDue(row, input.status) ? symbolMeeting(db, row.meeting_id) : null;
        },
        async change(trx, row, meeting, at) {
          const patch: Partial<DocumentRow> = { status: input.status };
          if (meeting) {
            const sequence = await nextSequence(trx, row.meeting_id, 'working');
            patch.sequence = sequence;
            patch.symbol = documentSymbol(meeting, 'working', sequence, new Date(at));
          }
          if (input.status === 'adopted') return adopt(trx, row, at, patch);
          await patchDocument(trx, row.id, patch);
          return {
            action: 'outcome-documents.status',
            before: audited(row),
            after: audited({ ...row, ...patch, version: row.version + 1 }),
          };
        },
      });
    },

    /** Adds a section or paragraph; the numbers of those after it follow. */
    addNode(ctx: RequestContext, idOrSlug: string, input: NodeCreate) {
      const id = uuidv7();
      return edit(ctx, idOrSlug, input.version, {
        text: true,
        async prepare(row) {
          if (input.kind !== 'operative' && ((input.mark ?? null) !== null || (input.pillars?.length ?? 0) > 0))
            throw operativeOnly();
          const nodes = await nodesOf(db, row.id);
          let outline: Outline;
          try {
            outline = insertInOutline(
              outlineFrom(nodes),
              { id, kind: input.kind, parentId: input.parentId },
              input.index,
            );
          } catch (error) {
            outlineRefusal(error, 'parentId');
          }
          return { nodes, outline, pillars: await pillarIds(input.pillars) };
        },
        async change(trx, row, { nodes, outline, pillars }, at) {
          const place = placesOf(outline).get(id) as { parentId: string | null; position: number };
          await followOutline(trx, nodes, outline, at);
          await insertNode(trx, {
            id,
            document_id: row.id,
            parent_id: place.parentId,
            position: place.position,
            kind: input.kind,
            mark: input.mark ?? null,
            created_at: at,
            updated_at: at,
          });
          await putText(trx, { node_id: id, lang: row.original_lang as string, text: input.text, state: 'done' }, at);
          if (pillars) await replacePillarLinks(trx, 'document_node', id, pillars, at);
          return {
            action: 'outcome-documents.node-add',
            before: { version: row.version },
            after: {
              version: row.version + 1,
              node: id,
              kind: input.kind,
              ...place,
              text: input.text,
              mark: input.mark ?? null,
              pillars: input.pillars ?? [],
            },
          };
        },
      });
    },

    /** Changes a node's original text (its translations go back to pending), mark or pillars. */
    updateNode(ctx: RequestContext, idOrSlug: string, nodeId: string, input: NodeUpdate) {
      return edit(ctx, idOrSlug, input.version, {
        text: true,
        async prepare(row) {
          const node = nodeIn(await nodesOf(db, row.id), nodeId);
          if (node.kind !== 'operative' && ((input.mark ?? null) !== null || (input.pillars?.length ?? 0) > 0))
            throw operativeOnly();
          const [before] = await textsOf(db, [nodeId]).then((t) => t.filter((x) => x.lang === row.original_lang));
          return { node, before: before?.text ?? null, pillars: await pillarIds(input.pillars) };
        },
        async change(trx, row, { node, before, pillars }, at) {
          const original = row.original_lang as string;
          if (input.text !== undefined && input.text !== before) {
            await putText(trx, { node_id: nodeId, lang: original, text: input.text, state: 'done' }, at);
            await translationsPending(trx, nodeId, original, at);
          }
          if (input.mark !== undefined) await patchNode(trx, nodeId, { mark: input.mark, updated_at: at });
          if (pillars) await replacePillarLinks(trx, 'document_node', nodeId, pillars, at);
          return {
            action: 'outcome-documents.node-update',
            before: { version: row.version, node: nodeId, text: before, mark: node.mark },
            after: {
              version: row.version + 1,
              node: nodeId,
              text: input.text,
              mark: input.mark,
              pillars: input.pillars,
            },
          };
        },
      });
    },

    moveNode(ctx: RequestContext, idOrSlug: string, nodeId: string, input: NodeMove) {
      return edit(ctx, idOrSlug, input.version, {
        text: true,
        async prepare(row) {
          const nodes = await nodesOf(db, row.id);
          const node = nodeIn(nodes, nodeId);
          try {
            return { nodes, node, outline: moveNode(outlineFrom(nodes), nodeId, input.parentId, input.index) };
          } catch (error) {
            outlineRefusal(error, 'parentId');
          }
        },
        async change(trx, row, { nodes, node, outline }, at) {
          await followOutline(trx, nodes, outline, at);
          return {
            action: 'outcome-documents.node-move',
            before: { version: row.version, node: nodeId, parentId: node.parent_id, position: node.position },
            after: { version: row.version + 1, node: nodeId, parentId: input.parentId, position: input.index },
          };
        },
      });
    },

    /** Deletes a section (with what it holds) or a paragraph; the numbers after it close up. */
    deleteNode(ctx: RequestContext, idOrSlug: string, nodeId: string, version: number) {
      return edit(ctx, idOrSlug, version, {
        text: true,
        async prepare(row) {
          const nodes = await nodesOf(db, row.id);
          nodeIn(nodes, nodeId);
          const { outline, removed } = removeNode(outlineFrom(nodes), nodeId);
          const texts = await textsOf(db, removed);
          return { nodes, outline, removed, texts };
        },
        async change(trx, row, { nodes, outline, removed, texts }, at) {
          await deleteNodes(trx, removed);
          await followOutline(
            trx,
            nodes.filter((n) => !removed.includes(n.id)),
            outline,
            at,
          );
          return {
            action: 'outcome-documents.node-delete',
            before: {
              version: row.version,
              nodes: removed.map((id) => ({
                id,
                kind: nodes.find((n) => n.id === id)?.kind,
                texts: texts.filter((t) => t.node_id === id).map((t) => ({ lang: t.lang, text: t.text })),
              })),
            },
            after: { version: row.version + 1 },
          };
        },
      });
    },

    /** Sets a node's translation in a language other than the original, pending or done. */
    translate(ctx: RequestContext, idOrSlug: string, nodeId: string, lang: Lang, input: NodeTranslation) {
      return edit(ctx, idOrSlug, input.version, {
        text: true,
        async prepare(row) {
          nodeIn(await nodesOf(db, row.id), nodeId);
          if (lang === row.original_lang)
            throw new InvalidParameterError('lang', 'path', reason('reason.outcome.originalText'));
          const [before] = (await textsOf(db, [nodeId])).filter((t) => t.lang === lang);
          return before ?? null;
        },
        async change(trx, row, before, at) {
          await putText(trx, { node_id: nodeId, lang, text: input.text, state: input.state }, at);
          return {
            action: 'outcome-documents.translate',
            before: {
              version: row.version,
              node: nodeId,
              lang,
              text: before?.text ?? null,
              state: before?.state ?? null,
            },
            after: { version: row.version + 1, node: nodeId, lang, text: input.text, state: input.state },
          };
        },
      });
    },

    /** Links the document to an earlier one it reaffirms, supersedes or implements. */
    link(ctx: RequestContext, idOrSlug: string, input: LinkCreate) {
      const id = uuidv7();
      return edit(ctx, idOrSlug, input.version, {
        text: false,
        async prepare(row) {
          const target = await reads.visible(ctx, input.document).catch(() => null);
          const [outgoing] = await linksOf(db, row.id);
          const twice = outgoing.some((l) => l.document_id === target?.id && l.relation === input.relation);
          if (!target || target.id === row.id || twice)
            throw new InvalidParameterError('document', 'body', reason('reason.outcome.linkTarget'));
          return target;
        },
        async change(trx, row, target, at) {
          await insertLink(trx, {
            id,
            from_document_id: row.id,
            to_document_id: target.id,
            relation: input.relation,
            managed_by: 'platform',
            source_url: null,
            created_at: at,
            updated_at: at,
          });
          return {
            action: 'outcome-documents.link',
            before: { version: row.version },
            after: { version: row.version + 1, link: id, relation: input.relation, document: target.slug },
          };
        },
      });
    },

    unlink(ctx: RequestContext, idOrSlug: string, linkId: string, version: number) {
      return edit(ctx, idOrSlug, version, {
        text: false,
        async prepare(row) {
          const [outgoing] = await linksOf(db, row.id);
          const link = outgoing.find((l) => l.id === linkId && l.managed_by === 'platform');
          if (!link) throw new ProblemError(404, 'not-found', 'outcomeDocuments.notFound', { id: linkId });
          return link;
        },
        async change(trx, row, link) {
          await deleteLink(trx, linkId);
          return {
            action: 'outcome-documents.unlink',
            before: { version: row.version, link: linkId, relation: link.relation, document: link.slug },
            after: { version: row.version + 1 },
          };
        },
      });
    },
  };
}

export type DocumentsWrites = ReturnType<typeof documentsWrites>;
