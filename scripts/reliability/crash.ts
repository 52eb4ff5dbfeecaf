import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.js';
import { expectJson, type MeetingReply, meetingBody, openMeeting, type Reply, sendJson } from './client.js';
import {
  adminHeaders,
  explain5xx,
  type FreshDatabase,
  integrityProblems,
  type RunningServer,
  startServer,
} from './server.js';

/**
 * Crash safety: writers drive the API concurrently (meeting creations, agenda item additions and
 * edits, delegation registrations), every write answered 2xx goes in a ledger, the server is killed
 * with SIGKILL mid-stream, restarted, and every acknowledged write must be in the database, which
 * must pass its integrity check. Writes in flight at the kill may or may not have landed: an edit in
 * flight is allowed to be there or not, never half there.
 */

export interface CrashOptions {
  rounds: number;
  writers: number;
  /** How long the writers run before the kill, in ms (grows a little each round). */
  writeMs: number;
}

export interface CrashResult {
  rounds: number;
  writers: number;
  acknowledged: { meetings: number; agendaItems: number; agendaEdits: number; delegations: number };
  /** Requests cut by the kill: their outcome is unknown to the client. */
  inFlightAtKill: number;
  /** Answers other than 2xx during the writes (none expected), and the first few of them. */
  refused: number;
  refusals: string[];
  restartMs: number[];
  failures: string[];
}

interface Ledger {
  meetings: Map<string, number>; // slug → last acknowledged version
  items: Map<string, { version: number; title: string; pending?: string }>;
  delegations: Map<string, { meetingSlug: string; state: string }>;
  edits: number;
}

/** One writer: a fixed cycle of operations on records it alone touches, until told to stop. */
async function writer(
  index: number,
  ctx: { server: RunningServer; headers: Record<string, string>; states: string[]; ledger: Ledger },
  state: { meeting: MeetingReply; nextState: number; items: string[]; step: number; meetingNumber: () => number },
  stop: { now: boolean },
  counts: { inFlight: number; refused: number; refusals: string[]; failures: string[] },
) {
  const { ledger } = ctx;
  while (!stop.now) {
    const op = state.step++ % 4;
    let reply: Reply;
    let edited: { id: string; title: string } | undefined;
    try {
      if (op === 0) {
        reply = await sendJson(ctx.server, ctx.headers, 'POST', '/api/v1/meetings', meetingBody(state.meetingNumber()));
        if (reply.status === 201) {
          const m = reply.json as MeetingReply;
          ledger.meetings.set(m.slug, m.version);
        }
      } else if (op === 1) {
        const title = `Item ${index}.${state.step}`;
        reply = await sendJson(ctx.server, ctx.headers, 'POST', `/api/v1/meetings/${state.meeting.slug}/agenda/items`, {
          titles: { en: title },
        });
        if (reply.status === 201) {
          const id = (reply.json as { id: string }).id;
          ledger.items.set(id, { version: 1, title });
          state.items.push(id);
        }
      } else if (op === 2 && state.items.length > 0) {
        const id = state.items[state.step % state.items.length] as string;
        const item = ledger.items.get(id) as { version: number; title: string; pending?: string };
        const title = `Item ${index}.${state.step} edited`;
        item.pending = title;
        edited = { id, title };
        reply = await sendJson(
          ctx.server,
          ctx.headers,
          'PUT',
          `/api/v1/meetings/${state.meeting.slug}/agenda/items/${id}`,
          { titles: { en: title }, version: item.version },
        );
        if (reply.status === 200) {
          ledger.items.set(id, { version: (reply.json as { version: number }).version, title });
          ledger.edits++;
        }
      } else {
        if (state.nextState >= ctx.states.length) {
          state.meeting = await openMeeting(ctx.server, ctx.headers, state.meetingNumber());
          ledger.meetings.set(state.meeting.slug, state.meeting.version);
          state.nextState = 0;
          state.items = [];
        }
        const memberState = ctx.states[state.nextState++] as string;
        reply = await sendJson(ctx.server, ctx.headers, 'POST', `/api/v1/meetings/${state.meeting.slug}/delegations`, {
          category: 'delegation',
          memberState,
          participants: [{ role: 'head', name: `Head of ${memberState}`, title: null, institution: null }],
        });
        if (reply.status === 201) {
          ledger.delegations.set((reply.json as { id: string }).id, {
            meetingSlug: state.meeting.slug,
            state: memberState,
          });
        }
      }
    } catch {
      // The connection was cut: the kill. Whatever this request did is unknown, and allowed either way.
      counts.inFlight++;
      return;
    }
    if (edited && reply.status !== 200) delete ledger.items.get(edited.id)?.pending;
    if (reply.status >= 500) {
      counts.failures.push(
        `writer ${index}: ${reply.status} to operation ${op}: ${await explain5xx(ctx.server, reply.text)}`,
      );
    } else if (reply.status >= 300 && counts.refused++ < 5)
      counts.refusals.push(`${reply.status} ${reply.text.slice(0, 200)}`);
  }
}

/**
 * Every acknowledged write of the ledger, looked up in the database: what is missing or wrong. An edit
 * in flight at the kill is settled into the ledger once the database shows whether it landed.
 */
