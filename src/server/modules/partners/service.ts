import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Lang, LocalizedText, Page } from '../../../contract/common.js';
import type {
  Partner,
  PartnerCreate,
  PartnerDetail,
  PartnerListQuerySchema,
  PartnerNames,
  PartnerUpdate,
} from '../../../contract/partners.js';
import { LANGS } from '../../../domain/languages.js';
import type { Database } from '../../db/schema.js';
import type { FileTransaction, StoredFile, Upload } from '../../files/index.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { ConflictError, InvalidParameterError, ProblemError } from '../../http/problems.js';
import { message } from '../../i18n/messages.js';
import type { Actor, RequestContext } from '../../policy/actor.js';
import { recordAudit } from '../audit/index.js';
import { laterThan } from '../shared/concurrency.js';
import { resolveFilter } from '../shared/filters.js';
import { pillarRefsOf } from '../shared/refs.js';
import { slugify } from '../shared/slugify.js';
import { versionedWrites } from '../shared/versioned-write.js';
import { partnersPolicy } from './policy.js';
import {
  deletePartner,
  findPartner,
  insertPartner,
  listPartners,
  type PartnerRow,
  partnerNames,
  partnerUsage,
  pillarIds,
  storedFile,
  updatePartner,
} from './queries.js';

/**
 * Strategic partner organisations: the public list and detail (reference and platform partners
 * alike), and the secretariat administrator's creation, editing, deletion and logos of the
 * platform's own. Reference partners come from the public sources and stay read-only.
 */

type Db = Kysely<Database>;

const notFound = (slug: string) => new ProblemError(404, 'not-found', 'partner.notFound', { slug });
const actorId = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** The name in `lang`, else English, else the first language given: a platform partner may be
 * named in Spanish only. */
function pickName(names: Map<Lang, { text: string; official: boolean }>, lang: Lang): LocalizedText {
  for (const candidate of [lang, 'en' as const, ...LANGS]) {
    const found = names.get(candidate);
    if (found) return { text: found.text, lang: candidate, official: found.official };
  }
  return { text: '', lang, official: false };
}

/** A partner as the API shows it, but for the reader's `can`. */
type PartnerView = Omit<PartnerDetail, 'can'>;

/**
 * What `actor` may do with a partner now (its `can`): those who manage partners change the ones
 * the platform keeps (reference ones are read-only), and delete one only while no grant or
 * delegation names it — what `editable` and `remove` require.
 */
async function abilities(db: Db, actor: Actor, row: PartnerRow): Promise<PartnerDetail['can']> {
  const manage = row.managed_by === 'platform' && partnersPolicy.can(actor, 'partners.manage');
  const usage = manage ? await partnerUsage(db, row.id) : null;
  return { update: manage, logo: manage, delete: usage !== null && usage.grants + usage.delegations === 0 };
}

/** Each partner's names by language. */
async function namesByPartner(db: Db, ids: readonly string[]) {
  const byPartner = new Map<string, Map<Lang, { text: string; official: boolean }>>();
  for (const n of await partnerNames(db, ids)) {
    const map = byPartner.get(n.entity_id) ?? new Map();
    map.set(n.lang as Lang, { text: n.text, official: n.official === 1 });
    byPartner.set(n.entity_id, map);
  }
  return byPartner;
}

/** Each partner's name as a reader in `lang` sees it (`pickName`): for other modules naming partners. */
export async function partnerNamesIn(db: Db, ids: readonly string[], lang: Lang): Promise<Map<string, LocalizedText>> {
  const byPartner = await namesByPartner(db, ids);
  return new Map(ids.map((id) => [id, pickName(byPartner.get(id) ?? new Map(), lang)]));
}

/** The partners as the API shows them, names and pillars fetched for all rows at once. */
async function present(db: Db, rows: PartnerRow[], lang: Lang): Promise<PartnerView[]> {
  const ids = rows.map((r) => r.id);
  const [byPartner, pillars] = await Promise.all([namesByPartner(db, ids), pillarRefsOf(db, 'partner', ids, lang)]);
  return rows.map((r) => {
    const own = byPartner.get(r.id) ?? new Map();
    return {
      id: r.id,
      slug: r.slug,
      kind: r.kind as Partner['kind'],
      name: pickName(own, lang),
      names: Object.fromEntries([...own].map(([l, n]) => [l, n.text])),
      website: r.website,
      pillars: pillars.get(r.id) ?? [],
      managedBy: r.managed_by,
      logoUrl: r.logo_file_id
        ? `/api/v1/partners/${encodeURIComponent(r.slug)}/logo?v=${encodeURIComponent(r.logo_file_id)}`
        : null,
      updatedAt: r.updated_at,
    };
  });
}

