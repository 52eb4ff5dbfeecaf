import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type {
  IndicatorDetail,
  Observation,
  ObservationList,
  StateIndicatorList,
  TrendList,
} from '../../../contract/indicators.js';
import { trend } from '../../../domain/trends.js';
import { expectAsCan, expectProblem, expectProblemDocument, getJson } from '../../testing/api.js';
import { describeEachEngine, referenceDir } from '../../testing/harness.js';
import { callerOf } from '../../testing/sessions.js';
import { auditOf } from '../agenda/testing.js';
import { observatorySnapshot } from './testing.js';

const BASE = '/api/v1/indicators/homicide-rate';

/** The shipped series, read straight from the file, to check what the API serves. */
const shipped = fs
  .readFileSync(path.join(referenceDir, 'homicide_rates.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [iso3, , year, value] = line.split(',');
    return { iso3: iso3 as string, year: Number(year), value: Number(value) };
  });

describeEachEngine('observatory: reads', (ctx) => {
  it('lists the catalogue with the homicide indicator, its codes, years and attribution, in the reader’s language', async () => {
    const list = await getJson(ctx, '/api/v1/indicators?lang=es');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      code: 'homicide-rate',
      name: { text: 'Tasa de homicidios intencionales', lang: 'es', official: false },
      iccsCode: '0101',
      sdgCode: '16.1.1',
      higherIsWorse: true,
      firstYear: 1990,
      lastYear: 2023,
      pillars: ['public-security-management', 'prevention'].filter((code) => list.items[0].pillars.includes(code)),
      source: { type: 'criminal-justice', attribution: expect.stringContaining('UNODC') },
    });
    expect(list.items[0].source.attribution).toContain('Our World in Data');
  });

  it('answers one indicator with its texts in every language, 404 for an unknown code and 400 for a malformed one', async () => {
    const detail = (await getJson(ctx, BASE)) as IndicatorDetail;
    expect(Object.keys(detail.names).sort()).toEqual(['en', 'es', 'fr', 'pt']);
    expect(detail.can).toEqual({ update: false, correct: false, review: false, import: false, submit: false });
    expect(expectProblemDocument(await ctx.app.inject({ url: '/api/v1/indicators/no-such' }), 404).detail).toContain(
      'no-such',
    );
    expectProblem(await ctx.app.inject({ url: '/api/v1/indicators/Not_A_Code' }), 400, 'code');
  });

  it('serves a state’s published values by alpha-2 or alpha-3 code, within from and to, with the attribution', async () => {
    const byAlpha2 = (await getJson(ctx, `${BASE}/observations?state=mx&from=2014&to=2023`)) as ObservationList;
    const byAlpha3 = (await getJson(ctx, `${BASE}/observations?state=MEX&from=2014&to=2023`)) as ObservationList;
    expect(byAlpha3.items).toEqual(byAlpha2.items);
    const expected = shipped.filter((row) => row.iso3 === 'MEX' && row.year >= 2014 && row.year <= 2023);
    expect(byAlpha2.items.map((item) => [item.year, item.value])).toEqual(expected.map((row) => [row.year, row.value]));
    expect(byAlpha2.items[0]).toMatchObject({ state: { slug: 'mx', iso2: 'MX', iso3: 'MEX' }, status: 'published' });
    expect(byAlpha2.source.attribution).toContain('UNODC');
    const all = (await getJson(ctx, `${BASE}/observations`)) as ObservationList;
    expect(all.items).toHaveLength(shipped.length);
  });

  it('refuses an unknown state, a malformed year, from after to, and an unknown format, naming the parameter', async () => {
    expect(
      expectProblem(await ctx.app.inject({ url: `${BASE}/observations?state=zz` }), 400, 'state').errors?.[0]?.reason,
    ).toContain('zz');
    expectProblem(await ctx.app.inject({ url: `${BASE}/observations?state=m3x` }), 400, 'state');
    expectProblem(await ctx.app.inject({ url: `${BASE}/observations?from=1850` }), 400, 'from');
    expectProblem(await ctx.app.inject({ url: `${BASE}/observations?from=2020&to=2010` }), 400, 'from');
    expectProblem(await ctx.app.inject({ url: `${BASE}/observations?format=xml` }), 400, 'format');
    expectProblem(await ctx.app.inject({ url: `${BASE}/observations?status=submitted` }), 401);
  });

  it('carries the attribution in the Link header of JSON too, also when the reply was kept', async () => {
    const first = await ctx.app.inject({ url: `${BASE}/observations?state=mx` });
    const again = await ctx.app.inject({ url: `${BASE}/observations?state=mx` });
    expect(String(first.headers.link)).toMatch(/rel="cite-as"/);
    expect(again.headers.link).toBe(first.headers.link);
  });

  it('exports CSV by Accept or format, with the attribution on every row', async () => {
    const byAccept = await ctx.app.inject({
      url: `${BASE}/observations?state=jm&from=2020`,
      headers: { accept: 'text/csv' },
    });
    const byFormat = await ctx.app.inject({ url: `${BASE}/observations?state=jm&from=2020&format=csv` });
    expect(byAccept.statusCode).toBe(200);
    expect(byAccept.headers['content-type']).toMatch(/^text\/csv/);
    expect(byAccept.headers.vary).toMatch(/Accept/i);
    expect(byAccept.body).toBe(byFormat.body);
    const lines = byAccept.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      '"indicator","ref_area_iso3","ref_area_iso2","year","value","unit","status","break_in_series","source","notes","attribution"',
    );
    const jamaica = shipped.filter((row) => row.iso3 === 'JAM' && row.year >= 2020);
    expect(lines).toHaveLength(jamaica.length + 1);
    expect(lines[1]).toMatch(new RegExp(`^"homicide-rate","JAM","JM","${jamaica[0]?.year}","${jamaica[0]?.value}",`));
    expect(lines[1]).toContain('UNODC');
  });

  it('exports SDMX-CSV with its header, REF_AREA in alpha-3 and the attribution in the Link header', async () => {
    const res = await ctx.app.inject({
      url: `${BASE}/observations?state=cl&from=2018&to=2019`,
      headers: { accept: 'application/vnd.sdmx.data+csv;version=2.0.0' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/vnd\.sdmx\.data\+csv/);
    expect(String(res.headers.link)).toMatch(/rel="cite-as"; title\*=UTF-8''UNODC/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      '"STRUCTURE","STRUCTURE_ID","ACTION","REF_AREA","TIME_PERIOD","OBS_VALUE","UNIT_MEASURE","OBS_STATUS"',
    );
    const chile = shipped.filter((row) => row.iso3 === 'CHL' && row.year >= 2018 && row.year <= 2019);
    expect(lines.slice(1)).toEqual(
      chile.map(
        (row) =>
          `"dataflow","MISPA:HOMICIDE_RATE(1.0)","I","CHL","${row.year}","${row.value}","per-100000-inhabitants","A"`,
      ),
    );
  });

  it('gives every state’s trend over the last ten years of data (2014–2023), “not enough data” below five values', async () => {
    const trends = (await getJson(ctx, `${BASE}/trends?years=10`)) as TrendList;
    expect(trends).toMatchObject({
      from: 2014,
      to: 2023,
      higherIsWorse: true,
      method: expect.stringContaining('Theil–Sen'),
    });
    expect(trends.items).toHaveLength(35);
    for (const item of trends.items) {
      const own = shipped.filter((row) => row.iso3 === item.state.iso3 && row.year >= 2014 && row.year <= 2023);
      const expected = trend(own);
      expect(item.years).toEqual(own.map((row) => row.year));
      expect(item.flag).toBe(expected.flag);
      if (expected.flag === 'not-enough-data') expect(item).toMatchObject({ slope: null, s: null, p: null });
      else expect(item).toMatchObject({ n: own.length, s: expected.s, slope: expected.slope, p: expected.p });
    }
    // Cuba's series ends in 2019 (homicide_rates.csv): over 2019–2023 it has one value, too few.
    const five = (await getJson(ctx, `${BASE}/trends?years=5`)) as TrendList;
    expect(five).toMatchObject({ from: 2019, to: 2023 });
    expect(five.items.find((item) => item.state.iso3 === 'CUB')).toMatchObject({
      years: [2019],
      n: 1,
      flag: 'not-enough-data',
      slope: null,
      s: null,
      variance: null,
      z: null,
      p: null,
    });
    expectProblem(await ctx.app.inject({ url: `${BASE}/trends?years=4` }), 400, 'years');
    expectProblem(await ctx.app.inject({ url: '/api/v1/indicators/no-such/trends' }), 404);
  });

  it('gives one state’s trend alone with state (alpha-2 or alpha-3), as it is among every state’s', async () => {
    const all = (await getJson(ctx, `${BASE}/trends?years=10`)) as TrendList;
    const chile = all.items.find((item) => item.state.iso3 === 'CHL');
    for (const code of ['cl', 'CHL']) {
      const one = (await getJson(ctx, `${BASE}/trends?years=10&state=${code}`)) as TrendList;
      expect(one).toEqual({ ...all, items: [chile] });
    }
    for (const code of ['zz', 'chile', '', '1']) {
      expectProblem(await ctx.app.inject({ url: `${BASE}/trends?state=${code}` }), 400, 'state');
    }
  });
});

