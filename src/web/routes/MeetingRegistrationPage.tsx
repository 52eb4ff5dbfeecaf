import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Me } from '../../contract/accounts.js';
import type { MeetingDetail } from '../../contract/reference.js';
import { isSecretariat } from '../features/account/roles.js';
import { SignedIn } from '../features/account/SignedIn.js';
import { AccreditationQueue } from '../features/delegations/AccreditationQueue.js';
import { DelegationForm } from '../features/delegations/DelegationForm.js';
import { DelegationSummary } from '../features/delegations/DelegationSummary.js';
import { MeetingFrame } from '../features/delegations/MeetingFrame.js';
import { useDelegations } from '../features/delegations/queries.js';
import { QueryState } from '../features/shared/QueryState.js';

/** Registration of delegations: a focal point's (or a partner's) own form, a delegate's view of
 * their state's registration, the secretariat's accreditation queue. */
export function MeetingRegistrationPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  return (
    <MeetingFrame
      slug={slug}
      title={t('delegations.registration.title')}
      description={t('delegations.registration.description')}
    >
      {(meeting) => (
        <SignedIn>
          {(me) =>
            isSecretariat(me) ? (
              <AccreditationQueue slug={meeting.slug} />
            ) : (
              <OwnRegistration meeting={meeting} me={me} />
            )
          }
        </SignedIn>
      )}
    </MeetingFrame>
  );
}

function OwnRegistration({ meeting, me }: { meeting: MeetingDetail; me: Me }) {
  const { t } = useTranslation();
  const delegations = useDelegations(meeting.slug);
  const focal = me.grants.find((g) => g.role === 'focal-point' && g.memberState);
  const partner = me.grants.find((g) => g.role === 'partner' && g.partner);
  const canRegister = Boolean(focal ?? partner);
  const open =
    meeting.status === 'registration-open' ||
    meeting.status === 'registration-closed' ||
    meeting.status === 'in-session';
  return (
    <QueryState query={delegations}>
      {(data) => {
        const own = data.items[0] ?? null;
        if (!canRegister) {
          if (!own) return <p className="notice">{t('delegations.registration.noRole')}</p>;
          return <DelegationSummary delegation={own} heading={2} />;
        }
        return (
          <>
            {own ? (
              <DelegationSummary delegation={own} heading={2} />
            ) : (
              <p className="notice">{t('delegations.registration.notYet')}</p>
            )}
            {open ? (
              <section aria-labelledby="registration-form">
                <h2 id="registration-form">{t('delegations.registration.formTitle')}</h2>
                {/* One form throughout: once saved, the registration it created is the one it edits. */}
                <DelegationForm
                  slug={meeting.slug}
                  delegation={own}
                  target={
                    focal?.memberState
                      ? { category: 'delegation', memberState: focal.memberState }
                      : { category: 'observer' }
                  }
                />
              </section>
            ) : (
              <p className="notice">{t('delegations.registration.closed')}</p>
            )}
          </>
        );
      }}
    </QueryState>
  );
}
