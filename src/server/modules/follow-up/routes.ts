import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DetailQuerySchema } from '../../../contract/common.js';
import {
  CycleCreateSchema,
  CycleListSchema,
  CycleParamsSchema,
  CycleSchema,
  FollowUpItemListSchema,
  FollowUpItemSchema,
  HistoryQuerySchema,
  HistorySchema,
  ItemCreateSchema,
  ItemImportQuerySchema,
  ItemImportSchema,
  ItemParamsSchema,
  ItemQuerySchema,
  type Matrix,
  MatrixQuerySchema,
  MatrixSchema,
  type Rates,
  RatesQuerySchema,
  RatesSchema,
  ReportDraftSchema,
  ReportFileParamsSchema,
  ReportListSchema,
  ReportParamsSchema,
  ReportPublishSchema,
  ReportQuerySchema,
  ReportReviewSchema,
  ReportSchema,
  ReportVersionSchema,
  SubItemsReplaceSchema,
} from '../../../contract/follow-up.js';
import type { FileStore } from '../../files/index.js';
import { csvRow } from '../../http/csv.js';
import { acceptImportFiles, importFile } from '../../http/import-body.js';
import { negotiateFormat } from '../../http/negotiate.js';
import { conflictResponse, DENIED, problemResponse } from '../../http/problems.js';
import { created } from '../../http/replies.js';
import { type SheetCell, XLSX_MEDIA_TYPE, xlsxWorkbook } from '../../http/xlsx.js';
import { requestContext } from '../../policy/guard.js';
import type { FollowUpService } from './service.js';

const MEDIA_TYPES = { json: 'application/json', csv: 'text/csv', xlsx: XLSX_MEDIA_TYPE } as const;
const tags = ['follow-up'];
const writes = {
  400: problemResponse('Malformed, incomplete, or names what does not exist'),
  ...DENIED,
  404: problemResponse('No such item, cycle or report (hidden reports are not found)'),
  409: conflictResponse('Changed since read (carries what is current), or its state forbids the change'),
};
const reads = { 400: problemResponse('Malformed, or names what does not exist'), 404: problemResponse('Not found') };
const exportContent = (schema: z.ZodType, description: string) => ({
  description,
  content: {
    'application/json': { schema },
    'text/csv': { schema: z.string() },
    [XLSX_MEDIA_TYPE]: { schema: z.string().meta({ format: 'binary' }) },
  },
});

/** The matrix as a grid: one row per state, one column per item, each cell the status (or empty). */
function matrixTable(matrix: Matrix): SheetCell[][] {
  const status = new Map(matrix.cells.map((c) => [`${c.state} ${c.item}`, c.status]));
  return [
    ['state', ...matrix.items.map((i) => `${i.document} ${i.number}`)],
    ...matrix.states.map((s) => [s.iso3, ...matrix.items.map((i) => status.get(`${s.slug} ${i.id}`) ?? null)]),
  ];
}

function ratesTable(rates: Rates): SheetCell[][] {
  return [
    [rates.by, 'reported', 'implemented', 'not_applicable', 'rate_percent'],
    ...rates.items.map((r) => [r.key, r.reported, r.implemented, r.notApplicable, r.rate]),
  ];
}

/** JSON, or the table as CSV or XLSX (texts neutralised by the shared writers), by format= or the
 * Accept header. */
function sendExport<T>(
  reply: FastifyReply,
  format: keyof typeof MEDIA_TYPES | undefined,
  accept: string | undefined,
  body: T,
  table: (body: T) => SheetCell[][],
  filename: string,
) {
  reply.header('vary', 'Accept');
  const chosen = negotiateFormat(format, accept, MEDIA_TYPES);
  if (chosen === 'json') return reply.type(MEDIA_TYPES.json).send(body);
  const bytes =
    chosen === 'csv'
      ? Buffer.from(table(body).map(csvRow).join(''), 'utf8')
      : Buffer.from(xlsxWorkbook(filename, table(body)));
  return (
    reply
      .type(chosen === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MEDIA_TYPE)
      .header('content-disposition', `attachment; filename="${filename}.${chosen}"`)
      // Bytes are sent as they are, never serialized: the string type is only the documented body's.
      .send(bytes as unknown as string)
  );
}

