import type { Lang } from '../../../contract/common.js';
import { PORTAL_LANGS } from '../../i18n/languages.js';
import { languageName } from './labels.js';

/** The four languages as options of a select, named in the reader's language. */
export function LanguageOptions({ reader }: { reader: Lang }) {
  return (
    <>
      {PORTAL_LANGS.map((code) => (
        <option key={code} value={code}>
          {languageName(code, reader)}
        </option>
      ))}
    </>
  );
}
