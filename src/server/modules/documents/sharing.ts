import type { DocumentShareList } from '../../../contract/document-shares.js';
import { reason } from '../../../domain/reasons.js';
import { InvalidParameterError, ProblemError } from '../../http/problems.js';
import type { RequestContext } from '../../policy/actor.js';
import { recordAudit } from '../audit/index.js';
import { partnerNamesIn } from '../partners/index.js';
import { documentsPolicy } from './policy.js';
import { type DocumentRow, sharesOf } from './queries.js';
import type { DocumentsDeps, DocumentsReads } from './service.js';

/**
 * Sharing a text not yet adopted with strategic partners: the secretariat shares it with a partner
 * organisation, whose members then read it as the delegations do (every read goes through the
 * reads' `reachOf`), and stops sharing it. An adopted or historic text is public: nothing to share.
 */
export function documentsSharing({ db, clock, reads }: DocumentsDeps & { reads: DocumentsReads }) {
  async function list(row: DocumentRow, ctx: RequestContext): Promise<DocumentShareList> {
    const rows = await sharesOf(db, row.id);
    const names = await partnerNamesIn(
      db,
      rows.map((r) => r.id),
      ctx.lang,
    );
    return {
      items: rows.map((r) => ({
        partner: { slug: r.slug, name: names.get(r.id) ?? { text: r.slug, lang: ctx.lang, official: false } },
        sharedAt: r.created_at,
      })),
    };
  }

  /** The document and the partner named, once the reader may share and the text is not public. */
  async function target(ctx: RequestContext, idOrSlug: string, partnerSlug: string) {
    const role = documentsPolicy.require(ctx, 'outcome-documents.share');
    const row = await reads.visible(ctx, idOrSlug);
    if (row.managed_by !== 'platform' || row.status === 'adopted')
      throw new ProblemError(409, 'public', 'outcomeDocuments.sharePublic');
    const partner = await db.selectFrom('partner').select('id').where('slug', '=', partnerSlug).executeTakeFirst();
    if (!partner) throw new InvalidParameterError('partner', 'path', reason('reason.share.partner'));
    return { role, row, partnerId: partner.id };
  }

  /** Adds or removes the share, audited in its transaction when it changes anything. */
  async function change(ctx: RequestContext, idOrSlug: string, partnerSlug: string, share: boolean) {
    const { role, row, partnerId } = await target(ctx, idOrSlug, partnerSlug);
    const now = clock();
    const at = now.toISOString();
    await db.transaction().execute(async (trx) => {
      const changed = share
        ? (
            await trx
              .insertInto('document_share')
              .values({
                document_id: row.id,
                partner_id: partnerId,
                shared_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
                created_at: at,
                updated_at: at,
              })
              .onConflict((oc) => oc.columns(['document_id', 'partner_id']).doNothing())
              .executeTakeFirst()
          ).numInsertedOrUpdatedRows
        : (
            await trx
              .deleteFrom('document_share')
              .where('document_id', '=', row.id)
              .where('partner_id', '=', partnerId)
              .executeTakeFirst()
          ).numDeletedRows;
      if (Number(changed ?? 0) === 0) return;
      await recordAudit(
        trx,
        ctx,
        {
          action: share ? 'outcome-documents.share' : 'outcome-documents.unshare',
          role,
          entityType: 'document',
          entityId: row.id,
          before: { partner: partnerSlug, shared: !share },
          after: { partner: partnerSlug, shared: share },
        },
        now,
      );
    });
    return list(row, ctx);
  }

  return {
    async shares(ctx: RequestContext, idOrSlug: string): Promise<DocumentShareList> {
      documentsPolicy.require(ctx, 'outcome-documents.share');
      return list(await reads.visible(ctx, idOrSlug), ctx);
    },
    share: (ctx: RequestContext, idOrSlug: string, partner: string) => change(ctx, idOrSlug, partner, true),
    unshare: (ctx: RequestContext, idOrSlug: string, partner: string) => change(ctx, idOrSlug, partner, false),
  };
}

export type DocumentsSharing = ReturnType<typeof documentsSharing>;
