import {
  cloneElement,
  createContext,
  type ReactElement,
  type ReactNode,
  useContext,
  useSyncExternalStore,
} from 'react';
import type { TFunction, Translator } from './translator.js';

const TranslatorContext = createContext<Translator | null>(null);

/** Gives the pages below it their texts: the browser's one translator, or the server's for the
 * request's language. */
export function TranslatorProvider({ translator, children }: { translator: Translator; children: ReactNode }) {
  return <TranslatorContext.Provider value={translator}>{children}</TranslatorContext.Provider>;
}

/** `t` for the page's language, and the translator; the component renders again when the language
 * changes or a part of a catalog arrives. */
export function useTranslation(): { t: TFunction; i18n: Translator } {
  const translator = useContext(TranslatorContext);
  if (!translator) throw new Error('useTranslation needs a TranslatorProvider above it');
  const read = () => translator.t;
  const t = useSyncExternalStore(translator.subscribe, read, read);
  return { t, i18n: translator };
}

// `<name/>`, or `<name>…</name>` around text.
const TAG = /<(\w+)\s*\/>|<(\w+)>(.*?)<\/\2>/g;

/** A text whose `<name/>` tags stand for the elements of `components` (a link inside a sentence,
 * where each language puts it in its own place). */
export function Trans({ i18nKey, components }: { i18nKey: string; components: Record<string, ReactElement> }) {
  const { t } = useTranslation();
  const text = t(i18nKey);
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    parts.push(text.slice(last, match.index));
    const [, empty, name, inner] = match;
    const element = components[(empty ?? name) as string];
    if (element) parts.push(cloneElement(element, { key: match.index }, ...(inner === undefined ? [] : [inner])));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}
