import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Lang } from '../../../contract/common.js';
import type {
  MeetingDocument,
  MeetingDocumentCreate,
  MeetingDocumentList,
  MeetingDocumentRevisionCreate,
  MeetingDocumentUpdate,
} from '../../../contract/meeting-documents.js';
import type { AuditAction } from '../../../domain/audit.js';
import { LANGS } from '../../../domain/languages.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Database } from '../../db/schema.js';
import { transact } from '../../db/transaction.js';
import { kindOfMediaType, type StoredFile, type Upload } from '../../files/index.js';
import { ConflictError, DeniedError, InvalidParameterError, ProblemError } from '../../http/problems.js';
import { message } from '../../i18n/messages.js';
import type { Actor, RequestContext } from '../../policy/actor.js';
import { rolesAllowed } from '../../policy/policy.js';
import { recordAudit } from '../audit/index.js';
import type { MeetingRow } from '../meetings/index.js';
import { findVisibleMeeting } from '../meetings/index.js';
import { notify } from '../notifications/index.js';
import { updateUnchanged } from '../shared/concurrency.js';
import { requireHeld, settleAbilities, settledAction } from '../shared/held.js';
import { replaceTexts } from '../shared/texts.js';
import { versionedWrites } from '../shared/versioned-write.js';
import { meetingDocumentsPolicy } from './policy.js';
import {
  agendaItemInMeeting,
  agendaLinksOf,
  type DocumentRow,
  filesOf,
  findDocument,
  findFile,
  findRevision,
  insertDocument,
  insertRevision,
  latestRevision,
  listDocuments,
  nextSequence,
  patchDocument,
  putFile,
  revisionsOf,
  setAgendaLink,
  symbolMeeting,
  titlesOf,
} from './queries.js';
import { documentSymbol, revisionSymbol } from './symbols.js';

/** Tries at a free sequence number before giving up: each retry follows a concurrent insert. */
const SEQUENCE_ATTEMPTS = 8;

/** What the reader may do with a meeting's documents as a whole (the list's `can`). */
export const documentsAbilities = (actor: Actor) =>
  meetingDocumentsPolicy.abilities(actor, { create: 'meeting-documents.manage' });

/** May this caller see the documents a meeting keeps for its delegations? */
export function canReadDelegationDocuments(actor: Actor): boolean {
  return meetingDocumentsPolicy.can(actor, 'meeting-documents.read-delegations');
}

/** The audit trail's view of a document. */
const audited = (row: Partial<DocumentRow>, extra: Record<string, unknown> = {}) => ({
  category: row.category,
  sequence: row.sequence,
  originalLang: row.original_lang,
  visibility: row.visibility,
  adoptedAt: row.adopted_at,
  version: row.version,
  ...extra,
});

/** A document's `can` object: every change of a document is the same action of the table. */
const DOCUMENT_ACTIONS = {
  update: 'meeting-documents.manage',
  revise: 'meeting-documents.manage',
  upload: 'meeting-documents.manage',
} as const;

/** Told of a meeting's documents: those who read for their own state's or partner's delegation. */
const PARTICIPANT_ROLES = [
  ...new Set([...rolesAllowed('delegations.read', 'own-state'), ...rolesAllowed('delegations.read', 'own-partner')]),
];

/**
 * Tells those taking part in the meeting (their state or partner has a delegation, submitted or
 * accredited) of a document added or revised. A meeting still in draft is the secretariat's alone,
 * so nobody is told; a document for delegations only is theirs to read, so they are told of it too.
 */
function tellParticipants(
  trx: Transaction<Database>,
  ctx: RequestContext,
  meeting: MeetingRow,
  kind: 'document-added' | 'document-revised',
  symbol: string,
  now: Date,
) {
  if (meeting.status === 'draft') return Promise.resolve(0);
  return notify(
    trx,
    {
      kind,
      to: { roles: PARTICIPANT_ROLES, delegationAt: meeting.id },
      meetingId: meeting.id,
      path: `meetings/${meeting.slug}/documents`,
      params: { document: symbol },
      except: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    },
    now,
  );
}

