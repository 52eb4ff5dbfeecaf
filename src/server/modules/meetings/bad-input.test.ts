import { expect, it } from 'vitest';
import { MeetingCreateSchema, MeetingUpdateSchema } from '../../../contract/meetings.js';
import { nastyValues } from '../../testing/api.js';
import { expectMalformedBodiesRefused } from '../../testing/bad-input.js';
import { describeEachEngine } from '../../testing/harness.js';
import { callerWith, createMeeting, meetingSnapshot, validMeeting } from './testing.js';

const RUNS = 1000;
// A few seconds a test on an idle machine; the margin is for a machine busy with other test files.
const FUZZ_TIMEOUT = 120_000;

const FIELDS = [
  'kind',
  'number',
  'name',
  'technicalGroup',
  'hostState',
  'city',
  'format',
  'venue',
  'onlineUrl',
  'timeZone',
  'start',
  'end',
  'registrationDeadline',
  'workingLangs',
  'pillars',
  'version',
];

/** Near misses of every field: right type wrong value, wrong type, and the usual hostile strings. */
const VALUES = [
  'ministerial',
  'preparatory',
  'technical-group',
  'in-person',
  'virtual',
  'hybrid',
  'IX',
  'IIII',
  'ix',
  'pe',
  'zz',
  'prevention',
  'America/Lima',
  'America/New_York',
  'Mars/Olympus',
  '+05:00',
  'UTC',
  '2027-03-15T09:00',
  '2027-03-14T02:30',
  '2027-02-30T09:00',
  '2027-03-15',
  '2027-03-15T09:00:00Z',
  'https://meet.example.org/x',
  'javascript:alert(1)',
  { en: 'Name' },
  { de: 'Name' },
  { en: '' },
  {},
  ['es', 'en'],
  ['es', 'es'],
  [],
  ['prevention', 'nope'],
  0,
  1,
  -1,
  1.5,
  1e308,
  null,
  true,
  'a'.repeat(301),
  'line\nbreak',
  ...nastyValues('meeting'),
];

describeEachEngine('meeting endpoints: malformed requests', (ctx) => {
  it(
    `refuses ${RUNS} malformed bodies to POST /meetings with 4xx problems, creating nothing`,
    async () => {
      const headers = await callerWith(ctx, 'secretariat-admin');
      const before = await meetingSnapshot(ctx);
      const sent = await expectMalformedBodiesRefused(ctx, {
        method: 'POST',
        url: '/api/v1/meetings',
        headers,
        schema: MeetingCreateSchema,
        fields: FIELDS,
        values: [...VALUES, validMeeting().name],
        numRuns: RUNS,
      });
      expect(sent).toBe(RUNS);
      expect(await meetingSnapshot(ctx)).toEqual(before);
    },
    FUZZ_TIMEOUT,
  );

  it(
    `refuses ${RUNS} malformed bodies to PATCH /meetings/{slug} with 4xx problems, changing nothing`,
    async () => {
      const headers = await callerWith(ctx, 'secretariat-admin');
      const meeting = await createMeeting(ctx, headers);
      const before = await meetingSnapshot(ctx);
      const sent = await expectMalformedBodiesRefused(ctx, {
        method: 'PATCH',
        url: `/api/v1/meetings/${meeting.slug}`,
        headers,
        // Only bodies that could be applied (the right version) are left out: any other is refused.
        schema: MeetingUpdateSchema.refine((body) => body.version === 1),
        fields: FIELDS,
        values: VALUES,
        numRuns: RUNS,
      });
      expect(sent).toBe(RUNS);
      expect(await meetingSnapshot(ctx)).toEqual(before);
    },
    FUZZ_TIMEOUT,
  );
});
