import { csvRow } from '../../../domain/csv.js';

/** Hands a file to the reader's browser to save. */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The chart as a standalone SVG document, with the data's attribution written under it: the
 * credit travels with the picture. */
function standaloneSvg(svg: SVGSVGElement, attribution: string): { text: string; width: number; height: number } {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const box = svg.viewBox.baseVal;
  const width = box?.width || svg.clientWidth;
  const height = (box?.height || svg.clientHeight) + 24;
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('viewBox', `${box?.x ?? 0} ${box?.y ?? 0} ${width} ${height}`);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const credit = document.createElementNS(SVG_NS, 'text');
  credit.setAttribute('x', String((box?.x ?? 0) + 4));
  credit.setAttribute('y', String((box?.y ?? 0) + height - 8));
  credit.setAttribute('font-size', '10');
  credit.setAttribute('font-family', 'sans-serif');
  credit.textContent = attribution;
  copy.append(credit);
  return { text: new XMLSerializer().serializeToString(copy), width, height };
}

export function downloadSvg(svg: SVGSVGElement, attribution: string, filename: string): void {
  save(new Blob([standaloneSvg(svg, attribution).text], { type: 'image/svg+xml' }), `${filename}.svg`);
}

/** The SVG drawn on a white canvas at twice its size, so the PNG stays sharp when printed. */
export async function downloadPng(svg: SVGSVGElement, attribution: string, filename: string): Promise<void> {
  const { text, width, height } = standaloneSvg(svg, attribution);
  const image = new Image();
  // A data: address, as the CSP allows images from ours and data: only (not blob:).
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * 2;
  canvas.height = height * 2;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob) save(blob, `${filename}.png`);
}

/** The chart's data, with the attribution on every row (as the API's CSV has it), formula-safe. */
export function downloadCsv(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
  attribution: string,
  filename: string,
): void {
  const text = [csvRow([...headers, 'attribution']), ...rows.map((row) => csvRow([...row, attribution]))].join('');
  // A byte-order mark, so spreadsheets read the accents as UTF-8.
  save(new Blob([`\uFEFF${text}`], { type: 'text/csv;charset=utf-8' }), `${filename}.csv`);
}
