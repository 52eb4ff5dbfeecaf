import { useRef, useState } from 'react';
import type { DocumentNode, OutcomeDocument } from '../../../contract/outcome-documents.js';
import { NODE_KINDS, type NodeKind, PARAGRAPH_MARKS, type ParagraphMark } from '../../../domain/outcome-documents.js';
import { useTranslation } from '../../i18n/react.js';
import { useReorderable } from '../agenda/reorderable.js';
import '../agenda/agenda.css';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { onSubmit, SelectField, TextAreaField, useFormErrors } from '../shared/forms.js';
import { PillarChecks } from '../shared/PillarChecks.js';
import { NodeMarks, nodeText } from './DocumentBody.js';
import { kindLabel, nodeLabel, paragraphMarkLabel } from './documentTypes.js';
import { useAddNode, useDeleteNode, useMoveNode, useUpdateNode } from './editQueries.js';
import { ImportText } from './ImportText.js';
import './documents.css';

/** The id of the node that moved from `before` to `after` (one entry moved), and where it went. */
function movedEntry(before: readonly string[], after: readonly string[]) {
  const without = (list: readonly string[], id: string) => list.filter((x) => x !== id).join();
  const id = before.find((candidate) => without(before, candidate) === without(after, candidate));
  return id === undefined ? null : { id, index: after.indexOf(id) };
}

/**
 * The secretariat's outline of a draft: sections and paragraphs as a tree, each moved among its
 * siblings (drag or "move up"/"move down"), edited (text, mark, pillars) or deleted; a form adds
 * a section or paragraph. Every write names the version read; a 409 says the page is stale.
 */
