import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DetailQuerySchema, IdOrSlugParamsSchema } from '../../../contract/common.js';
import {
  CommentCreateSchema,
  DecisionCreateSchema,
  DecisionDeleteSchema,
  DecisionListSchema,
  DecisionOrderSchema,
  DecisionParamsSchema,
  DecisionSchema,
  DecisionUpdateSchema,
  RecordKindParamsSchema,
  RecordsOverviewSchema,
  RecordsParamsSchema,
  RecordTransitionSchema,
  RecordVersionListSchema,
  RecordVersionParamsSchema,
  RecordVersionSchema,
  RecordWriteSchema,
  SeriesSchema,
} from '../../../contract/meeting-records.js';
import { problemResponse } from '../../http/problems.js';
import { created, noContent } from '../../http/replies.js';
import { requestContext } from '../../policy/guard.js';
import { writeSchema } from '../shared/write-schema.js';
import type { DecisionsService } from './decisions-service.js';
import type { MeetingRecordsService } from './service.js';

const readProblems = {
  400: problemResponse('Malformed'),
  401: problemResponse('Sign in to read what is shared with delegations'),
  403: problemResponse('Not allowed'),
  404: problemResponse('No such meeting or version'),
};

/** A read's schema: its path parameters, the answer and the refusals above. */
const readSchema = <P extends z.ZodType, R extends z.ZodType>(summary: string, params: P, reply: R) => ({
  tags: ['meeting-records'],
  summary,
  params,
  querystring: DetailQuerySchema,
  response: { 200: reply, ...readProblems },
});

export function meetingRecordsRoutes(services: { records: MeetingRecordsService; decisions: DecisionsService }) {
  const { records, decisions } = services;
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const base = '/meetings/:idOrSlug';
    const tags = ['meeting-records'];
    // Reads are public routes: final versions and a concluded meeting's decisions are for everyone;
    // the service asks meeting-records.read for what is shared with delegations.
    const read = { action: 'reference.read' } as const;
    const manage = { action: 'meeting-records.manage' } as const;

    typed.get(
      `${base}/records`,
      {
        config: read,
        schema: readSchema(
          'Versions of the minutes and the report you may read, the decisions, and what you may do',
          RecordsParamsSchema,
          RecordsOverviewSchema,
        ),
      },
      async (request) => records.overview(requestContext(request), request.params.idOrSlug),
    );

    typed.get(
      `${base}/records/:kind`,
      {
        config: read,
        schema: readSchema(
          'Every version of the minutes or the report you may read, newest first',
          RecordKindParamsSchema,
          RecordVersionListSchema,
        ),
      },
      async (request) => records.versions(requestContext(request), request.params.idOrSlug, request.params.kind),
    );

    typed.get(
      `${base}/records/:kind/versions/:version`,
      {
        config: read,
        schema: readSchema(
          'One version with its text and the comments you may read',
          RecordVersionParamsSchema,
          RecordVersionSchema,
        ),
      },
      async (request) =>
        records.version(requestContext(request), request.params.idOrSlug, request.params.kind, request.params.version),
    );

    typed.put(
      `${base}/records/:kind`,
      {
        config: manage,
        schema: writeSchema(
          {
            tags,
            summary: 'Write the first draft, edit the draft, or start a new version after a final one',
            params: RecordKindParamsSchema,
            body: RecordWriteSchema,
          },
          { 200: RecordVersionSchema },
        ),
      },
      async (request) =>
        records.write(requestContext(request), request.params.idOrSlug, request.params.kind, request.body),
    );

    for (const [step, summary] of [
      ['share', 'Share the draft with the delegations for comment'],
      ['finalise', 'Make the newest version final: public and locked'],
    ] as const) {
      typed.post(
        `${base}/records/:kind/${step}`,
        {
          config: manage,
          schema: writeSchema(
            { tags, summary, params: RecordKindParamsSchema, body: RecordTransitionSchema },
            { 200: RecordVersionSchema },
          ),
        },
        async (request) =>
          records[step](requestContext(request), request.params.idOrSlug, request.params.kind, request.body),
      );
    }

    typed.post(
      `${base}/records/:kind/versions/:version/comments`,
      {
        config: { action: 'meeting-records.comment' },
        schema: writeSchema(
          {
            tags,
            summary: 'Comment on a shared version, for your member state',
            params: RecordVersionParamsSchema,
            body: CommentCreateSchema,
          },
          { 201: RecordVersionSchema },
        ),
      },
      async (request, reply) =>
        created(
          reply,
          records.comment(
            requestContext(request),
            request.params.idOrSlug,
            request.params.kind,
            request.params.version,
            request.body,
          ),
        ),
    );

    typed.get(
      `${base}/decisions`,
      {
        config: read,
        schema: readSchema(
          'The concluding record’s decisions in order (public once the meeting is concluded)',
          RecordsParamsSchema,
          DecisionListSchema,
        ),
      },
      async (request) => decisions.list(requestContext(request), request.params.idOrSlug),
    );

    typed.post(
      `${base}/decisions`,
      {
        config: manage,
        schema: writeSchema(
          {
            tags,
            summary: 'Add a decision at the end of the concluding record',
            params: RecordsParamsSchema,
            body: DecisionCreateSchema,
          },
          { 201: DecisionSchema },
        ),
      },
      async (request, reply) =>
        created(reply, decisions.add(requestContext(request), request.params.idOrSlug, request.body)),
    );

    typed.put(
      `${base}/decisions/order`,
      {
        config: manage,
        schema: writeSchema(
          {
            tags,
            summary: 'Reorder the decisions: every one in the new order, each with the updatedAt read',
            params: RecordsParamsSchema,
            body: DecisionOrderSchema,
          },
          { 200: DecisionListSchema },
        ),
      },
      async (request) => decisions.reorder(requestContext(request), request.params.idOrSlug, request.body),
    );

    typed.put(
      `${base}/decisions/:id`,
      {
        config: manage,
        schema: writeSchema(
          {
            tags,
            summary: 'Edit a decision, naming the updatedAt read',
            params: DecisionParamsSchema,
            body: DecisionUpdateSchema,
          },
          { 200: DecisionSchema },
        ),
      },
      async (request) =>
        decisions.update(requestContext(request), request.params.idOrSlug, request.params.id, request.body),
    );

    typed.delete(
      `${base}/decisions/:id`,
      {
        config: manage,
        schema: writeSchema(
          {
            tags,
            summary: 'Remove a decision, naming the updatedAt read',
            params: DecisionParamsSchema,
            body: DecisionDeleteSchema,
          },
          { 204: z.null() },
        ),
      },
      async (request, reply) =>
        noContent(
          reply,
          decisions.remove(requestContext(request), request.params.idOrSlug, request.params.id, request.body),
        ),
    );

    typed.get(
      '/technical-groups/:idOrSlug/minutes',
      {
        config: read,
        schema: {
          tags,
          summary: 'The final minutes of a technical group’s meetings in sequence, each pointing at the one before',
          params: IdOrSlugParamsSchema,
          querystring: DetailQuerySchema,
          response: {
            200: SeriesSchema,
            400: problemResponse('Malformed'),
            404: problemResponse('No such technical group'),
          },
        },
      },
      async (request) => records.series(request.params.idOrSlug),
    );
  };
}
