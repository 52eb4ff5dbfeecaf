import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Me } from '../../contract/accounts.js';
import type { MeetingDetail } from '../../contract/meetings.js';
import { isSecretariat } from '../features/account/roles.js';
import { SignedIn } from '../features/account/SignedIn.js';
import { AccreditationQueue } from '../features/delegations/AccreditationQueue.js';
import { Credentials } from '../features/delegations/Credentials.js';
import { DelegationForm } from '../features/delegations/DelegationForm.js';
import { DelegationSummary } from '../features/delegations/DelegationSummary.js';
import { MeetingFrame } from '../features/delegations/MeetingFrame.js';
import { useDelegations } from '../features/delegations/queries.js';
import { RegisterOnBehalf } from '../features/delegations/RegisterOnBehalf.js';
import { QueryState } from '../features/shared/QueryState.js';

/** Whether registrations still change: while open, and after the deadline until the session
 * (a state's edits then wait for the secretariat). */
const registrationOpen = (meeting: MeetingDetail) =>
  meeting.status === 'registration-open' || meeting.status === 'registration-closed' || meeting.status === 'in-session';

/** Registration of delegations: a focal point's (or a partner's) own form and credentials, a
 * delegate's view of their state's registration, the secretariat's accreditation queue and its
 * registrations on others' behalf. */
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
              <>
                <AccreditationQueue slug={meeting.slug} canUpload={registrationOpen(meeting)} />
                {registrationOpen(meeting) && <RegisterOnBehalf slug={meeting.slug} />}
              </>
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
  const open = registrationOpen(meeting);
  return (
    <QueryState query={delegations}>
      {(data) => {
        const own = data.items[0] ?? null;
        if (!canRegister) {
          if (!own) return <p className="notice">{t('delegations.registration.noRole')}</p>;
          return (
            <>
              <DelegationSummary delegation={own} heading={2} />
              <Credentials slug={meeting.slug} delegation={own} heading={3} canUpload={false} />
            </>
          );
        }
        return (
          <>
            {own ? (
              <>
                <DelegationSummary delegation={own} heading={2} />
                <Credentials slug={meeting.slug} delegation={own} heading={3} canUpload={open} />
              </>
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
