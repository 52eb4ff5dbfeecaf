import { useRef, useState } from 'react';
import type { Lang } from '../../../contract/common.js';
import type { MeetingDocument } from '../../../contract/meeting-documents.js';
import { languageName } from '../../i18n/languages.js';
import { useTranslation } from '../../i18n/react.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { Field, FormAlert, FormStatus, onSubmit, useProblemMessage } from '../shared/forms.js';
import { LanguageSelect } from '../shared/LanguageSelect.js';
import { UploadProgress } from '../shared/upload.js';
import { useLang } from '../shared/useLang.js';
import { useAddRevision, useChanged, useUpdateDocument, useUploadFile } from './queries.js';

/** The actions the reader may take on one document (its `can`): a file per language, a new revision, adoption.
 * Each button names its document: the page lists many, and a list of buttons read out of context must
 * tell them apart (issue 11 item 18's class). */
export function ManageDocument({ slug, document }: { slug: string; document: MeetingDocument }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const revise = useAddRevision(slug, document.id);
  const update = useUpdateDocument(slug, document.id);
  const error = revise.error ?? update.error;
  const changed = useChanged();
  const notHeldId = `not-held-${document.id}`;
  // A 409: the document changed since the page read it; nothing typed is lost, so reading it again is the way on.
  const reload = () => {
    revise.reset();
    update.reset();
    void changed();
  };
  return (
    <section
      className="meeting-document__manage"
      aria-label={t('meetingDocuments.manage.label', { symbol: document.symbol })}
    >
      {document.can.upload && <UploadForm slug={slug} document={document} onDone={setStatus} />}
      <div className="meeting-document__actions">
        {document.can.revise && (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={revise.isPending}
            onClick={() =>
              revise.mutate(document.version, {
                onSuccess: (revised) => setStatus(t('meetingDocuments.manage.revised', { symbol: revised.symbol })),
              })
            }
          >
            {t('meetingDocuments.manage.newRevision')}
            <span className="visually-hidden">: {document.symbol}</span>
          </button>
        )}
        {document.adoptedAt === null
          ? (document.can.adopt || document.can.override || document.can.update) && (
              <button
                type="button"
                className="button button--secondary button--small"
                // Adoption is the meeting's: before it is held, only an administrator's override.
                disabled={update.isPending || !(document.can.adopt || document.can.override)}
                aria-describedby={document.can.adopt ? undefined : notHeldId}
                onClick={() =>
                  update.mutate(
                    { version: document.version, adopted: true, ...(document.can.adopt ? {} : { override: true }) },
                    { onSuccess: () => setStatus(t('meetingDocuments.manage.adoptedDone')) },
                  )
                }
              >
                {document.can.adopt
                  ? t('meetingDocuments.manage.markAdopted')
                  : t('meetingDocuments.manage.markAdoptedEarly')}
                <span className="visually-hidden">: {document.symbol}</span>
              </button>
            )
          : document.can.update && (
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={update.isPending}
                onClick={() =>
                  update.mutate(
                    { version: document.version, adopted: false },
                    { onSuccess: () => setStatus(t('meetingDocuments.manage.notAdoptedDone')) },
                  )
                }
              >
                {t('meetingDocuments.manage.unmarkAdopted')}
                <span className="visually-hidden">: {document.symbol}</span>
              </button>
            )}
      </div>
      {document.adoptedAt === null && document.can.update && !document.can.adopt && (
        <p className="field__hint" id={notHeldId}>
          {t('meetingDocuments.manage.notHeld')}
        </p>
      )}
      <ConflictAlert error={error} onReload={reload} />
      <FormStatus message={status} />
    </section>
  );
}

function UploadForm({
  slug,
  document,
  onDone,
}: {
  slug: string;
  document: MeetingDocument;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const reader = useLang();
  const problemMessage = useProblemMessage();
  const [lang, setLang] = useState<Lang>(document.originalLang);
  const [missing, setMissing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const { mutation: upload, progress } = useUploadFile(slug, document.id);
  const revision = document.revisions[0]?.revision ?? 0;

  const send = () => {
    const file = input.current?.files?.[0];
    setMissing(!file);
    if (!file) {
      input.current?.focus();
      return;
    }
    upload.mutate(
      { revision, lang, file },
      {
        onSuccess: () => {
          onDone(t('meetingDocuments.manage.uploaded', { language: languageName(lang, reader, true) }));
          if (input.current) input.current.value = '';
        },
      },
    );
  };

  return (
    <form className="form form--inline" onSubmit={onSubmit(send)} noValidate>
      <LanguageSelect label={t('meetingDocuments.manage.fileLang')} value={lang} onChange={setLang} />
      <Field
        label={t('meetingDocuments.manage.file')}
        hint={t('meetingDocuments.manage.fileHint')}
        error={missing ? t('meetingDocuments.manage.chooseFile') : undefined}
      >
        {(control) => (
          <input
            {...control}
            ref={input}
            type="file"
            accept=".pdf,.docx,.xlsx,.pptx,.odt,application/pdf"
            onChange={() => setMissing(false)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--small" disabled={upload.isPending}>
          {t('meetingDocuments.manage.upload')}
          <span className="visually-hidden">: {document.symbol}</span>
        </button>
        <UploadProgress progress={progress} />
      </div>
      <FormAlert message={problemMessage(upload.error)} />
    </form>
  );
}
