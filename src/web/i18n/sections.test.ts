import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, catalogPart, SHELL_KEYS } from './sections.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CATALOG_DIR = fileURLToPath(new URL('./', import.meta.url));
const LANGS = ['en', 'es', 'fr', 'pt'] as const;

const readCatalog = (lang: string) => JSON.parse(readFileSync(join(CATALOG_DIR, `${lang}.json`), 'utf8')) as Catalog;

function flatten(tree: Catalog, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' ? flatten(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

// `import … from './x.js'`, `import './x.js'` and `export … from './x.js'`, but not `import type` nor
// `import('./x.js')`, which Vite turns into a chunk of its own.
const STATIC_IMPORT = /(?:^|[\n;])\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/g;

/** The portal's source modules the entry (main.tsx) imports statically, directly or not: what the
 * home page runs before any chunk loaded on demand. */
function entryModules(): string[] {
  const seen = new Set<string>();
  const queue = [join(ROOT, 'src/web/main.tsx')];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const base = join(dirname(file), match[1] as string).replace(/\.js$/, '');
      queue.push(...[`${base}.ts`, `${base}.tsx`].filter((candidate) => existsSync(candidate)));
    }
  }
  return [...seen];
}

describe('catalog shell (src/web/i18n/sections.ts)', () => {
  let extractDir: string;
  let entryKeys: string[] = [];

  beforeAll(() => {
    extractDir = mkdtempSync(join(tmpdir(), 'mispa-i18n-shell-'));
    // The extractor of catalogs.test.ts, on the entry's modules only, without the translator itself
    // (as its configuration leaves it out).
    const config = join(extractDir, 'config.mjs');
    const input = entryModules().filter((file) => !file.startsWith(join(ROOT, 'src/web/i18n/')));
    writeFileSync(
      config,
      `import base from ${JSON.stringify(join(ROOT, 'i18next-parser.config.js'))};\n` +
        `export default { ...base, locales: ['en'], input: ${JSON.stringify(input)} };\n`,
    );
    execFileSync(process.execPath, [join(ROOT, 'node_modules/i18next-parser/bin/cli.js'), '--config', config], {
      cwd: ROOT,
      env: { ...process.env, I18N_EXTRACT_DIR: join(extractDir, 'out') },
      stdio: 'pipe',
    });
    entryKeys = flatten(JSON.parse(readFileSync(join(extractDir, 'out', 'en.json'), 'utf8')) as Catalog);
  }, 120_000);

  afterAll(() => {
    if (extractDir) rmSync(extractDir, { recursive: true, force: true });
  });

  it('finds the modules and keys of the home page', () => {
    const modules = entryModules().map((file) => relative(ROOT, file));
    expect(modules).toContain('src/web/routes/HomePage.tsx');
    expect(modules).not.toContain('src/web/routes/MeetingsPage.tsx');
    expect(entryKeys).toContain('home.intro');
  });

  it('holds every key that the modules loaded with the page use', () => {
    const shell = new Set(flatten(catalogPart(readCatalog('en'), 'shell')));
    const outside = entryKeys.filter((key) => !shell.has(key));
    expect(outside, 'keys the entry uses, missing from SHELL_KEYS (a reader would see them flash)').toEqual([]);
  });

  it('names only keys the catalogs have', () => {
    const keys = flatten(readCatalog('en'));
    const unknown = SHELL_KEYS.filter(
      (path) => !keys.some((key) => key === path || key.startsWith(`${path}.`) || key.startsWith(`${path}_`)),
    );
    expect(unknown).toEqual([]);
  });

  it.each(LANGS)('cuts %s.json in two parts that together make the whole', (lang) => {
    const catalog = readCatalog(lang);
    const shell = flatten(catalogPart(catalog, 'shell'));
    const rest = flatten(catalogPart(catalog, 'rest'));
    expect(shell.filter((key) => rest.includes(key))).toEqual([]);
    expect([...shell, ...rest].sort()).toEqual(flatten(catalog).sort());
    expect(shell.length).toBeGreaterThan(0);
    expect(rest.length).toBeGreaterThan(shell.length);
  });

  it('splits inside a section', () => {
    const catalog: Catalog = { a: { b: 'B', c: { d: 'D', e: 'E' } }, f: 'F' };
    expect(catalogPart(catalog, 'shell', ['a.c.d', 'f'])).toEqual({ a: { c: { d: 'D' } }, f: 'F' });
    expect(catalogPart(catalog, 'rest', ['a.c.d', 'f'])).toEqual({ a: { b: 'B', c: { e: 'E' } } });
  });
});
