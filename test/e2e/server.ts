import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILDS, build, isFresh } from '../../scripts/lib/builds.mjs';
import { bin, run } from '../../scripts/lib/run.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOCK = join(ROOT, 'dist/.web-build.lock');

export type RunningServer = { url: string; close(): Promise<void> };

/** Builds dist/web as `npm start` does (for production, recorded, so npm start and the bench reuse
 * it) when it is missing or out of date. Test files run in parallel workers, so a lock directory
 * (mkdir is atomic) keeps two builds from emptying each other's output. */
export async function ensurePortalBuilt(): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (!isFresh(BUILDS.web)) {
    try {
      mkdirSync(join(ROOT, 'dist'), { recursive: true });
      mkdirSync(LOCK);
    } catch {
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for another portal build (remove ${LOCK} if stale).`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      if (!isFresh(BUILDS.web)) {
        const code = build(BUILDS.web, (tool, args, env) => run(bin(tool), [...args, '--logLevel', 'warn'], env));
        if (code !== 0) throw new Error(`the portal build failed (exit code ${code})`);
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

/** The platform on SQLite with the reference data, serving the built portal, on a free local port. */
export async function startPortalServer(): Promise<RunningServer> {
  await ensurePortalBuilt();
  const harness = await import('../../src/server/testing/harness.js');
  return harness.startServer();
}
