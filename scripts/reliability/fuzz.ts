import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.js';
import { buildSession, buildUser } from '../../src/server/testing/factories.js';
import { addAgendaItem, expectJson, openMeeting, type RawRequest, send, sendJson } from './client.js';
import {
  explain5xx,
  type FreshDatabase,
  type RunningServer,
  type Snapshot,
  snapshot,
  snapshotDiff,
  startServer,
} from './server.js';

/**
 * Bad input at the edge: walks the app's own OpenAPI document and sends every operation malformed
 * requests (wrong types, missing and extra fields, huge strings, unicode edge cases, injection
 * strings, invalid JSON, wrong content types, oversized bodies, bad path and query parameters), as
 * a signed-in secretariat administrator and as a visitor. Every answer must be below 500, every
 * error a problem document, the process must stay up, and a batch of refused requests must leave
 * the database as it was. Cases come from fast-check with a seed per operation, so a run draws the
 * same cases as the last one, and adding an operation does not change the others' cases.
 */

export interface FuzzOptions {
  casesPerOperation: number;
  seed: number;
}

export interface OperationReport {
  operation: string;
  /** Cases sent as the administrator and as a visitor. */
  cases: { admin: number; visitor: number };
  /** Answers by status class: 2xx/3xx are cases the schema happens to accept (GETs mostly). */
  statuses: Record<string, number>;
}

export interface FuzzResult {
  operations: OperationReport[];
  cases: number;
  failures: string[];
}

type Operation = {
  method: string;
  path: string;
  parameters?: Array<{ in: string; name: string; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
};
type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
};
type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

/** Strings careless code trips on: injection, markup, control and unicode edge cases. */
export const NASTY_STRINGS = [
  '',
  ' ',
  "' OR '1'='1",
  '1; DROP TABLE meeting; --',
  "'); DELETE FROM audit_entry; --",
  '" OR ""="',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  // Template injection, in the two syntaxes: the placeholder is meant literally.
  '{{7*7}}',
  '$' + '{7*7}',
  '../../../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '\u200f\u202eRTL override',
  '\u2028\u2029',
  '\ufeffBOM',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'Z̷̛̖a̶l̵g̷o̸',
  '%00',
  '%',
  'NaN',
  '-1',
  '1e309',
  'null',
  'true',
  '[]',
  '{}',
];

/** Bodies that are not JSON, or not of a JSON content type. */
const NOT_JSON: Array<{ type?: string; body: string }> = [
  { type: 'application/json', body: '{' },
  { type: 'application/json', body: '{"a":' },
  { type: 'application/json', body: "{'a':1}" },
  { type: 'application/json', body: '[1,2' },
  { type: 'application/json', body: 'undefined' },
  { type: 'application/json', body: '{"a":1}{"b":2}' },
  { type: 'application/json', body: '\u0000' },
  { type: 'application/json', body: '{"__proto__":{"admin":true}}' },
  { type: 'application/json', body: '{"constructor":{"prototype":{"x":1}}}' },
  { type: 'application/json; charset=utf-16', body: '{}' },
  { type: 'text/plain', body: '{"a":1}' },
  { type: 'application/x-www-form-urlencoded', body: 'a=1&b=%ZZ' },
  { type: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="f"\r\n\r\nv\r\n--x' },
  { type: 'multipart/form-data', body: 'no boundary' },
  {
    type: 'application/xml',
    body: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>',
  },
  { type: 'application/pdf', body: '%PDF-1.4 not really' },
  { type: 'image/png', body: 'not a png' },
  { body: '{"a":1}' },
];

/** Over the 1 MiB body limit. */
const OVERSIZED = JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 512) });

