import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useRef, useState } from 'react';
import type { Amendment, Blockers, DiffPart } from '../../../contract/negotiation.js';
import type { DocumentNode, OutcomeDocument } from '../../../contract/outcome-documents.js';
import {
  AGREEMENTS,
  type Agreement,
  ALTERNATIVES_MAX,
  ALTERNATIVES_MIN,
  AMENDMENT_KINDS,
  type AmendmentKind,
  type AmendmentStatus,
  FOOTNOTE_KINDS,
  type FootnoteKind,
} from '../../../domain/negotiation.js';
import { languageName } from '../../i18n/languages.js';
import { useTranslation } from '../../i18n/react.js';
import { useMe } from '../account/queries.js';
import { useMemberStates } from '../member-states/queries.js';
import { nameOptions } from '../shared/byName.js';
import { ConflictAlert } from '../shared/ConflictAlert.js';
import { onSubmit, SelectField, TextAreaField, useFormErrors } from '../shared/forms.js';
import { useLang } from '../shared/useLang.js';
import { nodeText } from './DocumentBody.js';
import { paragraphNumber } from './documentTypes.js';
import { footnoteKindLabel } from './Footnotes.js';
import {
  useAgreement,
  useBracket,
  useDecide,
  useFootnote,
  useMerge,
  useObject,
  usePosition,
  usePropose,
  useResolve,
  useWithdrawObjection,
} from './negotiationQueries.js';
import { DOCUMENTS_KEY } from './queries.js';

type T = ReturnType<typeof useTranslation>['t'];

/** What the reader may do in the negotiation now, from what `/me` says their grants allow (the
 * server decides again, per document and state): chair it, or act for their own state. */
export type Negotiator = {
  /** May chair negotiations at all (cancel a silence procedure, move the text along). */
  presides: boolean;
  /** May chair this text now: under negotiation, no silence procedure running. */
  chair: boolean;
  amend: boolean;
  footnote: boolean;
  state: string | null;
};

export function useNegotiator(doc: OutcomeDocument): Negotiator {
  const me = useMe().data;
  // A state's grants are bound to it; a reader acts for the state of their first such grant.
  const state = me?.grants.find((g) => g.memberState !== null)?.memberState ?? null;
  const open = doc.status === 'under-negotiation';
  const presides = Boolean(me?.can.chairDocuments);
  return {
    presides,
    // While a silence procedure runs the text holds: the chair's writes wait for its end.
    chair: presides && open && doc.silence?.status !== 'running',
    amend: Boolean(me?.can.amendDocuments) && open && state !== null,
    footnote: Boolean(me?.can.footnoteDocuments) && (open || doc.status === 'agreed-ad-referendum') && state !== null,
    state,
  };
}

/** After a refused write the page reads the document again (its writes do so when they settle). */
export function useReloadDocument() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: DOCUMENTS_KEY });
}

/** A node as negotiators cite it: PP1, OP3, or a section's heading. */
export function citation(t: T, doc: OutcomeDocument, id: string | null): string {
  const node = doc.body.find((n) => n.id === id);
  if (!node) return t('negotiation.gone');
  if (node.kind === 'section') return nodeText(node, doc.originalLang ?? 'en', doc.originalLang)?.text ?? '';
  return paragraphNumber(t, node.kind, node.number ?? 0);
}

/** A word-level diff: insertions in <ins>, deletions in <del>, each also named in words, so the
 * change reads without colour and to a screen reader. */
export function Diff({ parts }: { parts: DiffPart[] }) {
  const { t } = useTranslation();
  return (
    <p className="diff">
      {parts.map((part, i) => {
        // Runs of a diff have no identity of their own and never reorder: their place is their key.
        const key = `${i}-${part.op}`;
        if (part.op === 'added')
          return (
            <ins key={key}>
              <span className="visually-hidden">{t('negotiation.diff.added')} </span>
              {part.text}
            </ins>
          );
        if (part.op === 'removed')
          return (
            <del key={key}>
              <span className="visually-hidden">{t('negotiation.diff.removed')} </span>
              {part.text}
            </del>
          );
        return <span key={key}>{part.text}</span>;
      })}
    </p>
  );
}

