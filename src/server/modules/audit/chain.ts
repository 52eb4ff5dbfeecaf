import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresAdapter,
  SqliteAdapter,
  sql,
  type Transaction,
} from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AuditAction, AuditRecordType } from '../../../domain/audit.js';
import { AUDIT_CHANNEL_SQL } from '../../db/connection.js';
import { changeContentGeneration } from '../../db/content-generation.js';
import type { Database, Row } from '../../db/schema.js';
import { lockSeries } from '../../db/series-lock.js';
import type { RequestContext } from '../../policy/actor.js';
import { deriveKey } from '../../security/secret-box.js';

/**
 * The audit trail: one append-only entry per state change, written in the same transaction as the
 * change. Each entry stores the hash of the one before it, so altering, inserting or deleting any
 * row breaks the chain at that point, and `verifyChain` finds it. Every column counts: the hash
 * covers all of them but the timestamps every table has, which must equal `occurred_at`.
 * The head (count and newest hash, HMAC-signed with MISPA_SECRET_KEY) is kept in `audit_head`, so
 * deleting the newest entries is found too, unless the deleter also holds the key.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** Keys whose values never reach the trail (nor the logs): secrets, and anything derived from one. */
const SECRET_KEY = /pass(word)?|secret|token|hash|totp|recovery|code_?hash|cookie/i;

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, v]) => [
      key,
      SECRET_KEY.test(key) ? '[redacted]' : redactSecrets(v),
    ]),
  );
}

type Hashed = Omit<Row<'audit_entry'>, 'hash' | 'created_at' | 'updated_at'>;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as both engines store it: a lone UTF-16 surrogate is written as U+FFFD and PostgreSQL
 * refuses NUL, so either would make the stored row differ from the hashed one (or fail the
 * change). The hash is taken over what is stored. (`diff` needs none of this: JSON escapes both.)
 */
function storable<T extends string | null>(value: T): T {
  return (value === null ? null : value.replace(LONE_SURROGATE, '\ufffd').replaceAll('\0', '\ufffd')) as T;
}

/** The hash of an entry: SHA-256 over its fields in a fixed order, the previous hash included. */
export function entryHash(entry: Hashed): string {
  const fields = [
    entry.seq,
    entry.id,
    entry.occurred_at,
    entry.actor_user_id,
    entry.actor_role,
    entry.action,
    entry.entity_type,
    entry.entity_id,
    entry.diff,
    entry.request_id,
    entry.ip,
    entry.prev_hash,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * The key that signs the head, carried by the database handle the writers use (`withAuditKey`), so
 * every writer, whichever module, job or command it is in, signs with the same key without each
 * being handed it. It changes no query.
 */
class AuditHeadKey implements KyselyPlugin {
  constructor(readonly key: Buffer) {}
  transformQuery({ node }: PluginTransformQueryArgs) {
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs) {
    return result;
  }
}

/** Without MISPA_SECRET_KEY the head is signed with a fixed, public key: it still finds deleted
 * entries, but not a head rewritten to match them. */
export function auditHeadKey(secretKey: string | undefined): Buffer {
  return deriveKey(secretKey, 'audit-head') ?? Buffer.from('mispa:audit-head');
}

/** The database handle whose audit writers sign the head with MISPA_SECRET_KEY. */
export function withAuditKey(db: Kysely<Database>, secretKey: string | undefined): Kysely<Database> {
  return db.withPlugin(new AuditHeadKey(auditHeadKey(secretKey)));
}

function keyOf(db: Kysely<Database>): Buffer {
  const plugin = db.getExecutor().plugins.find((p) => p instanceof AuditHeadKey);
  return plugin instanceof AuditHeadKey ? plugin.key : auditHeadKey(undefined);
}

export interface AuditHead {
  entries: number;
  lastHash: string;
}

export function headSignature(key: Buffer, head: AuditHead): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([head.entries, head.lastHash]))
    .digest('hex');
}

/** Moves the head to `head`, signed with the key `db` carries: in the transaction of the newest entry. */
export async function writeHead(db: Kysely<Database>, head: AuditHead): Promise<void> {
  const signed = { entries: head.entries, last_hash: head.lastHash, signature: headSignature(keyOf(db), head) };
  await db
    .insertInto('audit_head')
    .values({ id: 1, ...signed })
    .onConflict((c) => c.column('id').doUpdateSet(signed))
    .execute();
}

export interface AuditInput {
  action: AuditAction;
  /** The role whose grant allowed the change; null for a user acting on their own account. */
  role: string | null;
  entityType: AuditRecordType;
  entityId: string;
  before: unknown;
  after: unknown;
  /** Who acted, when the request's actor is not yet them (signing in). */
  actorUserId?: string;
}

