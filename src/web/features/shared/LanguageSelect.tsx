import type { ReactNode } from 'react';
import type { Lang } from '../../../contract/common.js';
import { LANGS } from '../../../domain/languages.js';
import { languageName } from '../../i18n/languages.js';
import { SelectField } from './forms.js';
import { useLang } from './useLang.js';

/** A choice of one of the portal's languages, named in the reader's language: the language a text
 * or a file is in. (A reader's own preferred language is LanguageField, named in itself.) */
export function LanguageSelect({
  label,
  value,
  onChange,
}: {
  label: ReactNode;
  value: Lang;
  onChange: (lang: Lang) => void;
}) {
  const reader = useLang();
  return (
    <SelectField
      label={label}
      value={value}
      onChange={onChange}
      options={LANGS.map((code) => ({ value: code, label: languageName(code, reader) }))}
    />
  );
}
