import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Real file bytes for tests (a minimal PDF, office documents built as real ZIP archives, images,
 * executables, zip bombs) and multipart bodies to send them in, so the detection and the limits are
 * tested against what a client would really send.
 */

/** A minimal valid one-page PDF whose page says `text`. */
export function pdfBytes(text = 'Hello'): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** Stored (0) or deflated (8, the default). */
  method?: 0 | 8;
  /** The uncompressed size to declare instead of the real one (a lying archive). */
  declaredSize?: number;
}

/** A ZIP archive of `entries`, written as any zip tool would (local headers, central directory). */
export function zipBytes(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.from(entry.data);
    const method = entry.method ?? 8;
    const packed = method === 8 ? zlib.deflateRawSync(data) : data;
    const name = Buffer.from(entry.name, 'utf8');
    const crc = zlib.crc32(data);
    const size = entry.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const OOXML_PARTS = { docx: 'word/document.xml', xlsx: 'xl/workbook.xml', pptx: 'ppt/presentation.xml' } as const;

/** A minimal Office Open XML package of the given kind. */
export function ooxmlBytes(kind: keyof typeof OOXML_PARTS): Buffer {
  return zipBytes([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships/>' },
    { name: OOXML_PARTS[kind], data: '<?xml version="1.0"?><root/>' },
  ]);
}

/** A minimal OpenDocument text: `mimetype` first and stored, as the format requires. */
export function odtBytes(): Buffer {
  return zipBytes([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', method: 0 },
    { name: 'content.xml', data: '<?xml version="1.0"?><office:document-content/>' },
    { name: 'META-INF/manifest.xml', data: '<?xml version="1.0"?><manifest:manifest/>' },
  ]);
}

/** A 1×1 PNG. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The start of a Linux program and of a Windows one, padded like a real binary. */
export const ELF_BYTES = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 1)]);
export const MZ_BYTES = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(120, 1)]);

/** A DOCX-looking archive holding 20 MB of zeros that compress a thousandfold: a zip bomb. */
export function zipBombBytes(): Buffer {
  return zipBytes([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'word/document.xml', data: Buffer.alloc(20 * 1024 * 1024) },
  ]);
}

/** A small archive whose entries declare 4 GB in all: refused without inflating a byte. */
export function declaredHugeZipBytes(): Buffer {
  return zipBytes([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    ...[1, 2, 3, 4].map((n) => ({ name: `word/part${n}.xml`, data: 'x'.repeat(2000), declaredSize: 1024 ** 3 })),
  ]);
}

export interface MultipartFile {
  /** Field name; `file` unless testing another. */
  field?: string;
  filename: string;
  contentType?: string;
  data: Buffer;
}

const BOUNDARY = '----mispa-test-boundary-7d1f';

/** A multipart/form-data body: the text `fields` first, then `files`. */
export function multipartBody(files: MultipartFile[], fields: Record<string, string> = {}) {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

/**
 * A multipart body with one file of `bytes` bytes, produced lazily a chunk at a time so a test
 * can send far more than it could hold in memory. `produced()` says how much was read from it.
 */
export function lazyMultipartBody(bytes: number, filename = 'big.pdf') {
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  let sent = 0;
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      'Content-Type: application/pdf\r\n\r\n%PDF-1.4\n',
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  let stage: 'head' | 'body' | 'tail' | 'done' = 'head';
  const payload = new Readable({
    read() {
      if (stage === 'head') {
        stage = 'body';
        this.push(head);
      } else if (stage === 'body') {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (sent >= bytes) stage = 'tail';
        this.push(chunk.subarray(0, n));
      } else if (stage === 'tail') {
        stage = 'done';
        this.push(tail);
      } else this.push(null);
    },
  });
  return {
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    produced: () => sent,
  };
}

/** Every file under `dir` (relative paths), to prove a refusal left nothing behind. */
export function filesLeftIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)));
}

/** A stored file's row and bytes, to check later whether both are still there. */
export async function storedFileOf(db: Kysely<Database>, dir: string, id: string) {
  const { storage_key } = await db
    .selectFrom('stored_file')
    .select('storage_key')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    async kept() {
      const row = await db.selectFrom('stored_file').select('id').where('id', '=', id).executeTakeFirst();
      return { row: row !== undefined, bytes: fs.existsSync(path.join(dir, storage_key)) };
    },
  };
}
