import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DetailQuerySchema, IdOrSlugParamsSchema, pageOf } from '../../../contract/common.js';
import {
  MeetingConflictSchema,
  MeetingCreateSchema,
  MeetingDetailSchema,
  MeetingListQuerySchema,
  MeetingSchema,
  MeetingUpdateSchema,
  TransitionBodySchema,
} from '../../../contract/meetings.js';
import { type RegistrationReminder, RegistrationReminderSchema } from '../../../contract/workspace.js';
import { TRANSITION_NAMES } from '../../../domain/meetings.js';
import { ifMatch } from '../../http/if-match.js';
import { requestLang } from '../../http/lang.js';
import { DENIED, problemResponse } from '../../http/problems.js';
import { created } from '../../http/replies.js';
import type { RequestContext } from '../../policy/actor.js';
import { requestContext } from '../../policy/guard.js';
import type { Action } from '../../policy/permissions.js';
import type { meetingsCalendar } from './calendar.js';
import type { MeetingsService } from './service.js';
import type { meetingWrites } from './writes.js';

const refusals = {
  400: problemResponse('Malformed, or names something that does not exist'),
  ...DENIED,
  404: problemResponse('No such meeting (drafts are not shown to those who may not read them)'),
  409: problemResponse(
    'A stale version, a transition not allowed now, a historic or closed meeting',
    MeetingConflictSchema,
  ),
};

export function meetingsRoutes(deps: {
  read: MeetingsService;
  writes: ReturnType<typeof meetingWrites>;
  calendar: ReturnType<typeof meetingsCalendar>;
  remind: (ctx: RequestContext, idOrSlug: string) => Promise<RegistrationReminder>;
}) {
  const { read, writes, calendar, remind } = deps;
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.get(
      '/meetings',
      {
        config: { cache: true, action: 'reference.read' },
        schema: {
          tags: ['meetings'],
          summary: 'List meetings in order (drafts only for the secretariat)',
          querystring: MeetingListQuerySchema,
          response: { 200: pageOf(MeetingSchema), 400: refusals[400] },
        },
      },
      async (request) => read.list(request.query, requestLang(request), request.actor),
    );

    typed.get(
      '/meetings/:idOrSlug',
      {
        config: { cache: true, action: 'reference.read' },
        schema: {
          tags: ['meetings'],
          summary: 'One meeting, by id or slug',
          params: IdOrSlugParamsSchema,
          querystring: DetailQuerySchema,
          response: { 200: MeetingDetailSchema, 400: refusals[400], 404: refusals[404] },
        },
      },
      async (request) => read.get(request.params.idOrSlug, requestLang(request), request.actor),
    );

    typed.post(
      '/meetings',
      {
        config: { action: 'meetings.create' },
        schema: {
          tags: ['meetings'],
          summary: 'Create a meeting, as a draft',
          body: MeetingCreateSchema,
          response: { 201: MeetingDetailSchema, ...refusals },
        },
      },
      async (request, reply) => created(reply, writes.create(requestContext(request), request.body)),
    );

    typed.patch(
      '/meetings/:idOrSlug',
      {
        config: { action: 'meetings.update' },
        schema: {
          tags: ['meetings'],
          summary: 'Edit a meeting, naming the version read (in the body or If-Match)',
          params: IdOrSlugParamsSchema,
          body: MeetingUpdateSchema,
          response: { 200: MeetingDetailSchema, ...refusals },
        },
      },
      async (request) =>
        writes.update(requestContext(request), request.params.idOrSlug, request.body, ifMatch(request)),
    );

    for (const name of TRANSITION_NAMES) {
      typed.post(
        `/meetings/:idOrSlug/${name}`,
        {
          config: { action: `meetings.${name}` as Action },
          schema: {
            tags: ['meetings'],
            summary: `Lifecycle: ${name} the meeting`,
            params: IdOrSlugParamsSchema,
            body: TransitionBodySchema,
            response: { 200: MeetingDetailSchema, ...refusals },
          },
        },
        async (request) =>
          writes.transition(
            requestContext(request),
            request.params.idOrSlug,
            name,
            request.body?.version ?? ifMatch(request),
            request.body?.override ? { reason: request.body.reason } : undefined,
          ),
      );
    }

    typed.post(
      '/meetings/:idOrSlug/remind-states',
      {
        config: { action: 'meetings.remind-states' },
        schema: {
          tags: ['meetings'],
          summary: 'E-mail the focal points of the states not registered yet a reminder (registration open)',
          params: IdOrSlugParamsSchema,
          response: {
            200: RegistrationReminderSchema,
            ...DENIED,
            404: refusals[404],
            409: problemResponse('Registration is not open'),
          },
        },
      },
      async (request) => remind(requestContext(request), request.params.idOrSlug),
    );

    const ics = { 200: z.string().meta({ description: 'text/calendar (RFC 5545)' }) };
    typed.get(
      '/calendar.ics',
      {
        config: { cache: true, action: 'reference.read' },
        schema: {
          tags: ['meetings'],
          summary: 'iCalendar feed of every meeting but drafts',
          querystring: DetailQuerySchema,
          response: { ...ics, 400: refusals[400] },
        },
      },
      async (request, reply) =>
        reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', 'inline; filename="mispa-meetings.ics"')
          .send(await calendar.all(requestLang(request))),
    );

    typed.get(
      '/meetings/:idOrSlug/calendar.ics',
      {
        config: { cache: true, action: 'reference.read' },
        schema: {
          tags: ['meetings'],
          summary: 'One meeting as an iCalendar file (add to calendar)',
          params: IdOrSlugParamsSchema,
          querystring: DetailQuerySchema,
          response: { ...ics, 400: refusals[400], 404: refusals[404] },
        },
      },
      async (request, reply) => {
        const body = await calendar.one(request.actor, request.params.idOrSlug, requestLang(request));
        const file = request.params.idOrSlug.replace(/[^a-z0-9-]/gi, '') || 'meeting';
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file}.ics"`)
          .send(body);
      },
    );
  };
}
