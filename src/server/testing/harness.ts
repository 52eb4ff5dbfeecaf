import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe } from 'vitest';
import { type AppOptions, buildApp } from '../app.js';
import { type DatabaseHandle, openDatabase } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadIndicatorData } from '../reference-data/indicators.js';
import { loadReferenceData } from '../reference-data/loader.js';

/**
 * Real databases for tests: a fresh SQLite file, and — when MISPA_TEST_DATABASE_URL is set — a
 * fresh PostgreSQL schema, each dropped afterwards, so test files never see each other's rows.
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const referenceDir = path.join(repoRoot, 'data/reference');
export const webRoot = path.join(repoRoot, 'dist/web');

/** A copy of the reference files that a test may edit. */
export function copyOfReferenceData(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-reference-'));
  for (const file of fs.readdirSync(referenceDir)) fs.copyFileSync(path.join(referenceDir, file), path.join(dir, file));
  return dir;
}

/** Rewrites the reference file `file` of `dir` as `edit` makes its rows. */
export function editJson<T>(dir: string, file: string, edit: (rows: T[]) => T[]) {
  const full = path.join(dir, file);
  fs.writeFileSync(full, JSON.stringify(edit(JSON.parse(fs.readFileSync(full, 'utf8')) as T[]), null, 2));
}

export type Engine = 'sqlite' | 'postgres';
export interface TestDatabase extends DatabaseHandle {
  engine: Engine;
  /** The PostgreSQL schema of this database; undefined on SQLite. */
  schema?: string | undefined;
  /** Closes the connection and deletes the database. */
  drop(): Promise<void>;
}

export const engines: Engine[] = process.env.MISPA_TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-test-'));
    const handle = await openDatabase({ engine: 'sqlite', file: path.join(dir, 'test.sqlite') });
    return {
      ...handle,
      engine,
      drop: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.MISPA_TEST_DATABASE_URL as string;
  const schema = `test_${process.env.MISPA_TEST_RUN ?? 'adhoc'}_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ engine: 'postgres', url });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const handle = await openDatabase({ engine: 'postgres', url, schema });
  return {
    ...handle,
    engine,
    schema,
    // The schema itself is dropped after the whole run (testing/global-setup.ts).
    drop: () => handle.close(),
  };
}

/** A migrated database holding the project's reference data. */
export async function createLoadedDatabase(engine: Engine, dir = referenceDir): Promise<TestDatabase> {
  const database = await createTestDatabase(engine);
  try {
    await migrateToLatest(database.db, database.schema);
    await loadReferenceData(database.db, dir, () => new Date());
    await loadIndicatorData(database.db, dir, () => new Date());
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

export interface AppContext {
  engine: Engine;
  app: FastifyInstance;
  database: TestDatabase;
}

/**
 * Runs the same suite once per engine, on a freshly loaded database and a built app (not
 * listening: requests go through `app.inject`). The context is filled in `beforeAll`.
 */
export function describeEachEngine(
  name: string,
  suite: (ctx: AppContext) => void,
  /** More options of the app (a mailer, a clock), read when the app is built. */
  appOptions: () => Partial<AppOptions> = () => ({}),
) {
  for (const engine of engines) {
    describe(`${name} [${engine}]`, () => {
      const ctx = { engine } as AppContext;
      beforeAll(async () => {
        ctx.database = await createLoadedDatabase(engine);
        ctx.app = await buildApp({ db: ctx.database.db, engine, version: 'test', webRoot, ...appOptions() });
      });
      afterAll(async () => {
        await ctx.app?.close();
        await ctx.database?.drop();
      });
      suite(ctx);
    });
  }
}

export interface ClockedContext extends AppContext {
  /** The time the app sees: real time moved on by `advance`. */
  now(): Date;
  /** Moves the app's clock on (a new TOTP step every 30 s). */
  advance(ms: number): void;
}

/**
 * describeEachEngine, with a clock the tests can move and the app options they need (a
 * MISPA_SECRET_KEY, to check secrets are sealed at rest).
 */
export function describeEachEngineWithClock(
  name: string,
  options: { secretKey?: string },
  suite: (ctx: ClockedContext) => void,
) {
  for (const engine of engines) {
    describe(`${name} [${engine}]`, () => {
      let offset = 0;
      const ctx = {
        engine,
        now: () => new Date(Date.now() + offset),
        advance: (ms: number) => {
          offset += ms;
        },
      } as ClockedContext;
      beforeAll(async () => {
        ctx.database = await createLoadedDatabase(engine);
        ctx.app = await buildApp({
          db: ctx.database.db,
          engine,
          version: 'test',
          webRoot,
          clock: ctx.now,
          secretKey: options.secretKey,
        });
      });
      afterAll(async () => {
        await ctx.app?.close();
        await ctx.database?.drop();
      });
      suite(ctx);
    });
  }
}

/** A listening server on SQLite with the reference data and the built portal, for browser tests;
 * `db` lets a test create the users it signs in with. */
export async function startServer(): Promise<{ url: string; close(): Promise<void>; db: TestDatabase['db'] }> {
  const database = await createLoadedDatabase('sqlite');
  const app = await buildApp({ db: database.db, engine: 'sqlite', version: 'test', webRoot });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    db: database.db,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
