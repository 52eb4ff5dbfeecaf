import { Link, useLocation, useParams } from 'react-router';
import type { Lang } from '../../contract/common.js';
import type { OutcomeDocument } from '../../contract/outcome-documents.js';
import { isNotFound } from '../api/client.js';
import { useSiteOrigin } from '../app/site.js';
import { DocumentBody } from '../features/documents/DocumentBody.js';
import { SymbolAndMeeting } from '../features/documents/DocumentCards.js';
import { DocumentLinks } from '../features/documents/DocumentLinks.js';
import { documentStatusLabel, documentTypeLabel } from '../features/documents/documentTypes.js';
import { Footnotes } from '../features/documents/Footnotes.js';
import { ImportText } from '../features/documents/ImportText.js';
import { type LiveState, useLiveDocument } from '../features/documents/live.js';
import { NegotiatedText } from '../features/documents/NegotiatedText.js';
import { useDocument } from '../features/documents/queries.js';
import { SharingPanel } from '../features/documents/Sharing.js';
import { VersionsPanel } from '../features/documents/Versions.js';
import { DocumentFollowUp } from '../features/follow-up/DocumentFollowUp.js';
import { samePageIn } from '../features/layout/LanguageSwitcher.js';
import { PillarTags } from '../features/pillars/PillarTags.js';
import { formatDate } from '../features/shared/format.js';
import { LangLink } from '../features/shared/LangLink.js';
import { DocumentTitle, Localized } from '../features/shared/Localized.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { JsonLd, PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { SourcesList } from '../features/shared/SourcesList.js';
import { useLang } from '../features/shared/useLang.js';
import { useScrollToHash } from '../features/shared/useScrollToHash.js';
import { languageName } from '../i18n/languages.js';
import { useTranslation } from '../i18n/react.js';
import { NotFoundPage } from './NotFoundPage.js';

export function DocumentPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const document = useDocument(slug);
  useScrollToHash(document.isSuccess);
  if (isNotFound(document.error)) return <NotFoundPage />;
  const data = document.data;
  return (
    <>
      <PageMeta
        title={data ? (data.title?.text ?? data.symbol ?? t('common.titleNotRecorded')) : t('documents.detailTitle')}
        description={
          data ? t('documents.detailDescription', { meeting: data.meeting.shortName }) : t('documents.description')
        }
      />
      <QueryState query={document}>
        {(doc) => <DocumentView doc={doc} onReload={() => void document.refetch()} />}
      </QueryState>
    </>
  );
}

