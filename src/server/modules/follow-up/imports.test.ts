import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { expect, it } from 'vitest';
import type { FollowUpItemList } from '../../../contract/follow-up.js';
import { csvCell } from '../../../domain/csv.js';
import { IMPORT_MAX_BYTES } from '../../../domain/imports.js';
import { XLSX_MEDIA_TYPE, xlsxWorkbook } from '../../http/xlsx.js';
import { expectProblem, expectProblemDocument, getJson } from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';
import { followUpHelpers, followUpSnapshot } from './testing.js';

const RUNS = 1000;
const FUZZ_TIMEOUT = 240_000;
const URL = '/api/v1/follow-up/items/imports';
const DOCUMENT = 'recommendations-san-pedro-sula';
const HEADER = ['document', 'number', 'parent_number', 'weight', 'pillars', 'text_en', 'text_es', 'source_url'];
const SOURCE = 'https://www.oas.org/en/';

const csv = (rows: ReadonlyArray<ReadonlyArray<string>>) => rows.map((row) => row.map(csvCell).join(',')).join('\r\n');
const item = (number: string, en: string, pillars = 'police-management') => [
  DOCUMENT,
  number,
  '',
  '',
  pillars,
  en,
  '',
  SOURCE,
];
const sub = (parent: string, number: string, en: string, weight = '') => [
  DOCUMENT,
  number,
  parent,
  weight,
  '',
  en,
  '',
  '',
];

