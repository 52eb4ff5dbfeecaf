/** Time zones and wall-clock times: a meeting is typed in on the venue's clock and stored as UTC
 * instants. Intl only, so the server and the portal compute the same answers. */

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Is `zone` an IANA time zone this runtime knows (e.g. America/Santo_Domingo)? */
export function isTimeZone(zone: string): boolean {
  // Only Area/Location names (and UTC): offsets such as "+05:00" are not the venue's zone.
  if (!/^(?:[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){1,2}|UTC)$/.test(zone)) return false;
  try {
    partsFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at `instant` in `timeZone`, as `YYYY-MM-DDTHH:mm:ss`. */
export function wallClock(instant: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (east positive). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const local = Date.parse(`${wallClock(instant, timeZone)}Z`);
  return Math.round((local - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time `YYYY-MM-DDTHH:mm` names in `timeZone`; null when the clocks skip
 * it (the hour lost when daylight saving time starts). A time that happens twice (the hour repeated
 * when it ends) is its first occurrence.
 */
export function zonedToInstant(local: string, timeZone: string): Date | null {
  const asUtc = Date.parse(`${local.slice(0, 16)}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  // The offset a few hours either side: one of the two is right, the earlier wins on a repeat.
  const candidates = [-12, 12]
    .map((h) => zoneOffsetMinutes(new Date(asUtc + h * 3_600_000), timeZone))
    .map((offset) => new Date(asUtc - offset * 60_000))
    .filter((instant) => wallClock(instant, timeZone).slice(0, 16) === local.slice(0, 16))
    .sort((a, b) => a.getTime() - b.getTime());
  return candidates[0] ?? null;
}

const LOCAL_DATE_TIME = /^(20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):([0-5]\d)$/;

/** A wall-clock time as the forms send it, `YYYY-MM-DDTHH:mm` in this century, on a day its month has
 * (2027-02-30 parses in some engines). */
export function isLocalDateTime(value: string): boolean {
  if (!LOCAL_DATE_TIME.test(value) || Number.isNaN(Date.parse(`${value}:00Z`))) return false;
  const day = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return day.toISOString().slice(0, 10) === value.slice(0, 10);
}
