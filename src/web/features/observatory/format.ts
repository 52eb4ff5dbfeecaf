import type { Lang } from '../../../contract/common.js';
import { plainSpaces } from '../shared/format.js';

/** A value in the reader's locale, to at most `digits` decimals (the same on the server and in the
 * browser that hydrates it: see plainSpaces). */
export function formatValue(value: number, lang: Lang, digits = 2): string {
  return plainSpaces(new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value));
}
