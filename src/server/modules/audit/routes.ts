import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditFilterSchema, AuditPageSchema, AuditQuerySchema } from '../../../contract/audit.js';
import { ProblemSchema } from '../../../contract/common.js';
import { requestContext } from '../../policy/guard.js';
import type { AuditService } from './service.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});
const refusals = {
  400: problem('A filter or the cursor is invalid'),
  401: problem('Not signed in'),
  403: problem('Only the secretariat reads the audit trail'),
};
// Who did what is for the secretariat's eyes only: no shared cache may keep a copy.
const PRIVATE = 'private, no-store';

export function auditRoutes(service: AuditService) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.get(
      '/audit',
      {
        config: { cache: true, action: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'The audit trail, newest entry first, with filters',
          querystring: AuditQuerySchema,
          response: { 200: AuditPageSchema, ...refusals },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', PRIVATE);
        return service.list(requestContext(request), request.query);
      },
    );

    typed.get(
      '/audit.csv',
      {
        config: { action: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'The audit trail as CSV (same filters), newest entry first, streamed',
          querystring: AuditFilterSchema,
          response: {
            200: {
              description: 'CSV (RFC 4180, UTF-8 with a byte order mark) with a header row',
              content: { 'text/csv': { schema: z.string() } },
            },
            ...refusals,
          },
        },
      },
      async (request, reply) => {
        const rows = service.exportCsv(requestContext(request), request.query);
        return (
          reply
            .header('cache-control', PRIVATE)
            .header('content-disposition', 'attachment; filename="audit.csv"')
            .type('text/csv; charset=utf-8')
            // A stream is sent as it is, never serialized: the string type is only the documented body's.
            .send(Readable.from(rows) as unknown as string)
        );
      },
    );
  };
}
