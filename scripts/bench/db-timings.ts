import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.js';
import type { Actor } from '../../src/server/policy/actor.js';
import type { RouteSpec } from './http.js';

export interface QueryFigure {
  name: string;
  iterations: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** The p99 its issue asks for, when it names one (report.ts checks it at the large scale). */
  targetP99Ms?: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (ms: number) => Math.round(ms * 100) / 100;

/** Times `work` `iterations` times after a few warm-up calls (caches, prepared statements). */
async function time(
  name: string,
  iterations: number,
  work: () => Promise<unknown>,
  targetP99Ms?: number,
): Promise<QueryFigure> {
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
    ...(targetP99Ms === undefined ? {} : { targetP99Ms }),
  };
}

export interface TimingContext {
  db: Kysely<Database>;
  /** The bench's secretariat administrator (its session cookie signs the authenticated reads). */
  admin: Actor;
  /** Times one read through a service; `targetP99Ms` when its issue names a target. */
  time(name: string, work: () => Promise<unknown>, targetP99Ms?: number): Promise<QueryFigure>;
}

/** What one area measures, once it has found its sample rows in the data set. */
export interface AreaPlan {
  /** The heavy reads, timed in process through the services the routes call. */
  queries(ctx: TimingContext): Promise<QueryFigure[]>;
  /** Its HTTP reads, measured next to the baseline. */
  routes: RouteSpec[];
  /** Its pages for Lighthouse. */
  pages: Array<{ page: string; path: string }>;
  /** Pages whose JavaScript loaded on demand is reported: the route's chunk, by component name. */
  chunks?: Array<{ page: string; chunk: string }>;
}

/**
 * One area of the bench (scripts/bench/timings/<area>.ts, listed in timings/registry.ts), beside
 * its generator in data/: a module adds its file and one line, and bench.ts stays as it is.
 */
export interface BenchArea {
  name: string;
  /** Finds the rows it measures; null when the data set has none (an older data set): skipped. */
  prepare(db: Kysely<Database>): Promise<AreaPlan | null>;
}

export interface PreparedArea {
  name: string;
  plan: AreaPlan;
}

export async function prepareAreas(db: Kysely<Database>, areas: readonly BenchArea[]): Promise<PreparedArea[]> {
  const prepared: PreparedArea[] = [];
  for (const area of areas) {
    const plan = await area.prepare(db);
    if (plan) prepared.push({ name: area.name, plan });
  }
  return prepared;
}

/** Every area's timings, in registry order. */
export async function measureQueries(
  db: Kysely<Database>,
  admin: Actor,
  areas: readonly PreparedArea[],
  iterations: number,
): Promise<QueryFigure[]> {
  const ctx: TimingContext = {
    db,
    admin,
    time: (name, work, targetP99Ms) => time(name, iterations, work, targetP99Ms),
  };
  const figures: QueryFigure[] = [];
  for (const area of areas) figures.push(...(await area.plan.queries(ctx)));
  return figures;
}