/** A path segment or query value, percent-encoded; lone surrogates as the raw bytes no UTF-8 decoder accepts. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^%\w.-]/g, (c) => encodeURIComponent(c));
  }
}

function resolve(doc: OpenApi, schema: JsonSchema | undefined): JsonSchema {
  let current = schema ?? {};
  for (let i = 0; i < 10 && current.$ref; i++) {
    current = doc.components?.schemas?.[current.$ref.replace('#/components/schemas/', '')] ?? {};
  }
  return current;
}

/** A plausible value of `schema`: what a near-miss body starts from. */
function plausible(doc: OpenApi, schema: JsonSchema | undefined, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (s.enum?.length) return s.enum[0];
  if (s.anyOf?.length) return plausible(doc, s.anyOf[0], depth);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' || s.properties) {
    if (depth > 3) return {};
    return Object.fromEntries(
      Object.entries(s.properties ?? {}).map(([key, value]) => [key, plausible(doc, value, depth + 1)]),
    );
  }
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  if (type === 'null') return null;
  return 'text';
}

const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const edgeString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', minLength: 5000, maxLength: 20000 }),
  fc.constant('x'.repeat(200_000)),
);
/** For URLs: huge, but within the 16 KiB that Node's HTTP parser takes for a request line and headers. */
const edgeSegment = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS, '..', '%2e%2e', '%zz'),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 300, maxLength: 4000 }),
);

/** Arbitrary malformed requests for one operation; `known` fills path parameters with real values. */
function arbitraryCase(doc: OpenApi, op: Operation, known: Record<string, string>): fc.Arbitrary<RawRequest> {
  const pathParams = op.parameters?.filter((p) => p.in === 'path').map((p) => p.name) ?? [];
  const queryParams = op.parameters?.filter((p) => p.in === 'query').map((p) => p.name) ?? [];
  const jsonSchema = op.requestBody?.content?.['application/json']?.schema;
  const takesBody = op.method !== 'GET';
  const skeleton = plausible(doc, jsonSchema) as Record<string, unknown> | unknown;
  const fields = skeleton && typeof skeleton === 'object' ? Object.keys(skeleton) : [];
  const fill = (overrides: Record<string, string> = {}) =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => overrides[name] ?? encode(known[name] ?? randomlessId(name)));
  const request = (path: string, body?: { type?: string; body: string }): RawRequest => ({
    method: op.method,
    path,
    headers: body?.type ? { 'content-type': body.type } : {},
    ...(takesBody && body ? { body: body.body } : {}),
  });
  const json = (value: unknown) => ({ type: 'application/json', body: JSON.stringify(value) });

  const kinds: Array<fc.Arbitrary<RawRequest>> = [];
  if (pathParams.length > 0) {
    kinds.push(
      fc
        .tuple(fc.constantFrom(...pathParams), edgeSegment)
        .map(([name, value]) => request(fill({ [name]: encode(value) }), json(skeleton))),
    );
  }
  kinds.push(
    fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...queryParams, 'limit', 'cursor', 'lang'), fc.string({ maxLength: 8 })),
          fc.oneof(
            edgeSegment,
            wrongType.map((v) => JSON.stringify(v)),
          ),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((pairs) =>
        request(`${fill()}?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`, json(skeleton)),
      ),
  );
  if (takesBody) {
    kinds.push(fc.constantFrom(...NOT_JSON).map((body) => request(fill(), body)));
    kinds.push(fc.constant(request(fill(), { type: 'application/json', body: OVERSIZED })));
    kinds.push(fc.jsonValue({ maxDepth: 3 }).map((value) => request(fill(), json(value))));
    if (fields.length > 0) {
      const base = skeleton as Record<string, unknown>;
      kinds.push(
        fc.tuple(fc.constantFrom(...fields), wrongType).map(([f, v]) => request(fill(), json({ ...base, [f]: v }))),
        fc.tuple(fc.constantFrom(...fields), edgeString).map(([f, v]) => request(fill(), json({ ...base, [f]: v }))),
        fc
          .constantFrom(...fields)
          .map((f) => request(fill(), json(Object.fromEntries(Object.entries(base).filter(([k]) => k !== f))))),
        fc
          .tuple(fc.string({ maxLength: 20 }), wrongType)
          .map(([k, v]) => request(fill(), json({ ...base, [`extra${k}`]: v }))),
      );
    } else {
      kinds.push(fc.tuple(fc.string({ maxLength: 10 }), edgeString).map(([k, v]) => request(fill(), json({ [k]: v }))));
    }
  }
  return fc.oneof(...kinds);
}