export function agreementLabel(t: T, agreement: Agreement): string {
  if (agreement === 'agreed') return t('negotiation.agreement.agreed');
  if (agreement === 'agreed-ad-referendum') return t('negotiation.agreement.adReferendum');
  return t('negotiation.agreement.open');
}

function kindLabel(t: T, kind: AmendmentKind): string {
  if (kind === 'replace') return t('negotiation.kind.replace');
  if (kind === 'insert') return t('negotiation.kind.insert');
  if (kind === 'delete') return t('negotiation.kind.delete');
  return t('negotiation.kind.move');
}

function amendmentStatusLabel(t: T, status: AmendmentStatus): string {
  if (status === 'accepted') return t('negotiation.status.accepted');
  if (status === 'rejected') return t('negotiation.status.rejected');
  if (status === 'merged') return t('negotiation.status.merged');
  if (status === 'withdrawn') return t('negotiation.status.withdrawn');
  return t('negotiation.status.pending');
}

/** The end of a negotiation form: its submit button, and what refused it (a 409 through the
 * conflict alert, with a reload). */
export function FormEnd({
  label,
  write,
  onReload,
  alert,
  secondary = false,
}: {
  label: string;
  write: { isPending: boolean; error: unknown };
  onReload: () => void;
  alert: string | null;
  secondary?: boolean;
}) {
  return (
    <>
      <p className="form__actions">
        <button
          type="submit"
          className={secondary ? 'button button--secondary' : 'button button--small'}
          disabled={write.isPending}
        >
          {label}
        </button>
      </p>
      <ConflictAlert error={write.error} onReload={onReload} alert={alert} />
    </>
  );
}

/** A small form behind its summary, keyboard-operable as every <details> is. */
export function Tool({ summary, children }: { summary: string; children: ReactNode }) {
  // Its form is made when opened, so it reads the version of the text then on screen.
  const [open, setOpen] = useState(false);
  return (
    <details className="negotiation__tool" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && children}
    </details>
  );
}

/**
 * What a paragraph under negotiation carries besides its text: its agreement, its brackets, the
 * standing objections, its amendments with their diffs and positions, and the controls the reader
 * may use on it.
 */
