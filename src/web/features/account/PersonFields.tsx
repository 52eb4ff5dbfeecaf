import { useState } from 'react';
import type { Lang } from '../../../contract/common.js';
import { useTranslation } from '../../i18n/react.js';
import { EmailField, type FieldErrors, TextField, type useChecks } from '../shared/forms.js';
import { useLang } from '../shared/useLang.js';
import { LanguageField } from './LanguageField.js';

/** Whom an account is for, as typed. */
export interface PersonDraft {
  email: string;
  displayName: string;
  preferredLang: Lang;
}

/** A person being typed in, starting in the page's language; `clear` empties it for the next one. */
export function usePersonDraft() {
  const lang = useLang();
  const empty: PersonDraft = { email: '', displayName: '', preferredLang: lang };
  const [person, setPerson] = useState(empty);
  return { person, setPerson, clear: () => setPerson({ ...empty, preferredLang: person.preferredLang }) };
}

/** The form's own checks of a person: a well-formed e-mail address and a name. */
export const checkPerson = (person: PersonDraft, checks: ReturnType<typeof useChecks>) => ({
  email: checks.email(person.email),
  displayName: checks.required(person.displayName),
});

/** A person as the API takes it. */
export const toPersonInput = ({ email, displayName, preferredLang }: PersonDraft) => ({
  email: email.trim(),
  displayName: displayName.trim(),
  preferredLang,
});

/**
 * E-mail, name and language of an account: the reader's own (setting it up from an invitation, so
 * the browser may fill them in) or someone else's (an administrator inviting them: no autofill).
 */
export function PersonFields({
  person,
  onChange,
  errors,
  own,
}: {
  person: PersonDraft;
  onChange: (person: PersonDraft) => void;
  errors: FieldErrors;
  own: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <EmailField
        label={t('invitation.email')}
        error={errors.email}
        autoComplete={own ? 'username' : 'off'}
        value={person.email}
        onChange={(email) => onChange({ ...person, email })}
      />
      <TextField
        label={own ? t('invitation.displayName') : t('account.name')}
        error={errors.displayName}
        name="displayName"
        autoComplete={own ? 'name' : 'off'}
        value={person.displayName}
        onChange={(displayName) => onChange({ ...person, displayName })}
      />
      <LanguageField
        label={t('invitation.language')}
        error={errors.preferredLang}
        value={person.preferredLang}
        onChange={(preferredLang) => onChange({ ...person, preferredLang })}
      />
    </>
  );
}
