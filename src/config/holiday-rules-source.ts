import { fileURLToPath } from 'node:url';
import Holidays from 'date-holidays';
import type { BankHoliday, Region } from '../core/calendar/bank-holidays.ts';

/** The years the shipped rule table covers. */
export const HOLIDAY_RULE_YEARS = { first: 2015, last: 2050 } as const;

export const HOLIDAY_RULES_FILE = fileURLToPath(new URL('../core/calendar/holiday-rules.json', import.meta.url));

/** date-holidays state codes: Wales shares England's list, so England stands for both. */
const LIBRARY_STATE: Record<Region, string> = { 'england-and-wales': 'ENG', scotland: 'SCT', 'northern-ireland': 'NIR' };
const libraries = new Map<Region, Holidays>();

/** Bank holidays for one region and year straight from date-holidays' rules (weekend originals included). */
export function libraryRuleBankHolidays(region: Region, year: number): BankHoliday[] {
  let library = libraries.get(region);
  if (!library) {
    // Never plain 'GB': the country-wide list misses England's August bank holiday.
    library = new Holidays('GB', LIBRARY_STATE[region], { types: ['public', 'bank'] });
    libraries.set(region, library);
  }
  return library.getHolidays(year).map((h) => ({
    // `date` is the local date; `start` is a UTC Date and shows the day before during BST.
    date: h.date.slice(0, 10),
    title: h.name.replace(/ \(substitute day\)$/, ''),
    substitute: Boolean(h.substitute),
    source: 'rules' as const,
  }));
}
