import { expect, it } from 'vitest';
import {
  CommentCreateSchema,
  DecisionCreateSchema,
  DecisionDeleteSchema,
  DecisionOrderSchema,
  DecisionUpdateSchema,
  RecordTransitionSchema,
  RecordWriteSchema,
} from '../../../contract/meeting-records.js';
import { nastyValues } from '../../testing/api.js';
import { expectMalformedBodiesRefused } from '../../testing/bad-input.js';
import { buildMeeting } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';
import { recordsSnapshot } from '../agenda/testing.js';

const RUNS = 1000;
const FUZZ_TIMEOUT = 120_000;

const VALUES = [
  '',
  '   ',
  'minutes',
  'report',
  'es',
  'de',
  'EN',
  'x'.repeat(5001),
  '2026-01-01T00:00:00.000Z',
  '2026-01-01',
  'not a date',
  0,
  1,
  -1,
  true,
  null,
  '00000000-0000-7000-8000-000000000000',
  'mispa-i-declaration',
  ...nastyValues('meeting_record'),
];

describeEachEngine('meeting-records endpoints: malformed requests', (ctx) => {
  /** A concluded meeting with shared minutes and one decision; the secretariat's and a focal point's headers. */
  const world = async () => {
    const staff = await callerOf(ctx, 'secretariat-staff');
    const focal = await callerOf(ctx, 'focal-point', 'ec');
    const meeting = await buildMeeting(ctx.database.db, { status: 'concluded' });
    const base = `/api/v1/meetings/${meeting.slug}`;
    const draft = await ctx.app.inject({
      method: 'PUT',
      url: `${base}/records/minutes`,
      headers: staff,
      payload: { lang: 'en', body: 'Kept', updatedAt: null },
    });
    const shared = await ctx.app.inject({
      method: 'POST',
      url: `${base}/records/minutes/share`,
      headers: staff,
      payload: { updatedAt: draft.json().updatedAt },
    });
    expect(shared.statusCode, shared.body).toBe(200);
    const decision = await ctx.app.inject({
      method: 'POST',
      url: `${base}/decisions`,
      headers: staff,
      payload: { lang: 'en', text: 'Kept' },
    });
    return { staff, focal, base, decision: decision.json().id as string };
  };

  const cases = [
    ['PUT', '/records/minutes', RecordWriteSchema, ['lang', 'body', 'updatedAt'], 'staff'],
    ['POST', '/records/minutes/share', RecordTransitionSchema, ['updatedAt'], 'staff'],
    ['POST', '/records/minutes/finalise', RecordTransitionSchema, ['updatedAt'], 'staff'],
    ['POST', '/records/minutes/versions/1/comments', CommentCreateSchema, ['body'], 'focal'],
    ['POST', '/decisions', DecisionCreateSchema, ['lang', 'text', 'document', 'meetingDocumentId'], 'staff'],
    [
      'PUT',
      '/decisions/:decision',
      DecisionUpdateSchema,
      ['lang', 'text', 'document', 'meetingDocumentId', 'updatedAt'],
      'staff',
    ],
    ['DELETE', '/decisions/:decision', DecisionDeleteSchema, ['updatedAt'], 'staff'],
    ['PUT', '/decisions/order', DecisionOrderSchema, ['items'], 'staff'],
  ] as const;

  it.each(cases)(
    `refuses ${RUNS} malformed bodies to %s …%s with 4xx problems, writing nothing`,
    async (method, path, schema, fields, who) => {
      const w = await world();
      const sent = await expectMalformedBodiesRefused(ctx, {
        method,
        url: `${w.base}${path.replace(':decision', w.decision)}`,
        headers: w[who],
        schema,
        fields: [...fields],
        values: VALUES,
        numRuns: RUNS,
        snapshot: recordsSnapshot,
      });
      expect(sent).toBe(RUNS);
    },
    FUZZ_TIMEOUT,
  );
});
