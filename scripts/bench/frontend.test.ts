import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePortalBuilt } from '../../test/e2e/server.js';
import { HOME_JS_BUDGET_BYTES, measureFrontEnd } from './frontend.js';

const gzipped = (text: string) => zlib.gzipSync(Buffer.from(text), { level: 6 }).length;

describe('the home page JavaScript (measureFrontEnd)', () => {
  let dir = '';
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts what index.html names and what that imports statically, not what loads on demand', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mispa-weight-'));
    const files: Record<string, string> = {
      'index.html':
        '<link rel="stylesheet" href="/assets/index.css"><link rel="modulepreload" href="/assets/shared.js">' +
        '<script type="module" src="/assets/index.js"></script>',
      'assets/index.js': 'import{a}from"./shared.js";import"./side.js";const p=()=>import("./page.js");a(p);',
      'assets/shared.js': 'export const a=(x)=>x;',
      'assets/side.js': 'console.log("side")',
      'assets/page.js': 'export default "a page loaded on demand"',
      'assets/index.css': 'body{margin:0}',
    };
    fs.mkdirSync(path.join(dir, 'assets'));
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);

    const figure = measureFrontEnd(dir);
    expect(figure.assets.map((a) => a.file).sort()).toEqual([
      'assets/index.css',
      'assets/index.js',
      'assets/shared.js',
      'assets/side.js',
    ]);
    const js = ['assets/index.js', 'assets/shared.js', 'assets/side.js'];
    expect(figure.jsGzipBytes).toBe(js.reduce((n, file) => n + gzipped(files[file] as string), 0));
    expect(figure.cssGzipBytes).toBe(gzipped(files['assets/index.css'] as string));
  });

  it('stays within its budget in the real build (dist/web)', async () => {
    await ensurePortalBuilt();
    const figure = measureFrontEnd();
    expect(figure.assets.length).toBeGreaterThan(1);
    expect(
      figure.jsGzipBytes,
      `the home page loads ${figure.jsGzipBytes} B of JavaScript, gzipped: ${figure.assets.map((a) => `${a.file} ${a.gzipBytes} B`).join(', ')}`,
    ).toBeLessThanOrEqual(HOME_JS_BUDGET_BYTES);
  }, 240_000);
});
