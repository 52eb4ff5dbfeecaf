import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { reason } from '../../domain/reasons.js';
import type { Database, Row } from '../db/schema.js';
import { type TransactionEnd, transact } from '../db/transaction.js';
import { InvalidParameterError, ProblemError } from '../http/problems.js';
import {
  type ArchiveLimits,
  DEFAULT_ARCHIVE_LIMITS,
  type Detection,
  detectKind,
  type FileKind,
  HEAD_BYTES,
  MEDIA_TYPES,
} from './detect.js';

export type StoredFile = Row<'stored_file'>;

/**
 * Every column that points at a stored file. A file none of them names any more is deleted
 * (files.test.ts checks this list against the database's columns).
 */
export const FILE_REFERENCES = [
  { table: 'partner', column: 'logo_file_id' },
  { table: 'delegation', column: 'credentials_file_id' },
  { table: 'meeting_document_file', column: 'file_id' },
  { table: 'follow_up_report_file', column: 'file_id' },
] as const;

/** Lets go of a stored file in a transaction: deleted once it commits, if nothing else names it. */
export type DropFile = (fileId: string | null | undefined) => void;

/** Runs `work` in one transaction in which it may `drop` stored files (FileStore.transaction). */
export type FileTransaction = <T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>, drop: DropFile) => Promise<T>,
) => Promise<T>;

/** What a route may ask of one upload. */
export interface ReceiveOptions {
  /** The largest file this route accepts, when smaller than the platform's (MISPA_UPLOAD_MAX_BYTES). */
  maxBytes?: number;
}

export interface FilesConfig {
  /** Where stored files live (MISPA_FILES_DIR); temporary uploads go to its `tmp/` folder. */
  dir: string;
  /** The largest file accepted (MISPA_UPLOAD_MAX_BYTES). */
  maxBytes: number;
  archiveLimits?: ArchiveLimits;
}

/** The multipart limits the app registers @fastify/multipart with: one file and a few small fields. */
export function multipartLimits(config: FilesConfig) {
  return { fileSize: config.maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12, headerPairs: 100 };
}

/** A file received and checked, waiting in the temporary folder until `store` keeps it. */
export interface Upload {
  sha256: string;
  size: number;
  kind: FileKind;
  mediaType: string;
  originalName: string;
  /** The form's text fields sent before the file part. */
  fields: Record<string, string>;
  /**
   * In one transaction: moves the file into place, inserts its stored_file row and runs `work`
   * with both (write the rows pointing at it and the audit entry there; `drop` the file it
   * replaces). If anything fails the file is removed again and the error thrown on. Inside a
   * transaction begun by `transact`, all this is part of it and ends with it.
   */
  store<T>(
    db: Kysely<Database>,
    by: { createdBy: string | null; now: Date },
    work: (trx: Transaction<Database>, file: StoredFile, drop: DropFile) => Promise<T>,
  ): Promise<T>;
  /** Removes the file unless `store` kept it; call it in a `finally` after receiving. */
  release(): Promise<void>;
}

/**
 * How long a temporary upload may go unwritten before it counts as left behind (by a process that
 * stopped mid-upload); an upload in progress, even another process's, is written to all along.
 */
const STALE_UPLOAD_MS = 60 * 60 * 1000;

/** Where a store reports what it could not clean up: the request's logger, or the console at start. */
export type ErrorLog = Pick<FastifyBaseLogger, 'error'>;

