import { LangLink } from '../features/shared/LangLink.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { useTranslation } from '../i18n/react.js';

/** Shown for an unknown language, path or record: says what happened and where to go instead. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="container page-body not-found">
      <PageMeta title={t('notFound.title')} description={t('notFound.description')} />
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1>{t('notFound.title')}</h1>
      <p className="lead">{t('notFound.body')}</p>
      <h2 className="not-found__subtitle">{t('notFound.suggestions')}</h2>
      <ul className="link-cards">
        <li>
          <LangLink to="/">{t('nav.home')}</LangLink>
        </li>
        <li>
          <LangLink to="/meetings">{t('nav.meetings')}</LangLink>
        </li>
        <li>
          <LangLink to="/member-states">{t('nav.memberStates')}</LangLink>
        </li>
      </ul>
    </div>
  );
}
