import type { ReactNode } from 'react';
import type { Lang } from '../../../contract/common.js';
import { LANGS } from '../../../domain/languages.js';
import { languageEndonym } from '../../i18n/languages.js';
import { SelectField } from '../shared/forms.js';

/** A choice among the portal's languages, each named in itself ("Español"), as `preferredLang`. */
export function LanguageField({
  label,
  hint,
  error,
  value,
  onChange,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: Lang;
  onChange: (lang: Lang) => void;
}) {
  return (
    <SelectField
      label={label}
      error={error}
      hint={hint}
      name="preferredLang"
      value={value}
      onChange={onChange}
      options={LANGS.map((code) => ({ value: code, label: languageEndonym(code), lang: code }))}
    />
  );
}
