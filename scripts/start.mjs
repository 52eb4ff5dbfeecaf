// `npm start`: installs dependencies if needed, rebuilds the portal (dist/web) and the server bundle (dist/server)
// only when their inputs changed, then runs the server in THIS process, so there is no extra child process and
// Ctrl-C goes straight to the server, which handles it. A second start with nothing changed takes only the server's
// own startup time. Arguments are passed through: `npm start -- --demo`.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDeps } from './ensure-deps.mjs';
import { BUILDS, build, isFresh } from './lib/builds.mjs';
import { root } from './lib/run.mjs';

process.chdir(root);

try {
  ensureDeps();
} catch (error) {
  console.error(error.message);
  process.exit(error.exitCode ?? 1);
}

for (const [name, target] of Object.entries(BUILDS)) {
  if (isFresh(target)) continue;
  console.log(
    `Building the ${name === 'web' ? 'portal' : 'server'} into ${target.outputDir} (missing or out of date)...`,
  );
  const code = build(target);
  if (code !== 0) {
    console.error(`The ${name} build failed (exit code ${code}); not starting the server.`);
    process.exit(code);
  }
}

// Make the server see itself as the main module (process.argv[1]), as it would under `node
// dist/server/main.js`; its own arguments stay in process.argv.slice(2).
const serverEntry = join(root, BUILDS.server.outputDir, BUILDS.server.output);
process.argv[1] = serverEntry;
await import(pathToFileURL(serverEntry).href);
