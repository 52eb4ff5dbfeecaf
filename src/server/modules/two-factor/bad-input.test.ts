import { expect, it } from 'vitest';
import {
  TwoFactorChallengeSchema,
  TwoFactorCodeSchema,
  TwoFactorEnrolmentStartSchema,
} from '../../../contract/two-factor.js';
import { expectMalformedBodiesRefused } from '../../testing/bad-input.js';
import { buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { openSession } from '../../testing/sessions.js';
import { newTotpSecret } from './totp.js';

/** Values that come close to a code or a recovery code without being one. */
const NEAR_CODES = [
  '',
  '12345',
  '1234567',
  123456,
  '12345a',
  ' 123456',
  '123 456',
  '１２３４５６',
  '٠١٢٣٤٥',
  'short',
  'X'.repeat(41),
  'ABCD-EFGH-JKL!',
  'ABCD-EFGH-JKMN-PQRS',
  'ABCD-EFGH-JKM',
  "' OR '1'='1",
  '\u0000',
  null,
  true,
  [],
  {},
];
const RUNS = 1000;
// About 2 s a test on an idle machine; the margin is for a machine busy with other test files.
const FUZZ_TIMEOUT = 90_000;

describeEachEngine('two-factor endpoints: malformed bodies', (ctx) => {
  /** A session of a user whose valid request would change something, so "nothing written" means something. */
  const sessionOf = async (options: { totpSecret?: string; secondFactor?: boolean; pending?: boolean }) => {
    const user = await buildUser(ctx.database.db, options.totpSecret ? { totpSecret: options.totpSecret } : {});
    const session = await openSession(ctx.database.db, user.id, { secondFactor: options.secondFactor ?? false });
    if (options.pending) {
      await ctx.app.inject({ method: 'POST', url: '/api/v1/me/two-factor/enrolment', headers: session.headers });
    }
    return session.headers;
  };

  /** Each endpoint, with the state in which a valid body would write, and the fields its body has. */
  const endpoints = [
    {
      method: 'POST',
      url: '/me/two-factor/enrolment',
      state: {},
      schema: TwoFactorEnrolmentStartSchema,
      fields: ['code', 'secret'],
    },
    {
      method: 'POST',
      url: '/me/two-factor/enrolment/confirm',
      state: { pending: true },
      schema: TwoFactorCodeSchema,
      fields: ['code'],
    },
    {
      method: 'POST',
      url: '/auth/two-factor',
      state: { totpSecret: newTotpSecret() },
      schema: TwoFactorChallengeSchema,
      fields: ['code', 'recoveryCode'],
    },
    {
      method: 'DELETE',
      url: '/me/two-factor',
      state: { totpSecret: newTotpSecret(), secondFactor: true },
      schema: TwoFactorCodeSchema,
      fields: ['code'],
    },
  ] as const;

  it.each(endpoints)(
    `refuses ${RUNS} malformed bodies to $method $url with 4xx problems, writing nothing and spending no attempt`,
    async ({ method, url, state, schema, fields }) => {
      const sent = await expectMalformedBodiesRefused(ctx, {
        method,
        url: `/api/v1${url}`,
        headers: await sessionOf(state),
        schema,
        fields: [...fields],
        values: NEAR_CODES,
        numRuns: RUNS,
      });
      expect(sent).toBe(RUNS);
    },
    FUZZ_TIMEOUT,
  );
});
