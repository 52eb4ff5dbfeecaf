import { useState } from 'react';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import { useTranslation } from '../../i18n/react.js';
import { useMe } from '../account/queries.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { formatDate } from '../shared/format.js';
import { SelectField } from '../shared/forms.js';
import { useLang } from '../shared/useLang.js';
import { usePartners } from '../team/queries.js';
import { useReloadDocument } from './Negotiation.js';
import { useShare, useShares } from './negotiationQueries.js';

/**
 * The secretariat shares a text not yet adopted with strategic partners, whose members then read it
 * as the delegations do, and stops sharing it. An adopted text is public: nothing to share.
 */
export function SharingPanel({ doc }: { doc: OutcomeDocument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const mayShare = Boolean(useMe().data?.can.shareDocuments) && doc.textHeld && doc.status !== 'adopted';
  const shares = useShares(doc.id, mayShare);
  const partners = usePartners();
  const share = useShare(doc.id);
  const reload = useReloadDocument();
  const [chosen, setChosen] = useState('');
  if (!mayShare) return null;
  const shared = shares.data?.items ?? [];
  const others = (partners.data ?? []).filter((p) => !shared.some((s) => s.partner.slug === p.slug));
  const pick = chosen !== '' && others.some((p) => p.slug === chosen) ? chosen : (others[0]?.slug ?? '');
  return (
    <section aria-labelledby="sharing-heading" className="document-sharing">
      <h2 id="sharing-heading">{t('documents.sharing.heading')}</h2>
      <p>{t('documents.sharing.intro')}</p>
      {shared.length === 0 ? (
        <p>{t('documents.sharing.none')}</p>
      ) : (
        <ul className="plain-list">
          {shared.map((s) => (
            <li key={s.partner.slug}>
              {t('documents.sharing.since', {
                partner: s.partner.name.text,
                date: formatDate(s.sharedAt.slice(0, 10), lang),
              })}{' '}
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={share.isPending}
                onClick={() => share.mutate({ partner: s.partner.slug, share: false })}
              >
                {t('documents.sharing.stop', { partner: s.partner.name.text })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (pick !== '') share.mutate({ partner: pick, share: true }, { onSuccess: () => setChosen('') });
          }}
        >
          <SelectField
            label={t('documents.sharing.partner')}
            value={pick}
            onChange={setChosen}
            options={others.map((p) => ({ value: p.slug, label: p.name.text, lang: p.name.lang }))}
          />
          <p className="form__actions">
            <button type="submit" className="button button--small" disabled={share.isPending}>
              {t('documents.sharing.share')}
            </button>
          </p>
        </form>
      )}
      <ConflictAlert error={share.error} onReload={reload} />
    </section>
  );
}
