import type { ReactNode } from 'react';
import type { MeetingDetail } from '../../../contract/meetings.js';
import { isNotFound } from '../../api/client.js';
import { NotFoundPage } from '../../routes/NotFoundPage.js';
import { MeetingNav } from '../meetings/MeetingNav.js';
import { useMeeting } from '../meetings/queries.js';
import { Localized } from '../shared/Localized.js';
import { PageHeader } from '../shared/PageHeader.js';
import { PageMeta } from '../shared/PageMeta.js';
import { QueryState } from '../shared/QueryState.js';

/** One sub-page of a meeting: its title, the meeting's name as header, the meeting's pages, then
 * `children`; a missing (or draft, to others than the secretariat) meeting is the 404 page. */
export function MeetingFrame({
  slug,
  title,
  description,
  children,
}: {
  slug: string;
  title: string;
  description: string;
  children: (meeting: MeetingDetail) => ReactNode;
}) {
  const meeting = useMeeting(slug);
  if (isNotFound(meeting.error)) return <NotFoundPage />;
  return (
    <>
      <PageMeta title={meeting.data ? `${title} — ${meeting.data.shortName}` : title} description={description} />
      <QueryState query={meeting}>
        {(data) => (
          <>
            <PageHeader kicker={title} title={<Localized value={data.name} />} />
            <div className="container page-body detail">
              <MeetingNav slug={data.slug} />
              {children(data)}
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}
