import { useRef, useState } from 'react';
import type { Blockers } from '../../../contract/negotiation.js';
import type { OutcomeDocument } from '../../../contract/outcome-documents.js';
import { useTranslation } from '../../i18n/react.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { formatNumber } from '../shared/format.js';
import { onSubmit, TextAreaField, TextField, useFormErrors } from '../shared/forms.js';
import { useLang } from '../shared/useLang.js';
import { formatMomentIn, fromLocalInput, readerTimeZone, useReaderTimeZone, zoneName } from '../shared/zones.js';
import { nodeAnchor } from './DocumentBody.js';
import { documentStatusLabel } from './documentTypes.js';
import { useChangeStatus } from './editQueries.js';
import {
  citation,
  FootnoteForm,
  FormEnd,
  type Negotiator,
  ObjectionForm,
  Objections,
  useReloadDocument,
} from './Negotiation.js';
import { useBreakSilence, useCancelSilence, useIssueRevision, useOpenSilence } from './negotiationQueries.js';

/**
 * Adoption: what still blocks it (pending amendments, open brackets, standing objections), the
 * chair's steps along the lifecycle, the silence procedure, and the whole text's objections and
 * footnotes.
 */
export function AdoptionPanel({
  doc,
  blockers,
  who,
}: {
  doc: OutcomeDocument;
  blockers: Blockers | undefined;
  who: Negotiator;
}) {
  const { t } = useTranslation();
  const reload = useReloadDocument();
  const status = useChangeStatus(doc.id);
  // Withdrawing is the drafting page's; here the steps toward adoption.
  const steps = who.presides ? doc.transitions.filter((s) => s !== 'withdrawn') : [];
  const wholeText = blockers?.standingObjections.filter((o) => o.nodeId === null) ?? [];
  return (
    <section aria-labelledby="adoption-heading" className="adoption">
      <h2 id="adoption-heading">{t('negotiation.adoption.heading')}</h2>
      <BlockerList doc={doc} blockers={blockers} />
      {steps.length > 0 && (
        <>
          <p className="form__actions">
            {steps.map((next) => (
              <button
                key={next}
                type="button"
                className={next === 'adopted' ? 'button' : 'button button--secondary'}
                disabled={status.isPending}
                onClick={() => status.mutate({ version: doc.version, status: next })}
              >
                {next === 'adopted'
                  ? t('negotiation.adoption.adopt')
                  : t('documents.edit.moveTo', { status: documentStatusLabel(t, next) })}
              </button>
            ))}
          </p>
          <ConflictAlert error={status.error} onReload={reload} explanation={t('negotiation.adoption.blocked')} />
        </>
      )}
      {who.chair && <IssueRevision doc={doc} />}
      <Silence doc={doc} who={who} />
      <h3>{t('negotiation.wholeText')}</h3>
      <Objections doc={doc} objections={wholeText} who={who} />
      {who.amend && (
        <details className="negotiation__tool">
          <summary>{t('negotiation.objection.openWhole')}</summary>
          <ObjectionForm doc={doc} nodeId={null} state={who.state as string} />
        </details>
      )}
      {who.footnote && (
        <details className="negotiation__tool">
          <summary>{t('negotiation.footnote.openWhole')}</summary>
          <FootnoteForm doc={doc} nodeId={null} state={who.state as string} />
        </details>
      )}
    </section>
  );
}

/** The chair issues the text as it now stands as the next consolidated revision: `rev. N` of the
 * symbol, recorded among the versions. */
function IssueRevision({ doc }: { doc: OutcomeDocument }) {
  const { t } = useTranslation();
  const reload = useReloadDocument();
  const issue = useIssueRevision(doc.id);
  return (
    <section aria-labelledby="revision-heading">
      <h3 id="revision-heading">{t('negotiation.revision.heading')}</h3>
      <p>{t('negotiation.revision.current', { symbol: doc.symbol ?? '' })}</p>
      <p className="form__actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={issue.isPending}
          onClick={() => issue.mutate({ version: doc.version })}
        >
          {t('negotiation.revision.issue')}
        </button>
      </p>
      <ConflictAlert error={issue.error} onReload={reload} />
    </section>
  );
}

