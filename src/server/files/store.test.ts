import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import type { Database } from '../db/schema.js';
import { transact } from '../db/transaction.js';
import { registerProblemHandlers } from '../http/problems.js';
import { expectProblemDocument } from '../testing/api.js';
import { createTestDatabase, engines, type TestDatabase } from '../testing/harness.js';
import {
  contentDisposition,
  DOCUMENT_KINDS,
  FILE_REFERENCES,
  type FileKind,
  fileStore,
  IMAGE_KINDS,
  multipartLimits,
} from './index.js';
import {
  declaredHugeZipBytes,
  ELF_BYTES,
  filesLeftIn,
  lazyMultipartBody,
  MZ_BYTES,
  multipartBody,
  odtBytes,
  ooxmlBytes,
  PNG_BYTES,
  pdfBytes,
  zipBombBytes,
} from './testing.js';

const MAX_BYTES = 256 * 1024;

/** A bare app with the store and its routes, as a module would use them; `logs` gathers its log lines. */
async function buildFilesApp(
  database: TestDatabase,
  dir: string,
  options: { failAfterStore?: boolean; logs?: string[] } = {},
) {
  const files = fileStore({ dir, maxBytes: MAX_BYTES });
  const app = Fastify({ logger: { level: 'error', stream: { write: (line: string) => options.logs?.push(line) } } });
  registerProblemHandlers(app);
  await app.register(fastifyMultipart, { limits: multipartLimits(files.config) });
  // `max`: this route's own limit; `replaces`: the stored file the new one takes the place of;
  // `outer`: stores within a larger transaction, which then commits or fails.
  app.post<{
    Params: { kinds: string };
    Querystring: { max?: string; replaces?: string; outer?: 'commit' | 'fail' };
  }>('/upload/:kinds', async (request, reply) => {
    const kinds: readonly FileKind[] = request.params.kinds === 'images' ? IMAGE_KINDS : DOCUMENT_KINDS;
    const maxBytes = request.query.max ? Number(request.query.max) : undefined;
    const upload = await files.receive(request, kinds, { maxBytes });
    try {
      const by = { createdBy: null, now: new Date() };
      const store = (db: Kysely<Database>) =>
        upload.store(db, by, async (_trx, file, drop) => {
          if (options.failAfterStore) throw new Error('the caller failed after storing');
          drop(request.query.replaces);
          return file;
        });
      const { outer } = request.query;
      const stored = outer
        ? await transact(database.db, async (trx) => {
            const file = await store(trx);
            if (outer === 'fail') throw new Error('the larger transaction failed after the store');
            return file;
          })
        : await store(database.db);
      return reply.status(201).send({ ...stored, fields: upload.fields });
    } finally {
      await upload.release();
    }
  });
  // Lets go of a stored file without an upload; `fail` rolls the transaction back.
  app.delete<{ Params: { id: string }; Querystring: { fail?: string } }>('/files/:id', async (request, reply) => {
    await files.transaction(request)(database.db, async (_trx, drop) => {
      drop(request.params.id);
      if (request.query.fail) throw new Error('the caller failed after dropping');
    });
    return reply.status(204).send();
  });
  app.get<{ Params: { id: string }; Querystring: { restricted?: string } }>('/files/:id', async (request, reply) => {
    const file = await database.db
      .selectFrom('stored_file')
      .selectAll()
      .where('id', '=', request.params.id)
      .executeTakeFirstOrThrow();
    return files.send(request, reply, file, { restricted: request.query.restricted === '1' });
  });
  return app;
}

