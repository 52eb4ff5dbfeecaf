import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Lang } from '../../contract/common.js';
import type { MeetingDocumentTitles } from '../../contract/meeting-documents.js';
import type { OutcomeDocument } from '../../contract/outcome-documents.js';
import { OUTCOME_DOCUMENT_TYPES, OUTCOME_TITLE_MAX, type OutcomeDocumentType } from '../../domain/outcome-documents.js';
import { isNotFound } from '../api/client.js';
import { AdminGate } from '../features/admin/AdminGate.js';
import { SymbolAndMeeting } from '../features/documents/DocumentCards.js';
import { documentStatusLabel, documentTypeLabel } from '../features/documents/documentTypes.js';
import { useChangeStatus, useCreateDocument } from '../features/documents/editQueries.js';
import { OutlineEditor } from '../features/documents/OutlineEditor.js';
import { useDocument } from '../features/documents/queries.js';
import { TranslationEditor } from '../features/documents/TranslationEditor.js';
import { useMeetings } from '../features/meetings/queries.js';
import { ConflictAlert } from '../features/shared/ConflictAlert.js';
import { FormAlert, onSubmit, SelectField, useFormErrors } from '../features/shared/forms.js';
import { LangLink, useLocalPath } from '../features/shared/LangLink.js';
import { LanguageSelect } from '../features/shared/LanguageSelect.js';
import { DocumentTitle } from '../features/shared/Localized.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { givenTitles, noTitles, TitleFields } from '../features/shared/TitleFields.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';
import { NotFoundPage } from './NotFoundPage.js';

/** The secretariat starts an outcome document for a meeting: a draft, seen only by its negotiators. */
export function DocumentNewPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageMeta title={t('documents.edit.newTitle')} description={t('documents.edit.newDescription')} />
      <PageHeader title={t('documents.edit.newTitle')} lead={t('documents.edit.newDescription')} />
      <div className="container page-body">
        <AdminGate allow="draftDocuments">{() => <NewDocumentForm />}</AdminGate>
      </div>
    </>
  );
}

function NewDocumentForm() {
  const { t } = useTranslation();
  const reader = useLang();
  const navigate = useNavigate();
  const localPath = useLocalPath();
  const form = useRef<HTMLFormElement>(null);
  const create = useCreateDocument();
  const meetings = useMeetings();
  const [meeting, setMeeting] = useState('');
  const [type, setType] = useState<OutcomeDocumentType>('declaration');
  const [titles, setTitles] = useState(noTitles);
  const [originalLang, setOriginalLang] = useState<Lang>(reader);
  const { errors, alert, check, failed } = useFormErrors(create.error, form, {
    titles: t('meetingDocuments.add.titleRequired'),
  });
  // Documents are drafted for meetings run on the platform.
  const choices = (meetings.data ?? []).filter((m) => m.managedBy === 'platform');

  const send = () => {
    const given = givenTitles(titles) as MeetingDocumentTitles;
    const found = {
      meeting: meeting === '' ? t('forms.required') : undefined,
      titles: Object.keys(given).length === 0 ? t('meetingDocuments.add.titleRequired') : undefined,
    };
    if (!check(found)) return;
    create.mutate(
      { meeting, type, titles: given, originalLang },
      { onSuccess: (doc) => navigate(localPath(`/documents/${doc.slug}/edit`)), onError: failed },
    );
  };

  return (
    <form ref={form} className="form" onSubmit={onSubmit(send)} noValidate>
      <SelectField
        label={t('documents.meeting')}
        value={meeting}
        onChange={setMeeting}
        error={errors.meeting}
        options={[
          { value: '', label: t('documents.edit.chooseMeeting') },
          ...choices.map((m) => ({ value: m.slug, label: `${m.shortName} · ${m.name.text}` })),
        ]}
      />
      <SelectField<OutcomeDocumentType>
        label={t('documents.typeLabel')}
        value={type}
        onChange={setType}
        options={OUTCOME_DOCUMENT_TYPES.map((value) => ({ value, label: documentTypeLabel(t, value) }))}
      />
      <TitleFields
        legend={t('meetingDocuments.add.titles')}
        titles={titles}
        onChange={setTitles}
        error={errors.titles}
        maxLength={OUTCOME_TITLE_MAX}
      />
      <LanguageSelect label={t('documents.edit.originalLang')} value={originalLang} onChange={setOriginalLang} />
      <div className="form__actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {t('documents.edit.create')}
        </button>
      </div>
      <FormAlert message={alert} />
    </form>
  );
}

/** The secretariat drafts a document: its lifecycle, its outline and its translations. */
export function DocumentEditPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const document = useDocument(slug);
  if (isNotFound(document.error)) return <NotFoundPage />;
  const title = document.data?.title?.text ?? slug;
  return (
    <>
      <PageMeta title={t('documents.edit.title', { title })} description={t('documents.edit.description')} />
      <PageHeader
        kicker={document.data ? documentTypeLabel(t, document.data.type) : undefined}
        title={document.data ? <DocumentTitle title={document.data.title} /> : title}
      />
      <div className="container page-body">
        <AdminGate allow="draftDocuments">
          {() => (
            <QueryState query={document}>
              {(doc) => <DocumentEditor doc={doc} onReload={() => void document.refetch()} />}
            </QueryState>
          )}
        </AdminGate>
      </div>
    </>
  );
}

function DocumentEditor({ doc, onReload }: { doc: OutcomeDocument; onReload: () => void }) {
  const { t } = useTranslation();
  const status = useChangeStatus(doc.id);
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t('documents.statusLabel')}</dt>
          <dd>{documentStatusLabel(t, doc.status)}</dd>
        </div>
        <SymbolAndMeeting doc={doc} />
      </dl>
      <p>
        <LangLink to={`/documents/${doc.slug}`}>{t('documents.edit.view')}</LangLink>
      </p>
      {doc.transitions.length > 0 && (
        <section aria-labelledby="lifecycle-heading">
          <h2 id="lifecycle-heading">{t('documents.edit.lifecycle')}</h2>
          <div className="form__actions">
            {doc.transitions.map((next) => (
              <button
                key={next}
                type="button"
                className="button button--secondary"
                disabled={status.isPending}
                onClick={() => status.mutate({ version: doc.version, status: next })}
              >
                {t('documents.edit.moveTo', { status: documentStatusLabel(t, next) })}
              </button>
            ))}
          </div>
          <ConflictAlert error={status.error} onReload={onReload} />
        </section>
      )}
      {doc.can.editBody ? (
        <>
          <OutlineEditor doc={doc} onReload={onReload} />
          <TranslationEditor doc={doc} onReload={onReload} />
        </>
      ) : (
        <p className="notice">{t('documents.edit.frozen')}</p>
      )}
    </>
  );
}
