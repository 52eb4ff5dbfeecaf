import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ItemImport } from '../../../contract/follow-up.js';
import { csvRow } from '../../../domain/csv.js';
import { ITEM_IMPORT_COLUMNS } from '../../../domain/follow-up.js';
import { postFileBody } from '../../api/upload.js';
import { useTranslation } from '../../i18n/react.js';
import { TableWrap } from '../account/TableWrap.js';
import { useDocument } from '../documents/queries.js';
import { ImportForm } from '../shared/ImportForm.js';
import { DocumentTitle } from '../shared/Localized.js';
import { QueryState } from '../shared/QueryState.js';
import { useLang } from '../shared/useLang.js';
import { useScrollToHash } from '../shared/useScrollToHash.js';
import { useReportsChanged } from './queries.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The document a historic document's page sent the secretariat here for (`?document=`): named, with
 * a file to start from whose first row already names it and its public source.
 */
function PresetDocument({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const doc = useDocument(slug);
  useScrollToHash(doc.data !== undefined);
  return (
    <QueryState query={doc}>
      {(found) => {
        const template =
          csvRow(ITEM_IMPORT_COLUMNS) +
          csvRow(
            ITEM_IMPORT_COLUMNS.map((c) =>
              c === 'document' ? found.slug : c === 'source_url' ? found.textSource : '',
            ),
          );
        return (
          <p>
            {t('imports.itemsFor')} <DocumentTitle title={found.title} />.{' '}
            <a
              href={`data:text/csv;charset=utf-8,${encodeURIComponent(template)}`}
              download={`${found.slug}-items.csv`}
            >
              {t('imports.itemsTemplate')}
            </a>
          </p>
        );
      }}
    </QueryState>
  );
}

/**
 * The secretariat's import of historic documents' items from a CSV or XLSX file, on the
 * observatory's pattern: previewed first (the rows read, or every refused row with its reason),
 * then imported as previewed; each send shows the upload's progress. `preset`: the document the
 * import was offered for.
 */
export function ImportItems({ preset }: { preset: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const changed = useReportsChanged();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const send = useMutation({
    mutationFn: (mode: 'preview' | 'apply') => {
      setProgress(0);
      const chosen = file as File;
      const type = chosen.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
      return postFileBody<ItemImport>('/follow-up/items/imports', lang, { mode }, chosen, type, setProgress);
    },
    onSettled: () => setProgress(null),
    onSuccess: async (result) => {
      if (!result.applied) return;
      setFile(null);
      await changed();
      // The public pages' item lists (matrix, profiles) read the items too.
      await queryClient.invalidateQueries();
    },
  });

  function run(mode: 'preview' | 'apply') {
    const missing = file ? undefined : t('imports.chooseFile');
    setFileError(missing);
    if (!missing) send.mutate(mode);
  }

  const result = send.data;
  const counts = (of: ItemImport) => ({
    items: t('imports.itemCount', { count: of.items }),
    subItems: t('imports.subItemCount', { count: of.subItems }),
  });
  return (
    <section aria-labelledby={`${id}-title`} className="stack" id="import-items">
      <h2 id={`${id}-title`}>{t('imports.itemsTitle')}</h2>
      <p>{t('imports.itemsLead')}</p>
      {preset && <PresetDocument slug={preset} />}
      <ImportForm
        file={{
          label: t('imports.itemsFile'),
          hint: t('imports.itemsFileHint'),
          accept: `.csv,.xlsx,text/csv,${XLSX}`,
          error: fileError,
        }}
        onFile={(chosen) => {
          setFile(chosen);
          send.reset();
        }}
        progress={progress}
        pending={send.isPending}
        previewLabel={t('imports.preview')}
        onPreview={() => run('preview')}
        applyLabel={result && !result.applied ? t('imports.itemsApply', { count: result.rows }) : null}
        onApply={() => run('apply')}
        error={send.error}
        status={
          result
            ? result.applied
              ? t('imports.itemsApplied', counts(result))
              : t('imports.itemsPreviewed', counts(result))
            : null
        }
      />
      {result && !result.applied && result.listed.length > 0 && (
        <TableWrap label={t('imports.itemsListed')}>
          <table className="data-table">
            <caption>{t('imports.itemsListed')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('imports.row')}</th>
                <th scope="col">{t('imports.document')}</th>
                <th scope="col">{t('imports.number')}</th>
                <th scope="col">{t('imports.parent')}</th>
                <th scope="col">{t('imports.text')}</th>
              </tr>
            </thead>
            <tbody>
              {result.listed.map((row) => (
                <tr key={row.row}>
                  <th scope="row">{row.row}</th>
                  <td>{row.document}</td>
                  <td>{row.number}</td>
                  <td>{row.parent ?? '—'}</td>
                  <td lang={row.text.lang}>{row.text.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
