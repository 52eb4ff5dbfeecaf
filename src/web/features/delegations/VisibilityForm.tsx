import { useState } from 'react';
import type { ParticipantVisibility, PublishedList, VisibilityReply } from '../../../contract/delegations.js';
import { PARTICIPANT_CATEGORIES, VISIBILITIES } from '../../../domain/delegations.js';
import { useTranslation } from '../../i18n/react.js';
import { ConflictAlert, changedFields, useConflict } from '../shared/ConflictAlert.js';
import { FormStatus, onSubmit, SelectField } from '../shared/forms.js';
import { categoryLabel, visibilityLabel } from './labels.js';
import { useSetVisibility } from './queries.js';

/** The secretariat's setting of who sees each category of the published list. A save names the
 * meeting's version it was read at; the form keeps its choices when the list is read again, and a
 * change made meanwhile is said once, with the categories it changed (issue 11). */
export function VisibilityForm({ slug, list }: { slug: string; list: PublishedList }) {
  const { t } = useTranslation();
  const set = useSetVisibility(slug);
  const conflict = useConflict<VisibilityReply>(
    { version: list.meeting.version, visibility: list.visibility },
    set,
    (value) => 'visibility' in value,
  );
  const { read, setRead, current } = conflict;
  const [visibility, setVisibility] = useState<ParticipantVisibility>(list.visibility);
  const [saved, setSaved] = useState(false);
  const changed = current
    ? changedFields(
        read.visibility,
        current.visibility,
        PARTICIPANT_CATEGORIES.map((category) => [categoryLabel(t, category), (v) => v[category]] as const),
      )
    : [];
  return (
    <form
      className="form visibility-form"
      noValidate
      aria-labelledby="visibility-title"
      onSubmit={onSubmit(() => {
        setSaved(false);
        conflict.sending();
        set.mutate(
          { version: read.version, visibility },
          {
            onSuccess: (reply) => {
              setRead(reply);
              setSaved(true);
            },
          },
        );
      })}
    >
      <h2 id="visibility-title">{t('delegations.visibility.title')}</h2>
      <ConflictAlert
        error={set.error}
        changedFields={changed}
        onKeep={conflict.keep}
        onReload={conflict.load((now) => setVisibility(now.visibility))}
        kept={conflict.kept}
      />
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
