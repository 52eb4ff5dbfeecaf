import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  IndicatorUpdateSchema,
  ObservationCorrectSchema,
  RegionalBriefCreateSchema,
  RegionalBriefExportSchema,
  RegionalBriefUpdateSchema,
  SubmissionCreateSchema,
  SubmissionReviewSchema,
} from '../../../contract/indicators.js';
import { csvCell } from '../../../domain/csv.js';
import { expectProblem, nastyValues } from '../../testing/api.js';
import { expectMalformedBodiesRefused, itRefusesMalformedBodies } from '../../testing/bad-input.js';
import { buildMeeting } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';
import { observatorySnapshot } from './testing.js';

const RUNS = 1000;
const FUZZ_TIMEOUT = 240_000;
const BASE = '/api/v1/indicators/homicide-rate';

const VALUES = [
  '',
  '   ',
  'x'.repeat(2001),
  'line\nbreak',
  'Bidi\u202Eoverride',
  { en: 'Rate' },
  { en: '' },
  { de: 'Rate' },
  {},
  ['prevention'],
  ['prevention', 'prevention'],
  ['no-such-pillar'],
  'criminal-justice',
  'accept',
  'reject',
  'https://example.org',
  'http://example.org',
  'javascript:alert(1)',
  'mx',
  'MEX',
  'zz',
  'ZZZ',
  1899,
  2101,
  2020,
  '2020',
  0,
  -1,
  1,
  1.5,
  1e308,
  'NaN',
  'Infinity',
  true,
  null,
  ...nastyValues('observation'),
];

describeEachEngine('observatory endpoints: malformed bodies', (ctx) => {
  itRefusesMalformedBodies(
    ctx,
    [
      [
        'PATCH',
        BASE,
        IndicatorUpdateSchema,
        'secretariat-admin',
        ['version', 'name', 'definition', 'unit', 'pillars', 'sourceUrl', 'higherIsWorse'],
      ],
      [
        'PUT',
        `${BASE}/observations/mx/2020`,
        ObservationCorrectSchema,
        'secretariat-staff',
        ['value', 'source', 'notes', 'breakInSeries', 'reason', 'version'],
      ],
      [
        'POST',
        `${BASE}/submissions`,
        SubmissionCreateSchema,
        'focal-point',
        ['state', 'year', 'value', 'source', 'notes', 'breakInSeries'],
      ],
      [
        'POST',
        `${BASE}/submissions/01a248ab-15ca-7169-afb6-2c50a9467738/review`,
        SubmissionReviewSchema,
        'secretariat-staff',
        ['decision', 'reason', 'version'],
      ],
    ],
    { values: VALUES, numRuns: RUNS, snapshot: observatorySnapshot, timeout: FUZZ_TIMEOUT },
  );
});

describeEachEngine('regional-concerns brief endpoints: malformed bodies', (ctx) => {
  it(
    `refuses ${RUNS} malformed bodies to each of generate, edit and export with 4xx problems, writing nothing`,
    async () => {
      const headers = await callerOf(ctx, 'secretariat-staff');
      const meeting = await buildMeeting(ctx.database.db);
      const created = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/observatory/briefs',
        headers,
        payload: { meeting: meeting.slug },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { id } = created.json() as { id: string };
      const values = [
        ...VALUES,
        meeting.slug,
        'no-such-meeting',
        5,
        101,
        { en: { title: 'T', body: 'B' } },
        { title: 'T' },
      ];
      const cases = [
        ['POST', '/api/v1/observatory/briefs', RegionalBriefCreateSchema, ['meeting', 'years']],
        ['PATCH', `/api/v1/observatory/briefs/${id}`, RegionalBriefUpdateSchema, ['version', 'texts']],
        ['POST', `/api/v1/observatory/briefs/${id}/export`, RegionalBriefExportSchema, ['version']],
      ] as const;
      for (const [method, url, schema, fields] of cases) {
        const sent = await expectMalformedBodiesRefused(ctx, {
          method,
          url,
          headers,
          schema,
          fields: [...fields],
          values,
          numRuns: RUNS,
          snapshot: observatorySnapshot,
        });
        expect(sent).toBe(RUNS);
      }
    },
    3 * FUZZ_TIMEOUT,
  );
});

