import * as z from 'zod';
import {
  govUkBankHolidaysByYear,
  ruleBankHolidays,
  type BankHoliday,
  type GovUkBankHolidays,
  type Region,
} from './bank-holidays.ts';
import {
  addCalendarDays,
  CalendarDateSchema,
  dayOfWeek,
  toCalendarDate,
  yearOf,
  type CalendarDate,
  type DayInput,
} from './london-date.ts';

/** Days a landlord's office is closed over and above bank holidays, such as between Christmas and New Year. */
export const ClosureSchema = z
  .object({
    from: CalendarDateSchema,
    to: CalendarDateSchema,
    reason: z.string().min(1),
  })
  .refine((c) => c.from <= c.to, { message: 'a closure must not end before it starts', path: ['to'] });
export type Closure = z.infer<typeof ClosureSchema>;

/** Why a day is not a working day. */
export type NonWorkingReason =
  | { kind: 'weekend'; day: 'Saturday' | 'Sunday' }
  | { kind: 'bank-holiday'; holiday: BankHoliday }
  | { kind: 'closure'; closure: Closure };

/** How to build a calendar. */
export interface WorkingDayCalendarOptions {
  /** Whose bank holidays apply: where the landlord is. */
  readonly region: Region;
  /** A GOV.UK bank-holidays list, authoritative for every year it mentions (new one-off holidays arrive this way). */
  readonly govUk?: GovUkBankHolidays;
  /** The landlord's own closure days. */
  readonly closures?: readonly Closure[];
}

const MS_PER_DAY = 86_400_000;
const epochDayOf = (date: CalendarDate): number => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
const dateOfEpochDay = (day: number): CalendarDate => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

// A year with a bank holiday every day still ends; a loop that finds no working day
// in this many calendar days is a bug in the data, not a long holiday.
const MAX_CALENDAR_DAYS_WITHOUT_WORK = 366;

/**
 * Working days in one UK region: Monday to Friday, not a bank holiday there, not a landlord closure day.
 * Every operation takes a `YYYY-MM-DD` London date or an instant, judged by its Europe/London date.
 */
export class WorkingDayCalendar {
  readonly region: Region;
  private readonly govUkYears: Map<number, BankHoliday[]>;
  private readonly closures: readonly Closure[];
  private readonly holidaysByYear = new Map<number, Map<CalendarDate, BankHoliday>>();
  private readonly workingByEpochDay = new Map<number, boolean>();

  constructor(options: WorkingDayCalendarOptions) {
    this.region = options.region;
    this.govUkYears = options.govUk ? govUkBankHolidaysByYear(options.govUk, options.region) : new Map();
    this.closures = [...(options.closures ?? [])];
  }

  /** The bank holiday on a day, if there is one (weekday substitutes included). */
  bankHolidayOn(day: DayInput): BankHoliday | undefined {
    const date = toCalendarDate(day);
    return this.holidaysIn(yearOf(date)).get(date);
  }

