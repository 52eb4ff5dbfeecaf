import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../../db/schema.js';
import { buildApiToken, buildUser } from '../../testing/factories.js';
import type { AppContext } from '../../testing/harness.js';
import { callerOf, openSession } from '../../testing/sessions.js';

/** What the agenda and meeting-records tests share: a caller of each kind, meeting documents made
 * straight in the database (the documents piece is another module), and snapshots of the tables
 * their writes touch. */

export type Headers = Record<string, string>;

/** Every kind of caller the permission tests walk. */
export async function everyCaller(ctx: AppContext) {
  const db = ctx.database.db;
  const admin = await buildUser(db, { role: 'secretariat-admin' });
  return {
    public: {} as Headers,
    delegate: await callerOf(ctx, 'delegate', 'co'),
    focalPoint: await callerOf(ctx, 'focal-point', 'ec'),
    staff: await callerOf(ctx, 'secretariat-staff'),
    admin: (await openSession(db, admin.id, { secondFactor: true })).headers,
    readToken: { authorization: await buildApiToken(db, admin.id, 'read') } as Headers,
  };
}

/** A document of `meetingId` with its original's symbol, as the documents piece would make it. */
export async function buildMeetingDocument(db: Kysely<Database>, meetingId: string, symbol: string): Promise<string> {
  const at = new Date().toISOString();
  const id = uuidv7();
  const sequence = Math.floor(Math.random() * 1_000_000);
  await db
    .insertInto('meeting_document')
    .values({
      id,
      meeting_id: meetingId,
      category: 'working',
      sequence,
      original_lang: 'en',
      visibility: 'public',
      adopted_at: null,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('meeting_document_revision')
    .values({ id: uuidv7(), document_id: id, revision: 0, symbol, created_by: null, created_at: at, updated_at: at })
    .execute();
  return id;
}

/** Everything an agenda write could touch, to prove a refused one changed nothing. */
export async function agendaSnapshot(db: Kysely<Database>) {
  const [items, links, texts, pillars, audit] = await Promise.all([
    db.selectFrom('agenda_item').selectAll().orderBy('id').execute(),
    db
      .selectFrom('agenda_item_document')
      .selectAll()
      .orderBy('agenda_item_id')
      .orderBy('meeting_document_id')
      .execute(),
    db
      .selectFrom('translation')
      .selectAll()
      .where('entity_type', '=', 'agenda_item')
      .orderBy('entity_id')
      .orderBy('field')
      .orderBy('lang')
      .execute(),
    db
      .selectFrom('pillar_link')
      .selectAll()
      .where('entity_type', '=', 'agenda_item')
      .orderBy('entity_id')
      .orderBy('pillar_id')
      .execute(),
    db.selectFrom('audit_entry').select(['seq', 'hash']).orderBy('seq').execute(),
  ]);
  return { items, links, texts, pillars, audit };
}

/** Everything a minutes, report or decision write could touch. */
export async function recordsSnapshot(db: Kysely<Database>) {
  const [records, comments, decisions, audit] = await Promise.all([
    db.selectFrom('meeting_record').selectAll().orderBy('id').execute(),
    db.selectFrom('meeting_record_comment').selectAll().orderBy('id').execute(),
    db.selectFrom('meeting_decision').selectAll().orderBy('id').execute(),
    db.selectFrom('audit_entry').select(['seq', 'hash']).orderBy('seq').execute(),
  ]);
  return { records, comments, decisions, audit };
}

/** The audit entries about one record, oldest first. */
export const auditOf = (db: Kysely<Database>, entityId: string) =>
  db.selectFrom('audit_entry').selectAll().where('entity_id', '=', entityId).orderBy('seq').execute();
