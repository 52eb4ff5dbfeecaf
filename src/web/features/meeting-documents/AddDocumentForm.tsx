import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../contract/common.js';
import type {
  MeetingDocumentCategory,
  MeetingDocumentTitles,
  MeetingDocumentVisibility,
} from '../../../contract/meeting-documents.js';
import { PORTAL_LANGS } from '../../i18n/languages.js';
import { Field, FormAlert, FormStatus, onSubmit, useFormErrors } from '../account/forms.js';
import { useLang } from '../shared/useLang.js';
import { LanguageOptions } from './LanguageOptions.js';
import { CATEGORIES, categoryName, languageName } from './labels.js';
import { useAddDocument } from './queries.js';

/** The secretariat's form to add a document to a meeting; its symbol is given by the server. */
export function AddDocumentForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const reader = useLang();
  const form = useRef<HTMLFormElement>(null);
  const add = useAddDocument(slug);
  const [category, setCategory] = useState<MeetingDocumentCategory>('working');
  const [titles, setTitles] = useState<Record<Lang, string>>({ en: '', es: '', fr: '', pt: '' });
  const [originalLang, setOriginalLang] = useState<Lang>(reader);
  const [visibility, setVisibility] = useState<MeetingDocumentVisibility>('public');
  const [done, setDone] = useState<string | null>(null);
  const { errors, alert, check, failed } = useFormErrors(add.error, form, {
    titles: t('meetingDocuments.add.titleRequired'),
  });

  const send = () => {
    setDone(null);
    const given = Object.fromEntries(
      PORTAL_LANGS.filter((l) => titles[l].trim() !== '').map((l) => [l, titles[l].trim()]),
    ) as MeetingDocumentTitles;
    if (!check({ titles: Object.keys(given).length === 0 ? t('meetingDocuments.add.titleRequired') : undefined }))
      return;
    add.mutate(
      { category, titles: given, originalLang, visibility },
      {
        onSuccess: (created) => {
          setDone(t('meetingDocuments.add.added', { symbol: created.symbol }));
          setTitles({ en: '', es: '', fr: '', pt: '' });
        },
        onError: failed,
      },
    );
  };

  return (
    <section className="meeting-documents" aria-labelledby="add-document">
      <h2 id="add-document">{t('meetingDocuments.add.heading')}</h2>
      <form ref={form} className="form" onSubmit={onSubmit(send)} noValidate>
        <Field label={t('meetingDocuments.add.category')}>
          {(control) => (
            <select
              {...control}
              value={category}
              onChange={(e) => setCategory(e.target.value as MeetingDocumentCategory)}
            >
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {categoryName(t, c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="fieldset">
          <legend>{t('meetingDocuments.add.titles')}</legend>
          {errors.titles && <p className="field__error">{errors.titles}</p>}
          {PORTAL_LANGS.map((code) => (
            <Field key={code} label={t('meetingDocuments.add.titleIn', { language: languageName(code, reader, true) })}>
              {(control) => (
                <input
                  {...control}
                  aria-invalid={errors.titles ? true : undefined}
                  lang={code}
                  value={titles[code]}
                  maxLength={500}
                  onChange={(e) => setTitles({ ...titles, [code]: e.target.value })}
                />
              )}
            </Field>
          ))}
        </fieldset>
        <Field label={t('meetingDocuments.add.originalLang')}>
          {(control) => (
            <select {...control} value={originalLang} onChange={(e) => setOriginalLang(e.target.value as Lang)}>
              <LanguageOptions reader={reader} />
            </select>
          )}
        </Field>
        <Field label={t('meetingDocuments.add.visibility')}>
          {(control) => (
            <select
              {...control}
              value={visibility}
              onChange={(e) => setVisibility(e.target.value as MeetingDocumentVisibility)}
            >
              <option value="public">{t('meetingDocuments.add.public')}</option>
              <option value="delegations">{t('meetingDocuments.add.delegations')}</option>
            </select>
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button" disabled={add.isPending}>
            {t('meetingDocuments.add.submit')}
          </button>
        </div>
        <FormAlert message={alert} />
        <FormStatus message={done} />
      </form>
    </section>
  );
}
