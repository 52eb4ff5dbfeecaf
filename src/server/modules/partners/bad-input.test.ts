import { expect, it } from 'vitest';
import { PartnerCreateSchema, PartnerUpdateSchema } from '../../../contract/partners.js';
import { nastyValues } from '../../testing/api.js';
import { expectMalformedBodiesRefused } from '../../testing/bad-input.js';
import { describeEachEngine } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';
import { createPartner, partnerSnapshot } from './testing.js';

const RUNS = 1000;
const FUZZ_TIMEOUT = 180_000;

const VALUES = [
  '',
  '   ',
  'x'.repeat(201),
  'line\nbreak',
  'Bidi\u202Eoverride',
  { en: 'Partner' },
  { en: '' },
  { de: 'Partner' },
  {},
  ['prevention'],
  ['prevention', 'prevention'],
  ['no-such-pillar'],
  ['Prevention'],
  'international-organisation',
  'ngo',
  'https://example.org',
  'http://example.org',
  'javascript:alert(1)',
  'https://localhost',
  `https://example.org/${'a'.repeat(500)}`,
  'Upper-Case',
  'a',
  '-lead',
  'double--hyphen',
  '2026-01-01T00:00:00.000Z',
  '2026-01-01',
  'not a date',
  0,
  1.5,
  true,
  null,
  ...nastyValues('partner'),
];

describeEachEngine('partner endpoints: malformed bodies', (ctx) => {
  const cases = [
    ['POST', PartnerCreateSchema, ['slug', 'kind', 'name', 'website', 'pillars']],
    ['PATCH', PartnerUpdateSchema, ['kind', 'name', 'website', 'pillars', 'updatedAt']],
  ] as const;

  it.each(cases)(
    `refuses ${RUNS} malformed bodies to %s with 4xx problems, writing nothing`,
    async (method, schema, fields) => {
      const headers = await callerOf(ctx, 'secretariat-admin');
      const partner = await createPartner(ctx, headers);
      const sent = await expectMalformedBodiesRefused(ctx, {
        method,
        url: method === 'POST' ? '/api/v1/partners' : `/api/v1/partners/${partner.slug}`,
        headers,
        schema,
        fields: [...fields],
        values: VALUES,
        numRuns: RUNS,
        snapshot: partnerSnapshot,
      });
      expect(sent).toBe(RUNS);
    },
    FUZZ_TIMEOUT,
  );
});
