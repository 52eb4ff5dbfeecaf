import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readConfig } from '../src/server/config.js';
import { ConfigError, openDatabase, redact } from '../src/server/db/connection.js';
import { auditHeadKey, verifyChain } from '../src/server/modules/audit/chain.js';

/**
 * `npm run audit:verify`: walks the audit trail of the database the platform uses (DATABASE_URL,
 * as `npm start` reads it) and checks every link of the hash chain, and that the chain ends where
 * its head, signed with MISPA_SECRET_KEY, says; it prints the head so it can be recorded elsewhere.
 * Exit status: 0 intact; 1 broken (the first broken link is printed); 2 the check could not run.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

export async function auditVerify(env: NodeJS.ProcessEnv, out: Output): Promise<0 | 1 | 2> {
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig(env, root);
  } catch (error) {
    if (error instanceof ConfigError) {
      out.error(`audit:verify could not start: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const target = config.database;
  const where = target.engine === 'sqlite' ? `SQLite ${target.file}` : `PostgreSQL ${redact(target.url)}`;
  // Opening a SQLite file that is not there would create an empty database, which proves nothing.
  if (target.engine === 'sqlite' && !fs.existsSync(target.file)) {
    out.error(`audit:verify: there is no database at ${target.file} (set DATABASE_URL).`);
    return 2;
  }
  let handle: Awaited<ReturnType<typeof openDatabase>>;
  try {
    handle = await openDatabase(target);
  } catch (error) {
    out.error(`audit:verify could not open ${where}: ${(error as Error).message}`);
    return 2;
  }
  try {
    const check = await verifyChain(handle.db, { key: auditHeadKey(config.secretKey) });
    if (check.ok) {
      out.log(`audit trail intact: ${check.entries} entries (${where})`);
      out.log(`audit head: ${check.entries} entries, last hash ${check.head?.lastHash ?? 'none'}`);
      return 0;
    }
    out.error(
      `audit trail BROKEN at entry ${check.seq}: ${check.reason}. ` +
        `${check.seq > 1 ? `Entries 1 to ${check.seq - 1} are intact` : 'No entry before it'} (${where}).`,
    );
    return 1;
  } catch (error) {
    out.error(`audit:verify could not read the audit trail of ${where}: ${(error as Error).message}`);
    return 2;
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  auditVerify(process.env, { log: console.log, error: console.error }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
