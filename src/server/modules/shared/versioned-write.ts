import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { transact } from '../../db/transaction.js';
import type { RequestContext } from '../../policy/actor.js';
import { type AuditInput, recordAudit } from '../audit/index.js';
import { isLostRace, LostRace } from './concurrency.js';

/**
 * The one way a record that others may edit at the same time is changed: find it, require the
 * permission on it, refuse what its state forbids, compare the version the writer read, then in one
 * transaction change it only if it is still so and record the audit entry, and present it again.
 * A write that finds the record changed, before or during the transaction, becomes the 409 that
 * carries the record as it is now.
 */

/** A version as read: a number, an updatedAt timestamp where the record keeps none, or null for
 * "none yet" (a record whose first version is being written). */
export type Version = number | string | null;

/** The audit entry of the change; its role is the one `require` answered. */
export type AuditChange = Omit<AuditInput, 'role'>;

export interface VersionedWrite<R, P, Out> {
  /** The record as the writer may see it (a 404 otherwise): anything the later steps need. */
  find(): Promise<R>;
  /** The role allowing this write on this record (a 401/403 problem otherwise), for the audit entry. */
  require(record: R): string | null;
  /** Refusals decided before the version is compared: what the record's state or the request forbids. */
  refuse?(record: R, now: Date): void | Promise<void>;
  /** The version the writer read; undefined when the write names none (checked in the transaction only). */
  sent: Version | undefined;
  /** The version the record has. */
  version(record: R): Version;
  /** Throws the 409 carrying the record as it is now, for a version that differs from the one sent. */
  stale(record: R): Promise<never>;
  /** Throws the 409 for a record changed during the write; `stale` unless the module says more. */
  raced?(record: R): Promise<never>;
  /** Checks and lookups made after the version is compared and before the transaction (on SQLite
   * the transaction holds the one connection, so no other query may run inside it). */
  prepare?(record: R, now: Date): Promise<P> | P;
  /**
   * The change, in the transaction: false when the record changed since it was read (then nothing
   * is kept), null when there was nothing to change (no entry), else the audit entry.
   */
  change(trx: Transaction<Database>, record: R, prepared: P, now: Date): Promise<AuditChange | false | null>;
  /** The reply: the record as it is after the write. */
  present(record: R, prepared: P): Promise<Out>;
  /** Runs the transaction, when something must happen with it (an upload's `store` keeps the file
   * only if it commits); a plain transaction otherwise. */
  transaction?(work: (trx: Transaction<Database>) => Promise<void>, now: Date): Promise<void>;
  /** Errors besides a lost race that mean a concurrent writer won (a unique key taken meanwhile). */
  alsoLost?(error: unknown): boolean;
}

export function versionedWrites(deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;
  const plain = (work: (trx: Transaction<Database>) => Promise<void>) => transact(db, work);

  return async function versionedWrite<R, P = undefined, Out = R>(
    ctx: RequestContext,
    write: VersionedWrite<R, P, Out>,
  ): Promise<Out> {
    const now = clock();
    const record = await write.find();
    const role = write.require(record);
    await write.refuse?.(record, now);
    if (write.sent !== undefined && write.sent !== write.version(record)) await write.stale(record);
    const prepared = (await write.prepare?.(record, now)) as P;
    const run = write.transaction ?? plain;
    try {
      await run(async (trx) => {
        const entry = await write.change(trx, record, prepared, now);
        if (entry === false) throw new LostRace();
        if (entry !== null) await recordAudit(trx, ctx, { ...entry, role }, now);
      }, now);
    } catch (error) {
      // Built after the rollback: on SQLite the one connection is the transaction's until it ends.
      if (isLostRace(error) || write.alsoLost?.(error)) await (write.raced ?? write.stale)(record);
      throw error;
    }
    return write.present(record, prepared);
  };
}

export type VersionedWriteRunner = ReturnType<typeof versionedWrites>;
