import type { FileHandle } from 'node:fs/promises';

/**
 * What a file is, decided from its bytes alone: the name and the Content-Type a client sends are
 * claims anyone can forge. Office documents (DOCX, XLSX, PPTX, ODT) are ZIP archives, told apart by
 * their central directory, which is read here without inflating anything.
 */

export const FILE_KINDS = ['pdf', 'docx', 'xlsx', 'pptx', 'odt', 'png', 'jpeg', 'webp'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const MEDIA_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/** The kind a stored media type was detected as (the reverse of MEDIA_TYPES). */
export function kindOfMediaType(mediaType: string): FileKind | null {
  return FILE_KINDS.find((kind) => MEDIA_TYPES[kind] === mediaType) ?? null;
}

/** Limits on what a ZIP may declare: far above any real document, far below a zip bomb. */
export interface ArchiveLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  /** Largest uncompressed / compressed ratio of an entry bigger than 1 MiB. */
  maxRatio: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 10_000,
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxRatio: 200,
};

export type Detection =
  | { ok: true; kind: FileKind }
  | { ok: false; reason: 'executable'; format: string }
  | { ok: false; reason: 'archive'; detail: 'entries' | 'size' | 'ratio' | 'corrupt' }
  | { ok: false; reason: 'unknown' };

const startsWith = (head: Buffer, signature: readonly number[], at = 0) =>
  head.length >= at + signature.length && signature.every((byte, i) => head[at + i] === byte);

const EXECUTABLES: Array<[string, readonly number[]]> = [
  ['Windows executable (MZ)', [0x4d, 0x5a]],
  ['Linux executable (ELF)', [0x7f, 0x45, 0x4c, 0x46]],
  ['macOS executable (Mach-O)', [0xcf, 0xfa, 0xed, 0xfe]],
  ['macOS executable (Mach-O)', [0xce, 0xfa, 0xed, 0xfe]],
  ['macOS executable (Mach-O)', [0xca, 0xfe, 0xba, 0xbe]],
  ['script (#!)', [0x23, 0x21]],
];

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

/** How many bytes from the start detection looks at. */
export const HEAD_BYTES = 4096;

/** Detects the kind of the file open at `handle` (`size` bytes), `head` being its first bytes. */
export async function detectKind(
  handle: FileHandle,
  size: number,
  head: Buffer,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<Detection> {
  for (const [format, signature] of EXECUTABLES) {
    if (startsWith(head, signature)) return { ok: false, reason: 'executable', format };
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ok: true, kind: 'pdf' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, kind: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { ok: true, kind: 'jpeg' };
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) {
    return { ok: true, kind: 'webp' };
  }
  if (startsWith(head, ZIP_LOCAL)) return detectArchive(handle, size, head, limits);
  return { ok: false, reason: 'unknown' };
}

interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The central directory's entries, or null when the archive is malformed (or ZIP64, which no
 * office document of a sane size needs). */
async function centralDirectory(
  handle: FileHandle,
  size: number,
  maxEntries: number,
): Promise<ZipEntry[] | 'too-many' | null> {
  // The end-of-central-directory record is in the last 22 bytes plus a comment of up to 64 KiB.
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return null;
  if (count > maxEntries) return 'too-many';
  if (cdOffset + cdSize > size) return null;
  const cd = await readAt(handle, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    if (at + 46 + nameLength > cd.length) return null;
    entries.push({
      compressed: cd.readUInt32LE(at + 20),
      uncompressed: cd.readUInt32LE(at + 24),
      name: cd.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const MIB = 1024 * 1024;

async function detectArchive(handle: FileHandle, size: number, head: Buffer, limits: ArchiveLimits) {
  if (head.length < 30) return { ok: false, reason: 'archive', detail: 'corrupt' } as const;
  const entries = await centralDirectory(handle, size, limits.maxEntries);
  if (entries === null) return { ok: false, reason: 'archive', detail: 'corrupt' } as const;
  if (entries === 'too-many') return { ok: false, reason: 'archive', detail: 'entries' } as const;
  const total = entries.reduce((sum, e) => sum + e.uncompressed, 0);
  if (total > limits.maxUncompressedBytes) return { ok: false, reason: 'archive', detail: 'size' } as const;
  // Deflate cannot do better than about 1032:1; real documents stay far below maxRatio.
  const absurd = entries.some((e) => e.uncompressed > MIB && e.uncompressed > e.compressed * limits.maxRatio);
  if (absurd) return { ok: false, reason: 'archive', detail: 'ratio' } as const;

  // ODT: the first entry is `mimetype`, stored uncompressed, so its text sits at a fixed place.
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  if (head.readUInt16LE(8) === 0 && head.toString('latin1', 30, 30 + nameLength) === 'mimetype') {
    const start = 30 + nameLength + extraLength;
    const content = (await readAt(handle, start, ODT_MIMETYPE.length)).toString('latin1');
    if (content === ODT_MIMETYPE) return { ok: true, kind: 'odt' } as const;
  }
  const names = new Set(entries.map((e) => e.name));
  if (names.has('[Content_Types].xml')) {
    const under = (prefix: string) => entries.some((e) => e.name.startsWith(prefix));
    if (under('word/')) return { ok: true, kind: 'docx' } as const;
    if (under('xl/')) return { ok: true, kind: 'xlsx' } as const;
    if (under('ppt/')) return { ok: true, kind: 'pptx' } as const;
  }
  return { ok: false, reason: 'unknown' } as const;
}
