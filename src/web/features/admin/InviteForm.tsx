import { useRef, useState } from 'react';
import type { InvitationSent } from '../../../contract/users.js';
import { ROLE_BINDING } from '../../../domain/accounts.js';
import { useTranslation } from '../../i18n/react.js';
import { checkPerson, PersonFields, toPersonInput, usePersonDraft } from '../account/PersonFields.js';
import { FormAlert, onSubmit, useChecks, useFormErrors } from '../shared/forms.js';
import { LangLink } from '../shared/LangLink.js';
import { usePartners } from '../team/queries.js';
import { checkGrant, EMPTY_GRANT, type GrantDraft, GrantFields, toGrantInput } from './GrantFields.js';
import { useInviteUser } from './queries.js';

/** Invites a user with one or more grants; the server e-mails the link. */
export function InviteForm() {
  const { t } = useTranslation();
  const invite = useInviteUser();
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(invite.error, form);
  const checks = useChecks();
  const { person, setPerson, clear } = usePersonDraft();
  const [grants, setGrants] = useState<GrantDraft[]>([EMPTY_GRANT]);
  const [sent, setSent] = useState<InvitationSent | null>(null);
  // A partner grant binds to an organisation: say where to create one when there is none yet.
  const partners = usePartners();
  const noPartners = grants.some((g) => g.role && ROLE_BINDING[g.role] === 'partner') && partners.data?.length === 0;

  function submit() {
    const required = t('forms.required');
    const found = {
      ...checkPerson(person, checks),
      ...Object.assign({}, ...grants.map((g, i) => checkGrant(g, `grants.${i}.`, required))),
    };
    if (!check(found)) return;
    invite.mutate(
      { ...toPersonInput(person), grants: grants.map(toGrantInput) },
      {
        onSuccess: (result) => {
          setSent(result);
          clear();
          setGrants([EMPTY_GRANT]);
        },
        onError: failed,
      },
    );
  }

  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)} aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('admin.users.inviteHeading')}</h2>
      <div className="form-status" role="status">
        {sent && (
          <p className={sent.emailSent ? 'form-status__message' : 'form-alert__message'}>
            {sent.emailSent
              ? t('admin.users.invited', { email: sent.user.email })
              : t('admin.users.invitedNoMail', { email: sent.user.email })}{' '}
            <LangLink to={`/admin/users/${encodeURIComponent(sent.user.id)}`}>{t('admin.users.openUser')}</LangLink>
          </p>
        )}
      </div>
      <FormAlert message={alert} />
      <PersonFields person={person} onChange={setPerson} errors={errors} own={false} />
      {grants.map((grant, index) => (
        <fieldset
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place; editing never reorders them
          key={index}
          className="fieldset"
        >
          <legend>{t('admin.users.grantNumber', { number: index + 1 })}</legend>
          <GrantFields
            value={grant}
            prefix={`grants.${index}.`}
            errors={errors}
            onChange={(next) => setGrants(grants.map((g, i) => (i === index ? next : g)))}
          />
          {grants.length > 1 && (
            <p>
              <button
                type="button"
                className="link-button"
                onClick={() => setGrants(grants.filter((_, i) => i !== index))}
              >
                {t('admin.users.removeGrant', { number: index + 1 })}
              </button>
            </p>
          )}
        </fieldset>
      ))}
      {errors.grants && <p className="field__error">{errors.grants}</p>}
      {noPartners && (
        <p className="notice">
          {t('admin.users.noPartners')} <LangLink to="/admin/partners">{t('admin.partners.title')}</LangLink>
        </p>
      )}
      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={() => setGrants([...grants, EMPTY_GRANT])}>
          {t('admin.users.addGrant')}
        </button>
        <button type="submit" className="button" disabled={invite.isPending}>
          {t('admin.users.invite')}
        </button>
      </div>
    </form>
  );
}
