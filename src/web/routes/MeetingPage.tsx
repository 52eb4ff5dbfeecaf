import { useParams } from 'react-router';
import type { Lang } from '../../contract/common.js';
import type { MeetingDetail } from '../../contract/meetings.js';
import { wallClock } from '../../domain/time-zones.js';
import { isNotFound } from '../api/client.js';
import { useNow, useSiteOrigin } from '../app/site.js';
import { DocumentRefList } from '../features/documents/DocumentCards.js';
import { BodyList } from '../features/meetings/BodyList.js';
import { LifecycleActions } from '../features/meetings/LifecycleActions.js';
import { formatLabel } from '../features/meetings/labels.js';
import { MeetingBadges } from '../features/meetings/MeetingBadges.js';
import { MeetingNav } from '../features/meetings/MeetingNav.js';
import { MeetingTimes } from '../features/meetings/MeetingTimes.js';
import { isToCome } from '../features/meetings/meetingPages.js';
import { meetingCalendarPath, useMeeting } from '../features/meetings/queries.js';
import { StateLink } from '../features/member-states/StateName.js';
import { PillarTags } from '../features/pillars/PillarTags.js';
import { formatDate, formatDateRange } from '../features/shared/format.js';
import { LangLink } from '../features/shared/LangLink.js';
import { Localized } from '../features/shared/Localized.js';
import { PageHeader } from '../features/shared/PageHeader.js';
import { JsonLd, PageMeta } from '../features/shared/PageMeta.js';
import { QueryState } from '../features/shared/QueryState.js';
import { SourcesList } from '../features/shared/SourcesList.js';
import { useLang } from '../features/shared/useLang.js';
import { formatMomentIn, zoneName } from '../features/shared/zones.js';
import { languageEndonym } from '../i18n/languages.js';
import { useTranslation } from '../i18n/react.js';
import { NotFoundPage } from './NotFoundPage.js';

export function MeetingPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const meeting = useMeeting(slug);
  if (isNotFound(meeting.error)) return <NotFoundPage />;
  return (
    <>
      <PageMeta
        title={meeting.data?.name.text ?? t('meetings.detailTitle')}
        description={meeting.data ? meetingSummary(meeting.data, lang) : t('meetings.description')}
      />
      <QueryState query={meeting}>{(data) => <MeetingView meeting={data} />}</QueryState>
    </>
  );
}

