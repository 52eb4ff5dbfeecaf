import { useState } from 'react';
import type { Lang } from '../../../contract/common.js';
import type { Meeting } from '../../../contract/meetings.js';
import { wallClock } from '../../../domain/time-zones.js';
import { useTranslation } from '../../i18n/react.js';
import { plainSpaces } from '../shared/format.js';
import { LangLink } from '../shared/LangLink.js';
import { useLang } from '../shared/useLang.js';

const DAY = 86_400_000;

/** The calendar days a meeting covers, on its venue's clock when it has times, else its recorded dates. */
function daysOf(meeting: Meeting): string[] {
  const zone = meeting.timeZone ?? 'UTC';
  const first = meeting.startsAt ? wallClock(new Date(meeting.startsAt), zone).slice(0, 10) : meeting.startDate;
  const last = meeting.endsAt ? wallClock(new Date(meeting.endsAt), zone).slice(0, 10) : (meeting.endDate ?? first);
  if (!first || !last) return [];
  const days: string[] = [];
  for (let at = Date.parse(first); at <= Date.parse(last as string); at += DAY) days.push(isoDay(at));
  return days;
}

const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The weeks of `month` (YYYY-MM) from Monday (ISO 8601), each day as YYYY-MM-DD or null outside the month. */
function weeksOf(month: string): Array<Array<string | null>> {
  const start = Date.parse(`${month}-01T00:00:00Z`);
  const next = new Date(start);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const lead = (new Date(start).getUTCDay() + 6) % 7;
  const cells: Array<string | null> = Array.from({ length: lead }, () => null);
  for (let at = start; at < next.getTime(); at += DAY) cells.push(isoDay(at));
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

function shiftMonth(month: string, by: number): string {
  const at = new Date(`${month}-01T00:00:00Z`);
  at.setUTCMonth(at.getUTCMonth() + by);
  return at.toISOString().slice(0, 7);
}

function weekdayNames(lang: Lang) {
  const long = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
  // 1 January 2024 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + i));
    return { long: long.format(day), short: short.format(day) };
  });
}

/**
 * One month of meetings as a grid beside the calendar's list: each day links the meetings held on it,
 * today is marked, and the reader moves month by month. It opens on the month of `now`.
 */
export function MonthCalendar({ meetings, now }: { meetings: readonly Meeting[]; now: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [month, setMonth] = useState(now.slice(0, 7));
  const byDay = new Map<string, Meeting[]>();
  for (const meeting of meetings)
    for (const day of daysOf(meeting)) byDay.set(day, [...(byDay.get(day) ?? []), meeting]);
  const title = plainSpaces(
    new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${month}-01T00:00:00Z`),
    ),
  );
  const today = now.slice(0, 10);
  return (
    <section className="month-calendar" aria-labelledby="month-calendar-title">
      <h2 id="month-calendar-title" aria-live="polite">
        {title}
      </h2>
      <div className="month-calendar__moves">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setMonth(shiftMonth(month, -1))}
        >
          <span aria-hidden="true">‹ </span>
          {t('calendar.previousMonth')}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setMonth(shiftMonth(month, 1))}
        >
          {t('calendar.nextMonth')}
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      <table className="month-calendar__grid">
        <thead>
          <tr>
            {weekdayNames(lang).map((name) => (
              <th key={name.long} scope="col">
                <abbr title={name.long}>{name.short}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(month).map((week) => (
            <tr key={week.find(Boolean)}>
              {week.map((day, i) => (
                <td
                  key={day ?? `blank-${i}`}
                  aria-current={day === today ? 'date' : undefined}
                  className={byDay.has(day ?? '') ? 'month-calendar__busy' : undefined}
                >
                  {day && (
                    <>
                      <span className="month-calendar__day">{Number(day.slice(8))}</span>
                      {byDay.get(day)?.map((meeting) => (
                        <LangLink key={meeting.id} to={`/meetings/${meeting.slug}`}>
                          {meeting.shortName}
                        </LangLink>
                      ))}
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
