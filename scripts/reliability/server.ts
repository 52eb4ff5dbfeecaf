import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { type DatabaseTarget, openDatabase } from '../../src/server/db/connection.js';
import type { Database } from '../../src/server/db/schema.js';
import { verifyChain } from '../../src/server/modules/audit/chain.js';
import { buildSession, buildUser } from '../../src/server/testing/factories.js';

/**
 * The real platform as an operator runs it, for the reliability checks: a fresh database (a SQLite
 * file, or a PostgreSQL database made for the run and dropped after it — DATABASE_URL names a
 * database, not a schema, so a fresh database is what keeps the run apart from everything else),
 * the entry point started as a child process that can be killed with SIGKILL, and the checks of
 * what is in the database afterwards.
 */

export type Engine = 'sqlite' | 'postgres';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface FreshDatabase {
  engine: Engine;
  /** DATABASE_URL for the server. */
  url: string;
  /** A folder of the run's own: the SQLite file and the uploaded files. */
  dir: string;
  target: DatabaseTarget;
  /** A short-lived connection of the script's own (seeding, checks); close it after use. */
  open(): Promise<{ db: Kysely<Database>; close(): Promise<void> }>;
  drop(): Promise<void>;
}

export async function freshDatabase(engine: Engine, postgresUrl?: string): Promise<FreshDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-reliability-'));
  if (engine === 'sqlite') {
    const file = path.join(dir, 'mispa.sqlite');
    const target: DatabaseTarget = { engine, file };
    return {
      engine,
      url: `sqlite:${file}`,
      dir,
      target,
      open: () => openDatabase(target),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!postgresUrl) throw new Error('PostgreSQL needs a URL (--postgres or MISPA_TEST_DATABASE_URL)');
  const name = `mispa_reliability_${randomBytes(5).toString('hex')}`;
  const admin = await openDatabase({ engine, url: postgresUrl });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  await admin.close();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { engine, url: url.toString() };
  return {
    engine,
    url: url.toString(),
    dir,
    target,
    open: () => openDatabase(target),
    drop: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      const again = await openDatabase({ engine, url: postgresUrl });
      try {
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(again.db);
      } finally {
        await again.close();
      }
    },
  };
}

/** A child process followed: what it printed, whether it lives, and how to end it. */
export interface FollowedProcess {
  child: ChildProcess;
  /** What the process printed on stderr, for the failure report. */
  stderr(): string;
  /** What it printed on stdout (its log, at LOG_LEVEL). */
  stdout(): string;
  alive(): boolean;
  /** SIGKILL: no shutdown hook, no checkpoint, as a power cut of the process. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

export interface RunningServer extends FollowedProcess {
  base: string;
  /** Same-origin header a browser adds to writes (http/csrf.ts). */
  origin: string;
}