function MeetingView({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const now = useNow();
  const notRecorded = t('common.notRecorded');
  return (
    <>
      <MeetingEvent meeting={meeting} />
      <PageHeader kicker={meeting.shortName} title={<Localized value={meeting.name} />} />
      <div className="container page-body detail">
        <MeetingNav slug={meeting.slug} />
        <MeetingBadges meeting={meeting} />
        <LifecycleActions meeting={meeting} />
        <dl className="facts">
          <div>
            <dt>{t('meetings.host')}</dt>
            <dd>{meeting.hostState ? <StateLink state={meeting.hostState} /> : notRecorded}</dd>
          </div>
          <div>
            <dt>{t('meetings.city')}</dt>
            <dd>{meeting.city ?? notRecorded}</dd>
          </div>
          {meeting.format && (
            <div>
              <dt>{t('meetings.form.format')}</dt>
              <dd>{formatLabel(t, meeting.format)}</dd>
            </div>
          )}
          {meeting.venue && (
            <div>
              <dt>{t('meetings.venue')}</dt>
              <dd>{meeting.venue}</dd>
            </div>
          )}
          {meeting.onlineUrl && (
            <div>
              <dt>{t('meetings.onlineUrl')}</dt>
              <dd>
                <a href={meeting.onlineUrl} rel="noopener noreferrer">
                  {meeting.onlineUrl}
                </a>
              </dd>
            </div>
          )}
          {meeting.startsAt && meeting.endsAt && meeting.timeZone ? (
            <div>
              <dt>{t('meetings.times.heading')}</dt>
              <dd>
                <MeetingTimes startsAt={meeting.startsAt} endsAt={meeting.endsAt} timeZone={meeting.timeZone} />
              </dd>
            </div>
          ) : (
            <>
              <div>
                <dt>{t('meetings.startDate')}</dt>
                <dd>{meeting.startDate ? formatDate(meeting.startDate, lang) : notRecorded}</dd>
              </div>
              <div>
                <dt>{t('meetings.endDate')}</dt>
                <dd>{meeting.endDate ? formatDate(meeting.endDate, lang) : notRecorded}</dd>
              </div>
            </>
          )}
          {meeting.registrationDeadline && meeting.timeZone && (
            <div>
              <dt>{t('meetings.registrationDeadline')}</dt>
              <dd>
                {formatMomentIn(meeting.registrationDeadline, meeting.timeZone, lang)},{' '}
                {zoneName(meeting.timeZone, lang, new Date(meeting.registrationDeadline))}
              </dd>
            </div>
          )}
          {meeting.workingLangs.length > 0 && (
            <div>
              <dt>{t('meetings.workingLangs')}</dt>
              <dd>{meeting.workingLangs.map((code) => languageEndonym(code)).join(', ')}</dd>
            </div>
          )}
          {meeting.prepares && (
            <div>
              <dt>{t('meetings.prepares')}</dt>
              <dd>
                <LangLink to={`/meetings/${meeting.prepares.slug}`}>{meeting.prepares.shortName}</LangLink>
              </dd>
            </div>
          )}
          {meeting.preparedBy.length > 0 && (
            <div>
              <dt>{t('meetings.preparedBy')}</dt>
              <dd>
                <ul className="plain-list">
                  {meeting.preparedBy.map((prep) => (
                    <li key={prep.id}>
                      <LangLink to={`/meetings/${prep.slug}`}>{prep.shortName}</LangLink>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
        </dl>
        {isToCome(meeting, now) && (
          <p>
            <a className="button button--secondary button--small" href={meetingCalendarPath(meeting.slug, lang)}>
              {t('meetings.addToCalendar')}
            </a>
          </p>
        )}
        {meeting.summary && (
          <p className="lead">
            <Localized value={meeting.summary} />
          </p>
        )}
        <section aria-labelledby="meeting-documents">
          <h2 id="meeting-documents">{t('meetings.documentsHeading')}</h2>
          {meeting.documents.length === 0 ? (
            <p>{t('meetings.noDocuments')}</p>
          ) : (
            <DocumentRefList documents={meeting.documents} />
          )}
        </section>
        <section aria-labelledby="meeting-bodies">
          <h2 id="meeting-bodies">{t('meetings.bodiesHeading')}</h2>
          {meeting.bodies.length === 0 ? <p>{t('meetings.noBodies')}</p> : <BodyList bodies={meeting.bodies} />}
        </section>
        <section aria-labelledby="meeting-pillars">
          <h2 id="meeting-pillars">{t('meetings.pillarsHeading')}</h2>
          {meeting.pillars.length === 0 ? <p>{t('meetings.noPillars')}</p> : <PillarTags pillars={meeting.pillars} />}
        </section>
        <SourcesList sources={meeting.sources} />
      </div>
    </>
  );
}

const EVENT_STATUS: Partial<Record<MeetingDetail['status'], string>> = {
  cancelled: 'https://schema.org/EventCancelled',
};
const ATTENDANCE: Record<NonNullable<MeetingDetail['format']>, string> = {
  'in-person': 'https://schema.org/OfflineEventAttendanceMode',
  virtual: 'https://schema.org/OnlineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
};

/** The meeting as a schema.org Event: its name, dates, place and status, in the page's language. */
function MeetingEvent({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const origin = useSiteOrigin();
  const place = [meeting.venue, meeting.city, meeting.hostState?.name.text].filter(Boolean);
  return (
    <JsonLd
      data={{
        '@type': 'Event',
        name: meeting.name.text,
        alternateName: meeting.shortName,
        url: `${origin}/${lang}/meetings/${meeting.slug}`,
        startDate: meeting.startsAt ?? meeting.startDate ?? undefined,
        endDate: meeting.endsAt ?? meeting.endDate ?? undefined,
        eventStatus: EVENT_STATUS[meeting.status] ?? 'https://schema.org/EventScheduled',
        ...(meeting.format && { eventAttendanceMode: ATTENDANCE[meeting.format] }),
        ...(place.length > 0 && {
          location: {
            '@type': 'Place',
            name: place.join(', '),
            address: {
              '@type': 'PostalAddress',
              ...(meeting.city && { addressLocality: meeting.city }),
              ...(meeting.hostState && { addressCountry: meeting.hostState.iso2 }),
            },
          },
        }),
        organizer: { '@type': 'Organization', name: t('home.officialName'), url: `${origin}/${lang}/` },
      }}
    />
  );
}

/** What a link preview says of a meeting: its short name, dates and place, in the page's language
 * ("MISPA V · 18–19 November 2015 · Lima, Peru"). */
const venueDay = (at: string, timeZone: string) => wallClock(new Date(at), timeZone).slice(0, 10);

function meetingSummary(meeting: MeetingDetail, lang: Lang): string {
  const { startsAt, endsAt, timeZone } = meeting;
  // A meeting run on the platform is dated by the venue's calendar.
  const dates =
    startsAt && endsAt && timeZone
      ? formatDateRange(venueDay(startsAt, timeZone), venueDay(endsAt, timeZone), lang)
      : formatDateRange(meeting.startDate, meeting.endDate, lang);
  const place = [meeting.city, meeting.hostState?.name.text].filter(Boolean).join(', ');
  return [meeting.shortName, dates, place].filter(Boolean).join(' · ');
}
