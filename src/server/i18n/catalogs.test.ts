import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { pt } from './pt.js';

/** The server's catalogs are checked, not trusted: the same keys and placeholders everywhere, real
 * translations, and no key the code no longer names. */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TRANSLATIONS = { es, fr, pt } as Record<string, Record<string, string>>;

/** Messages rightly the same word as in English ("PP": preambular paragraph, párrafo preambular,
 * paragraphe du préambule, parágrafo preambular). */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  es: ['outcomeDocuments.export.preambular'],
  fr: [
    'entity.document',
    'entity.page',
    'entity.invitation',
    'outcomeDocuments.export.preambular',
    'observatory.brief.sources',
    'participants.column.institution',
  ],
  pt: ['outcomeDocuments.export.preambular'],
};

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The source files that may name a message: everything but the tests and the catalogs themselves. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) return file.endsWith(join('server', 'i18n')) ? [] : sources(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe('the server’s message catalogs', () => {
  it('have in es, fr and pt exactly the keys of en, none empty', () => {
    for (const [lang, catalog] of Object.entries(TRANSLATIONS)) {
      expect(Object.keys(catalog).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(catalog)) expect(text.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('give every message the same placeholders in every language, and no English in the others', () => {
    for (const [lang, catalog] of Object.entries(TRANSLATIONS)) {
      for (const [key, english] of Object.entries(en)) {
        expect(placeholders(catalog[key] ?? ''), `${lang} ${key}`).toEqual(placeholders(english));
      }
      const untranslated = Object.entries(en).filter(([key, english]) => catalog[key] === english);
      expect(
        untranslated.map(([key]) => key),
        lang,
      ).toEqual(SAME_AS_ENGLISH[lang]);
    }
  });

  it('have every key the contract names through reason() (which takes a string, to keep src/domain alone)', () => {
    const named = ['contract', 'domain']
      .flatMap((dir) => sources(join(ROOT, 'src', dir)))
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/reason\(['`]([\w.-]+)/g)])
      .map((m) => m[1] ?? '');
    expect(named.length).toBeGreaterThan(50);
    // A key built from a value (`reason.meeting.required.${format}`) must be the start of some keys.
    const missing = named.filter((key) => !Object.hasOwn(en, key) && !Object.keys(en).some((k) => k.startsWith(key)));
    expect(missing).toEqual([]);
  });

  it('hold no key that the code no longer names', () => {
    const code = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'scripts'))]
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const literals = new Set([...code.matchAll(/['"`]([\w.-]+)['"`]/g)].map((m) => m[1]));
    // A key built from a typed value (`entity.${what}`) names every key its template can match.
    const templates = [...code.matchAll(/`([a-zA-Z][\w-]*\.[\w.-]*(?:\$\{[^`}]+\}[\w.-]*)+)`/g)].map(
      (m) => new RegExp(`^${(m[1] ?? '').replaceAll('.', '\\.').replace(/\$\{[^}]+\}/g, '[\\w-]+')}$`),
    );
    // A problem's key names its `.title` and `.detail`.
    const named = (key: string) =>
      [key, key.replace(/\.(title|detail)$/, '')].some(
        (name) => literals.has(name) || templates.some((template) => template.test(name)),
      );
    expect(Object.keys(en).filter((key) => !named(key))).toEqual([]);
  });
});
