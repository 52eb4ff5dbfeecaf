import { useParams } from 'react-router';
import type { Me } from '../../contract/accounts.js';
import type { DelegationList } from '../../contract/delegations.js';
import type { MeetingDetail } from '../../contract/meetings.js';
import { useMe } from '../features/account/queries.js';
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
import { formatMomentIn, zoneName } from '../features/shared/zones.js';
import { useTranslation } from '../i18n/react.js';

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
        ) : registrationOver(meeting) ? (
          <RegistrationOver meeting={meeting} />
        ) : (
          <SignedIn>{(me) => <Registration meeting={meeting} me={me} />}</SignedIn>
        )
      }
    </MeetingFrame>
  );
}

/** Once the meeting is concluded or cancelled its registration never opens again. */
const registrationOver = (meeting: MeetingDetail) => meeting.status === 'concluded' || meeting.status === 'cancelled';

/** A registration that is over: the signed-in still see theirs (the secretariat the whole queue),
 * anyone else is told it is closed rather than asked to sign in. */
function RegistrationOver({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <QueryState query={me}>
      {(data) =>
        data ? (
          <SignedIn>{(signedIn) => <Registration meeting={meeting} me={signedIn} />}</SignedIn>
        ) : (
          <p className="notice">{t('delegations.registration.over')}</p>
        )
      }
    </QueryState>
  );
}

/** The queue of every registration for those who read them all, else the reader's own; what each
 * may do comes from the replies' `can`. */
function Registration({ meeting, me }: { meeting: MeetingDetail; me: Me }) {
  const delegations = useDelegations(meeting.slug);
  return (
    <QueryState query={delegations}>
      {(data) =>
        data.can.readAll ? (
          <>
            <AccreditationQueue slug={meeting.slug} />
            {data.can.registerOthers && <RegisterOnBehalf slug={meeting.slug} />}
          </>
        ) : (
          <OwnRegistration meeting={meeting} me={me} data={data} />
        )
      }
    </QueryState>
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
  const values = { date: formatMomentIn(deadline, timeZone, lang), zone: zoneName(timeZone, lang, new Date(deadline)) };
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

function OwnRegistration({ meeting, me, data }: { meeting: MeetingDetail; me: Me; data: DelegationList }) {
  const { t } = useTranslation();
  const own = data.items[0] ?? null;
  // Saving goes through the registration's own `can` once there is one, else the list's.
  const mayEdit = own ? own.can.update : data.can.register;
  // A registration is for the state the reader's grant is bound to, else (a partner's) as an observer.
  const stateGrant = me.grants.find((g) => g.memberState);
  // The state's name is shown before anything is saved, so the focal point knows whose it is.
  const state = useMemberState(stateGrant?.memberState ?? '', Boolean(stateGrant?.memberState));
  const stateName = state.data?.name.text ?? null;
  const changeRequest: ChangeRequest =
    own?.status === 'accredited' ? 'accredited' : own && pastDeadline(meeting) ? 'late' : null;
  // Registration is open and still this reader may not register: their role does not allow it.
  if (!mayEdit && registrationOpen(meeting) && !pastDeadline(meeting)) {
    if (!own) return <p className="notice">{t('delegations.registration.noRole')}</p>;
    return (
      <>
        <DelegationSummary delegation={own} heading={2} />
        <Credentials slug={meeting.slug} delegation={own} heading={3} />
      </>
    );
  }
  return (
    <>
      {own ? (
        <>
          <DelegationSummary delegation={own} heading={2} />
          <Credentials slug={meeting.slug} delegation={own} heading={3} />
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
      {mayEdit && <Deadline meeting={meeting} />}
      {mayEdit ? (
        <section aria-labelledby="registration-form">
          <h2 id="registration-form">{t('delegations.registration.formTitle')}</h2>
          {/* One form throughout: once saved, the registration it created is the one it edits. */}
          <DelegationForm
            slug={meeting.slug}
            delegation={own}
            changeRequest={changeRequest}
            target={
              stateGrant?.memberState
                ? { category: 'delegation', memberState: stateGrant.memberState }
                : { category: 'observer' }
            }
          />
        </section>
      ) : (
        <p className="notice">{t('delegations.registration.closed')}</p>
      )}
    </>
  );
}
