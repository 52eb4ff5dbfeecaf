import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Delegation,
  ParticipantCategory,
  ParticipantInput,
  ParticipantRole,
} from '../../../contract/delegations.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { type FieldErrors, FormStatus, onSubmit, SelectField, TextField, useFormErrors } from '../shared/forms.js';
import { MAX_PARTICIPANTS, ROLES, roleLabel, TEXT_MAX } from './labels.js';
import { type DelegationTarget, type DelegationWrite, useSaveDelegation } from './queries.js';
import './delegations.css';

type Row = { key: number; role: ParticipantRole; name: string; title: string; institution: string; email: string };

let nextKey = 1;
const toRow = (p: Partial<ParticipantInput> = {}): Row => ({
  key: nextKey++,
  role: p.role ?? 'member',
  name: p.name ?? '',
  title: p.title ?? '',
  institution: p.institution ?? '',
  email: p.email ?? '',
});

const sameList = (a: readonly ParticipantInput[], b: readonly ParticipantInput[]) =>
  JSON.stringify(a.map((p) => [p.role, p.name])) === JSON.stringify(b.map((p) => [p.role, p.name]));

/** A state's or an observer's delegation is led by a head; the secretariat's, press and guest entries need none. */
const needsHead = (category: ParticipantCategory) => category === 'delegation' || category === 'observer';
const firstRole = (category: ParticipantCategory): ParticipantRole => (needsHead(category) ? 'head' : 'member');

/** Fields of the form's own that say what a new registration is for (the secretariat's choice),
 * shown above the participants with the errors the server names for them, checked before sending. */
export interface TargetChooser {
  fields: (errors: FieldErrors) => ReactNode;
  check: () => FieldErrors;
}

/**
 * A state's (or a partner's) registration: the whole list of participants, edited in place and
 * sent at once. Rows are added and removed with buttons, so the form works by keyboard; on a
 * narrow screen each participant's fields stack.
 */
export function DelegationForm({
  slug,
  delegation,
  target,
  chooser,
  onCreated,
}: {
  slug: string;
  delegation: Delegation | null;
  /** For a new registration: what it is for. */
  target: DelegationTarget;
  chooser?: TargetChooser;
  /** Called when a new registration was saved (the secretariat then starts the next one). */
  onCreated?: (created: Delegation) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveDelegation(slug);
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(save.error, form);
  const category = delegation?.category ?? target.category;
  const [rows, setRows] = useState<Row[]>(() =>
    delegation && delegation.participants.length > 0
      ? delegation.participants.map(toRow)
      : [toRow({ role: firstRole(category) })],
  );
  // The secretariat may choose another category once the form is shown: a still blank form follows
  // it (a head leads a delegation; press and guests have none). Adjusted while rendering, as React
  // advises for state that follows a prop.
  const [rowsCategory, setRowsCategory] = useState(category);
  if (rowsCategory !== category) {
    setRowsCategory(category);
    const [only] = rows;
    if (rows.length === 1 && only && only.name.trim() === '') setRows([{ ...only, role: firstRole(category) }]);
  }
  // The version the rows were loaded from: a save names it, so another person's edit since then is
  // a 409 (and a reload), never overwritten.
  const [baseVersion, setBaseVersion] = useState(delegation?.version ?? 0);
  const [saved, setSaved] = useState<string | null>(null);

  function reload() {
    save.reset();
    if (!delegation) return;
    setRows(delegation.participants.map(toRow));
    setBaseVersion(delegation.version);
  }

  const textFields: Array<{ field: 'name' | 'title' | 'institution' | 'email'; label: string; email?: true }> = [
    { field: 'name', label: t('delegations.form.name') },
    { field: 'title', label: t('delegations.form.title') },
    { field: 'institution', label: t('delegations.form.institution') },
    { field: 'email', label: t('delegations.form.email'), email: true },
  ];

  const change = (key: number, field: keyof Omit<Row, 'key'>, value: string) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, [field]: value } : row)));

  function send(submit: boolean) {
    setSaved(null);
    const found: FieldErrors = delegation ? {} : (chooser?.check() ?? {});
    rows.forEach((row, i) => {
      if (row.name.trim() === '') found[`participants.${i}.name`] = t('forms.required');
      if (row.email.trim() !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(row.email.trim())) {
        found[`participants.${i}.email`] = t('forms.invalidEmail');
      }
    });
    const heads = rows.filter((r) => r.role === 'head').length;
    if (heads > 1 || (submit && heads === 0 && needsHead(category))) found.participants = t('delegations.form.oneHead');
    if (!check(found)) return;
    const participants = rows.map((r) => ({
      role: r.role,
      name: r.name.trim(),
      title: r.title.trim() || null,
      institution: r.institution.trim() || null,
      email: r.email.trim() || null,
    }));
    const write: DelegationWrite = delegation
      ? { kind: 'update', id: delegation.id, body: { version: baseVersion, participants, submit } }
      : { kind: 'create', body: { ...target, participants, submit } };
    save.mutate(write, {
      onSuccess: (now) => {
        if (!delegation) onCreated?.(now);
        setBaseVersion(now.version);
        // After the deadline the list is not applied but waits for the secretariat (202).
        const applied = sameList(now.participants, participants);
        setSaved(
          !applied
            ? t('delegations.form.changeSent')
            : submit
              ? t('delegations.form.submitted')
              : t('delegations.form.saved'),
        );
      },
      onError: () => failed(),
    });
  }

  return (
    <form ref={form} className="form delegation-form" noValidate onSubmit={onSubmit(() => send(false))}>
      <ConflictAlert
        error={save.error}
        alert={alert}
        // A new registration has nothing to reload: the server's words say what happened.
        onReload={delegation ? reload : undefined}
        reloadLabel={t('delegations.form.reload')}
        explanation={t('delegations.form.stale')}
      />
      <FormStatus message={saved} />
      {!delegation && chooser?.fields(errors)}
      {errors.participants && (
        <p className="field__error" id="participants-error">
          {errors.participants}
        </p>
      )}
      <ol className="participant-rows">
        {rows.map((row, i) => (
          <li key={row.key}>
            <fieldset className="fieldset participant-row">
              <legend>{t('delegations.form.participant', { number: i + 1 })}</legend>
              <SelectField
                label={t('delegations.form.role')}
                error={errors[`participants.${i}.role`]}
                value={row.role}
                onChange={(role) => change(row.key, 'role', role)}
                options={ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }))}
              />
              {textFields.map(({ field, label, email }) => (
                <TextField
                  key={field}
                  label={label}
                  error={errors[`participants.${i}.${field}`]}
                  type={email ? 'email' : 'text'}
                  autoComplete="off"
                  maxLength={email ? 254 : TEXT_MAX}
                  value={row[field]}
                  onChange={(value) => change(row.key, field, value)}
                />
              ))}
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
              >
                {t('delegations.form.remove', { number: i + 1 })}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="form__actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={rows.length >= MAX_PARTICIPANTS}
          onClick={() => setRows((all) => [...all, toRow()])}
        >
          {t('delegations.form.add')}
        </button>
        <button type="submit" className="button button--secondary" disabled={save.isPending}>
          {t('delegations.form.saveDraft')}
        </button>
        <button type="button" className="button" disabled={save.isPending} onClick={() => send(true)}>
          {t('delegations.form.submit')}
        </button>
      </div>
    </form>
  );
}
