import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuditListen } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';

/**
 * The audit trail read as a feed of changes, for live updates. Every state change is audited in its
 * own transaction and entries are numbered in commit order (writers are serialized, chain.ts), so
 * "the entries after seq N" is a cursor no process can miss a change behind, whichever process (or
 * job, or command) made it. Each process reads past its cursor when woken: by PostgreSQL's
 * NOTIFY (sent by each audited commit), and by a timer, the only wake-up on SQLite, where the
 * processes share one file and a read of the newest entries by primary key costs next to nothing.
 */

export interface AuditChange {
  seq: number;
  action: string;
  entityType: string;
  entityId: string;
}

export interface AuditFeedOptions {
  /** How often the feed looks for new entries without a notification (SQLite; default 100 ms). */
  pollMs?: number;
  /** How often it looks anyway while notifications wake it (PostgreSQL; default 1 s): a lost
   * listening connection costs at most this much delay. */
  safetyPollMs?: number;
}

/** The most read at once: a burst of changes is read in pages of this many. */
const PAGE = 500;

export function auditFeed(
  db: Kysely<Database>,
  {
    listen,
    log,
    pollMs = 100,
    safetyPollMs = 1000,
  }: AuditFeedOptions & { listen: AuditListen | null; log: FastifyBaseLogger },
) {
  type Listener = (changes: AuditChange[]) => void;
  const listeners = new Set<Listener>();
  let cursor = 0;
  let started: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  let reading = false;
  let readAgain = false;

  const newest = async () =>
    (await db.selectFrom('audit_entry').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst())?.seq ?? 0;

  /** Reads past the cursor and hands what it finds to every listener; a wake-up that comes while
   * reading makes it read once more, never twice at once. */
  async function read() {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      do {
        readAgain = false;
        const rows = await db
          .selectFrom('audit_entry')
          .select(['seq', 'action', 'entity_type', 'entity_id'])
          .where('seq', '>', cursor)
          .orderBy('seq')
          .limit(PAGE)
          .execute();
        if (rows.length === 0) break;
        cursor = (rows.at(-1) as { seq: number }).seq;
        const changes = rows.map((r) => ({
          seq: r.seq,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
        }));
        for (const listener of listeners) listener(changes);
        if (rows.length === PAGE) readAgain = true;
      } while (readAgain);
    } catch (error) {
      log.warn({ err: error }, 'the live feed could not read the audit trail; it tries again');
    } finally {
      reading = false;
    }
  }

  async function start() {
    cursor = await newest();
    timer = setInterval(() => void read(), pollMs);
    timer.unref();
    // Listening is not waited for: until the notifications come (or if they never do), the timer
    // reads as often as on SQLite.
    if (listen) void startListening();
  }

  async function startListening() {
    try {
      const off = await (listen as AuditListen)(
        () => void read(),
        (error) => {
          log.warn({ err: error }, 'the live feed lost its notifications; it polls from now on');
          unlisten = null;
          if (timer) {
            clearInterval(timer);
            timer = setInterval(() => void read(), pollMs);
            timer.unref();
          }
        },
      );
      if (!timer) return void (await off());
      unlisten = off;
      clearInterval(timer);
      timer = setInterval(() => void read(), safetyPollMs);
      timer.unref();
      // What committed while the connection was being opened.
      void read();
    } catch (error) {
      log.warn({ err: error }, 'the live feed could not listen for notifications; it polls');
    }
  }

  async function stop() {
    if (timer) clearInterval(timer);
    timer = null;
    const closing = unlisten;
    unlisten = null;
    started = null;
    await closing?.();
  }

  return {
    /**
     * Calls `listener` with every change committed from now on, in order, until the returned
     * function is called. Resolves once the feed holds its cursor: a change committed after that
     * reaches the listener. The feed runs only while someone listens.
     */
    async subscribe(listener: Listener): Promise<() => void> {
      listeners.add(listener);
      started ??= start();
      await started;
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && started) void started.then(stop);
      };
    },
    /** The number of the newest change committed. */
    newest,
    /** The changes to one entity after `seq`, oldest first (at most a page): what a client that
     * lost its connection missed. */
    async since(entityType: string, entityId: string, seq: number): Promise<AuditChange[]> {
      const rows = await db
        .selectFrom('audit_entry')
        .select(['seq', 'action', 'entity_type', 'entity_id'])
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', entityId)
        .where('seq', '>', seq)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      return rows.map((r) => ({ seq: r.seq, action: r.action, entityType: r.entity_type, entityId: r.entity_id }));
    },
    close: async () => {
      listeners.clear();
      if (started) await started.then(stop);
    },
  };
}

export type AuditFeed = ReturnType<typeof auditFeed>;
