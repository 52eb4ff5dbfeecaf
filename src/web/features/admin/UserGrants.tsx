import { useRef, useState } from 'react';
import type { UserDetail } from '../../../contract/users.js';
import { useTranslation } from '../../i18n/react.js';
import { ConfirmButton } from '../account/ConfirmButton.js';
import { useBindingName } from '../account/GrantList.js';
import { roleLabel } from '../account/roles.js';
import { formatDateTime } from '../account/time.js';
import { FormAlert, FormStatus, onSubmit, useFormErrors, useProblemMessage } from '../shared/forms.js';
import { useLang } from '../shared/useLang.js';
import { checkGrant, EMPTY_GRANT, type GrantDraft, GrantFields, toGrantInput } from './GrantFields.js';
import { useGrantRole, useRevokeGrant } from './queries.js';

/** Every grant of an account, revoked ones included (they stay on record); an administrator may
 * revoke those in force and grant new ones. */
export function UserGrants({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const bindingName = useBindingName();
  const revoke = useRevokeGrant(user.id);
  const problemMessage = useProblemMessage();
  return (
    <section aria-labelledby="user-grants">
      <h2 id="user-grants">{t('admin.users.grantsHeading')}</h2>
      <FormAlert message={problemMessage(revoke.error)} />
      {user.grants.length === 0 ? (
        <p className="empty">{t('grants.none')}</p>
      ) : (
        <ul className="plain-list grant-list">
          {user.grants.map((grant) => {
            const bound = bindingName(grant);
            return (
              <li key={grant.id} className={grant.revokedAt ? 'grant-list__revoked' : undefined}>
                <span className="grant-list__role">{roleLabel(t, grant.role)}</span>
                {bound && <span>— {bound}</span>}
                <span className="muted">
                  {grant.revokedAt
                    ? t('admin.users.revokedOn', { when: formatDateTime(grant.revokedAt, lang) })
                    : t('admin.users.grantedOn', { when: formatDateTime(grant.grantedAt, lang) })}
                </span>
                {user.can.manageGrants && !grant.revokedAt && (
                  <ConfirmButton
                    label={t('admin.users.revoke')}
                    confirmLabel={t('admin.users.revokeConfirm')}
                    question={t('admin.users.revokeQuestion', { role: roleLabel(t, grant.role) })}
                    busy={revoke.isPending}
                    onConfirm={() => revoke.mutate(grant.id)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {user.can.manageGrants && user.status !== 'deactivated' && <AddGrantForm userId={user.id} />}
    </section>
  );
}

function AddGrantForm({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const grant = useGrantRole(userId);
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(grant.error, form);
  const [draft, setDraft] = useState<GrantDraft>(EMPTY_GRANT);

  function submit() {
    if (!check(checkGrant(draft, '', t('forms.required')))) return;
    grant.mutate(toGrantInput(draft), { onSuccess: () => setDraft(EMPTY_GRANT), onError: failed });
  }

  return (
    <form
      ref={form}
      className="form section-actions"
      noValidate
      onSubmit={onSubmit(submit)}
      aria-labelledby="grant-heading"
    >
      <h3 id="grant-heading">{t('admin.users.grantHeading')}</h3>
      <FormStatus message={grant.isSuccess ? t('admin.users.granted') : null} />
      <FormAlert message={alert} />
      <GrantFields value={draft} onChange={setDraft} errors={errors} />
      <div className="form__actions">
        <button type="submit" className="button" disabled={grant.isPending}>
          {t('admin.users.grant')}
        </button>
      </div>
    </form>
  );
}
