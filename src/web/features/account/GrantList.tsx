import type { ReactNode } from 'react';
import type { Grant } from '../../../contract/accounts.js';
import { useTranslation } from '../../i18n/react.js';
import { useMemberStates } from '../member-states/queries.js';
import { usePartners } from '../team/queries.js';
import { useTechnicalGroups } from '../technical-groups/queries.js';
import { roleLabel } from './roles.js';

type Binding = Pick<Grant, 'memberState' | 'technicalGroup' | 'partner'>;

/** The name of what a grant is bound to, in the reader's language (the slug until the names arrive). */
export function useBindingName(): (grant: Binding) => string | null {
  const states = useMemberStates();
  const groups = useTechnicalGroups();
  const partners = usePartners();
  return (grant) => {
    if (grant.memberState)
      return states.data?.find((s) => s.slug === grant.memberState)?.name.text ?? grant.memberState;
    if (grant.technicalGroup)
      return groups.data?.find((g) => g.slug === grant.technicalGroup)?.name.text ?? grant.technicalGroup;
    if (grant.partner) return partners.data?.find((p) => p.slug === grant.partner)?.name.text ?? grant.partner;
    return null;
  };
}

/** Role grants as a list: "Focal point — Ecuador". `action` adds a control to each (revoke). */
export function GrantList({ grants, action }: { grants: Grant[]; action?: (grant: Grant) => ReactNode }) {
  const { t } = useTranslation();
  const bindingName = useBindingName();
  if (grants.length === 0) return <p className="empty">{t('grants.none')}</p>;
  return (
    <ul className="plain-list grant-list">
      {grants.map((grant) => {
        const bound = bindingName(grant);
        return (
          <li key={grant.id}>
            <span className="grant-list__role">{roleLabel(t, grant.role)}</span>
            {bound && (
              <>
                {' — '}
                <span className="grant-list__bound">{bound}</span>
              </>
            )}
            {action?.(grant)}
          </li>
        );
      })}
    </ul>
  );
}
