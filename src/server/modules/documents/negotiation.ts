import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type {
  AgreementChange,
  Amendment,
  AmendmentCreate,
  AmendmentMerge,
  BracketCreate,
  BracketResolve,
  FootnoteCreate,
  ObjectionCreate,
  PARAGRAPH_FILTERS,
  PositionCreate,
  SilenceBreak,
  SilenceOpen,
} from '../../../contract/negotiation.js';
import type { DocumentNode, OutcomeDocument } from '../../../contract/outcome-documents.js';
import type { MemberStateRef } from '../../../contract/reference.js';
import type { AuditAction } from '../../../domain/audit.js';
import { type AmendmentShape, applyAmendment, isAdoptable } from '../../../domain/negotiation.js';
import { OutlineError } from '../../../domain/outcome-documents.js';
import { reason } from '../../../domain/reasons.js';
import type { Database } from '../../db/schema.js';
import { InvalidParameterError, ProblemError } from '../../http/problems.js';
import type { RequestContext } from '../../policy/actor.js';
import { recordAudit } from '../audit/index.js';
import { revisionSymbol } from '../meeting-documents/index.js';
import { updateUnchanged } from '../shared/concurrency.js';
import { resolveFilter } from '../shared/filters.js';
import { memberStateRefs } from '../shared/refs.js';
import { blockersOf, requireAdoptable } from './adoption.js';
import { documentsPolicy } from './policy.js';
import {
  type AmendmentRow,
  amendmentsOf,
  type DocumentRow,
  deleteNodes,
  findDocument,
  insertAmendment,
  insertNode,
  type NodeRow,
  nodesOf,
  objectionsOf,
  openBracketsOf,
  patchDocument,
  positionsOf,
  putPosition,
  putText,
  textsOf,
  translationsPending,
} from './queries.js';
import type { DocumentsDeps, DocumentsReads } from './service.js';
import { compareBodies, recordVersion, type VersionRow, versionBody, versionsOf } from './versions.js';
import { wordDiff } from './word-diff.js';
import { documentEditor, followOutline, outlineFrom } from './writes.js';

const userOf = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

const shapeOf = (a: Pick<AmendmentRow, 'kind' | 'node_id' | 'after_id' | 'paragraph_kind'>): AmendmentShape => ({
  kind: a.kind,
  nodeId: a.node_id,
  afterId: a.after_id,
  paragraphKind: a.paragraph_kind,
});

/**
 * The negotiation of a text (issue 13): a state proposes amendments on its own behalf and supports
 * or objects to others'; the chair (the secretariat) accepts one (the text changes through the
 * outline's rules and a version is recorded), rejects it (nothing changes) or merges several into
 * a text of the chair's, and issues consolidated revisions (`rev. N`). Versions compare word by word.
 */
