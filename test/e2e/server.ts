import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT_INDEX = join(ROOT, 'dist/web/index.html');
const PORTAL_SOURCES = ['src/web', 'src/contract', 'index.html', 'vite.config.ts'].map((path) => join(ROOT, path));
const LOCK = join(ROOT, 'dist/.web-build.lock');

export type RunningServer = { url: string; close(): Promise<void> };

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

function isBuildFresh(): boolean {
  if (!existsSync(BUILT_INDEX)) return false;
  const built = statSync(BUILT_INDEX).mtimeMs;
  return PORTAL_SOURCES.every((path) => !existsSync(path) || newestChange(path) <= built);
}

/** Builds dist/web when it is missing or older than the portal's sources. Test files run in
 * parallel workers, so a lock directory (mkdir is atomic) keeps two builds from emptying each other's output. */
export async function ensurePortalBuilt(): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (!isBuildFresh()) {
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
      if (!isBuildFresh()) {
        const { build } = await import('vite');
        await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
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
