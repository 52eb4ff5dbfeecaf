import { type ReactNode, useRef, useState } from 'react';
import type {
  Delegation,
  ParticipantCategory,
  ParticipantInput,
  ParticipantRole,
} from '../../../contract/delegations.js';
import { MAX_PARTICIPANTS, PARTICIPANT_ROLES, TEXT_MAX } from '../../../domain/delegations.js';
import { EMAIL_MAX } from '../../../domain/text.js';
import { useTranslation } from '../../i18n/react.js';
import { ConflictAlert, conflictCurrent } from '../shared/ConflictAlert.js';
import { type FieldErrors, FormStatus, onSubmit, SelectField, TextField, useFormErrors } from '../shared/forms.js';
import { delegationName } from './DelegationSummary.js';
import { roleLabel } from './labels.js';
import { type DelegationTarget, type DelegationWrite, useSaveDelegation } from './queries.js';
import { sameParticipants, useRegistrationChanges } from './RegistrationConflict.js';
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

/** The participants the rows say, as the API takes them (blank optional texts as none). */
const toParticipants = (rows: readonly Row[]): ParticipantInput[] =>
  rows.map((r) => ({
    role: r.role,
    name: r.name.trim(),
    title: r.title.trim() || null,
    institution: r.institution.trim() || null,
    email: r.email.trim() || null,
  }));

/** Why a state's save would not apply at once but go to the secretariat as a change to decide. */
export type ChangeRequest = 'accredited' | 'late' | null;

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
  changeRequest = null,
}: {
  slug: string;
  delegation: Delegation | null;
  /** For a new registration: what it is for. */
  target: DelegationTarget;
  chooser?: TargetChooser;
  /** Called when a new registration was saved (the secretariat then starts the next one). */
  onCreated?: (created: Delegation) => void;
  /** Said before a save that will be a change for the secretariat rather than applied. */
  changeRequest?: ChangeRequest;
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
  // The registration the rows were loaded from, or last saved as: a save names its version, so
  // another person's edit since then is a 409, never overwritten.
  const [read, setRead] = useState<Delegation | null>(delegation);
  // A newer version whose participants are those read (the page's own upload or submission, a
  // decision of the secretariat) or those of the rows changes nothing the form edits: the form
  // follows it, so the page's own writes never make its next save a conflict (issue 11).
  if (
    delegation &&
    read &&
    delegation.id === read.id &&
    delegation.version > read.version &&
    (sameParticipants(delegation.participants, read.participants) ||
      sameParticipants(delegation.participants, toParticipants(rows)))
  ) {
    setRead(delegation);
  }
  const [saved, setSaved] = useState<string | null>(null);
  // The registration as it is now, carried by the 409 that refused a save naming an older version.
  const conflict = conflictCurrent<Delegation>(save.error, (current) => 'participants' in current);
  const changes = useRegistrationChanges(read, conflict);

  /** After a conflict: the current registration, in place of the rows. */
  function load(current: Delegation) {
    save.reset();
    setRows(current.participants.map(toRow));
    setRead(current);
  }

  /** After a conflict: the rows stay, and the next save replaces the current registration. */
  function keep(current: Delegation) {
    save.reset();
    setRead(current);
    setSaved(t('delegations.conflict.kept'));
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
    const found: FieldErrors = read ? {} : (chooser?.check() ?? {});
    rows.forEach((row, i) => {
      if (row.name.trim() === '') found[`participants.${i}.name`] = t('forms.required');
      if (row.email.trim() !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(row.email.trim())) {
        found[`participants.${i}.email`] = t('forms.invalidEmail');
      }
    });
    const heads = rows.filter((r) => r.role === 'head').length;
    if (heads > 1 || (submit && heads === 0 && needsHead(category))) found.participants = t('delegations.form.oneHead');
    if (!check(found)) return;
    const participants = toParticipants(rows);
    const write: DelegationWrite = read
      ? { kind: 'update', id: read.id, body: { version: read.version, participants, submit } }
      : { kind: 'create', body: { ...target, participants, submit } };
    save.mutate(write, {
      onSuccess: (now) => {
        if (!read) onCreated?.(now);
        setRead(now);
        // An accredited delegation's edit, or one after the deadline, waits for the secretariat (202).
        const pending = now.changes.find((c) => c.status === 'pending');
        const asked = pending !== undefined && sameParticipants(pending.participants, participants);
        setSaved(
          asked
            ? now.status === 'accredited'
              ? t('delegations.form.changeSentAccredited', { name: delegationName(now) })
              : t('delegations.form.changeSent')
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
      {/* A conflict is said once, in the form's words, with what changed and the way on. */}
      <ConflictAlert
        error={save.error}
        alert={alert}
        title={t('delegations.conflict.title')}
        changes={changes}
        onKeep={conflict && read ? () => keep(conflict) : undefined}
        onReload={conflict && read ? () => load(conflict) : undefined}
        reloadLabel={t('delegations.form.reload')}
      />
      <FormStatus message={saved} />
      {changeRequest && !conflict && (
        <p className="notice notice--warning">
          {changeRequest === 'accredited'
            ? t('delegations.form.accreditedWarning', { name: read ? delegationName(read) : '' })
            : t('delegations.form.lateWarning')}
        </p>
      )}
      {!read && chooser?.fields(errors)}
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
                options={PARTICIPANT_ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }))}
              />
              {textFields.map(({ field, label, email }) => (
                <TextField
                  key={field}
                  label={label}
                  error={errors[`participants.${i}.${field}`]}
                  type={email ? 'email' : 'text'}
                  autoComplete="off"
                  maxLength={email ? EMAIL_MAX : TEXT_MAX}
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
