import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Partner } from '../../../contract/reference.js';
import { PillarTags } from '../pillars/PillarTags.js';
import { Localized } from '../shared/Localized.js';

function partnerKindLabel(t: TFunction, kind: Partner['kind']): string {
  switch (kind) {
    case 'international-organisation':
      return t('partners.kind.internationalOrganisation');
    case 'development-bank':
      return t('partners.kind.developmentBank');
    case 'government':
      return t('partners.kind.government');
    case 'academia':
      return t('partners.kind.academia');
    case 'civil-society':
      return t('partners.kind.civilSociety');
  }
}

/** The strategic partners, or a plain statement that none are listed: partners are never guessed. */
export function PartnerList({ partners }: { partners: Partner[] }) {
  const { t } = useTranslation();
  if (partners.length === 0) return <p className="empty">{t('partners.none')}</p>;
  return (
    <ul className="card-grid">
      {partners.map((partner) => (
        <li key={partner.id} className="card">
          <p className="card__kicker">{partnerKindLabel(t, partner.kind)}</p>
          <h3 className="card__title">
            {partner.website ? (
              <a href={partner.website}>
                <Localized value={partner.name} />
              </a>
            ) : (
              <Localized value={partner.name} />
            )}
          </h3>
          <PillarTags pillars={partner.pillars} />
        </li>
      ))}
    </ul>
  );
}
