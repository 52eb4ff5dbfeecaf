import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../contract/common.js';
import en from './en.json' with { type: 'json' };

/** One i18next instance for the portal. English ships with the page (it is also the fallback, and
 * what an error page can always show); the other catalogs are fetched once, when first needed. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  partialBundledLanguages: true,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnEmptyString: false,
});

const CATALOGS = import.meta.glob<{ default: Record<string, unknown> }>(['./es.json', './fr.json', './pt.json']);

/** Loads the language's catalog if needed, then switches the interface to it. */
export async function switchLanguage(lang: Lang): Promise<void> {
  if (!i18n.hasResourceBundle(lang, 'translation')) {
    const load = CATALOGS[`./${lang}.json`];
    if (load) i18n.addResourceBundle(lang, 'translation', (await load()).default);
  }
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
}