for (const engine of engines) {
  describe(`the file store [${engine}]`, () => {
    let database: TestDatabase;
    let dir: string;
    let app: FastifyInstance;
    let failing: FastifyInstance;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      await migrateToLatest(database.db, database.schema);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-files-test-'));
      app = await buildFilesApp(database, dir);
      failing = await buildFilesApp(database, dir, { failAfterStore: true });
    });
    afterAll(async () => {
      await app?.close();
      await failing?.close();
      await database?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    let before: string[];
    let rowsBefore: number;
    const storedRows = async () => (await database.db.selectFrom('stored_file').select('id').execute()).length;
    beforeEach(async () => {
      before = filesLeftIn(dir);
      rowsBefore = await storedRows();
    });
    const expectNothingKept = async () => {
      expect(filesLeftIn(dir)).toEqual(before);
      expect(await storedRows()).toBe(rowsBefore);
    };
    const upload = (data: Buffer, filename: string, kinds = 'documents', fields: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: `/upload/${kinds}`, ...multipartBody([{ filename, data }], fields) });

    it.each([
      ['report.pdf', pdfBytes(), 'application/pdf'],
      ['report.docx', ooxmlBytes('docx'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['table.xlsx', ooxmlBytes('xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['slides.pptx', ooxmlBytes('pptx'), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
      ['text.odt', odtBytes(), 'application/vnd.oasis.opendocument.text'],
    ])('keeps %s under ab/cd/<uuid> with its hash and detected type', async (filename, data, mediaType) => {
      const res = await upload(data, filename, 'documents', { note: 'kept' });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({ media_type: mediaType, size: data.length, original_name: filename });
      expect(body.fields).toEqual({ note: 'kept' });
      expect(body.storage_key).toMatch(
        new RegExp(`^${body.sha256.slice(0, 2)}/${body.sha256.slice(2, 4)}/[0-9a-f-]{36}$`),
      );
      expect(fs.readFileSync(path.join(dir, body.storage_key))).toEqual(data);
      expect(filesLeftIn(path.join(dir, 'tmp'))).toEqual([]);
    });

    it('decides the type from the bytes, not the name or the Content-Type sent', async () => {
      const res = await upload(pdfBytes(), 'looks-like.docx');
      expect(res.json().media_type).toBe('application/pdf');
      const png = await upload(PNG_BYTES, 'logo.pdf', 'images');
      expect(png.json().media_type).toBe('image/png');
    });

    it.each([
      ['an ELF program renamed .pdf', ELF_BYTES, 415, /program \(Linux executable \(ELF\)\)/],
      ['a Windows program renamed .pdf', MZ_BYTES, 415, /program \(Windows executable \(MZ\)\)/],
      ['a zip bomb', zipBombBytes(), 422, /zip bomb/],
      ['an archive declaring 4 GB', declaredHugeZipBytes(), 422, /expand to more/],
      ['a PNG where documents are expected', PNG_BYTES, 415, /PDF, DOCX, XLSX, PPTX, ODT/],
      ['plain text', Buffer.from('hello'), 415, /read from the content/],
    ])('refuses %s with a clear message, keeping nothing', async (_what, data, status, detail) => {
      const res = await upload(data, 'innocent.pdf');
      expect(expectProblemDocument(res, status).detail).toMatch(detail);
      await expectNothingKept();
    });

    it('refuses a 1 GB file with 413 without ever holding it in memory', async () => {
      const body = lazyMultipartBody(1024 ** 3);
      const rss = process.memoryUsage().rss;
      const res = await app.inject({ method: 'POST', url: '/upload/documents', ...body });
      expect(expectProblemDocument(res, 413).detail).toBe(
        'The file in the field "file" is larger than 0.3 MB, the most allowed here.',
      );
      // The rest of the body is drained and dropped, never gathered.
      expect(process.memoryUsage().rss - rss).toBeLessThan(256 * 1024 ** 2);
      await expectNothingKept();
    });

    it('holds a route to its own smaller limit while streaming, in the reader’s language, keeping nothing', async () => {
      const limit = 64 * 1024;
      const body = lazyMultipartBody(100 * 1024 ** 2);
      const res = await app.inject({ method: 'POST', url: `/upload/documents?max=${limit}&lang=fr`, ...body });
      expect(expectProblemDocument(res, 413).detail).toBe(
        'Le fichier du champ "file" dépasse 0.1 MB, le maximum autorisé ici.',
      );
      // Reading stopped near the route's limit, far from the 100 MB sent.
      expect(body.produced()).toBeLessThan(8 * 1024 ** 2);
      await expectNothingKept();
      const over = multipartBody([{ filename: 'a.pdf', data: Buffer.concat([pdfBytes(), Buffer.alloc(limit)]) }]);
      const spanish = await app.inject({
        method: 'POST',
        url: `/upload/documents?max=${limit}`,
        ...over,
        headers: { ...over.headers, 'accept-language': 'es' },
      });
      expect(expectProblemDocument(spanish, 413).detail).toBe(
        'El archivo del campo "file" supera 0.1 MB, el máximo permitido aquí.',
      );
      await expectNothingKept();
      const fits = await app.inject({
        method: 'POST',
        url: `/upload/documents?max=${limit}`,
        ...multipartBody([{ filename: 'a.pdf', data: pdfBytes() }]),
      });
      expect(fits.statusCode).toBe(201);
    });

    it('removes a refused upload’s temporary file only once it is closed, however slow the disk is to open it (issue 11)', async () => {
      // A slow disk, made certain: the temporary file opens only once the refusal has been
      // answered, or after a second if the store (rightly) waits for it before answering.
      let openNow = () => {};
      const slowDisk = new Promise<void>((resolve) => {
        openNow = resolve;
        setTimeout(resolve, 1000);
      });
      const streams: fs.WriteStream[] = [];
      const createWriteStream = fs.createWriteStream;
      const spy = vi.spyOn(fs, 'createWriteStream').mockImplementation((target, options) => {
        const open = (
          file: fs.PathLike,
          flags: fs.OpenMode,
          mode: fs.Mode,
          done: (e: Error | null, fd: number) => void,
        ) => void slowDisk.then(() => fs.open(file, flags, mode, done));
        const slow = { open, write: fs.write, writev: fs.writev, close: fs.close };
        const stream = createWriteStream(target, { ...(options as object), fs: slow });
        streams.push(stream);
        return stream;
      });
      try {
        const over = multipartBody([{ filename: 'a.pdf', data: Buffer.concat([pdfBytes(), Buffer.alloc(4096)]) }]);
        const res = await app.inject({ method: 'POST', url: '/upload/documents?max=1024', ...over });
        openNow();
        expectProblemDocument(res, 413);
        expect(streams).toHaveLength(1);
        await Promise.all(
          streams.map((s) => s.closed || new Promise<void>((closed) => s.once('close', () => closed()))),
        );
        await expectNothingKept();
      } finally {
        spy.mockRestore();
      }
    });

    it('sweeps the temporary uploads left behind, and only those, at start', async () => {
      const tmp = path.join(dir, 'tmp');
      fs.mkdirSync(tmp, { recursive: true });
      const left = path.join(tmp, 'left-behind.part');
      const inProgress = path.join(tmp, 'in-progress.part');
      fs.writeFileSync(left, 'partial');
      fs.writeFileSync(inProgress, 'partial');
      const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
      fs.utimesSync(left, twoHoursAgo, twoHoursAgo);
      const files = fileStore({ dir, maxBytes: MAX_BYTES });
      expect(await files.sweepStaleUploads()).toBe(1);
      expect(fs.existsSync(left)).toBe(false);
      expect(fs.existsSync(inProgress)).toBe(true);
      fs.rmSync(inProgress);
    });

    it('deletes a replaced file, row and bytes, once the transaction that replaced it commits', async () => {
      const first = (await upload(pdfBytes('First'), 'first.pdf')).json();
      const second = await app.inject({
        method: 'POST',
        url: `/upload/documents?replaces=${first.id}`,
        ...multipartBody([{ filename: 'second.pdf', data: pdfBytes('Second') }]),
      });
      expect(second.statusCode).toBe(201);
      expect(fs.existsSync(path.join(dir, first.storage_key))).toBe(false);
      expect(await database.db.selectFrom('stored_file').select('id').where('id', '=', first.id).execute()).toEqual([]);
      expect(fs.existsSync(path.join(dir, second.json().storage_key))).toBe(true);
    });

    it('keeps a dropped file that a row still names, and one whose transaction rolled back', async () => {
      const file = (await upload(pdfBytes('Kept'), 'kept.pdf')).json();
      const stamp = new Date().toISOString();
      const partnerId = `p-${file.id}`;
      await database.db
        .insertInto('partner')
        .values({
          id: partnerId,
          slug: partnerId,
          kind: 'other',
          website: null,
          logo_file_id: file.id,
          created_at: stamp,
          updated_at: stamp,
        })
        .execute();
      expect((await app.inject({ method: 'DELETE', url: `/files/${file.id}` })).statusCode).toBe(204);
      expect(fs.existsSync(path.join(dir, file.storage_key))).toBe(true);
      await database.db.deleteFrom('partner').where('id', '=', partnerId).execute();
      expect((await app.inject({ method: 'DELETE', url: `/files/${file.id}?fail=1` })).statusCode).toBe(500);
      expect(fs.existsSync(path.join(dir, file.storage_key))).toBe(true);
      expect((await app.inject({ method: 'DELETE', url: `/files/${file.id}` })).statusCode).toBe(204);
      expect(fs.existsSync(path.join(dir, file.storage_key))).toBe(false);
      expect(await database.db.selectFrom('stored_file').select('id').where('id', '=', file.id).execute()).toEqual([]);
    });

    it('answers the request when the bytes cannot be removed, and logs it', async () => {
      const logs: string[] = [];
      const logged = await buildFilesApp(database, dir, { logs });
      try {
        const file = (await upload(pdfBytes('Stuck'), 'stuck.pdf')).json();
        // A folder where the bytes were: removing it without `recursive` fails.
        const where = path.join(dir, file.storage_key);
        fs.rmSync(where);
        fs.mkdirSync(where);
        fs.writeFileSync(path.join(where, 'inside'), 'x');
        expect((await logged.inject({ method: 'DELETE', url: `/files/${file.id}` })).statusCode).toBe(204);
        expect(await database.db.selectFrom('stored_file').select('id').where('id', '=', file.id).execute()).toEqual(
          [],
        );
        expect(logs.join('')).toContain('the bytes of a deleted stored file could not be removed');
        fs.rmSync(where, { recursive: true });
      } finally {
        await logged.close();
      }
    });

    it('knows every column that names a stored file', async () => {
      // On PostgreSQL, only this test database's schema: others are other tests'.
      const tables = (await database.db.introspection.getTables()).filter(
        (table) => database.schema === undefined || table.schema === database.schema,
      );
      const columns = tables.flatMap((table) =>
        table.columns
          .filter((column) => column.name.endsWith('file_id'))
          .map((column) => `${table.name}.${column.name}`),
      );
      expect(columns.sort()).toEqual(FILE_REFERENCES.map(({ table, column }) => `${table}.${column}`).sort());
    });

    it('refuses two files, an empty file, no file and a body that is not multipart', async () => {
      const two = multipartBody([
        { filename: 'a.pdf', data: pdfBytes() },
        { filename: 'b.pdf', data: pdfBytes() },
      ]);
      expectProblemDocument(await app.inject({ method: 'POST', url: '/upload/documents', ...two }), 413);
      const empty = expectProblemDocument(await upload(Buffer.alloc(0), 'empty.pdf'), 400);
      expect(empty.detail).toBe('Parameter "file": is empty.');
      const none = multipartBody([], { title: 'no file' });
      expectProblemDocument(await app.inject({ method: 'POST', url: '/upload/documents', ...none }), 400);
      const json = await app.inject({ method: 'POST', url: '/upload/documents', payload: { file: 'x' } });
      expectProblemDocument(json, 415);
      await expectNothingKept();
    });

    it('removes the file again when the caller’s transaction fails after storing it', async () => {
      const res = await failing.inject({
        method: 'POST',
        url: '/upload/documents',
        ...multipartBody([{ filename: 'a.pdf', data: pdfBytes() }]),
      });
      expect(res.statusCode).toBe(500);
      await expectNothingKept();
    });

    it('within a larger transaction, keeps the file and lets go of the one it replaces only if that one commits', async () => {
      const first = (await upload(pdfBytes('first'), 'first.pdf')).json();
      before = filesLeftIn(dir);
      rowsBefore = await storedRows();
      const replace = (outer: 'commit' | 'fail') =>
        app.inject({
          method: 'POST',
          url: `/upload/documents?outer=${outer}&replaces=${first.id}`,
          ...multipartBody([{ filename: 'second.pdf', data: pdfBytes('second') }]),
        });
      expect((await replace('fail')).statusCode).toBe(500);
      await expectNothingKept();
      expect(fs.readFileSync(path.join(dir, first.storage_key))).toEqual(pdfBytes('first'));
      const second = await replace('commit');
      expect(second.statusCode, second.body).toBe(201);
      expect(fs.readFileSync(path.join(dir, second.json().storage_key))).toEqual(pdfBytes('second'));
      expect(fs.existsSync(path.join(dir, first.storage_key))).toBe(false);
      expect(await storedRows()).toBe(rowsBefore);
    });

    it('sends a stored file with its type, length, name, nosniff, ETag and caching', async () => {
      const data = pdfBytes('Informe');
      const stored = (await upload(data, 'Informe año «final».pdf')).json();
      const res = await app.inject({ url: `/files/${stored.id}?restricted=1` });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload).toEqual(data);
      expect(res.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-length': String(data.length),
        'content-disposition': `attachment; filename="Informe a_o _final_.pdf"; filename*=UTF-8''Informe%20a%C3%B1o%20%C2%ABfinal%C2%BB.pdf`,
        'x-content-type-options': 'nosniff',
        etag: `"${stored.sha256}"`,
        'cache-control': 'private, no-cache',
      });
      const again = await app.inject({
        url: `/files/${stored.id}`,
        headers: { 'if-none-match': `"${stored.sha256}"` },
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect((await app.inject({ url: `/files/${stored.id}` })).headers['cache-control']).toBe('public, no-cache');
    });

    it('takes bytes made on the platform (receiveBytes) through the same checks, and stores them', async () => {
      const files = fileStore({ dir, maxBytes: MAX_BYTES });
      const data = pdfBytes();
      const upload = await files.receiveBytes(data, 'made-here.pdf', DOCUMENT_KINDS, console);
      try {
        expect(upload).toMatchObject({ kind: 'pdf', mediaType: 'application/pdf', size: data.length, fields: {} });
        const stored = await upload.store(
          database.db,
          { createdBy: null, now: new Date() },
          async (_trx, file) => file,
        );
        expect(stored).toMatchObject({ original_name: 'made-here.pdf', sha256: upload.sha256 });
        expect(fs.readFileSync(path.join(dir, stored.storage_key))).toEqual(data);
      } finally {
        await upload.release();
      }
      expect(filesLeftIn(path.join(dir, 'tmp'))).toEqual([]);
    });

    it.each([
      ['an executable', MZ_BYTES, DOCUMENT_KINDS, { status: 415, kind: 'executable-file' }],
      ['a kind not allowed', pdfBytes(), IMAGE_KINDS, { status: 415, kind: 'unsupported-file-type' }],
      ['an empty file', Buffer.alloc(0), DOCUMENT_KINDS, { parameter: 'file', location: 'body' }],
      ['a file over the limit', Buffer.concat([pdfBytes(), Buffer.alloc(MAX_BYTES)]), DOCUMENT_KINDS, { status: 413 }],
    ] as const)('refuses %s given as bytes, keeping nothing', async (_what, data, kinds, refusal) => {
      const files = fileStore({ dir, maxBytes: MAX_BYTES });
      await expect(files.receiveBytes(data, 'made-here.pdf', kinds, console)).rejects.toMatchObject(refusal);
      await expectNothingKept();
    });
  });
}

describe('contentDisposition', () => {
  it('quotes a plain name and encodes every other character (RFC 5987)', () => {
    expect(contentDisposition('inline', 'a.pdf')).toBe(`inline; filename="a.pdf"; filename*=UTF-8''a.pdf`);
    expect(contentDisposition('attachment', `x"y\\z'(1)*.pdf`)).toBe(
      `attachment; filename="x_y_z'(1)*.pdf"; filename*=UTF-8''x%22y%5Cz%27%281%29%2A.pdf`,
    );
  });
});
