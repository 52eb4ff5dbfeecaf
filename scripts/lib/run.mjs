// Shared helpers for the developer entry points (start.mjs, test.mjs, ensure-deps.mjs).
// They run before dependencies are installed, so only node: built-ins are used here.
// Tools are run from node_modules/.bin (what `npx <tool>` would pick) so that nothing is ever fetched from the registry.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Absolute path of the repository root (the parent of scripts/). */
export const root = join(import.meta.dirname, '..', '..');

/** Absolute path of a locally installed command-line tool, e.g. bin('vite'). */
export const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Runs a command in the repository root with the terminal and environment inherited (`env` added);
 * returns its exit code. */
export function run(command, args = [], env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) {
    console.error(`Could not run ${command}: ${result.error.message}`);
    return 1;
  }
  // A child killed by a signal (e.g. Ctrl-C) has no exit status: report it as a failure.
  return result.status ?? 1;
}