describeEachEngine('observatory import: malformed files', (ctx) => {
  const HEADERS = {
    'sdmx-csv': 'STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS',
    csv: 'indicator,ref_area_iso3,year,value,source,notes,break_in_series',
  };
  const cells = (format: keyof typeof HEADERS, row: { area: string; year: string; value: string; notes: string }) =>
    (format === 'sdmx-csv'
      ? ['dataflow', 'X', 'I', row.area, row.year, row.value, 'PER100K', 'A']
      : ['homicide-rate', row.area, row.year, row.value, 'Test', row.notes, 'false']
    ).map(csvCell);
  const goodRow = fc.record({
    area: fc.constantFrom('MEX', 'chl', 'AR', 'jam'),
    year: fc.integer({ min: 1990, max: 2030 }).map(String),
    value: fc.double({ min: 0, max: 200, noNaN: true }).map(String),
    notes: fc.constantFrom('', 'Break in series', '=SUM(A1)'),
  });
  const nasty = fc.constantFrom(...VALUES.filter((v) => typeof v === 'string' || typeof v === 'number').map(String));
  // A row with at least one cell no value may have: an unknown area, a year or a value that is none.
  const badRow = fc.oneof(
    fc.record({
      area: fc.constantFrom('ZZZ', '', 'M3X', 'MEXICO'),
      year: fc.constant('2020'),
      value: fc.constant('1'),
    }),
    fc.record({
      area: fc.constant('MEX'),
      year: fc.constantFrom('1850', '20x0', '', '2020.5', '99999'),
      value: fc.constant('1'),
    }),
    fc.record({
      area: fc.constant('MEX'),
      year: fc.constant('2020'),
      value: fc.constantFrom('', 'NaN', '1,5', 'Infinity', '=1+1', '1e999'),
    }),
    fc.record({
      area: fc.constant('MEX'),
      year: fc.constant('2020'),
      value: nasty.filter((v) => !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v) || !Number.isFinite(Number(v))),
    }),
  );

  it(
    `refuses ${RUNS} files with a bad row among good ones, naming rows, writing nothing`,
    async () => {
      const headers = await callerOf(ctx, 'secretariat-staff');
      const before = await observatorySnapshot(ctx.database.db);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('csv', 'sdmx-csv' as const),
          fc.array(goodRow, { maxLength: 8 }),
          badRow,
          fc.nat(),
          async (format, good, bad, at) => {
            const rows = good.map((row) => cells(format, row).join(','));
            rows.splice(at % (rows.length + 1), 0, cells(format, { ...bad, notes: '' }).join(','));
            const res = await ctx.app.inject({
              method: 'POST',
              url: `${BASE}/imports?mode=apply&reason=Test`,
              headers: { ...headers, 'content-type': format === 'csv' ? 'text/csv' : 'application/vnd.sdmx.data+csv' },
              payload: [HEADERS[format], ...rows].join('\r\n'),
            });
            const problem = expectProblem(res, 400);
            expect(problem.errors?.every((e) => e.name.startsWith('rows.'))).toBe(true);
          },
        ),
        { numRuns: RUNS },
      );
      expect(await observatorySnapshot(ctx.database.db)).toEqual(before);
    },
    FUZZ_TIMEOUT,
  );

  it(
    `refuses ${RUNS} files of arbitrary bytes with 4xx problems, writing nothing`,
    async () => {
      const headers = await callerOf(ctx, 'secretariat-staff');
      const before = await observatorySnapshot(ctx.database.db);
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
          const res = await ctx.app.inject({
            method: 'POST',
            url: `${BASE}/imports?mode=apply&reason=Test`,
            headers: { ...headers, 'content-type': 'text/csv' },
            payload: Buffer.from(bytes),
          });
          expect(res.statusCode).toBe(400);
          expect(res.headers['content-type']).toContain('application/problem+json');
        }),
        { numRuns: RUNS },
      );
      expect(await observatorySnapshot(ctx.database.db)).toEqual(before);
    },
    FUZZ_TIMEOUT,
  );
});
