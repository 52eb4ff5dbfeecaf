import { useRef, useState } from 'react';
import type { Report } from '../../../contract/follow-up.js';
import { REPORT_TEXT_MAX, REVIEW_DECISIONS, type ReviewDecision } from '../../../domain/follow-up.js';
import { useTranslation } from '../../i18n/react.js';
import { TableWrap } from '../account/TableWrap.js';
import { formatSize } from '../meeting-documents/labels.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { formatDate, formatNumber } from '../shared/format.js';
import { FormStatus, onSubmit, TextAreaField, useFormErrors } from '../shared/forms.js';
import { useLang } from '../shared/useLang.js';
import { decisionLabel, statusLabel } from './labels.js';
import { type Slot, usePublishReport, useReviewReport } from './queries.js';

/** A report as submitted: what the secretariat reviews, and what the state reads once it is sent. */
export function ReportView({ report }: { report: Report }) {
  const { t } = useTranslation();
  const lang = useLang();
  const num = (v: { value: number; year: number } | null) =>
    v ? t('followUp.reporting.valueInYear', { value: formatNumber(v.value, lang), year: v.year }) : '—';
  return (
    <div className="report-view stack">
      <dl className="report-view__facts">
        <dt>{t('followUp.reporting.statusLabel')}</dt>
        <dd>{report.status ? statusLabel(t, report.status) : '—'}</dd>
        {report.status === 'not-applicable' && (
          <>
            <dt>{t('followUp.reporting.notApplicableReason')}</dt>
            <dd>{report.notApplicableReason}</dd>
          </>
        )}
        <dt>{t('followUp.reporting.measures')}</dt>
        <dd className="report-view__text">{report.measures ?? '—'}</dd>
        <dt>{t('followUp.reporting.institution')}</dt>
        <dd>{report.institution ?? '—'}</dd>
        <dt>{t('followUp.reporting.cooperation')}</dt>
        <dd className="report-view__text">{report.cooperation ?? '—'}</dd>
        {report.progress !== null && (
          <>
            <dt>{t('followUp.reporting.progress')}</dt>
            <dd>{new Intl.NumberFormat(lang, { style: 'percent' }).format(report.progress / 100)}</dd>
          </>
        )}
      </dl>
      <h3>{t('followUp.reporting.evidence')}</h3>
      {report.files.length + report.evidence.length === 0 ? (
        <p>{t('followUp.reporting.noEvidence')}</p>
      ) : (
        <ul className="plain-list">
          {report.files.map((file) => (
            <li key={file.id}>
              <a href={file.url}>{file.name}</a> ({formatSize(file.size, lang)})
            </li>
          ))}
          {report.evidence.map((link) => (
            <li key={link.url}>
              <a href={link.url} rel="noopener noreferrer">
                {link.title ?? link.url}
              </a>
            </li>
          ))}
        </ul>
      )}
      {report.indicators.length > 0 && (
        <TableWrap label={t('followUp.reporting.indicators')}>
          <table className="data-table">
            <caption>{t('followUp.reporting.indicators')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('followUp.reporting.indicatorNameColumn')}</th>
                <th scope="col">{t('followUp.reporting.indicatorUnitColumn')}</th>
                <th scope="col">{t('followUp.reporting.baselineColumn')}</th>
                <th scope="col">{t('followUp.reporting.targetColumn')}</th>
                <th scope="col">{t('followUp.reporting.latestColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {report.indicators.map((i) => (
                <tr key={`${i.name} ${i.unit}`}>
                  <th scope="row">{i.name}</th>
                  <td>{i.unit}</td>
                  <td>{num(i.baseline)}</td>
                  <td>{num(i.target)}</td>
                  <td>{num(i.latest)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {report.milestones.length > 0 && (
        <>
          <h3>{t('followUp.reporting.milestones')}</h3>
          <ul className="plain-list">
            {report.milestones.map((m) => (
              <li key={`${m.date} ${m.text}`}>
                {formatDate(m.date, lang)}: {m.text}
                {m.done && ` (${t('followUp.reporting.done')})`}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.reviewComment && (
        <p className="notice">
          {t('followUp.reporting.reviewComment')} {report.reviewComment}
        </p>
      )}
    </div>
  );
}

/** The secretariat's review of a submitted report: a comment, a request for changes, or acceptance. */
export function ReviewForm({
  slot,
  report,
  onDone,
}: {
  slot: Slot;
  report: Report;
  /** After a decision: the panel says it (this form goes once the report is no longer submitted). */
  onDone: (decision: ReviewDecision | null) => void;
}) {
  const { t } = useTranslation();
  const review = useReviewReport(slot);
  const form = useRef<HTMLFormElement>(null);
  const { errors, alert, failed } = useFormErrors(review.error, form);
  const [comment, setComment] = useState('');
  const decide = (decision: ReviewDecision) =>
    review.mutate(
      { version: report.version, decision, comment: comment.trim() || null },
      {
        onSuccess: () => {
          setComment('');
          onDone(decision);
        },
        onError: failed,
      },
    );
  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(() => decide('comment'))}>
      <h3>{t('followUp.reporting.review')}</h3>
      <ConflictAlert error={review.error} alert={alert} onReload={() => onDone(null)} />
      <TextAreaField
        label={t('followUp.reporting.comment')}
        error={errors.comment}
        maxLength={REPORT_TEXT_MAX}
        rows={3}
        value={comment}
        onChange={setComment}
      />
      <div className="form__actions">
        {REVIEW_DECISIONS.map((decision) => (
          <button
            key={decision}
            type="button"
            className={decision === 'accept' ? 'button' : 'button button--secondary'}
            disabled={review.isPending}
            onClick={() => decide(decision)}
          >
            {decisionLabel(t, decision)}
          </button>
        ))}
      </div>
    </form>
  );
}

/** The state's choice, once its report is accepted, of making it public. */
export function PublishChoice({ slot, report, onDone }: { slot: Slot; report: Report; onDone: () => void }) {
  const { t } = useTranslation();
  const publish = usePublishReport(slot);
  const [saved, setSaved] = useState(false);
  // The box follows the click at once; a refusal puts it back.
  const [published, setPublished] = useState(report.published);
  return (
    <div className="form">
      <ConflictAlert error={publish.error} onReload={onDone} />
      <label className="field--check">
        <input
          type="checkbox"
          checked={published}
          disabled={publish.isPending}
          onChange={(event) => {
            const wanted = event.target.checked;
            setPublished(wanted);
            setSaved(false);
            publish.mutate(
              { version: report.version, published: wanted },
              {
                onSuccess: () => {
                  setSaved(true);
                  onDone();
                },
                onError: () => setPublished(!wanted),
              },
            );
          }}
        />
        {t('followUp.reporting.makePublic')}
      </label>
      <p className="field__hint">{t('followUp.reporting.makePublicHint')}</p>
      <FormStatus
        message={saved ? (published ? t('followUp.reporting.isPublic') : t('followUp.reporting.isNotPublic')) : null}
      />
    </div>
  );
}
