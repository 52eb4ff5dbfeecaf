import type { Meeting } from '../../../contract/meetings.js';
import { useTranslation } from '../../i18n/react.js';
import { StateLink } from '../member-states/StateName.js';
import { formatDateRange } from '../shared/format.js';
import { LangLink } from '../shared/LangLink.js';
import { DocumentTitle, Localized } from '../shared/Localized.js';
import { useLang } from '../shared/useLang.js';
import { MeetingBadges } from './MeetingBadges.js';

/** The ministerial meetings in order, from the first (2008) on: year, number, city, host and the
 * first documents each adopted (the list gives a few; the meeting's page has them all). */
export function MeetingTimeline({ meetings, headingLevel = 3 }: { meetings: Meeting[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const lang = useLang();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ol className="timeline">
      {meetings.map((meeting) => (
        <li key={meeting.id} className="timeline__item">
          <span className="timeline__year">{meeting.year ?? t('common.notRecorded')}</span>
          <div className="timeline__body">
            <Heading className="timeline__title">
              <LangLink to={`/meetings/${meeting.slug}`}>{meeting.shortName}</LangLink>
            </Heading>
            <p className="timeline__name">
              <Localized value={meeting.name} />
            </p>
            {/* Historic meetings are all concluded ministerial ones: their labels would say nothing. */}
            {meeting.managedBy === 'platform' && <MeetingBadges meeting={meeting} />}
            <p className="timeline__meta">
              {meeting.city ?? t('meetings.cityNotRecorded')}
              {meeting.hostState && (
                <>
                  {', '}
                  <StateLink state={meeting.hostState} />
                </>
              )}
            </p>
            <p className="timeline__dates">
              {formatDateRange(meeting.startDate, meeting.endDate, lang) ?? t('meetings.datesNotRecorded')}
            </p>
            {meeting.documents.length > 0 && (
              <ul className="timeline__documents" aria-label={t('meetings.documentsHeading')}>
                {meeting.documents.map((doc) => (
                  <li key={doc.id}>
                    <LangLink to={`/documents/${doc.slug}`}>
                      <DocumentTitle title={doc.title} />
                    </LangLink>
                  </li>
                ))}
                {meeting.documentCount > meeting.documents.length && (
                  <li>
                    <LangLink to={`/meetings/${meeting.slug}`}>
                      {t('meetings.moreDocuments', {
                        count: meeting.documentCount - meeting.documents.length,
                        meeting: meeting.shortName,
                      })}
                    </LangLink>
                  </li>
                )}
              </ul>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
