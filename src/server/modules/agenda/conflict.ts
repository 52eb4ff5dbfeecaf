import type { FastifyInstance } from 'fastify';
import { requestLang } from '../../http/lang.js';
import { message } from '../../http/messages.js';
import { sendProblem } from '../../http/problems.js';

/**
 * A 409 that carries what is current: the version (or timestamp) the record has now and the record
 * itself, so a client can show the conflict and reload without another request. The shared problem
 * handler knows no extension members, so the routes that throw this register `handleConflicts`.
 */
export class ConflictError extends Error {
  constructor(
    readonly messageKey: string,
    readonly values: Record<string, string>,
    readonly currentVersion: number | string | undefined,
    readonly current: unknown,
  ) {
    super(messageKey);
  }
}

/** Answers ConflictError in this plugin's routes; anything else goes on to the app's handler. */
export function handleConflicts(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    if (!(error instanceof ConflictError)) throw error;
    const lang = requestLang(request);
    return sendProblem(reply, request, {
      type: '/api/docs#problem-conflict',
      title: message(lang, `${error.messageKey}.title`),
      status: 409,
      detail: message(lang, `${error.messageKey}.detail`, error.values),
      ...(error.currentVersion === undefined ? {} : { currentVersion: error.currentVersion }),
      ...(error.current === undefined ? {} : { current: error.current }),
    } as Parameters<typeof sendProblem>[2]);
  });
}
