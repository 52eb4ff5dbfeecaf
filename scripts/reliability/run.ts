import path from 'node:path';
import { docsSection, rewriteSection, summary, writeResult } from './report.js';
import { repoRoot } from './server.js';
import { type EngineResult, runEngine, type Scale } from './suite.js';

/**
 * `npm run test:reliability [-- --scale small|large] [--postgres URL] [--no-write]`
 *
 * Starts the real platform on a fresh database and checks, in turn: crash safety (SIGKILL amid
 * concurrent writers, then every acknowledged write present and the database intact), concurrency
 * (20 clients editing one record: one wins, the others get 409 and get through on retry, nothing
 * lost), negotiation (ten delegations amending and supporting one outcome document at once, the
 * chair accepting all at once: every accepted change in the history and the text), bad input at the edge (every operation of the OpenAPI document fed malformed requests:
 * no 5xx, problem documents, the database unchanged by refusals), and scale-out (PostgreSQL only,
 * where nginx is installed: two processes behind nginx share sessions and writes, and a load test
 * through it loses no request; otherwise it says why it was skipped). On SQLite always, and on
 * PostgreSQL too when --postgres or MISPA_TEST_DATABASE_URL names a server (a database is created
 * for the run and dropped after it). Prints a summary, writes bench/results/reliability-<date>-<db>.json
 * and the generated section of docs/reliability.md (unless --no-write). Exit status 1 when a check failed.
 * CI runs the same checks at the small scale through test/reliability/reliability.test.ts.
 */

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const scale = (option(args, '--scale') ?? 'small') as Scale;
  if (scale !== 'small' && scale !== 'large') {
    console.error(`--scale must be small or large (got "${scale}").`);
    return 2;
  }
  const postgres = option(args, '--postgres') ?? process.env.MISPA_TEST_DATABASE_URL;
  const results: EngineResult[] = [];
  for (const engine of postgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
    console.log(`reliability checks at the ${scale} scale on ${engine}…`);
    results.push(await runEngine(engine, scale, postgres));
  }
  console.log(`\n${summary(results)}\n`);
  for (const failure of results.flatMap((r) => r.failures.map((f) => `${r.engine}: ${f}`))) console.log(failure);
  for (const r of results) {
    if ('skipped' in r.scaleOut) console.log(`${r.engine}: scale-out skipped: ${r.scaleOut.skipped}`);
  }
  if (!args.includes('--no-write')) {
    const date = new Date().toISOString().slice(0, 10);
    for (const result of results) {
      console.log(`wrote ${path.relative(repoRoot, writeResult(path.join(repoRoot, 'bench/results'), date, result))}`);
    }
    rewriteSection(path.join(repoRoot, 'docs/reliability.md'), docsSection(results, date));
    console.log('rewrote the generated section of docs/reliability.md');
  }
  const failed = results.reduce((sum, r) => sum + r.failures.length, 0);
  console.log(failed === 0 ? 'every reliability check passed' : `${failed} reliability check(s) failed`);
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