  /** Every bank holiday of a year in this region, in date order, weekend originals included. */
  bankHolidaysIn(year: number): BankHoliday[] {
    return [...this.holidaysIn(year).values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  /** Why a day is not a working day, or undefined when it is one. */
  nonWorkingReason(day: DayInput): NonWorkingReason | undefined {
    const date = toCalendarDate(day);
    const weekday = dayOfWeek(date);
    if (weekday === 6) return { kind: 'weekend', day: 'Saturday' };
    if (weekday === 0) return { kind: 'weekend', day: 'Sunday' };
    const holiday = this.holidaysIn(yearOf(date)).get(date);
    if (holiday) return { kind: 'bank-holiday', holiday };
    const closure = this.closures.find((c) => c.from <= date && date <= c.to);
    if (closure) return { kind: 'closure', closure };
    return undefined;
  }

  /** Whether the day is a working day. */
  isWorkingDay(day: DayInput): boolean {
    return this.isWorkingDate(toCalendarDate(day));
  }

  /** The first working day after the given day (never the day itself). */
  nextWorkingDay(day: DayInput): CalendarDate {
    return this.stepWorkingDays(toCalendarDate(day), 1);
  }

  /** The given day if it is a working day, else the next working day. */
  thisOrNextWorkingDay(day: DayInput): CalendarDate {
    const date = toCalendarDate(day);
    return this.isWorkingDate(date) ? date : this.stepWorkingDays(date, 1);
  }

  /**
   * The Nth working day after the given day, which is day 0 whether or not it is a working day
   * (negative N counts back). Adding 0 gives the day itself.
   * @example cal.addWorkingDays('2026-12-23', 5) // '2027-01-04' in England: Christmas, Boxing Day substitute, New Year
   */
  addWorkingDays(day: DayInput, workingDays: number): CalendarDate {
    if (!Number.isSafeInteger(workingDays)) throw new RangeError(`working days must be a whole number, not ${workingDays}`);
    return this.stepWorkingDays(toCalendarDate(day), workingDays);
  }

  /**
   * Working days after `from` up to and including `to`, by London date: the N for which
   * `addWorkingDays(from, N)` is `to` when `to` is a working day. Counting back (when `to` is earlier)
   * mirrors it: minus the working days from `to` up to but not including `from`.
   */
  workingDaysBetween(from: DayInput, to: DayInput): number {
    const start = toCalendarDate(from);
    const end = toCalendarDate(to);
    if (end < start) return -this.countWorkingDays(addCalendarDays(end, -1), addCalendarDays(start, -1));
    return this.countWorkingDays(start, end);
  }

  private countWorkingDays(start: CalendarDate, end: CalendarDate): number {
    let count = 0;
    for (let day = epochDayOf(start) + 1, last = epochDayOf(end); day <= last; day += 1) {
      if (this.isWorkingEpochDay(day)) count += 1;
    }
    return count;
  }

  private stepWorkingDays(start: CalendarDate, workingDays: number): CalendarDate {
    const step = workingDays < 0 ? -1 : 1;
    let remaining = Math.abs(workingDays);
    let day = epochDayOf(start);
    let sinceLastWorkingDay = 0;
    while (remaining > 0) {
      day += step;
      if (this.isWorkingEpochDay(day)) {
        remaining -= 1;
        sinceLastWorkingDay = 0;
      } else if (++sinceLastWorkingDay > MAX_CALENDAR_DAYS_WITHOUT_WORK) {
        throw new RangeError(`no working day in the year after ${dateOfEpochDay(day)}: check the closure days`);
      }
    }
    return dateOfEpochDay(day);
  }

  // Holidays and closures never change once the calendar is built, so each day's answer is kept.
  private isWorkingEpochDay(day: number): boolean {
    let working = this.workingByEpochDay.get(day);
    if (working === undefined) {
      working = this.isWorkingDate(dateOfEpochDay(day));
      this.workingByEpochDay.set(day, working);
    }
    return working;
  }

  private isWorkingDate(date: CalendarDate): boolean {
    const weekday = dayOfWeek(date);
    if (weekday === 0 || weekday === 6) return false;
    if (this.holidaysIn(yearOf(date)).has(date)) return false;
    return !this.closures.some((c) => c.from <= date && date <= c.to);
  }

  private holidaysIn(year: number): Map<CalendarDate, BankHoliday> {
    let holidays = this.holidaysByYear.get(year);
    if (!holidays) {
      const list = this.govUkYears.get(year) ?? ruleBankHolidays(this.region, year);
      holidays = new Map(list.map((h) => [h.date, h]));
      this.holidaysByYear.set(year, holidays);
    }
    return holidays;
  }
}

/** One calendar per region over the same GOV.UK list, each built on first use. */
export function calendarsByRegion(govUk?: GovUkBankHolidays): (region: Region) => WorkingDayCalendar {
  const built = new Map<Region, WorkingDayCalendar>();
  return (region) => {
    let cal = built.get(region);
    if (!cal) {
      cal = new WorkingDayCalendar({ region, ...(govUk ? { govUk } : {}) });
      built.set(region, cal);
    }
    return cal;
  };
}