/**
 * Appends one entry. Writers are serialized so the chain never forks: on PostgreSQL by a
 * transaction-scoped advisory lock; on SQLite by taking the database's write lock before reading
 * the last entry. (SQLite admits one writer at a time, but a transaction that reads first and
 * writes later may find that another connection to the same file wrote in between, and fail.)
 */
export async function recordAudit(trx: Transaction<Database>, ctx: RequestContext, input: AuditInput, now: Date) {
  const { adapter } = trx.getExecutor();
  await lockSeries(trx, 'audit_entry');
  if (adapter instanceof SqliteAdapter) {
    // Any write statement takes the lock, even one that changes no row; it waits out the busy timeout.
    await sql`update audit_entry set seq = seq where 0`.execute(trx);
  }
  const last = await trx
    .selectFrom('audit_entry')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const at = now.toISOString();
  const entry: Hashed = {
    id: uuidv7(),
    seq: (last?.seq ?? 0) + 1,
    occurred_at: at,
    actor_user_id: storable(input.actorUserId ?? (ctx.actor.kind === 'user' ? ctx.actor.userId : null)),
    actor_role: storable(input.role),
    action: storable(input.action),
    entity_type: storable(input.entityType),
    entity_id: storable(input.entityId),
    diff: JSON.stringify(redactSecrets({ before: input.before ?? null, after: input.after ?? null })),
    request_id: storable(ctx.requestId),
    ip: storable(ctx.ip),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_entry')
    .values({ ...entry, hash: entryHash(entry), created_at: at, updated_at: at })
    .execute();
  await writeHead(trx, { entries: entry.seq, lastHash: entryHash(entry) });
  // Wakes the live streams of every process on the database when this commits (audit/feed.ts).
  if (adapter instanceof PostgresAdapter) await sql`select pg_notify(${sql.raw(AUDIT_CHANNEL_SQL)}, '')`.execute(trx);
  // Whatever was audited may show in some reply: kept replies are stale from this commit on,
  // also when the write came from a job or a command rather than a request.
  await changeContentGeneration(trx);
}

export type ChainCheck =
  | { ok: true; entries: number; head: AuditHead | null }
  | { ok: false; entries: number; seq: number; reason: string };

/**
 * Walks the whole chain in order, in pages, and reports the first broken link; then checks that
 * the chain ends where the signed head says it does. The key is the one `db` carries (`withAuditKey`)
 * unless given (`auditHeadKey(MISPA_SECRET_KEY)`).
 */
export async function verifyChain(
  db: Kysely<Database>,
  { key = keyOf(db), pageSize = 5000 }: { key?: Buffer; pageSize?: number } = {},
): Promise<ChainCheck> {
  let previous = { seq: 0, hash: GENESIS_HASH };
  let entries = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_entry')
      .selectAll()
      .where('seq', '>', previous.seq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      entries++;
      if (row.seq !== previous.seq + 1) {
        return { ok: false, entries, seq: previous.seq + 1, reason: `entry ${previous.seq + 1} is missing` };
      }
      if (row.prev_hash !== previous.hash) {
        return { ok: false, entries, seq: row.seq, reason: `entry ${row.seq} does not point at entry ${previous.seq}` };
      }
      if (entryHash(row) !== row.hash || row.created_at !== row.occurred_at || row.updated_at !== row.occurred_at) {
        return { ok: false, entries, seq: row.seq, reason: `entry ${row.seq} was altered after it was written` };
      }
      previous = { seq: row.seq, hash: row.hash };
    }
    if (rows.length < pageSize) return checkHead(db, key, previous);
  }
}

async function checkHead(db: Kysely<Database>, key: Buffer, last: { seq: number; hash: string }): Promise<ChainCheck> {
  const row = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const entries = last.seq;
  if (!row) {
    return entries === 0
      ? { ok: true, entries, head: null }
      : { ok: false, entries, seq: entries, reason: 'the head of the chain is missing' };
  }
  const head = { entries: row.entries, lastHash: row.last_hash };
  const expected = Buffer.from(headSignature(key, head));
  const stored = Buffer.from(row.signature);
  if (expected.length !== stored.length || !timingSafeEqual(expected, stored)) {
    return { ok: false, entries, seq: entries, reason: 'the head of the chain is not signed with this key' };
  }
  if (head.entries > entries) {
    const missing =
      head.entries === entries + 1 ? `entry ${head.entries} is` : `entries ${entries + 1} to ${head.entries} are`;
    return { ok: false, entries, seq: entries + 1, reason: `${missing} missing` };
  }
  if (head.entries !== entries || head.lastHash !== last.hash) {
    return {
      ok: false,
      entries,
      seq: entries,
      reason: `the chain does not end where its head says (${head.entries} entries)`,
    };
  }
  return { ok: true, entries, head };
}
