import type { Lang } from '../../contract/common.js';
import { formatNumber } from '../features/shared/format.js';
import type { Catalog } from './sections.js';

/** Values for a text's `{{name}}`s; `count` also chooses its plural form (`key_one`, `key_other`…). */
export type TranslationValues = { count?: number } & Record<string, unknown>;

/** A key's text in the current language, else in English, else the key itself. */
export type TFunction = (key: string, values?: TranslationValues) => string;

const FALLBACK: Lang = 'en';

// `{{name}}`, or `{{name, number}}` for a number written in the language's way.
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*(?:,\s*(\w+)\s*)?\}\}/g;

/**
 * The portal's texts: a catalog per language, the language shown, and `t`. The catalogs use only
 * `{{name}}`, `{{name, number}}` and the CLDR plural forms that `Intl.PluralRules` names, so this is
 * all the portal needs of an i18n library, at a fraction of its weight on the first page
 * (docs/decisions/0007-own-translator.md). Keys and plural suffixes follow i18next's JSON v4, which
 * i18next-parser extracts and src/web/i18n/catalogs.test.ts checks.
 */
export class Translator {
  #language: Lang;
  readonly #catalogs = new Map<Lang, Catalog>();
  readonly #listeners = new Set<() => void>();
  /** Replaced at every change, so a component that depends on it renders again. */
  t: TFunction;

  constructor(language: Lang, catalogs: Partial<Record<Lang, Catalog>> = {}) {
    this.#language = language;
    for (const [lang, catalog] of Object.entries(catalogs)) this.#catalogs.set(lang as Lang, catalog);
    this.t = this.#translate();
  }

  get language(): Lang {
    return this.#language;
  }

  /** Adds a part of a language's catalog: its sections merged into those already there. */
  add(lang: Lang, part: Catalog): void {
    this.#catalogs.set(lang, merge(this.#catalogs.get(lang) ?? {}, part));
    this.#changed();
  }

  setLanguage(lang: Lang): void {
    if (lang === this.#language) return;
    this.#language = lang;
    this.#changed();
  }

  /** Calls `listener` after each change of language or catalog; returns what stops it. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #changed(): void {
    this.t = this.#translate();
    for (const listener of this.#listeners) listener();
  }

  #translate(): TFunction {
    const langs = this.#language === FALLBACK ? [FALLBACK] : [this.#language, FALLBACK];
    return (key, values) => {
      for (const lang of langs) {
        const catalog = this.#catalogs.get(lang);
        const text = catalog && find(catalog, key, lang, values?.count);
        if (text) return values ? interpolate(text, lang, values) : text;
      }
      return key;
    };
  }
}

/** The key's text, in the plural form `count` asks for (then `_other`) when it has one. */
function find(catalog: Catalog, key: string, lang: Lang, count: number | undefined): string | undefined {
  if (typeof count === 'number') {
    for (const form of [pluralRules(lang).select(count), 'other']) {
      const text = lookup(catalog, `${key}_${form}`);
      if (text) return text;
    }
  }
  return lookup(catalog, key);
}

function lookup(catalog: Catalog, key: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  // An empty text counts as missing: the fallback language's is shown instead.
  return typeof node === 'string' && node !== '' ? node : undefined;
}

function interpolate(text: string, lang: Lang, values: TranslationValues): string {
  return text.replace(PLACEHOLDER, (placeholder, name: string, format: string | undefined) => {
    const value = values[name];
    if (value === undefined || value === null) return placeholder;
    return format === 'number' ? formatNumber(Number(value), lang) : String(value);
  });
}

function merge(into: Catalog, part: Catalog): Catalog {
  const merged: Catalog = { ...into };
  for (const [key, value] of Object.entries(part)) {
    const existing = merged[key];
    merged[key] = typeof value === 'object' && typeof existing === 'object' ? merge(existing, value) : value;
  }
  return merged;
}

// Plural rules are costly to make and safe to share; `t` asks for them at every count.
const plurals = new Map<Lang, Intl.PluralRules>();

function pluralRules(lang: Lang): Intl.PluralRules {
  let rules = plurals.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    plurals.set(lang, rules);
  }
  return rules;
}
