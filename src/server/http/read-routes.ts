import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import {
  DetailQuerySchema,
  IdOrSlugParamsSchema,
  type Lang,
  type Page,
  type PageQuerySchema,
  ProblemSchema,
  pageOf,
} from '../../contract/common.js';
import type { Actor } from '../policy/actor.js';
import { requestLang } from './lang.js';

/** An error reply as the OpenAPI document should show it: a problem document, by its media type. */
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/**
 * The two read routes every area of the reference data has: a paged, filtered list and a detail by
 * id or slug. Routes stay thin: parse, call the service, and the response schema shapes the reply.
 */
export function registerReadRoutes<Q extends typeof PageQuerySchema, Item extends z.ZodType, Detail extends z.ZodType>(
  app: FastifyInstance,
  options: {
    path: string;
    tag: string;
    what: string;
    listQuery: Q;
    item: Item;
    list: (query: z.infer<Q>, lang: Lang, actor: Actor) => Promise<Page<z.infer<Item>>>;
    detail?: { schema: Detail; get: (idOrSlug: string, lang: Lang, actor: Actor) => Promise<z.infer<Detail>> };
  },
) {
  // The zod compilers validate and serialize; the types come from the services, which use the contract.
  app.get(
    options.path,
    {
      config: { cache: true, action: 'reference.read' },
      schema: {
        tags: [options.tag],
        summary: `List ${options.what}`,
        querystring: options.listQuery,
        response: { 200: pageOf(options.item), 400: problem('The parameters cannot be used') },
      },
    },
    async (request) => options.list(request.query as z.infer<Q>, requestLang(request), request.actor),
  );
  const { detail } = options;
  if (!detail) return;
  app.get<{ Params: { idOrSlug: string } }>(
    `${options.path}/:idOrSlug`,
    {
      config: { cache: true, action: 'reference.read' },
      schema: {
        tags: [options.tag],
        summary: `One of the ${options.what}, by id or slug`,
        params: IdOrSlugParamsSchema,
        querystring: DetailQuerySchema,
        response: { 200: detail.schema, 400: problem('The parameters cannot be used'), 404: problem('No such record') },
      },
    },
    async (request) => detail.get(request.params.idOrSlug, requestLang(request), request.actor),
  );
}
