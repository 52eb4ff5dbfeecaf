import { strFromU8, unzipSync } from 'fflate';

/** The workbook's parts, and its sheet's cells read back as (reference → shown text or number). */
export function readXlsx(bytes: Uint8Array) {
  const parts = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
  const sheet = parts['xl/worksheets/sheet1.xml'] ?? '';
  const cells: Record<string, string | number> = {};
  for (const [, ref, body] of sheet.matchAll(/<c r="([A-Z]+\d+)"[^>]*>(.*?)<\/c>/g)) {
    const text = /<t xml:space="preserve">(.*?)<\/t>/.exec(body ?? '')?.[1];
    cells[ref as string] =
      text === undefined
        ? Number(/<v>(.*?)<\/v>/.exec(body ?? '')?.[1])
        : text.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
  }
  return { parts, cells };
}
