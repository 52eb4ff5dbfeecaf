// Decides whether a build output is up to date without running the build: the portal (dist/web, by
// Vite) and the server (dist/server, one ES module bundled by esbuild, which `npm start` runs with
// plain Node: no TypeScript loader thread, some 40 MB less resident memory). A SHA-256 of every
// input (paths + contents) is stored next to the output after a successful build; when it still
// matches, the build is skipped. Content hashing (rather than mtimes) survives git checkouts and
// takes a few milliseconds even for hundreds of files.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, root, run } from './run.mjs';

/**
 * Node's flags for the server, as `npm start` (package.json) and the bench run it, to keep its
 * resident memory under ten connections within issue 12's 250 MB (docs/performance.md): a young
 * generation of 3 × 8 MB instead of V8's 3 × 16 MB (more, shorter, scavenges), and an old
 * generation let grow to 1.5 × what survived the last full collection before the next one, where V8
 * allows up to 4 × while requests allocate fast (peak 323 → 209 MB on the large data set, the
 * throughput within the machine's noise). V8 sizes its heap at start, so these go on Node's
 * command line (the server cannot set them for itself).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8', '--heap-growing-percent=50'];

export const BUILDS = {
  web: {
    outputDir: 'dist/web',
    output: 'index.html',
    // The portal sources, the shared domain rules and contract, Vite's entry/config and the locked deps.
    inputs: ['src/web', 'src/domain', 'src/contract', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'],
    command: ['vite', ['build']],
    // Whoever runs the build (a test worker has NODE_ENV=test), the portal is built for production:
    // React's development build is twice the size and slower.
    env: { NODE_ENV: 'production' },
  },
  server: {
    outputDir: 'dist/server',
    output: 'main.js',
    inputs: ['src/server', 'src/domain', 'src/contract', 'package-lock.json', 'scripts/lib/builds.mjs'],
    // Packages stay in node_modules (native addons, files they read beside themselves); source maps
    // keep stack traces pointing at the TypeScript.
    command: [
      'esbuild',
      [
        'src/server/main.ts',
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--target=node20',
        '--packages=external',
        '--sourcemap',
        '--log-level=warning',
        '--outfile=dist/server/main.js',
      ],
    ],
  },
};

function listFiles(relative) {
  const absolute = join(root, relative);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [relative];
  return readdirSync(absolute, { recursive: true })
    .map((entry) => join(relative, entry))
    .filter((path) => statSync(join(root, path)).isFile());
}

/** Hash of all of a build's inputs; changes whenever a file is added, removed, renamed or edited. */
export function inputsHash(target) {
  const hash = createHash('sha256');
  for (const path of target.inputs.flatMap(listFiles).sort()) {
    hash
      .update(`${path}\0`)
      .update(readFileSync(join(root, path)))
      .update('\0');
  }
  return hash.digest('hex');
}

const hashFile = (target) => join(root, target.outputDir, '.mispa-build-hash');

/** True when the build's output exists and was built from exactly the current inputs. */
export function isFresh(target) {
  if (!existsSync(join(root, target.outputDir, target.output)) || !existsSync(hashFile(target))) return false;
  return readFileSync(hashFile(target), 'utf8').trim() === inputsHash(target);
}

/**
 * Call after a successful build with the hash taken just BEFORE it, so a file edited while the
 * build was running still triggers the next rebuild.
 */
export function recordBuild(target, hash) {
  if (existsSync(join(root, target.outputDir, target.output))) writeFileSync(hashFile(target), `${hash}\n`);
}

/** Runs the build (always) with `runTool(tool, args, env)`; records it when it succeeds. Returns the exit code. */
export function build(target, runTool = (tool, args, env) => run(bin(tool), args, env)) {
  const hash = inputsHash(target);
  const code = runTool(...target.command, target.env ?? {});
  if (code === 0) recordBuild(target, hash);
  return code;
}
