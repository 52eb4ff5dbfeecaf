import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import { OwnSchemaIntrospector } from './own-schema-introspector.js';
import type { Database } from './schema.js';

export type DatabaseTarget = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string; schema?: string };

export interface DatabaseHandle {
  db: Kysely<Database>;
  target: DatabaseTarget;
  close(): Promise<void>;
}

/** A configuration mistake the person starting the platform can fix; main.ts prints the message alone. */
export class ConfigError extends Error {}

/** Reads DATABASE_URL: `postgres://…`, `postgresql://…`, `sqlite:/path/file.sqlite` or unset. */
export function parseDatabaseUrl(value: string | undefined, defaultFile: string): DatabaseTarget {
  if (value === undefined || value.trim() === '') return { engine: 'sqlite', file: defaultFile };
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid PostgreSQL URL: ${redact(value)}.`);
    }
    return { engine: 'postgres', url: value };
  }
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '')
      throw new ConfigError('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:/var/lib/mispa.sqlite.');
    return { engine: 'sqlite', file };
  }
  throw new ConfigError(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${redact(value)}").`);
}

/** Hides the password of a URL before it is shown or logged. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * Kysely's SQLite driver begins transactions as DEFERRED: the write lock is asked for only at the
 * first write. With several app processes on one file, a transaction that read first then finds
 * another process's commit in the way and fails with SQLITE_BUSY at once (the busy timeout cannot
 * help: its snapshot is stale). BEGIN IMMEDIATE takes the write lock up front, waiting out
 * busy_timeout, so read-then-write transactions of different processes queue instead of failing.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.engine === 'sqlite' ? openSqlite(target) : openPostgres(target);
}

function openSqlite(target: Extract<DatabaseTarget, { engine: 'sqlite' }>): DatabaseHandle {
  fs.mkdirSync(path.dirname(path.resolve(target.file)), { recursive: true });
  let database: SQLite.Database;
  try {
    database = new SQLite(target.file);
  } catch (error) {
    throw new ConfigError(`Cannot open the SQLite database ${target.file}: ${(error as Error).message}.`);
  }
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // In WAL mode NORMAL is crash-safe for the application; a power loss may drop the last commits.
  database.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }) });
  return { db, target, close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; compiling the SQL costs more than running most of ours. The same
 * statement text gets the same prepared statement (SQLite re-prepares it itself after a schema
 * change). Bounded: queries whose text varies (IN lists of any length) must not grow it for ever.
 */
function withStatementCache(database: SQLite.Database, limit = 1000) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= limit) statements.clear();
        statement = database.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/** PostgreSQL, with an introspector that reads only the connection's own schema. */
class OwnSchemaPostgresDialect extends PostgresDialect {
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own signature
  override createIntrospector(db: Kysely<any>) {
    return new OwnSchemaIntrospector(db);
  }
}

async function openPostgres(target: Extract<DatabaseTarget, { engine: 'postgres' }>): Promise<DatabaseHandle> {
  const settings = {
    connectionString: target.url,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  };
  // Reachability is checked once, with a short timeout, so a wrong URL fails the start quickly.
  const probe = new pg.Client({ ...settings, connectionTimeoutMillis: 5000 });
  try {
    await probe.connect();
    await probe.query('select 1');
  } catch (error) {
    const { hostname, port } = new URL(target.url);
    throw new ConfigError(
      `Cannot reach the PostgreSQL database at ${hostname}:${port || 5432}: ${(error as Error).message}.`,
    );
  } finally {
    await probe.end().catch(() => undefined);
  }
  // pg-pool counts the wait for a free connection against this timeout: under load a burst of queries
  // queues behind the ten connections, and a short limit failed queries that would have been served.
  const pool = new pg.Pool({ ...settings, max: 10, connectionTimeoutMillis: 30_000 });
  const db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
  listenable.set(db, settings);
  return { db, target, close: () => db.destroy() };
}

/** The channel the audit trail notifies on each commit (modules/audit/chain.ts): one per schema, so
 * databases sharing a server (the tests' schemas) do not wake each other; hashed, as a channel name
 * is an identifier of at most 63 bytes. */
export const AUDIT_CHANNEL_SQL = "'mispa_audit_' || md5(current_schema())";

/** Calls `onNotify` whenever a transaction that wrote to the audit trail commits, in any process on
 * the database, until the returned function is called; `onError` when the listening connection is
 * lost (the caller then relies on polling). */
export type AuditListen = (onNotify: () => void, onError: (error: Error) => void) => Promise<() => Promise<void>>;

const listenable = new WeakMap<Kysely<Database>, pg.ClientConfig>();

/** LISTEN on a PostgreSQL database opened by openDatabase, on a connection of its own (a pooled one
 * would be handed to other queries); null on SQLite, which has no notifications. */
export function auditListenOf(db: Kysely<Database>): AuditListen | null {
  const settings = listenable.get(db);
  if (!settings) return null;
  return async (onNotify, onError) => {
    const client = new pg.Client({ ...settings, connectionTimeoutMillis: 10_000 });
    client.on('error', onError);
    await client.connect();
    try {
      const { rows } = await client.query<{ channel: string }>(`select ${AUDIT_CHANNEL_SQL} as channel`);
      client.on('notification', () => onNotify());
      await client.query(`listen "${rows[0]?.channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return () => client.end().catch(() => undefined);
  };
}
