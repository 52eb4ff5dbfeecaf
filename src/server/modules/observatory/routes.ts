import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DetailQuerySchema } from '../../../contract/common.js';
import {
  AggregateListSchema,
  AggregateQuerySchema,
  BriefPdfQuerySchema,
  IndicatorDetailSchema,
  IndicatorListSchema,
  IndicatorParamsSchema,
  IndicatorUpdateSchema,
  ObservationCorrectSchema,
  ObservationImportQuerySchema,
  ObservationImportSchema,
  ObservationListSchema,
  ObservationParamsSchema,
  ObservationQuerySchema,
  ObservationSchema,
  RegionalBriefCreateSchema,
  RegionalBriefExportSchema,
  RegionalBriefListSchema,
  RegionalBriefParamsSchema,
  RegionalBriefSchema,
  RegionalBriefUpdateSchema,
  StateIndicatorListSchema,
  StateIndicatorParamsSchema,
  SubmissionCreateSchema,
  SubmissionParamsSchema,
  SubmissionReviewSchema,
  TrendListSchema,
  TrendQuerySchema,
} from '../../../contract/indicators.js';
import { acceptImportFiles, importFile } from '../../http/import-body.js';
import { requestLang } from '../../http/lang.js';
import { negotiateFormat } from '../../http/negotiate.js';
import { conflictResponse, DENIED, problemResponse } from '../../http/problems.js';
import { created } from '../../http/replies.js';
import { requestContext } from '../../policy/guard.js';
import type { RegionalBriefs } from './briefs.js';
import { attributionLink, MEDIA_TYPES, observationsCsv, observationsSdmxCsv } from './formats.js';
import type { ObservatoryService } from './service.js';

const notFound = problemResponse('No such indicator');
const writes = {
  400: problemResponse('Malformed, or names a state or pillar that does not exist'),
  ...DENIED,
  404: problemResponse('No such indicator or value'),
  409: conflictResponse('Changed since read (carries what is current), or already reviewed'),
};