const mib = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** A file name as a person gave it, without folders or control characters. */
function cleanName(name: string | undefined, kind: FileKind): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()
    ?.replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, 200);
  return base || `file.${kind}`;
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the real name RFC 5987-encoded. */
export function contentDisposition(type: 'attachment' | 'inline', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function refusal(detection: Exclude<Detection, { ok: true }>, allowed: readonly FileKind[]): ProblemError {
  if (detection.reason === 'executable') {
    return new ProblemError(415, 'executable-file', 'files.executable', { format: detection.format });
  }
  if (detection.reason === 'archive' && detection.detail !== 'corrupt') {
    return new ProblemError(422, 'suspicious-archive', `files.archive.${detection.detail}`);
  }
  return unsupported(allowed);
}

const unsupported = (allowed: readonly FileKind[]) =>
  new ProblemError(415, 'unsupported-file-type', 'files.unsupported', {
    allowed: allowed.map((k) => k.toUpperCase()).join(', '),
  });

/** The multipart plugin's own errors, as problems a person can act on. */
function multipartProblem(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new ProblemError(413, 'too-many-parts', 'files.tooManyParts');
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return new ProblemError(415, 'not-multipart', 'files.notMultipart');
  // Busboy's parse errors carry no code: a body that is not well-formed multipart is the client's mistake.
  if (/multipart|part header/i.test((error as Error).message ?? '') && !(error instanceof ProblemError))
    return new InvalidParameterError('file', 'body', reason('reason.files.malformed'));
  return error;
}

const tooLarge = (maxBytes: number) =>
  new ProblemError(413, 'file-too-large', 'files.tooLarge', { name: 'file', max: mib(maxBytes) });

/** A file written to the temporary folder: its hash, size, first bytes and the name it came with. */
interface Saved {
  sha256: string;
  size: number;
  head: Buffer;
  filename: string;
}

/**
 * In `trx`, deletes the rows of the files among `ids` that no column of FILE_REFERENCES names any
 * more; returns their storage keys, whose bytes go once `trx` has committed.
 */
async function forgetUnreferenced(trx: Transaction<Database>, ids: readonly string[]): Promise<string[]> {
  const keys: string[] = [];
  for (const id of new Set(ids)) {
    const uses = await Promise.all(
      FILE_REFERENCES.map(({ table, column }) =>
        trx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('uses'))
          .where(column, '=', id)
          .executeTakeFirstOrThrow(),
      ),
    );
    if (uses.some((row) => Number(row.uses) > 0)) continue;
    const gone = await trx.deleteFrom('stored_file').where('id', '=', id).returning('storage_key').executeTakeFirst();
    if (gone) keys.push(gone.storage_key);
  }
  return keys;
}

/**
 * The platform's file store: uploads are streamed to a temporary file while hashed, their type is
 * decided from the bytes, and only then are they moved under a key like `ab/cd/<uuid>`.
 */
