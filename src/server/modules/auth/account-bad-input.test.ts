import { expect, it } from 'vitest';
import { AccountUpdateSchema, PasswordChangeSchema } from '../../../contract/users.js';
import { nastyValues } from '../../testing/api.js';
import { expectMalformedBodiesRefused } from '../../testing/bad-input.js';
import { buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { openSession } from '../../testing/sessions.js';

const RUNS = 1000;
// About 2 s a test on an idle machine; the margin is for a machine busy with other test files.
const FUZZ_TIMEOUT = 90_000;

describeEachEngine('changes to one’s own account: malformed requests', (ctx) => {
  const signedIn = async () => {
    const user = await buildUser(ctx.database.db);
    await openSession(ctx.database.db, user.id);
    return { user, headers: (await openSession(ctx.database.db, user.id)).headers };
  };

  it(
    `refuses ${RUNS} malformed bodies to PATCH /me with 4xx problems, writing nothing`,
    async () => {
      const sent = await expectMalformedBodiesRefused(ctx, {
        method: 'PATCH',
        url: '/api/v1/me',
        headers: (await signedIn()).headers,
        schema: AccountUpdateSchema,
        fields: ['displayName', 'preferredLang'],
        values: [
          '',
          ' ',
          'x'.repeat(201),
          'Ana\nMaría',
          'Ana\u2028',
          'EN',
          'de',
          'es ',
          null,
          1,
          [],
          {},
          ...nastyValues('app_user'),
        ],
        numRuns: RUNS,
      });
      expect(sent).toBe(RUNS);
    },
    FUZZ_TIMEOUT,
  );

  it(
    `refuses ${RUNS} malformed bodies to POST /me/password with 4xx problems, writing nothing and spending no attempt`,
    async () => {
      const { user, headers } = await signedIn();
      const sent = await expectMalformedBodiesRefused(ctx, {
        method: 'POST',
        url: '/api/v1/me/password',
        headers,
        schema: PasswordChangeSchema,
        fields: ['currentPassword', 'newPassword'],
        values: [user.password, 'short', '', 'x'.repeat(1025), null, 12, [], {}, ...nastyValues('app_user')],
        numRuns: RUNS,
      });
      expect(sent).toBe(RUNS);
    },
    FUZZ_TIMEOUT,
  );
});