/** A stable stand-in for an id the world does not have (a uuid no row carries). */
function randomlessId(name: string): string {
  return `00000000-0000-7000-8000-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

function seedOf(base: number, operation: string): number {
  return (base ^ createHash('sha256').update(operation).digest().readUInt32BE(0)) >>> 0;
}

/** The records the fuzzed paths name, so that requests reach validation of their bodies. */
async function buildWorld(server: RunningServer, headers: Record<string, string>, db: Kysely<Database>) {
  const meeting = await openMeeting(server, headers, 3000);
  const item = await addAgendaItem(server, headers, meeting.slug, 'Fuzzed item');
  const delegation = await expectJson<{ id: string }>(
    server,
    headers,
    'POST',
    `/api/v1/meetings/${meeting.slug}/delegations`,
    {
      category: 'delegation',
      memberState: 'ec',
      participants: [{ role: 'head', name: 'A', title: null, institution: null }],
    },
    201,
  );
  // Someone else than the administrator for /users/{id}: a deactivation must not end the run's session.
  const other = await buildUser(db, { role: 'delegate', memberState: 'co' });
  return { meeting: meeting.slug, item: item.id, delegation: delegation.id, user: other.id };
}

/** Values of path parameters by name, and of `idOrSlug` by the collection it follows. */
async function knownValues(server: RunningServer, world: Awaited<ReturnType<typeof buildWorld>>) {
  const firstSlug = async (collection: string) => {
    const reply = await sendJson(server, {}, 'GET', `/api/v1/${collection}?limit=1`);
    return ((reply.json as { items?: Array<{ slug?: string }> })?.items?.[0]?.slug as string) ?? 'none';
  };
  const slugs: Record<string, string> = { meetings: world.meeting };
  for (const collection of ['pillars', 'member-states', 'documents', 'technical-groups', 'networks', 'partners']) {
    slugs[collection] = await firstSlug(collection);
  }
  return (path: string): Record<string, string> => {
    const collection = path.split('/')[3] ?? '';
    const id = path.includes('/agenda/items/')
      ? world.item
      : path.includes('/delegations/')
        ? world.delegation
        : path.startsWith('/api/v1/users/')
          ? world.user
          : randomlessId('id');
    return {
      idOrSlug: slugs[collection] ?? 'none',
      id,
      kind: 'minutes',
      version: '1',
      revision: '0',
      lang: 'en',
      // The observatory's shipped indicator and a state and year it has a value for.
      code: 'homicide-rate',
      state: 'mx',
      year: '2020',
    };
  };
}

export async function fuzzEdge(database: FreshDatabase, options: FuzzOptions): Promise<FuzzResult> {
  const failures: string[] = [];
  const operations: OperationReport[] = [];
  let server = await startServer(database);
  const handle = await database.open();
  try {
    const db = handle.db;
    const admin = await buildUser(db, { role: 'secretariat-admin' });
    const adminHeaders = async () => ({ cookie: await buildSession(db, admin.id), origin: server.origin });
    const world = await buildWorld(server, await adminHeaders(), db);
    const doc = (await expectJson<OpenApi>(server, {}, 'GET', '/api/openapi.json', undefined, 200)) as OpenApi;
    const known = await knownValues(server, world);
    let before: Snapshot = await snapshot(db, database.engine);
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, spec] of Object.entries(methods)) {
        const op: Operation = { ...spec, method: method.toUpperCase(), path };
        const name = `${op.method} ${path}`;
        // An event stream that accepts a case never ends, so the fuzzer would wait on it for ever;
        // its refusals (bad Last-Event-ID, unknown or unreadable document) are tested in documents/live.test.ts.
        if (op.responses?.['200']?.content?.['text/event-stream']) continue;
        const cases = fc.sample(arbitraryCase(doc, op, known(path)), {
          seed: seedOf(options.seed, name),
          numRuns: options.casesPerOperation,
        });
        const report: OperationReport = { operation: name, cases: { admin: 0, visitor: 0 }, statuses: {} };
        // A fresh session per operation: a sign-out the fuzzer happened to send must not end the run's.
        const actors: Array<['admin' | 'visitor', Record<string, string>]> = [
          ['admin', await adminHeaders()],
          ['visitor', { origin: server.origin }],
        ];
        const rejected: Array<{ actor: string; request: RawRequest }> = [];
        let accepted = false;
        for (const [actor, headers] of actors) {
          for (const request of cases) {
            const sent = { ...request, headers: { ...headers, ...request.headers } };
            const outcome = await check(server, sent, name, actor, failures);
            report.cases[actor]++;
            report.statuses[outcome.klass] = (report.statuses[outcome.klass] ?? 0) + 1;
            if (outcome.status >= 400) rejected.push({ actor, request: sent });
            else accepted = true;
            if (!server.alive()) break;
          }
        }
        if (!server.alive()) {
          failures.push(`${name}: the server died (${server.stderr().slice(-300)}); restarted`);
          server = await startServer(database);
        }
        const after = await snapshot(db, database.engine);
        const changed = snapshotDiff(before, after);
        if (changed && !accepted) failures.push(`${name}: refused requests changed the database (${changed})`);
        else if (changed) {
          // Something was accepted and wrote: replay the refused ones one by one, each between snapshots.
          let current = after;
          for (const { actor, request } of rejected) {
            const outcome = await check(server, request, name, actor, failures);
            const next = await snapshot(db, database.engine);
            const diff = snapshotDiff(current, next);
            if (outcome.status >= 400 && diff) {
              failures.push(`${name} [${actor}]: a refused ${describe(request)} changed the database (${diff})`);
            }
            current = next;
          }
          before = current;
        } else before = after;
        operations.push(report);
      }
    }
  } finally {
    await handle.close();
    await server.stop();
  }
  return {
    operations,
    cases: operations.reduce((sum, op) => sum + op.cases.admin + op.cases.visitor, 0),
    failures,
  };
}

function describe(request: RawRequest): string {
  const body = typeof request.body === 'string' ? request.body.slice(0, 120) : '';
  return `${request.method} ${request.path.slice(0, 160)} ${request.headers?.['content-type'] ?? ''} ${JSON.stringify(body)}`;
}

/** Sends one case and checks its answer: below 500, and a problem document when an error. */
async function check(
  server: RunningServer,
  request: RawRequest,
  name: string,
  actor: string,
  failures: string[],
): Promise<{ status: number; klass: string }> {
  let status: number;
  let type: string;
  let text: string;
  try {
    ({ status, type, text } = await send(server, request));
  } catch (error) {
    // A body over the limit may be refused unread: Fastify answers 413 and closes the connection,
    // and a client still writing it can lose the answer to the broken write (HTTP allows both).
    if (request.body === OVERSIZED) return { status: 413, klass: '4xx' };
    failures.push(`${name} [${actor}]: no answer to ${describe(request)}: ${(error as Error).message}`);
    return { status: 599, klass: 'none' };
  }
  if (status >= 500) {
    failures.push(`${name} [${actor}]: ${status} to ${describe(request)}: ${await explain5xx(server, text)}`);
  } else if (status >= 400 && !type.startsWith('application/problem+json')) {
    failures.push(`${name} [${actor}]: ${status} as ${type || 'no content type'} to ${describe(request)}`);
  }
  return { status, klass: `${Math.floor(status / 100)}xx` };
}