export function ParagraphNegotiation({
  doc,
  node,
  amendments,
  blockers,
  who,
}: {
  doc: OutcomeDocument;
  node: DocumentNode;
  amendments: Amendment[];
  blockers: Blockers | undefined;
  who: Negotiator;
}) {
  const { t } = useTranslation();
  const objections = blockers?.standingObjections.filter((o) => o.nodeId === node.id) ?? [];
  const pending = amendments.filter((a) => a.status === 'pending');
  const label = paragraphNumber(t, node.kind as 'preambular' | 'operative', node.number ?? 0);
  return (
    <div className="negotiation">
      <p className="negotiation__agreement">
        <span className={`badge badge--${node.agreement}`}>{agreementLabel(t, node.agreement)}</span>
      </p>
      {node.brackets.map((bracket) => (
        <BracketView key={bracket.id} doc={doc} node={node} bracket={bracket} who={who} />
      ))}
      <Objections doc={doc} objections={objections} who={who} />
      {amendments.length > 0 && (
        <section className="amendments" aria-label={t('negotiation.amendmentsOf', { paragraph: label })}>
          <h4>{t('negotiation.amendmentsOf', { paragraph: label })}</h4>
          <ul className="plain-list">
            {amendments.map((amendment) => (
              <li key={amendment.id}>
                <AmendmentCard doc={doc} amendment={amendment} who={who} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="negotiation__tools">
        {who.amend && (
          <Tool summary={t('negotiation.propose.open', { paragraph: label })}>
            <ProposeForm doc={doc} node={node} state={who.state as string} />
          </Tool>
        )}
        {who.amend && (
          <Tool summary={t('negotiation.objection.open', { paragraph: label })}>
            <ObjectionForm doc={doc} nodeId={node.id} state={who.state as string} />
          </Tool>
        )}
        {who.footnote && (
          <Tool summary={t('negotiation.footnote.open', { paragraph: label })}>
            <FootnoteForm doc={doc} nodeId={node.id} state={who.state as string} />
          </Tool>
        )}
        {who.chair && (
          <Tool summary={t('negotiation.agreement.record', { paragraph: label })}>
            <AgreementForm doc={doc} node={node} />
          </Tool>
        )}
        {who.chair && node.brackets.length === 0 && (
          <Tool summary={t('negotiation.bracket.open', { paragraph: label })}>
            <BracketForm doc={doc} node={node} />
          </Tool>
        )}
        {who.chair && pending.length >= 2 && (
          <Tool summary={t('negotiation.merge.open', { paragraph: label })}>
            <MergeForm doc={doc} node={node} pending={pending} />
          </Tool>
        )}
      </div>
    </div>
  );
}

function AmendmentCard({ doc, amendment, who }: { doc: OutcomeDocument; amendment: Amendment; who: Negotiator }) {
  const { t } = useTranslation();
  const reload = useReloadDocument();
  const decide = useDecide(doc.id);
  const by = amendment.state?.name.text ?? t('negotiation.chair');
  const list = new Intl.ListFormat(useLang(), { type: 'conjunction' });
  return (
    <article className="amendment" aria-label={t('negotiation.amendmentBy', { state: by })}>
      <p className="amendment__head">
        <strong>{kindLabel(t, amendment.kind)}</strong> · {t('negotiation.amendmentBy', { state: by })} ·{' '}
        <span className={`badge badge--${amendment.status}`}>{amendmentStatusLabel(t, amendment.status)}</span>
      </p>
      {amendment.kind === 'move' ? (
        <p>
          {amendment.afterId === null
            ? t('negotiation.moveFirst')
            : t('negotiation.moveAfter', { node: citation(t, doc, amendment.afterId) })}
        </p>
      ) : (
        <Diff parts={amendment.diff} />
      )}
      <p className="amendment__rationale">
        {t('negotiation.rationale')}: {amendment.rationale}
      </p>
      {amendment.supporters.length > 0 && (
        <p>
          {t('negotiation.supportedBy', { states: list.format(amendment.supporters.map((p) => p.state.name.text)) })}
        </p>
      )}
      {amendment.objectors.length > 0 && (
        <ul className="amendment__objectors" aria-label={t('negotiation.objectedBy')}>
          {amendment.objectors.map((p) => (
            <li key={p.state.slug}>
              {t('negotiation.objectionOf', { state: p.state.name.text })}
              {p.comment && <>: {p.comment}</>}
            </li>
          ))}
        </ul>
      )}
      {amendment.can.position && who.state && <PositionForm doc={doc} amendment={amendment} state={who.state} />}
      {amendment.can.decide && who.chair && (
        <>
          <p className="form__actions">
            <button
              type="button"
              className="button button--small"
              disabled={decide.isPending}
              onClick={() => decide.mutate({ amendmentId: amendment.id, verb: 'accept', version: doc.version })}
            >
              {t('negotiation.accept')}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={decide.isPending}
              onClick={() => decide.mutate({ amendmentId: amendment.id, verb: 'reject', version: doc.version })}
            >
              {t('negotiation.reject')}
            </button>
          </p>
          <ConflictAlert error={decide.error} onReload={reload} />
        </>
      )}
    </article>
  );
}

/** A state supports or objects to another's amendment; objecting needs a comment. */
function PositionForm({ doc, amendment, state }: { doc: OutcomeDocument; amendment: Amendment; state: string }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const reload = useReloadDocument();
  const position = usePosition(doc.id);
  const [comment, setComment] = useState('');
  const { errors, alert, check, failed } = useFormErrors(position.error, form);
  const send = (stance: 'support' | 'object') => {
    const given = comment.trim();
    if (!check({ comment: stance === 'object' && given === '' ? t('negotiation.commentRequired') : undefined })) return;
    position.mutate(
      { amendmentId: amendment.id, state, stance, ...(given === '' ? {} : { comment: given }) },
      { onSuccess: () => setComment(''), onError: failed },
    );
  };
  return (
    <form ref={form} className="form amendment__position" onSubmit={onSubmit(() => send('support'))} noValidate>
      <TextAreaField
        label={t('negotiation.comment')}
        hint={t('negotiation.commentHint')}
        value={comment}
        onChange={setComment}
        error={errors.comment}
        rows={2}
      />
      <p className="form__actions">
        <button type="submit" className="button button--small" disabled={position.isPending}>
          {t('negotiation.support')}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={position.isPending}
          onClick={() => send('object')}
        >
          {t('negotiation.object')}
        </button>
      </p>
      <ConflictAlert error={position.error} onReload={reload} alert={alert} />
    </form>
  );
}

/** The version a form read when it opened: its write names it, and a 409 (someone changed the
 * text since) offers to read the current one, never silently. After its own write, or once the
 * reader chose to read the text again, it follows the page's version. */
function useReadVersion(doc: OutcomeDocument, write: { reset: () => void }) {
  const [held, setHeld] = useState<number | null>(doc.version);
  const reload = useReloadDocument();
  return {
    read: held ?? doc.version,
    written: () => setHeld(null),
    reload: () => {
      write.reset();
      reload();
      setHeld(null);
    },
  };
}

function ProposeForm({ doc, node, state }: { doc: OutcomeDocument; node: DocumentNode; state: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = useRef<HTMLFormElement>(null);
  const propose = usePropose(doc.id);
  const { read, reload, written } = useReadVersion(doc, propose);
  const original = doc.originalLang ? node.texts[doc.originalLang]?.text : undefined;
  const [kind, setKind] = useState<AmendmentKind>('replace');
  const [text, setText] = useState(original ?? '');
  const [afterId, setAfterId] = useState('');
  const [rationale, setRationale] = useState('');
  const [done, setDone] = useState(false);
  const { errors, alert, check, failed } = useFormErrors(propose.error, form);
  const wantsText = kind === 'replace' || kind === 'insert';
  const send = () => {
    const found = {
      text: wantsText && text.trim() === '' ? t('forms.required') : undefined,
      rationale: rationale.trim() === '' ? t('forms.required') : undefined,
    };
    if (!check(found)) return;
    setDone(false);
    propose.mutate(
      {
        version: read,
        state,
        kind,
        nodeId: node.id,
        rationale: rationale.trim(),
        ...(wantsText && { text: text.trim() }),
        ...(kind === 'move' && { afterId: afterId === '' ? null : afterId }),
      },
      {
        onSuccess: () => {
          written();
          setRationale('');
          setDone(true);
        },
        onError: failed,
      },
    );
  };
  const places = doc.body.filter((n) => n.id !== node.id);
  return (
    <form ref={form} className="form" onSubmit={onSubmit(send)} noValidate>
      <SelectField<AmendmentKind>
        label={t('negotiation.propose.kind')}
        value={kind}
        onChange={(next) => {
          setKind(next);
          setText(next === 'replace' ? (original ?? '') : '');
        }}
        options={AMENDMENT_KINDS.map((value) => ({ value, label: kindLabel(t, value) }))}
      />
      {wantsText && (
        <TextAreaField
          label={kind === 'insert' ? t('negotiation.propose.newText') : t('negotiation.propose.text')}
          hint={
            doc.originalLang
              ? t('negotiation.propose.inOriginal', { language: languageName(doc.originalLang, lang) })
              : undefined
          }
          value={text}
          onChange={setText}
          error={errors.text}
          rows={4}
        />
      )}
      {kind === 'move' && (
        <SelectField
          label={t('negotiation.propose.after')}
          value={afterId}
          onChange={setAfterId}
          error={errors.afterId}
          options={[
            { value: '', label: t('negotiation.propose.first') },
            ...places.map((n) => ({ value: n.id, label: citation(t, doc, n.id) })),
          ]}
        />
      )}
      <TextAreaField
        label={t('negotiation.rationale')}
        value={rationale}
        onChange={setRationale}
        error={errors.rationale}
        rows={2}
      />
      <p className="form__actions">
        <button type="submit" className="button button--small" disabled={propose.isPending}>
          {t('negotiation.propose.send')}
        </button>
      </p>
      <ConflictAlert
        error={propose.error}
        onReload={reload}
        alert={alert}
        explanation={t('negotiation.stale')}
        reloadLabel={t('negotiation.readAgain')}
      />
      <div role="status" className="form-status">
        {done && <p className="form-status__message">{t('negotiation.propose.done')}</p>}
      </div>
    </form>
  );
}

export function ObjectionForm({ doc, nodeId, state }: { doc: OutcomeDocument; nodeId: string | null; state: string }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const reload = useReloadDocument();
  const object = useObject(doc.id);
  const [comment, setComment] = useState('');
  const { errors, alert, check, failed } = useFormErrors(object.error, form);
  const send = () => {
    if (!check({ comment: comment.trim() === '' ? t('negotiation.commentRequired') : undefined })) return;
    object.mutate({ state, nodeId, comment: comment.trim() }, { onSuccess: () => setComment(''), onError: failed });
  };
  return (
    <form ref={form} className="form" onSubmit={onSubmit(send)} noValidate>
      <TextAreaField
        label={t('negotiation.objection.comment')}
        value={comment}
        onChange={setComment}
        error={errors.comment}
        rows={2}
      />
      <FormEnd label={t('negotiation.objection.send')} write={object} onReload={reload} alert={alert} />
    </form>
  );
}

/** The standing objections (of a paragraph, or of the whole text); a state withdraws its own. */
export function Objections({
  doc,
  objections,
  who,
}: {
  doc: OutcomeDocument;
  objections: Blockers['standingObjections'];
  who: Negotiator;
}) {
  const { t } = useTranslation();
  const reload = useReloadDocument();
  const withdraw = useWithdrawObjection(doc.id);
  if (objections.length === 0) return null;
  return (
    <div className="negotiation__objections">
      <ul className="plain-list">
        {objections.map((objection) => (
          <li key={objection.id}>
            {t('negotiation.objectionOf', { state: objection.state.name.text })}
            {who.amend && objection.state.slug === who.state && (
              <>
                {' '}
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={withdraw.isPending}
                  onClick={() => withdraw.mutate({ objectionId: objection.id, state: objection.state.slug })}
                >
                  {t('negotiation.objection.withdraw')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <ConflictAlert error={withdraw.error} onReload={reload} />
    </div>
  );
}

export function FootnoteForm({ doc, nodeId, state }: { doc: OutcomeDocument; nodeId: string | null; state: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = useRef<HTMLFormElement>(null);
  const reload = useReloadDocument();
  const footnote = useFootnote(doc.id);
  const [kind, setKind] = useState<FootnoteKind>('reservation');
  const [text, setText] = useState('');
  const { errors, alert, check, failed } = useFormErrors(footnote.error, form);
  const send = () => {
    if (!check({ text: text.trim() === '' ? t('forms.required') : undefined })) return;
    footnote.mutate(
      { state, kind, nodeId, lang, text: text.trim() },
      { onSuccess: () => setText(''), onError: failed },
    );
  };
  return (
    <form ref={form} className="form" onSubmit={onSubmit(send)} noValidate>
      <SelectField<FootnoteKind>
        label={t('negotiation.footnote.kind')}
        value={kind}
        onChange={setKind}
        options={FOOTNOTE_KINDS.map((value) => ({ value, label: footnoteKindLabel(t, value) }))}
      />
      <TextAreaField
        label={t('negotiation.footnote.text')}
        hint={t('negotiation.footnote.inLanguage', { language: languageName(lang, lang) })}
        value={text}
        onChange={setText}
        error={errors.text}
        rows={3}
      />
      <FormEnd label={t('negotiation.footnote.send')} write={footnote} onReload={reload} alert={alert} />
    </form>
  );
}

function AgreementForm({ doc, node }: { doc: OutcomeDocument; node: DocumentNode }) {
  const { t } = useTranslation();
  const reload = useReloadDocument();
  const agreement = useAgreement(doc.id);
  const [value, setValue] = useState<Agreement>(node.agreement);
  return (
    <form
      className="form"
      onSubmit={onSubmit(() => agreement.mutate({ nodeId: node.id, version: doc.version, agreement: value }))}
      noValidate
    >
      <SelectField<Agreement>
        label={t('negotiation.agreement.label')}
        value={value}
        onChange={setValue}
        options={AGREEMENTS.map((a) => ({ value: a, label: agreementLabel(t, a) }))}
      />
      <p className="form__actions">
        <button type="submit" className="button button--small" disabled={agreement.isPending}>
          {t('negotiation.agreement.save')}
        </button>
      </p>
      <ConflictAlert error={agreement.error} onReload={reload} />
    </form>
  );
}

type Alternative = { key: number; text: string; states: string[] };

/** The chair brackets a paragraph: 2 to 6 wordings, each with the states holding it. */
function BracketForm({ doc, node }: { doc: OutcomeDocument; node: DocumentNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = useRef<HTMLFormElement>(null);
  const bracket = useBracket(doc.id);
  const { read, reload } = useReadVersion(doc, bracket);
  const states = nameOptions(useMemberStates().data ?? [], lang);
  const original = doc.originalLang ? (node.texts[doc.originalLang]?.text ?? '') : '';
  // Each wording keeps its key while others are removed, so its fields keep their state.
  const nextKey = useRef(2);
  const [alternatives, setAlternatives] = useState<Alternative[]>([
    { key: 0, text: original, states: [] },
    { key: 1, text: '', states: [] },
  ]);
  const { errors, alert, check, failed } = useFormErrors(bracket.error, form);
  const change = (i: number, patch: Partial<Alternative>) =>
    setAlternatives((all) => all.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const send = () => {
    const found = Object.fromEntries(
      alternatives.flatMap((a, i) => [
        [`alternatives.${i}.text`, a.text.trim() === '' ? t('forms.required') : undefined],
        [`alternatives.${i}.states`, a.states.length === 0 ? t('negotiation.bracket.holdersRequired') : undefined],
      ]),
    );
    if (!check(found)) return;
    bracket.mutate(
      {
        nodeId: node.id,
        version: read,
        alternatives: alternatives.map((a) => ({ text: a.text.trim(), states: a.states })),
      },
      { onError: failed },
    );
  };
  return (
    <form ref={form} className="form" onSubmit={onSubmit(send)} noValidate>
      {alternatives.map((alternative, i) => (
        <fieldset key={alternative.key} className="bracket-form__alternative">
          <legend>{t('negotiation.bracket.wording', { number: i + 1 })}</legend>
          <TextAreaField
            label={t('negotiation.bracket.text', { number: i + 1 })}
            value={alternative.text}
            onChange={(text) => change(i, { text })}
            error={errors[`alternatives.${i}.text`]}
            rows={3}
          />
          <div className={errors[`alternatives.${i}.states`] ? 'field field--invalid' : 'field'}>
            <label htmlFor={`${node.id}-holders-${i}`}>{t('negotiation.bracket.holders', { number: i + 1 })}</label>
            <div className="field__hint" id={`${node.id}-holders-${i}-hint`}>
              {t('negotiation.bracket.holdersHint')}
            </div>
            <select
              id={`${node.id}-holders-${i}`}
              multiple
              size={5}
              value={alternative.states}
              aria-describedby={`${node.id}-holders-${i}-hint`}
              aria-invalid={errors[`alternatives.${i}.states`] ? true : undefined}
              onChange={(event) =>
                change(i, { states: Array.from(event.target.selectedOptions, (option) => option.value) })
              }
            >
              {states.map((state) => (
                <option key={state.value} value={state.value}>
                  {state.label}
                </option>
              ))}
            </select>
            {errors[`alternatives.${i}.states`] && <p className="field__error">{errors[`alternatives.${i}.states`]}</p>}
          </div>
          {alternatives.length > ALTERNATIVES_MIN && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setAlternatives((all) => all.filter((_, j) => j !== i))}
            >
              {t('negotiation.bracket.remove', { number: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      <p className="form__actions">
        {alternatives.length < ALTERNATIVES_MAX && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setAlternatives((all) => [...all, { key: nextKey.current++, text: '', states: [] }])}
          >
            {t('negotiation.bracket.add')}
          </button>
        )}
        <button type="submit" className="button button--small" disabled={bracket.isPending}>
          {t('negotiation.bracket.send')}
        </button>
      </p>
      <ConflictAlert error={bracket.error} onReload={reload} alert={alert} />
    </form>
  );
}

/** An open bracket: its wordings with their holders; the chair keeps one. */
function BracketView({
  doc,
  node,
  bracket,
  who,
}: {
  doc: OutcomeDocument;
  node: DocumentNode;
  bracket: DocumentNode['brackets'][number];
  who: Negotiator;
}) {
  const { t } = useTranslation();
  const reload = useReloadDocument();
  const resolve = useResolve(doc.id);
  const list = new Intl.ListFormat(useLang(), { type: 'conjunction' });
  return (
    <div className="bracket">
      <p className="bracket__head">{t('negotiation.bracket.heading')}</p>
      <ol className="bracket__alternatives">
        {bracket.alternatives.map((alternative, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a wording is named by its place (resolving picks it by index).
          <li key={i}>
            <p>[{alternative.text}]</p>
            <p className="bracket__holders">
              {t('negotiation.bracket.heldBy', { states: list.format(alternative.states.map((s) => s.name.text)) })}
            </p>
            {who.chair && (
              <button
                type="button"
                className="button button--small"
                disabled={resolve.isPending}
                onClick={() =>
                  resolve.mutate({ nodeId: node.id, bracketId: bracket.id, version: doc.version, alternative: i })
                }
              >
                {t('negotiation.bracket.keep', { number: i + 1 })}
              </button>
            )}
          </li>
        ))}
      </ol>
      <ConflictAlert error={resolve.error} onReload={reload} />
      {who.chair && (
        <Tool summary={t('negotiation.bracket.ownOpen', { paragraph: citation(t, doc, node.id) })}>
          <ResolveOwnForm doc={doc} node={node} bracket={bracket} />
        </Tool>
      )}
    </div>
  );
}

/** The chair resolves a bracket with a wording of its own, none of those in dispute. */
function ResolveOwnForm({
  doc,
  node,
  bracket,
}: {
  doc: OutcomeDocument;
  node: DocumentNode;
  bracket: DocumentNode['brackets'][number];
}) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const resolve = useResolve(doc.id);
  const { read, reload, written } = useReadVersion(doc, resolve);
  const [text, setText] = useState(bracket.alternatives[0]?.text ?? '');
  const { errors, alert, check, failed } = useFormErrors(resolve.error, form);
  const send = () => {
    if (!check({ text: text.trim() === '' ? t('forms.required') : undefined })) return;
    resolve.mutate(
      { nodeId: node.id, bracketId: bracket.id, version: read, text: text.trim() },
      { onSuccess: written, onError: failed },
    );
  };
  return (
    <form ref={form} className="form" onSubmit={onSubmit(send)} noValidate>
      <TextAreaField
        label={t('negotiation.bracket.ownText', { paragraph: citation(t, doc, node.id) })}
        value={text}
        onChange={setText}
        error={errors.text}
        rows={3}
      />
      <FormEnd label={t('negotiation.bracket.ownSend')} write={resolve} onReload={reload} alert={alert} />
    </form>
  );
}

/** The chair merges pending amendments of one paragraph into a text of its own, itself pending. */
function MergeForm({ doc, node, pending }: { doc: OutcomeDocument; node: DocumentNode; pending: Amendment[] }) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const merge = useMerge(doc.id);
  const { read, reload, written } = useReadVersion(doc, merge);
  const [chosen, setChosen] = useState<string[]>(pending.map((a) => a.id));
  const [text, setText] = useState(pending.find((a) => a.text)?.text ?? '');
  const [rationale, setRationale] = useState('');
  const { errors, alert, check, failed } = useFormErrors(merge.error, form);
  const send = () => {
    const found = {
      amendments: chosen.length < 2 ? t('negotiation.merge.two') : undefined,
      text: text.trim() === '' ? t('forms.required') : undefined,
      rationale: rationale.trim() === '' ? t('forms.required') : undefined,
    };
    if (!check(found)) return;
    merge.mutate(
      { version: read, amendments: chosen, text: text.trim(), rationale: rationale.trim() },
      { onSuccess: written, onError: failed },
    );
  };
  return (
    <form ref={form} className="form" onSubmit={onSubmit(send)} noValidate>
      <fieldset aria-invalid={errors.amendments ? true : undefined}>
        <legend>{t('negotiation.merge.which')}</legend>
        {pending.map((a) => (
          <label key={a.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(a.id)}
              onChange={(event) =>
                setChosen((all) => (event.target.checked ? [...all, a.id] : all.filter((id) => id !== a.id)))
              }
            />{' '}
            {kindLabel(t, a.kind)} · {a.state?.name.text ?? t('negotiation.chair')}
          </label>
        ))}
        {errors.amendments && <p className="field__error">{errors.amendments}</p>}
      </fieldset>
      <TextAreaField
        label={t('negotiation.merge.text', { node: citation(t, doc, node.id) })}
        value={text}
        onChange={setText}
        error={errors.text}
        rows={4}
      />
      <TextAreaField
        label={t('negotiation.rationale')}
        value={rationale}
        onChange={setRationale}
        error={errors.rationale}
        rows={2}
      />
      <FormEnd label={t('negotiation.merge.send')} write={merge} onReload={reload} alert={alert} />
    </form>
  );
}
