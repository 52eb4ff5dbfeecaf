import { expect, it } from 'vitest';
import type { IndicatorDetail, ObservationImport, ObservationList } from '../../../contract/indicators.js';
import { IMPORT_ERRORS_LISTED, IMPORT_MAX_BYTES } from '../../../domain/imports.js';
import { expectAsCan, expectProblem, expectProblemDocument, getJson } from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';
import { auditOf } from '../agenda/testing.js';
import { observatorySnapshot } from './testing.js';

const BASE = '/api/v1/indicators/homicide-rate';
const SDMX = 'application/vnd.sdmx.data+csv';
const SDMX_HEADER = 'STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS';
const sdmxRow = (area: string, year: number | string, value: number | string, status = 'A', action = 'I') =>
  `dataflow,UNODC:DF_HOMICIDE(1.0),${action},${area},${year},${value},PER100K,${status}`;

describeEachEngine('observatory: importing CSV and SDMX-CSV', (ctx) => {
  const importing = (
    headers: Record<string, string>,
    body: string | Buffer,
    options: { mode?: 'preview' | 'apply'; type?: string; query?: string } = {},
  ) =>
    ctx.app.inject({
      method: 'POST',
      url: `${BASE}/imports?mode=${options.mode ?? 'apply'}&reason=${encodeURIComponent('UNODC release')}${options.query ?? ''}`,
      headers: { ...headers, 'content-type': options.type ?? SDMX },
      payload: body,
    });
  const observedValue = async (state: string, year: number) =>
    ((await getJson(ctx, `${BASE}/observations?state=${state}&from=${year}&to=${year}`)) as ObservationList).items[0];

  it('previews an SDMX-CSV file without writing, then applies it: values added, values changed with the earlier kept, one audit entry', async () => {
    const headers = await callerOf(ctx, 'secretariat-staff');
    const chile = await observedValue('cl', 2020);
    const guyana = await observedValue('gy', 2019);
    const file = [
      SDMX_HEADER,
      sdmxRow('CHL', 2020, 7.5, 'B'),
      sdmxRow('GUY', 2019, guyana?.value ?? 0),
      sdmxRow('URY', 2024, 11.25, 'A', 'A'),
      '',
    ].join('\r\n');
    const before = await observatorySnapshot(ctx.database.db);
    const preview = await importing(headers, file, { mode: 'preview' });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({
      indicator: 'homicide-rate',
      format: 'sdmx-csv',
      applied: false,
      rows: 3,
      added: 1,
      changed: 1,
      unchanged: 1,
      changes: [
        { state: { slug: 'cl', iso2: 'CL', iso3: 'CHL' }, year: 2020, before: chile?.value ?? null, after: 7.5 },
        { state: { slug: 'uy', iso2: 'UY', iso3: 'URY' }, year: 2024, before: null, after: 11.25 },
      ],
    } satisfies ObservationImport);
    expect(await observatorySnapshot(ctx.database.db)).toEqual(before);

    const applied = await importing(headers, file);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ applied: true, added: 1, changed: 1, unchanged: 1 });
    expect(await observedValue('cl', 2020)).toMatchObject({
      value: 7.5,
      breakInSeries: true,
      source: chile?.source, // SDMX-CSV names no source: the value keeps its own
      version: (chile?.version ?? 0) + 1,
      revisions: [{ value: chile?.value, reason: 'UNODC release' }],
    });
    expect(await observedValue('uy', 2024)).toMatchObject({ value: 11.25, status: 'published', revisions: [] });
    expect(await observedValue('gy', 2019)).toEqual(guyana);
    const indicatorId = (await ctx.database.db.selectFrom('indicator').select('id').executeTakeFirstOrThrow()).id;
    const [entry] = await auditOf(ctx.database.db, indicatorId);
    expect(entry).toMatchObject({ action: 'observatory.import' });
    expect(JSON.parse(String(entry?.diff)).after).toMatchObject({
      format: 'sdmx-csv',
      added: 1,
      changed: 1,
      unchanged: 1,
    });

    // The same file again changes nothing.
    expect((await importing(headers, file)).json()).toMatchObject({
      applied: true,
      added: 0,
      changed: 0,
      unchanged: 3,
    });
  });

  it('takes back its own exports, CSV and SDMX-CSV, as they are: every row unchanged', async () => {
    const headers = await callerOf(ctx, 'secretariat-admin');
    const before = await observatorySnapshot(ctx.database.db);
    for (const [format, type] of [
      ['csv', 'text/csv'],
      ['sdmx-csv', SDMX],
    ] as const) {
      const exported = await ctx.app.inject({ url: `${BASE}/observations?format=${format}` });
      expect(exported.statusCode).toBe(200);
      const res = await importing(headers, exported.rawPayload, { type: `${type}; charset=utf-8` });
      expect(res.statusCode, res.body).toBe(200);
      const rows = exported.body.trim().split('\r\n').length - 1;
      expect(res.json()).toMatchObject({ format, rows, added: 0, changed: 0, unchanged: rows });
    }
    const after = await observatorySnapshot(ctx.database.db);
    expect(after.observations).toEqual(before.observations);
    expect(after.revisions).toEqual(before.revisions);
  });

  it('refuses a file with bad rows, naming each row and column in the reader’s language, and writes nothing', async () => {
    const headers = { ...(await callerOf(ctx, 'secretariat-staff')), 'accept-language': 'es' };
    const file = [
      SDMX_HEADER,
      sdmxRow('MEX', 2021, 20.1),
      sdmxRow('ZZZ', 2021, 1),
      sdmxRow('MEX', 2021, 20.2),
      sdmxRow('BRA', 2021, '"12,5"'),
      sdmxRow('BRA', 1850, 1),
      sdmxRow('ARG', 2021, 4, 'A', 'D'),
      sdmxRow('PER', 2021, 'n/a'),
    ].join('\n');
    const before = await observatorySnapshot(ctx.database.db);
    const problem = expectProblem(await importing(headers, file), 400);
    expect(problem.errors?.map((e) => e.name)).toEqual([
      'rows.3.REF_AREA',
      'rows.4.TIME_PERIOD',
      'rows.5.OBS_VALUE',
      'rows.6.TIME_PERIOD',
      'rows.7.ACTION',
      'rows.8.OBS_VALUE',
    ]);
    expect(problem.errors?.[0]?.reason).toBe('no hay ningún Estado miembro con el código "ZZZ"');
    expect(problem.errors?.[1]?.reason).toContain('la fila 2');
    expect(problem.title).toBe('Parámetro no válido');
    expect(await observatorySnapshot(ctx.database.db)).toEqual(before);

    const other = ['indicator,ref_area_iso3,year,value', 'robbery-rate,MEX,2021,3'].join('\n');
    expect(expectProblem(await importing(headers, other, { type: 'text/csv' }), 400).errors?.[0]).toMatchObject({
      name: 'rows.2.indicator',
      reason: expect.stringContaining('robbery-rate'),
    });

    const many = [SDMX_HEADER, ...Array.from({ length: 150 }, (_, i) => sdmxRow('XXX', 1990 + (i % 30), 1))].join('\n');
    const listed = expectProblem(await importing(headers, many), 400).errors ?? [];
    expect(listed).toHaveLength(IMPORT_ERRORS_LISTED + 1);
    expect(listed.at(-1)).toMatchObject({ name: 'rows', reason: expect.stringContaining('50') });
    expect(await observatorySnapshot(ctx.database.db)).toEqual(before);
  });

  it('refuses what is not a file of values: not UTF-8, missing columns, no rows, a quote left open, too large, another type', async () => {
    const headers = await callerOf(ctx, 'secretariat-staff');
    const before = await observatorySnapshot(ctx.database.db);
    const latin1 = Buffer.from('ref_area_iso3,year,value,notes\nMEX,2021,3,Estimación\n', 'latin1');
    expect(
      expectProblem(await importing(headers, latin1, { type: 'text/csv' }), 400, 'body').errors?.[0]?.reason,
    ).toContain('UTF-8');
    expect(
      expectProblem(await importing(headers, 'ref_area_iso3,value\nMEX,3\n', { type: 'text/csv' }), 400, 'body')
        .errors?.[0]?.reason,
    ).toContain('year');
    expectProblem(await importing(headers, `${SDMX_HEADER}\n`), 400, 'body');
    expect(
      expectProblem(await importing(headers, `${SDMX_HEADER}\n${sdmxRow('MEX', 2021, 3)}\n"open,cell\n`), 400, 'body')
        .errors?.[0]?.reason,
    ).toContain('3');
    const tooLarge = await importing(headers, Buffer.alloc(IMPORT_MAX_BYTES + 1, 0x41));
    expect(expectProblemDocument(tooLarge, 413).detail).toContain('50 MB');
    expectProblemDocument(await importing(headers, '{"rows":[]}', { type: 'application/json' }), 400);
    expectProblemDocument(await importing(headers, 'x', { type: 'application/xml' }), 415);
    expect(await observatorySnapshot(ctx.database.db)).toEqual(before);
  });

  it('keeps a formula-like cell as text, exports it neutralised, and reads its own neutralised cell back as written', async () => {
    const headers = await callerOf(ctx, 'secretariat-staff');
    const formula = "=cmd|' /C calc'!A0";
    const file = `ref_area_iso3,year,value,source,notes\r\nPAN,2022,9.5,National police,"${formula}"\r\n`;
    expect((await importing(headers, file, { type: 'text/csv' })).statusCode).toBe(200);
    expect(await observedValue('pa', 2022)).toMatchObject({ value: 9.5, source: 'National police', notes: formula });
    const exported = await ctx.app.inject({ url: `${BASE}/observations?format=csv&state=pa&from=2022&to=2022` });
    expect(exported.body).toContain(`"'${formula.replaceAll('"', '""')}"`);
    const again = await importing(headers, exported.rawPayload, { type: 'text/csv' });
    expect(again.json()).toMatchObject({ rows: 1, unchanged: 1 });
  });

  it('lets only the secretariat import; the can object says so', async () => {
    const file = [SDMX_HEADER, sdmxRow('HTI', 2023, 40.5)].join('\n');
    const callers = {
      public: {},
      focalPoint: await callerOf(ctx, 'focal-point', 'ht'),
      delegate: await callerOf(ctx, 'delegate', 'ht'),
      staff: await callerOf(ctx, 'secretariat-staff'),
    };
    for (const [who, headers] of Object.entries(callers)) {
      const detail = (await getJson(ctx, BASE, headers)) as IndicatorDetail;
      expectAsCan(detail.can.import, await importing(headers, file, { mode: 'preview' }), `${who} import`);
    }
    expectProblemDocument(await importing({}, file), 401);
    expectProblemDocument(await importing(callers.focalPoint, file), 403);
  });
});