const IMPORT_TYPES = [MEDIA_TYPES.csv, MEDIA_TYPES['sdmx-csv']];
export function observatoryRoutes(service: ObservatoryService, briefs: RegionalBriefs) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    // Only this plugin's routes (the import) take CSV bodies.
    acceptImportFiles(app, IMPORT_TYPES);

    typed.get(
      '/indicators',
      {
        config: { cache: true, action: 'observatory.read' },
        schema: {
          tags: ['observatory'],
          summary: 'The indicator catalogue',
          querystring: DetailQuerySchema,
          response: { 200: IndicatorListSchema, 400: problemResponse('Malformed') },
        },
      },
      async (request) => service.list(requestLang(request)),
    );

    typed.get(
      '/indicators/:code',
      {
        config: { cache: true, action: 'observatory.read' },
        schema: {
          tags: ['observatory'],
          summary: 'One indicator of the catalogue, with its texts in every language',
          params: IndicatorParamsSchema,
          querystring: DetailQuerySchema,
          response: { 200: IndicatorDetailSchema, 400: problemResponse('Malformed'), 404: notFound },
        },
      },
      async (request) => service.get(requestContext(request), request.params.code),
    );

    typed.get(
      '/indicators/:code/observations',
      {
        config: { cache: 'per-accept', action: 'observatory.read' },
        schema: {
          tags: ['observatory'],
          summary:
            'An indicator’s values per state and year, as JSON, CSV or SDMX-CSV (format= or Accept); unpublished ones to those who may see them',
          params: IndicatorParamsSchema,
          querystring: ObservationQuerySchema,
          response: {
            200: {
              description: 'The values with their source and attribution (CSV: a column; SDMX-CSV: the Link header)',
              content: {
                'application/json': { schema: ObservationListSchema },
                'text/csv': { schema: z.string() },
                'application/vnd.sdmx.data+csv': { schema: z.string() },
              },
            },
            400: problemResponse('Malformed, or an unknown state'),
            ...DENIED,
            404: notFound,
          },
        },
      },
      async (request, reply) => {
        const list = await service.observations(requestContext(request), request.params.code, request.query);
        const format = negotiateFormat(request.query.format, request.headers.accept, MEDIA_TYPES);
        reply.header('vary', 'Accept').header('link', attributionLink(list));
        if (format === 'json') return reply.type(MEDIA_TYPES.json).send(list);
        const body = format === 'csv' ? observationsCsv(list) : observationsSdmxCsv(list);
        const extension = format === 'csv' ? 'csv' : 'sdmx.csv';
        return (
          reply
            .type(`${MEDIA_TYPES[format]}; charset=utf-8`)
            .header('content-disposition', `attachment; filename="${list.indicator}.${extension}"`)
            // Bytes are sent as they are, never serialized: the string type is only the documented body's.
            .send(Buffer.from(body, 'utf8') as unknown as string)
        );
      },
    );

    typed.get(
      '/indicators/:code/trends',
      {
        config: { cache: true, action: 'observatory.read' },
        schema: {
          tags: ['observatory'],
          summary:
            'Each member state’s trend over the last N calendar years of the indicator’s data: Theil–Sen slope, Mann–Kendall S, variance, z, p and flag',
          params: IndicatorParamsSchema,
          querystring: TrendQuerySchema,
          response: { 200: TrendListSchema, 400: problemResponse('Malformed'), 404: notFound },
        },
      },
      async (request) =>
        service.trends(request.params.code, request.query.years, requestLang(request), request.query.state),
    );

    typed.get(
      '/member-states/:idOrSlug/indicators',
      {
        config: { cache: true, action: 'observatory.read' },
        schema: {
          tags: ['observatory'],
          summary: 'A member state’s latest published value and trend on every indicator of the catalogue',
          params: StateIndicatorParamsSchema,
          querystring: DetailQuerySchema,
          response: { 200: StateIndicatorListSchema, 400: problemResponse('Malformed, or an unknown state') },
        },
      },
      async (request) => service.stateIndicators(request.params.idOrSlug, requestLang(request)),
    );

    typed.get(
      '/indicators/:code/aggregates',
      {
        config: { cache: true, action: 'observatory.read' },
        schema: {
          tags: ['observatory'],
          summary:
            'The regional and subregional medians of the member states per year, and the population-weighted means where population data is loaded',
          params: IndicatorParamsSchema,
          querystring: AggregateQuerySchema,
          response: { 200: AggregateListSchema, 400: problemResponse('Malformed'), 404: notFound },
        },
      },
      async (request) => service.aggregates(request.params.code, request.query, requestLang(request)),
    );

    typed.patch(
      '/indicators/:code',
      {
        config: { action: 'observatory.manage' },
        schema: {
          tags: ['observatory'],
          summary: 'Edit the catalogue entry (names, definitions, codes, source, licence, pillars)',
          params: IndicatorParamsSchema,
          body: IndicatorUpdateSchema,
          response: { 200: IndicatorDetailSchema, ...writes },
        },
      },
      async (request) => service.update(requestContext(request), request.params.code, request.body),
    );

    typed.put(
      '/indicators/:code/observations/:state/:year',
      {
        config: { action: 'observatory.manage' },
        schema: {
          tags: ['observatory'],
          summary: 'Correct a published value with a reason (the earlier value is kept), or add a missing one',
          params: ObservationParamsSchema,
          body: ObservationCorrectSchema,
          response: { 200: ObservationSchema, ...writes },
        },
      },
      async (request) =>
        service.correct(
          requestContext(request),
          request.params.code,
          request.params.state,
          request.params.year,
          request.body,
        ),
    );

    typed.post(
      '/indicators/:code/imports',
      {
        config: { action: 'observatory.manage' },
        schema: {
          tags: ['observatory'],
          summary:
            'Import values from a CSV or SDMX-CSV file (the body, as text/csv or application/vnd.sdmx.data+csv): preview what it changes, or apply it; every row valid or nothing written',
          params: IndicatorParamsSchema,
          querystring: ObservationImportQuerySchema,
          response: {
            200: ObservationImportSchema,
            400: problemResponse('Not UTF-8, a column missing, or rows refused: each named as rows.{row}.{column}'),
            ...DENIED,
            404: notFound,
            409: problemResponse('Values changed while the file was imported: nothing written'),
            413: problemResponse('Larger than 50 MB'),
            415: problemResponse('Not text/csv or application/vnd.sdmx.data+csv'),
          },
        },
      },
      async (request) => {
        return service.import(requestContext(request), request.params.code, importFile(request.body), request.query);
      },
    );

    typed.post(
      '/indicators/:code/submissions',
      {
        config: { action: 'observatory.submit' },
        schema: {
          tags: ['observatory'],
          summary: 'Submit a value for one’s own state; not public until the secretariat accepts it',
          params: IndicatorParamsSchema,
          body: SubmissionCreateSchema,
          response: { 201: ObservationSchema, ...writes },
        },
      },
      async (request, reply) =>
        created(reply, service.submit(requestContext(request), request.params.code, request.body)),
    );

    typed.post(
      '/indicators/:code/submissions/:id/review',
      {
        config: { action: 'observatory.manage' },
        schema: {
          tags: ['observatory'],
          summary: 'Accept a submitted value (it is published, a value it replaces kept) or reject it, with a reason',
          params: SubmissionParamsSchema,
          body: SubmissionReviewSchema,
          response: { 200: ObservationSchema, ...writes },
        },
      },
      async (request) => service.review(requestContext(request), request.params.code, request.params.id, request.body),
    );
    // The regional-concerns briefs: the secretariat's drafts for a meeting.
    const briefWrites = {
      400: problemResponse('Malformed, or names a meeting that does not exist'),
      ...DENIED,
      404: problemResponse('No such brief or meeting'),
      409: conflictResponse('Changed since read (carries what is current)'),
    };
    typed.get(
      '/observatory/briefs',
      {
        config: { action: 'observatory.read-briefs' },
        schema: {
          tags: ['observatory'],
          summary: 'The regional-concerns briefs, newest first (a meeting’s only with meeting=)',
          querystring: z.object({ meeting: z.string().max(100).optional() }),
          response: { 200: RegionalBriefListSchema, 400: problemResponse('Malformed'), ...DENIED },
        },
      },
      async (request) => briefs.list(requestContext(request), request.query.meeting),
    );

    typed.post(
      '/observatory/briefs',
      {
        config: { action: 'observatory.briefs' },
        schema: {
          tags: ['observatory'],
          summary:
            'Generate a regional-concerns brief for a meeting from every indicator’s trends: a draft in the four languages',
          body: RegionalBriefCreateSchema,
          response: { 201: RegionalBriefSchema, ...briefWrites },
        },
      },
      async (request, reply) => created(reply, briefs.generate(requestContext(request), request.body)),
    );

    typed.get(
      '/observatory/briefs/:id',
      {
        config: { action: 'observatory.read-briefs' },
        schema: {
          tags: ['observatory'],
          summary: 'One regional-concerns brief: its findings, texts and the meeting document it was exported to',
          params: RegionalBriefParamsSchema,
          response: { 200: RegionalBriefSchema, 400: problemResponse('Malformed'), ...DENIED, 404: notFound },
        },
      },
      async (request) => briefs.get(requestContext(request), request.params.id),
    );

    typed.patch(
      '/observatory/briefs/:id',
      {
        config: { action: 'observatory.briefs' },
        schema: {
          tags: ['observatory'],
          summary: 'Edit the brief’s title and body per language, at the version read',
          params: RegionalBriefParamsSchema,
          body: RegionalBriefUpdateSchema,
          response: { 200: RegionalBriefSchema, ...briefWrites },
        },
      },
      async (request) => briefs.update(requestContext(request), request.params.id, request.body),
    );

    typed.get(
      '/observatory/briefs/:id/pdf',
      {
        config: { action: 'observatory.read-briefs' },
        schema: {
          tags: ['observatory'],
          summary: 'The brief as a PDF in one language, as the export attaches it',
          params: RegionalBriefParamsSchema,
          querystring: BriefPdfQuerySchema,
          response: {
            200: { description: 'The PDF', content: { 'application/pdf': { schema: z.string() } } },
            400: problemResponse('Malformed'),
            ...DENIED,
            404: notFound,
          },
        },
      },
      async (request, reply) => {
        const { pdf, filename } = await briefs.pdf(requestContext(request), request.params.id, request.query.lang);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'private, no-store')
          .send(pdf as unknown as string);
      },
    );

    typed.post(
      '/observatory/briefs/:id/export',
      {
        config: { action: 'observatory.briefs' },
        schema: {
          tags: ['observatory'],
          summary:
            'Export the brief at the version read as a PDF per language, attached to its meeting as a working document with a symbol (a later export adds a revision)',
          params: RegionalBriefParamsSchema,
          body: RegionalBriefExportSchema,
          response: { 200: RegionalBriefSchema, ...briefWrites },
        },
      },
      async (request) => briefs.export(requestContext(request), request.params.id, request.body, request.log),
    );
  };
}
