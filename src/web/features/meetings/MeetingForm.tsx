import { useMemo, useRef, useState } from 'react';
import type { Lang } from '../../../contract/common.js';
import type {
  MeetingCreate,
  MeetingDetail,
  MeetingFormat,
  MeetingKind,
  MeetingUpdate,
} from '../../../contract/meetings.js';
import { LANGS } from '../../../domain/languages.js';
import { MEETING_FORMATS, MEETING_KINDS } from '../../../domain/meetings.js';
import { languageEndonym } from '../../i18n/languages.js';
import { useTranslation } from '../../i18n/react.js';
import { useMemberStates } from '../member-states/queries.js';
import { nameOptions } from '../shared/byName.js';
import {
  CheckboxGroup,
  FieldGroup,
  FormAlert,
  onSubmit,
  SelectField,
  TextField,
  useChecks,
  useFormErrors,
} from '../shared/forms.js';
import { PillarChecks } from '../shared/PillarChecks.js';
import { useLang } from '../shared/useLang.js';
import { readerTimeZone, zoneName, zonesOfState } from '../shared/zones.js';
import { useTechnicalGroups } from '../technical-groups/queries.js';
import { formatLabel, kindLabel } from './labels.js';
import { useMeetings } from './queries.js';
import './meetings.css';

/** Every IANA zone the browser knows (the server checks against its own list too). */
const ZONES: string[] = (() => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [readerTimeZone()];
})();

/** The zones to offer: the host state's first, then the Americas', then the rest; each named as
 * people say it after the place the identifier names ("Costa Rica — Central Standard Time (UTC−6)"). */
function zoneOptions(hostZones: readonly string[], current: string, lang: Lang) {
  const known = ZONES.includes(current) ? ZONES : [current, ...ZONES];
  const rank = (zone: string) => (hostZones.includes(zone) ? 0 : zone.startsWith('America/') ? 1 : 2);
  const now = new Date();
  return [...known]
    .sort((a, b) => rank(a) - rank(b))
    .map((zone) => ({
      value: zone,
      label: `${(zone.split('/').pop() ?? zone).replaceAll('_', ' ')} — ${zoneName(zone, lang, now)}`,
    }));
}

export interface MeetingDraft {
  kind: MeetingKind;
  number: string;
  technicalGroup: string;
  /** A preparatory meeting: the slug of the ministerial meeting it prepares. */
  prepares: string;
  names: Record<Lang, string>;
  hostState: string;
  city: string;
  format: MeetingFormat;
  venue: string;
  onlineUrl: string;
  timeZone: string;
  start: string;
  end: string;
  registrationDeadline: string;
  workingLangs: Lang[];
  pillars: string[];
}

