import { useState } from 'react';
import type { Lang } from '../../../contract/common.js';
import type { DocumentNode, OutcomeDocument } from '../../../contract/outcome-documents.js';
import { LANGS } from '../../../domain/languages.js';
import type { TranslationState } from '../../../domain/outcome-documents.js';
import { languageName } from '../../i18n/languages.js';
import { useTranslation } from '../../i18n/react.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { onSubmit, SelectField, TextAreaField } from '../shared/forms.js';
import { useLang } from '../shared/useLang.js';
import { nodeLabel } from './documentTypes.js';
import { useTranslateNode } from './editQueries.js';

/**
 * Translations per language: each section and paragraph beside its original, pending or done, and
 * what is left to translate (the server's `leftToTranslate`), which the translator may show alone.
 */
export function TranslationEditor({ doc, onReload }: { doc: OutcomeDocument; onReload: () => void }) {
  const { t } = useTranslation();
  const reader = useLang();
  const others = LANGS.filter((l) => l !== doc.originalLang);
  const [target, setTarget] = useState<Lang>(others.includes(reader) ? reader : (others[0] as Lang));
  const [onlyLeft, setOnlyLeft] = useState(false);
  const translate = useTranslateNode(doc.id);
  const left = doc.leftToTranslate[target] ?? [];
  const shown = onlyLeft ? doc.body.filter((n) => left.includes(n.id)) : doc.body;
  if (!doc.originalLang || doc.body.length === 0) return null;
  return (
    <section aria-labelledby="translations-heading">
      <h2 id="translations-heading">{t('documents.edit.translations')}</h2>
      <ul className="plain-list" aria-label={t('documents.edit.leftToTranslate')}>
        {others.map((l) => (
          <li key={l}>
            {t('documents.edit.leftIn', {
              language: languageName(l, reader),
              number: doc.leftToTranslate[l]?.length ?? 0,
            })}
          </li>
        ))}
      </ul>
      <div className="form">
        <SelectField<Lang>
          label={t('documents.edit.targetLang')}
          value={target}
          onChange={setTarget}
          options={others.map((l) => ({ value: l, label: languageName(l, reader) }))}
        />
        <label className="field--check">
          <input type="checkbox" checked={onlyLeft} onChange={(event) => setOnlyLeft(event.target.checked)} />
          {t('documents.edit.onlyLeft')}
        </label>
      </div>
      <ConflictAlert error={translate.error} onReload={onReload} />
      {shown.length === 0 ? (
        <p className="empty">{t('documents.edit.nothingLeft')}</p>
      ) : (
        <ol className="agenda-list">
          {shown.map((node) => (
            <li key={`${node.id}-${target}-${doc.version}`} className="agenda-item">
              <TranslationForm doc={doc} node={node} target={target} translate={translate} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function TranslationForm({
  doc,
  node,
  target,
  translate,
}: {
  doc: OutcomeDocument;
  node: DocumentNode;
  target: Lang;
  translate: ReturnType<typeof useTranslateNode>;
}) {
  const { t } = useTranslation();
  const reader = useLang();
  const original = doc.originalLang as Lang;
  const [text, setText] = useState(node.texts[target]?.text ?? '');
  const [state, setState] = useState<TranslationState>(node.texts[target]?.state ?? 'pending');
  const label = nodeLabel(t, node);
  return (
    <form
      className="form"
      noValidate
      aria-label={label}
      onSubmit={onSubmit(() => translate.mutate({ nodeId: node.id, target, version: doc.version, text, state }))}
    >
      <p>
        <strong>{label}</strong> <span lang={original}>{node.texts[original]?.text}</span>
      </p>
      <TextAreaField
        label={t('documents.edit.translationIn', { language: languageName(target, reader, true), node: label })}
        lang={target}
        value={text}
        onChange={setText}
        rows={node.kind === 'section' ? 2 : 4}
      />
      <SelectField<TranslationState>
        label={t('documents.edit.state')}
        value={state}
        onChange={setState}
        options={[
          { value: 'pending', label: t('documents.edit.pending') },
          { value: 'done', label: t('documents.edit.done') },
        ]}
      />
      <div className="form__actions">
        <button type="submit" className="button button--small" disabled={translate.isPending || text.trim() === ''}>
          {t('documents.edit.saveTranslation')}
        </button>
      </div>
    </form>
  );
}
