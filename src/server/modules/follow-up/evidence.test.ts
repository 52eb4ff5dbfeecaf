import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import type { Report } from '../../../contract/follow-up.js';
import { EVIDENCE_FILES_MAX } from '../../../domain/follow-up.js';
import {
  ELF_BYTES,
  filesLeftIn,
  lazyMultipartBody,
  MZ_BYTES,
  multipartBody,
  PNG_BYTES,
  pdfBytes,
  zipBombBytes,
} from '../../files/testing.js';
import { expectProblem, expectProblemDocument } from '../../testing/api.js';
import { describeEachEngine } from '../../testing/harness.js';
import { auditOf } from '../agenda/testing.js';
import { followUpHelpers, followUpSnapshot } from './testing.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-follow-up-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const RUNS = 1000;
const FUZZ_TIMEOUT = 240_000;

describeEachEngine(
  'follow-up: evidence files',
  (ctx) => {
    const { as, ok, historicItem, openCycle, reportUrl, complete } = followUpHelpers(ctx);
    const api = (url: string) => `/api/v1/follow-up${url}`;
    const upload = (url: string, headers: Record<string, string>, data: Buffer, filename = 'law.pdf') => {
      const body = multipartBody([{ filename, data }]);
      return ctx.app.inject({
        method: 'POST',
        url: api(`${url}/files`),
        headers: { ...headers, ...body.headers },
        payload: body.payload,
      });
    };
    const remove = (url: string, headers: Record<string, string>) =>
      ctx.app.inject({ method: 'DELETE', url: api(url), headers });
    /** Everything evidence may change: the area's rows, the stored files and the disk. */
    const snapshot = async () => ({
      rows: await followUpSnapshot(ctx.database.db),
      evidence: await ctx.database.db.selectFrom('follow_up_report_file').selectAll().orderBy('id').execute(),
      stored: await ctx.database.db.selectFrom('stored_file').selectAll().orderBy('id').execute(),
      disk: filesLeftIn(dir).filter((f) => !f.startsWith('tmp')),
    });
    /** A cycle asking Mexico and Brazil about one item, with Mexico's draft saved. */
    const draft = async (number: string) => {
      const staff = await as('secretariat-staff');
      const mexico = await as('focal-point', 'mx');
      const item = await historicItem(staff, number);
      const cycle = await openCycle(staff, { items: [item.id], states: ['mx', 'br'] });
      const url = reportUrl(cycle, item.id, 'mx');
      const report = await ok('PUT', url, mexico, complete, 201);
      return { staff, mexico, url, report };
    };

    it('lets a focal point attach, list, download and remove evidence while the report is editable; others see it as they see the report', async () => {
      const { staff, mexico, url, report } = await draft('31');
      const pdf = pdfBytes('Ley 12');
      const res = await upload(url, mexico, pdf, 'Ley 12 de 2024.pdf');
      expect(res.statusCode, res.body).toBe(201);
      const withPdf = res.json() as Report;
      expect(withPdf.version).toBe(report.version);
      expect(withPdf.files).toEqual([
        {
          id: expect.any(String),
          name: 'Ley 12 de 2024.pdf',
          mediaType: 'application/pdf',
          size: pdf.length,
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          uploadedAt: expect.any(String),
          url: api(`${url}/files/${withPdf.files[0]?.id}`),
        },
      ]);
      const withPng = (await upload(url, mexico, PNG_BYTES, 'photo.png')).json() as Report;
      expect(withPng.files.map((f) => [f.name, f.mediaType])).toEqual([
        ['Ley 12 de 2024.pdf', 'application/pdf'],
        ['photo.png', 'image/png'],
      ]);
      const [pdfFile, pngFile] = withPng.files as [Report['files'][0], Report['files'][0]];

      // Downloads: the state and the secretariat, privately; nobody else while it is not public.
      const mine = await ctx.app.inject({ method: 'GET', url: pdfFile.url, headers: mexico });
      expect(mine.statusCode).toBe(200);
      expect(mine.rawPayload.equals(pdf)).toBe(true);
      expect(mine.headers['content-type']).toBe('application/pdf');
      expect(mine.headers['cache-control']).toMatch(/private/);
      expect(mine.headers['content-disposition']).toMatch(/^attachment; filename="Ley 12 de 2024.pdf"/);
      expect((await ctx.app.inject({ method: 'GET', url: pdfFile.url, headers: staff })).statusCode).toBe(200);
      expectProblemDocument(await ctx.app.inject({ method: 'GET', url: pdfFile.url }), 404);
      const brazil = await as('focal-point', 'br');
      expectProblemDocument(await ctx.app.inject({ method: 'GET', url: pdfFile.url, headers: brazil }), 404);
      expect((await ok('GET', url, staff)).files).toHaveLength(2);

      // Removing one leaves the other; the removed file's row and bytes go.
      const disk = filesLeftIn(dir).length;
      const removed = await remove(`${url}/files/${pngFile.id}`, mexico);
      expect(removed.statusCode, removed.body).toBe(200);
      expect((removed.json() as Report).files.map((f) => f.id)).toEqual([pdfFile.id]);
      expect(filesLeftIn(dir).length).toBe(disk - 1);
      expectProblemDocument(await remove(`${url}/files/${pngFile.id}`, mexico), 404);
      expectProblemDocument(await ctx.app.inject({ method: 'GET', url: pngFile.url, headers: mexico }), 404);

      // Once submitted the evidence is fixed; once accepted and published, the public may download it.
      const submitted = await ok('POST', `${url}/submit`, mexico, { version: report.version });
      expectProblem(await upload(url, mexico, pdf), 409);
      expectProblem(await remove(`${url}/files/${pdfFile.id}`, mexico), 409);
      const accepted = await ok('POST', `${url}/review`, staff, { version: submitted.version, decision: 'accept' });
      expectProblemDocument(await ctx.app.inject({ method: 'GET', url: pdfFile.url }), 404);
      await ok('POST', `${url}/publish`, mexico, { version: accepted.version, published: true });
      const seen = await ctx.app.inject({ method: 'GET', url: pdfFile.url });
      expect(seen.statusCode).toBe(200);
      expect(seen.headers['cache-control']).toMatch(/public/);
      expect((await ok('GET', url, {})).files.map((f) => f.id)).toEqual([pdfFile.id]);

      expect((await auditOf(ctx.database.db, report.id)).map((e) => e.action)).toEqual([
        'follow-up.report.draft',
        'follow-up.report.file-add',
        'follow-up.report.file-add',
        'follow-up.report.file-remove',
        'follow-up.report.submit',
        'follow-up.report.accept',
        'follow-up.report.publish',
      ]);
    });

    it('refuses evidence from anyone but the state’s own focal points, and on a report not drafted, keeping nothing', async () => {
      const { staff, url, report } = await draft('32');
      const before = await snapshot();
      const pdf = pdfBytes();
      expectProblem(await upload(url, {}, pdf), 401);
      expectProblem(await upload(url, staff, pdf), 403);
      expectProblem(await upload(url, await as('delegate', 'mx'), pdf), 403);
      expectProblem(await upload(url, await as('focal-point', 'br'), pdf), 404);
      // Brazil is asked too, but has drafted nothing: there is no report to attach to.
      expectProblem(await upload(url.replace(/\/mx$/, '/br'), await as('focal-point', 'br'), pdf), 404);
      const mexico = await as('focal-point', 'mx');
      const added = (await upload(url, mexico, pdf)).json() as Report;
      const fileUrl = `${url}/files/${added.files[0]?.id}`;
      const afterAdd = await snapshot();
      expectProblem(await remove(fileUrl, {}), 401);
      expectProblem(await remove(fileUrl, staff), 403);
      expectProblem(await remove(fileUrl, await as('focal-point', 'br')), 404);
      expect(await snapshot()).toEqual(afterAdd);
      expect((await remove(fileUrl, mexico)).statusCode).toBe(200);
      expect((await snapshot()).stored).toEqual(before.stored);
      expect(report.files).toEqual([]);
    });

    it('refuses programs, zip bombs, other types, files over 20 MB and more than the most files a report holds', async () => {
      const { mexico, url } = await draft('33');
      const before = await snapshot();
      for (const [data, status, detail] of [
        [ELF_BYTES, 415, /program/],
        [MZ_BYTES, 415, /program/],
        [zipBombBytes(), 422, /zip bomb/],
        [Buffer.from('<script>alert(1)</script>'), 415, /PDF, DOCX, XLSX, PPTX, ODT, PNG, JPEG, WEBP/],
        [Buffer.alloc(0), 400, /./],
      ] as const) {
        expect(expectProblemDocument(await upload(url, mexico, data), status).detail).toMatch(detail);
      }
      const huge = lazyMultipartBody(21 * 1024 * 1024);
      const res = await ctx.app.inject({
        method: 'POST',
        url: api(`${url}/files`),
        payload: huge.payload,
        headers: { ...mexico, ...huge.headers },
      });
      expect(expectProblemDocument(res, 413).detail).toMatch(/20 MB/);
      expect(await snapshot()).toEqual(before);

      for (let i = 0; i < EVIDENCE_FILES_MAX; i++)
        expect((await upload(url, mexico, pdfBytes(`${i}`))).statusCode).toBe(201);
      const full = await snapshot();
      expectProblem(await upload(url, mexico, pdfBytes('one more')), 409);
      expect(await snapshot()).toEqual(full);
    });

    it(
      `refuses ${RUNS} malformed uploads and file names with 4xx problems, keeping nothing`,
      async () => {
        const { mexico, url } = await draft('34');
        const before = await snapshot();
        const data = fc.oneof(
          fc.constantFrom(MZ_BYTES, ELF_BYTES, Buffer.alloc(0), Buffer.from('#!/bin/sh\nrm -rf /'), zipBombBytes()),
          fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
        );
        const target = fc.oneof(
          fc.constant(`${url}/files`),
          fc
            .constantFrom('x', 'files', '..', '%00', '01a248ab-15ca-7169-afb6-2c50a9467738')
            .map((f) => `${url}/files/${f}`),
          fc.constantFrom('MX', 'zz', 'mex', '').map((s) => `${url.replace(/\/mx$/, `/${s}`)}/files`),
        );
        await fc.assert(
          fc.asyncProperty(
            data,
            fc.string({ maxLength: 60 }),
            fc.constantFrom('file', 'files', 'upload', ''),
            target,
            fc.constantFrom('POST', 'DELETE'),
            async (bytes, filename, field, where, method) => {
              const body = multipartBody([{ field, filename: filename.replace(/["\r\n]/g, ''), data: bytes }]);
              const res = await ctx.app.inject({
                method,
                url: api(where),
                headers: { ...mexico, ...body.headers },
                payload: body.payload,
              });
              expect(res.statusCode, `${where} → ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
              expect(res.statusCode).toBeLessThan(500);
              expectProblemDocument(res, res.statusCode);
            },
          ),
          { numRuns: RUNS, endOnFailure: true },
        );
        expect(await snapshot()).toEqual(before);
      },
      FUZZ_TIMEOUT,
    );
  },
  () => ({ files: { dir, maxBytes: 25 * 1024 * 1024 } }),
);