describeEachEngine('observatory: a member state’s summary', (ctx) => {
  const summaryOf = async (state: string, lang = 'en') =>
    (await getJson(ctx, `/api/v1/member-states/${state}/indicators?lang=${lang}`)) as StateIndicatorList;

  it('gives a state’s latest value and trend on each indicator, as the indicator’s own reads give them', async () => {
    for (const code of ['mx', 'JAM', 'bs']) {
      const summary = await summaryOf(code, 'es');
      const values = (await getJson(ctx, `${BASE}/observations?state=${code}`)) as ObservationList;
      const trends = (await getJson(ctx, `${BASE}/trends?state=${code}`)) as TrendList;
      const latest = values.items.at(-1);
      expect(summary.state).toEqual(values.items[0]?.state);
      expect(summary.items).toHaveLength(1);
      expect(summary.items[0]).toMatchObject({
        indicator: { code: 'homicide-rate', name: { text: 'Tasa de homicidios intencionales', lang: 'es' } },
        latest: latest ? { year: latest.year, value: latest.value } : null,
        trend: { ...trends.items[0], from: trends.from, to: trends.to },
      });
    }
  });

  it('refuses an unknown or malformed state, naming it', async () => {
    for (const code of ['zz', 'ZZZ', '1', 'mexico']) {
      expectProblem(await ctx.app.inject({ url: `/api/v1/member-states/${code}/indicators` }), 400, 'idOrSlug');
    }
  });
});