export function followUpRoutes(service: FollowUpService, files: FileStore) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const base = '/follow-up';
    const report = `${base}/cycles/:cycle/reports/:item/:state`;
    // Only this plugin's import takes CSV and XLSX bodies.
    acceptImportFiles(app, [MEDIA_TYPES.csv, MEDIA_TYPES.xlsx]);

    typed.get(
      `${base}/items`,
      {
        config: { action: 'follow-up.read' },
        schema: {
          tags,
          summary: 'The items followed up: marked paragraphs of adopted documents and historic items',
          querystring: ItemQuerySchema,
          response: { 200: FollowUpItemListSchema, 400: reads[400] },
        },
      },
      async (request) => service.listItems(requestContext(request), request.query),
    );

    typed.get(
      `${base}/items/:id`,
      {
        config: { action: 'follow-up.read' },
        schema: {
          tags,
          summary: 'One item with its sub-items',
          params: ItemParamsSchema,
          querystring: DetailQuerySchema,
          response: { 200: FollowUpItemSchema, ...reads },
        },
      },
      async (request) => service.getItem(requestContext(request), request.params.id),
    );

    typed.get(
      `${base}/items/:id/history`,
      {
        config: { action: 'follow-up.read' },
        schema: {
          tags,
          summary: 'The item’s status per state, cycle after cycle (reports the reader may see)',
          params: ItemParamsSchema,
          querystring: HistoryQuerySchema,
          response: { 200: HistorySchema, ...reads },
        },
      },
      async (request) => service.history(requestContext(request), request.params.id, request.query.state),
    );

    typed.post(
      `${base}/items`,
      {
        config: { action: 'follow-up.manage' },
        schema: {
          tags,
          summary: 'Add an item of a historic document: number, texts, pillars, source, sub-items',
          body: ItemCreateSchema,
          response: { 201: FollowUpItemSchema, ...writes },
        },
      },
      async (request, reply) => created(reply, service.createItem(requestContext(request), request.body)),
    );

    typed.post(
      `${base}/items/imports`,
      {
        config: { action: 'follow-up.manage' },
        schema: {
          tags,
          summary:
            'Import historic documents’ items from a CSV or XLSX file (the body, as text/csv or the XLSX media type): preview them, or write them; every row valid or nothing written',
          querystring: ItemImportQuerySchema,
          response: {
            200: ItemImportSchema,
            400: problemResponse(
              'Not UTF-8, not a readable workbook, a column missing, or rows refused: each named as rows.{row}.{column}',
            ),
            ...DENIED,
            413: problemResponse('Larger than 50 MB'),
            415: problemResponse('Not text/csv or XLSX'),
          },
        },
      },
      async (request) =>
        service.importItems(
          requestContext(request),
          importFile(request.body),
          request.headers['content-type']?.startsWith(MEDIA_TYPES.xlsx) ? 'xlsx' : 'csv',
          request.query,
        ),
    );

    typed.put(
      `${base}/items/:id/sub-items`,
      {
        config: { action: 'follow-up.manage' },
        schema: {
          tags,
          summary: 'Replace the item’s sub-items and their weights',
          params: ItemParamsSchema,
          body: SubItemsReplaceSchema,
          response: { 200: FollowUpItemSchema, ...writes },
        },
      },
      async (request) => service.replaceSubItems(requestContext(request), request.params.id, request.body),
    );

    typed.get(
      `${base}/cycles`,
      {
        config: { action: 'follow-up.read' },
        schema: {
          tags,
          summary: 'The reporting cycles, with their progress (reports submitted / expected)',
          querystring: DetailQuerySchema,
          response: { 200: CycleListSchema, 400: reads[400] },
        },
      },
      async (request) => service.listCycles(requestContext(request)),
    );

    typed.get(
      `${base}/cycles/:cycle`,
      {
        config: { action: 'follow-up.read' },
        schema: {
          tags,
          summary: 'One reporting cycle',
          params: CycleParamsSchema,
          querystring: DetailQuerySchema,
          response: { 200: CycleSchema, ...reads },
        },
      },
      async (request) => service.getCycle(requestContext(request), request.params.cycle),
    );

    typed.post(
      `${base}/cycles`,
      {
        config: { action: 'follow-up.manage' },
        schema: {
          tags,
          summary: 'Open a reporting cycle on documents or items, for some or all states',
          body: CycleCreateSchema,
          response: { 201: CycleSchema, ...writes },
        },
      },
      async (request, reply) => created(reply, service.createCycle(requestContext(request), request.body)),
    );

    typed.get(
      `${base}/cycles/:cycle/reports`,
      {
        config: { action: 'follow-up.read' },
        schema: {
          tags,
          summary: 'The cycle’s reports the reader may see',
          params: CycleParamsSchema,
          querystring: ReportQuerySchema,
          response: { 200: ReportListSchema, ...reads },
        },
      },
      async (request) => service.listReports(requestContext(request), request.params.cycle, request.query),
    );

    typed.get(
      report,
      {
        config: { action: 'follow-up.read' },
        schema: {
          tags,
          summary: 'One state’s report on one item of the cycle',
          params: ReportParamsSchema,
          response: { 200: ReportSchema, ...reads },
        },
      },
      async (request) => {
        const { cycle, item, state } = request.params;
        return service.getReport(requestContext(request), cycle, item, state);
      },
    );

    typed.put(
      report,
      {
        config: { action: 'follow-up.report' },
        schema: {
          tags,
          summary: 'Save the state’s draft (first save without version: 201; then with the version read)',
          params: ReportParamsSchema,
          body: ReportDraftSchema,
          response: { 200: ReportSchema, 201: ReportSchema, ...writes },
        },
      },
      async (request, reply) => {
        const { cycle, item, state } = request.params;
        const saved = await service.saveDraft(requestContext(request), cycle, item, state, request.body);
        return reply.status(saved.created ? 201 : 200).send(saved.report);
      },
    );

    typed.post(
      `${report}/submit`,
      {
        config: { action: 'follow-up.report' },
        schema: {
          tags,
          summary: 'Submit the report for review (refused while incomplete, naming the field)',
          params: ReportParamsSchema,
          body: ReportVersionSchema,
          response: { 200: ReportSchema, ...writes },
        },
      },
      async (request) => {
        const { cycle, item, state } = request.params;
        return service.submit(requestContext(request), cycle, item, state, request.body.version);
      },
    );

    typed.post(
      `${report}/review`,
      {
        config: { action: 'follow-up.manage' },
        schema: {
          tags,
          summary: 'Comment on a submitted report, request changes, or accept it',
          params: ReportParamsSchema,
          body: ReportReviewSchema,
          response: { 200: ReportSchema, ...writes },
        },
      },
      async (request) => {
        const { cycle, item, state } = request.params;
        return service.review(requestContext(request), cycle, item, state, request.body);
      },
    );

    typed.post(
      `${report}/publish`,
      {
        config: { action: 'follow-up.report' },
        schema: {
          tags,
          summary: 'Make an accepted report public, or not',
          params: ReportParamsSchema,
          body: ReportPublishSchema,
          response: { 200: ReportSchema, ...writes },
        },
      },
      async (request) => {
        const { cycle, item, state } = request.params;
        return service.publish(requestContext(request), cycle, item, state, request.body);
      },
    );

    typed.post(
      `${report}/files`,
      {
        config: { action: 'follow-up.report' },
        schema: {
          tags,
          summary:
            'Attach a file as evidence to the state’s draft or sent-back report (multipart/form-data, field "file": PDF, DOCX, XLSX, PPTX, ODT, PNG, JPEG or WebP, at most 20 MB)',
          consumes: ['multipart/form-data'],
          params: ReportParamsSchema,
          response: {
            201: ReportSchema,
            ...writes,
            409: problemResponse('The report is no longer editable, or holds as many files as it may'),
            413: problemResponse('Too large'),
            415: problemResponse('Not an allowed type, or a program'),
            422: problemResponse('A suspicious archive'),
          },
        },
      },
      async (request, reply) => {
        const { cycle, item, state } = request.params;
        return created(
          reply,
          service.attachFile(requestContext(request), cycle, item, state, (kinds, options) =>
            files.receive(request, kinds, options),
          ),
        );
      },
    );

    typed.get(
      `${report}/files/:file`,
      {
        config: { action: 'follow-up.read' },
        schema: {
          tags,
          summary: 'Download an evidence file (whoever may see the report)',
          params: ReportFileParamsSchema,
          response: {
            200: {
              description: 'The file’s bytes, with the type detected when it was uploaded',
              content: { 'application/octet-stream': { schema: z.string() } },
            },
            ...reads,
          },
        },
      },
      async (request, reply) => {
        const { cycle, item, state, file } = request.params;
        const found = await service.evidenceFile(requestContext(request), cycle, item, state, file);
        return files.send(request, reply, found.file, {
          restricted: found.restricted,
          filename: found.filename,
          disposition: 'attachment',
        });
      },
    );

    typed.delete(
      `${report}/files/:file`,
      {
        config: { action: 'follow-up.report' },
        schema: {
          tags,
          summary: 'Remove an evidence file from the state’s draft or sent-back report',
          params: ReportFileParamsSchema,
          response: { 200: ReportSchema, ...writes },
        },
      },
      async (request) => {
        const { cycle, item, state, file } = request.params;
        return service.removeFile(requestContext(request), cycle, item, state, file, files.transaction(request));
      },
    );

    typed.get(
      `${base}/matrix`,
      {
        config: { cache: 'per-accept', action: 'follow-up.read' },
        schema: {
          tags,
          summary:
            'States × items of a cycle (of one document, if asked), each visible report’s status; JSON, CSV or XLSX',
          querystring: MatrixQuerySchema,
          response: { 200: exportContent(MatrixSchema, 'The matrix'), ...reads },
        },
      },
      async (request, reply) => {
        const matrix = await service.matrix(requestContext(request), request.query);
        return sendExport(reply, request.query.format, request.headers.accept, matrix, matrixTable, 'follow-up-matrix');
      },
    );

    typed.get(
      `${base}/rates`,
      {
        config: { cache: 'per-accept', action: 'follow-up.read' },
        schema: {
          tags,
          summary: 'Implementation rates of a cycle by state, pillar, document or subregion; JSON, CSV or XLSX',
          querystring: RatesQuerySchema,
          response: { 200: exportContent(RatesSchema, 'The rates, with the method'), ...reads },
        },
      },
      async (request, reply) => {
        const rates = await service.rates(requestContext(request), request.query);
        return sendExport(reply, request.query.format, request.headers.accept, rates, ratesTable, 'follow-up-rates');
      },
    );
  };
}
