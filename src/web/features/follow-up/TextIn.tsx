import { useLang } from '../shared/useLang.js';

/** A follow-up text (a cycle's name, an item's text) marked with its language when it is not the page's. */
export function TextIn({ value }: { value: { text: string; lang: string } }) {
  const lang = useLang();
  return <span lang={value.lang === lang ? undefined : value.lang}>{value.text}</span>;
}
