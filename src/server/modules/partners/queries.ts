import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database, Row } from '../../db/schema.js';
import { after, type SortKey } from '../../http/pagination.js';
import { updateUnchanged } from '../shared/concurrency.js';
import { linkedToPillar } from '../shared/pillar-filter.js';
import { replacePillarLinks } from '../shared/refs.js';
import { replaceTexts } from '../shared/texts.js';

type Db = Kysely<Database> | Transaction<Database>;

export type PartnerRow = Row<'partner'>;

export function listPartners(db: Db, filters: { pillarId?: string | undefined }, limit: number, cursor?: SortKey) {
  let query = db
    .selectFrom('partner')
    .selectAll()
    .orderBy('slug')
    .limit(limit + 1);
  if (cursor) query = query.where((eb) => after(eb, ['slug'], cursor));
  const { pillarId } = filters;
  if (pillarId) {
    query = query.where((eb) => linkedToPillar(eb, 'partner', 'partner.id', pillarId));
  }
  return query.execute();
}

export function findPartner(db: Db, idOrSlug: string) {
  return db
    .selectFrom('partner')
    .selectAll()
    .where((eb) => eb.or([eb('slug', '=', idOrSlug), eb('id', '=', idOrSlug)]))
    .executeTakeFirst();
}

/** Every name of these partners, in every language given. */
export function partnerNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('translation')
    .select(['entity_id', 'lang', 'text', 'official'])
    .where('entity_type', '=', 'partner')
    .where('field', '=', 'name')
    .where('entity_id', 'in', [...new Set(ids)])
    .execute();
}

export function storedFile(db: Db, id: string) {
  return db.selectFrom('stored_file').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Pillar code → id, for all pillars (five of them). */
export async function pillarIds(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('pillar').select(['id', 'code']).orderBy('code').execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export interface PartnerValues {
  kind: string;
  website: string | null;
  names: Partial<Record<string, string>>;
  pillarIds: string[];
}

/** A platform partner with its names and pillar links; returns its id. */
export async function insertPartner(
  trx: Transaction<Database>,
  slug: string,
  values: PartnerValues,
  at: string,
): Promise<string> {
  const id = uuidv7();
  await trx
    .insertInto('partner')
    .values({
      id,
      slug,
      kind: values.kind,
      website: values.website,
      managed_by: 'platform',
      logo_file_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await replaceTexts(trx, 'partner', id, 'name', values.names, at);
  await replacePillarLinks(trx, 'partner', id, values.pillarIds, at);
  return id;
}

/** The platform partner with this slug, created with `names` (and nothing else) when missing. */
export async function ensurePlatformPartner(
  trx: Transaction<Database>,
  slug: string,
  names: PartnerValues['names'],
  at: string,
): Promise<{ id: string; created: boolean }> {
  const existing = await findPartner(trx, slug);
  if (existing) return { id: existing.id, created: false };
  const id = await insertPartner(trx, slug, { kind: 'civil-society', website: null, names, pillarIds: [] }, at);
  return { id, created: true };
}

/**
 * Writes `values` if the partner is still at `expectedUpdatedAt`; false when someone changed it
 * meanwhile (the update matched no row, so nothing was written).
 */
export async function updatePartner(
  trx: Transaction<Database>,
  id: string,
  expectedUpdatedAt: string,
  values: Partial<PartnerValues> & { logoFileId?: string | null },
  at: string,
): Promise<boolean> {
  const patch = {
    updated_at: at,
    ...(values.kind !== undefined ? { kind: values.kind } : {}),
    ...(values.website !== undefined ? { website: values.website } : {}),
    ...(values.logoFileId !== undefined ? { logo_file_id: values.logoFileId } : {}),
  };
  const seen = { updatedAt: expectedUpdatedAt };
  if (!(await updateUnchanged(trx, 'partner', id, seen, patch, { managed_by: 'platform' }))) return false;
  if (values.names) await replaceTexts(trx, 'partner', id, 'name', values.names, at);
  if (values.pillarIds) await replacePillarLinks(trx, 'partner', id, values.pillarIds, at);
  return true;
}

/** What still points at a partner: role grants (revoked ones too, kept on record) and delegations. */
export async function partnerUsage(db: Db, id: string) {
  const count = async (table: 'role_grant' | 'delegation') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('partner_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return { grants: await count('role_grant'), delegations: await count('delegation') };
}

export async function deletePartner(trx: Transaction<Database>, id: string) {
  for (const table of ['translation', 'pillar_link', 'source', 'alias'] as const) {
    await trx.deleteFrom(table).where('entity_type', '=', 'partner').where('entity_id', '=', id).execute();
  }
  await trx.deleteFrom('partner').where('id', '=', id).where('managed_by', '=', 'platform').execute();
}
