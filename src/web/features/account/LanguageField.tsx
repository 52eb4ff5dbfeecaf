import type { ReactNode } from 'react';
import type { Lang } from '../../../contract/common.js';
import { languageEndonym, PORTAL_LANGS } from '../../i18n/languages.js';
import { Field } from './forms.js';

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
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <select
          {...control}
          name="preferredLang"
          value={value}
          onChange={(event) => onChange(event.target.value as Lang)}
        >
          {PORTAL_LANGS.map((code) => (
            <option key={code} value={code} lang={code}>
              {languageEndonym(code)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
