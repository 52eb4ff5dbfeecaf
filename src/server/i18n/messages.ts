import type { Lang } from '../../contract/common.js';
import { type Catalog, en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { pt } from './pt.js';
import type { MessageKey, ValuesArgument } from './types.js';

const CATALOGS: Record<Lang, Catalog> = { en, es, fr, pt };

/** Whether `key` names a message: for texts that arrive as strings (a zod issue's message). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** The message `key` in `lang`, its {placeholders} filled with `values`. */
export function message<Key extends MessageKey>(lang: Lang, key: Key, ...[values]: ValuesArgument<Key>): string {
  return fill(CATALOGS[lang][key], values ?? {});
}

/** A message whose values were typed where they were given (a ProblemError, a `reason()`). */
export function messageWithValues(lang: Lang, key: MessageKey, values: Readonly<Record<string, string | number>>) {
  return fill(CATALOGS[lang][key], values);
}

const fill = (template: string, values: Readonly<Record<string, string | number>>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
