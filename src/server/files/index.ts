/**
 * Stored files: uploads received, checked and kept on disk, and sent back with the right headers.
 * Generic: meeting documents, delegation credentials and partner logos all use it.
 *
 * The app builds one store from the configuration (MISPA_FILES_DIR, MISPA_UPLOAD_MAX_BYTES) and
 * registers @fastify/multipart with its limits (one file, a few small fields); app.ts hands the
 * `files` store to the routes plugins that need it.
 *
 * Receiving (in a route; the guard has already allowed the action):
 *
 *   const upload = await files.receive(request, DOCUMENT_KINDS); // or IMAGE_KINDS, { maxBytes: 1024 * 1024 }
 *   try {
 *     return await service.attachCredentials(requestContext(request), id, upload);
 *   } finally {
 *     await upload.release(); // removes the temporary file unless it was stored
 *   }
 *
 * The client sends multipart/form-data with the file in the field `file` (text fields, if any,
 * before it: they are in `upload.fields`). `receive` streams it to `<dir>/tmp/`, hashing it
 * (SHA-256) as it goes, then decides its type from the bytes — never from the name or the
 * client's Content-Type — and refuses, as problem documents, with nothing left on disk:
 * 413 a file over the limit (the route's `maxBytes` if smaller than the platform's, checked while
 * streaming: reading stops there) or more than one file; 415 not multipart, an executable (MZ, ELF,
 * Mach-O, #!) whatever its name, or a type not in `allowed`; 422 a ZIP whose declared contents are
 * absurd (too many entries, too large in total, a compression ratio no document has); 400 no file
 * or an empty one. `upload.kind`, `mediaType`, `size`, `sha256` and `originalName` are known then.
 *
 * Keeping it (in the service, after its own checks):
 *
 *   await upload.store(db, { createdBy: actor.userId, now }, async (trx, file) => {
 *     await trx.updateTable('delegation').set({ credentials_file_id: file.id }).where(...).execute();
 *     await recordAudit(trx, ctx, { ... after: { fileId: file.id, sha256: file.sha256 } }, now);
 *   });
 *
 * `store` runs one transaction: it moves the file to `<dir>/ab/cd/<uuid>`, inserts the
 * `stored_file` row and runs your work; if anything throws, the transaction is rolled back and the
 * file removed. A 404 or 409 thrown before `store` is fine too: `release` in the route cleans up.
 *
 * Letting go of files: a file no row names any more is deleted, its row in the transaction that
 * dropped the last reference and its bytes once that commits (a failure to remove them is logged).
 * `store`'s work gets `drop` as its third argument: `drop(previousFileId)` for the file it
 * replaces. Other writes run in `files.transaction(request)(db, async (trx, drop) => ...)`. A file
 * still named elsewhere (an earlier revision's) stays; FILE_REFERENCES lists the naming columns.
 *
 * Files made on the platform itself (demo mode's PDFs) come in through
 * `files.receiveBytes(bytes, filename, DOCUMENT_KINDS, log)`: the same checks, the same Upload.
 *
 * Sending (a download route, after the service decided the caller may read it):
 *
 *   return files.send(request, reply, storedFileRow, { restricted: true, disposition: 'attachment' });
 *
 * sets Content-Type (the detected type), Content-Length, Content-Disposition (filename* RFC 5987
 * encoded, `filename` to override the stored name), X-Content-Type-Options: nosniff, a strong
 * ETag from the hash (answering 304 to If-None-Match) and Cache-Control `private` when
 * `restricted` (else `public`), both `no-cache` so a replaced file is never served stale.
 *
 * Tests: src/server/files/testing.ts builds real PDF, DOCX/XLSX/PPTX/ODT, PNG bytes, zip bombs
 * and multipart bodies (`multipartBody`), and `filesLeftIn(dir)` proves nothing stayed on disk.
 */
export {
  type ArchiveLimits,
  DEFAULT_ARCHIVE_LIMITS,
  FILE_KINDS,
  type FileKind,
  kindOfMediaType,
  MEDIA_TYPES,
} from './detect.js';
export {
  contentDisposition,
  type DropFile,
  type ErrorLog,
  FILE_REFERENCES,
  type FileStore,
  type FilesConfig,
  type FileTransaction,
  fileStore,
  multipartLimits,
  type ReceiveOptions,
  type StoredFile,
  type Upload,
} from './store.js';

import type { FileKind } from './detect.js';

/** Documents: PDF and office files (Word, Excel, PowerPoint, OpenDocument text). */
export const DOCUMENT_KINDS: readonly FileKind[] = ['pdf', 'docx', 'xlsx', 'pptx', 'odt'];
/** Images for logos and pictures. */
export const IMAGE_KINDS: readonly FileKind[] = ['png', 'jpeg', 'webp'];