function DocumentView({ doc, onReload }: { doc: OutcomeDocument; onReload: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const notRecorded = t('common.notRecorded');
  // Until adopted, a text can change under the reader's eyes: the page follows it live.
  const live = useLiveDocument(doc.id, doc.textHeld && doc.status !== 'adopted');
  return (
    <>
      {doc.status === 'adopted' && <DocumentLegislation doc={doc} />}
      <PageHeader kicker={documentTypeLabel(t, doc.type)} title={<DocumentTitle title={doc.title} />} />
      <div className="container page-body detail">
        <dl className="facts">
          <SymbolAndMeeting doc={doc} />
          {doc.status === 'adopted' ? (
            <div>
              <dt>{t('documents.adoptedOn')}</dt>
              <dd>{doc.adoptedOn ? formatDate(doc.adoptedOn, lang) : notRecorded}</dd>
            </div>
          ) : (
            <div>
              <dt>{t('documents.statusLabel')}</dt>
              <dd>{documentStatusLabel(t, doc.status)}</dd>
            </div>
          )}
          {doc.contentHash && (
            <div>
              <dt>{t('documents.contentHash')}</dt>
              <dd>
                <code>{doc.contentHash}</code>
              </dd>
            </div>
          )}
          <div>
            <dt>{t('documents.typeLabel')}</dt>
            <dd>{documentTypeLabel(t, doc.type)}</dd>
          </div>
        </dl>
        {doc.can.editBody && (
          <p>
            <LangLink to={`/documents/${doc.slug}/edit`} className="button button--secondary">
              {t('documents.edit.open')}
            </LangLink>
          </p>
        )}
        {doc.description && (
          <p className="lead">
            <Localized value={doc.description} />
          </p>
        )}
        <DocumentLanguages doc={doc} />
        {doc.status !== 'adopted' && doc.textHeld && <LiveStatus state={live} />}
        <section aria-labelledby="document-text">
          <h2 id="document-text">{t('documents.body.heading')}</h2>
          {!doc.textHeld ? (
            <p>
              {t('documents.body.notHeld')}{' '}
              {doc.textSource && <a href={doc.textSource}>{t('documents.body.readAtSource')}</a>}
            </p>
          ) : doc.body.length === 0 ? (
            <p>{t('documents.body.empty')}</p>
          ) : negotiated(doc) ? (
            <NegotiatedText doc={doc} />
          ) : (
            <DocumentBody doc={doc} />
          )}
          {/* A historic document's text, not held yet, is imported here by the secretariat, once. */}
          {!doc.textHeld && doc.can.importText && <ImportText doc={doc} onReload={onReload} />}
          {!doc.textHeld && doc.footnotes.length > 0 && <h3>{t('documents.body.footnotesKnown')}</h3>}
          <Footnotes doc={doc} nodeId={null} />
        </section>
        <DocumentFollowUp doc={doc} />
        {doc.textHeld && doc.body.length > 0 && <VersionsPanel doc={doc} />}
        <SharingPanel doc={doc} />
        <DocumentExports doc={doc} />
        <section aria-labelledby="document-pillars">
          <h2 id="document-pillars">{t('documents.pillarsHeading')}</h2>
          {doc.pillars.length === 0 ? <p>{t('documents.noPillars')}</p> : <PillarTags pillars={doc.pillars} />}
        </section>
        <DocumentLinks links={doc.links} />
        <SourcesList sources={doc.sources} />
      </div>
    </>
  );
}

/** Whether the page follows the document live, said politely to screen readers as it changes. */
function LiveStatus({ state }: { state: LiveState }) {
  const { t } = useTranslation();
  const text =
    state === 'live'
      ? t('negotiation.liveStatus.live')
      : state === 'stopped'
        ? t('negotiation.liveStatus.stopped')
        : state === 'reconnecting'
          ? t('negotiation.liveStatus.reconnecting')
          : '';
  return (
    <p className={`live-status live-status--${state}`} role="status" data-live={state}>
      {text}
    </p>
  );
}

/** A text its negotiators are still at: under negotiation, or agreed pending the capitals. */
const negotiated = (doc: OutcomeDocument) =>
  doc.status === 'under-negotiation' || doc.status === 'agreed-ad-referendum';

/** The exports, per language the whole text is in (the original alone while it is not held): the
 * typeset PDF and Akoma Ntoso XML. */
function DocumentExports({ doc }: { doc: OutcomeDocument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const languages = doc.languages.length > 0 ? doc.languages : [null];
  const url = (format: 'pdf' | 'akoma-ntoso', text: Lang | null) =>
    `/api/v1/documents/${encodeURIComponent(doc.id)}/${format}${text ? `?lang=${text}` : ''}`;
  return (
    <section aria-labelledby="document-exports" className="document-exports">
      <h2 id="document-exports">{t('negotiation.exports.heading')}</h2>
      <ul className="plain-list">
        {languages.map((text) => {
          const language = text ? languageName(text, lang) : t('negotiation.exports.metadata');
          return (
            <li key={text ?? 'none'}>
              <a href={url('pdf', text)} hrefLang={text ?? undefined} download>
                {t('negotiation.exports.pdf', { language })}
              </a>
              {' · '}
              <a href={url('akoma-ntoso', text)} hrefLang={text ?? undefined} download>
                {t('negotiation.exports.akn', { language })}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The languages the whole text is in, each a link to this page in it (keeping the paragraph the
 * reader is at, the #fragment), and which text is authoritative: the original, negotiated one. */
function DocumentLanguages({ doc }: { doc: OutcomeDocument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { pathname, search, hash } = useLocation();
  if (!doc.textHeld) return null;
  return (
    <section aria-labelledby="document-languages">
      <h2 id="document-languages">{t('documents.languages.heading')}</h2>
      <ul className="plain-list">
        {doc.languages.map((other) => (
          <li key={other}>
            {other === lang ? (
              <span aria-current="true">{languageName(other, lang)}</span>
            ) : (
              <Link to={samePageIn(other, pathname, search, hash)} hrefLang={other}>
                {languageName(other, lang)}
              </Link>
            )}
            {other === doc.originalLang && <> · {t('documents.languages.authoritative')}</>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An adopted document as a schema.org Legislation: its title, symbol, date and languages. */
function DocumentLegislation({ doc }: { doc: OutcomeDocument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const origin = useSiteOrigin();
  return (
    <JsonLd
      data={{
        '@type': 'Legislation',
        name: doc.title?.text ?? doc.symbol ?? undefined,
        url: `${origin}/${lang}/documents/${doc.slug}`,
        legislationType: documentTypeLabel(t, doc.type),
        ...(doc.symbol && { legislationIdentifier: doc.symbol }),
        ...(doc.adoptedOn && { legislationDate: doc.adoptedOn }),
        ...(doc.languages.length > 0 && { inLanguage: doc.languages }),
        ...(doc.textSource && { sameAs: doc.textSource }),
        legislationPassedBy: { '@type': 'Organization', name: t('home.officialName'), url: `${origin}/${lang}/` },
        about: doc.pillars.map((pillar) => pillar.name.text),
      }}
    />
  );
}