async function checkLedger(db: Kysely<Database>, ledger: Ledger): Promise<string[]> {
  const problems: string[] = [];
  const meetings = new Map(
    (await db.selectFrom('meeting').select(['id', 'slug', 'version']).execute()).map((m) => [m.slug, m]),
  );
  for (const [slug, version] of ledger.meetings) {
    const found = meetings.get(slug);
    if (!found) problems.push(`meeting ${slug} was acknowledged but is missing`);
    else if (found.version < version) problems.push(`meeting ${slug} is at version ${found.version}, not ${version}`);
  }
  const items = new Map((await db.selectFrom('agenda_item').select(['id', 'version']).execute()).map((i) => [i.id, i]));
  const titles = new Map(
    (
      await db
        .selectFrom('translation')
        .select(['entity_id', 'text'])
        .where('entity_type', '=', 'agenda_item')
        .where('field', '=', 'title')
        .where('lang', '=', 'en')
        .execute()
    ).map((t) => [t.entity_id, t.text]),
  );
  for (const [id, expected] of ledger.items) {
    const found = items.get(id);
    const title = titles.get(id);
    if (!found) problems.push(`agenda item ${id} was acknowledged but is missing`);
    else if (found.version === expected.version && title !== expected.title)
      problems.push(`agenda item ${id} v${found.version} has title ${JSON.stringify(title)}, not ${expected.title}`);
    else if (found.version === expected.version + 1 && expected.pending !== undefined && title !== expected.pending)
      problems.push(`agenda item ${id} v${found.version}: the edit in flight is half there (${JSON.stringify(title)})`);
    else if (found.version < expected.version || found.version > expected.version + 1)
      problems.push(`agenda item ${id} is at version ${found.version}, acknowledged ${expected.version}`);
    else if (expected.pending !== undefined)
      // The restart settled the edit cut by the kill: the writer's next edit starts from what is there,
      // not from a version the database has moved past (which would make its pending title a stranger).
      ledger.items.set(
        id,
        found.version === expected.version
          ? { version: found.version, title: expected.title }
          : { version: found.version, title: expected.pending },
      );
  }
  const delegations = new Map(
    (
      await db
        .selectFrom('delegation')
        .innerJoin('meeting', 'meeting.id', 'delegation.meeting_id')
        .innerJoin('member_state', 'member_state.id', 'delegation.member_state_id')
        .select(['delegation.id', 'meeting.slug as meeting', 'member_state.slug as state'])
        .execute()
    ).map((d) => [d.id, d]),
  );
  for (const [id, expected] of ledger.delegations) {
    const found = delegations.get(id);
    if (!found) problems.push(`delegation ${id} (${expected.state} at ${expected.meetingSlug}) is missing`);
    else if (found.meeting !== expected.meetingSlug || found.state !== expected.state)
      problems.push(
        `delegation ${id} is ${found.state} at ${found.meeting}, not ${expected.state} at ${expected.meetingSlug}`,
      );
  }
  return problems;
}

export async function crashSafety(database: FreshDatabase, options: CrashOptions): Promise<CrashResult> {
  const ledger: Ledger = { meetings: new Map(), items: new Map(), delegations: new Map(), edits: 0 };
  const counts = { inFlight: 0, refused: 0, refusals: [] as string[], failures: [] as string[] };
  const restartMs: number[] = [];
  let server = await startServer(database);
  try {
    const headers = await adminHeaders(database, server);
    const states = (
      await expectJson<{ items: Array<{ slug: string }> }>(
        server,
        {},
        'GET',
        '/api/v1/member-states?limit=100',
        undefined,
        200,
      )
    ).items.map((s) => s.slug);
    let numbers = 0;
    const meetingNumber = () => ++numbers;
    const writerStates = [];
    for (let i = 0; i < options.writers; i++) {
      const meeting = await openMeeting(server, headers, meetingNumber());
      ledger.meetings.set(meeting.slug, meeting.version);
      writerStates.push({ meeting, nextState: 0, items: [] as string[], step: i, meetingNumber });
    }
    for (let round = 0; round < options.rounds; round++) {
      const stop = { now: false };
      const running = server;
      const ctx = { server: running, headers: { ...headers, origin: running.origin }, states, ledger };
      const writers = writerStates.map((s, i) => writer(i, ctx, s, stop, counts));
      await new Promise((resolve) => setTimeout(resolve, options.writeMs + 150 * round));
      await running.kill();
      stop.now = true;
      await Promise.all(writers);
      const started = Date.now();
      server = await startServer(database);
      restartMs.push(Date.now() - started);
      const { db, close } = await database.open();
      try {
        for (const problem of [...(await checkLedger(db, ledger)), ...(await integrityProblems(db, database.engine))])
          counts.failures.push(`round ${round + 1}: ${problem}`);
      } finally {
        await close();
      }
      // The restarted server serves what it acknowledged before the kill.
      const probe = await sendJson(server, {}, 'GET', `/api/v1/meetings/${writerStates[0]?.meeting.slug}/agenda`);
      if (probe.status !== 200)
        counts.failures.push(`round ${round + 1}: agenda after restart answered ${probe.status}`);
    }
  } finally {
    await server.stop();
  }
  return {
    rounds: options.rounds,
    writers: options.writers,
    acknowledged: {
      meetings: ledger.meetings.size,
      agendaItems: ledger.items.size,
      agendaEdits: ledger.edits,
      delegations: ledger.delegations.size,
    },
    inFlightAtKill: counts.inFlight,
    refused: counts.refused,
    refusals: counts.refusals,
    restartMs,
    failures: counts.failures,
  };
}
