import { useParams } from 'react-router';
import { MeetingFrame } from '../features/delegations/MeetingFrame.js';
import { PublishedList } from '../features/delegations/PublishedList.js';
import { exportUrl, usePublishedList } from '../features/delegations/queries.js';
import { VisibilityForm } from '../features/delegations/VisibilityForm.js';
import { isHistoric } from '../features/meetings/meetingPages.js';
import { NotRecorded } from '../features/meetings/NotRecorded.js';
import { QueryState } from '../features/shared/QueryState.js';
import { useLang } from '../features/shared/useLang.js';
import { useTranslation } from '../i18n/react.js';

/** The published list of participants of a meeting, with its exports; those who may also set
 * who sees each category. */
export function MeetingParticipantsPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const list = usePublishedList(slug);
  return (
    <MeetingFrame
      slug={slug}
      title={t('delegations.published.title')}
      description={t('delegations.published.description')}
    >
      {(meeting) => (
        <QueryState query={list}>
          {(data) =>
            isHistoric(meeting) && data.categories.length === 0 ? (
              <NotRecorded meeting={meeting} page="participants" />
            ) : (
              <>
                <p className="export-links">
                  <a className="button button--secondary" href={exportUrl(slug, 'csv', lang)} download>
                    {t('delegations.published.csv')}
                  </a>
                  <a className="button button--secondary" href={exportUrl(slug, 'pdf', lang)} download>
                    {t('delegations.published.pdf')}
                  </a>
                </p>
                <PublishedList list={data} />
                {data.can.changeVisibility && <VisibilityForm slug={slug} list={data} />}
              </>
            )
          }
        </QueryState>
      )}
    </MeetingFrame>
  );
}
