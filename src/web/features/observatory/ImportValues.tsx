import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ObservationImport } from '../../../contract/indicators.js';
import { postFileBody } from '../../api/upload.js';
import { useTranslation } from '../../i18n/react.js';
import { formatNumber } from '../shared/format.js';
import { TextField, useChecks } from '../shared/forms.js';
import { ImportForm } from '../shared/ImportForm.js';
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
      <ImportForm
        file={{
          label: t('observatory.import.file'),
          hint: t('observatory.import.fileHint'),
          accept: '.csv,text/csv,application/vnd.sdmx.data+csv',
          error: ownErrors.file,
        }}
        onFile={(chosen) => {
          setFile(chosen);
          send.reset();
        }}
        progress={progress}
        pending={send.isPending}
        previewLabel={t('observatory.import.preview')}
        onPreview={() => run('preview')}
        applyLabel={
          result && !result.applied ? t('observatory.import.apply', { count: result.added + result.changed }) : null
        }
        onApply={() => run('apply')}
        error={send.error}
        status={
          result
            ? result.applied
              ? t('observatory.import.applied', counts(result))
              : t('observatory.import.previewed', counts(result))
            : null
        }
      >
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
      </ImportForm>
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
