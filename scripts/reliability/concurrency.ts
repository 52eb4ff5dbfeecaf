import { addAgendaItem, type MeetingReply, meetingBody, openMeeting, type Reply, sendJson } from './client.js';
import { adminHeaders, explain5xx, type FreshDatabase, type RunningServer, startServer } from './server.js';

/**
 * Concurrency: `clients` clients read the same record and all send an edit naming the version they
 * read. Exactly one is acknowledged, the others get 409 with the current version, and each of them,
 * retrying with the version the 409 names, gets through in the end. No acknowledged edit is lost:
 * the acknowledged versions are exactly v+1…v+clients, and the audit trail holds each edit. Then
 * as many clients create distinct meetings at once: every creation is acknowledged.
 */

export interface ConcurrencyOptions {
  clients: number;
  rounds: number;
}

export interface RecordReport {
  record: string;
  rounds: number;
  /** Edits acknowledged in all (clients × rounds when none is lost). */
  acknowledged: number;
  /** 409s on the first, simultaneous attempt of each round (clients − 1 each round). */
  firstConflicts: number;
  /** Retries after a 409 until every client got through. */
  retries: number;
}

export interface ConcurrencyResult {
  clients: number;
  records: RecordReport[];
  /** Distinct meetings created by all the clients at once: each must be acknowledged. */
  creations: { sent: number; acknowledged: number };
  failures: string[];
}

interface Target {
  record: string;
  path: string;
  method: 'PUT' | 'PATCH';
  /** The body of client `c`'s edit in round `r`, naming `version`. */
  body(r: number, c: number, version: number): Record<string, unknown>;
  /** The text of that edit, to find in the audit trail. */
  mark(r: number, c: number): string;
  entityId: string;
  version: number;
}

/** One client: its edit, then retries naming the version each 409 gives, until acknowledged. */
async function client(server: RunningServer, headers: Record<string, string>, target: Target, r: number, c: number) {
  let version = target.version;
  const answers: number[] = [];
  for (let attempt = 0; attempt < 200; attempt++) {
    const reply: Reply = await sendJson(server, headers, target.method, target.path, target.body(r, c, version));
    answers.push(reply.status);
    if (reply.status === 200) return { answers, version: (reply.json as { version: number }).version };
    if (reply.status !== 409) return { answers, version: null, error: `${reply.status} ${reply.text.slice(0, 200)}` };
    const current = (reply.json as { currentVersion?: number }).currentVersion;
    if (typeof current !== 'number') return { answers, version: null, error: `409 without currentVersion` };
    version = current;
  }
  return { answers, version: null, error: 'still refused after 200 attempts' };
}

async function race(
  server: RunningServer,
  headers: Record<string, string>,
  target: Target,
  options: ConcurrencyOptions,
  audit: (entityId: string) => Promise<string[]>,
): Promise<{ report: RecordReport; failures: string[] }> {
  const failures: string[] = [];
  const report: RecordReport = {
    record: target.record,
    rounds: options.rounds,
    acknowledged: 0,
    firstConflicts: 0,
    retries: 0,
  };
  for (let r = 0; r < options.rounds; r++) {
    const start = target.version;
    const results = await Promise.all(
      Array.from({ length: options.clients }, (_, c) => client(server, headers, target, r, c)),
    );
    const firsts = results.map((x) => x.answers[0]);
    const winners = firsts.filter((s) => s === 200).length;
    if (winners !== 1) failures.push(`${target.record} round ${r + 1}: ${winners} first attempts acknowledged, not 1`);
    report.firstConflicts += firsts.filter((s) => s === 409).length;
    report.retries += results.reduce((sum, x) => sum + x.answers.length - 1, 0);
    for (const [c, x] of results.entries()) {
      if (x.error) failures.push(`${target.record} round ${r + 1} client ${c + 1}: ${x.error}`);
    }
    const versions = results
      .map((x) => x.version)
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
    report.acknowledged += versions.length;
    const expected = Array.from({ length: options.clients }, (_, i) => start + i + 1);
    if (versions.join() !== expected.join()) {
      failures.push(
        `${target.record} round ${r + 1}: acknowledged versions ${versions.join()}, expected ${expected.join()}`,
      );
    }
    target.version = start + options.clients;
    const trail = await audit(target.entityId);
    for (let c = 0; c < options.clients; c++) {
      if (!trail.some((diff) => diff.includes(target.mark(r, c)))) {
        failures.push(`${target.record} round ${r + 1}: client ${c + 1}'s acknowledged edit is not in the audit trail`);
      }
    }
  }
  return { report, failures };
}

export async function concurrency(database: FreshDatabase, options: ConcurrencyOptions): Promise<ConcurrencyResult> {
  const server = await startServer(database);
  const { db, close } = await database.open();
  try {
    const headers = await adminHeaders(database, server);
    const meeting: MeetingReply = await openMeeting(server, headers, 2000);
    const item = await addAgendaItem(server, headers, meeting.slug, 'Contended item');
    const targets: Target[] = [
      {
        record: 'agenda item',
        path: `/api/v1/meetings/${meeting.slug}/agenda/items/${item.id}`,
        method: 'PUT',
        body: (r, c, version) => ({ titles: { en: `Round ${r + 1} client ${c + 1}` }, version }),
        mark: (r, c) => `Round ${r + 1} client ${c + 1}`,
        entityId: item.id,
        version: item.version,
      },
      {
        record: 'meeting',
        path: `/api/v1/meetings/${meeting.slug}`,
        method: 'PATCH',
        body: (r, c, version) => ({ venue: `Hall ${r + 1}.${c + 1}`, version }),
        mark: (r, c) => `Hall ${r + 1}.${c + 1}`,
        entityId: meeting.id,
        version: meeting.version,
      },
    ];
    const audit = async (entityId: string) =>
      (await db.selectFrom('audit_entry').select('diff').where('entity_id', '=', entityId).execute()).map(
        (e) => e.diff,
      );
    const records: RecordReport[] = [];
    const failures: string[] = [];
    for (const target of targets) {
      const outcome = await race(server, headers, target, options, audit);
      records.push(outcome.report);
      failures.push(...outcome.failures);
    }
    // Creations do not conflict (each names its own meeting), but they allocate shared things (an
    // ordinal): every one must get through, none may stumble on another's.
    const created = await Promise.all(
      Array.from({ length: options.clients }, (_, c) =>
        sendJson(server, headers, 'POST', '/api/v1/meetings', meetingBody(2100 + c)),
      ),
    );
    for (const [c, reply] of created.entries()) {
      if (reply.status !== 201) {
        const why = reply.status >= 500 ? await explain5xx(server, reply.text) : reply.text.slice(0, 200);
        failures.push(`simultaneous meeting creation, client ${c + 1}: ${reply.status} ${why}`);
      }
    }
    const creations = { sent: created.length, acknowledged: created.filter((r) => r.status === 201).length };
    return { clients: options.clients, records, creations, failures };
  } finally {
    await close();
    await server.stop();
  }
}
