import { AuditQuerySchema } from '../../../src/contract/audit.js';
import { MeetingListQuerySchema } from '../../../src/contract/meetings.js';
import { auditService } from '../../../src/server/modules/audit/service.js';
import { publishedService } from '../../../src/server/modules/delegations/published.js';
import { meetingsService } from '../../../src/server/modules/meetings/service.js';
import { type Actor, PUBLIC, type RequestContext } from '../../../src/server/policy/actor.js';
import type { BenchArea } from '../db-timings.js';

export const benchContext = (actor: Actor): RequestContext => ({ actor, requestId: 'bench', ip: null, lang: 'en' });

/**
 * Issue 5's reads: meeting lists with filters, a participant list, audit searches, on the busiest
 * meeting (concluded, with its accredited delegations and a full agenda).
 */
export const meetingsArea: BenchArea = {
  name: 'meetings and audit',
  async prepare(db) {
    const meeting = await db
      .selectFrom('meeting')
      .innerJoin('member_state', 'member_state.id', 'meeting.host_state_id')
      .select(['meeting.slug', 'meeting.starts_at', 'member_state.slug as hostState'])
      .where('meeting.managed_by', '=', 'platform')
      .where('meeting.status', '=', 'concluded')
      .orderBy('meeting.ordinal')
      .executeTakeFirst();
    if (!meeting) return null;
    const year = Number((meeting.starts_at ?? '2026').slice(0, 4));
    // An adopted one, which the public may read: the generated ones share positions with the
    // historic documents, and PostgreSQL broke the tie with a text not adopted, hidden from the public (a 404 for Lighthouse).
    const document = await db
      .selectFrom('document')
      .select('slug')
      .where('status', '=', 'adopted')
      .orderBy('position')
      .orderBy('slug')
      .executeTakeFirst();
    const m = `/api/v1/meetings/${meeting.slug}`;
    return {
      async queries({ db, admin, time }) {
        const clock = () => new Date();
        const meetings = meetingsService({ db, clock });
        const published = publishedService({ db, clock });
        const audit = auditService({ db });
        const adminCtx = benchContext(admin);
        const list = (query: Record<string, unknown>, actor: Actor) =>
          meetings.list(MeetingListQuerySchema.parse(query) as Parameters<typeof meetings.list>[0], 'es', actor);
        return [
          await time('meetings: first page', () => list({}, PUBLIC)),
          await time('meetings: host state + year', () =>
            list({ memberState: meeting.hostState, year: String(year) }, PUBLIC),
          ),
          await time('meetings: 100, as secretariat', () => list({ limit: '100' }, admin)),
          await time('participants: published list', () => published.list(benchContext(PUBLIC), meeting.slug)),
          await time('audit: newest page', () => audit.list(adminCtx, AuditQuerySchema.parse({}))),
          await time('audit: by action + month', () =>
            audit.list(
              adminCtx,
              AuditQuerySchema.parse({ action: 'meetings.update', from: '2026-03-01', to: '2026-03-31' }),
            ),
          ),
          await time('audit: by actor e-mail', () =>
            audit.list(adminCtx, AuditQuerySchema.parse({ actor: 'user-000042@bench.example' })),
          ),
        ];
      },
      routes: [
        { name: 'meetings list', group: 'public', path: '/api/v1/meetings' },
        { name: 'a meeting', group: 'public', path: m },
        { name: 'its agenda', group: 'public', path: `${m}/agenda` },
        { name: 'participants', group: 'public', path: `${m}/participants` },
        { name: 'member states', group: 'public', path: '/api/v1/member-states' },
        { name: 'meeting documents', group: 'public', path: `${m}/documents` },
        { name: '/me', group: 'authenticated', path: '/api/v1/me' },
        { name: 'delegations (secretariat)', group: 'authenticated', path: `${m}/delegations` },
        { name: 'audit search', group: 'authenticated', path: '/api/v1/audit?action=meetings.update' },
      ],
      pages: [
        { page: 'home', path: '/en' },
        { page: 'a meeting', path: `/en/meetings/${meeting.slug}` },
        ...(document ? [{ page: 'a document', path: `/en/documents/${document.slug}` }] : []),
      ],
    };
  },
};
