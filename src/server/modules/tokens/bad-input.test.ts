import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ApiTokenCreateSchema } from '../../../contract/tokens.js';
import { nastyValues } from '../../testing/api.js';
import { expectMalformedBodiesRefused, expectUnknownIdsRefused } from '../../testing/bad-input.js';
import { buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { openSession } from '../../testing/sessions.js';

const RUNS = 1000;
// About 2 s a test on an idle machine; the margin is for a machine busy with other test files.
const FUZZ_TIMEOUT = 90_000;

describeEachEngine('token endpoints: malformed requests', (ctx) => {
  const signedIn = async () => {
    const user = await buildUser(ctx.database.db);
    return (await openSession(ctx.database.db, user.id, { secondFactor: true })).headers;
  };

  it(
    `refuses ${RUNS} malformed bodies to POST /me/tokens with 4xx problems, creating nothing`,
    async () => {
      const sent = await expectMalformedBodiesRefused(ctx, {
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: await signedIn(),
        schema: ApiTokenCreateSchema,
        fields: ['name', 'scope', 'expiresInDays'],
        values: [
          '',
          '   ',
          'a'.repeat(101),
          'line\nbreak',
          'para\u2028graph',
          'read',
          'write',
          'admin',
          'READ',
          0,
          1,
          365,
          366,
          -1,
          1.5,
          '30',
          1e308,
          null,
          true,
          ...nastyValues('api_token'),
        ],
        numRuns: RUNS,
      });
      expect(sent).toBe(RUNS);
    },
    FUZZ_TIMEOUT,
  );

  it(
    `refuses ${RUNS} malformed ids to DELETE /me/tokens/{id} with 400 or 404 problems, revoking nothing`,
    async () => {
      const headers = await signedIn();
      const created = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers,
        payload: { name: 'kept', scope: 'read', expiresInDays: 1 },
      });
      const { id } = created.json();
      const ids = fc
        .oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.uuid(),
          fc.constantFrom(`${id} `, id.toUpperCase(), `${id}x`, id.slice(1), ...nastyValues('api_token')),
        )
        .filter((s) => s !== id && s !== '');
      await expectUnknownIdsRefused(ctx, { base: '/api/v1/me/tokens', headers, ids, numRuns: RUNS });
    },
    FUZZ_TIMEOUT,
  );
});