export function documentsNegotiation(deps: DocumentsDeps & { reads: DocumentsReads }) {
  const { db, clock, reads } = deps;
  const { edit, stale } = documentEditor(deps);

  /** Refused unless the text is under negotiation. */
  function negotiating(row: DocumentRow) {
    if (row.status !== 'under-negotiation')
      throw new ProblemError(409, 'not-negotiating', 'outcomeDocuments.notNegotiating', { status: row.status });
  }

  /** The state named in the body: it must exist and be the reader's own (403 otherwise). */
  async function ownState(
    ctx: RequestContext,
    slug: string,
    action: 'outcome-documents.amend' | 'outcome-documents.footnote',
  ) {
    const memberStateId = (await resolveFilter(db, 'state', 'member_state', slug)) as string;
    const role = documentsPolicy.require(ctx, action, { memberStateId });
    return { memberStateId, role };
  }

  function amendmentIn(amendments: AmendmentRow[], id: string): AmendmentRow {
    const found = amendments.find((a) => a.id === id);
    if (!found) throw new ProblemError(404, 'not-found', 'outcomeDocuments.amendmentNotFound', { id });
    return found;
  }

  const pendingOnly = (a: AmendmentRow) => {
    if (a.status !== 'pending')
      throw new ProblemError(409, 'amendment-closed', 'outcomeDocuments.amendmentClosed', { status: a.status });
  };

  /** The outline once `a` applies, or the 409 saying its paragraph is gone. */
  function applied(nodes: NodeRow[], a: AmendmentShape, newId: string) {
    try {
      return applyAmendment(outlineFrom(nodes), a, newId);
    } catch (error) {
      if (!(error instanceof OutlineError)) throw error;
      throw new ProblemError(409, 'paragraph-gone', 'outcomeDocuments.paragraphGone', { id: a.nodeId });
    }
  }

  /** One amendment of `row` as it stands after a write. */
  async function presentOne(ctx: RequestContext, row: DocumentRow, amendmentId: string): Promise<Amendment> {
    const [presented] = await present(ctx, row, [amendmentIn(await amendmentsOf(db, row.id), amendmentId)]);
    return presented as Amendment;
  }

  async function present(ctx: RequestContext, row: DocumentRow, amendments: AmendmentRow[]): Promise<Amendment[]> {
    const [positions, texts] = await Promise.all([
      positionsOf(
        db,
        amendments.map((a) => a.id),
      ),
      textsOf(db, [...new Set(amendments.map((a) => a.node_id))]),
    ]);
    const states = await memberStateRefs(
      db,
      [...amendments.map((a) => a.member_state_id), ...positions.map((p) => p.member_state_id)],
      ctx.lang,
    );
    const current = new Map(texts.filter((t) => t.lang === row.original_lang).map((t) => [t.node_id, t.text]));
    const chair = documentsPolicy.can(ctx.actor, 'outcome-documents.chair');
    const reach = documentsPolicy.reach(ctx.actor, 'outcome-documents.amend');
    const ownStates = reach.all ? [] : reach.memberStateIds;
    const open = row.status === 'under-negotiation';
    return amendments.map((a) => {
      const now = a.kind === 'insert' ? null : (current.get(a.node_id) ?? null);
      const diff =
        a.kind === 'insert'
          ? wordDiff('', a.text ?? '')
          : a.kind === 'replace'
            ? wordDiff(now ?? '', a.text ?? '')
            : a.kind === 'delete'
              ? wordDiff(now ?? '', '')
              : [];
      const stance = (s: 'support' | 'object') =>
        positions
          .filter((p) => p.amendment_id === a.id && p.stance === s)
          .map((p) => ({
            state: states.get(p.member_state_id) as NonNullable<ReturnType<typeof states.get>>,
            comment: p.comment,
            at: p.updated_at,
          }));
      const pending = open && a.status === 'pending';
      return {
        id: a.id,
        kind: a.kind,
        state: a.member_state_id ? (states.get(a.member_state_id) ?? null) : null,
        nodeId: a.node_id,
        afterId: a.after_id,
        paragraphKind: a.paragraph_kind,
        text: a.text,
        rationale: a.rationale,
        status: a.status,
        mergedInto: a.merged_into,
        newNodeId: a.new_node_id,
        basedOnVersion: a.based_on_version,
        current: a.kind === 'insert' ? (current.get(a.node_id) ?? null) : now,
        diff,
        supporters: stance('support'),
        objectors: stance('object'),
        proposedAt: a.created_at,
        decidedAt: a.decided_at,
        can: {
          position: pending && ownStates.some((s) => s !== a.member_state_id),
          decide: pending && chair,
        },
      };
    });
  }

  const presentVersion = (v: VersionRow) => ({
    number: v.number,
    revision: v.revision,
    action: v.action,
    madeBy: v.display_name ?? null,
    amendment: v.amendment_id,
    at: v.created_at,
  });

  async function versionNumbered(row: DocumentRow, number: number, parameter: string) {
    const body = await versionBody(db, row.id, number);
    if (!body) throw new InvalidParameterError(parameter, 'query', reason('reason.outcome.versionUnknown', { number }));
    return body;
  }

  /** Footnotes and objections are taken until the text is adopted. */
  function beforeAdoption(row: DocumentRow) {
    if (row.status !== 'under-negotiation' && row.status !== 'agreed-ad-referendum')
      throw new ProblemError(409, 'closed', 'outcomeDocuments.footnoteClosed', { status: row.status });
  }

  /** The paragraph `nodeId` of the document: 404 when there is no such node, 400 for a section. */
  async function paragraphOf(row: DocumentRow, nodeId: string, location: 'path' | 'body' = 'path') {
    const node = (await nodesOf(db, row.id)).find((n) => n.id === nodeId);
    if (!node && location === 'path')
      throw new ProblemError(404, 'not-found', 'outcomeDocuments.notFound', { id: nodeId });
    if (!node || node.kind === 'section')
      throw new InvalidParameterError('nodeId', location, reason('reason.amendment.paragraph'));
    return node;
  }

  /** What a state's own record (a footnote, an objection) needs: the document, readable and not yet
   * adopted, the state the reader's own, the paragraph named (if any) one of the document's. */
  async function stateRecord(
    ctx: RequestContext,
    idOrSlug: string,
    input: { state: string; nodeId: string | null },
    action: 'outcome-documents.amend' | 'outcome-documents.footnote',
  ) {
    const row = await reads.visible(ctx, idOrSlug);
    documentsPolicy.require(ctx, action);
    const { memberStateId, role } = await ownState(ctx, input.state, action);
    beforeAdoption(row);
    if (input.nodeId !== null) await paragraphOf(row, input.nodeId, 'body');
    return { row, memberStateId, role };
  }

  /** A state's own record (a footnote, an objection), written with its audit entry. */
  async function stateWrite(
    ctx: RequestContext,
    role: string | null,
    row: DocumentRow,
    action: AuditAction,
    write: (trx: Transaction<Database>, at: string) => Promise<Record<string, unknown>>,
  ) {
    const now = clock();
    await db.transaction().execute(async (trx) => {
      const after = await write(trx, now.toISOString());
      await recordAudit(trx, ctx, { action, role, entityType: 'document', entityId: row.id, before: null, after }, now);
    });
  }

  /** Changes an amendment still pending, claiming it at the version read (a concurrent decision loses). */
  async function claim(trx: Parameters<typeof updateUnchanged>[0], a: AmendmentRow, patch: Partial<AmendmentRow>) {
    const { id, version, ...rest } = patch;
    return updateUnchanged(trx, 'document_amendment', a.id, { version: a.version }, rest, { status: 'pending' });
  }

  return {
    async amendments(ctx: RequestContext, idOrSlug: string, status?: string): Promise<{ items: Amendment[] }> {
      const row = await reads.visible(ctx, idOrSlug);
      return { items: await present(ctx, row, await amendmentsOf(db, row.id, status)) };
    },

    async versions(ctx: RequestContext, idOrSlug: string) {
      const row = await reads.visible(ctx, idOrSlug);
      return { items: (await versionsOf(db, row.id)).map(presentVersion) };
    },

    async compare(ctx: RequestContext, idOrSlug: string, from: number, to: number) {
      const row = await reads.visible(ctx, idOrSlug);
      const [before, after, versions] = await Promise.all([
        versionNumbered(row, from, 'from'),
        versionNumbered(row, to, 'to'),
        versionsOf(db, row.id),
      ]);
      const summary = (n: number) => presentVersion(versions.find((v) => v.number === n) as VersionRow);
      return { from: summary(from), to: summary(to), paragraphs: compareBodies(before, after) };
    },

    /** A state's amendment, on its own behalf, to the text at the version it read. */
    async propose(ctx: RequestContext, idOrSlug: string, input: AmendmentCreate): Promise<Amendment> {
      const row = await reads.visible(ctx, idOrSlug);
      documentsPolicy.require(ctx, 'outcome-documents.amend');
      const { memberStateId, role } = await ownState(ctx, input.state, 'outcome-documents.amend');
      negotiating(row);
      if (input.version !== row.version) await stale(ctx, idOrSlug, input.version);
      const nodes = await nodesOf(db, row.id);
      const target = nodes.find((n) => n.id === input.nodeId);
      if (!target || target.kind === 'section')
        throw new InvalidParameterError('nodeId', 'body', reason('reason.amendment.paragraph'));
      const shape: AmendmentShape = {
        kind: input.kind,
        nodeId: input.nodeId,
        afterId: input.afterId ?? null,
        paragraphKind: input.paragraphKind ?? null,
      };
      try {
        applyAmendment(outlineFrom(nodes), shape, uuidv7());
      } catch (error) {
        if (!(error instanceof OutlineError)) throw error;
        throw new InvalidParameterError('afterId', 'body', reason('reason.amendment.after'));
      }
      const id = uuidv7();
      const now = clock();
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        await insertAmendment(trx, {
          id,
          document_id: row.id,
          member_state_id: memberStateId,
          proposed_by: userOf(ctx),
          kind: input.kind,
          node_id: input.nodeId,
          after_id: shape.afterId,
          paragraph_kind: shape.paragraphKind,
          text: input.text ?? null,
          rationale: input.rationale,
          status: 'pending',
          merged_into: null,
          new_node_id: null,
          based_on_version: row.version,
          decided_by: null,
          decided_at: null,
          created_at: at,
          updated_at: at,
        });
        await recordAudit(
          trx,
          ctx,
          {
            action: 'outcome-documents.amend',
            role,
            entityType: 'document',
            entityId: row.id,
            before: null,
            after: {
              amendment: id,
              state: input.state,
              ...shape,
              text: input.text ?? null,
              rationale: input.rationale,
            },
          },
          now,
        );
      });
      return presentOne(ctx, row, id);
    },

    /** Another state's support or objection; its latest word counts. */
    async position(
      ctx: RequestContext,
      idOrSlug: string,
      amendmentId: string,
      input: PositionCreate,
    ): Promise<Amendment> {
      const row = await reads.visible(ctx, idOrSlug);
      documentsPolicy.require(ctx, 'outcome-documents.amend');
      const amendment = amendmentIn(await amendmentsOf(db, row.id), amendmentId);
      const { memberStateId, role } = await ownState(ctx, input.state, 'outcome-documents.amend');
      negotiating(row);
      pendingOnly(amendment);
      if (amendment.member_state_id === memberStateId)
        throw new InvalidParameterError('state', 'body', reason('reason.amendment.ownAmendment'));
      const now = clock();
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        await putPosition(trx, {
          amendment_id: amendmentId,
          member_state_id: memberStateId,
          stance: input.stance,
          comment: input.comment ?? null,
          user_id: userOf(ctx),
          created_at: at,
          updated_at: at,
        });
        await recordAudit(
          trx,
          ctx,
          {
            action: 'outcome-documents.position',
            role,
            entityType: 'document',
            entityId: row.id,
            before: null,
            after: { amendment: amendmentId, state: input.state, stance: input.stance, comment: input.comment ?? null },
          },
          now,
        );
      });
      return presentOne(ctx, row, amendmentId);
    },

    /** The chair accepts: the text changes as the amendment says, and a version is recorded. */
    accept(ctx: RequestContext, idOrSlug: string, amendmentId: string, version: number): Promise<OutcomeDocument> {
      const newId = uuidv7();
      return edit(ctx, idOrSlug, version, {
        text: true,
        action: 'outcome-documents.chair',
        async prepare(row) {
          negotiating(row);
          const amendment = amendmentIn(await amendmentsOf(db, row.id), amendmentId);
          pendingOnly(amendment);
          const nodes = await nodesOf(db, row.id);
          const { outline, removed } = applied(nodes, shapeOf(amendment), newId);
          const before = (await textsOf(db, [amendment.node_id])).find((t) => t.lang === row.original_lang);
          return { amendment, nodes, outline, removed, before: before?.text ?? null };
        },
        async change(trx, row, { amendment, nodes, outline, removed, before }, at) {
          const original = row.original_lang as string;
          const inserted = amendment.kind === 'insert' ? newId : null;
          if (
            !(await claim(trx, amendment, {
              status: 'accepted',
              decided_by: userOf(ctx),
              decided_at: at,
              new_node_id: inserted,
              updated_at: at,
            }))
          )
            throw new ProblemError(409, 'amendment-closed', 'outcomeDocuments.amendmentClosed', { status: 'decided' });
          if (amendment.kind === 'replace') {
            await putText(
              trx,
              { node_id: amendment.node_id, lang: original, text: amendment.text as string, state: 'done' },
              at,
            );
            await translationsPending(trx, amendment.node_id, original, at);
          }
          if (amendment.kind === 'delete') await deleteNodes(trx, removed);
          const kept = nodes.filter((n) => !removed.includes(n.id));
          await followOutline(trx, kept, outline, at);
          if (inserted) {
            const node = outline.nodes.get(inserted) as { kind: 'preambular' | 'operative'; parentId: string | null };
            const position = (outline.children.get(node.parentId) ?? []).indexOf(inserted);
            await insertNode(trx, {
              id: inserted,
              document_id: row.id,
              parent_id: node.parentId,
              position,
              kind: node.kind,
              mark: null,
              created_at: at,
              updated_at: at,
            });
            await putText(
              trx,
              { node_id: inserted, lang: original, text: amendment.text as string, state: 'done' },
              at,
            );
          }
          return {
            action: 'outcome-documents.amendment-accept',
            amendment: amendment.id,
            before: { version: row.version, amendment: amendment.id, node: amendment.node_id, text: before },
            after: {
              version: row.version + 1,
              amendment: amendment.id,
              kind: amendment.kind,
              node: inserted ?? amendment.node_id,
              text: amendment.text,
            },
          };
        },
      });
    },

    /** The chair rejects: the text stays as it is. */
    reject(ctx: RequestContext, idOrSlug: string, amendmentId: string, version: number): Promise<OutcomeDocument> {
      return edit(ctx, idOrSlug, version, {
        text: false,
        action: 'outcome-documents.chair',
        async prepare(row) {
          negotiating(row);
          const amendment = amendmentIn(await amendmentsOf(db, row.id), amendmentId);
          pendingOnly(amendment);
          return amendment;
        },
        async change(trx, row, amendment, at) {
          if (
            !(await claim(trx, amendment, {
              status: 'rejected',
              decided_by: userOf(ctx),
              decided_at: at,
              updated_at: at,
            }))
          )
            throw new ProblemError(409, 'amendment-closed', 'outcomeDocuments.amendmentClosed', { status: 'decided' });
          return {
            action: 'outcome-documents.amendment-reject',
            before: { version: row.version, amendment: amendment.id, status: 'pending' },
            after: { version: row.version + 1, amendment: amendment.id, status: 'rejected' },
          };
        },
      });
    },

    /** The chair merges pending amendments to one paragraph into a text of its own, pending in turn. */
    merge(ctx: RequestContext, idOrSlug: string, input: AmendmentMerge): Promise<OutcomeDocument> {
      const id = uuidv7();
      return edit(ctx, idOrSlug, input.version, {
        text: false,
        action: 'outcome-documents.chair',
        async prepare(row) {
          negotiating(row);
          const all = await amendmentsOf(db, row.id);
          const merged = input.amendments.map((a) => all.find((x) => x.id === a && x.status === 'pending'));
          const paragraphs = new Set(merged.map((a) => a?.node_id));
          if (merged.some((a) => a === undefined) || paragraphs.size !== 1 || merged.some((a) => a?.kind === 'insert'))
            throw new InvalidParameterError('amendments', 'body', reason('reason.amendment.sameParagraph'));
          const nodes = await nodesOf(db, row.id);
          const nodeId = merged[0]?.node_id as string;
          applied(nodes, { kind: 'replace', nodeId, afterId: null, paragraphKind: null }, id);
          return { merged: merged as AmendmentRow[], nodeId };
        },
        async change(trx, row, { merged, nodeId }, at) {
          for (const amendment of merged) {
            if (
              !(await claim(trx, amendment, {
                status: 'merged',
                merged_into: id,
                decided_by: userOf(ctx),
                decided_at: at,
                updated_at: at,
              }))
            )
              throw new ProblemError(409, 'amendment-closed', 'outcomeDocuments.amendmentClosed', {
                status: 'decided',
              });
          }
          await insertAmendment(trx, {
            id,
            document_id: row.id,
            member_state_id: null,
            proposed_by: userOf(ctx),
            kind: 'replace',
            node_id: nodeId,
            after_id: null,
            paragraph_kind: null,
            text: input.text,
            rationale: input.rationale,
            status: 'pending',
            merged_into: null,
            new_node_id: null,
            based_on_version: row.version + 1,
            decided_by: null,
            decided_at: null,
            created_at: at,
            updated_at: at,
          });
          return {
            action: 'outcome-documents.amendment-merge',
            before: { version: row.version, amendments: input.amendments },
            after: {
              version: row.version + 1,
              amendment: id,
              node: nodeId,
              text: input.text,
              rationale: input.rationale,
            },
          };
        },
      });
    },

    /** The chair issues the consolidated text as the next revision: `rev. N` of the symbol. */
    issueRevision(ctx: RequestContext, idOrSlug: string, version: number): Promise<OutcomeDocument> {
      return edit(ctx, idOrSlug, version, {
        text: false,
        action: 'outcome-documents.chair',
        prepare: async (row) => negotiating(row),
        async change(trx, row, _prepared, at) {
          const revision = row.revision + 1;
          const base = (row.symbol as string).replace(/ rev\. \d+$/, '');
          const symbol = revisionSymbol(base, revision);
          await patchDocument(trx, row.id, { revision, symbol });
          await recordVersion(trx, {
            document: row,
            action: 'outcome-documents.revision',
            madeBy: userOf(ctx),
            amendment: null,
            at,
            revision,
          });
          return {
            action: 'outcome-documents.revision',
            before: { version: row.version, revision: row.revision, symbol: row.symbol },
            after: { version: row.version + 1, revision, symbol },
          };
        },
      });
    },

    /** What blocks adoption now: pending amendments, open brackets, standing objections. */
    async blockers(ctx: RequestContext, idOrSlug: string) {
      const row = await reads.visible(ctx, idOrSlug);
      const { amendments, brackets, objections } = await blockersOf(db, row.id);
      const states = await memberStateRefs(
        db,
        objections.map((o) => o.member_state_id),
        ctx.lang,
      );
      return {
        pendingAmendments: amendments.map((a) => ({ id: a.id, nodeId: a.node_id, kind: a.kind })),
        openBrackets: brackets.map((b) => ({ id: b.id, nodeId: b.node_id })),
        standingObjections: objections.map((o) => ({
          id: o.id,
          nodeId: o.node_id,
          state: states.get(o.member_state_id) as MemberStateRef,
        })),
        adoptable: isAdoptable({
          pendingAmendments: amendments.length,
          openBrackets: brackets.length,
          standingObjections: objections.length,
        }),
      };
    },

    /** The chair puts a paragraph in brackets: alternative wordings, each held by states. */
    bracket(ctx: RequestContext, idOrSlug: string, nodeId: string, input: BracketCreate): Promise<OutcomeDocument> {
      const id = uuidv7();
      return edit(ctx, idOrSlug, input.version, {
        text: false,
        action: 'outcome-documents.chair',
        async prepare(row) {
          negotiating(row);
          await paragraphOf(row, nodeId);
          if ((await openBracketsOf(db, row.id)).some((b) => b.node_id === nodeId))
            throw new ProblemError(409, 'bracketed', 'outcomeDocuments.bracketed');
          const holders: string[][] = [];
          for (const alternative of input.alternatives) {
            const ids: string[] = [];
            for (const slug of alternative.states)
              ids.push((await resolveFilter(db, 'alternatives', 'member_state', slug)) as string);
            holders.push(ids);
          }
          return holders;
        },
        async change(trx, row, holders, at) {
          await trx
            .insertInto('document_bracket')
            .values({
              id,
              document_id: row.id,
              node_id: nodeId,
              status: 'open',
              created_by: userOf(ctx),
              resolved_by: null,
              resolved_at: null,
              created_at: at,
              updated_at: at,
            })
            .execute();
          for (const [position, alternative] of input.alternatives.entries()) {
            const alternativeId = uuidv7();
            await trx
              .insertInto('document_bracket_alternative')
              .values({
                id: alternativeId,
                bracket_id: id,
                position,
                text: alternative.text,
                created_at: at,
                updated_at: at,
              })
              .execute();
            await trx
              .insertInto('document_bracket_holder')
              .values(
                (holders[position] ?? []).map((stateId) => ({
                  alternative_id: alternativeId,
                  member_state_id: stateId,
                })),
              )
              .execute();
          }
          return {
            action: 'outcome-documents.bracket',
            before: { version: row.version, node: nodeId },
            after: { version: row.version + 1, node: nodeId, bracket: id, alternatives: input.alternatives },
          };
        },
      });
    },

    /** The chair resolves a bracket: the paragraph takes the wording picked, or a text of the chair's. */
    resolveBracket(
      ctx: RequestContext,
      idOrSlug: string,
      nodeId: string,
      bracketId: string,
      input: BracketResolve,
    ): Promise<OutcomeDocument> {
      return edit(ctx, idOrSlug, input.version, {
        text: true,
        action: 'outcome-documents.chair',
        async prepare(row) {
          negotiating(row);
          const bracket = (await openBracketsOf(db, row.id)).find((b) => b.id === bracketId && b.node_id === nodeId);
          if (!bracket) throw new ProblemError(404, 'not-found', 'outcomeDocuments.bracketNotFound', { id: bracketId });
          const text = input.text ?? bracket.alternatives[input.alternative as number]?.text;
          if (text === undefined) throw new InvalidParameterError('alternative', 'body', reason('reason.bracket.pick'));
          return text;
        },
        async change(trx, row, text, at) {
          const original = row.original_lang as string;
          await putText(trx, { node_id: nodeId, lang: original, text, state: 'done' }, at);
          await translationsPending(trx, nodeId, original, at);
          await trx
            .updateTable('document_bracket')
            .set({ status: 'resolved', resolved_by: userOf(ctx), resolved_at: at, updated_at: at })
            .where('id', '=', bracketId)
            .execute();
          return {
            action: 'outcome-documents.bracket-resolve',
            before: { version: row.version, node: nodeId, bracket: bracketId },
            after: { version: row.version + 1, node: nodeId, bracket: bracketId, text },
          };
        },
      });
    },

    /** The chair records a paragraph open, agreed, or agreed ad referendum. */
    setAgreement(
      ctx: RequestContext,
      idOrSlug: string,
      nodeId: string,
      input: AgreementChange,
    ): Promise<OutcomeDocument> {
      return edit(ctx, idOrSlug, input.version, {
        text: false,
        action: 'outcome-documents.chair',
        async prepare(row) {
          negotiating(row);
          return paragraphOf(row, nodeId);
        },
        async change(trx, row, node, at) {
          await trx
            .updateTable('document_node')
            .set({ agreement: input.agreement, updated_at: at })
            .where('id', '=', nodeId)
            .execute();
          return {
            action: 'outcome-documents.agreement',
            before: { version: row.version, node: nodeId, agreement: node.agreement },
            after: { version: row.version + 1, node: nodeId, agreement: input.agreement },
          };
        },
      });
    },

    /** A state's reservation or interpretative statement, on a paragraph or the whole text, up to adoption. */
    async footnote(ctx: RequestContext, idOrSlug: string, input: FootnoteCreate): Promise<OutcomeDocument> {
      const { row, memberStateId, role } = await stateRecord(ctx, idOrSlug, input, 'outcome-documents.footnote');
      const id = uuidv7();
      await stateWrite(ctx, role, row, 'outcome-documents.footnote', async (trx, at) => {
        await trx
          .insertInto('document_footnote')
          .values({
            id,
            document_id: row.id,
            node_id: input.nodeId,
            member_state_id: memberStateId,
            kind: input.kind,
            lang: input.lang,
            text: input.text,
            created_by: userOf(ctx),
            created_at: at,
            updated_at: at,
          })
          .execute();
        return {
          footnote: id,
          state: input.state,
          node: input.nodeId,
          kind: input.kind,
          lang: input.lang,
          text: input.text,
        };
      });
      return reads.detail(ctx, row);
    },

    /** A state's objection, on a paragraph or the whole text: it stands, and blocks adoption, until withdrawn. */
    async object(ctx: RequestContext, idOrSlug: string, input: ObjectionCreate) {
      const { row, memberStateId, role } = await stateRecord(ctx, idOrSlug, input, 'outcome-documents.amend');
      const id = uuidv7();
      await stateWrite(ctx, role, row, 'outcome-documents.object', async (trx, at) => {
        await trx
          .insertInto('document_objection')
          .values({
            id,
            document_id: row.id,
            node_id: input.nodeId,
            member_state_id: memberStateId,
            comment: input.comment,
            status: 'standing',
            created_by: userOf(ctx),
            created_at: at,
            updated_at: at,
          })
          .execute();
        return { objection: id, state: input.state, node: input.nodeId, comment: input.comment };
      });
      return this.blockers(ctx, idOrSlug);
    },

    /** The state that raised an objection withdraws it. */
    async withdrawObjection(ctx: RequestContext, idOrSlug: string, objectionId: string, state: string) {
      const row = await reads.visible(ctx, idOrSlug);
      documentsPolicy.require(ctx, 'outcome-documents.amend');
      const { memberStateId, role } = await ownState(ctx, state, 'outcome-documents.amend');
      const objection = (await objectionsOf(db, row.id)).find(
        (o) => o.id === objectionId && o.status === 'standing' && o.member_state_id === memberStateId,
      );
      if (!objection)
        throw new ProblemError(404, 'not-found', 'outcomeDocuments.objectionNotFound', { id: objectionId });
      await stateWrite(ctx, role, row, 'outcome-documents.objection-withdraw', async (trx, at) => {
        await trx
          .updateTable('document_objection')
          .set({ status: 'withdrawn', updated_at: at })
          .where('id', '=', objectionId)
          .where('status', '=', 'standing')
          .execute();
        return { objection: objectionId, state, status: 'withdrawn' };
      });
      return this.blockers(ctx, idOrSlug);
    },

    /** The chair opens a silence procedure: unless a state breaks silence before `deadline`, the
     * job adopts the text then (silence.ts). Only when nothing but the states' confirmation is left. */
    openSilence(ctx: RequestContext, idOrSlug: string, input: SilenceOpen): Promise<OutcomeDocument> {
      const deadline = new Date(input.deadline).toISOString();
      return edit(ctx, idOrSlug, input.version, {
        text: false,
        action: 'outcome-documents.chair',
        async prepare(row, now) {
          if (deadline <= now.toISOString())
            throw new InvalidParameterError('deadline', 'body', reason('reason.silence.future'));
          negotiating(row);
          if (row.silence_status === 'running')
            throw new ProblemError(409, 'silence-running', 'outcomeDocuments.silenceRunning', {
              deadline: row.silence_deadline as string,
            });
          await requireAdoptable(db, row.id);
        },
        async change(trx, row, _prepared, at) {
          await patchDocument(trx, row.id, {
            silence_deadline: deadline,
            silence_status: 'running',
            silence_objection_id: null,
            updated_at: at,
          });
          return {
            action: 'outcome-documents.silence-open',
            before: { version: row.version, silence: row.silence_status },
            after: { version: row.version + 1, silence: 'running', deadline },
          };
        },
      });
    },

    /** The chair cancels the silence procedure running: nothing is adopted at its deadline. */
    cancelSilence(ctx: RequestContext, idOrSlug: string, version: number): Promise<OutcomeDocument> {
      return edit(ctx, idOrSlug, version, {
        text: false,
        action: 'outcome-documents.chair',
        async prepare(row) {
          if (row.silence_status !== 'running')
            throw new ProblemError(409, 'silence-not-running', 'outcomeDocuments.silenceNotRunning', {
              status: row.silence_status ?? '—',
            });
        },
        async change(trx, row, _prepared, at) {
          await patchDocument(trx, row.id, { silence_status: 'cancelled', updated_at: at });
          return {
            action: 'outcome-documents.silence-cancel',
            before: { version: row.version, silence: 'running', deadline: row.silence_deadline },
            after: { version: row.version + 1, silence: 'cancelled' },
          };
        },
      });
    },

    /** A state breaks silence before the deadline, with its reason: recorded as its standing
     * objection, which stops the procedure (and blocks adoption until withdrawn). */
    async breakSilence(ctx: RequestContext, idOrSlug: string, input: SilenceBreak): Promise<OutcomeDocument> {
      const { row, memberStateId, role } = await stateRecord(
        ctx,
        idOrSlug,
        { state: input.state, nodeId: null },
        'outcome-documents.amend',
      );
      const notRunning = (status: string | null) =>
        new ProblemError(409, 'silence-not-running', 'outcomeDocuments.silenceNotRunning', { status: status ?? '—' });
      if (row.silence_status !== 'running') throw notRunning(row.silence_status);
      const id = uuidv7();
      await stateWrite(ctx, role, row, 'outcome-documents.silence-break', async (trx, at) => {
        // Claimed only while it runs and before its deadline: of a break and the deadline's job
        // (or two breaks) exactly one ends the procedure.
        const claimed = await trx
          .updateTable('document')
          .set((eb) => ({
            silence_status: 'broken' as const,
            silence_objection_id: id,
            version: eb('version', '+', 1),
            updated_at: at,
          }))
          .where('id', '=', row.id)
          .where('silence_status', '=', 'running')
          .where('silence_deadline', '>', at)
          .executeTakeFirst();
        if (claimed.numUpdatedRows === 0n) throw notRunning('running');
        await trx
          .insertInto('document_objection')
          .values({
            id,
            document_id: row.id,
            node_id: null,
            member_state_id: memberStateId,
            comment: input.reason,
            status: 'standing',
            created_by: userOf(ctx),
            created_at: at,
            updated_at: at,
          })
          .execute();
        return { objection: id, state: input.state, reason: input.reason, deadline: row.silence_deadline };
      });
      return reads.detail(ctx, (await findDocument(db, row.id)) as DocumentRow);
    },

    /** The paragraphs in one state of the negotiation, in document order, as the detail shows them. */
    async paragraphs(ctx: RequestContext, idOrSlug: string, status: (typeof PARAGRAPH_FILTERS)[number]) {
      const { body } = await reads.detail(ctx, await reads.visible(ctx, idOrSlug));
      const bracketed = (n: DocumentNode) => n.brackets.length > 0;
      const wanted = (n: DocumentNode) =>
        status === 'bracketed'
          ? bracketed(n)
          : status === 'unsettled'
            ? n.agreement === 'open' || bracketed(n)
            : n.agreement === status;
      return { items: body.filter((n) => n.kind !== 'section' && wanted(n)) };
    },
  };
}

export type DocumentsNegotiation = ReturnType<typeof documentsNegotiation>;
