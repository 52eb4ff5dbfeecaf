import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Role } from '../../../contract/accounts.js';
import type { MeetingDocument, MeetingDocumentCreate } from '../../../contract/meeting-documents.js';
import type { MeetingStatus } from '../../db/schema.js';
import { multipartBody, pdfBytes } from '../../files/testing.js';
import { buildMeeting } from '../../testing/factories.js';
import type { AppContext } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';

/** What the meeting-documents tests share: a files folder per suite, callers by role, requests. */

export const UPLOAD_LIMIT = 512 * 1024;

/** App options with a fresh files folder (and a small upload limit); `dir` is that folder. */
export function filesOptions() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-meeting-docs-'));
  return { dir, options: () => ({ files: { dir, maxBytes: UPLOAD_LIMIT } }) };
}

export function documentHelpers(ctx: AppContext) {
  const db = () => ctx.database.db;
  /** Headers of a browser session of a user with `role` (bound to Ecuador where a state is needed). */
  const as = (role?: Role) => callerOf(ctx, role, role === 'focal-point' || role === 'delegate' ? 'ec' : {});
  const meeting = (status: MeetingStatus = 'convened') => buildMeeting(db(), { status });
  const base = (slug: string) => `/api/v1/meetings/${slug}/documents`;
  const create = (headers: Record<string, string>, slug: string, payload: Partial<MeetingDocumentCreate> = {}) =>
    ctx.app.inject({
      method: 'POST',
      url: base(slug),
      headers,
      payload: {
        category: 'working',
        titles: { en: 'Draft declaration', es: 'Proyecto de declaración' },
        originalLang: 'es',
        visibility: 'public',
        ...payload,
      },
    });
  /** Creates a document and returns it (expects 201). */
  const created = async (
    headers: Record<string, string>,
    slug: string,
    payload: Partial<MeetingDocumentCreate> = {},
  ) => {
    const res = await create(headers, slug, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as MeetingDocument;
  };
  const upload = (
    headers: Record<string, string>,
    slug: string,
    id: string,
    lang: string,
    data: Buffer = pdfBytes(lang),
    revision = 0,
    filename = `document-${lang}.pdf`,
  ) => {
    const body = multipartBody([{ filename, data }]);
    return ctx.app.inject({
      method: 'PUT',
      url: `${base(slug)}/${id}/revisions/${revision}/files/${lang}`,
      payload: body.payload,
      headers: { ...headers, ...body.headers },
    });
  };
  const rows = async () => ({
    documents: await db().selectFrom('meeting_document').selectAll().orderBy('id').execute(),
    revisions: await db().selectFrom('meeting_document_revision').selectAll().orderBy('id').execute(),
    files: await db().selectFrom('meeting_document_file').selectAll().orderBy('id').execute(),
    stored: await db().selectFrom('stored_file').selectAll().orderBy('id').execute(),
    titles: await db()
      .selectFrom('translation')
      .selectAll()
      .where('entity_type', '=', 'meeting_document')
      .orderBy('entity_id')
      .orderBy('lang')
      .execute(),
    links: await db().selectFrom('agenda_item_document').selectAll().orderBy('meeting_document_id').execute(),
    audit: await db().selectFrom('audit_entry').select(['seq', 'hash']).orderBy('seq').execute(),
  });
  /** The audit actions recorded about one record, oldest first. */
  const auditActions = async (entityId: string) =>
    (
      await db().selectFrom('audit_entry').select('action').where('entity_id', '=', entityId).orderBy('seq').execute()
    ).map((entry) => entry.action);
  return { db, as, meeting, base, create, created, upload, rows, auditActions };
}
