import { addCalendarDays, CalendarDateSchema, type CalendarDate } from '../calendar/london-date.ts';

/** A time of day on the London clock, `HH:MM`. */
export type LondonTime = string;

// Built on first use, as londonDateOf's is (london-date.ts).
let wallClockFormat: Intl.DateTimeFormat | undefined;
const wallClock = () => (wallClockFormat ??= new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
}));

// Minutes London is ahead of UTC at an instant: 0 in winter, 60 in summer.
function londonOffsetMinutes(epochMs: number): number {
  const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)!.value);
  const parts = wallClock().formatToParts(new Date(epochMs));
  const asUtc = Date.UTC(part(parts, 'year'), part(parts, 'month') - 1, part(parts, 'day'), part(parts, 'hour'), part(parts, 'minute'), part(parts, 'second'));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/**
 * The instant a London wall-clock time happens on a London date, as an ISO string in UTC.
 * Times inside the spring-forward gap (01:00 to 02:00 on the last Sunday of March) move on an hour.
 * @example londonInstant('2026-07-01', '08:00') // '2026-07-01T07:00:00.000Z'
 */
export function londonInstant(date: CalendarDate, time: LondonTime): string {
  if (!CalendarDateSchema.safeParse(date).success || !/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(time)) {
    throw new RangeError(`"${date} ${time}" is not a London date and time`);
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Guess with the offset at the wall time read as UTC, then correct once with the offset at the guess.
  let instant = wall - londonOffsetMinutes(wall) * 60_000;
  instant = wall - londonOffsetMinutes(instant) * 60_000;
  return new Date(instant).toISOString();
}

/** The instant a London date ends (midnight at the start of the next day). */
export function endOfLondonDay(date: CalendarDate): string {
  return londonInstant(addCalendarDays(date, 1), '00:00');
}
