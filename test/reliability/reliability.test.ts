import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concurrency } from '../../scripts/reliability/concurrency.js';
import { crashSafety } from '../../scripts/reliability/crash.js';
import { fuzzEdge } from '../../scripts/reliability/fuzz.js';
import { negotiationRace } from '../../scripts/reliability/negotiation.js';
import { nginxMissing, scaleOut } from '../../scripts/reliability/scale-out.js';
import { type FreshDatabase, freshDatabase } from '../../scripts/reliability/server.js';
import { SCALES } from '../../scripts/reliability/suite.js';
import { engines } from '../../src/server/testing/harness.js';

/**
 * `npm run test:reliability` at the small scale, inside `npm test` so CI runs it: the real server
 * as a child process on a fresh database per engine (SQLite, and PostgreSQL when
 * MISPA_TEST_DATABASE_URL is set). Each check lists what went wrong; the expected list is empty.
 * The figures for docs/reliability.md come from `npm run test:reliability`, not from here.
 * Scale-out runs on PostgreSQL only, and needs nginx: without it a developer's run skips it and
 * says why, but CI (.ci/run sets MISPA_REQUIRE_NGINX=1 after installing it; or CI=true) fails.
 */

const small = SCALES.small;
// 20–60 s a check on an idle machine (the fuzzer grows with the API); the margin is for two cores
// shared with other test files.
const TIMEOUT = 300_000;
const nginxRequired = process.env.MISPA_REQUIRE_NGINX === '1' || process.env.CI === 'true';
const skipScaleOut = nginxRequired ? null : nginxMissing();
if (skipScaleOut && engines.includes('postgres'))
  console.warn(`The scale-out reliability check was skipped: ${skipScaleOut}.`);

for (const engine of engines) {
  describe(`reliability at the small scale [${engine}]`, () => {
    let database: FreshDatabase;
    beforeAll(async () => {
      database = await freshDatabase(engine, process.env.MISPA_TEST_DATABASE_URL);
    });
    afterAll(async () => {
      await database?.drop();
    });

    // Each check returns what went wrong, after asserting that it did real work.
    it.each([
      [
        'keeps every acknowledged write, and an intact database, through SIGKILLs amid concurrent writers',
        async () => {
          const result = await crashSafety(database, small.crash);
          expect(result.acknowledged.agendaItems * result.acknowledged.delegations).toBeGreaterThan(0);
          return result.failures;
        },
      ],
      [
        'lets one of 20 simultaneous edits through, answers the others 409, loses none on retry, and takes 20 creations at once',
        async () => {
          const result = await concurrency(database, small.concurrency);
          for (const record of result.records) expect(record.acknowledged).toBe(20 * small.concurrency.rounds);
          return result.failures;
        },
      ],
      [
        'lets ten delegations amend and support one document at once, the chair accept all at once: each accepted change in the history and the text, none lost',
        async () => {
          const result = await negotiationRace(database, small.negotiation);
          expect(result.proposed).toBe(2 * small.negotiation.delegations);
          expect(result.accepted).toBe(result.proposed);
          return result.failures;
        },
      ],
      [
        'answers malformed requests to every operation without a 5xx, with problem documents, changing nothing',
        async () => {
          const result = await fuzzEdge(database, small.fuzz);
          expect(result.operations.length).toBeGreaterThan(50);
          return result.failures;
        },
      ],
    ])('%s', async (_, check) => expect(await check()).toEqual([]), TIMEOUT);

    if (engine === 'postgres') {
      it.skipIf(skipScaleOut !== null)(
        `shares sessions, writes and live updates between two processes behind nginx, and loses no request through it${skipScaleOut ? ` (skipped: ${skipScaleOut})` : ''}`,
        async () => {
          const result = await scaleOut(database, small.scaleOut);
          if ('skipped' in result) throw new Error(`scale-out did not run: ${result.skipped}`);
          expect(Object.keys(result.session.throughNginx)).toHaveLength(2);
          expect(Object.values(result.load.backendsLogged).every((n) => n > 0)).toBe(true);
          expect(result.load.nginxLogged).toBe(small.scaleOut.requests);
          expect(result.liveUpdates.onB).not.toBeNull();
          expect(result.liveUpdates.throughNginx).not.toBeNull();
          expect(result.failures).toEqual([]);
        },
        TIMEOUT,
      );
    }
  });
}