function BlockerList({ doc, blockers }: { doc: OutcomeDocument; blockers: Blockers | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!blockers) return null;
  if (blockers.adoptable) return <p className="notice">{t('negotiation.adoption.nothing')}</p>;
  const where = (nodeId: string | null) =>
    nodeId === null ? t('negotiation.wholeText') : <a href={`#${nodeAnchor(nodeId)}`}>{citation(t, doc, nodeId)}</a>;
  const groups = [
    {
      key: 'amendments',
      label: t('negotiation.adoption.amendments', { number: formatNumber(blockers.pendingAmendments.length, lang) }),
      items: blockers.pendingAmendments.map((a) => ({ id: a.id, at: a.nodeId })),
    },
    {
      key: 'brackets',
      label: t('negotiation.adoption.brackets', { number: formatNumber(blockers.openBrackets.length, lang) }),
      items: blockers.openBrackets.map((b) => ({ id: b.id, at: b.nodeId })),
    },
    {
      key: 'objections',
      label: t('negotiation.adoption.objections', { number: formatNumber(blockers.standingObjections.length, lang) }),
      items: blockers.standingObjections.map((o) => ({ id: o.id, at: o.nodeId })),
    },
  ];
  return (
    <div className="notice notice--warning">
      <p>{t('negotiation.adoption.blockedBy')}</p>
      <ul>
        {groups.map((group) => (
          <li key={group.key}>
            {group.label}
            {group.items.length > 0 && (
              <ul className="inline-list">
                {group.items.map((item) => (
                  <li key={item.id}>{where(item.at)}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The silence procedure: its state for all who read the text; the chair opens or cancels it; a
 * state breaks it with a reason. Times are the reader's own clock. */
function Silence({ doc, who }: { doc: OutcomeDocument; who: Negotiator }) {
  const { t } = useTranslation();
  const lang = useLang();
  const zone = useReaderTimeZone() ?? 'UTC';
  const reload = useReloadDocument();
  const cancel = useCancelSilence(doc.id);
  const silence = doc.silence;
  const running = silence?.status === 'running';
  const when = (at: string) => `${formatMomentIn(at, zone, lang)} (${zoneName(zone, lang, new Date(at))})`;
  return (
    <section aria-labelledby="silence-heading">
      <h3 id="silence-heading">{t('negotiation.silence.heading')}</h3>
      {silence === null ? (
        <p>{t('negotiation.silence.none')}</p>
      ) : (
        <p role="status">
          {silence.status === 'running' && t('negotiation.silence.running', { deadline: when(silence.deadline) })}
          {silence.status === 'adopted' && t('negotiation.silence.adopted', { deadline: when(silence.deadline) })}
          {silence.status === 'cancelled' && t('negotiation.silence.cancelled')}
          {silence.status === 'lapsed' && t('negotiation.silence.lapsed')}
          {silence.status === 'broken' &&
            t('negotiation.silence.broken', {
              state: silence.brokenBy?.state.name.text ?? '',
              reason: silence.brokenBy?.reason ?? '',
            })}
        </p>
      )}
      {who.chair && <OpenSilence doc={doc} />}
      {running && doc.status === 'under-negotiation' && (
        <CancelOrBreak doc={doc} who={who} cancel={cancel} reload={reload} />
      )}
    </section>
  );
}

function CancelOrBreak({
  doc,
  who,
  cancel,
  reload,
}: {
  doc: OutcomeDocument;
  who: Negotiator;
  cancel: ReturnType<typeof useCancelSilence>;
  reload: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {who.presides && (
        <>
          <p className="form__actions">
            <button
              type="button"
              className="button button--secondary"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate({ version: doc.version })}
            >
              {t('negotiation.silence.cancel')}
            </button>
          </p>
          <ConflictAlert error={cancel.error} onReload={reload} />
        </>
      )}
      {who.amend && <BreakSilence doc={doc} state={who.state as string} />}
    </>
  );
}

function OpenSilence({ doc }: { doc: OutcomeDocument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = useRef<HTMLFormElement>(null);
  const open = useOpenSilence(doc.id);
  const reload = useReloadDocument();
  const [deadline, setDeadline] = useState('');
  const { errors, alert, check, failed } = useFormErrors(open.error, form);
  const zone = useReaderTimeZone() ?? 'UTC';
  const send = () => {
    const at = fromLocalInput(deadline, readerTimeZone());
    if (!check({ deadline: at === null ? t('forms.required') : undefined }) || at === null) return;
    open.mutate({ version: doc.version, deadline: at }, { onError: failed });
  };
  return (
    <form ref={form} className="form" onSubmit={onSubmit(send)} noValidate>
      <TextField
        type="datetime-local"
        label={t('negotiation.silence.deadline')}
        hint={t('negotiation.silence.deadlineHint', { zone: zoneName(zone, lang, new Date()) })}
        value={deadline}
        onChange={setDeadline}
        error={errors.deadline}
      />
      <FormEnd label={t('negotiation.silence.open')} write={open} onReload={reload} alert={alert} secondary />
    </form>
  );
}

function BreakSilence({ doc, state }: { doc: OutcomeDocument; state: string }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const breaks = useBreakSilence(doc.id);
  const reload = useReloadDocument();
  const [reason, setReason] = useState('');
  const { errors, alert, check, failed } = useFormErrors(breaks.error, form);
  const send = () => {
    if (!check({ reason: reason.trim() === '' ? t('forms.required') : undefined })) return;
    breaks.mutate({ state, reason: reason.trim() }, { onError: failed });
  };
  return (
    <form ref={form} className="form" onSubmit={onSubmit(send)} noValidate>
      <TextAreaField
        label={t('negotiation.silence.reason')}
        value={reason}
        onChange={setReason}
        error={errors.reason}
        rows={2}
      />
      <FormEnd label={t('negotiation.silence.break')} write={breaks} onReload={reload} alert={alert} secondary />
    </form>
  );
}