export function fileStore(config: FilesConfig) {
  const tmpDir = path.join(config.dir, 'tmp');
  const limits = config.archiveLimits ?? DEFAULT_ARCHIVE_LIMITS;

  /** Streams the file part to `target`, returning its hash, size and first bytes; stops past `maxBytes`. */
  async function save(file: NodeJS.ReadableStream & { truncated?: boolean }, target: string, maxBytes: number) {
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        if (size < HEAD_BYTES) head.push(chunk.subarray(0, HEAD_BYTES - size));
        size += chunk.length;
        // A route's own limit: stop as soon as it is passed, not at the platform's.
        if (size > maxBytes) return done(tooLarge(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    // Stop at the limit rather than read (and drop) the rest of an oversized body.
    file.once('limit', () => tap.destroy(tooLarge(config.maxBytes)));
    const out = fs.createWriteStream(target, { flags: 'wx' });
    const closed = new Promise<void>((resolve) => out.once('close', resolve));
    try {
      await pipeline(file, tap, out);
    } finally {
      // A refusal can come while the file is still being opened: removed before the stream has
      // closed, it would appear again once the open completes, and stay.
      await closed;
    }
    if (file.truncated) throw tooLarge(config.maxBytes);
    return { sha256: hash.digest('hex'), size, head: Buffer.concat(head) };
  }

  /** Removes the bytes of files whose rows are gone; a failure is logged, the request goes on. */
  async function removeBytes(keys: readonly string[], log: ErrorLog) {
    for (const key of keys) {
      try {
        await fsp.rm(path.join(config.dir, key), { force: true });
      } catch (error) {
        log.error({ err: error, storageKey: key }, 'the bytes of a deleted stored file could not be removed');
      }
    }
  }

  /**
   * One transaction in which `work` may drop stored files (see FileTransaction), or a part of the one
   * `db` already is (db/transaction.ts): dropped bytes go once the outermost one commits.
   */
  async function inTransaction<T>(
    db: Kysely<Database>,
    log: ErrorLog,
    work: (trx: Transaction<Database>, drop: DropFile, end: TransactionEnd) => Promise<T>,
  ): Promise<T> {
    return transact(db, async (trx, end) => {
      const dropped: string[] = [];
      const drop: DropFile = (fileId) => {
        if (fileId) dropped.push(fileId);
      };
      const value = await work(trx, drop, end);
      const keys = await forgetUnreferenced(trx, dropped);
      end.onCommit(() => removeBytes(keys, log));
      return value;
    });
  }

  async function detect(target: string, size: number, head: Buffer): Promise<Detection> {
    const handle = await fsp.open(target, 'r');
    try {
      return await detectKind(handle, size, head, limits);
    } finally {
      await handle.close();
    }
  }

  /** A temporary file's path in the files folder, which it creates if need be. */
  async function tempFile(): Promise<string> {
    await fsp.mkdir(tmpDir, { recursive: true });
    return path.join(tmpDir, `${randomUUID()}.part`);
  }

  /**
   * Checks the file saved at `temp` (its type from its bytes, against `allowed`) and makes the
   * Upload that `store` keeps; the caller removes `temp` if this throws.
   */
  async function checked(
    temp: string,
    saved: Saved,
    fields: Record<string, string>,
    allowed: readonly FileKind[],
    log: ErrorLog,
  ): Promise<Upload> {
    // Where the file is now (moved into place by `store`), null once kept or removed.
    let current: string | null = temp;
    const remove = async () => {
      if (current) await fsp.rm(current, { force: true });
      current = null;
    };
    const { sha256, size, head } = saved;
    if (size === 0) throw new InvalidParameterError('file', 'body', reason('reason.files.empty'));
    const detection = await detect(temp, size, head);
    if (!detection.ok) throw refusal(detection, allowed);
    if (!allowed.includes(detection.kind)) throw unsupported(allowed);
    let stored = false;
    const originalName = cleanName(saved.filename, detection.kind);
    return {
      sha256,
      size,
      kind: detection.kind,
      mediaType: MEDIA_TYPES[detection.kind],
      originalName,
      fields,
      async store(db, by, work) {
        if (current !== temp || stored) throw new Error('upload already stored or released');
        const id = uuidv7();
        const key = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${id}`;
        const at = by.now.toISOString();
        return inTransaction(db, log, async (trx, drop, end) => {
          // From here the transaction owns the file: kept if the outermost one commits, removed if not.
          stored = true;
          end.onCommit(async () => {
            current = null;
          });
          end.onRollback(remove);
          await fsp.mkdir(path.dirname(path.join(config.dir, key)), { recursive: true });
          await fsp.rename(temp, path.join(config.dir, key));
          current = path.join(config.dir, key);
          const row: StoredFile = {
            id,
            sha256,
            size,
            media_type: MEDIA_TYPES[detection.kind],
            original_name: originalName,
            storage_key: key,
            created_by: by.createdBy,
            created_at: at,
            updated_at: at,
          };
          await trx.insertInto('stored_file').values(row).execute();
          return work(trx, row, drop);
        });
      },
      async release() {
        if (!stored) await remove();
      },
    };
  }

  return {
    config,

    /**
     * Reads the one file of a multipart/form-data request (field `file`) and checks it against
     * `allowed` and the route's limit; refusals are 4xx problems and leave nothing on disk.
     */
    async receive(
      request: FastifyRequest,
      allowed: readonly FileKind[],
      options: ReceiveOptions = {},
    ): Promise<Upload> {
      const maxBytes = Math.min(options.maxBytes ?? config.maxBytes, config.maxBytes);
      if (!request.isMultipart()) throw new ProblemError(415, 'not-multipart', 'files.notMultipart');
      const temp = await tempFile();
      try {
        const fields: Record<string, string> = {};
        let saved: Saved | null = null;
        // Every part is read, so a second file is refused (the files limit) rather than ignored.
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            fields[part.fieldname] = String(part.value);
            continue;
          }
          if (part.fieldname !== 'file' || saved) {
            part.file.resume();
            throw new InvalidParameterError(part.fieldname, 'body', reason('reason.files.unexpected'));
          }
          saved = { ...(await save(part.file, temp, maxBytes)), filename: part.filename };
        }
        if (!saved) throw new InvalidParameterError('file', 'body', reason('reason.files.required'));
        return await checked(temp, saved, fields, allowed, request.log);
      } catch (error) {
        await fsp.rm(temp, { force: true });
        throw multipartProblem(error, maxBytes);
      }
    },

    /**
     * Removes the temporary uploads left behind (see STALE_UPLOAD_MS); buildApp runs it at every
     * start. Answers how many it removed.
     */
    async sweepStaleUploads(): Promise<number> {
      const names = await fsp.readdir(tmpDir).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      let removed = 0;
      for (const name of names.filter((n) => n.endsWith('.part'))) {
        const file = path.join(tmpDir, name);
        const stat = await fsp.stat(file).catch(() => null);
        if (stat && Date.now() - stat.mtimeMs > STALE_UPLOAD_MS) {
          await fsp.rm(file, { force: true });
          removed++;
        }
      }
      return removed;
    },

    /**
     * Takes `bytes` made on the platform (demo mode's PDFs) as `receive` takes an upload: hashed,
     * typed from the bytes and checked against `allowed` and the platform's limit, waiting in the
     * temporary folder until `store` keeps it.
     */
    async receiveBytes(bytes: Buffer, filename: string, allowed: readonly FileKind[], log: ErrorLog): Promise<Upload> {
      if (bytes.length > config.maxBytes) throw tooLarge(config.maxBytes);
      const temp = await tempFile();
      try {
        await fsp.writeFile(temp, bytes, { flag: 'wx' });
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const saved = { sha256, size: bytes.length, head: bytes.subarray(0, HEAD_BYTES), filename };
        return await checked(temp, saved, {}, allowed, log);
      } catch (error) {
        await fsp.rm(temp, { force: true });
        throw error;
      }
    },

    /**
     * Runs `work` in one transaction in which it may `drop` the stored files whose references it
     * removes or replaces: those nothing names when it ends are deleted in it, and their bytes once
     * it has committed. Revisions keep their files: a file is dropped only when no row names it.
     */
    transaction(request: FastifyRequest): FileTransaction {
      return (db, work) => inTransaction(db, request.log, work);
    },

    /** Where a stored file's bytes are. */
    pathOf(file: Pick<StoredFile, 'storage_key'>): string {
      return path.join(config.dir, file.storage_key);
    },

    /**
     * Sends a stored file: its detected type and size, a download name, nosniff, its hash as a
     * strong ETag (304 when it matches), and `private` caching for files not everyone may read.
     */
    send(
      request: FastifyRequest,
      reply: FastifyReply,
      file: StoredFile,
      options: { disposition?: 'attachment' | 'inline'; restricted: boolean; filename?: string },
    ) {
      const etag = `"${file.sha256}"`;
      reply
        .header('content-type', file.media_type)
        .header(
          'content-disposition',
          contentDisposition(options.disposition ?? 'attachment', options.filename ?? file.original_name),
        )
        .header('x-content-type-options', 'nosniff')
        .header('etag', etag)
        .header('cache-control', `${options.restricted ? 'private' : 'public'}, no-cache`);
      const match = request.headers['if-none-match'];
      if (match?.split(/\s*,\s*/).some((tag) => tag === etag || tag === `W/${etag}` || tag === '*')) {
        return reply.status(304).send();
      }
      reply.header('content-length', String(file.size));
      return reply.send(fs.createReadStream(path.join(config.dir, file.storage_key)));
    },
  };
}

export type FileStore = ReturnType<typeof fileStore>;
