import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readConfig } from '../src/server/config.js';
import { backupDatabase, defaultBackupFile, restoreDatabase } from '../src/server/db/backup.js';
import { ConfigError, redact } from '../src/server/db/connection.js';

/**
 * `npm run backup [-- --out FILE]`: an online backup of the database the platform uses
 * (DATABASE_URL, as `npm start` reads it), safe while the platform serves.
 * `npm run restore -- FILE`: puts a backup back; stop the platform first.
 * Exit status: 0 done; 2 it could not be done (the reason is printed in one sentence).
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Output {
  log(line: string): void;
  error(line: string): void;
  /** Rewrites the current line (progress); absent when not a terminal. */
  progress?(line: string): void;
}

export async function backupCommand(
  command: 'backup' | 'restore',
  args: string[],
  env: NodeJS.ProcessEnv,
  out: Output,
): Promise<0 | 2> {
  try {
    const target = readConfig(env, root).database;
    const where = target.engine === 'sqlite' ? `SQLite ${target.file}` : `PostgreSQL ${redact(target.url)}`;
    const started = Date.now();
    if (command === 'backup') {
      const outIndex = args.indexOf('--out');
      const file = outIndex >= 0 ? args[outIndex + 1] : defaultBackupFile(root, target, new Date());
      if (!file) throw new ConfigError('--out needs a file name.');
      const result = await backupDatabase(target, file, (done, total) =>
        out.progress?.(`backing up ${where}: ${Math.round((100 * done) / Math.max(total, 1))}%`),
      );
      out.log(`backup of ${where} written to ${result.file} (${result.bytes} bytes) in ${Date.now() - started} ms`);
    } else {
      const file = args.find((arg) => !arg.startsWith('--'));
      if (!file) throw new ConfigError('Name the backup to restore: npm run restore -- data/backups/FILE.');
      await restoreDatabase(target, file);
      out.log(`${where} restored from ${file} in ${Date.now() - started} ms`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    out.error(`${command} could not be done: ${error.message}`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'backup' && command !== 'restore') {
    console.error('usage: tsx scripts/backup.ts backup|restore [arguments]');
    process.exit(2);
  }
  // On a terminal the progress line is rewritten in place, and cleared before the last word.
  const clear = process.stdout.isTTY ? '\r\x1b[K' : '';
  const code = await backupCommand(command, args, process.env, {
    log: (line) => console.log(`${clear}${line}`),
    error: (line) => console.error(`${clear}${line}`),
    ...(clear ? { progress: (line: string) => process.stdout.write(`${clear}${line}`) } : {}),
  });
  process.exit(code);
}
