import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DetailQuerySchema, IdOrSlugParamsSchema } from '../../../contract/common.js';
import {
  CommentCreateSchema,
  DecisionCreateSchema,
  DecisionDeleteSchema,
  DecisionListSchema,
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
import { requestContext } from '../../policy/guard.js';
import { handleConflicts } from '../agenda/conflict.js';
import { problem, writeProblems } from '../agenda/routes.js';
import type { MeetingRecordsService } from './service.js';

const readProblems = {
  400: problem('Malformed'),
  401: problem('Sign in to read what is shared with delegations'),
  403: problem('Not allowed'),
  404: problem('No such meeting or version'),
};

export function meetingRecordsRoutes(service: MeetingRecordsService) {
  return async (app: FastifyInstance) => {
    handleConflicts(app);
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
        schema: {
          tags,
          summary: 'Versions of the minutes and the report you may read, the decisions, and what you may do',
          params: RecordsParamsSchema,
          querystring: DetailQuerySchema,
          response: { 200: RecordsOverviewSchema, ...readProblems },
        },
      },
      async (request) => service.overview(requestContext(request), request.params.idOrSlug),
    );

    typed.get(
      `${base}/records/:kind`,
      {
        config: read,
        schema: {
          tags,
          summary: 'Every version of the minutes or the report you may read, newest first',
          params: RecordKindParamsSchema,
          querystring: DetailQuerySchema,
          response: { 200: RecordVersionListSchema, ...readProblems },
        },
      },
      async (request) => service.versions(requestContext(request), request.params.idOrSlug, request.params.kind),
    );

    typed.get(
      `${base}/records/:kind/versions/:version`,
      {
        config: read,
        schema: {
          tags,
          summary: 'One version with its text and the comments you may read',
          params: RecordVersionParamsSchema,
          querystring: DetailQuerySchema,
          response: { 200: RecordVersionSchema, ...readProblems },
        },
      },
      async (request) =>
        service.version(requestContext(request), request.params.idOrSlug, request.params.kind, request.params.version),
    );

    typed.put(
      `${base}/records/:kind`,
      {
        config: manage,
        schema: {
          tags,
          summary: 'Write the first draft, edit the draft, or start a new version after a final one',
          params: RecordKindParamsSchema,
          body: RecordWriteSchema,
          response: { 200: RecordVersionSchema, ...writeProblems },
        },
      },
      async (request) =>
        service.write(requestContext(request), request.params.idOrSlug, request.params.kind, request.body),
    );

    for (const [step, summary] of [
      ['share', 'Share the draft with the delegations for comment'],
      ['finalise', 'Make the newest version final: public and locked'],
    ] as const) {
      typed.post(
        `${base}/records/:kind/${step}`,
        {
          config: manage,
          schema: {
            tags,
            summary,
            params: RecordKindParamsSchema,
            body: RecordTransitionSchema,
            response: { 200: RecordVersionSchema, ...writeProblems },
          },
        },
        async (request) =>
          service[step](requestContext(request), request.params.idOrSlug, request.params.kind, request.body),
      );
    }

    typed.post(
      `${base}/records/:kind/versions/:version/comments`,
      {
        config: { action: 'meeting-records.comment' },
        schema: {
          tags,
          summary: 'Comment on a shared version, for your member state',
          params: RecordVersionParamsSchema,
          body: CommentCreateSchema,
          response: { 201: RecordVersionSchema, ...writeProblems },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await service.comment(
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
        schema: {
          tags,
          summary: 'The concluding record’s decisions in order (public once the meeting is concluded)',
          params: RecordsParamsSchema,
          querystring: DetailQuerySchema,
          response: { 200: DecisionListSchema, ...readProblems },
        },
      },
      async (request) => service.decisions(requestContext(request), request.params.idOrSlug),
    );

    typed.post(
      `${base}/decisions`,
      {
        config: manage,
        schema: {
          tags,
          summary: 'Add a decision at the end of the concluding record',
          params: RecordsParamsSchema,
          body: DecisionCreateSchema,
          response: { 201: DecisionSchema, ...writeProblems },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.addDecision(requestContext(request), request.params.idOrSlug, request.body)),
    );

    typed.put(
      `${base}/decisions/:id`,
      {
        config: manage,
        schema: {
          tags,
          summary: 'Edit a decision, naming the updatedAt read',
          params: DecisionParamsSchema,
          body: DecisionUpdateSchema,
          response: { 200: DecisionSchema, ...writeProblems },
        },
      },
      async (request) =>
        service.updateDecision(requestContext(request), request.params.idOrSlug, request.params.id, request.body),
    );

    typed.delete(
      `${base}/decisions/:id`,
      {
        config: manage,
        schema: {
          tags,
          summary: 'Remove a decision, naming the updatedAt read',
          params: DecisionParamsSchema,
          body: DecisionDeleteSchema,
          response: { 204: z.null(), ...writeProblems },
        },
      },
      async (request, reply) => {
        await service.removeDecision(requestContext(request), request.params.idOrSlug, request.params.id, request.body);
        return reply.status(204).send(null);
      },
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
          response: { 200: SeriesSchema, 400: problem('Malformed'), 404: problem('No such technical group') },
        },
      },
      async (request) => service.series(request.params.idOrSlug),
    );
  };
}
