import type { Partner } from '../../../contract/partners.js';
import { useTranslation } from '../../i18n/react.js';
import { PillarTags } from '../pillars/PillarTags.js';
import { byName } from '../shared/byName.js';
import { Localized } from '../shared/Localized.js';
import { useLang } from '../shared/useLang.js';
import { partnerKindLabel } from './kinds.js';
import './partners.css';

/** The strategic partners with their logos, or a plain statement that none are listed: partners are
 * never guessed. */
export function PartnerList({ partners }: { partners: Partner[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (partners.length === 0) return <p className="empty">{t('partners.none')}</p>;
  return (
    <ul className="card-grid">
      {byName(partners, (partner) => partner.name.text, lang).map((partner) => (
        <li key={partner.id} className="card partner-card">
          {partner.logoUrl && (
            // The name follows as the heading: the logo adds nothing a screen reader should repeat.
            <img className="partner-card__logo" src={partner.logoUrl} alt="" loading="lazy" />
          )}
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