/** Follows a process spawned with piped stdout and stderr. */
export function follow(child: ChildProcess): FollowedProcess {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    alive,
    kill: async () => {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Asks `ready` every 25 ms until it gives a value; rejects, with what `followed` printed, if it exits first. */
export async function waitUntil<T>(
  followed: FollowedProcess,
  what: string,
  ready: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  for (;;) {
    const value = await ready();
    if (value !== undefined) return value;
    if (!followed.alive()) throw new Error(`${what} exited before serving: ${followed.stderr() || followed.stdout()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Starts `node --import tsx src/server/main.ts` (as main.test.ts does) and waits for its address;
 * `env` adds to or overrides the environment below (the scale-out check's shared key, its proxy). */
export async function startServer(database: FreshDatabase, env: Record<string, string> = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: '0',
      HOST: '127.0.0.1',
      // Errors only: the log line of a 5xx explains it in the report (explain5xx).
      LOG_LEVEL: 'error',
      MISPA_FILES_DIR: path.join(database.dir, 'files'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const followed = follow(child);
  const port = await waitUntil(
    followed,
    'the server',
    () => followed.stdout().match(/serving on http:\/\/127\.0\.0\.1:(\d+)/)?.[1],
  );
  return { ...followed, base: `http://127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
}

/** The server's log of the request a 5xx answer names (its "request id"), for the failure report. */
export async function explain5xx(server: RunningServer, body: string): Promise<string> {
  const id = body.match(/request id ([0-9a-f-]{36})/)?.[1];
  if (!id) return body.slice(0, 300);
  await new Promise((resolve) => setTimeout(resolve, 200)); // the log line may trail the answer
  const line = server
    .stdout()
    .split('\n')
    .find((l) => l.includes(id) && l.includes('"err"'));
  if (!line) return `${body.slice(0, 200)} (no log line for request ${id})`;
  const err = (JSON.parse(line) as { err?: { message?: string; stack?: string } }).err;
  return `${err?.message} at ${err?.stack?.split('\n').slice(1, 4).join(' ← ').replace(/\s+/g, ' ')}`;
}

/** A secretariat administrator with a live session made in the database: the headers of its requests. */
export async function adminHeaders(database: FreshDatabase, server: RunningServer): Promise<Record<string, string>> {
  const { db, close } = await database.open();
  try {
    const user = await buildUser(db, { role: 'secretariat-admin' });
    return { cookie: await buildSession(db, user.id), origin: server.origin };
  } finally {
    await close();
  }
}

/** Tables whose rows change while requests are refused, by design: sign-in and reset allowances,
 * the sliding expiry of the session that made the request, and the mail outbox, which the mail
 * jobs (reminders, notices) fill and empty on their own schedule. */
const VOLATILE_TABLES = new Set(['rate_limit', 'session', 'mail_outbox']);

/** Columns the notification mail job stamps on its own schedule (a notification made by an earlier,
 * accepted request is marked mailed whenever the job next runs, maybe while later requests are refused). */
const VOLATILE_COLUMNS: Record<string, readonly string[]> = { notification: ['mailed_at'] };

async function tableNames(db: Kysely<Database>, engine: Engine): Promise<string[]> {
  const rows =
    engine === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'
          and name not like 'sqlite_%' order by name`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.rows.map((r) => r.name);
}

export interface Snapshot {
  counts: Record<string, number>;
  /** Per table, an order-independent hash of its rows. */
  hashes: Record<string, string>;
}

/** Row counts and an order-independent hash of every row of every table (volatile ones left out). */
export async function snapshot(db: Kysely<Database>, engine: Engine): Promise<Snapshot> {
  const counts: Record<string, number> = {};
  const hashes: Record<string, string> = {};
  for (const table of await tableNames(db, engine)) {
    if (VOLATILE_TABLES.has(table)) continue;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    counts[table] = rows.length;
    const volatile = VOLATILE_COLUMNS[table] ?? [];
    const rowHashes = rows
      .map((row) => {
        for (const column of volatile) delete row[column];
        return createHash('sha256').update(JSON.stringify(row)).digest('hex');
      })
      .sort();
    hashes[table] = createHash('sha256').update(rowHashes.join(',')).digest('hex');
  }
  return { counts, hashes };
}

/** What differs between two snapshots, in words; empty when they are the same. */
export function snapshotDiff(before: Snapshot, after: Snapshot): string {
  const tables = [...new Set([...Object.keys(before.hashes), ...Object.keys(after.hashes)])].sort();
  return tables
    .filter((t) => before.hashes[t] !== after.hashes[t])
    .map((t) =>
      before.counts[t] === after.counts[t]
        ? `${t}: rows changed in place`
        : `${t}: ${before.counts[t] ?? 0}→${after.counts[t] ?? 0} rows`,
    )
    .join(', ');
}

/** The database's own check (SQLite), every row read back, and the audit chain: problems in words. */
export async function integrityProblems(db: Kysely<Database>, engine: Engine): Promise<string[]> {
  const problems: string[] = [];
  if (engine === 'sqlite') {
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    const verdict = rows.map((r) => r.integrity_check).join('; ');
    if (verdict !== 'ok') problems.push(`PRAGMA integrity_check: ${verdict}`);
    const keys = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db);
    if (keys.rows.length > 0) problems.push(`PRAGMA foreign_key_check: ${keys.rows.length} dangling references`);
  }
  await snapshot(db, engine); // reading every row of every table fails on a damaged page or heap
  const chain = await verifyChain(db);
  if (!chain.ok) problems.push(`audit chain broken at entry ${chain.seq}: ${chain.reason}`);
  return problems;
}
