import type { Generator } from './context.js';

/**
 * The reference data (35 member states, partners, technical groups) is loaded by the platform's own
 * loader before the generators run; this one only hands its ids to the generators after it.
 */
export const referenceGenerator: Generator = {
  name: 'reference',
  planned: () => 0,
  async run({ db, world }) {
    const ids = async (table: 'member_state' | 'partner' | 'technical_group') =>
      (await db.selectFrom(table).select('id').orderBy('id').execute()).map((row) => row.id);
    world.stateIds = await ids('member_state');
    world.partnerIds = await ids('partner');
    world.technicalGroupIds = await ids('technical_group');
    return { member_state: world.stateIds.length, partner: world.partnerIds.length };
  },
};
