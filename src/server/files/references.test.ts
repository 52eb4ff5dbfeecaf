import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { MeetingDocument } from '../../contract/meeting-documents.js';
import type { PartnerDetail } from '../../contract/partners.js';
import { delegationApi } from '../modules/delegations/testing.js';
import { documentHelpers } from '../modules/meeting-documents/testing.js';
import { createPartner, putLogo } from '../modules/partners/testing.js';
import { describeEachEngine } from '../testing/harness.js';
import { callerOf } from '../testing/sessions.js';
import { multipartBody, PNG_BYTES, pdfBytes, storedFileOf } from './testing.js';

/** Stored files are deleted, row and bytes, once nothing names them; files still named stay. */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-file-references-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const GONE = { row: false, bytes: false };
const KEPT = { row: true, bytes: true };
const JPEG_BYTES = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);

describeEachEngine(
  'stored files nothing names any more',
  (ctx) => {
    const db = () => ctx.database.db;
    const logoFile = (partner: PartnerDetail) =>
      storedFileOf(db(), dir, new URL(partner.logoUrl as string, 'http://x').searchParams.get('v') as string);

    it('deletes a replaced partner logo, then the removed one, and the logo of a deleted partner', async () => {
      const admin = await callerOf(ctx, 'secretariat-admin');
      const partner = await createPartner(ctx, admin);
      const first = await logoFile((await putLogo(ctx, admin, partner.slug)).json());
      const second = await logoFile((await putLogo(ctx, admin, partner.slug, JPEG_BYTES, 'logo.jpg')).json());
      expect(await first.kept()).toEqual(GONE);
      expect(await second.kept()).toEqual(KEPT);
      const url = `/api/v1/partners/${partner.slug}`;
      expect((await ctx.app.inject({ method: 'DELETE', url: `${url}/logo`, headers: admin })).statusCode).toBe(204);
      expect(await second.kept()).toEqual(GONE);

      const third = await logoFile((await putLogo(ctx, admin, partner.slug, PNG_BYTES)).json());
      expect((await ctx.app.inject({ method: 'DELETE', url, headers: admin })).statusCode).toBe(204);
      expect(await third.kept()).toEqual(GONE);
    });

    it('deletes the credentials a delegation replaces', async () => {
      const h = delegationApi(ctx);
      const { slug } = await h.meeting();
      const focal = await h.as('focal-point', { memberState: 'ec' });
      const delegation = await h.registered(focal, slug);
      const upload = async (version: number, text: string) => {
        const body = multipartBody([{ filename: 'note-verbale.pdf', data: pdfBytes(text) }], {
          version: String(version),
        });
        const res = await ctx.app.inject({
          method: 'PUT',
          url: `${h.base(slug)}/${delegation.id}/credentials`,
          headers: { ...focal, ...body.headers },
          payload: body.payload,
        });
        expect(res.statusCode, res.body).toBe(200);
        const row = await db()
          .selectFrom('delegation')
          .select('credentials_file_id')
          .where('id', '=', delegation.id)
          .executeTakeFirstOrThrow();
        return storedFileOf(db(), dir, row.credentials_file_id as string);
      };
      const first = await upload(1, 'First note');
      const second = await upload(2, 'Second note');
      expect(await first.kept()).toEqual(GONE);
      expect(await second.kept()).toEqual(KEPT);
    });

    it('deletes a document file replaced in its revision, and keeps the files of earlier revisions', async () => {
      const h = documentHelpers(ctx);
      const { slug } = await h.meeting();
      const secretariat = await h.as('secretariat-staff');
      const doc = await h.created(secretariat, slug);
      const fileOf = async (revision: number) => {
        const row = await db()
          .selectFrom('meeting_document_file as f')
          .innerJoin('meeting_document_revision as r', 'r.id', 'f.revision_id')
          .select('f.file_id')
          .where('r.document_id', '=', doc.id)
          .where('r.revision', '=', revision)
          .where('f.lang', '=', 'es')
          .executeTakeFirstOrThrow();
        return storedFileOf(db(), dir, row.file_id);
      };
      expect((await h.upload(secretariat, slug, doc.id, 'es', pdfBytes('original'))).statusCode).toBe(200);
      const original = await fileOf(0);
      const revised = await ctx.app.inject({
        method: 'POST',
        url: `${h.base(slug)}/${doc.id}/revisions`,
        headers: secretariat,
        payload: { version: doc.version },
      });
      expect(revised.statusCode, revised.body).toBe(201);
      expect((revised.json() as MeetingDocument).revisions).toHaveLength(2);
      expect((await h.upload(secretariat, slug, doc.id, 'es', pdfBytes('rev. 1'), 1)).statusCode).toBe(200);
      const firstOfRevision = await fileOf(1);
      expect((await h.upload(secretariat, slug, doc.id, 'es', pdfBytes('rev. 1 again'), 1)).statusCode).toBe(200);
      expect(await firstOfRevision.kept()).toEqual(GONE);
      expect(await (await fileOf(1)).kept()).toEqual(KEPT);
      expect(await original.kept()).toEqual(KEPT);
      const served = await ctx.app.inject({ url: `${h.base(slug)}/${doc.id}/revisions/0/files/es` });
      expect(served.rawPayload).toEqual(pdfBytes('original'));
    });
  },
  () => ({ files: { dir, maxBytes: 25 * 1024 * 1024 } }),
);
