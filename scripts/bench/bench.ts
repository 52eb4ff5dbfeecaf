import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, openDatabase } from '../../src/server/db/connection.js';
import type { Actor } from '../../src/server/policy/actor.js';
import { hashSecret } from '../../src/server/security/secrets.js';
import { buildSession } from '../../src/server/testing/factories.js';
import type { DataResult } from './bench-data.js';
import { SCALES } from './data/context.js';
import { BENCH_ADMIN_EMAIL } from './data/users.js';
import { measureQueries } from './db-timings.js';
import { updateDoc } from './docs.js';
import { lighthouse, measureFrontEnd } from './frontend.js';
import { measureRoutes, type RouteSpec } from './http.js';
import { describeLive, measureLive, recordLive } from './live.js';
import { type BenchResult, checkTargets, compareResults, describeMachine, readResults, writeResult } from './report.js';
import { ensureBuilt, rssMb, startServer } from './server.js';
import { benchFilesDir, benchTarget, describeTarget, option, root } from './target.js';

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
    const admin = await handle.db
      .selectFrom('app_user')
      .innerJoin('role_grant', 'role_grant.user_id', 'app_user.id')
      .select(['app_user.id', 'app_user.display_name', 'role_grant.id as grantId'])
      .where('app_user.email', '=', BENCH_ADMIN_EMAIL)
      .where('role_grant.role', '=', 'secretariat-admin')
      .executeTakeFirst();
    if (!admin) throw new ConfigError(`${describeTarget(target)} holds no bench data: run npm run bench:data first.`);
    // The busiest meeting: concluded, with its accredited delegations and a full agenda.
    const meeting = await handle.db
      .selectFrom('meeting')
      .select(['slug', 'host_state_id', 'starts_at'])
      .where('managed_by', '=', 'platform')
      .where('status', '=', 'concluded')
      .orderBy('ordinal')
      .executeTakeFirstOrThrow();
    const host = await handle.db
      .selectFrom('member_state')
      .select('slug')
      .where('id', '=', meeting.host_state_id ?? '')
      .executeTakeFirstOrThrow();
    const document = await handle.db.selectFrom('document').select('slug').orderBy('position').executeTakeFirst();
    cookie = await buildSession(handle.db, admin.id);
    const actor: Actor = {
      kind: 'user',
      userId: admin.id,
      email: BENCH_ADMIN_EMAIL,
      displayName: admin.display_name,
      lang: 'en',
      grants: [
        { id: admin.grantId, role: 'secretariat-admin', memberStateId: null, technicalGroupId: null, partnerId: null },
      ],
      demo: false,
      credential: { type: 'session', id: 'bench', secondFactor: true },
    };

    log('database timings (in process):');
    const queries = await measureQueries(
      handle.db,
      actor,
      { meetingSlug: meeting.slug, hostState: host.slug, year: Number((meeting.starts_at ?? '2026').slice(0, 4)) },
      quick ? 20 : 100,
    );
    for (const q of queries) log(`  ${q.name.padEnd(30)} p50 ${q.p50Ms} ms, p99 ${q.p99Ms} ms`);

    let frontEnd: BenchResult['frontEnd'];
    try {
      ensureBuilt();
      frontEnd = measureFrontEnd();
      log(`front end: ${frontEnd.jsGzipBytes} B of JS and ${frontEnd.cssGzipBytes} B of CSS, gzipped`);
    } catch (error) {
      frontEnd = { error: `dist/web could not be read (${(error as Error).message}); build it with npx vite build` };
    }

    const server = await startServer(target, benchFilesDir(env));
    try {
      // A moment for start-up work (reference check, timers) to settle before "at rest" is read.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const atRestMb = rssMb(server.pid);
      const m = `/api/v1/meetings/${meeting.slug}`;
      const routes: RouteSpec[] = [
        { name: 'meetings list', group: 'public', path: '/api/v1/meetings' },
        { name: 'a meeting', group: 'public', path: m },
        { name: 'its agenda', group: 'public', path: `${m}/agenda` },
        { name: 'participants', group: 'public', path: `${m}/participants` },
        { name: 'member states', group: 'public', path: '/api/v1/member-states' },
        { name: 'meeting documents', group: 'public', path: `${m}/documents` },
        { name: '/me', group: 'authenticated', path: '/api/v1/me' },
        { name: 'delegations (secretariat)', group: 'authenticated', path: `${m}/delegations` },
        { name: 'audit search', group: 'authenticated', path: '/api/v1/audit?action=meetings.update' },
      ];
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

      const pages = [
        { page: 'home', path: '/en' },
        { page: 'a meeting', path: `/en/meetings/${meeting.slug}` },
        ...(document ? [{ page: 'a document', path: `/en/documents/${document.slug}` }] : []),
      ];
      const scores = [];
      if (args.includes('--no-lighthouse')) log('Lighthouse: skipped (--no-lighthouse)');
      else {
        for (const page of pages) {
          const figure = await lighthouse(server.url, page.page, page.path);
          scores.push(figure);
          log(
            `Lighthouse ${page.page}: performance ${figure.performance ?? '—'}, accessibility ${figure.accessibility ?? '—'}${figure.error ? ` (${figure.error})` : ''}`,
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
