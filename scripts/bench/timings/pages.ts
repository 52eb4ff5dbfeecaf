import type { BenchArea } from '../db-timings.js';

/**
 * The public pages the server renders (issue 12), read as a browser first asks for them: the home
 * page, a meeting, an adopted outcome document, a member state. No timings of their own (their
 * API reads are timed in the other areas); a member state's page also goes to Lighthouse.
 */
export const pagesArea: BenchArea = {
  name: 'server-rendered pages',
  async prepare(db) {
    const [meeting, document, state] = await Promise.all([
      db
        .selectFrom('meeting')
        .select('slug')
        .where('managed_by', '=', 'platform')
        .where('status', '=', 'concluded')
        .orderBy('ordinal')
        .executeTakeFirst(),
      db
        .selectFrom('document')
        .select('slug')
        .where('managed_by', '=', 'platform')
        .where('status', '=', 'adopted')
        .orderBy('slug')
        .executeTakeFirst(),
      db.selectFrom('member_state').select('slug').orderBy('slug').executeTakeFirst(),
    ]);
    if (!meeting || !document || !state) return null;
    return {
      queries: async () => [],
      routes: [
        { name: 'page: home', group: 'ssr', path: '/en' },
        { name: 'page: a meeting', group: 'ssr', path: `/en/meetings/${meeting.slug}` },
        { name: 'page: an outcome document', group: 'ssr', path: `/en/documents/${document.slug}` },
        { name: 'page: a member state', group: 'ssr', path: `/en/member-states/${state.slug}` },
      ],
      pages: [{ page: 'a member state', path: `/en/member-states/${state.slug}` }],
    };
  },
};
