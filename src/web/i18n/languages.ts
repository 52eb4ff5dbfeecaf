import { isLang, type Lang } from '../../domain/languages.js';

/** The reader's first browser language that the portal speaks, else English. */
export function preferredLang(): Lang {
  const wanted = typeof navigator === 'undefined' ? [] : navigator.languages;
  for (const tag of wanted) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

/** A language's name in itself ("español"), capitalised for a menu. */
export function languageEndonym(lang: Lang): string {
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/** A language's name in the reader's language ("Spanish", "espagnol"); capitalised for a label or
 * a menu, as it stands inside a sentence with `inSentence`. */
export function languageName(code: Lang, reader: Lang, inSentence = false): string {
  const name = new Intl.DisplayNames([reader], { type: 'language' }).of(code) ?? code;
  return inSentence ? name : name.charAt(0).toLocaleUpperCase(reader) + name.slice(1);
}
