import { useState } from 'react';
import type { ParticipantCategory } from '../../../contract/delegations.js';
import { PARTICIPANT_CATEGORIES, TEXT_MAX } from '../../../domain/delegations.js';
import { useTranslation } from '../../i18n/react.js';
import { useMemberStates } from '../member-states/queries.js';
import { stateOptions } from '../shared/filterOptions.js';
import { type FieldErrors, FormStatus, SelectField, TextField } from '../shared/forms.js';
import { useLang } from '../shared/useLang.js';
import { usePartners } from '../team/queries.js';
import { DelegationForm } from './DelegationForm.js';
import { delegationName } from './DelegationSummary.js';
import { categoryLabel } from './labels.js';
import { type DelegationTarget, useDelegations } from './queries.js';

type TargetDraft = { category: ParticipantCategory; memberState: string; partner: string; organisation: string };
const EMPTY_TARGET: TargetDraft = { category: 'delegation', memberState: '', partner: '', organisation: '' };

/** The request's fields for a drafted target: only those its category takes. */
function toTarget(draft: TargetDraft): DelegationTarget {
  const organisation = draft.organisation.trim();
  if (draft.category === 'delegation') return { category: 'delegation', memberState: draft.memberState };
  if (draft.category === 'observer' && draft.partner) return { category: 'observer', partner: draft.partner };
  return { category: draft.category, organisation };
}

/**
 * The secretariat registers for others: a member state's delegation (a state not registered yet),
 * an observer (a partner, or another organisation by name), or an entry of its own, the press or a
 * guest. After each registration the form starts afresh for the next one; the registration itself
 * shows in the queue above.
 */
export function RegisterOnBehalf({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const delegations = useDelegations(slug);
  const [draft, setDraft] = useState<TargetDraft>(EMPTY_TARGET);
  // A new key mounts a fresh form (empty rows, no error left) after each registration.
  const [round, setRound] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const taken = (delegations.data?.items ?? []).flatMap((d) => (d.memberState ? [d.memberState.slug] : []));

  function check(): FieldErrors {
    const required = t('forms.required');
    if (draft.category === 'delegation') return { memberState: draft.memberState ? undefined : required };
    if (draft.partner || draft.organisation.trim()) return {};
    return draft.category === 'observer'
      ? { partner: t('delegations.onBehalf.partnerOrOrganisation') }
      : { organisation: required };
  }

  return (
    <section aria-labelledby="on-behalf-title">
      <h2 id="on-behalf-title">{t('delegations.onBehalf.title')}</h2>
      <p>{t('delegations.onBehalf.description')}</p>
      <FormStatus message={done} />
      <DelegationForm
        key={round}
        slug={slug}
        delegation={null}
        target={toTarget(draft)}
        chooser={{
          check,
          fields: (errors) => (
            <TargetFields
              value={draft}
              onChange={(value) => {
                setDone(null);
                setDraft(value);
              }}
              errors={errors}
              taken={taken}
            />
          ),
        }}
        onCreated={(created) => {
          setDone(t('delegations.onBehalf.done', { name: delegationName(created) }));
          setDraft(EMPTY_TARGET);
          setRound((n) => n + 1);
        }}
      />
    </section>
  );
}

/** The category, then what it needs: the state, the partner, or the organisation's name. */
function TargetFields({
  value,
  onChange,
  errors,
  taken,
}: {
  value: TargetDraft;
  onChange: (value: TargetDraft) => void;
  errors: FieldErrors;
  /** States already registered to the meeting: not offered again. */
  taken: readonly string[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const states = useMemberStates();
  const partners = usePartners();
  const { category } = value;
  const named = category !== 'delegation' && !(category === 'observer' && value.partner);
  // A state's delegation names its state (one not registered yet); an observer, a partner or none.
  const pick =
    category === 'delegation'
      ? {
          field: 'memberState' as const,
          label: t('delegations.onBehalf.memberState'),
          none: t('delegations.onBehalf.chooseState'),
          records: (states.data ?? []).filter((s) => !taken.includes(s.slug)),
        }
      : category === 'observer'
        ? {
            field: 'partner' as const,
            label: t('delegations.onBehalf.partner'),
            none: t('delegations.onBehalf.otherOrganisation'),
            records: partners.data ?? [],
          }
        : null;
  return (
    <>
      <SelectField<ParticipantCategory>
        label={t('delegations.onBehalf.category')}
        error={errors.category}
        value={category}
        onChange={(chosen) => onChange({ ...EMPTY_TARGET, category: chosen, organisation: value.organisation })}
        options={PARTICIPANT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
      />
      {pick && (
        <SelectField
          label={pick.label}
          error={errors[pick.field]}
          value={value[pick.field]}
          onChange={(slug) => onChange({ ...value, [pick.field]: slug })}
          options={[{ value: '', label: pick.none }, ...stateOptions(pick.records, lang)]}
        />
      )}
      {named && (
        <TextField
          label={t('delegations.onBehalf.organisation')}
          error={errors.organisation}
          maxLength={TEXT_MAX}
          autoComplete="organization"
          value={value.organisation}
          onChange={(organisation) => onChange({ ...value, organisation })}
        />
      )}
    </>
  );
}
