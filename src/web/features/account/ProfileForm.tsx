import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Me } from '../../../contract/accounts.js';
import type { Lang } from '../../../contract/common.js';
import { DISPLAY_NAME_MAX } from '../../../domain/accounts.js';
import { useTranslation } from '../../i18n/react.js';
import { samePageIn } from '../layout/LanguageSwitcher.js';
import { FormAlert, FormStatus, onSubmit, TextField, useChecks, useFormErrors } from '../shared/forms.js';
import { useLang } from '../shared/useLang.js';
import { LanguageField } from './LanguageField.js';
import { useUpdateAccount } from './ownQueries.js';

/**
 * One's own name and preferred language. A new language is also the portal's: once saved, the
 * same page opens in it, and says there that the profile was saved.
 */
export function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const location = useLocation();
  const navigate = useNavigate();
  const update = useUpdateAccount();
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(update.error, form);
  const checks = useChecks();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [preferredLang, setPreferredLang] = useState<Lang>(me.preferredLang);
  const [saved, setSaved] = useState(false);
  const arrivedSaved = Boolean((location.state as { profileSaved?: boolean } | null)?.profileSaved);

  // Arriving from the save in the previous language: say it here, in the new one.
  useEffect(() => {
    if (arrivedSaved) setSaved(true);
  }, [arrivedSaved]);

  function submit() {
    setSaved(false);
    if (!check({ displayName: checks.required(displayName) })) return;
    update.mutate(
      { displayName: displayName.trim(), preferredLang },
      {
        onSuccess: (now) => {
          setDisplayName(now.displayName);
          if (now.preferredLang === lang) {
            setSaved(true);
            return;
          }
          const { pathname, search, hash } = location;
          navigate(samePageIn(now.preferredLang, pathname, search, hash), { state: { profileSaved: true } });
        },
        onError: () => failed(),
      },
    );
  }

  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)} aria-labelledby="account-profile-edit">
      <h3 id="account-profile-edit">{t('account.profileEdit')}</h3>
      <FormAlert message={alert} />
      <FormStatus message={saved ? t('account.profileSaved') : null} />
      <TextField
        label={t('account.name')}
        error={errors.displayName}
        name="displayName"
        autoComplete="name"
        maxLength={DISPLAY_NAME_MAX}
        value={displayName}
        onChange={setDisplayName}
      />
      <LanguageField
        label={t('account.language')}
        hint={t('account.languageHint')}
        error={errors.preferredLang}
        value={preferredLang}
        onChange={setPreferredLang}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? t('account.saving') : t('account.profileSave')}
        </button>
      </div>
    </form>
  );
}