export function OutlineEditor({ doc, onReload }: { doc: OutcomeDocument; onReload: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const move = useMoveNode(doc.id);
  const remove = useDeleteNode(doc.id);
  const node = doc.body.find((n) => n.id === editing);
  return (
    <section aria-labelledby="outline-heading">
      <h2 id="outline-heading">{t('documents.edit.outline')}</h2>
      <ConflictAlert error={move.error ?? remove.error} onReload={onReload} />
      {doc.body.length === 0 ? (
        <>
          <p className="empty">{t('documents.body.empty')}</p>
          {doc.can.importText && <ImportText doc={doc} onReload={onReload} />}
        </>
      ) : (
        <OutlineLevel doc={doc} parentId={null} onEdit={setEditing} move={move} remove={remove} />
      )}
      {editing === null ? (
        <p>
          <button type="button" className="button" onClick={() => setEditing('new')}>
            {t('documents.edit.add')}
          </button>
        </p>
      ) : (
        <NodeForm
          key={editing === 'new' ? 'new' : `${editing}-${doc.version}`}
          doc={doc}
          node={node ?? null}
          onDone={() => setEditing(null)}
          onReload={onReload}
        />
      )}
    </section>
  );
}

/** The children of one section (or of the top of the body), in order, each with its actions. */
function OutlineLevel({
  doc,
  parentId,
  onEdit,
  move,
  remove,
}: {
  doc: OutcomeDocument;
  parentId: string | null;
  onEdit: (id: string) => void;
  /** One move and one delete for the whole outline, so their refusals show once, above it. */
  move: ReturnType<typeof useMoveNode>;
  remove: ReturnType<typeof useDeleteNode>;
}) {
  const { t } = useTranslation();
  const items = doc.body.filter((n) => n.parentId === parentId);
  const name = (n: DocumentNode) =>
    `${nodeLabel(t, n)} ${nodeText(n, doc.originalLang ?? 'en', doc.originalLang)?.text ?? ''}`.slice(0, 80);
  const { itemProps, actions, liveRegion } = useReorderable({
    items,
    enabled: true,
    pending: move.isPending,
    name,
    save: (order, done) => {
      const change = movedEntry(
        items.map((n) => n.id),
        order.map((n) => n.id),
      );
      if (!change) return;
      move.mutate({ nodeId: change.id, version: doc.version, parentId, index: change.index }, { onSuccess: done });
    },
  });
  return (
    <>
      {liveRegion}
      <ol className="agenda-list outline">
        {items.map((n, index) => {
          const original = doc.originalLang ? n.texts[doc.originalLang]?.text : undefined;
          return (
            <li key={n.id} {...itemProps(index)} id={`edit-${n.id}`}>
              <p className={n.kind === 'section' ? 'outline__section' : undefined}>
                <strong>{nodeLabel(t, n)}</strong> <span lang={doc.originalLang ?? undefined}>{original}</span>
              </p>
              <NodeMarks node={n} />
              {doc.can.editBody &&
                actions(index, {
                  onEdit: () => onEdit(n.id),
                  removeLabel: t('documents.edit.delete'),
                  removeQuestion: t('documents.edit.deleteQuestion', { node: name(n) }),
                  removing: remove.isPending,
                  onRemove: () => remove.mutate({ nodeId: n.id, version: doc.version }),
                })}
              {n.kind === 'section' && doc.body.some((child) => child.parentId === n.id) && (
                <OutlineLevel doc={doc} parentId={n.id} onEdit={onEdit} move={move} remove={remove} />
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** Adds a section or paragraph (in the original language), or edits one's text, mark and pillars. */
function NodeForm({
  doc,
  node,
  onDone,
  onReload,
}: {
  doc: OutcomeDocument;
  node: DocumentNode | null;
  onDone: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const add = useAddNode(doc.id);
  const update = useUpdateNode(doc.id);
  const write = node ? update : add;
  const [kind, setKind] = useState<NodeKind>(node?.kind ?? 'operative');
  const [parentId, setParentId] = useState(node?.parentId ?? '');
  const [text, setText] = useState((node && doc.originalLang && node.texts[doc.originalLang]?.text) || '');
  const [mark, setMark] = useState<ParagraphMark | ''>(node?.mark ?? '');
  const [pillars, setPillars] = useState<string[]>(node?.pillars.map((p) => p.code) ?? []);
  const { errors, alert, check, failed } = useFormErrors(write.error, form);
  const operative = kind === 'operative';
  const sections = doc.body.filter((n) => n.kind === 'section' && n.id !== node?.id);

  const send = () => {
    if (!check({ text: text.trim() === '' ? t('forms.required') : undefined })) return;
    const paragraph = operative ? { mark: mark === '' ? null : mark, pillars } : {};
    const done = { onSuccess: onDone, onError: failed };
    if (node) update.mutate({ nodeId: node.id, version: doc.version, text, ...paragraph }, done);
    else
      add.mutate({ version: doc.version, kind, parentId: parentId === '' ? null : parentId, text, ...paragraph }, done);
  };

  return (
    <form ref={form} className="form agenda-form" onSubmit={onSubmit(send)} noValidate aria-labelledby="node-form">
      <h3 id="node-form">
        {node ? t('documents.edit.editNode', { node: nodeLabel(t, node) }) : t('documents.edit.add')}
      </h3>
      {!node && (
        <>
          <SelectField<NodeKind>
            label={t('documents.edit.kindLabel')}
            value={kind}
            onChange={setKind}
            options={NODE_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
          />
          <SelectField
            label={t('documents.edit.parent')}
            value={parentId}
            onChange={setParentId}
            error={errors.parentId}
            options={[
              { value: '', label: t('documents.edit.top') },
              ...sections.map((s) => ({
                value: s.id,
                label: nodeText(s, doc.originalLang ?? 'en', doc.originalLang)?.text ?? s.id,
              })),
            ]}
          />
        </>
      )}
      <TextAreaField
        label={t('documents.edit.text')}
        lang={doc.originalLang ?? undefined}
        value={text}
        onChange={setText}
        error={errors.text}
        rows={kind === 'section' ? 2 : 5}
      />
      {operative && (
        <>
          <SelectField<ParagraphMark | ''>
            label={t('documents.edit.mark')}
            value={mark}
            onChange={setMark}
            error={errors.mark}
            options={[
              { value: '', label: t('documents.edit.noMark') },
              ...PARAGRAPH_MARKS.map((m) => ({ value: m, label: paragraphMarkLabel(t, m) })),
            ]}
          />
          <PillarChecks
            legend={t('documents.pillarsHeading')}
            chosen={pillars}
            onChange={setPillars}
            error={errors.pillars}
          />
        </>
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={write.isPending}>
          {t('documents.edit.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('documents.edit.cancel')}
        </button>
      </div>
      <ConflictAlert error={write.error} alert={alert} onReload={onReload} />
    </form>
  );
}
