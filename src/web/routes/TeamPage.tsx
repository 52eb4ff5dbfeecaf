import { PartnerList } from '../features/partners/PartnerList.js';
import { Localized } from '../features/shared/Localized.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { SourcesList } from '../features/shared/SourcesList.js';
import { usePartners, useTeam } from '../features/team/queries.js';
import { useTranslation } from '../i18n/react.js';

export function TeamPage() {
  const { t } = useTranslation();
  const team = useTeam();
  const partners = usePartners();
  return (
    <>
      <PageMeta title={t('team.title')} description={t('team.description')} />
      <PageHeader title={t('team.title')} lead={t('team.lead')} />
      <div className="container page-body">
        <section aria-labelledby="team-heading" className="page-section--flush">
          <h2 id="team-heading">{t('team.membersHeading')}</h2>
          <QueryState query={team}>
            {(members) =>
              members.length === 0 ? (
                <p className="empty">{t('team.none')}</p>
              ) : (
                <ul className="card-grid">
                  {members.map((member) => (
                    <li key={member.id} className="card person-card">
                      <span className="person-card__initials" aria-hidden="true">
                        {initials(member.name)}
                      </span>
                      <h3 className="card__title">{member.name}</h3>
                      <p className="card__text">
                        <Localized value={member.role} />
                      </p>
                      {member.sources.length > 0 && <SourcesList sources={member.sources} headingLevel={4} />}
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </section>
        <section aria-labelledby="partners-heading" className="page-section--flush">
          <h2 id="partners-heading">{t('partners.heading')}</h2>
          <p>{t('partners.intro')}</p>
          <QueryState query={partners}>{(items) => <PartnerList partners={items} />}</QueryState>
        </section>
      </div>
    </>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((part) => /^\p{Lu}/u.test(part))
    .slice(0, 2)
    .map((part) => part[0])
    .join('');
}
