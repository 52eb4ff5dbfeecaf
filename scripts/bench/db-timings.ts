import type { Kysely } from 'kysely';
import { AuditQuerySchema } from '../../src/contract/audit.js';
import { MeetingListQuerySchema } from '../../src/contract/meetings.js';
import type { Database } from '../../src/server/db/schema.js';
import { auditService } from '../../src/server/modules/audit/service.js';
import { publishedService } from '../../src/server/modules/delegations/published.js';
import { meetingsService } from '../../src/server/modules/meetings/service.js';
import { type Actor, PUBLIC, type RequestContext } from '../../src/server/policy/actor.js';

export interface QueryFigure {
  name: string;
  iterations: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (ms: number) => Math.round(ms * 100) / 100;

/** Times `work` `iterations` times after a few warm-up calls (caches, prepared statements). */
async function time(name: string, iterations: number, work: () => Promise<unknown>): Promise<QueryFigure> {
  for (let i = 0; i < 3; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return {
    name,
    iterations,
    p50Ms: round(percentile(samples, 50)),
    p99Ms: round(percentile(samples, 99)),
    meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}

/**
 * The heavy reads measured in process, through the services the routes call (so what is timed is
 * the queries and their presentation, without HTTP): meeting lists with filters, a participant
 * list, audit searches.
 */
export async function measureQueries(
  db: Kysely<Database>,
  admin: Actor,
  sample: { meetingSlug: string; hostState: string; year: number },
  iterations: number,
): Promise<QueryFigure[]> {
  const meetings = meetingsService({ db, clock: () => new Date() });
  const published = publishedService({ db, clock: () => new Date() });
  const audit = auditService({ db });
  const publicCtx: RequestContext = { actor: PUBLIC, requestId: 'bench', ip: null, lang: 'en' };
  const adminCtx: RequestContext = { ...publicCtx, actor: admin };
  const list = (query: Record<string, unknown>, actor: Actor) =>
    meetings.list(MeetingListQuerySchema.parse(query) as Parameters<typeof meetings.list>[0], 'es', actor);
  return [
    await time('meetings: first page', iterations, () => list({}, PUBLIC)),
    await time('meetings: host state + year', iterations, () =>
      list({ memberState: sample.hostState, year: String(sample.year) }, PUBLIC),
    ),
    await time('meetings: 100, as secretariat', iterations, () => list({ limit: '100' }, admin)),
    await time('participants: published list', iterations, () => published.list(publicCtx, sample.meetingSlug)),
    await time('audit: newest page', iterations, () => audit.list(adminCtx, AuditQuerySchema.parse({}))),
    await time('audit: by action + month', iterations, () =>
      audit.list(adminCtx, AuditQuerySchema.parse({ action: 'meetings.update', from: '2026-03-01', to: '2026-03-31' })),
    ),
    await time('audit: by actor e-mail', iterations, () =>
      audit.list(adminCtx, AuditQuerySchema.parse({ actor: 'user-000042@bench.example' })),
    ),
  ];
}
