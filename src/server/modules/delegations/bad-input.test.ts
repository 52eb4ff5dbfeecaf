import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AccreditBodySchema,
  ChangeDecisionSchema,
  DelegationCreateSchema,
  DelegationUpdateSchema,
  ReasonBodySchema,
  VersionBodySchema,
  VisibilityUpdateSchema,
} from '../../../contract/delegations.js';
import { ELF_BYTES, MZ_BYTES, multipartBody, PNG_BYTES, pdfBytes } from '../../files/testing.js';
import { expectProblem, nastyValues } from '../../testing/api.js';
import { expectMalformedBodiesRefused } from '../../testing/bad-input.js';
import { describeEachEngine } from '../../testing/harness.js';
import { ADVISER, delegationApi, HEAD } from './testing.js';

const RUNS = 1000;
// A few seconds a test on an idle machine; the margin is for a machine busy with other test files.
const FUZZ_TIMEOUT = 120_000;

/** Values near the edges of every field of these bodies, besides arbitrary JSON. */
const VALUES = [
  '',
  '   ',
  'a'.repeat(201),
  'a'.repeat(2001),
  'line\nbreak',
  'para\u2028graph',
  'delegation',
  'observer',
  'press',
  'head',
  'member',
  'ec',
  'EC',
  'zz',
  'public',
  'hidden',
  'not an e-mail',
  0,
  1,
  -1,
  1.5,
  '1',
  2 ** 31,
  1e308,
  null,
  true,
  [],
  {},
  [HEAD, HEAD],
  [{ ...HEAD, role: 'chief' }],
  [{ ...ADVISER, email: 'x@' }],
  Array.from({ length: 101 }, () => ADVISER),
  ...nastyValues('delegation'),
];

describeEachEngine('delegation endpoints: malformed bodies', (ctx) => {
  const h = delegationApi(ctx);

  /** Sends RUNS malformed bodies: every answer a 4xx problem, nothing written anywhere. */
  async function refuses(
    method: 'POST' | 'PUT' | 'PATCH',
    url: string,
    headers: Record<string, string>,
    schema: z.ZodObject,
  ) {
    const before = await h.snapshot();
    const sent = await expectMalformedBodiesRefused(ctx, {
      method,
      url,
      headers,
      schema,
      fields: Object.keys(schema.shape),
      values: VALUES,
      numRuns: RUNS,
    });
    expect(sent).toBe(RUNS);
    expect(await h.snapshot()).toEqual(before);
  }

  /** A meeting with Ecuador's submitted delegation and a pending change to it. */
  async function world() {
    const { slug, id } = await h.meeting();
    const staff = await h.as('secretariat-admin');
    const d = await h.registered(staff, slug, { submit: true });
    await h.db().updateTable('meeting').set({ status: 'registration-closed' }).where('id', '=', id).execute();
    const focal = await h.as('focal-point', { memberState: 'ec' });
    const asked = await h.send('PATCH', `${h.base(slug)}/${d.id}`, focal, { version: 1, participants: [HEAD] });
    expect(asked.statusCode, asked.body).toBe(202);
    const changeId = asked.json().changes[0].id as string;
    return { slug, staff, focal, url: `${h.base(slug)}/${d.id}`, changeId };
  }

  it(
    `refuses ${RUNS} malformed registrations (POST …/delegations), registering nothing`,
    async () => {
      const { slug } = await h.meeting();
      await refuses('POST', h.base(slug), await h.as('secretariat-staff'), DelegationCreateSchema);
    },
    FUZZ_TIMEOUT,
  );

  it(
    `refuses ${RUNS} malformed edits (PATCH …/delegations/{id}), changing nothing`,
    async () => {
      const { url, staff } = await world();
      await refuses('PATCH', url, staff, DelegationUpdateSchema);
    },
    FUZZ_TIMEOUT,
  );

  for (const [name, schema] of [
    ['submit', VersionBodySchema],
    ['accredit', AccreditBodySchema],
    ['return', ReasonBodySchema],
  ] as const) {
    it(
      `refuses ${RUNS} malformed bodies to POST …/${name}, changing nothing`,
      async () => {
        const { url, staff } = await world();
        await refuses('POST', `${url}/${name}`, staff, schema);
      },
      FUZZ_TIMEOUT,
    );
  }

  for (const name of ['approve', 'reject']) {
    it(
      `refuses ${RUNS} malformed bodies to POST …/changes/{id}/${name}, deciding nothing`,
      async () => {
        const { url, staff, changeId } = await world();
        await refuses('POST', `${url}/changes/${changeId}/${name}`, staff, ChangeDecisionSchema);
      },
      FUZZ_TIMEOUT,
    );
  }

  it(
    `refuses ${RUNS} malformed uploads of credentials (PUT …/credentials), keeping no file`,
    async () => {
      const { url, focal } = await world();
      const before = { ...(await h.snapshot()), files: await h.db().selectFrom('stored_file').selectAll().execute() };
      const current = (await h.send('GET', url, focal)).json().version as number;
      // Anything but the current version: malformed, stale or ahead.
      const version = fc
        .oneof(
          fc.string({ maxLength: 40 }),
          fc.constantFrom('', '"0"', '"-1"', '"1.5"', 'W/"x"', '"99999"', '*', '"1"', '"1'),
          fc.nat().map((n) => `"${n}"`),
        )
        .filter((v) => Number(/\d+/.exec(v)?.[0]) !== current);
      const data = fc.oneof(
        fc.constant(pdfBytes()),
        fc.constantFrom(MZ_BYTES, ELF_BYTES, PNG_BYTES, Buffer.alloc(0)),
        fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
      );
      await fc.assert(
        fc.asyncProperty(version, data, fc.boolean(), async (sent, bytes, asField) => {
          const body = multipartBody([{ filename: 'note.pdf', data: bytes }], asField ? { version: sent } : {});
          const res = await ctx.app.inject({
            method: 'PUT',
            url: `${url}/credentials`,
            headers: { ...focal, ...body.headers, ...(asField ? {} : { 'if-match': sent }) },
            payload: body.payload,
          });
          expect(res.statusCode, `${sent} → ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
          expectProblem(res, res.statusCode);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      const after = { ...(await h.snapshot()), files: await h.db().selectFrom('stored_file').selectAll().execute() };
      expect(after).toEqual(before);
    },
    FUZZ_TIMEOUT,
  );

  it(
    `refuses ${RUNS} malformed settings (PUT …/participant-visibility), changing nothing`,
    async () => {
      const { slug } = await h.meeting();
      await refuses(
        'PUT',
        `/api/v1/meetings/${slug}/participant-visibility`,
        await h.as('secretariat-staff'),
        VisibilityUpdateSchema,
      );
    },
    FUZZ_TIMEOUT,
  );
});