export function draftOf(meeting?: MeetingDetail): MeetingDraft {
  const editable = meeting?.editable;
  return {
    kind: meeting?.kind ?? 'ministerial',
    number: meeting?.number ?? '',
    technicalGroup: editable?.technicalGroup ?? '',
    prepares: editable?.prepares ?? '',
    names: { en: '', es: '', fr: '', pt: '', ...(editable?.names ?? {}) },
    hostState: editable?.hostState ?? '',
    city: meeting?.city ?? '',
    format: meeting?.format ?? 'in-person',
    venue: meeting?.venue ?? '',
    onlineUrl: meeting?.onlineUrl ?? '',
    timeZone: meeting?.timeZone ?? readerTimeZone(),
    start: editable?.start ?? '',
    end: editable?.end ?? '',
    registrationDeadline: editable?.registrationDeadline ?? '',
    workingLangs: meeting?.workingLangs ?? ['en', 'es'],
    pillars: meeting?.pillars.map((p) => p.code) ?? [],
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The body the API takes, from what was typed: empty fields are left out (null). */
function toInput(draft: MeetingDraft) {
  const physical = draft.format !== 'virtual';
  return {
    name: Object.fromEntries(
      Object.entries(draft.names)
        .filter(([, text]) => text.trim() !== '')
        .map(([lang, text]) => [lang, text.trim()]),
    ),
    technicalGroup: draft.kind === 'technical-group' ? orNull(draft.technicalGroup) : null,
    prepares: draft.kind === 'preparatory' ? orNull(draft.prepares) : null,
    hostState: orNull(draft.hostState),
    city: orNull(draft.city),
    format: draft.format,
    venue: physical ? orNull(draft.venue) : null,
    onlineUrl: draft.format === 'in-person' ? null : orNull(draft.onlineUrl),
    timeZone: draft.timeZone,
    start: draft.start,
    end: draft.end,
    registrationDeadline: draft.registrationDeadline,
    workingLangs: draft.workingLangs,
    pillars: draft.pillars,
  };
}

export function createInput(draft: MeetingDraft): MeetingCreate {
  return {
    ...toInput(draft),
    kind: draft.kind,
    number: draft.kind === 'ministerial' ? orNull(draft.number) : null,
  } as MeetingCreate;
}

export function updateInput(draft: MeetingDraft, version: number): MeetingUpdate {
  return { ...toInput(draft), version } as MeetingUpdate;
}

/** The first server error of a field or of any of its items (`workingLangs.0` → `workingLangs`). */
function errorOf(errors: Record<string, string | undefined>, name: string): string | undefined {
  return errors[name] ?? Object.entries(errors).find(([key]) => key.startsWith(`${name}.`))?.[1];
}

/**
 * The form of a meeting, to create one (kind and number chosen once) or edit it. Checks what the
 * browser can (required fields); the server checks the rest and its problem document marks the
 * fields it names.
 */
export function MeetingForm({
  initial,
  mode,
  error,
  pending,
  onSave,
}: {
  initial: MeetingDraft;
  mode: 'create' | 'edit';
  error: unknown;
  pending: boolean;
  onSave: (draft: MeetingDraft, failed: () => void) => void;
}) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(error, form);
  const checks = useChecks();
  const [draft, setDraft] = useState<MeetingDraft>(initial);
  // Not `lang`: the name fields below loop over every language under that name.
  const pageLang = useLang();
  const states = useMemberStates();
  const groups = useTechnicalGroups();
  const ministerials = useMeetings({ kind: 'ministerial' });
  const set = <K extends keyof MeetingDraft>(key: K, value: MeetingDraft[K]) => setDraft({ ...draft, [key]: value });
  const zonesOf = (slug: string) => {
    const iso2 = states.data?.find((state) => state.slug === slug)?.iso2;
    return iso2 ? zonesOfState(iso2) : [];
  };
  const hostZones = zonesOf(draft.hostState).join(' ');
  const timeZones = useMemo(
    () => zoneOptions(hostZones.split(' '), draft.timeZone, pageLang),
    [hostZones, draft.timeZone, pageLang],
  );

  function submit() {
    const found = {
      number: mode === 'create' && draft.kind === 'ministerial' ? checks.required(draft.number) : undefined,
      technicalGroup: draft.kind === 'technical-group' ? checks.required(draft.technicalGroup) : undefined,
      name: Object.values(draft.names).every((n) => n.trim() === '') ? t('meetings.form.nameRequired') : undefined,
      start: checks.required(draft.start),
      end: checks.required(draft.end),
      registrationDeadline: checks.required(draft.registrationDeadline),
      workingLangs: draft.workingLangs.length === 0 ? t('meetings.form.langRequired') : undefined,
      venue: draft.format !== 'virtual' ? checks.required(draft.venue) : undefined,
      onlineUrl: draft.format !== 'in-person' ? checks.required(draft.onlineUrl) : undefined,
    };
    if (!check(found)) return;
    onSave(draft, failed);
  }

  const text = (name: 'number' | 'city' | 'venue' | 'onlineUrl', label: string, type = 'text', hint?: string) => (
    <TextField
      label={label}
      error={errorOf(errors, name)}
      hint={hint}
      name={name}
      type={type}
      autoComplete="off"
      value={draft[name]}
      onChange={(value) => set(name, value)}
    />
  );
  const moment = (name: 'start' | 'end' | 'registrationDeadline', label: string) => (
    <TextField
      label={label}
      error={errorOf(errors, name)}
      name={name}
      type="datetime-local"
      value={draft[name]}
      onChange={(value) => set(name, value)}
    />
  );

  return (
    <form ref={form} className="form meeting-form" noValidate onSubmit={onSubmit(submit)}>
      <FormAlert message={alert} />
      {mode === 'create' && (
        <SelectField
          label={t('meetings.form.kind')}
          error={errorOf(errors, 'kind')}
          name="kind"
          value={draft.kind}
          onChange={(kind) => set('kind', kind)}
          options={MEETING_KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) }))}
        />
      )}
      {mode === 'create' &&
        draft.kind === 'ministerial' &&
        text('number', t('meetings.form.number'), 'text', t('meetings.form.numberHint'))}
      {draft.kind === 'technical-group' && (
        <SelectField
          label={t('meetings.form.technicalGroup')}
          error={errorOf(errors, 'technicalGroup')}
          name="technicalGroup"
          value={draft.technicalGroup}
          onChange={(group) => set('technicalGroup', group)}
          options={[{ value: '', label: t('meetings.form.choose') }, ...nameOptions(groups.data ?? [], pageLang)]}
        />
      )}
      {draft.kind === 'preparatory' && (
        <SelectField
          label={t('meetings.form.prepares')}
          error={errorOf(errors, 'prepares')}
          name="prepares"
          value={draft.prepares}
          onChange={(slug) => set('prepares', slug)}
          options={[
            { value: '', label: t('meetings.form.preparesNone') },
            ...(ministerials.data ?? []).map((m) => ({ value: m.slug, label: m.shortName })),
          ]}
        />
      )}
      <FieldGroup legend={t('meetings.form.name')} hint={t('meetings.form.nameHint')} error={errors.name}>
        {LANGS.map((lang) => (
          <TextField
            key={lang}
            label={languageEndonym(lang)}
            error={errorOf(errors, `name.${lang}`)}
            name={`name-${lang}`}
            lang={lang}
            autoComplete="off"
            value={draft.names[lang]}
            onChange={(value) => set('names', { ...draft.names, [lang]: value })}
          />
        ))}
      </FieldGroup>
      <SelectField
        label={t('meetings.form.format')}
        error={errorOf(errors, 'format')}
        name="format"
        value={draft.format}
        onChange={(format) => set('format', format)}
        options={MEETING_FORMATS.map((format) => ({ value: format, label: formatLabel(t, format) }))}
      />
      <SelectField
        label={t('meetings.host')}
        error={errorOf(errors, 'hostState')}
        name="hostState"
        value={draft.hostState}
        onChange={(state) => {
          // A state with one zone sets it; in a state with several the reader picks among them, listed first.
          const zones = zonesOf(state);
          setDraft({ ...draft, hostState: state, ...(zones.length === 1 ? { timeZone: zones[0] as string } : {}) });
        }}
        options={[{ value: '', label: t('meetings.form.none') }, ...nameOptions(states.data ?? [], pageLang)]}
      />
      {text('city', t('meetings.city'))}
      {draft.format !== 'virtual' && text('venue', t('meetings.venue'))}
      {draft.format !== 'in-person' && text('onlineUrl', t('meetings.onlineUrl'), 'url')}
      <SelectField
        label={t('meetings.form.timeZone')}
        error={errorOf(errors, 'timeZone')}
        hint={t('meetings.form.timeZoneHint')}
        name="timeZone"
        value={draft.timeZone}
        onChange={(zone) => set('timeZone', zone)}
        options={timeZones}
      />
      {moment('start', t('meetings.form.start'))}
      {moment('end', t('meetings.form.end'))}
      {moment('registrationDeadline', t('meetings.registrationDeadline'))}
      <CheckboxGroup
        legend={t('meetings.workingLangs')}
        name="workingLangs"
        options={LANGS.map((lang) => ({ value: lang, label: languageEndonym(lang) }))}
        chosen={draft.workingLangs}
        onChange={(langs) => set('workingLangs', langs)}
        error={errorOf(errors, 'workingLangs')}
      />
      <PillarChecks
        legend={t('meetings.pillarsHeading')}
        chosen={draft.pillars}
        onChange={(pillars) => set('pillars', pillars)}
        error={errorOf(errors, 'pillars')}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {mode === 'create' ? t('meetings.form.create') : t('meetings.form.save')}
        </button>
      </div>
    </form>
  );
}
