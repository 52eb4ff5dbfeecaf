import {
  CycleCreateSchema,
  ItemCreateSchema,
  ReportDraftSchema,
  ReportPublishSchema,
  ReportReviewSchema,
  ReportVersionSchema,
  SubItemsReplaceSchema,
} from '../../../contract/follow-up.js';
import { nastyValues } from '../../testing/api.js';
import { itRefusesMalformedBodies } from '../../testing/bad-input.js';
import { describeEachEngine } from '../../testing/harness.js';
import { followUpSnapshot } from './testing.js';

const RUNS = 1000;
const FUZZ_TIMEOUT = 240_000;
const BASE = '/api/v1/follow-up';
const ID = '01a248ab-15ca-7169-afb6-2c50a9467738';
const REPORT = `${BASE}/cycles/${ID}/reports/${ID}/mx`;

const VALUES = [
  '',
  '   ',
  'x'.repeat(20_001),
  'line\nbreak',
  'Bidi\u202Eoverride',
  { en: 'Text' },
  { en: '' },
  { de: 'Text' },
  {},
  [],
  [{ texts: { en: 'Sub' }, weight: 0 }],
  [{ texts: { en: 'Sub' }, weight: 1001 }],
  [{ texts: {} }],
  ['prevention', 'prevention'],
  ['no-such-pillar'],
  ['mx', 'MX'],
  [ID, 'not-an-id'],
  'recommendations-san-pedro-sula',
  'https://example.org',
  'http://example.org',
  'javascript:alert(1)',
  '2027-02-30',
  '2027-01-01',
  'implemented',
  'not-applicable',
  'accept',
  'request-changes',
  [{ url: 'http://example.org' }],
  [{ name: 'Rate', unit: '%', baseline: { value: 'NaN', year: 1800 } }],
  [{ date: '2027-13-01', text: 'x' }],
  [{ id: 'x', status: 'done' }],
  ID,
  0,
  -1,
  1,
  1.5,
  1e308,
  true,
  null,
  ...nastyValues('follow_up_report'),
];

describeEachEngine('follow-up endpoints: malformed bodies', (ctx) => {
  itRefusesMalformedBodies(
    ctx,
    [
      [
        'POST',
        `${BASE}/items`,
        ItemCreateSchema,
        'secretariat-admin',
        ['document', 'number', 'texts', 'pillars', 'sourceUrl', 'subItems'],
      ],
      ['PUT', `${BASE}/items/${ID}/sub-items`, SubItemsReplaceSchema, 'secretariat-staff', ['version', 'subItems']],
      [
        'POST',
        `${BASE}/cycles`,
        CycleCreateSchema,
        'secretariat-staff',
        ['names', 'opensOn', 'deadline', 'documents', 'items', 'states'],
      ],
      [
        'PUT',
        REPORT,
        ReportDraftSchema,
        'focal-point',
        [
          'version',
          'status',
          'notApplicableReason',
          'measures',
          'institution',
          'cooperation',
          'evidence',
          'indicators',
          'milestones',
          'subItems',
        ],
      ],
      ['POST', `${REPORT}/submit`, ReportVersionSchema, 'focal-point', ['version']],
      ['POST', `${REPORT}/review`, ReportReviewSchema, 'secretariat-staff', ['version', 'decision', 'comment']],
      ['POST', `${REPORT}/publish`, ReportPublishSchema, 'focal-point', ['version', 'published']],
    ],
    { values: VALUES, numRuns: RUNS, snapshot: followUpSnapshot, timeout: FUZZ_TIMEOUT },
  );
});
