import type { Meeting } from '../../../contract/meetings.js';
import { useTranslation } from '../../i18n/react.js';
import type { TFunction } from '../../i18n/translator.js';
import { LangLink } from '../shared/LangLink.js';
import { Localized } from '../shared/Localized.js';

type Body = Meeting['bodies'][number];

function bodyKindLabel(t: TFunction, kind: Body['kind']): string {
  switch (kind) {
    case 'technical-group':
      return t('bodies.kind.technicalGroup');
    case 'network':
      return t('bodies.kind.network');
    case 'program':
      return t('bodies.kind.program');
  }
}

function relationLabel(t: TFunction, relation: Body['relation']): string {
  return relation === 'created' ? t('bodies.relation.created') : t('bodies.relation.presented');
}

// Technical groups have their own pages; networks and programs are sections of one page.
function bodyPath(body: Body): string {
  return body.kind === 'technical-group' ? `/technical-groups/${body.slug}` : `/networks#network-${body.slug}`;
}

function withAcronym(body: Body) {
  return body.acronym ? { ...body.name, text: `${body.name.text} (${body.acronym})` } : body.name;
}

/** Technical groups, networks and programs that a meeting created or that were presented to it. */
export function BodyList({ bodies }: { bodies: Body[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list">
      {bodies.map((body) => (
        <li key={`${body.kind}-${body.id}`}>
          <span className="plain-list__kicker">
            {bodyKindLabel(t, body.kind)} · {relationLabel(t, body.relation)}
          </span>
          <LangLink to={bodyPath(body)}>
            <Localized value={withAcronym(body)} />
          </LangLink>
        </li>
      ))}
    </ul>
  );
}
