import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../contract/common.js';
import {
  AccreditBodySchema,
  ChangeDecisionSchema,
  ChangeParamsSchema,
  DelegationConflictSchema,
  DelegationCreateSchema,
  DelegationListQuerySchema,
  DelegationListSchema,
  DelegationParamsSchema,
  DelegationSchema,
  DelegationUpdateSchema,
  MeetingParamsSchema,
  PublishedListSchema,
  PublishedQuerySchema,
  type ReasonBody,
  ReasonBodySchema,
  VersionBodySchema,
  VisibilityReplySchema,
  VisibilityUpdateSchema,
} from '../../../contract/delegations.js';
import type { FileKind, FileStore } from '../../files/index.js';
import { ifMatch, versionTag } from '../../http/if-match.js';
import { problemResponse } from '../../http/problems.js';
import { created } from '../../http/replies.js';
import { requestContext } from '../../policy/guard.js';
import type { PublishedService } from './published.js';
import type { DelegationsService } from './service.js';

const reads = {
  400: problemResponse('A parameter is malformed'),
  401: problemResponse('Not signed in'),
  403: problemResponse('No role of yours reads delegations'),
  404: problemResponse('No such meeting, or no delegation of yours with that id'),
};
const writes = {
  ...reads,
  403: problemResponse('Not allowed for this state or organisation, or a read-only token'),
  409: problemResponse(
    'Registration not open, a state already registered, a status that does not allow it, or a stale version (the current delegation comes along)',
    DelegationConflictSchema,
  ),
};
// A registration is for its state's and the secretariat's eyes: no shared cache may keep one.
const PRIVATE = 'private, no-store';
const TAGS = ['delegations'];

/** Credentials are a note verbale: a PDF. */
const CREDENTIAL_KINDS: readonly FileKind[] = ['pdf'];

