import fc from 'fast-check';
import { expect, it } from 'vitest';
import { SignOutEverywhereSchema } from '../../../contract/sessions.js';
import { nastyValues } from '../../testing/api.js';
import { expectMalformedBodiesRefused, expectUnknownIdsRefused } from '../../testing/bad-input.js';
import { buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { openSession } from '../../testing/sessions.js';

const RUNS = 1000;
// About 2 s a test on an idle machine; the margin is for a machine busy with other test files.
const FUZZ_TIMEOUT = 90_000;

describeEachEngine('session endpoints: malformed requests', (ctx) => {
  const signedIn = async () => {
    const user = await buildUser(ctx.database.db);
    await openSession(ctx.database.db, user.id);
    return (await openSession(ctx.database.db, user.id)).headers;
  };

  it(
    `refuses ${RUNS} malformed bodies to POST /me/sessions/sign-out-everywhere with 4xx problems, ending nothing`,
    async () => {
      const sent = await expectMalformedBodiesRefused(ctx, {
        method: 'POST',
        url: '/api/v1/me/sessions/sign-out-everywhere',
        headers: await signedIn(),
        schema: SignOutEverywhereSchema,
        fields: ['keepCurrent'],
        values: ['true', 'false', 1, 0, '', [], {}, ...nastyValues('session')],
        numRuns: RUNS,
      });
      expect(sent).toBe(RUNS);
    },
    FUZZ_TIMEOUT,
  );

  it(
    `refuses ${RUNS} malformed or unknown ids to DELETE /me/sessions/{id} with 400 or 404 problems, ending nothing`,
    async () => {
      const headers = await signedIn();
      const ids = fc
        .oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.stringMatching(/^[\w-]{32}$/),
          fc.constantFrom(...nastyValues('session')),
        )
        .filter((s) => s !== '');
      await expectUnknownIdsRefused(ctx, { base: '/api/v1/me/sessions', headers, ids, numRuns: RUNS });
    },
    FUZZ_TIMEOUT,
  );
});
