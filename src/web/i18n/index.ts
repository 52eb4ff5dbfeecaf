import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../contract/common.js';

type Catalog = Record<string, unknown>;

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

/** One i18next instance for the portal. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: ENGLISH_SHELL ?? {} } },
  lng: 'en',
  fallbackLng: 'en',
  partialBundledLanguages: true,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnEmptyString: false,
  // A part that arrives after a component rendered (the rest, fetched when idle) renders it again,
  // so no key is left showing in place of its text.
  react: { bindI18nStore: 'added' },
});

/** The parts asked for so far, by `lang?part`; a failed fetch is forgotten so the next page asks again. */
const parts = new Map<string, Promise<void>>([['en?shell', Promise.resolve()]]);

function loadPart(lang: Lang, part: 'shell' | 'rest'): Promise<void> {
  const key = `${lang}?${part}`;
  let loading = parts.get(key);
  if (!loading) {
    const load = (part === 'shell' ? SHELLS : RESTS)[`./${lang}.json`];
    loading = (load ? load() : Promise.resolve({})).then((catalog) => {
      // The two parts hold different sections: added deep, they make the whole catalog.
      i18n.addResourceBundle(lang, 'translation', catalog, true, false);
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
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
}
