import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParticipantVisibility, PublishedList } from '../../../contract/delegations.js';
import { PARTICIPANT_CATEGORIES, VISIBILITIES } from '../../../domain/delegations.js';
import { FormAlert, FormStatus, onSubmit, SelectField, useProblemMessage } from '../shared/forms.js';
import { categoryLabel, visibilityLabel } from './labels.js';
import { useSetVisibility } from './queries.js';

/** The secretariat's setting of who sees each category of the published list. */
export function VisibilityForm({ slug, list }: { slug: string; list: PublishedList }) {
  const { t } = useTranslation();
  const set = useSetVisibility(slug);
  const problem = useProblemMessage();
  const [visibility, setVisibility] = useState<ParticipantVisibility>(list.visibility);
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="form visibility-form"
      noValidate
      aria-labelledby="visibility-title"
      onSubmit={onSubmit(() => {
        setSaved(false);
        set.mutate({ version: list.meeting.version, visibility }, { onSuccess: () => setSaved(true) });
      })}
    >
      <h2 id="visibility-title">{t('delegations.visibility.title')}</h2>
      <FormAlert message={problem(set.error)} />
      <FormStatus message={saved ? t('delegations.visibility.saved') : null} />
      <div className="visibility-form__fields">
        {PARTICIPANT_CATEGORIES.map((category) => (
          <SelectField
            key={category}
            label={categoryLabel(t, category)}
            value={visibility[category]}
            onChange={(value) => setVisibility({ ...visibility, [category]: value })}
            options={VISIBILITIES.map((v) => ({ value: v, label: visibilityLabel(t, v) }))}
          />
        ))}
      </div>
      <div className="form__actions">
        <button type="submit" className="button" disabled={set.isPending}>
          {t('delegations.visibility.save')}
        </button>
      </div>
    </form>
  );
}
