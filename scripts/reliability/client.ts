import type { RunningServer } from './server.js';

/** A small HTTP client of the running platform, and the meetings the checks write to. */

export interface Reply {
  status: number;
  type: string;
  text: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
}

export interface RawRequest {
  method: string;
  /** Path and query, already encoded. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Sends one request; a refused or reset connection rejects (the caller decides what that means). */
export async function send(server: RunningServer, request: RawRequest): Promise<Reply> {
  const res = await fetch(`${server.base}${request.path}`, {
    method: request.method,
    headers: request.headers ?? {},
    ...(request.body === undefined ? {} : { body: request.body }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json };
}

/** A JSON request with the caller's headers. */
export function sendJson(
  server: RunningServer,
  headers: Record<string, string>,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  return send(server, {
    method,
    path,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Like sendJson, but anything but `expected` is an error naming the request and the answer. */
export async function expectJson<T>(
  server: RunningServer,
  headers: Record<string, string>,
  method: string,
  path: string,
  body: unknown,
  expected: number,
): Promise<T> {
  const reply = await sendJson(server, headers, method, path, body);
  if (reply.status !== expected) {
    throw new Error(`${method} ${path} answered ${reply.status}, not ${expected}: ${reply.text.slice(0, 300)}`);
  }
  return reply.json as T;
}

/** A valid new preparatory meeting (no numeral to allocate), the `n`th of the run: its name makes
 * its slug, so `n` must be new. A year ahead, so that its registration is still open. */
export function meetingBody(n: number) {
  const year = new Date().getUTCFullYear() + 1;
  return {
    kind: 'preparatory',
    name: { en: `Reliability meeting ${n}`, es: `Reunión de fiabilidad ${n}` },
    hostState: 'pe',
    city: 'Lima',
    venue: 'Centro de Convenciones, Lima',
    format: 'in-person',
    timeZone: 'America/Lima',
    start: `${year}-03-15T09:00`,
    end: `${year}-03-17T18:00`,
    registrationDeadline: `${year}-03-01T23:59`,
    workingLangs: ['es', 'en'],
    pillars: ['prevention'],
  };
}

export interface MeetingReply {
  id: string;
  slug: string;
  version: number;
  status: string;
}

/** Creates meeting `n` and opens its registration: the meeting as it then is. */
export async function openMeeting(
  server: RunningServer,
  headers: Record<string, string>,
  n: number,
): Promise<MeetingReply> {
  let meeting = await expectJson<MeetingReply>(server, headers, 'POST', '/api/v1/meetings', meetingBody(n), 201);
  for (const step of ['convene', 'open-registration']) {
    meeting = await expectJson<MeetingReply>(
      server,
      headers,
      'POST',
      `/api/v1/meetings/${meeting.slug}/${step}`,
      { version: meeting.version },
      200,
    );
  }
  return meeting;
}

/** Adds an item titled `title` to the agenda of meeting `slug`: the item's id and version. */
export function addAgendaItem(server: RunningServer, headers: Record<string, string>, slug: string, title: string) {
  return expectJson<{ id: string; version: number }>(
    server,
    headers,
    'POST',
    `/api/v1/meetings/${slug}/agenda/items`,
    { titles: { en: title } },
    201,
  );
}

/** A document's state as the writes answer it, as much as the live checks need. */
export interface NegotiatedDocument {
  id: string;
  version: number;
  body: Array<{ id: string }>;
}

/**
 * The secretariat caller `cookie` drafts a document at `meeting` with one operative paragraph and
 * opens it for negotiation, on `server`; `agree` then records that paragraph agreed or open again
 * (a change of the text's negotiation that every reader of the document hears of).
 */
export async function negotiatedDocument(server: RunningServer, cookie: string, meeting: string, title: string) {
  const write = async (path: string, body: object): Promise<NegotiatedDocument> => {
    const reply = await sendJson(server, { cookie, origin: server.origin }, 'POST', `/api/v1${path}`, body);
    if (reply.status >= 300) throw new Error(`POST ${path}: ${reply.status} ${reply.text.slice(0, 200)}`);
    return reply.json as NegotiatedDocument;
  };
  let doc = await write('/documents', { meeting, type: 'declaration', titles: { en: title }, originalLang: 'en' });
  doc = await write(`/documents/${doc.id}/nodes`, { version: doc.version, kind: 'operative', text: 'Cooperate' });
  doc = await write(`/documents/${doc.id}/status`, { version: doc.version, status: 'under-negotiation' });
  return {
    doc,
    /** Records the paragraph agreed (or open again), naming the version read; answers the document. */
    async agree(agreed: boolean) {
      doc = await write(`/documents/${doc.id}/nodes/${doc.body[0]?.id}/agreement`, {
        version: doc.version,
        agreement: agreed ? 'agreed' : 'open',
      });
      return doc;
    },
  };
}
