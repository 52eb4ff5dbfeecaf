import { useId, useState } from 'react';
import type { Delegation } from '../../../contract/delegations.js';
import { REASON_MAX } from '../../../domain/delegations.js';
import { useTranslation } from '../../i18n/react.js';
import { FormAlert, useProblemMessage } from '../shared/forms.js';
import { QueryState } from '../shared/QueryState.js';
import { Credentials } from './Credentials.js';
import { DelegationSummary, delegationName } from './DelegationSummary.js';
import { type Decision, useDecision, useDelegations } from './queries.js';

/**
 * The queue of every registration: those waiting for accreditation first, with accredit and
 * return (a reason is required), edits asked for after the deadline with approve and reject, then
 * every other registration; each with its credentials. Each control shows as the registration's
 * `can` allows.
 */
export function AccreditationQueue({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const delegations = useDelegations(slug);
  return (
    <QueryState query={delegations}>
      {(data) => {
        const waiting = data.items.filter(
          (d) => d.status === 'submitted' || d.changes.some((c) => c.status === 'pending'),
        );
        const others = data.items.filter((d) => !waiting.includes(d));
        return (
          <>
            <section aria-labelledby="queue-waiting">
              <h2 id="queue-waiting">{t('delegations.queue.waiting', { count: waiting.length })}</h2>
              {waiting.length === 0 ? (
                <p className="empty">{t('delegations.queue.nothingWaiting')}</p>
              ) : (
                <ul className="delegation-cards">
                  {waiting.map((d) => (
                    <li key={d.id} className="delegation-card">
                      <DelegationSummary delegation={d} heading={3} />
                      <Credentials slug={slug} delegation={d} heading={4} />
                      <DecisionActions slug={slug} delegation={d} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="queue-others">
              <h2 id="queue-others">{t('delegations.queue.others', { count: others.length })}</h2>
              <ul className="delegation-cards">
                {others.map((d) => (
                  <li key={d.id} className="delegation-card">
                    <DelegationSummary delegation={d} heading={3} />
                    <Credentials slug={slug} delegation={d} heading={4} />
                    <DecisionActions slug={slug} delegation={d} />
                  </li>
                ))}
              </ul>
            </section>
          </>
        );
      }}
    </QueryState>
  );
}

function DecisionActions({ slug, delegation }: { slug: string; delegation: Delegation }) {
  const { t } = useTranslation();
  const decide = useDecision(slug);
  const problem = useProblemMessage();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const reasonId = useId();
  const pending = delegation.changes.find((c) => c.status === 'pending');
  const run = (decision: Decision, needsReason: boolean) => {
    setMissing(needsReason && reason.trim() === '');
    if (needsReason && reason.trim() === '') return;
    decide.mutate(decision, { onSuccess: () => setReason('') });
  };
  const { id, version } = delegation;
  const name = delegationName(delegation);
  const trimmed = reason.trim();
  const withoutCredentials = delegation.credentials === null;
  // The decisions this registration allows now; those that refuse it need a reason.
  const actions: Array<{ label: string; decision: Decision; needsReason: boolean; primary: boolean }> = [
    ...(delegation.can.accredit
      ? [
          {
            label: t('delegations.queue.accredit', { name }),
            decision: { kind: 'accredit', id, version, reason: trimmed } as const,
            // Without credentials the secretariat states why it accredits all the same.
            needsReason: withoutCredentials,
            primary: true,
          },
        ]
      : []),
    ...(delegation.can.return
      ? [
          {
            label: t('delegations.queue.return', { name }),
            decision: { kind: 'return', id, version, reason: trimmed } as const,
            needsReason: true,
            primary: false,
          },
        ]
      : []),
    ...(pending && delegation.can.decideChanges
      ? [
          {
            label: t('delegations.queue.approve', { name }),
            decision: { kind: 'approve', id, changeId: pending.id } as const,
            needsReason: false,
            primary: true,
          },
          {
            label: t('delegations.queue.reject', { name }),
            decision: { kind: 'reject', id, changeId: pending.id, reason: trimmed } as const,
            needsReason: true,
            primary: false,
          },
        ]
      : []),
  ];
  if (actions.length === 0) return null;
  return (
    <div className="decision">
      <FormAlert message={missing ? t('delegations.queue.reasonRequired') : problem(decide.error)} />
      {delegation.can.accredit && withoutCredentials && (
        <p className="notice notice--warning">{t('delegations.queue.noCredentials')}</p>
      )}
      <div className={missing ? 'field field--invalid' : 'field'}>
        <label htmlFor={reasonId}>{t('delegations.queue.reason')}</label>
        <textarea
          id={reasonId}
          rows={2}
          maxLength={REASON_MAX}
          value={reason}
          aria-invalid={missing || undefined}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="form__actions">
        {actions.map(({ label, decision, needsReason, primary }) => (
          <button
            key={decision.kind}
            type="button"
            className={primary ? 'button' : 'button button--secondary'}
            disabled={decide.isPending}
            onClick={() => run(decision, needsReason)}
          >
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}
