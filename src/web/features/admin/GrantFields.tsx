import type { Role } from '../../../contract/accounts.js';
import type { NewGrant } from '../../../contract/users.js';
import { ROLE_BINDING, ROLES, type RoleBinding } from '../../../domain/accounts.js';
import { useTranslation } from '../../i18n/react.js';
import { roleLabel } from '../account/roles.js';
import { useMemberStates } from '../member-states/queries.js';
import { nameOptions } from '../shared/byName.js';
import { type FieldErrors, SelectField } from '../shared/forms.js';
import { useLang } from '../shared/useLang.js';
import { usePartners } from '../team/queries.js';
import { useTechnicalGroups } from '../technical-groups/queries.js';

export type GrantDraft = { role: Role | ''; binding: string };
export const EMPTY_GRANT: GrantDraft = { role: '', binding: '' };

/** The request body for a drafted grant: the binding goes under the field its role needs. */
export function toGrantInput(draft: GrantDraft): NewGrant {
  const role = draft.role as Role;
  const field = ROLE_BINDING[role];
  return field === 'none' ? { role } : { role, [field]: draft.binding };
}

/** Checks before sending, in the page's language; keys are the server's field names under `prefix`. */
export function checkGrant(draft: GrantDraft, prefix: string, required: string): FieldErrors {
  if (!draft.role) return { [`${prefix}role`]: required };
  const field = ROLE_BINDING[draft.role];
  return field !== 'none' && !draft.binding ? { [`${prefix}${field}`]: required } : {};
}

/** The options of what a role binds to, named in the reader's language and sorted for it. */
function useBindingOptions(binding: RoleBinding) {
  const lang = useLang();
  const states = useMemberStates();
  const groups = useTechnicalGroups();
  const partners = usePartners();
  const source =
    binding === 'memberState'
      ? states.data
      : binding === 'technicalGroup'
        ? groups.data
        : binding === 'partner'
          ? partners.data
          : [];
  return nameOptions(source ?? [], lang);
}

/** A role and, when the role needs one, the member state, group or partner it is bound to.
 * `prefix` maps the server's error names ("grants.0.memberState") to these fields. */
export function GrantFields({
  value,
  onChange,
  errors,
  prefix = '',
}: {
  value: GrantDraft;
  onChange: (value: GrantDraft) => void;
  errors: FieldErrors;
  prefix?: string;
}) {
  const { t } = useTranslation();
  const binding = value.role ? ROLE_BINDING[value.role] : 'none';
  const options = useBindingOptions(binding);
  const bindingLabel =
    binding === 'memberState'
      ? t('grants.memberState')
      : binding === 'technicalGroup'
        ? t('grants.technicalGroup')
        : t('grants.partner');
  return (
    <>
      <SelectField<Role | ''>
        label={t('grants.role')}
        error={errors[`${prefix}role`]}
        value={value.role}
        onChange={(role) => onChange({ role, binding: '' })}
        options={[
          { value: '', label: t('grants.chooseRole') },
          ...ROLES.map((role) => ({ value: role, label: roleLabel(t, role) })),
        ]}
      />
      {binding !== 'none' && (
        <SelectField
          label={bindingLabel}
          error={errors[`${prefix}${binding}`]}
          value={value.binding}
          onChange={(bound) => onChange({ ...value, binding: bound })}
          options={[{ value: '', label: t('grants.choose') }, ...options]}
        />
      )}
    </>
  );
}
