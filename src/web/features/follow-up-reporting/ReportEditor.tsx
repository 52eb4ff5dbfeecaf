import { useEffect, useRef, useState } from 'react';
import type { FollowUpItem, Report, ReportFile } from '../../../contract/follow-up.js';
import { FOLLOW_UP_STATUSES, REPORT_LINE_MAX, REPORT_TEXT_MAX } from '../../../domain/follow-up.js';
import { useTranslation } from '../../i18n/react.js';
import { formatSize } from '../meeting-documents/labels.js';
import { ConflictAlert, useConflict } from '../shared/ConflictAlert.js';
import {
  Field,
  FieldGroup,
  FormAlert,
  FormStatus,
  onSubmit,
  SelectField,
  TextAreaField,
  TextField,
  useFormErrors,
  useProblemMessage,
} from '../shared/forms.js';
import { UploadProgress } from '../shared/upload.js';
import { useLang } from '../shared/useLang.js';
import { emptyIndicator, type FormDraft, formOf, type IndicatorRow, toSend, type ValueYear } from './draft.js';
import { statusLabel } from './labels.js';
import { type Slot, useRemoveEvidence, useSaveDraft, useSubmitReport, useUploadEvidence } from './queries.js';

/** How long typing may pause before the draft is saved. */
const AUTOSAVE_MS = 800;

/**
 * A state's report on one item, as its focal point writes it. The draft saves itself a moment
 * after each change (and at once when the tab is hidden or the report left), naming the version it
 * read, so a closed tab loses nothing; a save refused because someone else saved meanwhile is said
 * once, through ConflictAlert, and autosaving waits for the choice. Evidence files are kept apart
 * from the draft's version: an upload never makes the draft stale.
 */
