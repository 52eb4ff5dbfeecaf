import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PartnerCreateSchema,
  PartnerDetailSchema,
  PartnerListQuerySchema,
  PartnerLogoQuerySchema,
  PartnerParamsSchema,
  PartnerSchema,
  PartnerUpdateSchema,
} from '../../../contract/partners.js';
import { PARTNER_LOGO_MAX_BYTES } from '../../../domain/partners.js';
import { type FileStore, IMAGE_KINDS } from '../../files/index.js';
import { conflictResponse, DENIED, problemResponse } from '../../http/problems.js';
import { registerReadRoutes } from '../../http/read-routes.js';
import { created, noContent } from '../../http/replies.js';
import { requestContext } from '../../policy/guard.js';
import type { PartnersService } from './service.js';

const writes = {
  400: problemResponse('Malformed, or an unknown pillar'),
  404: problemResponse('No such partner organisation'),
  ...DENIED,
};
const readOnly = problemResponse('A reference partner (read-only)');

export function partnersRoutes(service: PartnersService, files: FileStore) {
  return async (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    registerReadRoutes(app, {
      path: '/partners',
      tag: 'partners',
      what: 'strategic partners of the MISPA process (from the reference data and added by the secretariat)',
      listQuery: PartnerListQuerySchema,
      item: PartnerSchema,
      list: service.list,
      detail: { schema: PartnerDetailSchema, get: service.get },
    });

    typed.post(
      '/partners',
      {
        config: { action: 'partners.manage' },
        schema: {
          tags: ['partners'],
          summary: 'Create a strategic partner organisation (slug derived from the name unless given)',
          body: PartnerCreateSchema,
          response: { 201: PartnerDetailSchema, ...writes, 409: problemResponse('That slug is taken') },
        },
      },
      async (request, reply) => created(reply, service.create(requestContext(request), request.body)),
    );

    typed.patch(
      '/partners/:idOrSlug',
      {
        config: { action: 'partners.manage' },
        schema: {
          tags: ['partners'],
          summary: 'Edit a platform partner: send the updatedAt you read; a stale one is a 409 with the current record',
          params: PartnerParamsSchema,
          body: PartnerUpdateSchema,
          response: {
            200: PartnerDetailSchema,
            ...writes,
            409: conflictResponse('Changed meanwhile (carries the current record), or a reference partner'),
          },
        },
      },
      async (request) => service.update(requestContext(request), request.params.idOrSlug, request.body),
    );

    typed.delete(
      '/partners/:idOrSlug',
      {
        config: { action: 'partners.manage' },
        schema: {
          tags: ['partners'],
          summary: 'Delete a platform partner that no role grant or delegation points at',
          params: PartnerParamsSchema,
          response: { 204: z.null(), ...writes, 409: problemResponse('In use, or a reference partner') },
        },
      },
      async (request, reply) =>
        noContent(reply, service.remove(requestContext(request), request.params.idOrSlug, files.transaction(request))),
    );

    typed.get(
      '/partners/:idOrSlug/logo',
      {
        config: { action: 'reference.read' },
        schema: {
          tags: ['partners'],
          summary: 'The partner’s logo (PNG, JPEG or WebP), cacheable and revalidated by its ETag',
          params: PartnerParamsSchema,
          querystring: PartnerLogoQuerySchema,
          response: {
            200: {
              description: 'The image’s bytes, with the type detected when it was uploaded',
              content: { 'image/*': { schema: z.string() } },
            },
            400: problemResponse('Malformed'),
            404: problemResponse('No such partner, or no logo'),
          },
        },
      },
      async (request, reply) => {
        const file = await service.logo(request.params.idOrSlug);
        return files.send(request, reply, file, { restricted: false, disposition: 'inline' });
      },
    );

    typed.put(
      '/partners/:idOrSlug/logo',
      {
        config: { action: 'partners.manage' },
        schema: {
          tags: ['partners'],
          summary: 'Upload or replace the logo (multipart/form-data, field "file": PNG, JPEG or WebP, at most 1 MB)',
          consumes: ['multipart/form-data'],
          params: PartnerParamsSchema,
          response: {
            200: PartnerDetailSchema,
            ...writes,
            409: readOnly,
            413: problemResponse('Too large'),
            415: problemResponse('Not an image, or a program'),
          },
        },
      },
      async (request) => {
        const upload = await files.receive(request, IMAGE_KINDS, { maxBytes: PARTNER_LOGO_MAX_BYTES });
        try {
          return await service.putLogo(requestContext(request), request.params.idOrSlug, upload);
        } finally {
          await upload.release();
        }
      },
    );

    typed.delete(
      '/partners/:idOrSlug/logo',
      {
        config: { action: 'partners.manage' },
        schema: {
          tags: ['partners'],
          summary: 'Remove the logo',
          params: PartnerParamsSchema,
          response: { 204: z.null(), ...writes, 409: readOnly },
        },
      },
      async (request, reply) =>
        noContent(
          reply,
          service.removeLogo(requestContext(request), request.params.idOrSlug, files.transaction(request)),
        ),
    );
  };
}
