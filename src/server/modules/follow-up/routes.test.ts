import { expect, it } from 'vitest';
import type { Cycle, FollowUpItemList, History, Matrix, Rates, ReportList } from '../../../contract/follow-up.js';
import { XLSX_MEDIA_TYPE } from '../../http/xlsx.js';
import { expectAsCan, expectListSurvivesArbitraryQueries, expectProblem, getJson } from '../../testing/api.js';
import { buildApiToken, buildUser } from '../../testing/factories.js';
import { describeEachEngine } from '../../testing/harness.js';
import { readXlsx } from '../../testing/xlsx.js';
import { auditOf } from '../agenda/testing.js';
import { addMarkedParagraphs, followUpHelpers, followUpSnapshot } from './testing.js';

describeEachEngine('follow-up: items', (ctx) => {
  const { as, send, ok, historicItem } = followUpHelpers(ctx);

  it('derives one item per marked operative paragraph of an adopted document, numbered as in the document, with its pillars', async () => {
    const ids = await addMarkedParagraphs(ctx.database.db, 'recommendations-lima', ['recommendation', null, 'mandate']);
    const list = (await getJson(
      ctx,
      '/api/v1/follow-up/items?document=recommendations-lima&lang=es',
    )) as FollowUpItemList;
    expect(list.items.map((i) => [i.id, i.origin, i.number, i.text.text, i.pillars])).toEqual([
      [ids[0], 'paragraph', '1', 'Párrafo 1', ['prevention']],
      [ids[1], 'paragraph', '3', 'Párrafo 3', ['prevention']],
    ]);
    // Asking again makes nothing twice.
    const again = (await getJson(ctx, '/api/v1/follow-up/items?document=recommendations-lima')) as FollowUpItemList;
    expect(again.items).toHaveLength(2);
    expect(again.items[0]?.text).toEqual({ text: 'Paragraph 1', lang: 'en' });
  });

  it('lets the secretariat add a historic document’s item with texts, pillars, source and weighted sub-items; filters by pillar', async () => {
    const staff = await as('secretariat-staff');
    const item = await historicItem(staff);
    expect(item).toMatchObject({
      origin: 'historic',
      number: '13',
      document: { slug: 'recommendations-san-pedro-sula' },
      pillars: ['police-management'],
      sourceUrl: 'https://www.oas.org/en/',
    });
    expect(item.subItems.map((s) => [s.text.text, s.weight])).toEqual([
      ['Train', 3],
      ['Equip', null],
    ]);
    const byPillar = (await getJson(ctx, '/api/v1/follow-up/items?pillar=police-management')) as FollowUpItemList;
    expect(byPillar.items.map((i) => i.id)).toContain(item.id);
    expect(byPillar.items.every((i) => i.pillars.includes('police-management'))).toBe(true);
    expect((await auditOf(ctx.database.db, item.id)).map((e) => e.action)).toEqual(['follow-up.item.create']);
    const replaced = await ok('PUT', `/items/${item.id}/sub-items`, staff, {
      version: item.version,
      subItems: [{ texts: { es: 'Legislar' }, weight: 1 }],
    });
    expect(replaced).toMatchObject({
      version: item.version + 1,
      subItems: [{ weight: 1, text: { text: 'Legislar' } }],
    });
    const stale = await send('PUT', `/items/${item.id}/sub-items`, staff, { version: item.version, subItems: [] });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses items to anyone but the secretariat, and an unknown or not adopted document, writing nothing', async () => {
    const before = await followUpSnapshot(ctx.database.db);
    const body = {
      document: 'recommendations-quito',
      number: '1',
      texts: { en: 'x' },
      sourceUrl: 'https://www.oas.org/',
    };
    expect((await send('POST', '/items', {}, body)).statusCode).toBe(401);
    expect((await send('POST', '/items', await as('focal-point'), body)).statusCode).toBe(403);
    expectProblem(
      await send('POST', '/items', await as('secretariat-admin'), { ...body, document: 'no-such' }),
      400,
      'document',
    );
    expectProblem(
      await send('POST', '/items', await as('secretariat-admin'), { ...body, pillars: ['nope'] }),
      400,
      'pillars.0',
    );
    expect(await followUpSnapshot(ctx.database.db)).toEqual(before);
  });
});