export function ReportEditor({
  slot,
  report,
  item,
  onSubmitted,
}: {
  slot: Slot;
  report: Report | null;
  item: FollowUpItem;
  onSubmitted: (report: Report) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const problemMessage = useProblemMessage();
  const save = useSaveDraft(slot);
  const submit = useSubmitReport(slot);
  const write = {
    error: save.error ?? submit.error,
    reset: () => {
      save.reset();
      submit.reset();
    },
  };
  const conflict = useConflict<Report | null>(report, write, (value) => 'reportState' in value);
  const { read, current } = conflict;
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(current ? null : write.error, form);
  const [draft, setDraft] = useState<FormDraft>(() => formOf(report));
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [files, setFiles] = useState<ReportFile[]>(report?.files ?? []);
  const upload = useUploadEvidence(slot, (written) => {
    if (written) setFiles(written.files);
  });
  const remove = useRemoveEvidence(slot);

  // What the autosave reads when it runs, whenever that is. The version read is the form's (after
  // a conflict, the one kept or loaded), and a save's own at once, before the page renders again.
  const latest = useRef({ draft, read, blocked: false });
  const seen = useRef(read);
  if (seen.current !== read) {
    seen.current = read;
    latest.current.read = read;
  }
  latest.current.draft = draft;
  latest.current.blocked = current !== null;
  const dirty = useRef(false);
  const running = useRef<Promise<void> | null>(null);

  async function flush(keepalive = false): Promise<void> {
    if (running.current) await running.current;
    if (!dirty.current || latest.current.blocked) return;
    dirty.current = false;
    const version = latest.current.read?.version;
    const body = { ...toSend(latest.current.draft), ...(version === undefined ? {} : { version }) };
    conflict.sending();
    running.current = save.mutateAsync({ body, keepalive }).then(
      (saved) => {
        latest.current.read = saved;
        conflict.setRead(saved);
        setSavedAt(new Date());
      },
      () => {
        // Sent again with the next change (or, after a conflict, once the reader chose).
        dirty.current = true;
        failed();
      },
    );
    await running.current;
    running.current = null;
  }
  const flushRef = useRef(flush);
  flushRef.current = flush;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the timer starts again after each change of the draft
  useEffect(() => {
    if (!dirty.current) return;
    const timer = setTimeout(() => void flushRef.current(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === 'hidden') void flushRef.current(true);
    };
    document.addEventListener('visibilitychange', hidden);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      // Leaving this report for another: what was typed is saved first.
      void flushRef.current(true);
    };
  }, []);

  const set = (change: Partial<FormDraft>) => {
    dirty.current = true;
    setDraft((before) => ({ ...before, ...change }));
  };

  async function saveNow() {
    dirty.current = true;
    await flush();
  }

  async function send() {
    const found = {
      status: draft.status === '' ? t('followUp.reporting.statusRequired') : undefined,
      notApplicableReason:
        draft.status === 'not-applicable' && draft.notApplicableReason.trim() === ''
          ? t('followUp.reporting.reasonRequired')
          : undefined,
    };
    if (!check(found)) return;
    if (!latest.current.read) dirty.current = true;
    await flush();
    const version = latest.current.read?.version;
    if (version === undefined || latest.current.blocked || save.isError) return;
    submit.mutate(version, { onSuccess: onSubmitted, onError: failed });
  }

  async function attach(file: File | undefined) {
    if (!file) return;
    // A file is attached to a saved report: the draft is saved first.
    if (!latest.current.read) dirty.current = true;
    await flush();
    if (latest.current.read) upload.mutation.mutate({ file });
  }

  const statusOptions = [
    { value: '' as const, label: t('followUp.reporting.chooseStatus') },
    ...FOLLOW_UP_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) })),
  ];
  const saving = save.isPending || running.current !== null;
  const time = new Intl.DateTimeFormat(lang, { timeStyle: 'short' });

  return (
    <form ref={form} className="form report-editor" noValidate onSubmit={onSubmit(() => void send())}>
      <ConflictAlert
        error={write.error}
        alert={alert}
        title={t('followUp.reporting.conflict')}
        onKeep={conflict.keep}
        onReload={conflict.load((now) => {
          dirty.current = false;
          setDraft(formOf(now));
        })}
        kept={conflict.kept}
      />
      {read?.reportState === 'changes-requested' && read.reviewComment && (
        <div className="notice notice--warning">
          <p>{t('followUp.reporting.changesRequested')}</p>
          <p>{read.reviewComment}</p>
        </div>
      )}
      <SelectField
        label={t('followUp.reporting.statusLabel')}
        error={errors.status}
        value={draft.status}
        onChange={(status) => set({ status })}
        options={statusOptions}
      />
      {draft.status === 'not-applicable' && (
        <TextAreaField
          label={t('followUp.reporting.notApplicableReason')}
          error={errors.notApplicableReason}
          maxLength={REPORT_TEXT_MAX}
          rows={3}
          value={draft.notApplicableReason}
          onChange={(notApplicableReason) => set({ notApplicableReason })}
        />
      )}
      <TextAreaField
        label={t('followUp.reporting.measures')}
        hint={t('followUp.reporting.measuresHint')}
        error={errors.measures}
        maxLength={REPORT_TEXT_MAX}
        rows={5}
        value={draft.measures}
        onChange={(measures) => set({ measures })}
      />
      <TextField
        label={t('followUp.reporting.institution')}
        error={errors.institution}
        maxLength={REPORT_LINE_MAX}
        value={draft.institution}
        onChange={(institution) => set({ institution })}
      />
      {item.subItems.length > 0 && (
        <FieldGroup legend={t('followUp.reporting.subItems')} hint={t('followUp.reporting.subItemsHint')}>
          {item.subItems.map((sub) => (
            <SelectField
              key={sub.id}
              label={<span lang={sub.text.lang}>{sub.text.text}</span>}
              value={draft.subItems[sub.id] ?? ''}
              onChange={(status) => set({ subItems: { ...draft.subItems, [sub.id]: status } })}
              options={statusOptions}
            />
          ))}
        </FieldGroup>
      )}

      <FieldGroup legend={t('followUp.reporting.evidence')} hint={t('followUp.reporting.evidenceHint')}>
        <h3 className="report-editor__subheading">{t('followUp.reporting.files')}</h3>
        {files.length === 0 ? (
          <p>{t('followUp.reporting.noFiles')}</p>
        ) : (
          <ul className="plain-list report-files">
            {files.map((file) => (
              <li key={file.id}>
                <a href={file.url}>{file.name}</a> ({formatSize(file.size, lang)}){' '}
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(file.id, { onSuccess: (r) => setFiles(r.files) })}
                >
                  {t('followUp.reporting.removeFile', { name: file.name })}
                </button>
              </li>
            ))}
          </ul>
        )}
        <Field label={t('followUp.reporting.addFile')} hint={t('followUp.reporting.addFileHint')}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".pdf,.docx,.xlsx,.pptx,.odt,.png,.jpg,.jpeg,.webp"
              disabled={upload.progress !== null}
              onChange={(event) => {
                void attach(event.target.files?.[0]);
                event.target.value = '';
              }}
            />
          )}
        </Field>
        <UploadProgress progress={upload.progress} />
        <FormAlert message={problemMessage(upload.mutation.error ?? remove.error)} />
        <FormStatus
          message={upload.mutation.isSuccess && upload.progress === null ? t('followUp.reporting.fileAdded') : null}
        />

        <h3 className="report-editor__subheading">{t('followUp.reporting.links')}</h3>
        {draft.evidence.map((link, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved; they are edited in place
          <div key={i} className="report-row">
            <TextField
              label={t('followUp.reporting.linkUrl', { n: i + 1 })}
              error={errors[`evidence.${i}.url`]}
              type="url"
              inputMode="url"
              spellCheck={false}
              maxLength={REPORT_LINE_MAX}
              value={link.url}
              onChange={(url) => set({ evidence: draft.evidence.map((e, j) => (j === i ? { ...e, url } : e)) })}
            />
            <TextField
              label={t('followUp.reporting.linkTitle', { n: i + 1 })}
              maxLength={REPORT_LINE_MAX}
              value={link.title}
              onChange={(title) => set({ evidence: draft.evidence.map((e, j) => (j === i ? { ...e, title } : e)) })}
            />
            <RemoveRow
              label={t('followUp.reporting.removeLink', { n: i + 1 })}
              onClick={() => set({ evidence: draft.evidence.filter((_, j) => j !== i) })}
            />
          </div>
        ))}
        <AddRow
          label={t('followUp.reporting.addLink')}
          onClick={() => set({ evidence: [...draft.evidence, { url: '', title: '' }] })}
        />
      </FieldGroup>

      <FieldGroup legend={t('followUp.reporting.indicators')} hint={t('followUp.reporting.indicatorsHint')}>
        {draft.indicators.map((indicator, i) => {
          const change = (next: Partial<IndicatorRow>) =>
            set({ indicators: draft.indicators.map((x, j) => (j === i ? { ...x, ...next } : x)) });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; they are edited in place
            <div key={i} className="report-row report-row--indicator">
              <TextField
                label={t('followUp.reporting.indicatorName', { n: i + 1 })}
                maxLength={REPORT_LINE_MAX}
                value={indicator.name}
                onChange={(name) => change({ name })}
              />
              <TextField
                label={t('followUp.reporting.indicatorUnit', { n: i + 1 })}
                maxLength={100}
                value={indicator.unit}
                onChange={(unit) => change({ unit })}
              />
              {(
                [
                  ['baseline', t('followUp.reporting.baseline', { n: i + 1 })],
                  ['target', t('followUp.reporting.target', { n: i + 1 })],
                  ['latest', t('followUp.reporting.latest', { n: i + 1 })],
                ] as const
              ).map(([which, legend]) => (
                <ValueYearFields
                  key={which}
                  legend={legend}
                  value={indicator[which]}
                  onChange={(v) => change({ [which]: v })}
                />
              ))}
              <RemoveRow
                label={t('followUp.reporting.removeIndicator', { n: i + 1 })}
                onClick={() => set({ indicators: draft.indicators.filter((_, j) => j !== i) })}
              />
            </div>
          );
        })}
        <AddRow
          label={t('followUp.reporting.addIndicator')}
          onClick={() => set({ indicators: [...draft.indicators, emptyIndicator()] })}
        />
      </FieldGroup>

      <FieldGroup legend={t('followUp.reporting.milestones')}>
        {draft.milestones.map((milestone, i) => {
          const change = (next: Partial<FormDraft['milestones'][number]>) =>
            set({ milestones: draft.milestones.map((x, j) => (j === i ? { ...x, ...next } : x)) });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; they are edited in place
            <div key={i} className="report-row">
              <TextField
                label={t('followUp.reporting.milestoneDate', { n: i + 1 })}
                type="date"
                value={milestone.date}
                onChange={(date) => change({ date })}
              />
              <TextField
                label={t('followUp.reporting.milestoneText', { n: i + 1 })}
                maxLength={REPORT_LINE_MAX}
                value={milestone.text}
                onChange={(text) => change({ text })}
              />
              <label className="field--check">
                <input type="checkbox" checked={milestone.done} onChange={(e) => change({ done: e.target.checked })} />
                {t('followUp.reporting.milestoneDone', { n: i + 1 })}
              </label>
              <RemoveRow
                label={t('followUp.reporting.removeMilestone', { n: i + 1 })}
                onClick={() => set({ milestones: draft.milestones.filter((_, j) => j !== i) })}
              />
            </div>
          );
        })}
        <AddRow
          label={t('followUp.reporting.addMilestone')}
          onClick={() => set({ milestones: [...draft.milestones, { date: '', text: '', done: false }] })}
        />
      </FieldGroup>

      <TextAreaField
        label={t('followUp.reporting.cooperation')}
        hint={t('followUp.reporting.cooperationHint')}
        error={errors.cooperation}
        maxLength={REPORT_TEXT_MAX}
        rows={3}
        value={draft.cooperation}
        onChange={(cooperation) => set({ cooperation })}
      />

      <FormStatus
        message={
          saving
            ? t('followUp.reporting.saving')
            : savedAt
              ? t('followUp.reporting.savedAt', { time: time.format(savedAt) })
              : null
        }
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={submit.isPending}>
          {t('followUp.reporting.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => void saveNow()}>
          {t('followUp.reporting.saveNow')}
        </button>
      </div>
    </form>
  );
}

function ValueYearFields({
  legend,
  value,
  onChange,
}: {
  legend: string;
  value: ValueYear;
  onChange: (value: ValueYear) => void;
}) {
  const { t } = useTranslation();
  return (
    <FieldGroup legend={legend} className="value-year">
      <TextField
        label={t('followUp.reporting.value')}
        inputMode="decimal"
        value={value.value}
        onChange={(v) => onChange({ ...value, value: v })}
      />
      <TextField
        label={t('followUp.reporting.year')}
        inputMode="numeric"
        maxLength={4}
        value={value.year}
        onChange={(year) => onChange({ ...value, year })}
      />
    </FieldGroup>
  );
}

function AddRow({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <p>
      <button type="button" className="button button--secondary button--small" onClick={onClick}>
        {label}
      </button>
    </p>
  );
}

function RemoveRow({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="button button--secondary button--small" onClick={onClick}>
      {label}
    </button>
  );
}
