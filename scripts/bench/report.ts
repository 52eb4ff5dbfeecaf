import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataResult } from './bench-data.js';
import type { QueryFigure } from './db-timings.js';
import { type FrontEndFigure, HOME_JS_TARGET_BYTES, type LighthouseFigure, type OnDemandFigure } from './frontend.js';
import type { RouteFigure } from './http.js';
import { root } from './target.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

export interface BenchResult {
  date: string;
  engine: 'sqlite' | 'postgres';
  scale: string;
  quick: boolean;
  machine: Machine;
  data: DataResult | null;
  load: { seconds: number; rounds: number; connections: number };
  routes: RouteFigure[];
  routeFailures: Array<{ name: string; path: string; status: number }>;
  rss: { atRestMb: number | null; underLoadMb: number | null };
  queries: QueryFigure[];
  frontEnd: FrontEndFigure | { error: string };
  /** JavaScript some pages load on demand (absent from results before it was measured). */
  onDemand?: OnDemandFigure[];
  lighthouse: LighthouseFigure[];
  targets: TargetCheck[];
}

export interface TargetCheck {
  target: string;
  measured: string;
  /** null: not judged at this scale, or not measured. */
  met: boolean | null;
  note: string;
}

export function describeMachine(): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;
/** Issue 12: Largest Contentful Paint under 2.0 s, Cumulative Layout Shift under 0.05. */
export const LCP_TARGET_MS = 2_000;
export const CLS_TARGET = 0.05;
const round2 = (n: number) => Math.round(n * 100) / 100;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** Every target of issue 5, and those a timing or a read carries from its issue, met or missed and by how much. */
export function checkTargets(result: Omit<BenchResult, 'targets'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  // A read that carries its issue's p99 (targetP99Ms) is judged by it alone, not by issue 5's.
  const issue5 = result.routes.filter((route) => route.targetP99Ms === undefined);
  for (const route of issue5) {
    // Issue 5: public reads ≥ 60% of the baseline, signed-in ones ≥ 30%; issue 12: rendered pages ≥ 60%.
    const floor = route.group === 'authenticated' ? 0.3 : 0.6;
    checks.push({
      target: `${route.name}: ≥ ${pct(floor)} of baseline throughput`,
      measured: pct(route.ratio),
      met: route.ratio >= floor,
      note:
        route.ratio >= floor
          ? ''
          : `missed by ${Math.round((floor - route.ratio) * 100)} points (needs ${(floor / Math.max(route.ratio, 0.001)).toFixed(1)}× its throughput)`,
    });
  }
  for (const route of result.routes) {
    const judged = result.scale === 'large';
    const limit = route.targetP99Ms ?? 50;
    checks.push({
      target: `${route.name}: p99 < ${limit} ms`,
      measured: `${route.p99Ms} ms`,
      met: judged ? route.p99Ms < limit : null,
      note: !judged
        ? 'judged at the large scale only'
        : route.p99Ms < limit
          ? ''
          : `missed by ${route.p99Ms - limit} ms`,
    });
  }
  for (const query of result.queries) {
    if (query.targetP99Ms === undefined) continue;
    const judged = result.scale === 'large';
    const met = query.p99Ms < query.targetP99Ms;
    checks.push({
      target: `${query.name}: p99 < ${query.targetP99Ms} ms (in process)`,
      measured: `${query.p99Ms} ms`,
      met: judged ? met : null,
      note: !judged
        ? 'judged at the large scale only'
        : met
          ? ''
          : `missed by ${round2(query.p99Ms - query.targetP99Ms)} ms`,
    });
  }
  for (const failure of result.routeFailures) {
    checks.push({
      target: `${failure.name}: answers 200`,
      measured: String(failure.status),
      met: false,
      note: 'not measured',
    });
  }
  if ('jsGzipBytes' in result.frontEnd) {
    const js = result.frontEnd.jsGzipBytes;
    checks.push({
      target: `home page JavaScript ≤ ${kb(HOME_JS_TARGET_BYTES)} gzip`,
      measured: kb(js),
      met: js <= HOME_JS_TARGET_BYTES,
      note: js <= HOME_JS_TARGET_BYTES ? '' : `missed by ${kb(js - HOME_JS_TARGET_BYTES)}`,
    });
  }
  for (const page of result.lighthouse) {
    for (const category of ['performance', 'accessibility'] as const) {
      const score = page[category];
      checks.push({
        target: `Lighthouse ${category}, ${page.page}: ≥ 95`,
        measured: score === null ? 'not measured' : String(score),
        met: score === null ? null : score >= 95,
        note: score === null ? (page.error ?? '') : score >= 95 ? '' : `missed by ${95 - score}`,
      });
    }
  }
  // Issue 12's Core Web Vitals, from the same Lighthouse runs (mobile, simulated throttling).
  for (const page of result.lighthouse) {
    for (const [label, value, limit, unit] of [
      ['LCP', page.lcpMs ?? null, LCP_TARGET_MS, ' ms'],
      ['CLS', page.cls ?? null, CLS_TARGET, ''],
    ] as const) {
      checks.push({
        target: `Lighthouse ${label}, ${page.page}: < ${limit}${unit}`,
        measured: value === null ? 'not measured' : `${value}${unit}`,
        met: value === null ? null : value < limit,
        note: value === null ? (page.error ?? '') : value < limit ? '' : `missed by ${round2(value - limit)}${unit}`,
      });
    }
  }
  const rss = result.rss.underLoadMb;
  checks.push({
    target: 'server RSS under load < 250 MB',
    measured: rss === null ? 'not measured' : `${rss} MB`,
    met: rss === null ? null : rss < 250,
    note: rss === null || rss < 250 ? '' : `missed by ${Math.round(rss - 250)} MB`,
  });
  return checks;
}