describeEachEngine('follow-up: importing items from CSV and XLSX', (ctx) => {
  const { as } = followUpHelpers(ctx);
  const importing = (
    headers: Record<string, string>,
    body: string | Uint8Array,
    options: { mode?: 'preview' | 'apply'; type?: string; lang?: string } = {},
  ) =>
    ctx.app.inject({
      method: 'POST',
      url: `${URL}?mode=${options.mode ?? 'apply'}${options.lang ? `&lang=${options.lang}` : ''}`,
      headers: { ...headers, 'content-type': options.type ?? 'text/csv' },
      payload: typeof body === 'string' ? body : Buffer.from(body),
    });
  const itemsOf = async () =>
    ((await getJson(ctx, `/api/v1/follow-up/items?document=${DOCUMENT}`)) as FollowUpItemList).items;
  const auditCount = async () =>
    Number(
      (
        await ctx.database.db
          .selectFrom('audit_entry')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', 'follow-up.item.import')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('previews a CSV file without writing, then imports every item with its sub-items in one go and one audit entry', async () => {
    const staff = await as('secretariat-staff');
    const file = csv([
      HEADER,
      item('101', 'Strengthen police training', 'police-management; prevention'),
      sub('101', '101.a', 'Curricula', '2'),
      sub('101', '101.b', 'Instructors'),
      item('102', '=HYPERLINK("x")'),
    ]);
    const before = await followUpSnapshot(ctx.database.db);
    const audits = await auditCount();
    const preview = await importing(staff, file, { mode: 'preview' });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      format: 'csv',
      applied: false,
      rows: 4,
      items: 2,
      subItems: 2,
      listed: [
        { row: 2, number: '101', parent: null, pillars: ['police-management', 'prevention'] },
        { row: 3, number: '101.a', parent: '101', weight: 2 },
        { row: 4, number: '101.b', parent: '101', weight: null },
        { row: 5, number: '102', text: { text: '=HYPERLINK("x")', lang: 'en' } },
      ],
    });
    expect(await followUpSnapshot(ctx.database.db)).toEqual(before);
    expect(await auditCount()).toBe(audits);

    const applied = await importing(staff, file);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ applied: true, items: 2, subItems: 2 });
    const items = await itemsOf();
    const imported = items.find((i) => i.number === '101');
    expect(imported).toMatchObject({
      origin: 'historic',
      sourceUrl: SOURCE,
      text: { text: 'Strengthen police training' },
    });
    expect([...(imported?.pillars ?? [])].sort()).toEqual(['police-management', 'prevention']);
    expect(imported?.subItems.map((s) => [s.text.text, s.weight])).toEqual([
      ['Curricula', 2],
      ['Instructors', null],
    ]);
    expect(items.find((i) => i.number === '102')?.text.text).toBe('=HYPERLINK("x")');
    expect(await auditCount()).toBe(audits + 1);

    // The same file again: every number is now taken, so nothing more is written.
    const after = await followUpSnapshot(ctx.database.db);
    const again = expectProblem(await importing(staff, file), 400);
    expect(again.errors?.map((e) => e.name)).toEqual(['rows.2.number', 'rows.5.number']);
    expect(await followUpSnapshot(ctx.database.db)).toEqual(after);
  });

  it('imports an XLSX workbook (as the exports write it), and refuses its formula cells', async () => {
    const staff = await as('secretariat-staff');
    const workbook = xlsxWorkbook('Items', [
      HEADER,
      item('201', '+ Neutralised on export'),
      sub('201', '201.a', 'Step', '1.5'),
    ]);
    const applied = await importing(staff, workbook, { type: XLSX_MEDIA_TYPE });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ format: 'xlsx', items: 1, subItems: 1 });
    const found = (await itemsOf()).find((i) => i.number === '201');
    // The writer put an apostrophe before the text a spreadsheet would run; the import takes it off.
    expect(found?.text.text).toBe('+ Neutralised on export');
    expect(found?.subItems[0]?.weight).toBe(1.5);

    const parts = unzipSync(xlsxWorkbook('Items', [HEADER, item('202', 'Computed')]));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml'] as Uint8Array).replace(
      '<c r="B2" t="inlineStr"><is><t xml:space="preserve">202</t></is></c>',
      '<c r="B2"><f>200+2</f><v>202</v></c>',
    );
    expect(sheet).toContain('<f>');
    const formula = zipSync({ ...parts, 'xl/worksheets/sheet1.xml': strToU8(sheet) });
    const before = await followUpSnapshot(ctx.database.db);
    const refused = expectProblem(await importing(staff, formula, { type: XLSX_MEDIA_TYPE }), 400, 'rows.2.number');
    expect(refused.errors?.[0]?.reason).toContain('formula');
    expectProblem(await importing(staff, strToU8('not a zip'), { type: XLSX_MEDIA_TYPE }), 400, 'body');
    expect(await followUpSnapshot(ctx.database.db)).toEqual(before);
  });

  it('names each refused row and column: unknown document, duplicate number, unknown pillar, no text, bad weight, unknown parent', async () => {
    const staff = await as('secretariat-staff');
    const before = await followUpSnapshot(ctx.database.db);
    const file = csv([
      HEADER,
      item('301', 'Fine'),
      ['no-such-document', '302', '', '', '', 'Text', '', SOURCE],
      item('301', 'Again'),
      item('303', 'Pillar', 'no-such-pillar'),
      item('304', ''),
      sub('301', '301.a', 'Heavy', '0'),
      sub('301', '301.b', 'Word', 'heavy'),
      sub('399', '399.a', 'Orphan'),
      [DOCUMENT, '305', '', '2', '', 'Weighted item', '', SOURCE],
      [DOCUMENT, '306', '', '', '', 'No source', '', 'http://example.org'],
    ]);
    const problem = expectProblem(await importing(staff, file), 400);
    expect(problem.errors?.map((e) => e.name)).toEqual([
      'rows.3.document',
      'rows.4.number',
      'rows.5.pillars',
      'rows.6.text_en',
      'rows.7.weight',
      'rows.8.weight',
      'rows.9.parent_number',
      'rows.10.weight',
      'rows.11.source_url',
    ]);
    expect(problem.errors?.[1]?.reason).toContain('row 2');
    expect(await followUpSnapshot(ctx.database.db)).toEqual(before);
  });

  it.each([
    ['es', 'no es texto UTF-8', 'da de nuevo el número 401: la fila 2 ya lo dio'],
    ['fr', 'n’est pas du texte UTF-8', 'redonne le numéro 401 : la ligne 2 l’a déjà donné'],
    ['pt', 'não é texto UTF-8', 'dá de novo o número 401: a linha 2 já o deu'],
  ])('words its refusals in %s', async (lang, encoding, duplicate) => {
    const staff = await as('secretariat-staff');
    const latin1 = Buffer.from(`${HEADER.join(',')}\n${DOCUMENT},401,,,,Acción,,${SOURCE}\n`, 'latin1');
    expect(expectProblem(await importing(staff, latin1, { lang }), 400, 'body').errors?.[0]?.reason).toContain(
      encoding,
    );
    const twice = csv([HEADER, item('401', 'One'), item('401', 'Two')]);
    expect(expectProblem(await importing(staff, twice, { lang }), 400, 'rows.3.number').errors?.[0]?.reason).toBe(
      duplicate,
    );
  });

  it('refuses a file of more than 50 MB with 413 as it arrives, a missing column, no rows, another type', async () => {
    const staff = await as('secretariat-staff');
    const before = await followUpSnapshot(ctx.database.db);
    const tooLarge = await importing(staff, Buffer.alloc(IMPORT_MAX_BYTES + 1, 0x41));
    expect(expectProblemDocument(tooLarge, 413).detail).toContain('50 MB');
    expect(expectProblem(await importing(staff, 'number,text_en\n1,x\n'), 400, 'body').errors?.[0]?.reason).toContain(
      'document',
    );
    expectProblem(await importing(staff, `${HEADER.join(',')}\n`), 400, 'body');
    expectProblemDocument(await importing(staff, 'x', { type: 'application/xml' }), 415);
    expect(await followUpSnapshot(ctx.database.db)).toEqual(before);
  });

  it('lets only the secretariat import', async () => {
    const file = csv([HEADER, item('501', 'Permission')]);
    expectProblemDocument(await importing({}, file, { mode: 'preview' }), 401);
    for (const role of ['focal-point', 'delegate', 'group-member', 'partner'] as const)
      expectProblemDocument(await importing(await as(role), file, { mode: 'preview' }), 403);
    for (const role of ['secretariat-staff', 'secretariat-admin'] as const)
      expect((await importing(await as(role), file, { mode: 'preview' })).statusCode).toBe(200);
  });

  const goodRow = fc.record({
    number: fc.integer({ min: 600, max: 100_000 }).map(String),
    text: fc.constantFrom('Text', 'Texto con acentos', '=SUM(A1)', 'Line\nbreak'),
  });
  // A row with at least one cell no item may have.
  const badRow = fc.oneof(
    fc.constantFrom(
      ['no-such-document', '1', '', '', '', 'x', '', SOURCE],
      [DOCUMENT, '', '', '', '', 'x', '', SOURCE],
      [DOCUMENT, 'x'.repeat(21), '', '', '', 'x', '', SOURCE],
      [DOCUMENT, '1', '', '', 'NOT A PILLAR', 'x', '', SOURCE],
      [DOCUMENT, '1', '', '', 'unknown-pillar', 'x', '', SOURCE],
      [DOCUMENT, '1', '', '', '', '', '', SOURCE],
      [DOCUMENT, '1', '', '', '', 'x', '', 'javascript:alert(1)'],
      [DOCUMENT, '1', '', '1', '', 'x', '', SOURCE],
      [DOCUMENT, '1.a', 'no-parent', '', '', 'x', '', ''],
    ),
    fc
      .constantFrom('-1', '0', '1001', 'NaN', '1e3', 'Infinity', '1,5', '0x10')
      .map((weight) => [DOCUMENT, '9.a', '9', weight, '', 'x', '', '']),
  );

  it(
    `refuses ${RUNS} files with a bad row among good ones, naming rows, writing nothing, never a server error`,
    async () => {
      const staff = await as('secretariat-staff');
      const before = await followUpSnapshot(ctx.database.db);
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(goodRow, { maxLength: 6, selector: (row) => row.number }),
          badRow,
          fc.nat(),
          async (good, bad, at) => {
            const rows = good.map((row) => item(row.number, row.text));
            rows.splice(at % (rows.length + 1), 0, [...bad]);
            const problem = expectProblem(await importing(staff, csv([HEADER, ...rows])), 400);
            expect(problem.errors?.every((e) => e.name.startsWith('rows.'))).toBe(true);
          },
        ),
        { numRuns: RUNS },
      );
      expect(await followUpSnapshot(ctx.database.db)).toEqual(before);
    },
    FUZZ_TIMEOUT,
  );

  it(
    `refuses ${RUNS} files of arbitrary bytes, as CSV or XLSX, with 4xx problems, writing nothing`,
    async () => {
      const staff = await as('secretariat-staff');
      const before = await followUpSnapshot(ctx.database.db);
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), async (bytes, xlsx) => {
          const res = await importing(staff, bytes, xlsx ? { type: XLSX_MEDIA_TYPE } : {});
          expect(res.statusCode).toBe(400);
          expect(res.headers['content-type']).toContain('application/problem+json');
        }),
        { numRuns: RUNS },
      );
      expect(await followUpSnapshot(ctx.database.db)).toEqual(before);
    },
    FUZZ_TIMEOUT,
  );
});