export function delegationsRoutes(service: DelegationsService, published: PublishedService, files: FileStore) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    app.addHook('onSend', async (request, reply) => {
      if (request.url.includes('/delegations')) reply.header('cache-control', PRIVATE);
    });

    typed.get(
      '/meetings/:idOrSlug/delegations',
      {
        config: { cache: true, action: 'delegations.read' },
        schema: {
          tags: TAGS,
          summary: 'The delegations of a meeting you may see (the secretariat: all), with filters',
          params: MeetingParamsSchema,
          querystring: DelegationListQuerySchema,
          response: { 200: DelegationListSchema, ...reads },
        },
      },
      async (request) => service.list(requestContext(request), request.params.idOrSlug, request.query),
    );

    typed.post(
      '/meetings/:idOrSlug/delegations',
      {
        config: { action: 'delegations.register' },
        schema: {
          tags: TAGS,
          summary: 'Register a delegation with its whole participant list, as a draft or submitted',
          params: MeetingParamsSchema,
          body: DelegationCreateSchema,
          response: { 201: DelegationSchema, ...writes },
        },
      },
      async (request, reply) =>
        created(reply, service.register(requestContext(request), request.params.idOrSlug, request.body)),
    );

    typed.get(
      '/meetings/:idOrSlug/delegations/:id',
      {
        config: { cache: true, action: 'delegations.read' },
        schema: {
          tags: TAGS,
          summary: 'One delegation with its participants and the changes asked for',
          params: DelegationParamsSchema,
          response: { 200: DelegationSchema, ...reads },
        },
      },
      async (request) => service.get(requestContext(request), request.params.idOrSlug, request.params.id),
    );

    typed.patch(
      '/meetings/:idOrSlug/delegations/:id',
      {
        config: { action: 'delegations.register' },
        schema: {
          tags: TAGS,
          summary:
            'Replace the participant list (200); after the deadline a state’s edit waits for the secretariat (202)',
          params: DelegationParamsSchema,
          body: DelegationUpdateSchema,
          response: { 200: DelegationSchema, 202: DelegationSchema, ...writes },
        },
      },
      async (request, reply) => {
        const { applied, delegation } = await service.update(
          requestContext(request),
          request.params.idOrSlug,
          request.params.id,
          request.body,
        );
        return reply.status(applied ? 200 : 202).send(delegation);
      },
    );

    const transitions = [
      ['submit', 'delegations.register', VersionBodySchema, 'Submit a draft or returned registration'],
      [
        'accredit',
        'delegations.accredit',
        AccreditBodySchema,
        'Accredit a submitted registration (without credentials only with a reason)',
      ],
      ['return', 'delegations.accredit', ReasonBodySchema, 'Return a registration with the reason'],
    ] as const;
    for (const [name, action, body, summary] of transitions) {
      typed.post(
        `/meetings/:idOrSlug/delegations/:id/${name}`,
        {
          config: { action },
          schema: {
            tags: TAGS,
            summary,
            params: DelegationParamsSchema,
            body,
            response: { 200: DelegationSchema, ...writes },
          },
        },
        async (request) => {
          const ctx = requestContext(request);
          const { idOrSlug: slug, id } = request.params;
          const input = request.body as ReasonBody;
          if (name === 'submit') return service.submit(ctx, slug, id, input);
          if (name === 'accredit') return service.accredit(ctx, slug, id, input);
          return service.giveBack(ctx, slug, id, input);
        },
      );
    }

    for (const [name, verdict] of [
      ['approve', 'approved'],
      ['reject', 'rejected'],
    ] as const) {
      typed.post(
        `/meetings/:idOrSlug/delegations/:id/changes/:changeId/${name}`,
        {
          config: { action: 'delegations.accredit' },
          schema: {
            tags: TAGS,
            summary:
              verdict === 'approved'
                ? 'Approve a change asked for after the deadline: its participant list replaces the current one'
                : 'Reject a change asked for after the deadline, with the reason',
            params: ChangeParamsSchema,
            body: ChangeDecisionSchema,
            response: { 200: DelegationSchema, ...writes },
          },
        },
        async (request) => {
          const { idOrSlug: slug, id, changeId } = request.params;
          return service.decideChange(requestContext(request), slug, id, changeId, verdict, request.body);
        },
      );
    }

    typed.put(
      '/meetings/:idOrSlug/delegations/:id/credentials',
      {
        config: { action: 'delegations.register' },
        schema: {
          tags: TAGS,
          summary:
            'Upload the credentials (note verbale, PDF) as multipart/form-data, field "file"; the version read goes in If-Match or a field "version" before the file',
          consumes: ['multipart/form-data'],
          params: DelegationParamsSchema,
          response: {
            200: DelegationSchema,
            ...writes,
            413: problemResponse('Too large'),
            415: problemResponse('Not a PDF, or a program'),
          },
        },
      },
      async (request) => {
        const upload = await files.receive(request, CREDENTIAL_KINDS);
        try {
          const { idOrSlug, id } = request.params;
          // The version comes as If-Match or as a form field `version` before the file.
          const version = ifMatch(request) ?? versionTag(upload.fields.version);
          return await service.attachCredentials(requestContext(request), idOrSlug, id, version, upload);
        } finally {
          await upload.release();
        }
      },
    );

    typed.get(
      '/meetings/:idOrSlug/delegations/:id/credentials',
      {
        config: { action: 'delegations.read' },
        schema: {
          tags: TAGS,
          summary: 'Download the credentials of a delegation you may read',
          params: DelegationParamsSchema,
          response: {
            200: { description: 'The file as uploaded (PDF)', content: { 'application/pdf': { schema: z.string() } } },
            ...reads,
          },
        },
      },
      async (request, reply) => {
        const file = await service.credentials(requestContext(request), request.params.idOrSlug, request.params.id);
        return files.send(request, reply, file, { restricted: true, disposition: 'attachment' });
      },
    );

    typed.get(
      '/meetings/:idOrSlug/participants',
      {
        config: { cache: true, action: 'participants.read' },
        schema: {
          tags: TAGS,
          summary: 'The published list of participants: accredited delegations by category and state',
          params: MeetingParamsSchema,
          querystring: PublishedQuerySchema,
          response: { 200: PublishedListSchema, 400: reads[400], 404: problemResponse('No such meeting') },
        },
      },
      async (request) => {
        // What a reader sees depends on who they are: the signed-in's replies are private
        // (http/cache-control.ts), the public's the same for everyone.
        return published.list(requestContext(request), request.params.idOrSlug);
      },
    );

    typed.get(
      '/meetings/:idOrSlug/participants.csv',
      {
        config: { cache: true, action: 'participants.read' },
        schema: {
          tags: TAGS,
          summary: 'The published list as CSV (RFC 4180, UTF-8 with a byte order mark)',
          params: MeetingParamsSchema,
          querystring: PublishedQuerySchema,
          response: {
            200: { description: 'CSV with a header row', content: { 'text/csv': { schema: z.string() } } },
            400: reads[400],
            404: problemResponse('No such meeting'),
          },
        },
      },
      async (request, reply) => {
        const ctx = requestContext(request);
        const rows = published.csv(ctx, request.params.idOrSlug);
        // Read the first row before answering, so a missing meeting is still a 404 problem.
        const first = await rows.next();
        async function* all() {
          if (!first.done) yield first.value;
          yield* rows;
        }
        return reply
          .header('cache-control', 'no-cache')
          .header('content-disposition', `attachment; filename="participants-${request.params.idOrSlug}.csv"`)
          .type('text/csv; charset=utf-8')
          .send(Readable.from(all()) as unknown as string);
      },
    );

    typed.get(
      '/meetings/:idOrSlug/participants.pdf',
      {
        config: { action: 'participants.read' },
        schema: {
          tags: TAGS,
          summary: 'The published list as a PDF document',
          params: MeetingParamsSchema,
          querystring: PublishedQuerySchema,
          response: {
            200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } },
            400: reads[400],
            404: problemResponse('No such meeting'),
          },
        },
      },
      async (request, reply) => {
        const pdf = await published.pdf(requestContext(request), request.params.idOrSlug);
        return reply
          .header('cache-control', 'no-cache')
          .header('content-disposition', `attachment; filename="participants-${request.params.idOrSlug}.pdf"`)
          .type('application/pdf')
          .send(pdf as unknown as string);
      },
    );

    typed.put(
      '/meetings/:idOrSlug/participant-visibility',
      {
        config: { action: 'meetings.update' },
        schema: {
          tags: TAGS,
          summary: 'Set who sees each category of the published list (version of the meeting checked)',
          params: MeetingParamsSchema,
          body: VisibilityUpdateSchema,
          response: {
            200: VisibilityReplySchema,
            400: reads[400],
            401: reads[401],
            403: problemResponse('Only the secretariat edits meetings'),
            404: problemResponse('No such meeting'),
            409: problemResponse(
              'The meeting changed since it was read (the current setting comes along)',
              ProblemSchema.extend({ currentVersion: z.number().int(), current: VisibilityReplySchema }).meta({
                id: 'ParticipantVisibilityConflict',
              }),
            ),
          },
        },
      },
      async (request) => published.setVisibility(requestContext(request), request.params.idOrSlug, request.body),
    );
  };
}
