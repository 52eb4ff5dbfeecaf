import { useRef, useState } from 'react';
import type { Lang } from '../../../contract/common.js';
import type {
  RecordKind,
  RecordStatus,
  RecordVersion,
  RecordVersionSummary,
} from '../../../contract/meeting-records.js';
import { languageName } from '../../i18n/languages.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDateTime } from '../account/time.js';
import { ConflictAlert, changedFields, useConflict } from '../shared/ConflictAlert.js';
import { FormAlert, onSubmit, TextAreaField, useFormErrors } from '../shared/forms.js';
import { LanguageSelect } from '../shared/LanguageSelect.js';
import { QueryState } from '../shared/QueryState.js';
import { useLang } from '../shared/useLang.js';
import { useComment, useRecordStep, useRecordVersion, useWriteRecord } from './queries.js';
import { RichTextField } from './RichTextField.js';
import './records.css';

/** Literal keys, so the catalog check sees each one. */
export function useRecordLabels() {
  const { t } = useTranslation();
  return {
    kind: (kind: RecordKind) => (kind === 'minutes' ? t('records.minutes') : t('records.report')),
    status: (status: RecordStatus) =>
      ({ draft: t('records.status.draft'), shared: t('records.status.shared'), final: t('records.status.final') })[
        status
      ],
  };
}

/**
 * The minutes or the report of a meeting: the versions one may read, one of them open with its
 * comments; the secretariat's editor and its share and finalise buttons; a delegation's comment form.
 * What the reader may do comes from each version's own `can`; `writeFirst` (the overview's) only
 * says who may write the first version, before there is one.
 */
export function RecordSection({
  slug,
  kind,
  versions,
  writeFirst,
}: {
  slug: string;
  kind: RecordKind;
  versions: RecordVersionSummary[];
  writeFirst: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels = useRecordLabels();
  const latest = versions[0] ?? null;
  const newest = useRecordVersion(slug, kind, latest?.version ?? null);
  const edit = latest === null ? writeFirst : (newest.data?.can.edit ?? false);
  const [chosen, setChosen] = useState<number | null>(null);
  const open = chosen ?? latest?.version ?? null;
  const headingId = `record-${kind}`;
  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>{labels.kind(kind)}</h2>
      {versions.length === 0 ? (
        <p className="empty">{t('records.none')}</p>
      ) : (
        <ul className="plain-list">
          {versions.map((v) => (
            <li key={v.version}>
              <button
                type="button"
                className="button button--secondary button--small"
                aria-pressed={v.version === open}
                onClick={() => setChosen(v.version)}
              >
                {t('records.versionLabel', { version: v.version })}
              </button>{' '}
              <span className="badge">{labels.status(v.status)}</span> {languageName(v.lang, lang)} ·{' '}
              {formatDateTime(v.updatedAt, lang)}
            </li>
          ))}
        </ul>
      )}
      {open !== null && <VersionView slug={slug} kind={kind} version={open} />}
      {edit && <RecordEditor key={latest?.updatedAt ?? 'none'} slug={slug} kind={kind} latest={latest} />}
    </section>
  );
}

