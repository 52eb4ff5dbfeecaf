import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type EventStream, openEventStream } from '../../src/server/testing/event-stream.js';
import { buildMeeting, buildSession, buildUser } from '../../src/server/testing/factories.js';
import { negotiatedDocument } from '../reliability/client.js';
import { freshDatabase, type RunningServer, startServer } from '../reliability/server.js';
import { describeMachine, type Machine } from './report.js';
import { rssMb } from './server.js';
import { option, root } from './target.js';

/**
 * Live subscribers: how many readers of one document's event stream one process holds while
 * delivering each change to all of them within a second (issue 13). The platform runs as
 * `npm start` does, on a fresh database; N readers, each with a session of their own (so each is
 * identified and checked on its own before each event), follow a document under negotiation; the
 * chair then records a paragraph agreed, then open, again and again, and the time from each write's
 * sending to its event's arrival at each reader is measured. The readers run in this process, so
 * its own event loop counts in the figures: they are what a client would see, not the server alone.
 *
 * `npm run bench:live [-- --subscribers N] [--changes K] [--postgres URL]`; `npm run bench` runs it too.
 */

export interface LiveBenchResult {
  date: string;
  engine: 'sqlite' | 'postgres';
  machine: Machine;
  /** Streams asked for, and opened (answered 200 and still open at the end). */
  subscribers: number;
  opened: number;
  changes: number;
  /** Events that arrived, of subscribers × changes. */
  delivered: number;
  expected: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Share of the deliveries that took less than a second. */
  withinOneSecond: number;
  /** The server's memory with every stream open. */
  serverRssMb: number | null;
  /** The machine's load average (1 min) when the run ended: other work on the machine counts. */
  loadAverage: number;
}

/** What live updates promise: each change reaches every reader within a second. */
const LIVE_MS = 1000;
/** Readers per user: each has a session of their own. */
const SESSIONS_PER_USER = 20;

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);

async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += size)
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => make(i + j)))));
  return out;
}

export async function measureLive(options: {
  subscribers: number;
  changes: number;
  postgresUrl?: string | undefined;
  log: (line: string) => void;
}): Promise<LiveBenchResult> {
  const { subscribers, changes, log } = options;
  const engine = options.postgresUrl ? 'postgres' : 'sqlite';
  const database = await freshDatabase(engine, options.postgresUrl);
  let server: RunningServer | undefined;
  const streams: EventStream[] = [];
  try {
    server = await startServer(database);
    const { db, close } = await database.open();
    let chairCookie: string;
    let cookies: string[];
    let meeting: string;
    try {
      const chair = await buildUser(db, { role: 'secretariat-staff' });
      chairCookie = await buildSession(db, chair.id, { secondFactor: true });
      meeting = (await buildMeeting(db, { status: 'registration-open' })).slug;
      const users = await inBatches(Math.ceil(subscribers / SESSIONS_PER_USER), 10, () =>
        buildUser(db, { role: 'secretariat-staff' }),
      );
      cookies = await inBatches(subscribers, 50, (i) =>
        buildSession(db, (users[Math.floor(i / SESSIONS_PER_USER)] as { id: string }).id, { secondFactor: true }),
      );
    } finally {
      await close();
    }
    const { doc, agree } = await negotiatedDocument(server, chairCookie, meeting, 'Live benchmark declaration');

    log(`live: opening ${subscribers} streams`);
    const url = `${server.base}/api/v1/documents/${doc.id}/events`;
    streams.push(...(await inBatches(subscribers, 50, (i) => openEventStream(url, { cookie: cookies[i] as string }))));
    const refused = streams.filter((s) => s.status !== 200).length;
    if (refused > 0) throw new Error(`${refused} of ${subscribers} streams were refused`);

    const latencies: number[] = [];
    for (let k = 0; k < changes; k++) {
      const sent = performance.now();
      await agree(k % 2 === 0);
      // The k-th event of each stream is this change: nothing else changes the document.
      const deadline = performance.now() + 10_000;
      while (performance.now() < deadline && streams.some((s) => s.events.length <= k)) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const stream of streams) {
        const event = stream.events[k];
        if (event) latencies.push(event.at - sent);
      }
      // Apart, as a negotiation's changes come: each is measured on its own.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const serverRssMb = rssMb(server.child.pid as number);
    const opened = streams.filter((s) => s.status === 200).length;
    const sorted = latencies.sort((a, b) => a - b);
    const round = (n: number) => Math.round(n);
    return {
      date: new Date().toISOString(),
      engine,
      machine: describeMachine(),
      subscribers,
      opened,
      changes,
      delivered: latencies.length,
      expected: subscribers * changes,
      latencyMs: {
        p50: round(percentile(sorted, 50)),
        p95: round(percentile(sorted, 95)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted.at(-1) ?? Number.NaN),
      },
      withinOneSecond: sorted.filter((ms) => ms < LIVE_MS).length / Math.max(1, subscribers * changes),
      serverRssMb,
      loadAverage: Math.round((await import('node:os')).loadavg()[0] ?? 0),
    };
  } finally {
    for (const stream of streams) stream.close();
    await server?.stop();
    await database.drop();
  }
}

const DOC = path.join(root, 'docs/performance.md');
const BEGIN = '<!-- bench-live:begin -->';
const END = '<!-- bench-live:end -->';

/** The sentence docs/performance.md gives a run, between its markers (written, never typed). */
export function describeLive(r: LiveBenchResult): string {
  const m = r.machine;
  // As the project's other targets, on the 99th percentile; the slowest delivery is said too.
  const met = r.latencyMs.p99 < LIVE_MS && r.delivered === r.expected;
  return [
    `Run ${r.date} on ${r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${m.cpu}, ${m.cores} cores, Node ${m.node}; load average ${r.loadAverage} at the end (the machine is shared: other work ran meanwhile).`,
    `${r.opened} of ${r.subscribers} readers held by one process, each with its own session; ${r.changes} changes, ${r.delivered} of ${r.expected} deliveries; from the write's sending to the event at the reader: p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms; ${(r.withinOneSecond * 100).toFixed(1)}% within a second (p99 under a second: ${met ? 'target met at this N' : '**target missed at this N**'}); server memory ${r.serverRssMb ?? '?'} MB with the streams open.`,
  ].join(' ');
}

export function recordLive(r: LiveBenchResult) {
  const dir = path.join(root, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `live-${r.date.slice(0, 10)}-${r.engine}.json`), `${JSON.stringify(r, null, 2)}\n`);
  const doc = fs.readFileSync(DOC, 'utf8');
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/performance.md has no ${BEGIN} … ${END} section`);
  fs.writeFileSync(DOC, `${doc.slice(0, start + BEGIN.length)}\n${describeLive(r)}\n${doc.slice(end)}`);
}

async function main(args: string[]) {
  const result = await measureLive({
    subscribers: Number(option(args, 'subscribers') ?? 1000),
    changes: Number(option(args, 'changes') ?? 10),
    postgresUrl: option(args, 'postgres'),
    log: console.log,
  });
  console.log(describeLive(result));
  recordLive(result);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
