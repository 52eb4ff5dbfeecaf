import type { Kysely } from 'kysely';
import type { Lang } from '../../../contract/common.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { cityIn } from '../../reference-data/cities.js';
import { namesOf } from '../shared/meeting-names.js';
import { memberStateRefs } from '../shared/refs.js';
import { buildCalendar, type CalendarEvent } from './ical.js';
import { calendarMeetings, type MeetingRow } from './queries.js';
import { findVisibleMeeting } from './visibility.js';

/** The calendar's own name, in the reader's language. */
const CALENDAR_NAME: Record<Lang, string> = {
  en: 'MISPA meetings',
  es: 'Reuniones MISPA',
  fr: 'Réunions MISPA',
  pt: 'Reuniões MISPA',
};

/** The meetings as iCalendar events: timed at the venue when known, else all-day on their dates. */
export function meetingsCalendar(deps: { db: Kysely<Database>; publicUrl: string }) {
  const { db } = deps;

  async function events(rows: MeetingRow[], lang: Lang): Promise<CalendarEvent[]> {
    const [names, hosts] = await Promise.all([
      namesOf(
        db,
        rows.map((r) => r.id),
        lang,
      ),
      memberStateRefs(
        db,
        rows.map((r) => r.host_state_id),
        lang,
      ),
    ]);
    const base = deps.publicUrl.replace(/\/+$/, '');
    return rows.flatMap((r): CalendarEvent[] => {
      const time: CalendarEvent['time'] | null =
        r.starts_at && r.ends_at && r.time_zone
          ? { kind: 'timed', start: new Date(r.starts_at), end: new Date(r.ends_at), timeZone: r.time_zone }
          : r.start_date
            ? { kind: 'dates', start: r.start_date, end: r.end_date ?? r.start_date }
            : null;
      // A meeting without any date cannot be put in a calendar.
      if (!time) return [];
      const name = names.get(r.id)?.text ?? r.slug;
      const host = r.host_state_id ? hosts.get(r.host_state_id)?.name.text : undefined;
      const url = `${base}/${lang}/meetings/${r.slug}`;
      return [
        {
          uid: `${r.id}@mispa-platform`,
          modified: new Date(r.updated_at),
          sequence: r.version - 1,
          summary: r.kind === 'ministerial' && r.number ? `MISPA ${r.number} — ${name}` : name,
          description: [name, r.online_url, url].filter(Boolean).join('\n'),
          location: [r.venue, cityIn(r.city, lang), host].filter(Boolean).join(', ') || r.online_url,
          url,
          cancelled: r.status === 'cancelled',
          time,
        },
      ];
    });
  }

  return {
    /** Every meeting but drafts. */
    async all(lang: Lang): Promise<string> {
      return buildCalendar(await events(await calendarMeetings(db), lang), { name: CALENDAR_NAME[lang] });
    },
    /** One meeting (a draft only for those who may see drafts). */
    async one(actor: Actor, slug: string, lang: Lang): Promise<string> {
      const row = await findVisibleMeeting(db, actor, slug);
      const list = await events([row], lang);
      return buildCalendar(list, { name: list[0]?.summary ?? CALENDAR_NAME[lang] });
    },
  };
}
