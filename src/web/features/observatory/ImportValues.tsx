import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObservationImport } from '../../../contract/indicators.js';
import { ApiError } from '../../api/client.js';
import { postFileBody } from '../../api/upload.js';
import { formatNumber } from '../shared/format.js';
import { Field, FormAlert, FormStatus, onSubmit, TextField, useChecks, useProblemMessage } from '../shared/forms.js';
import { UploadProgress } from '../shared/upload.js';
import { useLang } from '../shared/useLang.js';

type Mode = 'preview' | 'apply';

/**
 * The secretariat's import of an indicator's values from a CSV or SDMX-CSV file: the file is
 * previewed first (what it adds and changes, or every refused row with its reason), then applied
 * as it was previewed. Each send shows the upload's progress; the server reads the format from the
 * file's header.
 */
export function ImportValues({ code, names }: { code: string; names: Map<string, string> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const queryClient = useQueryClient();
  const problemMessage = useProblemMessage();
  const checks = useChecks();
  const [file, setFile] = useState<File | null>(null);
  const [reason, setReason] = useState('');
  const [source, setSource] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [ownErrors, setOwnErrors] = useState<{ file?: string; reason?: string }>({});
  const send = useMutation({
    mutationFn: (mode: Mode) => {
      setProgress(0);
      return postFileBody<ObservationImport>(
        `/indicators/${encodeURIComponent(code)}/imports`,
        lang,
        { mode, reason: reason.trim(), source: source.trim() || undefined },
        file as File,
        'text/csv',
        setProgress,
      );
    },
    onSettled: () => setProgress(null),
    onSuccess: (result) => {
      if (!result.applied) return;
      setFile(null);
      return queryClient.invalidateQueries({
        predicate: (query) => ['indicator', 'observations', 'trends', 'aggregates'].includes(String(query.queryKey[0])),
      });
    },
  });

  function run(mode: Mode) {
    const found = {
      file: file ? undefined : t('observatory.import.chooseFile'),
      reason: checks.required(reason),
    };
    setOwnErrors(found);
    if (found.file || found.reason) return;
    send.mutate(mode);
  }

  const result = send.data;
  const refused = send.error instanceof ApiError ? (send.error.problem?.errors ?? []) : [];
  const number = (value: number) => formatNumber(value, lang);
  const counts = (of: ObservationImport) => ({
    rows: number(of.rows),
    added: number(of.added),
    changed: number(of.changed),
    unchanged: number(of.unchanged),
  });
  return (
    <section aria-labelledby={`${id}-title`} className="stack observatory-import">
      <h2 id={`${id}-title`}>{t('observatory.import.title')}</h2>
      <p>{t('observatory.import.lead')}</p>
      <form className="form" noValidate onSubmit={onSubmit(() => run('preview'))}>
        <Field label={t('observatory.import.file')} hint={t('observatory.import.fileHint')} error={ownErrors.file}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".csv,text/csv,application/vnd.sdmx.data+csv"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                send.reset();
              }}
            />
          )}
        </Field>
        <TextField
          label={t('observatory.import.reason')}
          hint={t('observatory.import.reasonHint')}
          value={reason}
          onChange={(value) => {
            setReason(value);
            send.reset();
          }}
          error={ownErrors.reason}
        />
        <TextField
          label={t('observatory.import.source')}
          hint={t('observatory.import.sourceHint')}
          value={source}
          onChange={(value) => {
            setSource(value);
            send.reset();
          }}
        />
        <UploadProgress progress={progress} />
        <div className="form__actions">
          <button type="submit" className="button" disabled={send.isPending}>
            {t('observatory.import.preview')}
          </button>
          {result && !result.applied && (
            <button
              type="button"
              className="button button--primary"
              disabled={send.isPending}
              onClick={() => run('apply')}
            >
              {t('observatory.import.apply', { count: result.added + result.changed })}
            </button>
          )}
        </div>
        <FormAlert message={problemMessage(send.error)} />
        <FormStatus
          message={
            result
              ? result.applied
                ? t('observatory.import.applied', counts(result))
                : t('observatory.import.previewed', counts(result))
              : null
          }
        />
      </form>
      {refused.length > 0 && (
        <table className="data-table">
          <caption>{t('observatory.import.refused')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('observatory.import.where')}</th>
              <th scope="col">{t('observatory.import.why')}</th>
            </tr>
          </thead>
          <tbody>
            {refused.map((error) => (
              <tr key={`${error.name}-${error.reason}`}>
                <th scope="row">{whereOf(error.name, t)}</th>
                <td>{error.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result && result.changes.length > 0 && (
        <table className="data-table">
          <caption>
            {result.applied ? t('observatory.import.changesApplied') : t('observatory.import.changesPreviewed')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('observatory.state')}</th>
              <th scope="col">{t('observatory.import.year')}</th>
              <th scope="col">{t('observatory.import.before')}</th>
              <th scope="col">{t('observatory.import.after')}</th>
            </tr>
          </thead>
          <tbody>
            {result.changes.map((change) => (
              <tr key={`${change.state.slug}-${change.year}`}>
                <th scope="row">{names.get(change.state.slug) ?? change.state.iso3}</th>
                <td>{change.year}</td>
                <td>{change.before === null ? t('observatory.import.none') : number(change.before)}</td>
                <td>{number(change.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** `rows.12.OBS_VALUE` as a reader says it: row 12, column OBS_VALUE. */
function whereOf(name: string, t: (key: string, values?: Record<string, string>) => string): string {
  const [, row, column] = name.split('.');
  if (row === undefined) return name === 'rows' ? t('observatory.import.otherRows') : t('observatory.import.wholeFile');
  return t('observatory.import.cell', { row, column: column ?? '' });
}