export const resultsDir = path.join(root, 'bench/results');

/** bench/results/<date>-<engine>-<scale>.json; a second run on the same day gets -2, -3, … */
export function writeResult(result: BenchResult): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const base = `${result.date.slice(0, 10)}-${result.engine}-${result.scale}`;
  let file = path.join(resultsDir, `${base}.json`);
  for (let n = 2; fs.existsSync(file); n++) file = path.join(resultsDir, `${base}-${n}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** Every result file, oldest first (by the date inside, not the name). */
export function readResults(): Array<{ file: string; result: BenchResult }> {
  if (!fs.existsSync(resultsDir)) return [];
  return fs
    .readdirSync(resultsDir)
    .filter((name) => /^\d{4}-\d{2}-\d{2}-.*\.json$/.test(name))
    .map((name) => ({
      file: path.join(resultsDir, name),
      result: JSON.parse(fs.readFileSync(path.join(resultsDir, name), 'utf8')) as BenchResult,
    }))
    .sort((a, b) => a.result.date.localeCompare(b.result.date));
}

const change = (now: number, before: number, unit: string, higherIsBetter: boolean) => {
  const delta = now - before;
  const relative = before === 0 ? '' : ` (${delta >= 0 ? '+' : ''}${Math.round((delta / before) * 100)}%)`;
  const verdict = delta === 0 ? '' : delta > 0 === higherIsBetter ? ' better' : ' worse';
  return `${before}${unit} → ${now}${unit}${relative}${verdict}`;
};

/** The change from `before` to `now`, one line per figure both have. */
export function compareResults(now: BenchResult, before: BenchResult): string[] {
  const lines = [`${before.date} → ${now.date} (${now.engine}, ${now.scale})`];
  for (const route of now.routes) {
    const old = before.routes.find((r) => r.name === route.name);
    if (!old) continue;
    lines.push(
      `  ${route.name}: ratio ${change(Math.round(route.ratio * 100), Math.round(old.ratio * 100), '%', true)}; p99 ${change(route.p99Ms, old.p99Ms, ' ms', false)}`,
    );
  }
  for (const query of now.queries) {
    const old = before.queries.find((q) => q.name === query.name);
    if (old) lines.push(`  query ${query.name}: p50 ${change(query.p50Ms, old.p50Ms, ' ms', false)}`);
  }
  if (now.rss.underLoadMb !== null && before.rss.underLoadMb !== null) {
    lines.push(`  RSS under load: ${change(now.rss.underLoadMb, before.rss.underLoadMb, ' MB', false)}`);
  }
  if ('jsGzipBytes' in now.frontEnd && 'jsGzipBytes' in before.frontEnd) {
    lines.push(`  home JS gzip: ${change(now.frontEnd.jsGzipBytes, before.frontEnd.jsGzipBytes, ' B', false)}`);
  }
  for (const page of now.lighthouse) {
    const old = before.lighthouse.find((p) => p.page === page.page);
    if (!old) continue;
    for (const category of ['performance', 'accessibility'] as const) {
      const [a, b] = [page[category], old[category]];
      if (a !== null && b !== null) lines.push(`  Lighthouse ${category} ${page.page}: ${change(a, b, '', true)}`);
    }
  }
  return lines;
}