function VersionView({ slug, kind, version }: { slug: string; kind: RecordKind; version: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels = useRecordLabels();
  const query = useRecordVersion(slug, kind, version);
  return (
    <QueryState query={query}>
      {(v) => (
        <article className="stack" aria-label={t('records.versionLabel', { version: v.version })}>
          <h3>
            {t('records.versionLabel', { version: v.version })} — {labels.status(v.status)}
          </h3>
          <div
            className="record-body rich-text"
            lang={v.lang}
            // biome-ignore lint/security/noDangerouslySetInnerHtml: the server stores only HTML it sanitised with an allow-list, whatever was sent (server/modules/meeting-records/rich-text.ts)
            dangerouslySetInnerHTML={{ __html: v.body }}
          />
          {v.comments.length > 0 && (
            <>
              <h4>{t('records.comments')}</h4>
              <ul className="plain-list">
                {v.comments.map((c) => (
                  <li key={c.id}>
                    <strong>
                      {c.author ?? '—'}
                      {c.memberState ? ` (${c.memberState.toUpperCase()})` : ''}
                    </strong>
                    , {formatDateTime(c.createdAt, lang)}: <span className="record-body">{c.body}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {v.can.comment && <CommentForm slug={slug} kind={kind} version={v.version} />}
        </article>
      )}
    </QueryState>
  );
}

function CommentForm({ slug, kind, version }: { slug: string; kind: RecordKind; version: number }) {
  const { t } = useTranslation();
  const add = useComment(slug, kind, version);
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, check, failed } = useFormErrors(add.error, form);
  const [body, setBody] = useState('');
  function submit() {
    if (!check({ body: body.trim() ? undefined : t('forms.required') })) return;
    add.mutate({ body: body.trim() }, { onSuccess: () => setBody(''), onError: failed });
  }
  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)}>
      <FormAlert message={alert} />
      <TextAreaField label={t('records.commentLabel')} error={errors.body} rows={3} value={body} onChange={setBody} />
      <div className="form__actions">
        <button type="submit" className="button" disabled={add.isPending}>
          {t('records.commentSend')}
        </button>
      </div>
    </form>
  );
}

/** Writes a draft (or a new version after a final one), shares it, makes it final. */
function RecordEditor({ slug, kind, latest }: { slug: string; kind: RecordKind; latest: RecordVersionSummary | null }) {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  const current = useRecordVersion(slug, kind, latest?.version ?? null);
  const write = useWriteRecord(slug, kind);
  const step = useRecordStep(slug, kind);
  const form = useRef<HTMLFormElement>(null);
  const { errors, check, failed } = useFormErrors(write.error, form);
  const editingFinal = latest?.status === 'final';
  const [body, setBody] = useState<string | null>(null);
  const [textLang, setTextLang] = useState<Lang | null>(null);
  // The version the edits started from, pinned at the first keystroke: the lists read again after
  // a refused save must not make the next save overwrite someone else's text unasked (issue 11).
  const conflict = useConflict<RecordVersion | null>(null, write, (value) => 'body' in value);
  const { read, setRead, kept } = conflict;
  const text = body ?? current.data?.body ?? '';
  const language = textLang ?? latest?.lang ?? 'es';
  const editing = body !== null || textLang !== null;
  const updatedAt = editing ? (read?.updatedAt ?? null) : (latest?.updatedAt ?? null);
  const now = conflict.current;
  const changed =
    read && now
      ? changedFields(read, now, [
          [t('records.language'), (v) => v.lang],
          [t('records.body', { kind: labels.kind(kind) }), (v) => v.body],
        ])
      : [];
  const startEditing = () => {
    if (!editing) setRead(current.data ?? null);
  };
  const reload = () => {
    setBody(null);
    setTextLang(null);
    conflict.sending();
    write.reset();
    step.reset();
    void current.refetch();
  };
  function submit() {
    conflict.sending();
    if (!check({ body: text.trim() ? undefined : t('forms.required') })) return;
    // The saved version is the one further edits start from.
    write.mutate({ lang: language, body: text, updatedAt }, { onSuccess: setRead, onError: failed });
  }
  const headingId = `record-editor-${kind}`;
  const can = current.data?.can;
  // Before the meeting is held, sharing and finalising wait; an administrator may make them as an override.
  const notHeld = latest !== null && latest.status !== 'final' && can !== undefined && !can.finalise;
  const noteId = `record-not-held-${kind}`;
  const stepButton = (which: 'share' | 'finalise', label: string, early: string) =>
    latest && (
      <button
        type="button"
        className="button button--secondary"
        disabled={step.isPending || !(can?.[which] || can?.override)}
        aria-describedby={notHeld ? noteId : undefined}
        onClick={() =>
          step.mutate({ step: which, updatedAt: latest.updatedAt, ...(can?.[which] ? {} : { override: true }) })
        }
      >
        {can?.override ? early : label}
      </button>
    );
  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {latest === null
          ? t('records.writeFirst', { kind: labels.kind(kind) })
          : editingFinal
            ? t('records.writeNext', { version: latest.version + 1 })
            : t('records.editDraft', { version: latest.version })}
      </h3>
      <ConflictAlert
        error={write.error ?? step.error}
        changedFields={changed}
        onKeep={editing ? conflict.keep : undefined}
        onReload={reload}
        kept={kept}
      />
      <LanguageSelect
        label={t('records.language')}
        value={language}
        onChange={(value) => {
          startEditing();
          setTextLang(value);
        }}
      />
      <RichTextField
        label={t('records.body', { kind: labels.kind(kind) })}
        error={errors.body}
        value={text}
        onChange={(value) => {
          startEditing();
          setBody(value);
        }}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={write.isPending}>
          {t('records.save')}
        </button>
        {latest?.status === 'draft' && stepButton('share', t('records.share'), t('records.shareEarly'))}
        {latest &&
          latest.status !== 'final' &&
          stepButton('finalise', t('records.finalise'), t('records.finaliseEarly'))}
      </div>
      {notHeld && (
        <p className="notice" id={noteId}>
          {t('records.notHeld')} {can?.override && t('records.overrideNote')}
        </p>
      )}
    </form>
  );
}
