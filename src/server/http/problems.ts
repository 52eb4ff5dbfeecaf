import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ConflictProblemSchema, type Lang, type Problem, ProblemSchema } from '../../contract/common.js';
import { requestLang } from './lang.js';
import { message } from './messages.js';

/** Problem types are URIs relative to the API documentation (RFC 9457 §3.1.1). */
const TYPE_BASE = '/api/docs#problem-';

/** Thrown by services when the record asked for does not exist. */
export class NotFoundError extends Error {
  constructor(
    readonly what:
      | 'member-state'
      | 'pillar'
      | 'meeting'
      | 'document'
      | 'technical-group'
      | 'network'
      | 'page'
      | 'user'
      | 'grant'
      | 'invitation',
    readonly key: string,
  ) {
    super(`${what} ${key} not found`);
  }
}

/** Thrown when a parameter passed validation of its shape but cannot be used (a stale cursor). */
export class InvalidParameterError extends Error {
  constructor(
    readonly parameter: string,
    readonly location: 'query' | 'path' | 'body',
    readonly reason: string,
  ) {
    super(`${parameter}: ${reason}`);
  }
}

/** A refusal a person can act on, named by its message keys (http/messages.ts). */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    readonly messageKey: string,
    readonly values: Record<string, string> = {},
    /** Headers the answer carries (Retry-After on a 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(`${kind}: ${messageKey}`);
  }
}

/**
 * A 409 that carries what is current besides the problem (the version or timestamp the record has
 * now, the record itself...), so a client can show the conflict and reload without another request.
 * Members left undefined are not sent.
 */
export class ConflictError extends ProblemError {
  readonly members: Record<string, unknown>;
  constructor(
    messageKey: string,
    values: Record<string, string>,
    currentVersion: number | string | undefined,
    current: unknown,
    options: { kind?: string; members?: Record<string, unknown> } = {},
  ) {
    super(409, options.kind ?? 'conflict', messageKey, values);
    this.members = Object.fromEntries(
      Object.entries({ currentVersion, ...options.members, current }).filter(([, value]) => value !== undefined),
    );
  }
}

/** Thrown when the permission table refuses an action: 401 to sign in, 403 otherwise. */
export class DeniedError extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly reason: 'sign-in' | 'second-factor' | 'read-only-token' | 'role' | 'scope',
    readonly action: string,
  ) {
    super(`${action} denied: ${reason}`);
  }
}

/** A route's documented answer of problem documents, for its `response` table. */
export const problemResponse = (description: string, schema: z.ZodType = ProblemSchema) => ({
  description,
  content: { 'application/problem+json': { schema } },
});

/** A documented 409 that carries what is current (a ConflictError). */
export const conflictResponse = (description: string) => problemResponse(description, ConflictProblemSchema);

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Omit<Problem, 'instance'>) {
  return reply
    .status(problem.status)
    .type('application/problem+json')
    .send({ ...problem, instance: request.url });
}

function problemFor(error: unknown, lang: Lang): Omit<Problem, 'instance'> | null {
  if (error instanceof NotFoundError) {
    return {
      type: `${TYPE_BASE}not-found`,
      title: message(lang, 'notFound.title'),
      status: 404,
      detail: message(lang, 'notFound.detail', { what: message(lang, `entity.${error.what}`), key: error.key }),
    };
  }
  if (error instanceof ProblemError) {
    return {
      type: `${TYPE_BASE}${error.kind}`,
      title: message(lang, `${error.messageKey}.title`),
      status: error.status,
      detail: message(lang, `${error.messageKey}.detail`, error.values),
      ...(error instanceof ConflictError ? error.members : {}),
    };
  }
  if (error instanceof DeniedError) {
    return {
      type: `${TYPE_BASE}${error.status === 401 ? 'unauthenticated' : 'forbidden'}`,
      title: message(lang, error.status === 401 ? 'denied.title.401' : 'denied.title.403'),
      status: error.status,
      detail: message(lang, `denied.${error.reason}`, { action: error.action }),
    };
  }
  if (error instanceof InvalidParameterError)
    return invalid(lang, [{ name: error.parameter, in: error.location, reason: error.reason }]);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = (error as FastifyError).validationContext ?? 'query';
    return invalid(
      lang,
      error.validation.map((v) => ({
        name: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || location,
        in: location === 'querystring' ? 'query' : location,
        reason: v.message ?? 'invalid value',
      })),
    );
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    return {
      type: `${TYPE_BASE}bad-request`,
      title: message(lang, 'badRequest.title'),
      status,
      detail: (error as Error).message,
    };
  }
  return null;
}

function invalid(lang: Lang, errors: NonNullable<Problem['errors']>): Omit<Problem, 'instance'> {
  return {
    type: `${TYPE_BASE}invalid-parameter`,
    title: message(lang, 'invalid.title'),
    status: 400,
    detail: errors.map((e) => message(lang, 'invalid.detail', { name: e.name, reason: e.reason })).join(' '),
    errors,
  };
}

/** Every error leaves as a problem document; unexpected ones are logged and say nothing more. */
export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    const lang = requestLang(request);
    const problem = problemFor(error, lang);
    if (error instanceof ProblemError) reply.headers(error.headers);
    if (problem) return sendProblem(reply, request, problem);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, {
      type: `${TYPE_BASE}internal`,
      title: message(lang, 'internal.title'),
      status: 500,
      detail: message(lang, 'internal.detail', { requestId: request.id }),
    });
  });
}
