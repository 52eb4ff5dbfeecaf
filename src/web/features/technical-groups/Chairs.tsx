import type { ReactNode } from 'react';
import type { Chair } from '../../../contract/reference.js';
import { Trans, useTranslation } from '../../i18n/react.js';
import { StateLink } from '../member-states/StateName.js';
import { LangLink } from '../shared/LangLink.js';
import { Localized } from '../shared/Localized.js';
import { SourceItem, sourceKey } from '../shared/SourceItem.js';

/**
 * One chair as a sentence, with the sources that record it below: on a state's page it names the
 * group ("Chair of the Prevention Group, elected at MISPA VII"), on a group's page the state. The
 * links sit inside the translated sentence, so each language keeps its own word order.
 */
export function ChairItem({ chair, name }: { chair: Chair; name: 'group' | 'state' }) {
  const { t } = useTranslation();
  const components = {
    group: (
      <LangLink to={`/technical-groups/${chair.group.slug}`}>
        <Localized value={chair.group.name} />
      </LangLink>
    ),
    state: <StateLink state={chair.state} />,
    from: <LangLink to={`/meetings/${chair.from.slug}`}>{chair.from.shortName}</LangLink>,
    until: chair.until ? <LangLink to={`/meetings/${chair.until.slug}`}>{chair.until.shortName}</LangLink> : <></>,
  };
  const elected = chair.selection === 'elected';
  let sentence: ReactNode;
  if (name === 'group')
    sentence = elected ? (
      <Trans i18nKey="chairs.groupElected" components={components} />
    ) : (
      <Trans i18nKey="chairs.groupDesignated" components={components} />
    );
  else
    sentence = elected ? (
      <Trans i18nKey="chairs.stateElected" components={components} />
    ) : (
      <Trans i18nKey="chairs.stateDesignated" components={components} />
    );
  return (
    <li className="chair">
      {sentence}
      {chair.until && <Trans i18nKey="chairs.until" components={components} />}
      <ul className="sources__list" aria-label={t('sources.heading')}>
        {chair.sources.map((source) => (
          <SourceItem key={sourceKey(source)} source={source} />
        ))}
      </ul>
    </li>
  );
}
