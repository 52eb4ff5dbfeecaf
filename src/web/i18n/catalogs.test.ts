import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CATALOG_DIR = fileURLToPath(new URL('./', import.meta.url));
const LANGS = ['en', 'es', 'fr', 'pt'] as const;
const TRANSLATED = ['es', 'fr', 'pt'] as const;

/** Keys whose value is rightly the same word as in English (a name, or a word both languages share). */
const SAME_AS_ENGLISH: Record<(typeof TRANSLATED)[number], string[]> = {
  // PP: the preambular paragraphs' number prefix, as negotiators write it in every language.
  es: ['brand.short', 'partners.kind.academia', 'meetingDocuments.original', 'documents.body.preambularNumber'],
  fr: [
    'brand.short',
    'auditRecordType.session',
    'auditRecordType.notification',
    'notifications.title',
    'about.types.documents',
    'documents.title',
    'documents.detailTitle',
    'documents.typeLabel',
    'imports.document',
    'documents.type.consensus',
    'sources.fields.dates',
    'nav.documents',
    'pillars.documentsHeading',
    'sources.heading',
    'layout.menu',
    'filters.documentType',
    'documents.edit.kind.section',
    'documents.body.preambularNumber',
    'followUp.public.by.document',
    'followUp.public.cycle',
    'followUp.public.document',
    'followUp.public.points',
    'negotiation.progress.section',
    'negotiation.adoption.heading',
    'negotiation.versions.heading',
    'negotiation.versions.number',
  ],
  pt: [
    'imports.itemCount_one',
    'brand.short',
    'partners.kind.academia',
    'meetingDocuments.original',
    'layout.menu',
    'documents.body.preambularNumber',
    'followUp.public.item',
  ],
};

type Flat = Record<string, unknown>;

function flatten(tree: Record<string, unknown>, prefix = ''): Flat {
  const out: Flat = {};
  for (const [key, value] of Object.entries(tree)) {
    if (value !== null && typeof value === 'object')
      Object.assign(out, flatten(value as Record<string, unknown>, `${prefix}${key}.`));
    else out[`${prefix}${key}`] = value;
  }
  return out;
}

function readCatalog(dir: string, lang: string): Flat {
  return flatten(JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8')));
}

function placeholders(text: unknown): string[] {
  return [...String(text).matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1] as string).sort();
}

describe('translation catalogs (src/web/i18n/*.json)', () => {
  let extractDir: string;
  const extracted = {} as Record<(typeof LANGS)[number], Flat>;
  const catalogs = {} as Record<(typeof LANGS)[number], Flat>;

  beforeAll(() => {
    extractDir = mkdtempSync(join(tmpdir(), 'mispa-i18n-'));
    // The real extractor, configured by i18next-parser.config.js, so this test sees what a developer's run sees.
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/i18next-parser/bin/cli.js'), '--config', join(ROOT, 'i18next-parser.config.js')],
      { cwd: ROOT, env: { ...process.env, I18N_EXTRACT_DIR: extractDir }, stdio: 'pipe' },
    );
    for (const lang of LANGS) {
      extracted[lang] = readCatalog(extractDir, lang);
      catalogs[lang] = readCatalog(CATALOG_DIR, lang);
    }
  }, 120_000);

  afterAll(() => {
    if (extractDir) rmSync(extractDir, { recursive: true, force: true });
  });

  it('finds the keys the code uses', () => {
    expect(Object.keys(extracted.en).length).toBeGreaterThan(50);
  });

  describe.each(LANGS)('%s.json', (lang) => {
    it('has every key the code uses', () => {
      const missing = Object.keys(extracted[lang]).filter((key) => !(key in catalogs[lang]));
      expect(missing, `keys used in src/web but missing from ${lang}.json`).toEqual([]);
    });

    it('has no key the code no longer uses', () => {
      const unused = Object.keys(catalogs[lang]).filter((key) => !(key in extracted[lang]));
      expect(unused, `keys in ${lang}.json that no code uses`).toEqual([]);
    });

    it('has no empty value', () => {
      const empty = Object.entries(catalogs[lang])
        .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
        .map(([key]) => key);
      expect(empty, `empty values in ${lang}.json`).toEqual([]);
    });

    it('keeps the placeholders of the English text', () => {
      const differing = Object.keys(catalogs[lang]).filter((key) => {
        const english = catalogs.en[key] ?? catalogs.en[key.replace(/_(zero|one|two|few|many|other)$/, '_other')];
        return english !== undefined && placeholders(catalogs[lang][key]).join() !== placeholders(english).join();
      });
      expect(differing, `values in ${lang}.json whose {{placeholders}} differ from English`).toEqual([]);
    });
  });

  describe.each(TRANSLATED)('%s.json', (lang) => {
    it('is translated, not English', () => {
      const english = Object.keys(catalogs[lang]).filter(
        (key) => catalogs[lang][key] === catalogs.en[key] && !SAME_AS_ENGLISH[lang].includes(key),
      );
      expect(english, `values in ${lang}.json identical to English`).toEqual([]);
    });
  });
});
