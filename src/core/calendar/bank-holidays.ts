import Holidays from 'date-holidays';
import * as z from 'zod';
import { CalendarDateSchema, yearOf, type CalendarDate } from './london-date.ts';

/** The three UK bank-holiday divisions, named as GOV.UK names them. */
export const RegionSchema = z.enum(['england-and-wales', 'scotland', 'northern-ireland']);
export type Region = z.infer<typeof RegionSchema>;

/** One bank holiday in one division. */
export interface BankHoliday {
  readonly date: CalendarDate;
  readonly title: string;
  /** A weekday standing in for a holiday that fell at a weekend. */
  readonly substitute: boolean;
  /** Where the date came from: the GOV.UK list, or the holiday rules of date-holidays. */
  readonly source: 'gov-uk' | 'rules';
}

const GovUkEvent = z.object({
  title: z.string().min(1),
  date: CalendarDateSchema,
  notes: z.string(),
  bunting: z.boolean(),
});

const GovUkDivision = z.object({ division: RegionSchema, events: z.array(GovUkEvent) });

/**
 * The GOV.UK `bank-holidays.json` format (https://www.gov.uk/bank-holidays.json): one entry per division.
 * A division may be missing; the rules then cover it.
 */
export const GovUkBankHolidaysSchema = z
  .object({
    'england-and-wales': GovUkDivision.optional(),
    scotland: GovUkDivision.optional(),
    'northern-ireland': GovUkDivision.optional(),
  })
  .superRefine((file, ctx) => {
    for (const region of RegionSchema.options) {
      const division = file[region];
      if (division && division.division !== region) {
        ctx.addIssue({ code: 'custom', path: [region, 'division'], message: `division must be "${region}"` });
      }
    }
  });
export type GovUkBankHolidays = z.infer<typeof GovUkBankHolidaysSchema>;

/** date-holidays state codes: Wales shares England's list, so England stands for both. */
const LIBRARY_STATE: Record<Region, string> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

const libraries = new Map<Region, Holidays>();

function libraryFor(region: Region): Holidays {
  let library = libraries.get(region);
  if (!library) {
    // Never plain 'GB': the country-wide list misses England's August bank holiday.
    library = new Holidays('GB', LIBRARY_STATE[region], { types: ['public', 'bank'] });
    libraries.set(region, library);
  }
  return library;
}

/** Bank holidays for one region and year from the rules in date-holidays (weekend originals included). */
export function ruleBankHolidays(region: Region, year: number): BankHoliday[] {
  return libraryFor(region)
    .getHolidays(year)
    .map((h) => ({
      // `date` is the local date; `start` is a UTC Date and shows the day before during BST.
      date: h.date.slice(0, 10),
      title: h.name.replace(/ \(substitute day\)$/, ''),
      substitute: Boolean(h.substitute),
      source: 'rules' as const,
    }));
}

/**
 * Bank holidays of one division from a GOV.UK list, grouped by year. Each year the list mentions is
 * covered by it in full: the list is authoritative there, and the rules are not consulted.
 */
export function govUkBankHolidaysByYear(file: GovUkBankHolidays, region: Region): Map<number, BankHoliday[]> {
  const byYear = new Map<number, BankHoliday[]>();
  for (const event of file[region]?.events ?? []) {
    const year = yearOf(event.date);
    const list = byYear.get(year) ?? [];
    list.push({
      date: event.date,
      title: event.title,
      substitute: /substitute/i.test(event.notes),
      source: 'gov-uk',
    });
    byYear.set(year, list);
  }
  return byYear;
}

/** A bank holiday that one GOV.UK list has and another does not. */
export interface BankHolidayChange {
  readonly region: Region;
  readonly change: 'added' | 'removed';
  readonly date: string;
  readonly title: string;
}

/**
 * What changes when `next` replaces `current`: holidays added and removed, per division, in date order.
 * An added one-off holiday moves every open deadline that runs across it.
 */
export function bankHolidayChanges(current: GovUkBankHolidays, next: GovUkBankHolidays): BankHolidayChange[] {
  return RegionSchema.options.flatMap((region) => {
    const before = new Map((current[region]?.events ?? []).map((e) => [e.date, e.title]));
    const after = new Map((next[region]?.events ?? []).map((e) => [e.date, e.title]));
    const added = [...after].filter(([date]) => !before.has(date)).map(([date, title]) => ({ region, change: 'added' as const, date, title }));
    const removed = [...before].filter(([date]) => !after.has(date)).map(([date, title]) => ({ region, change: 'removed' as const, date, title }));
    return [...added, ...removed].sort((a, b) => a.date.localeCompare(b.date));
  });
}
