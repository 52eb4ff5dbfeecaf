/** Wall-clock times at the venue for the editor's datetime-local fields, and back to UTC instants. */

/** The wall-clock time of `iso` in `timeZone`, as a datetime-local value (YYYY-MM-DDTHH:mm). */
export function toLocalInput(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The UTC instant at which the clocks of `timeZone` show `local`; null for an empty or bad value. */
export function fromLocalInput(local: string, timeZone: string): string | null {
  const guess = Date.parse(`${local}:00Z`);
  if (Number.isNaN(guess)) return null;
  const offsetAt = (instant: number) =>
    Date.parse(`${toLocalInput(new Date(instant).toISOString(), timeZone)}:00Z`) - instant;
  // The offset at the first estimate may differ from the one at the answer near a daylight-saving
  // change; a second step settles it.
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first)).toISOString();
}
