import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DatabaseTarget, parseDatabaseUrl, redact } from '../../src/server/db/connection.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The bench database: DATABASE_URL when set (as `npm start` reads it), otherwise a SQLite file of
 * its own per scale, so benchmarking never touches the development database.
 */
export function benchTarget(env: NodeJS.ProcessEnv, scale: string): DatabaseTarget {
  return parseDatabaseUrl(env.DATABASE_URL, path.join(root, 'data', `bench-${scale}.sqlite`));
}

/** Where the bench data set's stored files go: MISPA_FILES_DIR, or .tmp/bench-files (ignored by git). */
export function benchFilesDir(env: NodeJS.ProcessEnv): string {
  return path.resolve(root, env.MISPA_FILES_DIR || '.tmp/bench-files');
}

export const describeTarget = (target: DatabaseTarget) =>
  target.engine === 'sqlite'
    ? `SQLite ${path.relative(root, target.file) || target.file}`
    : `PostgreSQL ${redact(target.url)}`;

/** A value given as `--name value` or `--name=value`; undefined when absent. */
export function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}
