import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Me } from '../../contract/accounts.js';
import type { MeetingDetail } from '../../contract/meetings.js';
import { isSecretariat } from '../features/account/roles.js';
import { SignedIn } from '../features/account/SignedIn.js';
import { AccreditationQueue } from '../features/delegations/AccreditationQueue.js';
import { Credentials } from '../features/delegations/Credentials.js';
import { type ChangeRequest, DelegationForm } from '../features/delegations/DelegationForm.js';
import { DelegationSummary } from '../features/delegations/DelegationSummary.js';
import { MeetingFrame } from '../features/delegations/MeetingFrame.js';
import { useDelegations } from '../features/delegations/queries.js';
import { RegisterOnBehalf } from '../features/delegations/RegisterOnBehalf.js';
import { isHistoric, registrationOpen } from '../features/meetings/meetingPages.js';
import { NotRecorded } from '../features/meetings/NotRecorded.js';
import { useMemberState } from '../features/member-states/queries.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { formatMomentIn } from '../features/shared/zones.js';

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
      {(meeting) =>
        // A historic meeting had no registration here: said so, rather than asking to sign in.
        isHistoric(meeting) ? (
          <NotRecorded meeting={meeting} page="registration" />
        ) : (
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
        )
      }
    </MeetingFrame>
  );
}

/** Past the deadline (or once registration closed) a state's edits wait for the secretariat. */
const pastDeadline = (meeting: MeetingDetail) =>
  meeting.status !== 'registration-open' ||
  (meeting.registrationDeadline !== null && Date.now() > Date.parse(meeting.registrationDeadline));

/** The registration deadline, on the venue's clock, and whether it has passed. */
function Deadline({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { registrationDeadline: deadline, timeZone } = meeting;
  if (!deadline || !timeZone) return null;
  const values = { date: formatMomentIn(deadline, timeZone, lang), zone: timeZone };
  return (
    <p className="registration-deadline">
      <time dateTime={deadline}>
        {Date.now() > Date.parse(deadline)
          ? t('delegations.registration.deadlinePassed', values)
          : t('delegations.registration.deadline', values)}
      </time>
    </p>
  );
}

function OwnRegistration({ meeting, me }: { meeting: MeetingDetail; me: Me }) {
  const { t } = useTranslation();
  const delegations = useDelegations(meeting.slug);
  const focal = me.grants.find((g) => g.role === 'focal-point' && g.memberState);
  const partner = me.grants.find((g) => g.role === 'partner' && g.partner);
  const canRegister = Boolean(focal ?? partner);
  const open = registrationOpen(meeting);
  // The state's name is shown before anything is saved, so the focal point knows whose it is.
  const state = useMemberState(focal?.memberState ?? '', Boolean(focal?.memberState));
  const stateName = state.data?.name.text ?? null;
  return (
    <QueryState query={delegations}>
      {(data) => {
        const own = data.items[0] ?? null;
        const changeRequest: ChangeRequest =
          own?.status === 'accredited' ? 'accredited' : own && pastDeadline(meeting) ? 'late' : null;
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
              <>
                {stateName && <h2>{stateName}</h2>}
                <p className="notice">
                  {stateName
                    ? t('delegations.registration.notYetFor', { name: stateName })
                    : t('delegations.registration.notYet')}
                </p>
              </>
            )}
            {open && <Deadline meeting={meeting} />}
            {open ? (
              <section aria-labelledby="registration-form">
                <h2 id="registration-form">{t('delegations.registration.formTitle')}</h2>
                {/* One form throughout: once saved, the registration it created is the one it edits. */}
                <DelegationForm
                  slug={meeting.slug}
                  delegation={own}
                  changeRequest={changeRequest}
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
