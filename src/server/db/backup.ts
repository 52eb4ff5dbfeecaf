import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { ConfigError, type DatabaseTarget } from './connection.js';

/**
 * Backups while the platform runs, and restores into a stopped platform.
 * SQLite: the online backup API copies a consistent snapshot page by page while writers go on; the
 * copy is checked with `integrity_check` before it is called a backup, and again before a restore.
 * PostgreSQL: `pg_dump` in its custom format (one consistent snapshot), and `pg_restore --clean`.
 */

/** The most pages SQLite's backup step takes at once: all of them. */
const ALL_PAGES = 0x7fffffff;

export interface BackupResult {
  file: string;
  bytes: number;
}

/** Where `npm run backup` writes when not told: data/backups/mispa-<UTC time>.<sqlite|dump>. */
export function defaultBackupFile(root: string, target: DatabaseTarget, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return path.join(root, 'data', 'backups', `mispa-${stamp}.${target.engine === 'sqlite' ? 'sqlite' : 'dump'}`);
}

export async function backupDatabase(
  target: DatabaseTarget,
  file: string,
  onProgress?: (done: number, total: number) => void,
): Promise<BackupResult> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (fs.existsSync(file)) throw new ConfigError(`${file} already exists; choose another file for the backup.`);
  if (target.engine === 'sqlite') {
    if (!fs.existsSync(target.file)) throw new ConfigError(`There is no SQLite database at ${target.file}.`);
    const source = new SQLite(target.file, { fileMustExist: true });
    // Copied in steps, to show progress; but a write by the running platform between two steps
    // starts the copy over, so once that happens the rest is copied in one step, which no write
    // can interrupt (in WAL mode the platform keeps writing meanwhile).
    let lastRemaining = Number.POSITIVE_INFINITY;
    let restarted = false;
    try {
      await source.backup(file, {
        progress: ({ totalPages, remainingPages }) => {
          restarted ||= remainingPages >= lastRemaining;
          lastRemaining = remainingPages;
          onProgress?.(totalPages - remainingPages, totalPages);
          return restarted ? ALL_PAGES : 100;
        },
      });
    } finally {
      source.close();
    }
    assertIntact(file);
  } else {
    await run('pg_dump', [
      '--format=custom',
      '--no-owner',
      `--file=${file}`,
      ...(target.schema ? [`--schema=${target.schema}`] : []),
      `--dbname=${target.url}`,
    ]);
  }
  return { file, bytes: fs.statSync(file).size };
}

/** Replaces the database's content with the backup's. The platform must be stopped. */
export async function restoreDatabase(target: DatabaseTarget, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new ConfigError(`There is no backup file at ${file}.`);
  if (target.engine === 'sqlite') {
    assertIntact(file);
    // The backup API again, from the backup into the live file: it replaces every page under the
    // database's own locks, so the WAL and the main file stay consistent.
    const backup = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      fs.mkdirSync(path.dirname(path.resolve(target.file)), { recursive: true });
      await backup.backup(target.file);
    } finally {
      backup.close();
    }
    assertIntact(target.file);
  } else {
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      '--exit-on-error',
      ...(target.schema ? [`--schema=${target.schema}`] : []),
      `--dbname=${target.url}`,
      file,
    ]);
  }
}

function assertIntact(file: string): void {
  let result: string;
  try {
    const database = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      result = database.pragma('integrity_check', { simple: true }) as string;
    } finally {
      database.close();
    }
  } catch (error) {
    throw new ConfigError(`${file} is not a readable SQLite database: ${(error as Error).message}.`);
  }
  if (result !== 'ok') throw new ConfigError(`${file} fails SQLite's integrity check: ${result}.`);
}

/** Runs a PostgreSQL client program; its own error message, if any, becomes the error. */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) =>
      reject(new ConfigError(`Cannot run ${command} (${error.message}); install the PostgreSQL client programs.`)),
    );
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new ConfigError(`${command} failed (exit code ${code}): ${stderr.trim().split('\n')[0] ?? ''}`)),
    );
  });
}
