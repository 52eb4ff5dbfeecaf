import { useRef, useState } from 'react';
import type { Lang } from '../../../contract/common.js';
import type {
  MeetingDocumentCategory,
  MeetingDocumentTitles,
  MeetingDocumentVisibility,
} from '../../../contract/meeting-documents.js';
import { MEETING_DOCUMENT_CATEGORIES, MEETING_DOCUMENT_TITLE_MAX } from '../../../domain/meeting-documents.js';
import { useTranslation } from '../../i18n/react.js';
import { FormAlert, FormStatus, onSubmit, SelectField, useFormErrors } from '../shared/forms.js';
import { LanguageSelect } from '../shared/LanguageSelect.js';
import { givenTitles, noTitles, TitleFields } from '../shared/TitleFields.js';
import { useLang } from '../shared/useLang.js';
import { categoryName } from './labels.js';
import { useAddDocument } from './queries.js';

/** The secretariat's form to add a document to a meeting; its symbol is given by the server. */
export function AddDocumentForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const reader = useLang();
  const form = useRef<HTMLFormElement>(null);
  const add = useAddDocument(slug);
  const [category, setCategory] = useState<MeetingDocumentCategory>('working');
  const [titles, setTitles] = useState(noTitles);
  const [originalLang, setOriginalLang] = useState<Lang>(reader);
  const [visibility, setVisibility] = useState<MeetingDocumentVisibility>('public');
  const [done, setDone] = useState<string | null>(null);
  const { errors, alert, check, failed } = useFormErrors(add.error, form, {
    titles: t('meetingDocuments.add.titleRequired'),
  });

  const send = () => {
    setDone(null);
    const given = givenTitles(titles) as MeetingDocumentTitles;
    if (!check({ titles: Object.keys(given).length === 0 ? t('meetingDocuments.add.titleRequired') : undefined }))
      return;
    add.mutate(
      { category, titles: given, originalLang, visibility },
      {
        onSuccess: (created) => {
          setDone(t('meetingDocuments.add.added', { symbol: created.symbol }));
          setTitles(noTitles());
        },
        onError: failed,
      },
    );
  };

  return (
    <section className="meeting-documents" aria-labelledby="add-document">
      <h2 id="add-document">{t('meetingDocuments.add.heading')}</h2>
      <form ref={form} className="form" onSubmit={onSubmit(send)} noValidate>
        <SelectField
          label={t('meetingDocuments.add.category')}
          value={category}
          onChange={setCategory}
          options={MEETING_DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) }))}
        />
        <TitleFields
          legend={t('meetingDocuments.add.titles')}
          titles={titles}
          onChange={setTitles}
          error={errors.titles}
          maxLength={MEETING_DOCUMENT_TITLE_MAX}
        />
        <LanguageSelect
          label={t('meetingDocuments.add.originalLang')}
          value={originalLang}
          onChange={setOriginalLang}
        />
        <SelectField<MeetingDocumentVisibility>
          label={t('meetingDocuments.add.visibility')}
          value={visibility}
          onChange={setVisibility}
          options={[
            { value: 'public', label: t('meetingDocuments.add.public') },
            { value: 'delegations', label: t('meetingDocuments.add.delegations') },
          ]}
        />
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
