import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../contract/common.js';
import type { DecisionList } from '../../../contract/meeting-records.js';
import { ConfirmButton } from '../account/ConfirmButton.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { FormAlert, onSubmit, TextAreaField, TextField, useFormErrors } from '../shared/forms.js';
import { LangLink } from '../shared/LangLink.js';
import { LanguageSelect } from '../shared/LanguageSelect.js';
import { useAddDecision, useRemoveDecision } from './queries.js';

/** The concluding record: decisions in order with what they adopted; the secretariat adds and removes. */
export function DecisionsSection({
  slug,
  decisions,
  manage,
  onReload,
}: {
  slug: string;
  decisions: DecisionList | null;
  manage: boolean;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const remove = useRemoveDecision(slug);
  return (
    <section aria-labelledby="decisions" className="stack">
      <h2 id="decisions">{t('records.decisions')}</h2>
      {decisions === null ? (
        <p className="empty">{t('records.decisionsLater')}</p>
      ) : decisions.items.length === 0 ? (
        <p className="empty">{t('records.noDecisions')}</p>
      ) : (
        <ol>
          {decisions.items.map((d) => (
            <li key={d.id}>
              <span lang={d.lang}>{d.text}</span>
              {d.document && (
                <>
                  {' '}
                  <LangLink to={`/documents/${d.document.slug}`}>{d.document.symbol ?? d.document.slug}</LangLink>
                </>
              )}
              {d.meetingDocument && <> ({d.meetingDocument.symbol ?? d.meetingDocument.id})</>}
              {manage && (
                <ConfirmButton
                  label={t('records.removeDecision')}
                  confirmLabel={t('agenda.removeConfirm')}
                  question={t('records.removeDecisionQuestion', { position: d.position })}
                  busy={remove.isPending}
                  onConfirm={() => remove.mutate({ id: d.id, updatedAt: d.updatedAt })}
                />
              )}
            </li>
          ))}
        </ol>
      )}
      {manage && <ConflictAlert error={remove.error} onReload={onReload} />}
      {manage && <DecisionForm slug={slug} />}
    </section>
  );
}

function DecisionForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const add = useAddDecision(slug);
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(add.error, form);
  const [text, setText] = useState('');
  const [lang, setLang] = useState<Lang>('es');
  const [document, setDocument] = useState('');
  function submit() {
    if (!check({ text: text.trim() ? undefined : t('forms.required') })) return;
    add.mutate(
      { lang, text: text.trim(), document: document.trim() || null },
      { onSuccess: () => setText(''), onError: failed },
    );
  }
  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)} aria-labelledby="decision-form">
      <h3 id="decision-form">{t('records.addDecision')}</h3>
      <FormAlert message={alert} />
      <LanguageSelect label={t('records.language')} value={lang} onChange={setLang} />
      <TextAreaField label={t('records.decisionText')} error={errors.text} rows={3} value={text} onChange={setText} />
      <TextField
        label={t('records.decisionDocument')}
        hint={t('records.decisionDocumentHint')}
        error={errors.document}
        value={document}
        onChange={setDocument}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={add.isPending}>
          {t('records.addDecision')}
        </button>
      </div>
    </form>
  );
}
