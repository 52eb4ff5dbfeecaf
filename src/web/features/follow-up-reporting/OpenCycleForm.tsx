import { useRef, useState } from 'react';
import type { Cycle, FollowUpItem } from '../../../contract/follow-up.js';
import type { MemberState } from '../../../contract/reference.js';
import { MEETING_DOCUMENT_TITLE_MAX } from '../../../domain/meeting-documents.js';
import { useTranslation } from '../../i18n/react.js';
import { useDocuments } from '../documents/queries.js';
import { byName } from '../shared/byName.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { CheckboxGroup, FieldGroup, onSubmit, TextField, useChecks, useFormErrors } from '../shared/forms.js';
import { givenTitles, noTitles, TitleFields, type Titles } from '../shared/TitleFields.js';
import { useLang } from '../shared/useLang.js';
import { useOpenCycle } from './queries.js';

/**
 * The secretariat opens a reporting cycle: its name, whole documents or chosen items, the states
 * asked (all 35 unless some are chosen), the opening date and the deadline.
 */
export function OpenCycleForm({
  items,
  states,
  onOpened,
}: {
  items: FollowUpItem[];
  states: MemberState[];
  onOpened: (cycle: Cycle) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const checks = useChecks();
  const open = useOpenCycle();
  const documents = useDocuments();
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(open.error, form);
  const [names, setNames] = useState<Titles>(noTitles);
  const [by, setBy] = useState<'documents' | 'items'>('documents');
  const [chosenDocuments, setChosenDocuments] = useState<string[]>([]);
  const [chosenItems, setChosenItems] = useState<string[]>([]);
  const [allStates, setAllStates] = useState(true);
  const [chosenStates, setChosenStates] = useState<string[]>([]);
  const [opensOn, setOpensOn] = useState('');
  const [deadline, setDeadline] = useState('');

  // Only documents with items to report on are offered.
  const withItems = new Set(items.map((i) => i.document.slug));
  const documentOptions = (documents.data ?? [])
    .filter((d) => withItems.has(d.slug))
    .map((d) => ({ value: d.slug, label: d.title?.text ?? d.symbol ?? d.slug }));
  const itemOptions = items.map((i) => ({
    value: i.id,
    label: t('followUp.reporting.itemLabel', { document: i.document.slug, number: i.number, text: i.text.text }),
  }));
  const stateOptions = byName(states, (s) => s.name.text, lang).map((s) => ({ value: s.slug, label: s.name.text }));

  function submit() {
    const found = {
      names: Object.keys(givenTitles(names)).length === 0 ? t('followUp.reporting.nameRequired') : undefined,
      documents:
        by === 'documents' && chosenDocuments.length === 0 ? t('followUp.reporting.chooseDocument') : undefined,
      items: by === 'items' && chosenItems.length === 0 ? t('followUp.reporting.chooseItem') : undefined,
      states: !allStates && chosenStates.length === 0 ? t('followUp.reporting.chooseState') : undefined,
      opensOn: checks.required(opensOn),
      deadline: checks.required(deadline),
    };
    if (!check(found)) return;
    open.mutate(
      {
        names: givenTitles(names),
        opensOn,
        deadline,
        ...(by === 'documents' ? { documents: chosenDocuments } : { items: chosenItems }),
        ...(allStates ? {} : { states: chosenStates }),
      },
      { onSuccess: onOpened, onError: failed },
    );
  }

  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)}>
      <ConflictAlert error={open.error} alert={alert} />
      <TitleFields
        legend={t('followUp.reporting.cycleName')}
        titles={names}
        onChange={setNames}
        error={errors.names}
        maxLength={MEETING_DOCUMENT_TITLE_MAX}
      />
      <FieldGroup legend={t('followUp.reporting.reportOn')}>
        {(['documents', 'items'] as const).map((value) => (
          <label key={value} className="field--check">
            <input type="radio" name="by" value={value} checked={by === value} onChange={() => setBy(value)} />
            {value === 'documents' ? t('followUp.reporting.by.documents') : t('followUp.reporting.by.items')}
          </label>
        ))}
      </FieldGroup>
      {by === 'documents' ? (
        <CheckboxGroup
          legend={t('followUp.reporting.documents')}
          name="documents"
          options={documentOptions}
          chosen={chosenDocuments}
          onChange={setChosenDocuments}
          error={errors.documents}
        />
      ) : (
        <CheckboxGroup
          legend={t('followUp.reporting.items')}
          name="items"
          options={itemOptions}
          chosen={chosenItems}
          onChange={setChosenItems}
          error={errors.items}
        />
      )}
      <label className="field--check">
        <input type="checkbox" checked={allStates} onChange={(event) => setAllStates(event.target.checked)} />
        {t('followUp.reporting.allStates', { n: states.length })}
      </label>
      {!allStates && (
        <CheckboxGroup
          legend={t('followUp.reporting.states')}
          name="states"
          options={stateOptions}
          chosen={chosenStates}
          onChange={setChosenStates}
          error={errors.states}
        />
      )}
      <TextField
        label={t('followUp.reporting.opensOn')}
        type="date"
        error={errors.opensOn}
        value={opensOn}
        onChange={setOpensOn}
      />
      <TextField
        label={t('followUp.reporting.deadline')}
        type="date"
        error={errors.deadline}
        value={deadline}
        onChange={setDeadline}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={open.isPending}>
          {t('followUp.reporting.open')}
        </button>
      </div>
    </form>
  );
}
