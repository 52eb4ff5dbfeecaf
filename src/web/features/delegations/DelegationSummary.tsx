import type { Delegation, Participant } from '../../../contract/delegations.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDate } from '../shared/format.js';
import { useLang } from '../shared/useLang.js';
import { categoryLabel, roleLabel, statusLabel } from './labels.js';

/** What a delegation is for, in words: the state, the partner or the organisation. */
export function delegationName(delegation: Delegation): string {
  return delegation.memberState?.name.text ?? delegation.partner?.name?.text ?? delegation.organisation ?? '';
}

export function ParticipantItems({ participants }: { participants: ReadonlyArray<Omit<Participant, 'email'>> }) {
  const { t } = useTranslation();
  return (
    <ul className="participant-list">
      {participants.map((p, i) => (
        // Participants have no id of their own: their place in the list is who they are.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered in place
        <li key={i}>
          <span className="participant-list__name">{p.name}</span>{' '}
          <span className="participant-list__role">({roleLabel(t, p.role)})</span>
          {(p.title || p.institution) && (
            <span className="participant-list__detail"> — {[p.title, p.institution].filter(Boolean).join(', ')}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A delegation's status, the reason it was returned, its participants and any change waiting. */
export function DelegationSummary({ delegation, heading }: { delegation: Delegation; heading: 2 | 3 }) {
  const { t } = useTranslation();
  const lang = useLang();
  const Heading = heading === 2 ? 'h2' : 'h3';
  const pending = delegation.changes.find((c) => c.status === 'pending');
  const rejected = delegation.changes.find((c) => c.status === 'rejected');
  return (
    <>
      <Heading>{delegationName(delegation)}</Heading>
      <p className="delegation-meta">
        <span className={`badge badge--${delegation.status}`}>{statusLabel(t, delegation.status)}</span>{' '}
        {categoryLabel(t, delegation.category)}
        {delegation.submittedAt && (
          <> · {t('delegations.submittedOn', { date: formatDate(delegation.submittedAt.slice(0, 10), lang) })}</>
        )}
      </p>
      {delegation.status === 'returned' && delegation.returnReason && (
        <div className="notice notice--warning">
          <p>
            <strong>{t('delegations.returnedBecause')}</strong> {delegation.returnReason}
          </p>
        </div>
      )}
      {delegation.participants.length === 0 ? (
        <p className="empty">{t('delegations.noParticipants')}</p>
      ) : (
        <ParticipantItems participants={delegation.participants} />
      )}
      {pending && (
        <div className="notice">
          <p>{t('delegations.changePending')}</p>
          <ParticipantItems participants={pending.participants} />
        </div>
      )}
      {!pending && rejected?.reason && (
        <p className="notice">
          {t('delegations.changeRejected')} {rejected.reason}
        </p>
      )}
    </>
  );
}
