import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildUser } from '../testing/factories.js';
import { describeEachEngine } from '../testing/harness.js';
import { requestIdOf } from './request-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const idFrom = (value?: string | string[]) =>
  requestIdOf({ headers: value === undefined ? {} : { 'x-request-id': value } });

describe('requestIdOf', () => {
  it.each(['a', 'abc-123', 'req:42.7_x', 'A'.repeat(128), '0190a3b2-7c1d-7e4f-8a9b-0c1d2e3f4a5b'])(
    'keeps the client’s id %s',
    (value) => {
      expect(idFrom(value)).toBe(value);
    },
  );

  it.each([
    ['no header', undefined],
    ['an empty one', ''],
    ['129 characters', 'A'.repeat(129)],
    ['a line break', 'abc\ndef'],
    ['a space', 'abc def'],
    ['markup', '<script>'],
    ['a forged log line', 'x"} {"level":50'],
    ['a repeated header', ['a', 'b']],
  ])('makes a UUID v7 for %s', (_, value) => {
    expect(idFrom(value)).toMatch(UUID_V7);
  });

  it('keeps exactly the 1–128 characters of [A-Za-z0-9._:-], whatever else comes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (value) => {
        const id = idFrom(value);
        if (/^[A-Za-z0-9._:-]{1,128}$/.test(value)) expect(id).toBe(value);
        else expect(id).toMatch(UUID_V7);
      }),
      { numRuns: 1000 },
    );
  });
});

describeEachEngine('x-request-id in the audit trail', (ctx) => {
  const signInWith = async (requestId: string) => {
    const user = await buildUser(ctx.database.db);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: user.email, password: user.password },
      headers: { 'x-request-id': requestId },
    });
    expect(res.statusCode).toBe(204);
    const entry = await ctx.database.db
      .selectFrom('audit_entry')
      .select('request_id')
      .where('actor_user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    return entry.request_id;
  };

  it('records a well-formed id from a proxy as it came', async () => {
    expect(await signInWith('proxy-7f3a:1')).toBe('proxy-7f3a:1');
  });

  it('records a fresh UUID v7 instead of a client’s text that is no id', async () => {
    expect(await signInWith('evil id"; drop table audit_entry; --')).toMatch(UUID_V7);
    expect(await signInWith('x'.repeat(500))).toMatch(UUID_V7);
  });
});
