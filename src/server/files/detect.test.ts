import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Detection, detectKind, HEAD_BYTES } from './detect.js';
import {
  declaredHugeZipBytes,
  ELF_BYTES,
  MZ_BYTES,
  odtBytes,
  ooxmlBytes,
  PNG_BYTES,
  pdfBytes,
  zipBombBytes,
  zipBytes,
} from './testing.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-detect-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function detect(bytes: Buffer): Promise<Detection> {
  const file = path.join(dir, `${Math.random()}`);
  await fsp.writeFile(file, bytes);
  const handle = await fsp.open(file, 'r');
  try {
    return await detectKind(handle, bytes.length, bytes.subarray(0, HEAD_BYTES));
  } finally {
    await handle.close();
  }
}

describe('detectKind', () => {
  it.each([
    ['pdf', pdfBytes()],
    ['docx', ooxmlBytes('docx')],
    ['xlsx', ooxmlBytes('xlsx')],
    ['pptx', ooxmlBytes('pptx')],
    ['odt', odtBytes()],
    ['png', PNG_BYTES],
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])],
    ['webp', Buffer.concat([Buffer.from('RIFF\x24\0\0\0WEBPVP8 ', 'latin1'), Buffer.alloc(24)])],
  ])('tells a %s from its bytes', async (kind, bytes) => {
    expect(await detect(bytes)).toEqual({ ok: true, kind });
  });

  it.each([
    ['Linux executable (ELF)', ELF_BYTES],
    ['Windows executable (MZ)', MZ_BYTES],
    ['script (#!)', Buffer.from('#!/bin/sh\nrm -rf /\n')],
  ])('refuses a %s whatever it is called', async (format, bytes) => {
    expect(await detect(bytes)).toEqual({ ok: false, reason: 'executable', format });
  });

  it('refuses text, HTML and a plain zip as unknown', async () => {
    for (const bytes of [
      Buffer.from('just text'),
      Buffer.from('<html><script>alert(1)</script></html>'),
      zipBytes([{ name: 'a.txt', data: 'a' }]),
      // An OOXML marker without any of the three parts is not a document either.
      zipBytes([{ name: '[Content_Types].xml', data: '<Types/>' }]),
      // An ODT's mimetype entry with another type is not an ODT.
      zipBytes([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 }]),
    ]) {
      expect(await detect(bytes)).toEqual({ ok: false, reason: 'unknown' });
    }
  });

  it('refuses a zip bomb by its compression ratio, without inflating it', async () => {
    const bomb = zipBombBytes();
    expect(bomb.length).toBeLessThan(100_000);
    expect(await detect(bomb)).toEqual({ ok: false, reason: 'archive', detail: 'ratio' });
  });

  it('refuses an archive declaring more than the total allowed', async () => {
    expect(await detect(declaredHugeZipBytes())).toEqual({ ok: false, reason: 'archive', detail: 'size' });
  });

  it('refuses an archive with too many entries', async () => {
    const many = zipBytes(
      Array.from({ length: 10_001 }, (_, i) => ({ name: `word/${i}`, data: '', method: 0 as const })),
    );
    expect(await detect(many)).toEqual({ ok: false, reason: 'archive', detail: 'entries' });
  });

  it('refuses a truncated or corrupt archive', async () => {
    const docx = ooxmlBytes('docx');
    expect(await detect(docx.subarray(0, docx.length - 30))).toEqual({
      ok: false,
      reason: 'archive',
      detail: 'corrupt',
    });
    expect(await detect(Buffer.from('PK\x03\x04', 'latin1'))).toEqual({
      ok: false,
      reason: 'archive',
      detail: 'corrupt',
    });
  });
});
