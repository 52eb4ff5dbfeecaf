import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from './target.js';

export interface AssetFigure {
  file: string;
  kind: 'js' | 'css';
  bytes: number;
  gzipBytes: number;
}

/** Static imports of a built chunk (`import"./x.js"`, `from"./x.js"`): loaded with it, not on demand. */
const STATIC_IMPORT = /(?:\bimport\s*|\bfrom\s*)["']\.\/([^"']+\.js)["']/g;

/** Issue 12's target for the home page's JavaScript, gzipped (1 kB = 1,000 bytes). */
export const HOME_JS_TARGET_BYTES = 130_000;

/**
 * The most JavaScript the home page may load today, gzipped: what it loads now, rounded up, so the
 * figure can go down but not creep back up (scripts/bench/frontend.test.ts). Each page the portal
 * gained added a little (its entry in the route table and the preload lists) until it reached
 * 144,682; the first page's modules in one chunk (vite.config.ts) brought it to 140,634, and the
 * portal's own translator in place of i18next and react-i18next (docs/decisions/0007) to 123,514,
 * under the target. What is left is mostly React DOM, React Router and TanStack Query (some 108 kB).
 */
export const HOME_JS_BUDGET_BYTES = 123_600;

export interface FrontEndFigure {
  assets: AssetFigure[];
  jsGzipBytes: number;
  cssGzipBytes: number;
}

/**
 * What the public home page loads before it can show anything: the scripts and style sheets
 * dist/web/index.html names (module preloads included), and every chunk those scripts import
 * statically, each gzipped as a server would send it (level 6, the usual default). Chunks loaded on
 * demand are not counted. One function for `npm run bench` and the budget test.
 */
export function measureFrontEnd(webRoot = path.join(root, 'dist/web')): FrontEndFigure {
  const html = fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8');
  const queue = [
    ...[...html.matchAll(/<script[^>]*\bsrc="\/([^"]+)"/g)].map((m) => m[1] as string),
    ...[...html.matchAll(/<link[^>]*\brel="(?:stylesheet|modulepreload)"[^>]*\bhref="\/([^"]+)"/g)].map(
      (m) => m[1] as string,
    ),
    ...[...html.matchAll(/<link[^>]*\bhref="\/([^"]+)"[^>]*\brel="(?:stylesheet|modulepreload)"/g)].map(
      (m) => m[1] as string,
    ),
  ];
  const { assets } = walk(webRoot, queue, new Set());
  return { assets, jsGzipBytes: gzipOf(assets, 'js'), cssGzipBytes: gzipOf(assets, 'css') };
}

const gzipOf = (assets: readonly AssetFigure[], kind: AssetFigure['kind']) =>
  assets.filter((a) => a.kind === kind).reduce((n, a) => n + a.gzipBytes, 0);

/** Dynamic imports of a built chunk (`import("./x.js")`): loaded when the code asks for them. */
const DYNAMIC_IMPORT = /\bimport\(\s*["']\.\/([^"']+\.js)["']\s*\)/g;

/**
 * The files `start` loads, following static imports, each gzipped (level 6), leaving out those in
 * `skip` (already loaded); with the chunks they import dynamically, for the caller to follow or not.
 */
function walk(webRoot: string, start: readonly string[], skip: ReadonlySet<string>) {
  const queue = [...start];
  const seen = new Set<string>(skip);
  const assets: AssetFigure[] = [];
  const dynamic = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const bytes = fs.readFileSync(path.join(webRoot, file));
    const kind = file.endsWith('.css') ? 'css' : 'js';
    assets.push({ file, kind, bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: 6 }).length });
    if (kind === 'js') {
      const text = bytes.toString('utf8');
      const near = (m: RegExpMatchArray) => path.posix.join(path.posix.dirname(file), m[1] as string);
      for (const m of text.matchAll(STATIC_IMPORT)) queue.push(near(m));
      for (const m of text.matchAll(DYNAMIC_IMPORT)) dynamic.add(near(m));
    }
  }
  return { assets, dynamic: [...dynamic].filter((file) => !seen.has(file)) };
}

export interface OnDemandFigure {
  page: string;
  /** The route's chunk and what it imports statically that the home page had not loaded. */
  assets: AssetFigure[];
  jsGzipBytes: number;
  /** What those chunks import dynamically in turn (a chart, a map), loaded when shown. */
  later: AssetFigure[];
  laterJsGzipBytes: number;
}

/**
 * The JavaScript a page loads on demand when reached from the home page: its route chunk (the
 * built file named after its component, `chunk`-<hash>.js, see src/web/app/routes.tsx), the chunks
 * it imports statically that the home page has not loaded, and then what those import dynamically.
 */
