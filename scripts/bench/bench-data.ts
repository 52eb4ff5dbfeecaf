import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { ConfigError, type DatabaseTarget, openDatabase } from '../../src/server/db/connection.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { verifyChain } from '../../src/server/modules/audit/chain.js';
import { loadReferenceData } from '../../src/server/reference-data/loader.js';
import { batchInserter, SCALES, type ScaleName, type World } from './data/context.js';
import { seededRandom } from './data/random.js';
import { GENERATORS } from './data/registry.js';
import { type Progress, progress, seconds } from './progress.js';
import { benchFilesDir, benchTarget, describeTarget, option, root } from './target.js';

/**
 * `npm run bench:data -- --scale small|large [--seed N] [--reset] [--manifest FILE]`: a deterministic data set for the
 * benchmarks, written through a bulk loader that keeps every constraint (migrate, load the reference
 * data, then each generator of data/registry.ts inserts in batches inside transactions).
 * A summary (rows per table, time taken) goes to bench/results/data-<scale>-<engine>.json, or FILE.
 * Exit status: 0 done; 2 it could not be done (the reason in one sentence).
 */

/** 2026-09-01: the data set's "now"; a fixed date keeps the data the same from one run to the next. */
export const EPOCH = Date.parse('2026-09-01T00:00:00Z');
const DEFAULT_SEED = 20_260_901;

export interface DataResult {
  scale: ScaleName;
  seed: number;
  database: string;
  engine: DatabaseTarget['engine'];
  seconds: number;
  rows: Record<string, number>;
  generatedAt: string;
}

/** A string's 32-bit FNV-1a hash: each generator's seed is the data set's seed mixed with its name. */
function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return hash;
}

/** Empties a database the bench owns: the SQLite file goes; on PostgreSQL every table of the schema. */
async function reset(target: DatabaseTarget) {
  if (target.engine === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${target.file}${suffix}`, { force: true });
    return;
  }
  const handle = await openDatabase(target);
  try {
    const tables = await sql<{
      tablename: string;
    }>`select tablename from pg_tables where schemaname = current_schema()`.execute(handle.db);
    for (const { tablename } of tables.rows)
      await sql`drop table if exists ${sql.id(tablename)} cascade`.execute(handle.db);
  } finally {
    await handle.close();
  }
}

export async function generateData(options: {
  target: DatabaseTarget;
  scale: ScaleName;
  seed: number;
  filesDir: string | null;
  out: Progress;
}): Promise<DataResult> {
  const { target, scale, seed, out } = options;
  const started = Date.now();
  const handle = await openDatabase(target);
  try {
    // Kysely looks for its migration tables in every schema unless told which: name the current one,
    // so a database whose search_path picks a schema is migrated there.
    const schema =
      target.engine === 'postgres'
        ? (await sql<{ name: string }>`select current_schema() as name`.execute(handle.db)).rows[0]?.name
        : undefined;
    await migrateToLatest(handle.db, schema);
    await loadReferenceData(handle.db, path.join(root, 'data/reference'), () => new Date(EPOCH));
    const taken = await handle.db
      .selectFrom('app_user')
      .select(handle.db.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    if (Number(taken?.n ?? 0) > 0) {
      throw new ConfigError(
        `${describeTarget(target)} already holds users; bench:data fills an empty database (add --reset to empty it first).`,
      );
    }
    const world = {} as World;
    const rows: Record<string, number> = {};
    for (const generator of GENERATORS) {
      out.start(generator.name, generator.planned(SCALES[scale]));
      const counts = await generator.run({
        db: handle.db,
        scale: SCALES[scale],
        random: seededRandom(fnv1a(generator.name, seed)),
        epoch: EPOCH,
        world,
        filesDir: options.filesDir,
        advance: (n) => out.advance(n),
        insert: batchInserter(handle.db),
      });
      for (const [table, n] of Object.entries(counts)) rows[table] = (rows[table] ?? 0) + n;
      out.done(
        Object.entries(counts)
          .map(([table, n]) => `${n.toLocaleString('en')} ${table}`)
          .join(', '),
      );
    }
    // Planner statistics and the visibility map now, as autovacuum would soon make them on a live
    // PostgreSQL (it vacuums after inserts too): otherwise the first benchmark minutes measure plans
    // made for empty tables, and index-only scans that still visit every row's page.
    // Only this schema's tables: a bare VACUUM works through every table of the database, and waits
    // on each one another session holds (the test suite's schemas, created and dropped beside it).
    if (target.engine === 'postgres') {
      const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(handle.db);
      const names = tables.rows.map((t) => sql.id(t.name));
      await sql`vacuum analyze ${sql.join(names)}`.execute(handle.db);
    }
    // The platform's own check, so a generator that broke the chain fails here and not in a benchmark.
    const chain = await verifyChain(handle.db);
    if (!chain.ok) throw new Error(`the generated audit trail is broken at entry ${chain.seq}: ${chain.reason}`);
    return {
      scale,
      seed,
      database: describeTarget(target),
      engine: target.engine,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      rows,
      generatedAt: new Date().toISOString(),
    };
  } finally {
    await handle.close();
  }
}

export async function benchDataCommand(args: string[], env: NodeJS.ProcessEnv, out: Progress): Promise<0 | 2> {
  try {
    const scale = option(args, 'scale') ?? 'small';
    if (!(scale in SCALES))
      throw new ConfigError(`--scale must be one of ${Object.keys(SCALES).join(', ')} (got "${scale}").`);
    const seed = Number(option(args, 'seed') ?? DEFAULT_SEED);
    if (!Number.isSafeInteger(seed))
      throw new ConfigError(`--seed must be a whole number (got "${option(args, 'seed')}").`);
    const target = benchTarget(env, scale);
    // The bench's own SQLite file is always rebuilt; a database someone named is emptied only on request.
    if (args.includes('--reset') || env.DATABASE_URL === undefined || env.DATABASE_URL === '') await reset(target);
    const filesDir = benchFilesDir(env);
    out.log(
      `bench:data: ${scale} data set (seed ${seed}) into ${describeTarget(target)}, files in ${path.relative(root, filesDir) || filesDir}`,
    );
    const result = await generateData({ target, scale: scale as ScaleName, seed, filesDir, out });
    const manifest = path.resolve(
      option(args, 'manifest') ?? path.join(root, 'bench/results', `data-${scale}-${target.engine}.json`),
    );
    fs.mkdirSync(path.dirname(manifest), { recursive: true });
    fs.writeFileSync(manifest, `${JSON.stringify(result, null, 2)}\n`);
    out.log(
      `bench:data: done in ${seconds(result.seconds * 1000)}; audit chain verified; summary in ${path.relative(root, manifest)}`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    out.log(`bench:data could not be done: ${error.message}`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exit(await benchDataCommand(process.argv.slice(2), process.env, progress()));
}
