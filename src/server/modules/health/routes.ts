import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';

const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  version: z.string(),
  database: z.object({ engine: z.enum(['sqlite', 'postgres']), reachable: z.boolean() }),
});

/** Liveness and readiness in one: 200 when the database answers, 503 when it does not. */
export function healthRoutes({
  db,
  engine,
  version,
  benchBaseline = false,
}: {
  db: Kysely<Database>;
  engine: 'sqlite' | 'postgres';
  version: string;
  /** Adds GET /api/bench/baseline (see below); only `npm run bench` turns it on. */
  benchBaseline?: boolean;
}) {
  return async (app: FastifyInstance) => {
    if (benchBaseline) {
      // The benchmarks' yardstick: a constant JSON body through the same hooks (guard, headers,
      // ETag) as every read, so a route's throughput is reported as a share of this one, a ratio
      // that holds on a busy machine. Hidden from the API description; never on in production.
      app.get('/bench/baseline', { config: { action: 'reference.read' }, schema: { hide: true } }, async () => ({
        status: 'ok',
        baseline: true,
      }));
    }
    app.get(
      '/health',
      {
        config: { action: 'reference.read' },
        schema: {
          tags: ['health'],
          summary: 'Whether the platform and its database are up',
          response: { 200: HealthSchema, 503: HealthSchema },
        },
      },
      async (request, reply) => {
        const reachable = await sql`select 1`
          .execute(db)
          .then(() => true)
          .catch((error: unknown) => {
            request.log.error({ err: error }, 'database unreachable');
            return false;
          });
        return reply
          .status(reachable ? 200 : 503)
          .header('cache-control', 'no-store')
          .send({ status: reachable ? 'ok' : 'unavailable', version, database: { engine, reachable } });
      },
    );
  };
}
