import { useState } from 'react';
import type { AgendaItem } from '../../../contract/agenda.js';
import type { Lang } from '../../../contract/common.js';
import type { MeetingDocument } from '../../../contract/meeting-documents.js';
import { useTranslation } from '../../i18n/react.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { SelectField } from '../shared/forms.js';
import { Localized } from '../shared/Localized.js';
import { useLang } from '../shared/useLang.js';
import { useLinkDocument, useUnlinkDocument } from './queries.js';

/** The file of the newest revision to offer a reader: in their language, else the original's, else any. */
function fileFor(document: MeetingDocument, lang: Lang) {
  const files = document.revisions[0]?.files ?? [];
  return files.find((f) => f.lang === lang) ?? files.find((f) => f.lang === document.originalLang) ?? files[0] ?? null;
}

/** A meeting document as a reference: its symbol and title, linked to its file when it has one. */
export function DocumentLink({ document }: { document: MeetingDocument }) {
  const lang = useLang();
  const file = fileFor(document, lang);
  const label = (
    <>
      <span className="document-link__symbol">{document.symbol}</span> <Localized value={document.title} />
    </>
  );
  return file ? (
    <a href={file.url} hrefLang={file.lang} className="document-link">
      {label}
    </a>
  ) : (
    <span className="document-link">{label}</span>
  );
}

/** A select of `documents` (symbol and title), with an empty first choice. */
export function DocumentSelect({
  label,
  empty,
  documents,
  value,
  onChange,
}: {
  label: string;
  empty: string;
  documents: readonly MeetingDocument[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <SelectField
      label={label}
      value={value}
      onChange={onChange}
      options={[
        { value: '', label: empty },
        ...documents.map((d) => ({ value: d.id, label: `${d.symbol} — ${d.title.text}`, lang: d.title.lang })),
      ]}
    />
  );
}

/**
 * The documents of an agenda item that the reader may see (the server leaves out the others), each
 * linked to its file; `documents` are the meeting's, as the reader may see them. For the secretariat
 * (`editable`), each can be detached, and any other document of the meeting attached.
 */
export function ItemDocuments({
  slug,
  item,
  documents,
  editable,
  override,
  onChanged,
  onReload,
}: {
  slug: string;
  item: AgendaItem;
  documents: readonly MeetingDocument[];
  editable: boolean;
  override: boolean;
  /** The item as the reader's own write left it. */
  onChanged: (items: readonly AgendaItem[]) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const link = useLinkDocument(slug);
  const unlink = useUnlinkDocument(slug);
  const [chosen, setChosen] = useState('');
  const extra = override ? { override: true } : {};
  const linked = new Set(item.documents.map((d) => d.id));
  const others = documents.filter((d) => !linked.has(d.id));
  const title = item.title.text;
  return (
    <div className="item-documents">
      {item.documents.length > 0 && (
        <>
          <h4 className="item-documents__heading">{t('agenda.documents')}</h4>
          <ul className="item-documents__list">
            {item.documents.map((ref) => {
              const document = documents.find((d) => d.id === ref.id);
              return (
                <li key={ref.id}>
                  {document ? <DocumentLink document={document} /> : ref.symbol}
                  {editable && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        disabled={unlink.isPending}
                        aria-label={t('agenda.detachLabel', { symbol: document?.symbol ?? ref.symbol, title })}
                        onClick={() =>
                          unlink.mutate(
                            { id: item.id, documentId: ref.id, version: item.version, ...extra },
                            { onSuccess: (changed) => onChanged([changed]) },
                          )
                        }
                      >
                        {t('agenda.detach')}
                      </button>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {editable && others.length > 0 && (
        <form
          className="form form--inline item-documents__attach"
          aria-label={t('agenda.attachLabel', { title })}
          onSubmit={(event) => {
            event.preventDefault();
            if (!chosen) return;
            link.mutate(
              { id: item.id, meetingDocumentId: chosen, version: item.version, ...extra },
              {
                onSuccess: (changed) => {
                  setChosen('');
                  onChanged([changed]);
                },
              },
            );
          }}
        >
          <DocumentSelect
            label={t('agenda.attachDocument')}
            empty={t('agenda.chooseDocument')}
            documents={others}
            value={chosen}
            onChange={setChosen}
          />
          <button type="submit" className="button button--small" disabled={!chosen || link.isPending}>
            {t('agenda.attach')}
          </button>
        </form>
      )}
      {editable && <ConflictAlert error={link.error ?? unlink.error} onReload={onReload} />}
    </div>
  );
}
