// Decides whether the portal bundle in dist/web is up to date, without running Vite.
// A SHA-256 of every build input (paths + contents) is stored next to the bundle after a successful build;
// when it still matches, `npm start` skips `vite build`. Content hashing (rather than mtimes) survives
// git checkouts and takes a few milliseconds even for hundreds of files.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './run.mjs';

const outputDir = join(root, 'dist', 'web');
const hashFile = join(outputDir, '.mispa-build-hash');
// Everything the bundle is built from: the portal sources, the shared contract, Vite's entry/config and the locked deps.
const inputs = ['src/web', 'src/contract', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

function listFiles(relative) {
  const absolute = join(root, relative);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [relative];
  return readdirSync(absolute, { recursive: true })
    .map((entry) => join(relative, entry))
    .filter((path) => statSync(join(root, path)).isFile());
}

/** Hash of all build inputs; changes whenever a file is added, removed, renamed or edited. */
export function webInputsHash() {
  const hash = createHash('sha256');
  for (const path of inputs.flatMap(listFiles).sort()) {
    hash
      .update(`${path}\0`)
      .update(readFileSync(join(root, path)))
      .update('\0');
  }
  return hash.digest('hex');
}

/** True when dist/web/index.html exists and was built from exactly the current inputs. */
export function isWebBuildFresh() {
  if (!existsSync(join(outputDir, 'index.html')) || !existsSync(hashFile)) return false;
  return readFileSync(hashFile, 'utf8').trim() === webInputsHash();
}

/**
 * Call after a successful `vite build` (which empties dist/web) with the hash taken just BEFORE the build,
 * so a file edited while Vite was running still triggers the next rebuild.
 */
export function recordWebBuild(inputsHash) {
  if (existsSync(join(outputDir, 'index.html'))) writeFileSync(hashFile, `${inputsHash}\n`);
}
