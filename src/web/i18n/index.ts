import type { Lang } from '../../contract/common.js';
import type { Catalog } from './sections.js';
import { Translator } from './translator.js';

// Every catalog comes in two parts (vite.config.ts, SHELL_KEYS): the shell, which the layout, the
// home page and the error pages need, and the rest. English's shell ships with the page: it is the
// fallback, and what an error page can always show even when no catalog could be fetched. Everything
// else is fetched once, when first needed, so the home page does not carry every page's text.
const ENGLISH_SHELL = import.meta.glob<Catalog>('./en.json', { query: '?shell', import: 'default', eager: true })[
  './en.json'
];
const SHELLS = import.meta.glob<Catalog>(['./es.json', './fr.json', './pt.json'], {
  query: '?shell',
  import: 'default',
});
const RESTS = import.meta.glob<Catalog>(['./en.json', './es.json', './fr.json', './pt.json'], {
  query: '?rest',
  import: 'default',
});

/** The portal's one translator in the browser; English's shell is there from the start. */
export const i18n = new Translator('en', { en: ENGLISH_SHELL ?? {} });

/** The parts asked for so far, by `lang?part`; a failed fetch is forgotten so the next page asks again. */
const parts = new Map<string, Promise<void>>([['en?shell', Promise.resolve()]]);

function loadPart(lang: Lang, part: 'shell' | 'rest'): Promise<void> {
  const key = `${lang}?${part}`;
  let loading = parts.get(key);
  if (!loading) {
    const load = (part === 'shell' ? SHELLS : RESTS)[`./${lang}.json`];
    loading = (load ? load() : Promise.resolve({})).then((catalog) => {
      // The two parts hold different sections: merged, they make the whole catalog.
      i18n.add(lang, catalog);
    });
    loading.catch(() => parts.delete(key));
    parts.set(key, loading);
  }
  return loading;
}

/** Loads all of a language's catalog (both parts). */
export async function loadCatalog(lang: Lang): Promise<void> {
  await Promise.all([loadPart(lang, 'shell'), loadPart(lang, 'rest')]);
}

/** Loads the language's catalog, its shell only when `shellOnly` (the home page), then switches the
 * interface to it: a page in the language is never shown with text still missing. */
export async function switchLanguage(lang: Lang, shellOnly = false): Promise<void> {
  await (shellOnly ? loadPart(lang, 'shell') : loadCatalog(lang));
  i18n.setLanguage(lang);
}
