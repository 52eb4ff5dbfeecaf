import { useRef, useState } from 'react';
import type { Lang } from '../../../contract/common.js';
import type { MeetingDocument } from '../../../contract/meeting-documents.js';
import type { Decision, DecisionList } from '../../../contract/meeting-records.js';
import { useTranslation } from '../../i18n/react.js';
import { DocumentLink, DocumentSelect } from '../agenda/ItemDocuments.js';
import { useReorderable } from '../agenda/reorderable.js';
import { useDocuments } from '../documents/queries.js';
import { useMeetingDocuments } from '../meeting-documents/queries.js';
import { ConflictAlert, changedFields, useConflict } from '../shared/ConflictAlert.js';
import { onSubmit, SelectField, TextAreaField, useFormErrors } from '../shared/forms.js';
import { LangLink } from '../shared/LangLink.js';
import { LanguageSelect } from '../shared/LanguageSelect.js';
import { useAddDecision, useRemoveDecision, useReorderDecisions, useUpdateDecision } from './queries.js';

/**
 * The concluding record: decisions in order, each with the documents it adopted. The secretariat
 * adds, edits, removes and reorders them (by dragging or by keyboard, as the agenda) once the
 * meeting is held; before, an administrator may as an override (the list's `can`).
 */
export function DecisionsSection({
  slug,
  decisions,
  waiting,
  onReload,
}: {
  slug: string;
  decisions: DecisionList | null;
  /** The reader manages records, and the decisions wait for the meeting to be held. */
  waiting: boolean;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const can = decisions?.can;
  const manage = Boolean(can && (can.create || can.override));
  // Every write sends the override when only the override allows it.
  const override = can && !can.create && can.override ? { override: true } : {};
  const remove = useRemoveDecision(slug);
  const reorder = useReorderDecisions(slug);
  const documents = useMeetingDocuments(slug).data?.items ?? [];
  const [editing, setEditing] = useState<Decision | null>(null);
  const items = decisions?.items ?? [];
  const name = (_: Decision, index: number) => t('records.decisionName', { position: index + 1 });
  const { itemProps, actions, liveRegion } = useReorderable({
    items,
    enabled: manage,
    pending: reorder.isPending,
    name,
    save: (order, done) =>
      reorder.mutate(
        { items: order.map((d) => ({ id: d.id, updatedAt: d.updatedAt })), ...override },
        { onSuccess: done },
      ),
  });
  return (
    <section aria-labelledby="decisions" className="stack">
      <h2 id="decisions">{t('records.decisions')}</h2>
      {liveRegion}
      {decisions === null ? (
        <p className="empty">{t('records.decisionsLater')}</p>
      ) : items.length === 0 ? (
        <p className="empty">{t('records.noDecisions')}</p>
      ) : (
        <ol className="agenda-list">
          {items.map((d, index) => {
            const adopted = d.meetingDocument && documents.find((m) => m.id === d.meetingDocument?.id);
            return (
              <li key={d.id} {...itemProps(index)}>
                <h3 className="agenda-item__title">{name(d, index)}</h3>
                <p lang={d.lang} className="record-body">
                  {d.text}
                </p>
                {d.meetingDocument && (
                  <p>
                    {t('records.adopted')} {adopted ? <DocumentLink document={adopted} /> : d.meetingDocument.symbol}
                  </p>
                )}
                {d.document && (
                  <p>
                    {t('records.outcome')}{' '}
                    <LangLink to={`/documents/${d.document.slug}`}>{d.document.symbol ?? d.document.slug}</LangLink>
                  </p>
                )}
                {manage &&
                  actions(index, {
                    onEdit: () => setEditing(d),
                    removeLabel: t('records.removeDecision'),
                    removeQuestion: t('records.removeDecisionQuestion', { position: index + 1 }),
                    removing: remove.isPending,
                    onRemove: () => remove.mutate({ id: d.id, updatedAt: d.updatedAt, ...override }),
                  })}
              </li>
            );
          })}
        </ol>
      )}
      {waiting && (
        <p className="notice">
          {t('records.notHeld')} {can?.override && t('records.overrideNote')}
        </p>
      )}
      {manage && <ConflictAlert error={reorder.error ?? remove.error} onReload={onReload} />}
      {manage && (
        <DecisionForm
          key={editing ? `${editing.id}-${editing.updatedAt}` : 'new'}
          slug={slug}
          decision={editing}
          position={editing ? items.findIndex((d) => d.id === editing.id) + 1 : 0}
          documents={documents}
          override={'override' in override}
          onDone={() => setEditing(null)}
          onReload={onReload}
        />
      )}
    </section>
  );
}

/** Adds a decision at the end, or edits `decision`. */
function DecisionForm({
  slug,
  decision,
  position,
  documents,
  override,
  onDone,
  onReload,
}: {
  slug: string;
  decision: Decision | null;
  position: number;
  documents: readonly MeetingDocument[];
  /** Only the override allows the write: the meeting is not held yet. */
  override: boolean;
  onDone: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddDecision(slug);
  const update = useUpdateDecision(slug);
  const mutation = decision ? update : add;
  const form = useRef<HTMLFormElement>(null);
  // The decision as read: after a conflict, keeping one's edits takes the current one's updatedAt (issue 11).
  const { read, current, kept, keep, sending } = useConflict(
    decision,
    mutation,
    (value) => 'updatedAt' in value && 'text' in value,
  );
  const { errors, alert, check, failed } = useFormErrors(current ? null : mutation.error, form);
  const changed =
    read && current
      ? changedFields(read, current, [
          [t('records.language'), (d) => d.lang],
          [t('records.decisionText'), (d) => d.text],
          [t('records.adoptedDocument'), (d) => d.meetingDocument?.id ?? null],
          [t('records.decisionDocument'), (d) => d.document?.slug ?? null],
        ])
      : [];
  const [text, setText] = useState(decision?.text ?? '');
  const [lang, setLang] = useState<Lang>(decision?.lang ?? 'es');
  const [adopted, setAdopted] = useState(decision?.meetingDocument?.id ?? '');
  const [outcome, setOutcome] = useState(decision?.document?.slug ?? '');
  // A decision names adopted texts only (the server refuses the others).
  const adoptedTexts = (useDocuments().data ?? []).filter((d) => d.status === 'adopted');
  const headingId = decision ? `edit-decision-${decision.id}` : 'decision-form';
  function submit() {
    sending();
    if (!check({ text: text.trim() ? undefined : t('forms.required') })) return;
    const input = {
      lang,
      text: text.trim(),
      document: outcome || null,
      meetingDocumentId: adopted || null,
      ...(override ? { override } : {}),
    };
    if (read)
      update.mutate({ ...input, id: read.id, updatedAt: read.updatedAt }, { onSuccess: onDone, onError: failed });
    else
      add.mutate(input, {
        onSuccess: () => {
          setText('');
          setAdopted('');
          setOutcome('');
        },
        onError: failed,
      });
  }
  return (
    <form ref={form} className="form" noValidate onSubmit={onSubmit(submit)} aria-labelledby={headingId}>
      <h3 id={headingId}>{decision ? t('records.editDecision', { position }) : t('records.addDecision')}</h3>
      <ConflictAlert
        error={mutation.error}
        alert={alert}
        changedFields={changed}
        onKeep={keep}
        onReload={onReload}
        kept={kept}
      />
      <LanguageSelect label={t('records.language')} value={lang} onChange={setLang} />
      <TextAreaField label={t('records.decisionText')} error={errors.text} rows={3} value={text} onChange={setText} />
      <DocumentSelect
        label={t('records.adoptedDocument')}
        empty={t('records.noAdoptedDocument')}
        documents={documents}
        value={adopted}
        onChange={setAdopted}
      />
      <SelectField
        label={t('records.decisionDocument')}
        hint={t('records.decisionDocumentHint')}
        error={errors.document}
        value={outcome}
        onChange={setOutcome}
        options={[
          { value: '', label: t('records.noAdoptedDocument') },
          ...adoptedTexts.map((d) => ({
            value: d.slug,
            label: `${d.meeting.shortName} — ${d.title?.text ?? d.slug}`,
            lang: d.title?.lang,
          })),
        ]}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {decision ? t('records.saveDecision') : t('records.addDecision')}
        </button>
        {decision && (
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