export function measureOnDemand(
  page: string,
  chunk: string,
  home: FrontEndFigure,
  webRoot = path.join(root, 'dist/web'),
): OnDemandFigure {
  const name = fs.readdirSync(path.join(webRoot, 'assets')).find((f) => new RegExp(`^${chunk}-[\\w-]+\\.js$`).test(f));
  if (!name) throw new Error(`no ${chunk}-*.js in ${webRoot}/assets`);
  const loaded = new Set(home.assets.map((a) => a.file));
  const first = walk(webRoot, [`assets/${name}`], loaded);
  const later = walk(webRoot, first.dynamic, new Set([...loaded, ...first.assets.map((a) => a.file)]));
  return {
    page,
    assets: first.assets,
    jsGzipBytes: gzipOf(first.assets, 'js'),
    later: later.assets,
    laterJsGzipBytes: gzipOf(later.assets, 'js'),
  };
}

export interface LighthouseFigure {
  page: string;
  path: string;
  /** The median run's scores (below); `performanceRuns` has every run's performance score. */
  performance: number | null;
  accessibility: number | null;
  /** Largest Contentful Paint (ms) and Cumulative Layout Shift, as Lighthouse measured them (issue 12). */
  lcpMs?: number | null;
  cls?: number | null;
  performanceRuns?: number[];
  error?: string;
}

const CHROMIUM = '/usr/bin/chromium';

/** Runs of Lighthouse per page: its authors' advice for a score that one slow moment of a shared
 * machine cannot move (Lighthouse's "variability" documentation: five runs, the median run). */
export const LIGHTHOUSE_RUNS = 5;

interface LighthouseReport {
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { numericValue?: number }>;
  runtimeError?: { message: string };
}

/**
 * Lighthouse (its default: mobile, simulated throttling) on one page in Debian's Chromium, headless,
 * `runs` times; the figure is the median run as Lighthouse itself chooses it (closest to the median
 * first contentful paint and time to interactive), with every run's performance score beside it.
 * Any failure is reported in the figure instead of stopping the whole bench.
 */
export async function lighthouse(
  url: string,
  page: string,
  pagePath: string,
  runs = LIGHTHOUSE_RUNS,
): Promise<LighthouseFigure> {
  const failed = (error: string): LighthouseFigure => ({
    page,
    path: pagePath,
    performance: null,
    accessibility: null,
    lcpMs: null,
    cls: null,
    error,
  });
  if (!fs.existsSync(CHROMIUM)) return failed(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const cli = path.join(root, 'node_modules/lighthouse/cli/index.js');
  if (!fs.existsSync(cli)) return failed('the lighthouse package is not installed (npm install)');
  // A run can fail on its own (Chromium's trace sometimes lacks the navigation's start: NO_NAVSTART);
  // it is left out of the median and named in the figure, never silently run again.
  const reports: LighthouseReport[] = [];
  const errors: string[] = [];
  for (let run = 0; run < runs; run++) {
    const report = await lighthouseRun(cli, `${url}${pagePath}`);
    if (typeof report === 'string') errors.push(report);
    else if (report.runtimeError) errors.push(report.runtimeError.message);
    else reports.push(report);
  }
  const { computeMedianRun, filterToValidRuns } = await import('lighthouse/core/lib/median-run.js');
  const valid = filterToValidRuns(reports as never[]) as unknown as LighthouseReport[];
  if (valid.length === 0) return failed(errors[0] ?? 'no run measured first contentful paint and time to interactive');
  const median = computeMedianRun(valid as never[]) as unknown as LighthouseReport;
  const score = (report: LighthouseReport, name: string) => {
    const value = report.categories[name]?.score;
    return typeof value === 'number' ? Math.round(value * 100) : null;
  };
  const metric = (name: string, digits: number) => {
    const value = median.audits[name]?.numericValue;
    return typeof value === 'number' ? Number(value.toFixed(digits)) : null;
  };
  return {
    page,
    path: pagePath,
    performance: score(median, 'performance'),
    accessibility: score(median, 'accessibility'),
    lcpMs: metric('largest-contentful-paint', 0),
    cls: metric('cumulative-layout-shift', 3),
    performanceRuns: reports.map((report) => score(report, 'performance') ?? 0),
    ...(errors.length > 0 ? { error: `${errors.length} of ${runs} runs failed: ${errors.join('; ')}` } : {}),
  };
}

/** One Lighthouse run: its report, or why there is none. */
function lighthouseRun(cli: string, address: string): Promise<LighthouseReport | string> {
  const args = [
    cli,
    address,
    `--chrome-path=${CHROMIUM}`,
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
    '--only-categories=performance,accessibility',
    '--output=json',
    '--output-path=stdout',
    '--quiet',
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      try {
        const report = JSON.parse(stdout) as LighthouseReport;
        resolve({ ...report, audits: report.audits ?? {} });
      } catch {
        resolve(`lighthouse exited with code ${code}: ${(stderr.trim().split('\n').pop() ?? '').slice(0, 300)}`);
      }
    });
  });
}