/** The record as the audit trail keeps it: readable, complete enough to restore by hand. */
const auditView = (p: PartnerView | null) =>
  p && {
    slug: p.slug,
    kind: p.kind,
    names: p.names,
    website: p.website,
    pillars: p.pillars.map((x) => x.code),
    logo: p.logoUrl ? 'present' : null,
  };

const isUniqueViolation = (error: unknown) => /unique|duplicate/i.test(String((error as Error)?.message));

export function partnersService(deps: { db: Db; clock: () => Date }) {
  const { db, clock } = deps;
  const versionedWrite = versionedWrites({ db, clock });

  async function get(idOrSlug: string, lang: Lang, actor: Actor): Promise<PartnerDetail> {
    const row = await findPartner(db, idOrSlug);
    if (!row) throw notFound(idOrSlug);
    const [view, can] = await Promise.all([present(db, [row], lang), abilities(db, actor, row)]);
    return { ...(view[0] as PartnerView), can };
  }

  async function editable(trx: Db | Transaction<Database>, slug: string): Promise<PartnerRow> {
    const row = await findPartner(trx, slug);
    if (!row) throw notFound(slug);
    if (row.managed_by !== 'platform') throw new ProblemError(409, 'read-only', 'partner.readOnly', { slug: row.slug });
    return row;
  }

  /** Pillar codes → ids; an unknown code is a 400 naming `pillars.N` and the codes allowed. */
  async function resolvePillars(codes: string[], lang: Lang): Promise<string[]> {
    const known = await pillarIds(db);
    return codes.map((code, i) => {
      const id = known.get(code);
      if (id === undefined) {
        const allowed = [...known.keys()].join(', ');
        throw new InvalidParameterError(
          `pillars.${i}`,
          'body',
          message(lang, 'partner.unknownPillar', { code, allowed }),
        );
      }
      return id;
    });
  }

  /** The slug asked for, or one derived from the name made unique with -2, -3… */
  async function chooseSlug(input: PartnerCreate): Promise<string> {
    if (input.slug !== undefined) return input.slug;
    const name = LANGS.map((l) => input.name[l]).find((n) => n !== undefined) as string;
    const base = slugify(name, 'partner');
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await findPartner(db, candidate))) return candidate;
    }
  }

  const stale = (sent: string, current: PartnerDetail) =>
    new ConflictError('partner.stale', { sent, current: current.updatedAt }, current.updatedAt, current);

  return {
    async list(query: z.infer<typeof PartnerListQuerySchema>, lang: Lang): Promise<Page<Partner>> {
      const pillarId = await resolveFilter(db, 'pillar', 'pillar', query.pillar);
      const cursor = decodeCursor(query.cursor, ['text']);
      const page = toPage(await listPartners(db, { pillarId }, query.limit, cursor), query.limit, (r) => [r.slug]);
      return { lang, items: await present(db, page.rows, lang), nextCursor: page.nextCursor };
    },

    get,

    async create(ctx: RequestContext, input: PartnerCreate): Promise<PartnerDetail> {
      const role = partnersPolicy.require(ctx, 'partners.manage');
      const pillars = await resolvePillars(input.pillars ?? [], ctx.lang);
      const slug = await chooseSlug(input);
      const at = clock().toISOString();
      const id = await db
        .transaction()
        .execute(async (trx) => {
          if (await findPartner(trx, slug)) throw new ProblemError(409, 'partner-exists', 'partner.exists', { slug });
          const created = await insertPartner(
            trx,
            slug,
            { kind: input.kind, website: input.website ?? null, names: input.name, pillarIds: pillars },
            at,
          );
          const row = (await findPartner(trx, created)) as PartnerRow;
          const view = (await present(trx, [row], ctx.lang))[0] as PartnerView;
          await recordAudit(
            trx,
            ctx,
            {
              action: 'partners.create',
              role,
              entityType: 'partner',
              entityId: created,
              before: null,
              after: auditView(view),
            },
            new Date(at),
          );
          return created;
        })
        .catch((error: unknown) => {
          // Two secretaries choosing the same slug at once: the database's unique index decides.
          if (isUniqueViolation(error)) throw new ProblemError(409, 'partner-exists', 'partner.exists', { slug });
          throw error;
        });
      return get(id, ctx.lang, ctx.actor);
    },

    async update(ctx: RequestContext, slug: string, input: PartnerUpdate): Promise<PartnerDetail> {
      const pillars = input.pillars === undefined ? undefined : await resolvePillars(input.pillars, ctx.lang);
      const presentRow = async (trx: Db | Transaction<Database>, row: PartnerRow) =>
        (await present(trx, [row], ctx.lang))[0] as PartnerView;
      return versionedWrite(ctx, {
        find: () => editable(db, slug),
        require: () => partnersPolicy.require(ctx, 'partners.manage'),
        sent: input.updatedAt,
        version: (row) => row.updated_at,
        async stale(row) {
          throw stale(input.updatedAt, await get(row.id, ctx.lang, ctx.actor));
        },
        prepare: async (row, now) => ({ before: await presentRow(db, row), at: laterThan(row.updated_at, now) }),
        async change(trx, row, { before, at }) {
          const names: PartnerNames | undefined = input.name;
          const values = {
            ...(input.kind !== undefined ? { kind: input.kind } : {}),
            ...(input.website !== undefined ? { website: input.website } : {}),
            ...(names !== undefined ? { names } : {}),
            ...(pillars !== undefined ? { pillarIds: pillars } : {}),
          };
          if (!(await updatePartner(trx, row.id, row.updated_at, values, at))) return false;
          const after = await presentRow(trx, (await findPartner(trx, row.id)) as PartnerRow);
          return {
            action: 'partners.update',
            entityType: 'partner',
            entityId: row.id,
            before: auditView(before),
            after: auditView(after),
          };
        },
        present: (row) => get(row.id, ctx.lang, ctx.actor),
      });
    },

    /** Deletes a platform partner nothing points at; its names, pillar links and logo go with it. */
    async remove(ctx: RequestContext, slug: string, inFiles: FileTransaction): Promise<void> {
      const role = partnersPolicy.require(ctx, 'partners.manage');
      const now = clock();
      await inFiles(db, async (trx, drop) => {
        const row = await editable(trx, slug);
        const usage = await partnerUsage(trx, row.id);
        if (usage.grants + usage.delegations > 0) {
          throw new ProblemError(409, 'partner-in-use', 'partner.inUse', {
            slug: row.slug,
            grants: String(usage.grants),
            delegations: String(usage.delegations),
          });
        }
        const before = (await present(trx, [row], ctx.lang))[0] as PartnerView;
        await deletePartner(trx, row.id);
        drop(row.logo_file_id);
        await recordAudit(
          trx,
          ctx,
          {
            action: 'partners.delete',
            role,
            entityType: 'partner',
            entityId: row.id,
            before: auditView(before),
            after: null,
          },
          now,
        );
      });
    },

    /** Keeps `upload` (already checked to be an image) as the partner's logo, replacing any other. */
    async putLogo(ctx: RequestContext, slug: string, upload: Upload): Promise<PartnerDetail> {
      const role = partnersPolicy.require(ctx, 'partners.manage');
      const row = await editable(db, slug);
      const now = clock();
      await upload.store(db, { createdBy: actorId(ctx), now }, async (trx, file, drop) => {
        const current = await editable(trx, slug);
        drop(current.logo_file_id);
        const at = laterThan(current.updated_at, now);
        await updatePartner(trx, current.id, current.updated_at, { logoFileId: file.id }, at);
        await recordAudit(
          trx,
          ctx,
          {
            action: 'partners.logo',
            role,
            entityType: 'partner',
            entityId: current.id,
            before: { logoFileId: current.logo_file_id },
            after: { logoFileId: file.id, sha256: file.sha256, mediaType: file.media_type, size: file.size },
          },
          now,
        );
      });
      return get(row.id, ctx.lang, ctx.actor);
    },

    /** Removes the logo and its stored file (the audit trail keeps its hash); none is no change. */
    async removeLogo(ctx: RequestContext, slug: string, inFiles: FileTransaction): Promise<void> {
      const role = partnersPolicy.require(ctx, 'partners.manage');
      const now = clock();
      await inFiles(db, async (trx, drop) => {
        const row = await editable(trx, slug);
        if (row.logo_file_id === null) return;
        drop(row.logo_file_id);
        await updatePartner(trx, row.id, row.updated_at, { logoFileId: null }, laterThan(row.updated_at, now));
        await recordAudit(
          trx,
          ctx,
          {
            action: 'partners.logo-remove',
            role,
            entityType: 'partner',
            entityId: row.id,
            before: { logoFileId: row.logo_file_id },
            after: { logoFileId: null },
          },
          now,
        );
      });
    },

    /** The stored logo of any partner, for everyone to see. */
    async logo(slug: string): Promise<StoredFile> {
      const row = await findPartner(db, slug);
      if (!row) throw notFound(slug);
      const file = row.logo_file_id ? await storedFile(db, row.logo_file_id) : undefined;
      if (!file) throw new ProblemError(404, 'no-logo', 'partner.noLogo', { slug: row.slug });
      return file;
    },
  };
}

export type PartnersService = ReturnType<typeof partnersService>;
