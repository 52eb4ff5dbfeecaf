import type { Meeting } from '../../../contract/meetings.js';
import { useTranslation } from '../../i18n/react.js';
import { kindLabel, statusLabel } from './labels.js';
import './meetings.css';

/** Kind and lifecycle status of a meeting, as two small labels. */
export function MeetingBadges({ meeting }: { meeting: Pick<Meeting, 'kind' | 'status'> }) {
  const { t } = useTranslation();
  return (
    <ul className="meeting-badges" aria-label={t('meetings.badgesLabel')}>
      <li className="meeting-badge">{kindLabel(t, meeting.kind)}</li>
      <li className={`meeting-badge meeting-badge--${meeting.status}`}>{statusLabel(t, meeting.status)}</li>
    </ul>
  );
}
