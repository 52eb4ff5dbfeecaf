import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConflictProblemSchema, type Lang, type Problem, ProblemSchema } from '../../contract/common.js';
import { isMessageKey, message, messageWithValues } from '../i18n/messages.js';
import type { MessageValues, ProblemKey, ReasonKey } from '../i18n/types.js';
import { requestLang } from './lang.js';

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
    /** A message key with its values, as `reason()` of contract/common.ts writes it. */
    readonly reason: string,
  ) {
    super(`${parameter}: ${reason}`);
  }
}

/** Thrown when several parameters cannot be used at once (the rows of an imported file), all named. */
export class InvalidParametersError extends Error {
  constructor(readonly errors: ReadonlyArray<Pick<InvalidParameterError, 'parameter' | 'location' | 'reason'>>) {
    super(errors.map((e) => `${e.parameter}: ${e.reason}`).join('; '));
  }
}

/** The values a problem's detail needs. */
export type ProblemValues<Key extends ProblemKey> = MessageValues<`${Key}.detail`>;
type Values = Readonly<Record<string, string | number>>;
/** What follows a problem's key: its values (which may be left out when it has none), then headers. */
type ProblemArguments<Key extends ProblemKey> =
  ProblemValues<Key> extends Record<string, never>
    ? [values?: ProblemValues<Key>, headers?: Record<string, string>]
    : [values: ProblemValues<Key>, headers?: Record<string, string>];

/**
 * A refusal a person can act on, named by its key in the message catalogs (src/server/i18n/):
 * `<key>.title` and `<key>.detail`, with the values the detail's placeholders need.
 */
export class ProblemError<Key extends ProblemKey = ProblemKey> extends Error {
  readonly values: Values;
  /** Headers the answer carries (Retry-After on a 429). */
  readonly headers: Record<string, string>;
  constructor(
    readonly status: number,
    readonly kind: string,
    readonly messageKey: Key,
    ...[values, headers]: ProblemArguments<Key>
  ) {
    super(`${kind}: ${messageKey}`);
    this.values = values ?? {};
    this.headers = headers ?? {};
  }

  title(lang: Lang): string {
    const key: ProblemKey = this.messageKey;
    return message(lang, `${key}.title`);
  }

  detail(lang: Lang): string {
    const key: ProblemKey = this.messageKey;
    return messageWithValues(lang, `${key}.detail`, this.values);
  }
}

/**
 * A 409 that carries what is current besides the problem (the version or timestamp the record has
 * now, the record itself...), so a client can show the conflict and reload without another request.
 * Members left undefined are not sent.
 */
export class ConflictError<Key extends ProblemKey = ProblemKey> extends ProblemError<Key> {
  readonly members: Record<string, unknown>;
  constructor(
    messageKey: Key,
    values: ProblemValues<Key>,
    currentVersion: number | string | undefined,
    current: unknown,
    options: { kind?: string; members?: Record<string, unknown> } = {},
  ) {
    // The compiler cannot resolve ProblemArguments for an open Key; `values` was typed above.
    super(409, options.kind ?? 'conflict', messageKey, ...([values] as ProblemArguments<Key>));
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

/** The refusals of a route open only to some signed-in callers. */
export const DENIED = { 401: problemResponse('Not signed in'), 403: problemResponse('Not allowed') };

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
      title: error.title(lang),
      status: error.status,
      detail: error.detail(lang),
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
  if (error instanceof InvalidParameterError || error instanceof InvalidParametersError)
    return invalid(
      lang,
      (error instanceof InvalidParametersError ? error.errors : [error]).map((e) => ({
        name: e.parameter,
        in: e.location,
        reason: reasonText(lang, e.reason),
      })),
    );
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = (error as FastifyError).validationContext ?? 'query';
    return invalid(
      lang,
      error.validation.map((v) => ({
        name: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || location,
        in: location === 'querystring' ? 'query' : location,
        reason: issueReason(lang, { ...v.params, code: v.keyword, message: v.message ?? '' }),
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

/**
 * A reason as the contract and the services write it — a message key with its values
 * (`reason()` in contract/common.ts) — in `lang`. A text that names no message is kept as it is.
 */
export function reasonText(lang: Lang, reason: string): string {
  const at = reason.indexOf('?');
  const key = at < 0 ? reason : reason.slice(0, at);
  if (!isMessageKey(key)) return reason;
  return messageWithValues(lang, key, Object.fromEntries(new URLSearchParams(at < 0 ? '' : reason.slice(at + 1))));
}

/** A zod issue as zod reports it: code, message and the members of its code. */
type IssueLike = { code: string; message: string } & Record<string, unknown>;

const zodEnglish = z.locales.en().localeError;
/** Zod's English sentence, up to what it says of the input (which issues do not keep). */
const zodDefault = (issue: IssueLike) => {
  const text = zodEnglish(issue as never);
  return (typeof text === 'string' ? text : (text?.message ?? '')).split(', received ')[0];
};

/**
 * Why zod refused a value, in `lang`: the contract's own reason when the schema gives one, else
 * a sentence for zod's issue code (zod's own messages are English only); a custom text that is no
 * message key stays as written.
 */
export function issueReason(lang: Lang, zodIssue: { code: string; message: string }): string {
  const issue = zodIssue as IssueLike;
  if (issue.message.split(', received ')[0] !== zodDefault(issue)) return reasonText(lang, issue.message);
  const [key, values] = builtInReason(issue);
  return messageWithValues(lang, key, values);
}

type BuiltInReason = [ReasonKey, Record<string, string>];
const isReasonKey = (key: string): key is ReasonKey => key.startsWith('reason.') && isMessageKey(key);

function builtInReason(issue: IssueLike): BuiltInReason {
  // zod's `expected` and `format` are open-ended: a reason of its own when the catalogs have one.
  const specific = (key: string, fallback: ReasonKey, values: Record<string, string>): BuiltInReason =>
    isReasonKey(key) ? [key, values] : [fallback, values];
  switch (issue.code) {
    case 'invalid_type':
      return specific(`reason.type.${issue.expected}`, 'reason.type', { expected: String(issue.expected) });
    case 'too_small':
    case 'too_big': {
      const [side, bound] = issue.code === 'too_small' ? (['min', 'minimum'] as const) : (['max', 'maximum'] as const);
      const values = { [bound]: String(issue[bound]) };
      if (issue.origin === 'string' && side === 'min' && values[bound] === '1') return ['reason.empty', {}];
      if (issue.origin === 'string') return [`reason.${side}.string`, values];
      if (issue.origin === 'array' || issue.origin === 'set') return [`reason.${side}.array`, values];
      return [issue.inclusive === false ? `reason.${side}.exclusive` : `reason.${side}`, values];
    }
    case 'invalid_format':
      return specific(`reason.format.${issue.format}`, 'reason.format', { format: String(issue.format) });
    case 'invalid_value':
      return ['reason.oneOf', { values: (issue.values as unknown[]).map(String).join(', ') }];
    case 'unrecognized_keys':
      return ['reason.unexpectedFields', { keys: (issue.keys as string[]).join(', ') }];
    case 'not_multiple_of':
      return ['reason.multipleOf', { divisor: String(issue.divisor) }];
    default:
      return ['reason.invalid', {}];
  }
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
