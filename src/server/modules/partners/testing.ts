import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { PartnerCreate, PartnerDetail } from '../../../contract/partners.js';
import type { Database } from '../../db/schema.js';
import { multipartBody, PNG_BYTES } from '../../files/testing.js';
import type { AppContext } from '../../testing/harness.js';

/** What the partner tests share: a files folder of their own, creating partners, and a snapshot
 * of every table a partner write could touch. */

export function partnerFiles() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-partner-logos-'));
  return { dir, options: () => ({ files: { dir, maxBytes: 25 * 1024 * 1024 } }) };
}

let n = 0;
/** A valid create body with a slug no other test uses. */
export const newPartner = (extra: Partial<PartnerCreate> = {}): PartnerCreate => ({
  slug: `partner-${process.pid}-${Date.now().toString(36)}-${++n}`,
  kind: 'international-organisation',
  name: { en: `Test Partner ${n}`, es: `Socio de prueba ${n}` },
  website: 'https://partner.example.org',
  pillars: ['prevention'],
  ...extra,
});

export async function createPartner(
  ctx: AppContext,
  headers: Record<string, string>,
  body: PartnerCreate = newPartner(),
): Promise<PartnerDetail> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/partners', headers, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as PartnerDetail;
}

export function putLogo(
  ctx: AppContext,
  headers: Record<string, string>,
  slug: string,
  data: Buffer = PNG_BYTES,
  filename = 'logo.png',
) {
  const body = multipartBody([{ filename, contentType: 'image/png', data }]);
  return ctx.app.inject({
    method: 'PUT',
    url: `/api/v1/partners/${slug}/logo`,
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

/** Every row a partner write could add, change or remove: equal before and after means none did. */
export async function partnerSnapshot(db: Kysely<Database>) {
  const [partners, names, pillars, files, audit] = await Promise.all([
    db.selectFrom('partner').selectAll().orderBy('id').execute(),
    db
      .selectFrom('translation')
      .selectAll()
      .where('entity_type', '=', 'partner')
      .orderBy('entity_id')
      .orderBy('lang')
      .execute(),
    db
      .selectFrom('pillar_link')
      .selectAll()
      .where('entity_type', '=', 'partner')
      .orderBy('entity_id')
      .orderBy('pillar_id')
      .execute(),
    db.selectFrom('stored_file').select(['id', 'sha256']).orderBy('id').execute(),
    db.selectFrom('audit_entry').select(['seq', 'hash']).orderBy('seq').execute(),
  ]);
  return { partners, names, pillars, files, audit };
}
