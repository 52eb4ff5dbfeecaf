import type { FastifyInstance } from 'fastify';
import { MeetingDetailSchema, MeetingListQuerySchema, MeetingSchema } from '../../../contract/reference.js';
import { registerReadRoutes } from '../../http/read-routes.js';
import type { MeetingsService } from './service.js';

export function meetingsRoutes(service: MeetingsService) {
  return async (app: FastifyInstance) => {
    registerReadRoutes(app, {
      path: '/meetings',
      tag: 'meetings',
      what: 'ministerial meetings, in the order they were held',
      listQuery: MeetingListQuerySchema,
      item: MeetingSchema,
      list: service.list,
      detail: { schema: MeetingDetailSchema, get: service.get },
    });
  };
}
