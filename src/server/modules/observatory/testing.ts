import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Everything the observatory's writes may change, for "nothing written" checks. */
export async function observatorySnapshot(db: Kysely<Database>) {
  return {
    indicators: await db.selectFrom('indicator').selectAll().orderBy('id').execute(),
    observations: await db.selectFrom('observation').selectAll().orderBy('id').execute(),
    revisions: await db.selectFrom('observation_revision').selectAll().orderBy('id').execute(),
    texts: await db
      .selectFrom('translation')
      .selectAll()
      .where('entity_type', '=', 'indicator')
      .orderBy(['entity_id', 'field', 'lang'])
      .execute(),
    briefs: await db.selectFrom('regional_brief').selectAll().orderBy('id').execute(),
    meetingDocuments: await db.selectFrom('meeting_document').selectAll().orderBy('id').execute(),
    pillars: await db
      .selectFrom('pillar_link')
      .selectAll()
      .where('entity_type', '=', 'indicator')
      .orderBy('pillar_id')
      .execute(),
  };
}
