import type { Network } from '../../../contract/reference.js';
import { useTranslation } from '../../i18n/react.js';
import { LangLink } from '../shared/LangLink.js';
import { Localized } from '../shared/Localized.js';
import { SourcesList } from '../shared/SourcesList.js';

export function networkAnchor(slug: string): string {
  return `network-${slug}`;
}

/** A network or program: its meeting of origin and, for a program, the network it belongs to. */
export function NetworkCard({ network }: { network: Network }) {
  const { t } = useTranslation();
  return (
    <article className="card network-card" id={networkAnchor(network.slug)} aria-labelledby={`${network.slug}-title`}>
      <p className="card__kicker">
        {network.kind === 'network' ? t('networks.kindNetwork') : t('networks.kindProgram')}
        {network.acronym && ` · ${network.acronym}`}
      </p>
      <h3 className="card__title" id={`${network.slug}-title`}>
        <Localized value={network.name} />
      </h3>
      {network.description && (
        <p className="card__text">
          <Localized value={network.description} />
        </p>
      )}
      <dl className="facts facts--compact">
        {network.parent && (
          <div>
            <dt>{t('networks.parent')}</dt>
            <dd>
              <LangLink to={`/networks#${networkAnchor(network.parent.slug)}`}>
                <Localized value={network.parent.name} />
                {network.parent.acronym && ` (${network.parent.acronym})`}
              </LangLink>
            </dd>
          </div>
        )}
        <div>
          <dt>{network.origin?.relation === 'presented' ? t('networks.presentedAt') : t('networks.createdAt')}</dt>
          <dd>
            {network.origin ? (
              <LangLink to={`/meetings/${network.origin.meeting.slug}`}>{network.origin.meeting.shortName}</LangLink>
            ) : (
              t('common.notRecorded')
            )}
          </dd>
        </div>
      </dl>
      {network.sources.length > 0 && <SourcesList sources={network.sources} headingLevel={4} />}
    </article>
  );
}