describeEachEngine('observatory: writes and who may make them', (ctx) => {
  const url = (state: string, year: number) => `${BASE}/observations/${state}/${year}`;
  const publishedOf = async (state: string, year: number) =>
    ((await getJson(ctx, `${BASE}/observations?state=${state}&from=${year}&to=${year}`)) as ObservationList).items[0];

  it('lets the secretariat correct a value with a reason, keeping the earlier one, and refuses a stale version with 409', async () => {
    const headers = await callerOf(ctx, 'secretariat-staff');
    const before = (await publishedOf('ar', 2020)) as Observation;
    const res = await ctx.app.inject({
      method: 'PUT',
      url: url('ARG', 2020),
      headers,
      payload: {
        value: 5.25,
        notes: '=HYPERLINK("x")',
        breakInSeries: true,
        reason: 'National revision',
        version: before.version,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Observation;
    expect(after).toMatchObject({
      value: 5.25,
      breakInSeries: true,
      version: before.version + 1,
      source: before.source,
    });
    expect(after.revisions).toEqual([
      {
        value: before.value,
        source: before.source,
        notes: null,
        breakInSeries: false,
        reason: 'National revision',
        changedAt: expect.any(String),
      },
    ]);
    expect(await publishedOf('ar', 2020)).toEqual(after);
    const [entry] = await auditOf(ctx.database.db, after.id);
    expect(entry).toMatchObject({
      action: 'observatory.correct',
      actor_role: 'secretariat-staff',
      entity_type: 'observation',
    });
    // The notes start with "=": the CSV neutralises the cell.
    const csv = (await ctx.app.inject({ url: `${BASE}/observations?state=ar&from=2020&to=2020&format=csv` })).body;
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const sdmx = (await ctx.app.inject({ url: `${BASE}/observations?state=ar&from=2020&to=2020&format=sdmx-csv` }))
      .body;
    expect(sdmx).toContain('"ARG","2020","5.25","per-100000-inhabitants","B"');

    const snapshot = await observatorySnapshot(ctx.database.db);
    const stale = await ctx.app.inject({
      method: 'PUT',
      url: url('ar', 2020),
      headers,
      payload: { value: 1, reason: 'Again', version: before.version },
    });
    const problem = expectProblemDocument(stale, 409) as unknown as { currentVersion: number; current: Observation };
    expect(problem).toMatchObject({ currentVersion: after.version, current: { value: 5.25 } });
    expectProblemDocument(
      await ctx.app.inject({
        method: 'PUT',
        url: url('ar', 2020),
        headers,
        payload: { value: 1, reason: 'No version' },
      }),
      409,
    );
    expect(await observatorySnapshot(ctx.database.db)).toEqual(snapshot);
  });

  it('adds a missing value, with its source, as published when no version is sent; 404 when a version names a value that is not there', async () => {
    const headers = await callerOf(ctx, 'secretariat-admin');
    const res = await ctx.app.inject({
      method: 'PUT',
      url: url('bo', 2000),
      headers,
      payload: { value: 7.5, source: 'INE Bolivia', reason: 'Found in the national yearbook' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      year: 2000,
      value: 7.5,
      source: 'INE Bolivia',
      status: 'published',
      revisions: [],
    });
    expectProblemDocument(
      await ctx.app.inject({
        method: 'PUT',
        url: url('bo', 2001),
        headers,
        payload: { value: 7.5, reason: 'x', version: 1 },
      }),
      404,
    );
    expectProblem(
      await ctx.app.inject({ method: 'PUT', url: url('zz', 2001), headers, payload: { value: 7.5, reason: 'x' } }),
      400,
      'state',
    );
    const before = await observatorySnapshot(ctx.database.db);
    expectProblem(
      await ctx.app.inject({ method: 'PUT', url: url('bo', 2001), headers, payload: { value: 7.5, reason: 'x' } }),
      400,
      'source',
    );
    expect(await observatorySnapshot(ctx.database.db)).toEqual(before);
  });

  it('keeps a focal point’s value out of public view until the secretariat accepts it, then publishes it with the earlier value kept', async () => {
    const focalPoint = await callerOf(ctx, 'focal-point', 'ec');
    const staff = await callerOf(ctx, 'secretariat-staff');
    const published = (await publishedOf('ec', 2021)) as Observation;
    const summaryBefore = await getJson(ctx, '/api/v1/member-states/ec/indicators');
    const submitted = await ctx.app.inject({
      method: 'POST',
      url: `${BASE}/submissions`,
      headers: focalPoint,
      payload: { state: 'ECU', year: 2021, value: 14.5, source: 'Ministerio del Interior' },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const submission = submitted.json() as Observation;
    expect(submission).toMatchObject({ status: 'submitted', value: 14.5, state: { iso3: 'ECU' } });
    // Not public: the published value is unchanged, and the submitted ones are for those who may see them.
    expect(await publishedOf('ec', 2021)).toEqual(published);
    expect(await getJson(ctx, '/api/v1/member-states/ec/indicators')).toEqual(summaryBefore);
    expectProblem(await ctx.app.inject({ url: `${BASE}/observations?status=submitted` }), 401);
    const own = (await getJson(ctx, `${BASE}/observations?status=submitted`, focalPoint)) as ObservationList;
    expect(own.items.map((item) => item.id)).toEqual([submission.id]);
    const otherState = await callerOf(ctx, 'focal-point', 'co');
    expect(
      ((await getJson(ctx, `${BASE}/observations?status=submitted`, otherState)) as ObservationList).items,
    ).toEqual([]);
    expect(
      ((await getJson(ctx, `${BASE}/observations?status=submitted`, staff)) as ObservationList).items,
    ).toHaveLength(1);

    const accepted = await ctx.app.inject({
      method: 'POST',
      url: `${BASE}/submissions/${submission.id}/review`,
      headers: staff,
      payload: { decision: 'accept', reason: 'Matches the national report', version: submission.version },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const now = (await publishedOf('ec', 2021)) as Observation;
    expect(now).toMatchObject({
      id: published.id,
      value: 14.5,
      source: 'Ministerio del Interior',
      status: 'published',
    });
    expect(now.revisions[0]).toMatchObject({ value: published.value, reason: 'Matches the national report' });
    expect(((await getJson(ctx, `${BASE}/observations?status=submitted`, staff)) as ObservationList).items).toEqual([]);
    expect((await auditOf(ctx.database.db, published.id)).map((entry) => entry.action)).toEqual(['observatory.accept']);
    expect((await auditOf(ctx.database.db, submission.id)).map((entry) => entry.action)).toEqual([
      'observatory.submit',
    ]);
    // Reviewed once: a second review is refused.
    const again = await ctx.app.inject({
      method: 'POST',
      url: `${BASE}/submissions/${submission.id}/review`,
      headers: staff,
      payload: { decision: 'reject', reason: 'x', version: 1 },
    });
    expectProblemDocument(again, 404);
  });

  it('rejects a submission with a reason, keeping it as rejected and out of public view', async () => {
    const focalPoint = await callerOf(ctx, 'focal-point', 'pe');
    const staff = await callerOf(ctx, 'secretariat-staff');
    const submission = (
      await ctx.app.inject({
        method: 'POST',
        url: `${BASE}/submissions`,
        headers: focalPoint,
        payload: { state: 'pe', year: 2022, value: 3, source: 'INEI' },
      })
    ).json() as Observation;
    const res = await ctx.app.inject({
      method: 'POST',
      url: `${BASE}/submissions/${submission.id}/review`,
      headers: staff,
      payload: { decision: 'reject', reason: 'Counts attempts too', version: submission.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected' });
    const rejected = (await getJson(ctx, `${BASE}/observations?status=rejected`, focalPoint)) as ObservationList;
    expect(rejected.items.map((item) => item.id)).toEqual([submission.id]);
    expect(
      (await getJson(ctx, `${BASE}/observations?state=pe&from=2022&to=2022`)).items.every(
        (item: Observation) => item.value !== 3,
      ),
    ).toBe(true);
    const twice = await ctx.app.inject({
      method: 'POST',
      url: `${BASE}/submissions/${submission.id}/review`,
      headers: staff,
      payload: { decision: 'accept', reason: 'x', version: 2 },
    });
    expect(expectProblemDocument(twice, 409).detail).toContain('rejected');
  });

  it('lets a focal point submit for their own state only, and no one else submit', async () => {
    const snapshot = await observatorySnapshot(ctx.database.db);
    const payload = { state: 'co', year: 2022, value: 25, source: 'Policía Nacional' };
    const send = async (headers: Record<string, string>) =>
      ctx.app.inject({ method: 'POST', url: `${BASE}/submissions`, headers, payload });
    expectProblemDocument(await send(await callerOf(ctx, 'focal-point', 'ec')), 403);
    expectProblemDocument(await send(await callerOf(ctx, 'delegate', 'co')), 403);
    expectProblemDocument(await send(await callerOf(ctx, 'secretariat-admin')), 403);
    expectProblemDocument(await send({}), 401);
    expect(await observatorySnapshot(ctx.database.db)).toEqual(snapshot);
  });

  it('lets only the secretariat edit the catalogue, correct and review; the can object says so', async () => {
    const callers = {
      public: {},
      focalPoint: await callerOf(ctx, 'focal-point', 'ec'),
      delegate: await callerOf(ctx, 'delegate', 'ec'),
      staff: await callerOf(ctx, 'secretariat-staff'),
    };
    for (const [who, headers] of Object.entries(callers)) {
      const detail = (await getJson(ctx, BASE, headers)) as IndicatorDetail;
      const update = await ctx.app.inject({
        method: 'PATCH',
        url: BASE,
        headers,
        payload: { version: detail.version, definition: { en: `Edited by ${who}` } },
      });
      expectAsCan(detail.can.update, update, `${who} update`);
      const observation = (await publishedOf('ec', 2015)) as Observation;
      const correct = await ctx.app.inject({
        method: 'PUT',
        url: url('ec', 2015),
        headers,
        payload: { value: observation.value + 1, reason: `Checked by ${who}`, version: observation.version },
      });
      expectAsCan(detail.can.correct, correct, `${who} correct`);
      const submit = await ctx.app.inject({
        method: 'POST',
        url: `${BASE}/submissions`,
        headers,
        payload: { state: 'ec', year: 2016, value: 1, source: 'Test' },
      });
      expectAsCan(detail.can.submit, submit, `${who} submit`);
    }
    const edited = (await getJson(ctx, `${BASE}?lang=en`)) as IndicatorDetail;
    expect(edited.definitions).toEqual({ en: 'Edited by staff' });
    expect(
      (
        await auditOf(
          ctx.database.db,
          (
            await ctx.database.db.selectFrom('indicator').select('id').executeTakeFirstOrThrow()
          ).id,
        )
      ).map((e) => e.action),
    ).toEqual(['observatory.update']);
  });

  it('edits the catalogue at the version read, refusing an unknown pillar and a stale version, changing nothing', async () => {
    const headers = await callerOf(ctx, 'secretariat-admin');
    const detail = (await getJson(ctx, BASE)) as IndicatorDetail;
    const snapshot = await observatorySnapshot(ctx.database.db);
    const pillar = await ctx.app.inject({
      method: 'PATCH',
      url: BASE,
      headers,
      payload: { version: detail.version, pillars: ['prevention', 'cyber'] },
    });
    expectProblem(pillar, 400, 'pillars.1');
    const stale = await ctx.app.inject({
      method: 'PATCH',
      url: BASE,
      headers,
      payload: { version: detail.version + 5, unit: 'x' },
    });
    expect((expectProblemDocument(stale, 409) as unknown as { currentVersion: number }).currentVersion).toBe(
      detail.version,
    );
    expect(await observatorySnapshot(ctx.database.db)).toEqual(snapshot);
    const ok = await ctx.app.inject({
      method: 'PATCH',
      url: BASE,
      headers,
      payload: { version: detail.version, pillars: ['prevention'], higherIsWorse: true, attribution: 'UNODC via OWID' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      pillars: ['prevention'],
      version: detail.version + 1,
      source: { attribution: 'UNODC via OWID' },
    });
    expect((await getJson(ctx, `${BASE}/trends`)).source.attribution).toBe('UNODC via OWID');
  });
});