describeEachEngine('follow-up: a reporting cycle end to end', (ctx) => {
  const { as, send, ok, historicItem, openCycle, reportUrl, complete } = followUpHelpers(ctx);

  it('opens a cycle for every state by default, and for the states named', async () => {
    const staff = await as('secretariat-staff');
    const item = await historicItem(staff, '1');
    const all = await openCycle(staff, { documents: ['recommendations-san-pedro-sula'] });
    expect(all.states).toHaveLength(35);
    expect(all.items).toContain(item.id);
    expect(all.progress).toEqual({ expected: all.items.length * 35, submitted: 0, accepted: 0 });
    const some = await openCycle(staff, { items: [item.id], states: ['mx', 'br'] });
    expect(some.states.sort()).toEqual(['br', 'mx']);
    expectProblem(
      await send('POST', '/cycles', staff, {
        names: { en: 'x' },
        opensOn: '2027-01-02',
        deadline: '2027-01-01',
        items: [item.id],
      }),
      400,
      'deadline',
    );
    expectProblem(
      await send('POST', '/cycles', staff, { names: { en: 'x' }, opensOn: '2027-01-01', deadline: '2027-01-02' }),
      400,
      'documents',
    );
    expectProblem(
      await send('POST', '/cycles', staff, {
        names: { en: 'x' },
        opensOn: '2027-01-01',
        deadline: '2027-01-02',
        items: [item.id],
        states: ['mx', 'zz'],
      }),
      400,
      'states.1',
    );
    expect(
      (
        await send('POST', '/cycles', await as('focal-point'), {
          names: { en: 'x' },
          opensOn: '2027-01-01',
          deadline: '2027-01-02',
          items: [item.id],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('takes a focal point’s draft, submit, the secretariat’s request for changes and acceptance, then the state’s publication; the public sees it only then', async () => {
    const staff = await as('secretariat-staff');
    const mexico = await as('focal-point', 'mx');
    const item = await historicItem(staff, '2');
    const cycle = await openCycle(staff, { items: [item.id], states: ['mx', 'br'] });
    const url = reportUrl(cycle, item.id, 'mx');

    const draft = await ok(
      'PUT',
      url,
      mexico,
      { status: 'in-progress', subItems: [{ id: item.subItems[0]?.id, status: 'implemented' }] },
      201,
    );
    expect(draft).toMatchObject({ reportState: 'draft', status: 'in-progress', progress: 75, version: 1 });
    expect(draft.can).toEqual({ edit: true, submit: true, review: false, publish: false });
    // A second save without the version, or with a stale one, is a 409.
    expect((await send('PUT', url, mexico, { status: 'planned' })).statusCode).toBe(409);
    // Incomplete: measures and institution are needed to submit.
    expectProblem(await send('POST', `${url}/submit`, mexico, { version: 1 }), 400, 'measures');
    const filled = await ok('PUT', url, mexico, { version: 1, ...complete, evidence: [{ url: 'https://gob.mx/ley' }] });
    expect((await send('PUT', url, mexico, { version: 1, ...complete })).statusCode).toBe(409);

    // Nobody else sees the draft.
    expect((await send('GET', url)).statusCode).toBe(404);
    expect((await send('GET', url, await as('focal-point', 'br'))).statusCode).toBe(404);
    expect((await ok('GET', url, staff)).reportState).toBe('draft');

    const submitted = await ok('POST', `${url}/submit`, mexico, { version: filled.version });
    expect(submitted.reportState).toBe('submitted');
    expect((await send('PUT', url, mexico, { version: submitted.version, ...complete })).statusCode).toBe(409);
    expectAsCan(
      submitted.can.review,
      await send('POST', `${url}/review`, mexico, { version: submitted.version, decision: 'accept' }),
      'review',
    );

    const sentBack = await ok('POST', `${url}/review`, staff, {
      version: submitted.version,
      decision: 'request-changes',
      comment: 'Which law?',
    });
    expect(sentBack).toMatchObject({ reportState: 'changes-requested', reviewComment: 'Which law?' });
    const fixed = await ok('PUT', url, mexico, {
      version: sentBack.version,
      ...complete,
      measures: 'Law 12 of 2024',
      evidence: [{ url: 'https://gob.mx/ley' }],
    });
    const again = await ok('POST', `${url}/submit`, mexico, { version: fixed.version });
    const accepted = await ok('POST', `${url}/review`, staff, { version: again.version, decision: 'accept' });
    expect(accepted.reportState).toBe('accepted');
    expect((await send('GET', url)).statusCode).toBe(404);

    // Only the state publishes, only once accepted.
    expect(
      (await send('POST', `${url}/publish`, staff, { version: accepted.version, published: true })).statusCode,
    ).toBe(403);
    const published = await ok('POST', `${url}/publish`, mexico, { version: accepted.version, published: true });
    expect(published.published).toBe(true);
    const seen = await ok('GET', url, {});
    expect(seen).toMatchObject({
      reportState: 'accepted',
      measures: 'Law 12 of 2024',
      evidence: [{ url: 'https://gob.mx/ley', title: null }],
    });
    expect(seen.can).toEqual({ edit: false, submit: false, review: false, publish: false });

    const audit = await auditOf(ctx.database.db, accepted.id);
    expect(audit.map((e) => e.action)).toEqual([
      'follow-up.report.draft',
      'follow-up.report.draft',
      'follow-up.report.submit',
      'follow-up.report.request-changes',
      'follow-up.report.draft',
      'follow-up.report.submit',
      'follow-up.report.accept',
      'follow-up.report.publish',
    ]);
  });

  it('keeps a focal point to their own state: no draft for another, and no state outside the cycle', async () => {
    const staff = await as('secretariat-staff');
    const item = await historicItem(staff, '3');
    const cycle = await openCycle(staff, { items: [item.id], states: ['mx', 'br'] });
    const before = await followUpSnapshot(ctx.database.db);
    expect(
      (await send('PUT', reportUrl(cycle, item.id, 'br'), await as('focal-point', 'mx'), complete)).statusCode,
    ).toBe(403);
    expect(
      (await send('PUT', reportUrl(cycle, item.id, 'ar'), await as('focal-point', 'ar'), complete)).statusCode,
    ).toBe(404);
    expect((await send('PUT', reportUrl(cycle, item.id, 'mx'), staff, complete)).statusCode).toBe(403);
    expect((await send('PUT', reportUrl(cycle, item.id, 'mx'), {}, complete)).statusCode).toBe(401);
    expect(await followUpSnapshot(ctx.database.db)).toEqual(before);
  });

  it('takes a report from a write token of the state’s focal point, with the same audit entry; refuses a read token', async () => {
    const staff = await as('secretariat-staff');
    const item = await historicItem(staff, '4');
    const cycle = await openCycle(staff, { items: [item.id], states: ['cl'] });
    const user = await buildUser(ctx.database.db, { role: 'focal-point', memberState: 'cl' });
    const write = { authorization: await buildApiToken(ctx.database.db, user.id, 'write') };
    const read = { authorization: await buildApiToken(ctx.database.db, user.id, 'read') };
    const url = reportUrl(cycle, item.id, 'cl');
    expect((await send('PUT', url, read, complete)).statusCode).toBe(403);
    const draft = await ok('PUT', url, write, complete, 201);
    expect((await ok('POST', `${url}/submit`, write, { version: draft.version })).reportState).toBe('submitted');
    const other = await ok<Cycle>(
      'POST',
      '/cycles',
      staff,
      { names: { en: 'x' }, opensOn: '2020-01-01', deadline: '2099-01-01', items: [item.id], states: ['pe'] },
      201,
    );
    expect((await send('PUT', reportUrl(other, item.id, 'pe'), write, complete)).statusCode).toBe(403);
    expect((await auditOf(ctx.database.db, draft.id)).map((e) => e.action)).toEqual([
      'follow-up.report.draft',
      'follow-up.report.submit',
    ]);
  });

  it('refuses reports before the cycle opens', async () => {
    const staff = await as('secretariat-staff');
    const item = await historicItem(staff, '5');
    const cycle = await openCycle(staff, {
      items: [item.id],
      states: ['mx'],
      opensOn: '2099-01-01',
      deadline: '2099-02-01',
    });
    const res = await send('PUT', reportUrl(cycle, item.id, 'mx'), await as('focal-point', 'mx'), complete);
    expect(res.statusCode).toBe(409);
  });
});

describeEachEngine('follow-up: matrix, rates and history show each reader what they may see', (ctx) => {
  const { as, send, ok, historicItem, openCycle, reportUrl, complete } = followUpHelpers(ctx);

  /** Reports of three states on two items: Mexico accepted and public, Brazil accepted and not public, Chile a draft. */
  async function setUp() {
    const staff = await as('secretariat-staff');
    const first = await historicItem(staff, '21');
    const second = (await ok(
      'POST',
      '/items',
      staff,
      {
        document: 'recommendations-san-pedro-sula',
        number: '22',
        texts: { en: 'Recommendation 22' },
        pillars: ['prevention'],
        sourceUrl: 'https://www.oas.org/en/',
      },
      201,
    )) as unknown as typeof first;
    const cycle = await openCycle(staff, { items: [first.id, second.id], states: ['mx', 'br', 'cl'] });
    const accept = async (state: string, item: string, body: object, publish: boolean) => {
      const focal = await as('focal-point', state);
      const url = reportUrl(cycle, item, state);
      const draft = await ok('PUT', url, focal, body, 201);
      const submitted = await ok('POST', `${url}/submit`, focal, { version: draft.version });
      const accepted = await ok('POST', `${url}/review`, staff, { version: submitted.version, decision: 'accept' });
      if (publish) await ok('POST', `${url}/publish`, focal, { version: accepted.version, published: true });
    };
    await accept('mx', first.id, complete, true);
    await accept('mx', second.id, { status: 'not-applicable', notApplicableReason: 'No coast' }, true);
    await accept('br', first.id, complete, false);
    await accept('br', second.id, { ...complete, status: 'in-progress' }, false);
    await ok('PUT', reportUrl(cycle, first.id, 'cl'), await as('focal-point', 'cl'), { status: 'planned' }, 201);
    return { staff, cycle, first, second };
  }

  it('gives the public only the published reports, a focal point also their own state’s, the secretariat all', async () => {
    const { staff, cycle, first } = await setUp();
    const cellsOf = async (headers: Record<string, string>) =>
      (await ok<Matrix>('GET', `/matrix?cycle=${cycle.id}`, headers)).cells.map((c) => `${c.state}:${c.status}`).sort();
    expect(await cellsOf({})).toEqual(['mx:implemented', 'mx:not-applicable']);
    expect(await cellsOf(await as('focal-point', 'cl'))).toEqual(['cl:planned', 'mx:implemented', 'mx:not-applicable']);
    expect(await cellsOf(staff)).toHaveLength(5);
    const matrix = await ok<Matrix>('GET', `/matrix?cycle=${cycle.id}&document=recommendations-san-pedro-sula`, {});
    expect(matrix.states.map((s) => s.slug).sort()).toEqual(['br', 'cl', 'mx']);
    expect(matrix.items.map((i) => i.number)).toEqual(['21', '22']);
    expect(matrix.documents).toEqual(['recommendations-san-pedro-sula']);
    // Each column carries its item's text in the language asked for, else English.
    const spanish = await ok<Matrix>('GET', `/matrix?cycle=${cycle.id}&pillar=prevention&lang=es`, {});
    expect(spanish.items.map((i) => [i.number, i.text])).toEqual([['22', { text: 'Recommendation 22', lang: 'en' }]]);
    expect(spanish.documents, 'what the document filter may offer, whatever the filter').toEqual([
      'recommendations-san-pedro-sula',
    ]);
    const both = await ok<Matrix>('GET', `/matrix?cycle=${cycle.id}&lang=es`, {});
    expect(both.items.map((i) => i.text)).toEqual([
      { text: 'Recomendación 21', lang: 'es' },
      { text: 'Recommendation 22', lang: 'en' },
    ]);

    const publicList = await ok<ReportList>('GET', `/cycles/${cycle.id}/reports`, {});
    expect(publicList.items.map((r) => r.state.slug)).toEqual(['mx', 'mx']);
    const history = await ok<History>('GET', `/items/${first.id}/history`, {});
    expect(history.items.map((h) => [h.state.slug, h.status])).toEqual([['mx', 'implemented']]);
    const staffHistory = await ok<History>('GET', `/items/${first.id}/history?state=br`, staff);
    expect(staffHistory.items.map((h) => [h.state.slug, h.status])).toEqual([['br', 'implemented']]);
  });

  it('narrows the matrix to the items of a pillar and the states of a subregion, the cells with them', async () => {
    const { staff, cycle } = await setUp();
    const matrixOf = (query: string) => ok<Matrix>('GET', `/matrix?cycle=${cycle.id}&${query}`, staff);
    const byPillar = await matrixOf('pillar=prevention');
    expect(byPillar.items.map((i) => i.number)).toEqual(['22']);
    expect(byPillar.states.map((s) => s.slug)).toEqual(['br', 'cl', 'mx']);
    expect(byPillar.cells.map((c) => `${c.state}:${c.status}`)).toEqual(['br:in-progress', 'mx:not-applicable']);
    const bySubregion = await matrixOf('subregion=south-america');
    expect(bySubregion.states.map((s) => s.slug)).toEqual(['br', 'cl']);
    expect(bySubregion.items.map((i) => i.number)).toEqual(['21', '22']);
    expect(bySubregion.cells.map((c) => c.state).sort()).toEqual(['br', 'br', 'cl']);
    const both = await matrixOf(
      'pillar=police-management&subregion=south-america&document=recommendations-san-pedro-sula',
    );
    expect(both.cells.map((c) => `${c.state}:${c.status}`)).toEqual(['br:implemented', 'cl:planned']);
    const none = await matrixOf('subregion=caribbean');
    expect([none.states, none.cells]).toEqual([[], []]);
    // The public's cells are narrowed from what it may see: Mexico's published ones only.
    const publicView = await ok<Matrix>('GET', `/matrix?cycle=${cycle.id}&pillar=prevention`, {});
    expect(publicView.cells.map((c) => `${c.state}:${c.status}`)).toEqual(['mx:not-applicable']);
    const csv = await send('GET', `/matrix?cycle=${cycle.id}&subregion=north-america&format=csv`, staff);
    expect(csv.body.trim().split('\r\n')).toEqual([
      '"state","recommendations-san-pedro-sula 21","recommendations-san-pedro-sula 22"',
      '"MEX","implemented","not-applicable"',
    ]);
    expectProblem(await send('GET', `/matrix?cycle=${cycle.id}&pillar=no-such`), 400, 'pillar');
    expectProblem(await send('GET', `/matrix?cycle=${cycle.id}&subregion=europe`), 400, 'subregion');
  });

  it('computes the rates from the accepted reports the reader may see, by state, pillar, document and subregion', async () => {
    const { staff, cycle } = await setUp();
    const rates = (by: string, headers = {}) => ok<Rates>('GET', `/rates?cycle=${cycle.id}&by=${by}`, headers);
    expect((await rates('state')).items).toEqual([
      { key: 'mx', reported: 2, implemented: 1, notApplicable: 1, rate: 100 },
    ]);
    expect((await rates('state', staff)).items).toEqual([
      { key: 'br', reported: 2, implemented: 1, notApplicable: 0, rate: 50 },
      { key: 'mx', reported: 2, implemented: 1, notApplicable: 1, rate: 100 },
    ]);
    expect((await rates('pillar', staff)).items.map((r) => [r.key, r.reported, r.implemented])).toEqual(
      [
        ['police-management', 2, 2],
        ['prevention', 2, 0],
      ].sort(),
    );
    expect((await rates('document', staff)).items).toEqual([
      { key: 'recommendations-san-pedro-sula', reported: 4, implemented: 2, notApplicable: 1, rate: 66.7 },
    ]);
    const bySubregion = await rates('subregion', staff);
    expect(bySubregion.items.reduce((n, r) => n + r.reported, 0)).toBe(4);
    expect((await rates('state', staff)).method).toContain('implemented / (reported − not applicable)');
  });

  it('exports the matrix and the rates as CSV with formula cells neutralised, the public’s only what is public', async () => {
    const { cycle } = await setUp();
    const matrix = await send('GET', `/matrix?cycle=${cycle.id}&format=csv`);
    expect(matrix.headers['content-type']).toContain('text/csv');
    const lines = matrix.body.trim().split('\r\n');
    expect(lines[0]).toBe('"state","recommendations-san-pedro-sula 21","recommendations-san-pedro-sula 22"');
    expect(lines).toContain('"MEX","implemented","not-applicable"');
    expect(lines).toContain('"BRA","",""');
    const rates = await send('GET', `/rates?cycle=${cycle.id}&by=state`, { accept: 'text/csv' });
    expect(rates.body).toBe(
      '"state","reported","implemented","not_applicable","rate_percent"\r\n"mx","2","1","1","100"\r\n',
    );
  });

  it('exports the matrix and the rates as XLSX, one sheet read back cell by cell, the public’s only what is public', async () => {
    const { staff, cycle } = await setUp();
    const matrix = await send('GET', `/matrix?cycle=${cycle.id}&format=xlsx`);
    expect(matrix.statusCode).toBe(200);
    expect(matrix.headers['content-type']).toBe(XLSX_MEDIA_TYPE);
    expect(matrix.headers['content-disposition']).toBe('attachment; filename="follow-up-matrix.xlsx"');
    const publicCells = readXlsx(matrix.rawPayload).cells;
    expect(publicCells).toMatchObject({ A1: 'state', B1: 'recommendations-san-pedro-sula 21' });
    const row = (cells: Record<string, string | number>, iso3: string) => {
      const r = Object.entries(cells)
        .find(([ref, v]) => ref.startsWith('A') && v === iso3)?.[0]
        .slice(1);
      return [cells[`B${r}`] ?? null, cells[`C${r}`] ?? null];
    };
    expect(row(publicCells, 'MEX')).toEqual(['implemented', 'not-applicable']);
    expect(row(publicCells, 'BRA')).toEqual([null, null]);
    const staffMatrix = await send('GET', `/matrix?cycle=${cycle.id}`, { ...staff, accept: XLSX_MEDIA_TYPE });
    expect(row(readXlsx(staffMatrix.rawPayload).cells, 'BRA')).toEqual(['implemented', 'in-progress']);
    const rates = await send('GET', `/rates?cycle=${cycle.id}&by=state&format=xlsx`, staff);
    expect(readXlsx(rates.rawPayload).cells).toEqual({
      A1: 'state',
      B1: 'reported',
      C1: 'implemented',
      D1: 'not_applicable',
      E1: 'rate_percent',
      A2: 'br',
      B2: 2,
      C2: 1,
      D2: 0,
      E2: 50,
      A3: 'mx',
      B3: 2,
      C3: 1,
      D3: 1,
      E3: 100,
    });
  });

  it('refuses an unknown cycle, grouping or document, naming the parameter', async () => {
    expectProblem(await send('GET', '/rates?cycle=nope'), 400, 'cycle');
    expectProblem(await send('GET', '/rates?cycle=01a248ab-15ca-7169-afb6-2c50a9467738&by=city'), 400, 'by');
    expect((await send('GET', '/rates?cycle=01a248ab-15ca-7169-afb6-2c50a9467738')).statusCode).toBe(404);
    const { cycle } = await setUp();
    expectProblem(await send('GET', `/matrix?cycle=${cycle.id}&document=no-such`), 400, 'document');
  });
});

describeEachEngine('follow-up: arbitrary query strings', (ctx) => {
  const { as, historicItem, openCycle } = followUpHelpers(ctx);

  it('never answers the lists and the rates with a server error', async () => {
    const staff = await as('secretariat-staff');
    const item = await historicItem(staff, '41');
    const cycle = await openCycle(staff, { items: [item.id], states: ['mx'] });
    const values = [
      cycle.id,
      item.id,
      'mx',
      'zz',
      'recommendations-san-pedro-sula',
      'prevention',
      'state',
      'pillar',
      "'; drop table follow_up_report; --",
    ];
    await expectListSurvivesArbitraryQueries(ctx, '/api/v1/follow-up/items', {
      keys: ['document', 'pillar', 'lang'],
      values,
      tails: [],
    });
    await expectListSurvivesArbitraryQueries(ctx, `/api/v1/follow-up/cycles/${cycle.id}/reports`, {
      keys: ['state', 'item'],
      values,
      tails: [],
    });
    await expectListSurvivesArbitraryQueries(ctx, '/api/v1/follow-up/matrix', {
      keys: ['cycle', 'document', 'pillar', 'subregion', 'format'],
      values: [...values, 'caribbean', 'south-america', 'csv', 'xlsx'],
      tails: [],
      examples: [[`cycle=${cycle.id}&pillar=police-management&subregion=north-america`]],
    });
    await expectListSurvivesArbitraryQueries(ctx, '/api/v1/follow-up/rates', {
      keys: ['cycle', 'by'],
      values,
      tails: [],
      examples: [[`cycle=${cycle.id}&by=subregion`]],
    });
  });
});
