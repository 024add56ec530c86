import * as z from 'zod';

/** A calendar date in Europe/London, `YYYY-MM-DD`. */
export type CalendarDate = string;

/** Schema for a calendar date: a real day, written `YYYY-MM-DD`. */
export const CalendarDateSchema = z.iso.date();

/** Schema for an instant: ISO 8601 with a time and an offset (`Z` or `+01:00`), so it names one moment. */
export const InstantSchema = z.iso.datetime({ offset: true });

/** What the calendar accepts: a London calendar date, an ISO instant with an offset, or a Date. */
export type DayInput = CalendarDate | Date;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;

// Built on first use: loading Europe/London's time-zone rules costs a cold start about 15 ms, which a function that
// never dates anything (mail-events) should not pay.
let londonFormat: Intl.DateTimeFormat | undefined;
const londonDateFormat = () =>
  (londonFormat ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }));

/** Thrown when a string is neither a calendar date nor an instant with an offset. */
export class InvalidDayError extends Error {
  override readonly name = 'InvalidDayError';
  constructor(readonly input: string) {
    super(
      `"${input}" is not a date (YYYY-MM-DD) or an ISO 8601 instant with an offset (for example 2026-06-30T23:30:00Z)`,
    );
  }
}

/**
 * The Europe/London calendar date of an instant, right through the clock changes.
 * @example londonDateOf('2026-06-30T23:30:00Z') // '2026-07-01' (BST)
 */
export function londonDateOf(instant: string | Date): CalendarDate {
  const when = typeof instant === 'string' ? parseInstant(instant) : instant;
  if (Number.isNaN(when.getTime())) throw new InvalidDayError(String(instant));
  // en-CA formats as YYYY-MM-DD.
  return londonDateFormat().format(when);
}

/** Turns any day input into its London calendar date; a bare date is taken as already in London. */
export function toCalendarDate(day: DayInput): CalendarDate {
  if (typeof day === 'string' && DATE_ONLY.test(day)) {
    if (!CalendarDateSchema.safeParse(day).success) throw new InvalidDayError(day);
    return day;
  }
  return londonDateOf(day);
}

function parseInstant(text: string): Date {
  if (!InstantSchema.safeParse(text).success) throw new InvalidDayError(text);
  return new Date(text);
}

/** The date `days` calendar days after (or before, if negative) `date`. */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day of the week, 0 for Sunday to 6 for Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The calendar year of a date. */
export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/** The date `months` calendar months after `date`, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(d, lastDay));
  return firstOfTarget.toISOString().slice(0, 10);
}
