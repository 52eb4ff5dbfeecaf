// `npm test`: installs dependencies if needed, then runs every check with its output shown live:
//   lint (biome check .), types (tsc --noEmit), boundaries (dependency-cruiser: the module boundaries of
//   .dependency-cruiser.cjs), build (vite build; the browser tests need dist/web), tests (vitest run).
// Lint, types, boundaries and build count as one test each; vitest's own counts come from .tmp/vitest-results.json. Every step
// runs even when an earlier one fails, so one run shows everything. The last line is the summary
// `N passed, N failed[, N skipped]`; the exit code is non-zero when anything failed.
// Extra arguments go to vitest and skip lint/types/boundaries/build, to run a few tests quickly:
//   npm test -- src/server/modules/meetings
// The environment is passed through (MISPA_TEST_DATABASE_URL also runs the database tests on PostgreSQL).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDeps } from './ensure-deps.mjs';
import { BUILDS, build } from './lib/builds.mjs';
import { bin, root, run } from './lib/run.mjs';

process.chdir(root);
const vitestArgs = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const resultsFile = join(root, '.tmp', 'vitest-results.json');

function printSummary() {
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
}

/** Runs a locally installed tool under a banner; returns its exit code. */
function step(name, tool, args, env = {}) {
  console.log(`\n=== ${name}: ${tool} ${args.join(' ')}`);
  const started = performance.now();
  const code = run(bin(tool), args, env);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`=== ${name}: ${code === 0 ? 'passed' : `FAILED (exit code ${code})`} in ${seconds} s`);
  return code;
}

/** A step that counts as a single test. */
function suite(name, tool, args, env = {}) {
  const code = step(name, tool, args, env);
  totals[code === 0 ? 'passed' : 'failed'] += 1;
  return code;
}

function readResults() {
  try {
    return JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch {
    return null;
  }
}

/** The slowest test files, so a run that grows past its time budget shows where the time went. */
function printSlowestFiles(results, count = 12) {
  const files = (results.testResults ?? [])
    .map((file) => ({ name: file.name.replace(`${root}/`, ''), seconds: (file.endTime - file.startTime) / 1000 }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, count);
  console.log(`\nSlowest test files (wall-clock seconds, two at a time):`);
  for (const file of files) console.log(`${file.seconds.toFixed(1).padStart(8)}  ${file.name}`);
}

try {
  ensureDeps();
} catch (error) {
  console.error(error.message);
  totals.failed += 1;
  printSummary();
  process.exit(1);
}

if (vitestArgs.length === 0) {
  suite('lint', 'biome', ['check', '.']);
  suite('types', 'tsc', ['--noEmit', '-p', '.']);
  suite('boundaries', 'depcruise', ['src', '--config', '.dependency-cruiser.cjs']);
  // Successful builds are recorded so the next `npm start` does not build them again.
  build(BUILDS.web, (tool, args, env) => suite('build', tool, args, env));
  build(BUILDS.server, (tool, args, env) => suite('build server', tool, args, env));
}

mkdirSync(join(root, '.tmp'), { recursive: true });
rmSync(resultsFile, { force: true }); // never read a previous run's results
// The tests never crash PostgreSQL itself, so waiting for each commit's WAL flush buys them nothing
// (a crashed app process loses no acknowledged commit either way); without the wait the PostgreSQL
// half of the run is about 15 % faster on this machine's disk.
const testEnv = { PGOPTIONS: `${process.env.PGOPTIONS ?? ''} -c synchronous_commit=off`.trim() };
const vitestCode = step(
  'tests',
  'vitest',
  [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${join('.tmp', 'vitest-results.json')}`,
    ...vitestArgs,
  ],
  testEnv,
);
const results = readResults();
if (results) {
  printSlowestFiles(results);
  totals.passed += results.numPassedTests ?? 0;
  totals.failed += results.numFailedTests ?? 0;
  totals.skipped += (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  // Vitest can fail without a failed test (a file that does not load, an unhandled error, no test files found):
  // count it once so the run is not reported green.
  if (vitestCode !== 0 && !results.numFailedTests) {
    console.log('Vitest failed outside of any single test (see its output above): counted as one failure.');
    totals.failed += 1;
  }
} else {
  console.log(`Vitest wrote no readable ${resultsFile} (it crashed before reporting): counted as one failure.`);
  totals.failed += 1;
}

if (!existsSync('/usr/bin/chromium')) {
  console.log('Browser tests skipped: /usr/bin/chromium is not installed (apt-get install -y chromium).');
}
// The sitemap test fails instead when xmllint is required (CI=true, or MISPA_REQUIRE_XMLLINT=1 from .ci/run).
if (spawnSync('xmllint', ['--version']).error) {
  console.log('Sitemap schema check skipped: xmllint is not installed (apt-get install -y libxml2-utils).');
}
printSummary();
process.exit(totals.failed === 0 ? 0 : 1);
