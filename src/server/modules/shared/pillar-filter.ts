import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { EntityType } from '../../db/schema.js';

/** "This record addresses that pillar": the filter every list with a `pillar` parameter shares. */
export function linkedToPillar(
  // biome-ignore lint/suspicious/noExplicitAny: applies to any table whose rows carry pillar links
  eb: ExpressionBuilder<any, any>,
  entityType: EntityType,
  idColumn: string,
  pillarId: string,
): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('pillar_link')
      .whereRef('pillar_link.entity_id', '=', idColumn)
      .where('pillar_link.entity_type', '=', entityType)
      .where('pillar_link.pillar_id', '=', pillarId)
      .select('pillar_link.pillar_id'),
  );
}
