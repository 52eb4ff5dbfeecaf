import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../contract/common.js';
import type { MeetingCreate, MeetingFormat, MeetingKind, MeetingUpdate } from '../../../contract/meetings.js';
import type { MeetingDetail } from '../../../contract/reference.js';
import { languageEndonym, PORTAL_LANGS } from '../../i18n/languages.js';
import { Field, FormAlert, onSubmit, useChecks, useFormErrors } from '../account/forms.js';
import { useMemberStates } from '../member-states/queries.js';
import { usePillars } from '../pillars/queries.js';
import { useTechnicalGroups } from '../technical-groups/queries.js';
import { formatLabel, kindLabel } from './labels.js';
import { readerTimeZone } from './MeetingTimes.js';
import './meetings.css';

const KINDS: MeetingKind[] = ['ministerial', 'preparatory', 'technical-group'];
const FORMATS: MeetingFormat[] = ['in-person', 'virtual', 'hybrid'];

/** Every IANA zone the browser knows (the server checks against its own list too). */
const ZONES: string[] = (() => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [readerTimeZone()];
})();

export interface MeetingDraft {
  kind: MeetingKind;
  number: string;
  technicalGroup: string;
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
  const states = useMemberStates();
  const groups = useTechnicalGroups();
  const pillars = usePillars();
  const set = <K extends keyof MeetingDraft>(key: K, value: MeetingDraft[K]) => setDraft({ ...draft, [key]: value });
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

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
    <Field label={label} error={errorOf(errors, name)} hint={hint}>
      {(control) => (
        <input
          {...control}
          name={name}
          type={type}
          autoComplete="off"
          value={draft[name]}
          onChange={(e) => set(name, e.target.value)}
        />
      )}
    </Field>
  );
  const moment = (name: 'start' | 'end' | 'registrationDeadline', label: string) => (
    <Field label={label} error={errorOf(errors, name)}>
      {(control) => (
        <input
          {...control}
          name={name}
          type="datetime-local"
          value={draft[name]}
          onChange={(e) => set(name, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form ref={form} className="form meeting-form" noValidate onSubmit={onSubmit(submit)}>
      <FormAlert message={alert} />
      {mode === 'create' && (
        <Field label={t('meetings.form.kind')} error={errorOf(errors, 'kind')}>
          {(control) => (
            <select
              {...control}
              name="kind"
              value={draft.kind}
              onChange={(e) => set('kind', e.target.value as MeetingKind)}
            >
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kindLabel(t, kind)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {mode === 'create' &&
        draft.kind === 'ministerial' &&
        text('number', t('meetings.form.number'), 'text', t('meetings.form.numberHint'))}
      {draft.kind === 'technical-group' && (
        <Field label={t('meetings.form.technicalGroup')} error={errorOf(errors, 'technicalGroup')}>
          {(control) => (
            <select
              {...control}
              name="technicalGroup"
              value={draft.technicalGroup}
              onChange={(e) => set('technicalGroup', e.target.value)}
            >
              <option value="">{t('meetings.form.choose')}</option>
              {(groups.data ?? []).map((group) => (
                <option key={group.slug} value={group.slug}>
                  {group.name.text}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <fieldset className="fieldset" aria-describedby="meeting-name-hint">
        <legend>{t('meetings.form.name')}</legend>
        <p id="meeting-name-hint" className="field__hint">
          {t('meetings.form.nameHint')}
        </p>
        {PORTAL_LANGS.map((lang) => (
          <Field key={lang} label={languageEndonym(lang)} error={errorOf(errors, `name.${lang}`)}>
            {(control) => (
              <input
                {...control}
                name={`name-${lang}`}
                lang={lang}
                autoComplete="off"
                value={draft.names[lang]}
                onChange={(e) => set('names', { ...draft.names, [lang]: e.target.value })}
              />
            )}
          </Field>
        ))}
        {errors.name && <p className="field__error">{errors.name}</p>}
      </fieldset>
      <Field label={t('meetings.form.format')} error={errorOf(errors, 'format')}>
        {(control) => (
          <select
            {...control}
            name="format"
            value={draft.format}
            onChange={(e) => set('format', e.target.value as MeetingFormat)}
          >
            {FORMATS.map((format) => (
              <option key={format} value={format}>
                {formatLabel(t, format)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('meetings.host')} error={errorOf(errors, 'hostState')}>
        {(control) => (
          <select
            {...control}
            name="hostState"
            value={draft.hostState}
            onChange={(e) => set('hostState', e.target.value)}
          >
            <option value="">{t('meetings.form.none')}</option>
            {(states.data ?? []).map((state) => (
              <option key={state.slug} value={state.slug}>
                {state.name.text}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text('city', t('meetings.city'))}
      {draft.format !== 'virtual' && text('venue', t('meetings.venue'))}
      {draft.format !== 'in-person' && text('onlineUrl', t('meetings.onlineUrl'), 'url')}
      <Field
        label={t('meetings.form.timeZone')}
        error={errorOf(errors, 'timeZone')}
        hint={t('meetings.form.timeZoneHint')}
      >
        {(control) => (
          <select {...control} name="timeZone" value={draft.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
            {(ZONES.includes(draft.timeZone) ? ZONES : [draft.timeZone, ...ZONES]).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </Field>
      {moment('start', t('meetings.form.start'))}
      {moment('end', t('meetings.form.end'))}
      {moment('registrationDeadline', t('meetings.registrationDeadline'))}
      <fieldset className="fieldset">
        <legend>{t('meetings.workingLangs')}</legend>
        <ul className="check-list">
          {PORTAL_LANGS.map((lang) => (
            <li key={lang}>
              <label>
                <input
                  type="checkbox"
                  name="workingLangs"
                  value={lang}
                  checked={draft.workingLangs.includes(lang)}
                  onChange={() => set('workingLangs', toggle(draft.workingLangs, lang))}
                />{' '}
                {languageEndonym(lang)}
              </label>
            </li>
          ))}
        </ul>
        {errorOf(errors, 'workingLangs') && <p className="field__error">{errorOf(errors, 'workingLangs')}</p>}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('meetings.pillarsHeading')}</legend>
        <ul className="check-list">
          {(pillars.data ?? []).map((pillar) => (
            <li key={pillar.code}>
              <label>
                <input
                  type="checkbox"
                  name="pillars"
                  value={pillar.code}
                  checked={draft.pillars.includes(pillar.code)}
                  onChange={() => set('pillars', toggle(draft.pillars, pillar.code))}
                />{' '}
                {pillar.name.text}
              </label>
            </li>
          ))}
        </ul>
        {errorOf(errors, 'pillars') && <p className="field__error">{errorOf(errors, 'pillars')}</p>}
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {mode === 'create' ? t('meetings.form.create') : t('meetings.form.save')}
        </button>
      </div>
    </form>
  );
}
