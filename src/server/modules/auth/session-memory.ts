import type { ContentGeneration } from '../../db/content-generation.js';

/** What identifying a session caller reads: the session with its user, and the user's grants. */
export interface RememberedSession<S, G> {
  session: S & { expires_at: string; idle_expires_at: string };
  grants: G;
}

export interface SessionMemoryOptions {
  /** How long a session is remembered at most (MISPA_SESSION_MEMORY_SECONDS, 10 s by default; 0:
   * not at all): the bound on a change that reaches the database without the platform (a hand-made
   * SQL update). */
  ttlMs?: number;
  /** How many sessions are remembered at most (default 5,000): the oldest is forgotten first. */
  max?: number;
}

/**
 * A short-lived memory of who a session cookie belongs to, so a signed-in read does not ask the
 * database for the session and the grants on every request (issue 12: on PostgreSQL that cost
 * signed-in reads most of their throughput). It costs one primary-key read instead of two joins.
 *
 * What remembers is valid only under the content generation it was read under (db/content-
 * generation.ts): every successful write request changes that token before its reply leaves, and
 * every audited write made outside a request changes it in its own transaction. Whatever may end or
 * change a session (sign-out, revoked sessions, a new password, a grant given or revoked, a
 * deactivated account, two-factor passed or turned off, a new name or language) is such a write, in
 * whichever process made it, so the very next request anywhere reads the session again; the token
 * lives in the database, so this holds for any number of processes on either engine. Expiry is
 * checked against the remembered `expires_at` and `idle_expires_at` on every use.
 */
export function sessionMemory(generation: ContentGeneration, options: SessionMemoryOptions & { clock: () => Date }) {
  const { clock } = options;
  const ttlMs = options.ttlMs ?? 10_000;
  const max = options.max ?? 5_000;
  type Entry = { value: RememberedSession<unknown, unknown>; until: number };
  let entries = new Map<string, Entry>();
  let entriesFor = '';

  return {
    /**
     * The session `id` as `load` reads it (undefined: no live session), from memory when it holds
     * an answer read under the current content generation and still valid at the clock's now. Only
     * live sessions are remembered. `current`: the generation already being read for this request
     * (the reply cache's), so it is not read twice.
     */
    async lookup<S, G>(
      id: string,
      load: () => Promise<RememberedSession<S, G> | undefined>,
      current?: Promise<string> | null,
    ): Promise<RememberedSession<S, G> | undefined> {
      if (ttlMs <= 0) return load();
      const token = await (current ?? generation.current());
      if (token !== entriesFor) {
        entries = new Map();
        entriesFor = token;
      }
      const now = clock().getTime();
      const entry = entries.get(id);
      if (entry && entry.until > now) {
        const { session } = entry.value as RememberedSession<S, G>;
        const live = (until: string) => new Date(until).getTime() > now;
        if (live(session.expires_at) && live(session.idle_expires_at)) return entry.value as RememberedSession<S, G>;
      }
      entries.delete(id);
      // Read after the token: a write committed in between changes the token, and what is read here
      // is used no longer than the token it is filed under.
      const value = await load();
      if (value && token === entriesFor) {
        if (entries.size >= max) entries.delete(entries.keys().next().value as string);
        entries.set(id, { value, until: now + ttlMs });
      }
      return value;
    },

    /** Forgets one session (its idle expiry moved). */
    drop(id: string) {
      entries.delete(id);
    },
  };
}

export type SessionMemory = ReturnType<typeof sessionMemory>;
