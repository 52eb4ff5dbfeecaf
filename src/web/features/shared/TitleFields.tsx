import type { Lang } from '../../../contract/common.js';
import { LANGS } from '../../../domain/languages.js';
import { languageName } from '../../i18n/languages.js';
import { useTranslation } from '../../i18n/react.js';
import { FieldGroup, TextField } from './forms.js';
import { useLang } from './useLang.js';

export type Titles = Record<Lang, string>;
export const noTitles = (): Titles => ({ en: '', es: '', fr: '', pt: '' });

/** The titles given (trimmed, the empty ones left out): a document's title in one or more languages. */
export const givenTitles = (titles: Titles): Partial<Titles> =>
  Object.fromEntries(LANGS.filter((l) => titles[l].trim() !== '').map((l) => [l, titles[l].trim()]));

/** A document's title in each of the four languages, wanted in at least one (the group's error). */
export function TitleFields({
  legend,
  titles,
  onChange,
  error,
  maxLength,
}: {
  legend: string;
  titles: Titles;
  onChange: (titles: Titles) => void;
  error: string | undefined;
  maxLength: number;
}) {
  const { t } = useTranslation();
  const reader = useLang();
  return (
    <FieldGroup legend={legend} error={error}>
      {LANGS.map((code) => (
        <TextField
          key={code}
          label={t('meetingDocuments.add.titleIn', { language: languageName(code, reader, true) })}
          // The error is the group's; each title is marked, so focus lands on the first.
          aria-invalid={error ? true : undefined}
          lang={code}
          value={titles[code]}
          maxLength={maxLength}
          onChange={(value) => onChange({ ...titles, [code]: value })}
        />
      ))}
    </FieldGroup>
  );
}
