import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, openDatabase } from '../../src/server/db/connection.js';
import { hashSecret } from '../../src/server/security/secrets.js';
import { buildSession } from '../../src/server/testing/factories.js';
import type { DataResult } from './bench-data.js';
import { SCALES } from './data/context.js';
import { measureQueries, prepareAreas } from './db-timings.js';
import { updateDoc } from './docs.js';
import { lighthouse, measureFrontEnd, measureOnDemand } from './frontend.js';
import { measureRoutes } from './http.js';
import { describeLive, measureLive, recordLive } from './live.js';
import { type BenchResult, checkTargets, compareResults, describeMachine, readResults, writeResult } from './report.js';
import { ensureBuilt, rssMb, startServer } from './server.js';
import { benchFilesDir, benchTarget, describeTarget, option, root } from './target.js';
import { findBenchAdmin } from './timings/actor.js';
import { BENCH_AREAS } from './timings/registry.js';

/**
 * `npm run bench [-- --scale small|large] [--quick] [--no-lighthouse]`: measures the platform on the
 * data set of `npm run bench:data` and writes bench/results/<date>-<engine>-<scale>.json and the
 * summary in docs/performance.md. `npm run bench -- --compare` only prints the change between the
 * two newest results of that engine and scale. Exit status: 0 measured (targets missed or not);
 * 2 it could not run.
 */

const log = (line: string) => console.log(line);

function compare(engine: string, scale: string): 0 | 2 {
  const runs = readResults().filter(({ result }) => result.engine === engine && result.scale === scale);
  const [before, now] = runs.slice(-2);
  if (!before || !now) {
    log(`bench --compare: fewer than two ${engine} ${scale} results in bench/results; nothing to compare.`);
    return 2;
  }
  for (const line of compareResults(now.result, before.result)) log(line);
  return 0;
}

async function run(args: string[], env: NodeJS.ProcessEnv): Promise<0 | 2> {
  const scale = option(args, 'scale') ?? 'small';
  if (!(scale in SCALES))
    throw new ConfigError(`--scale must be one of ${Object.keys(SCALES).join(', ')} (got "${scale}").`);
  const target = benchTarget(env, scale);
  if (args.includes('--compare')) return compare(target.engine, scale);
  if (target.engine === 'sqlite' && !fs.existsSync(target.file)) {
    throw new ConfigError(
      `there is no bench database at ${target.file}: run npm run bench:data -- --scale ${scale} first.`,
    );
  }
  const quick = args.includes('--quick');
  const load = { seconds: quick ? 2 : 4, rounds: quick ? 1 : 3, connections: 10 };
  const manifest = path.join(root, 'bench/results', `data-${scale}-${target.engine}.json`);
  const data = fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as DataResult) : null;

  log(`bench: ${describeTarget(target)}, ${scale} scale${quick ? ', quick' : ''}`);
  const handle = await openDatabase(target);
  let cookie: string | undefined;
  try {
    const actor = await findBenchAdmin(handle.db);
    if (!actor) throw new ConfigError(`${describeTarget(target)} holds no bench data: run npm run bench:data first.`);
    const areas = await prepareAreas(handle.db, BENCH_AREAS);
    cookie = await buildSession(handle.db, actor.userId);

    log('database timings (in process):');
    const queries = await measureQueries(handle.db, actor, areas, quick ? 20 : 100);
    for (const q of queries) log(`  ${q.name.padEnd(30)} p50 ${q.p50Ms} ms, p99 ${q.p99Ms} ms`);

    let frontEnd: BenchResult['frontEnd'];
    const onDemand: BenchResult['onDemand'] = [];
    try {
      ensureBuilt();
      frontEnd = measureFrontEnd();
      log(`front end: ${frontEnd.jsGzipBytes} B of JS and ${frontEnd.cssGzipBytes} B of CSS, gzipped`);
      for (const { page, chunk } of areas.flatMap((area) => area.plan.chunks ?? [])) {
        const figure = measureOnDemand(page, chunk, frontEnd);
        onDemand.push(figure);
        log(`  ${page}: ${figure.jsGzipBytes} B of JS on demand, then ${figure.laterJsGzipBytes} B later, gzipped`);
      }
    } catch (error) {
      frontEnd = { error: `dist/web could not be read (${(error as Error).message}); build it with npx vite build` };
    }

    const server = await startServer(target, benchFilesDir(env));
    try {
      // A moment for start-up work (reference check, timers) to settle before "at rest" is read.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const atRestMb = rssMb(server.pid);
      const routes = areas.flatMap((area) => area.plan.routes);
      log(
        `HTTP (${load.connections} connections, ${load.rounds} × ${load.seconds} s each, alternating with the baseline):`,
      );
      const http = await measureRoutes(routes, {
        url: server.url,
        pid: server.pid,
        cookie: cookie as string,
        ...load,
        log,
      });

      const pages = areas.flatMap((area) => area.plan.pages);
      const scores = [];
      if (args.includes('--no-lighthouse')) log('Lighthouse: skipped (--no-lighthouse)');
      else {
        for (const page of pages) {
          const figure = await lighthouse(server.url, page.page, page.path);
          scores.push(figure);
          log(
            `Lighthouse ${page.page}: performance ${figure.performance ?? '—'} (runs: ${figure.performanceRuns?.join(', ') ?? '—'}), accessibility ${figure.accessibility ?? '—'}${figure.error ? ` (${figure.error})` : ''}`,
          );
        }
      }

      const partial: Omit<BenchResult, 'targets'> = {
        date: new Date().toISOString(),
        engine: target.engine,
        scale,
        quick,
        machine: describeMachine(),
        data,
        load,
        routes: http.figures,
        routeFailures: http.failures,
        rss: { atRestMb, underLoadMb: http.peakRssMb || null },
        queries,
        frontEnd,
        onDemand,
        lighthouse: scores,
      };
      const result: BenchResult = { ...partial, targets: checkTargets(partial) };
      const file = writeResult(result);
      updateDoc();
      const missed = result.targets.filter((t) => t.met === false);
      log(
        `results in ${path.relative(root, file)}; docs/performance.md updated; ${missed.length} of ${result.targets.length} targets missed`,
      );
      for (const t of missed) log(`  missed: ${t.target}: ${t.measured}${t.note ? `, ${t.note}` : ''}`);
      compare(target.engine, scale);
      // Live subscribers, on a database of their own (the bench data set stays as bench:data made it).
      if (!args.includes('--no-live')) {
        const live = await measureLive({
          subscribers: quick ? 200 : 1000,
          changes: quick ? 5 : 10,
          postgresUrl: target.engine === 'postgres' ? env.DATABASE_URL : undefined,
          log,
        });
        recordLive(live);
        log(describeLive(live));
      }
      return 0;
    } finally {
      await server.stop();
    }
  } finally {
    // The bench's own session goes, so the data set stays as bench:data made it.
    if (cookie)
      await handle.db
        .deleteFrom('session')
        .where('id', '=', hashSecret(cookie.split('=')[1] ?? ''))
        .execute();
    await handle.close();
  }
}

export async function benchCommand(args: string[], env: NodeJS.ProcessEnv): Promise<0 | 2> {
  try {
    return await run(args, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`bench could not run: ${error.message}`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exit(await benchCommand(process.argv.slice(2), process.env));
}
