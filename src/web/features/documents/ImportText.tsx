import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Lang } from '../../../contract/common.js';
import {
  DOCUMENT_IMPORT_TYPES,
  type DocumentImportProposal,
  type OutcomeDocument,
} from '../../../contract/outcome-documents.js';
import { type ImportedNode, numberImport } from '../../../domain/document-import.js';
import { NODE_KINDS, type NodeKind } from '../../../domain/outcome-documents.js';
import { postFileBody } from '../../api/upload.js';
import { useTranslation } from '../../i18n/react.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { Field, FormAlert, onSubmit, SelectField, TextAreaField, useProblemMessage } from '../shared/forms.js';
import { LanguageSelect } from '../shared/LanguageSelect.js';
import { UploadProgress } from '../shared/upload.js';
import { useLang } from '../shared/useLang.js';
import { kindLabel, nodeLabel } from './documentTypes.js';
import { useImportBody } from './editQueries.js';

/** The media type to send a chosen file as: the browser's, else told from its name. */
function mediaTypeOf(file: File): string {
  if (file.type === DOCUMENT_IMPORT_TYPES.docx || file.type === DOCUMENT_IMPORT_TYPES.text) return file.type;
  return /\.txt$/i.test(file.name) ? DOCUMENT_IMPORT_TYPES.text : DOCUMENT_IMPORT_TYPES.docx;
}

/**
 * Starting an empty draft's text from a DOCX or plain-text file: the server proposes the body
 * (paragraphs split, classed, numbered) without writing anything; the secretariat corrects it here
 * — each node's kind (a heading is a section) and text, merging a paragraph with the next,
 * splitting one at its line breaks, deleting one — and saves it in one write. A historic document
 * (adopted, its text not held) is started the same way, once: its original language, which the
 * reference data does not record, is asked with the text.
 */
export function ImportText({ doc, onReload }: { doc: OutcomeDocument; onReload: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const problemMessage = useProblemMessage();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [progress, setProgress] = useState<number | null>(null);
  const [nodes, setNodes] = useState<ImportedNode[] | null>(null);
  const [originalLang, setOriginalLang] = useState<Lang>(doc.originalLang ?? lang);
  const propose = useMutation({
    mutationFn: (chosen: File) => {
      setProgress(0);
      return postFileBody<DocumentImportProposal>(
        `/documents/${encodeURIComponent(doc.id)}/import/proposal`,
        lang,
        {},
        chosen,
        mediaTypeOf(chosen),
        setProgress,
      );
    },
    onSettled: () => setProgress(null),
    onSuccess: (proposal) => setNodes(proposal.nodes.map(({ kind, text }) => ({ kind, text }))),
  });
  const save = useImportBody(doc.id);

  /** Replaces the node at `index` by what `replace` makes of it (none, one, or several). */
  const change = (index: number, replace: (node: ImportedNode, next: ImportedNode | undefined) => ImportedNode[]) =>
    setNodes((list) =>
      list ? list.flatMap((node, at) => (at === index ? replace(node, list[at + 1]) : [node])) : null,
    );
  /** Joins the node at `index` and the next into one (of the first one's kind). */
  const mergeWithNext = (index: number) => {
    change(index, (node, next) => [{ ...node, text: `${node.text} ${next?.text ?? ''}`.trim() }]);
    change(index + 1, () => []);
  };
  const numbered = nodes ? numberImport(nodes) : [];
  const label = (node: (typeof numbered)[number]) => nodeLabel(t, node);

  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h3 id={`${id}-title`}>{t('documents.import.title')}</h3>
      <p>{t('documents.import.lead')}</p>
      <form
        className="form"
        noValidate
        onSubmit={onSubmit(() => {
          setFileError(file ? undefined : t('documents.import.chooseFile'));
          if (file) propose.mutate(file);
        })}
      >
        <Field label={t('documents.import.file')} hint={t('documents.import.fileHint')} error={fileError}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept={`.docx,.txt,${DOCUMENT_IMPORT_TYPES.docx},${DOCUMENT_IMPORT_TYPES.text}`}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                propose.reset();
              }}
            />
          )}
        </Field>
        <UploadProgress progress={progress} />
        <div className="form__actions">
          <button type="submit" className="button" disabled={propose.isPending}>
            {t('documents.import.propose')}
          </button>
        </div>
        <FormAlert message={problemMessage(propose.error)} />
      </form>
      {nodes && (
        <form
          className="form"
          noValidate
          aria-labelledby={`${id}-proposal`}
          onSubmit={onSubmit(() =>
            save.mutate(
              { version: doc.version, nodes, ...(doc.originalLang ? {} : { originalLang }) },
              { onSuccess: () => setNodes(null) },
            ),
          )}
        >
          <h4 id={`${id}-proposal`}>{t('documents.import.proposal', { count: nodes.length })}</h4>
          <p>{t('documents.import.proposalLead')}</p>
          {!doc.originalLang && (
            <LanguageSelect label={t('documents.edit.originalLang')} value={originalLang} onChange={setOriginalLang} />
          )}
          <ol className="agenda-list outline import-proposal">
            {numbered.map((node, index) => {
              const name = `${label(node)} (${index + 1})`;
              return (
                // The list is rebuilt by merges and splits: a node's place is what names it.
                // biome-ignore lint/suspicious/noArrayIndexKey: no other identity before saving
                <li key={index}>
                  <p className={node.kind === 'section' ? 'outline__section' : undefined}>
                    <strong>{label(node)}</strong>
                  </p>
                  <SelectField<NodeKind>
                    label={t('documents.import.kind', { node: index + 1 })}
                    value={node.kind}
                    onChange={(kind) => change(index, (n) => [{ ...n, kind }])}
                    options={NODE_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
                  />
                  <TextAreaField
                    label={t('documents.import.text', { node: index + 1 })}
                    lang={doc.originalLang ?? originalLang}
                    value={node.text}
                    onChange={(text) => change(index, (n) => [{ ...n, text }])}
                    rows={node.kind === 'section' ? 1 : 3}
                  />
                  <div className="form__actions">
                    {index < numbered.length - 1 && (
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-label={t('documents.import.mergeNamed', { node: name })}
                        onClick={() => mergeWithNext(index)}
                      >
                        {t('documents.import.merge')}
                      </button>
                    )}
                    {/\n/.test(node.text.trim()) && (
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-label={t('documents.import.splitNamed', { node: name })}
                        onClick={() =>
                          change(index, (n) =>
                            n.text
                              .split(/\n+/)
                              .map((part) => part.trim())
                              .filter((part) => part !== '')
                              .map((text) => ({ kind: n.kind, text })),
                          )
                        }
                      >
                        {t('documents.import.split')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t('documents.import.removeNamed', { node: name })}
                      onClick={() => change(index, () => [])}
                    >
                      {t('documents.import.remove')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={save.isPending || nodes.length === 0}>
              {t('documents.import.save')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setNodes(null);
                save.reset();
              }}
            >
              {t('documents.edit.cancel')}
            </button>
          </div>
          <ConflictAlert error={save.error} onReload={onReload} />
        </form>
      )}
    </section>
  );
}