export function meetingDocumentsService(deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;
  const versionedWrite = versionedWrites({ db, clock });

  async function present(
    meeting: MeetingRow,
    rows: DocumentRow[],
    lang: Lang,
    actor: Actor,
  ): Promise<MeetingDocument[]> {
    const manages = meetingDocumentsPolicy.abilities(actor, DOCUMENT_ACTIONS);
    // A document is adopted by the meeting: marked so once it is held, before only as the override.
    const adopt = settleAbilities(meeting, manages.update, () =>
      meetingDocumentsPolicy.can(actor, 'meeting-documents.override'),
    );
    const can = { ...manages, adopt: adopt.now, override: adopt.override };
    const ids = rows.map((r) => r.id);
    const [titles, revisions, links] = await Promise.all([
      titlesOf(db, ids),
      revisionsOf(db, ids),
      agendaLinksOf(db, ids),
    ]);
    const files = await filesOf(
      db,
      revisions.map((r) => r.id),
    );
    return rows.map((row) => {
      const given = titles.get(row.id) ?? {};
      const titleLang = [lang, row.original_lang as Lang, ...LANGS].find((l) => given[l] !== undefined) ?? lang;
      const own = revisions.filter((r) => r.document_id === row.id);
      const base = `/api/v1/meetings/${encodeURIComponent(meeting.slug)}/documents/${row.id}/revisions`;
      return {
        id: row.id,
        meeting: meeting.slug,
        category: row.category,
        sequence: row.sequence,
        symbol: own[0]?.symbol ?? '',
        title: { text: given[titleLang] ?? '', lang: titleLang, official: true },
        titles: given,
        originalLang: row.original_lang as Lang,
        visibility: row.visibility,
        agendaItemId: links.find((l) => l.meeting_document_id === row.id)?.agenda_item_id ?? null,
        adoptedAt: row.adopted_at,
        version: row.version,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        revisions: own.map((revision) => ({
          revision: revision.revision,
          symbol: revision.symbol,
          createdAt: revision.created_at,
          files: files
            .filter((f) => f.revision_id === revision.id)
            .map((f) => ({
              lang: f.lang as Lang,
              mediaType: f.media_type,
              size: f.size,
              sha256: f.sha256,
              originalName: f.original_name,
              uploadedAt: f.updated_at,
              url: `${base}/${revision.revision}/files/${f.lang}`,
            })),
        })),
        can,
      };
    });
  }

  /** The document as `actor` may see it: a delegations-only one is refused to others (401/403). */
  async function visibleDocument(actor: Actor, meeting: MeetingRow, id: string): Promise<DocumentRow> {
    const row = await findDocument(db, meeting.id, id);
    if (!row) throw new ProblemError(404, 'not-found', 'meetingDocuments.notFound', { id });
    if (row.visibility === 'delegations') {
      const decision = meetingDocumentsPolicy.decide(actor, 'meeting-documents.read-delegations');
      if (!decision.allowed)
        throw new DeniedError(decision.status, decision.reason, 'meeting-documents.read-delegations');
    }
    return row;
  }

  async function presentOne(meeting: MeetingRow, id: string, ctx: RequestContext): Promise<MeetingDocument> {
    const row = await findDocument(db, meeting.id, id);
    if (!row) throw new ProblemError(404, 'not-found', 'meetingDocuments.notFound', { id });
    return (await present(meeting, [row], ctx.lang, ctx.actor))[0] as MeetingDocument;
  }

  async function checkAgendaItem(ctx: RequestContext, meeting: MeetingRow, itemId: string | null | undefined) {
    if (itemId && !(await agendaItemInMeeting(db, meeting.id, itemId))) {
      throw new InvalidParameterError('agendaItemId', 'body', message(ctx.lang, 'meetingDocuments.agendaItem'));
    }
  }

  /** A 409 carrying the document as it is now. */
  async function stale(meeting: MeetingRow, id: string, sent: number, ctx: RequestContext): Promise<never> {
    const current = await presentOne(meeting, id, ctx);
    throw new ConflictError(
      'meetingDocuments.stale',
      { sent: String(sent), current: String(current.version) },
      current.version,
      current,
    );
  }

  /**
   * Runs `change` on the document at the version the caller read, bumping it, in one transaction
   * with its audit entry; a different version answers 409 with the current document.
   */
  async function edit(
    ctx: RequestContext,
    slug: string,
    id: string,
    version: number,
    change: (
      trx: Transaction<Database>,
      row: DocumentRow,
      meeting: MeetingRow,
      at: string,
    ) => Promise<{ action: AuditAction; patch: Partial<DocumentRow>; before: object; after: object }>,
    /** Checks made before the transaction (SQLite has one connection: no other query inside it). */
    check?: (meeting: MeetingRow, row: DocumentRow) => Promise<void>,
  ): Promise<MeetingDocument> {
    return versionedWrite(ctx, {
      async find() {
        const meeting = await findVisibleMeeting(db, ctx.actor, slug);
        const row = await findDocument(db, meeting.id, id);
        if (!row) throw new ProblemError(404, 'not-found', 'meetingDocuments.notFound', { id });
        return { meeting, row };
      },
      require: () => meetingDocumentsPolicy.require(ctx, 'meeting-documents.manage'),
      refuse: async ({ meeting, row }) => check?.(meeting, row),
      sent: version,
      version: ({ row }) => row.version,
      stale: ({ meeting }) => stale(meeting, id, version, ctx),
      async change(trx, { meeting, row }, _prepared, now) {
        const at = now.toISOString();
        // Claim the version first: a concurrent edit waits for this row, then finds it changed.
        if (!(await updateUnchanged(trx, 'meeting_document', id, { version }, { updated_at: at }))) return false;
        const { action, patch, before, after } = await change(trx, row, meeting, at);
        if (Object.keys(patch).length > 0) await patchDocument(trx, id, patch);
        return {
          action,
          entityType: 'meeting_document',
          entityId: id,
          before,
          after: { ...after, version: version + 1 },
        };
      },
      present: ({ meeting }) => presentOne(meeting, id, ctx),
    });
  }

  return {
    async list(ctx: RequestContext, slug: string, lang: Lang): Promise<MeetingDocumentList> {
      const meeting = await findVisibleMeeting(db, ctx.actor, slug);
      const rows = await listDocuments(db, meeting.id, canReadDelegationDocuments(ctx.actor));
      return {
        lang,
        meeting: meeting.slug,
        items: await present(meeting, rows, lang, ctx.actor),
        can: documentsAbilities(ctx.actor),
      };
    },

    async get(ctx: RequestContext, slug: string, id: string, lang: Lang): Promise<MeetingDocument> {
      const meeting = await findVisibleMeeting(db, ctx.actor, slug);
      const row = await visibleDocument(ctx.actor, meeting, id);
      return (await present(meeting, [row], lang, ctx.actor))[0] as MeetingDocument;
    },

    /** Adds a document with the next number of its series and its original (revision 0). */
    async create(ctx: RequestContext, slug: string, input: MeetingDocumentCreate): Promise<MeetingDocument> {
      const role = meetingDocumentsPolicy.require(ctx, 'meeting-documents.manage');
      const meeting = await findVisibleMeeting(db, ctx.actor, slug);
      await checkAgendaItem(ctx, meeting, input.agendaItemId);
      const symbolOf = await symbolMeeting(db, meeting.id);
      const id = uuidv7();
      for (let attempt = 1; ; attempt++) {
        const now = clock();
        const at = now.toISOString();
        try {
          await transact(db, async (trx) => {
            const sequence = await nextSequence(trx, meeting.id, input.category);
            const row = {
              id,
              meeting_id: meeting.id,
              category: input.category,
              sequence,
              original_lang: input.originalLang,
              visibility: input.visibility,
              adopted_at: null,
              created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
              created_at: at,
              updated_at: at,
            };
            await insertDocument(trx, row);
            const symbol = documentSymbol(symbolOf, input.category, sequence, now);
            await insertRevision(trx, {
              id: uuidv7(),
              document_id: id,
              revision: 0,
              symbol,
              created_by: row.created_by,
              created_at: at,
              updated_at: at,
            });
            await replaceTexts(trx, 'meeting_document', id, 'title', input.titles, at);
            await setAgendaLink(trx, id, input.agendaItemId ?? null);
            await tellParticipants(trx, ctx, meeting, 'document-added', symbol, now);
            await recordAudit(
              trx,
              ctx,
              {
                action: 'meeting-documents.create',
                role,
                entityType: 'meeting_document',
                entityId: id,
                before: null,
                after: audited(
                  { ...row, version: 1 },
                  { meeting: meeting.slug, symbol, titles: input.titles, agendaItemId: input.agendaItemId ?? null },
                ),
              },
              now,
            );
          });
          break;
        } catch (error) {
          // Another document took this number meanwhile: the unique constraint refused ours.
          if (!isUniqueViolation(error)) throw error;
          // Within a larger transaction there is no retrying: on PostgreSQL the refusal aborted it.
          if (attempt >= SEQUENCE_ATTEMPTS || db.isTransaction)
            throw new ProblemError(409, 'busy', 'meetingDocuments.busy');
        }
      }
      return presentOne(meeting, id, ctx);
    },

    /** Edits titles, original language, visibility, agenda item, or marks adopted. */
    update(ctx: RequestContext, slug: string, id: string, input: MeetingDocumentUpdate): Promise<MeetingDocument> {
      return edit(
        ctx,
        slug,
        id,
        input.version,
        async (trx, row, meeting, at) => {
          const patch: Partial<DocumentRow> = {};
          if (input.originalLang !== undefined) patch.original_lang = input.originalLang;
          if (input.visibility !== undefined) patch.visibility = input.visibility;
          if (input.adopted !== undefined) patch.adopted_at = input.adopted ? (row.adopted_at ?? at) : null;
          const extra: Record<string, unknown> = {};
          if (input.titles !== undefined) {
            await replaceTexts(trx, 'meeting_document', id, 'title', input.titles, at);
            extra.titles = input.titles;
          }
          if (input.agendaItemId !== undefined) {
            await setAgendaLink(trx, id, input.agendaItemId);
            extra.agendaItemId = input.agendaItemId;
          }
          const { version: _version, override: _override, ...changes } = input;
          const op = input.adopted !== undefined && Object.keys(changes).length === 1 ? 'adopt' : 'update';
          const early = input.adopted === true && row.adopted_at === null;
          return {
            action: early ? settledAction(meeting, 'meeting-documents', op) : (`meeting-documents.${op}` as const),
            patch,
            before: audited(row),
            after: audited({ ...row, ...patch }, extra),
          };
        },
        async (meeting, row) => {
          if (input.adopted && row.adopted_at === null)
            requireHeld(meeting, input.override, () =>
              meetingDocumentsPolicy.require(ctx, 'meeting-documents.override'),
            );
          await checkAgendaItem(ctx, meeting, input.agendaItemId);
        },
      );
    },

    /** Adds the next revision (`… rev. N`); earlier revisions and their files are kept. */
    addRevision(
      ctx: RequestContext,
      slug: string,
      id: string,
      input: MeetingDocumentRevisionCreate,
    ): Promise<MeetingDocument> {
      return edit(ctx, slug, id, input.version, async (trx, row, meeting, at) => {
        const latest = await latestRevision(trx, id);
        const original = await findRevision(trx, id, 0);
        const revision = latest.revision + 1;
        const symbol = revisionSymbol(original?.symbol ?? latest.symbol, revision);
        await tellParticipants(trx, ctx, meeting, 'document-revised', symbol, new Date(at));
        await insertRevision(trx, {
          id: uuidv7(),
          document_id: id,
          revision,
          symbol,
          created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          created_at: at,
          updated_at: at,
        });
        return {
          action: 'meeting-documents.revise',
          patch: {},
          before: audited(row, { symbol: latest.symbol }),
          after: audited(row, { symbol, revision }),
        };
      });
    },

    /** Keeps `upload` as the file of one revision in one language (replacing one uploaded before). */
    async putFile(
      ctx: RequestContext,
      params: { slug: string; id: string; revision: number; lang: Lang },
      upload: Upload,
    ): Promise<MeetingDocument> {
      const role = meetingDocumentsPolicy.require(ctx, 'meeting-documents.manage');
      const meeting = await findVisibleMeeting(db, ctx.actor, params.slug);
      const row = await findDocument(db, meeting.id, params.id);
      if (!row) throw new ProblemError(404, 'not-found', 'meetingDocuments.notFound', { id: params.id });
      const revision = await findRevision(db, row.id, params.revision);
      if (!revision) {
        const { symbol } = await latestRevision(db, row.id);
        throw new ProblemError(404, 'not-found', 'meetingDocuments.revisionNotFound', {
          symbol,
          revision: String(params.revision),
        });
      }
      const now = clock();
      const at = now.toISOString();
      const createdBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
      await upload.store(db, { createdBy, now }, async (trx, file, drop) => {
        const previous = await findFile(trx, revision.id, params.lang);
        // The file replaced in this revision and language; other revisions keep theirs.
        drop(previous?.id);
        await putFile(trx, {
          id: uuidv7(),
          revision_id: revision.id,
          lang: params.lang,
          file_id: file.id,
          created_at: at,
          updated_at: at,
        });
        await patchDocument(trx, row.id, { updated_at: at });
        const fileOf = (f: StoredFile | undefined) =>
          f ? { fileId: f.id, sha256: f.sha256, size: f.size, mediaType: f.media_type, name: f.original_name } : null;
        await recordAudit(
          trx,
          ctx,
          {
            action: 'meeting-documents.upload',
            role,
            entityType: 'meeting_document',
            entityId: row.id,
            before: { symbol: revision.symbol, lang: params.lang, file: fileOf(previous) },
            after: { symbol: revision.symbol, lang: params.lang, file: fileOf(file) },
          },
          now,
        );
      });
      return presentOne(meeting, row.id, ctx);
    },

    /** The stored file to send, if the caller may read it, and how to send it. */
    async download(
      ctx: RequestContext,
      params: { slug: string; id: string; revision: number; lang: Lang },
    ): Promise<{ file: StoredFile; restricted: boolean; filename: string }> {
      const meeting = await findVisibleMeeting(db, ctx.actor, params.slug);
      const row = await visibleDocument(ctx.actor, meeting, params.id);
      const revision = await findRevision(db, row.id, params.revision);
      const { symbol } = revision ?? (await latestRevision(db, row.id));
      if (!revision) {
        throw new ProblemError(404, 'not-found', 'meetingDocuments.revisionNotFound', {
          symbol,
          revision: String(params.revision),
        });
      }
      const file = await findFile(db, revision.id, params.lang);
      if (!file)
        throw new ProblemError(404, 'not-found', 'meetingDocuments.fileNotFound', { symbol, lang: params.lang });
      const extension = kindOfMediaType(file.media_type) ?? 'bin';
      // Named by symbol and language, as the documents are cited: "OEA-Ser.K-XLIX.9 MISPA IX-doc.3-26 (es).pdf".
      const filename = `${symbol.replaceAll('/', '-')} (${params.lang}).${extension}`;
      return { file, restricted: row.visibility !== 'public' || meeting.status === 'draft', filename };
    },
  };
}

export type MeetingDocumentsService = ReturnType<typeof meetingDocumentsService>;
