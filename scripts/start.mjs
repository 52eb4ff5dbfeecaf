// `npm start`: installs dependencies if needed, rebuilds the portal bundle (dist/web) only when its inputs changed,
// then runs the Fastify server (src/server/main.ts) in THIS process through tsx's ESM loader, so there is no extra
// child process and Ctrl-C goes straight to the server, which handles it. A second start with nothing changed takes
// only the server's own startup time. Arguments are passed through: `npm start -- --demo`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDeps } from './ensure-deps.mjs';
import { bin, root, run } from './lib/run.mjs';
import { isWebBuildFresh, recordWebBuild, webInputsHash } from './lib/web-build.mjs';

process.chdir(root);

try {
  ensureDeps();
} catch (error) {
  console.error(error.message);
  process.exit(error.exitCode ?? 1);
}

if (!isWebBuildFresh()) {
  console.log('Building the portal into dist/web (missing or out of date)...');
  const inputsHash = webInputsHash();
  const code = run(bin('vite'), ['build']);
  if (code !== 0) {
    console.error(`vite build failed (exit code ${code}); not starting the server.`);
    process.exit(code);
  }
  recordWebBuild(inputsHash);
}

const serverEntry = join(root, 'src', 'server', 'main.ts');
if (!existsSync(serverEntry)) {
  console.error(`Cannot start: ${serverEntry} does not exist.`);
  process.exit(1);
}
// Make the server see itself as the main module (process.argv[1]), as it would under `tsx src/server/main.ts`;
// its own arguments stay in process.argv.slice(2).
process.argv[1] = serverEntry;
const { register } = await import('tsx/esm/api');
register();
await import('../src/server/main.ts');
