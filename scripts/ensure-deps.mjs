// Installs npm dependencies only when they are missing or out of date, so `npm start` / `npm test` work on a fresh
// clone and stay fast afterwards. "Up to date" means: node_modules/.mispa-deps-hash holds the SHA-256 of the current
// package.json + package-lock.json (written after every successful install). Silent when nothing needs doing.
// Exports ensureDeps() for start.mjs / test.mjs; `node scripts/ensure-deps.mjs` runs it directly.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, run } from './lib/run.mjs';

const nodeModules = join(root, 'node_modules');
const lockFile = join(root, 'package-lock.json');
const marker = join(nodeModules, '.mispa-deps-hash');

function depsHash() {
  const hash = createHash('sha256').update(readFileSync(join(root, 'package.json')));
  if (existsSync(lockFile)) hash.update('\0').update(readFileSync(lockFile));
  return hash.digest('hex');
}

/** Why an install is needed, or null when node_modules matches package.json + package-lock.json. */
function installReason() {
  if (!existsSync(nodeModules)) return 'node_modules is missing';
  if (!existsSync(join(nodeModules, '.package-lock.json'))) return 'node_modules/.package-lock.json is missing';
  if (!existsSync(marker)) return 'no record of a previous install in node_modules/.mispa-deps-hash';
  if (readFileSync(marker, 'utf8').trim() !== depsHash()) return 'package.json or package-lock.json changed';
  return null;
}

/** Installs dependencies if needed; throws an Error with `exitCode` when npm fails. */
export function ensureDeps() {
  const reason = installReason();
  if (!reason) return;
  // A clean install from the lock file when starting from nothing; otherwise an incremental install.
  const command = !existsSync(nodeModules) && existsSync(lockFile) ? 'ci' : 'install';
  console.log(
    `Installing dependencies (${reason}): npm ${command}; better-sqlite3 compiles from source, so allow about a minute.`,
  );
  const code = run('npm', [command, '--no-audit', '--no-fund']);
  if (code !== 0) throw Object.assign(new Error(`npm ${command} failed (exit code ${code})`), { exitCode: code });
  // Hash after installing: `npm install` may have rewritten package-lock.json.
  writeFileSync(marker, `${depsHash()}\n`);
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  try {
    ensureDeps();
  } catch (error) {
    console.error(error.message);
    process.exit(error.exitCode ?? 1);
  }
}
