import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { CalendarDateSchema, yearOf, type CalendarDate } from './london-date.ts';
import holidayRules from './holiday-rules.json' with { type: 'json' };

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

const GovUkEvent = lazySchema(() => z.object({
  title: z.string().min(1),
  date: CalendarDateSchema,
  notes: z.string(),
  bunting: z.boolean(),
}));

const GovUkDivision = lazySchema(() => z.object({ division: RegionSchema, events: z.array(GovUkEvent) }));

/**
 * The GOV.UK `bank-holidays.json` format (https://www.gov.uk/bank-holidays.json): one entry per division.
 * A division may be missing; the rules then cover it.
 */
export const GovUkBankHolidaysSchema = lazySchema(() => z
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
  }));
export type GovUkBankHolidays = z.infer<typeof GovUkBankHolidaysSchema>;

/**
 * The shape of `holiday-rules.json`, which `npm run build:holiday-rules` writes and the tests check: the holidays'
 * titles once, and for each region one line per year from `years.first`, each holiday in it written `MMDD`, then `s`
 * when it is a substitute day, then the index of its title in `titles` (`01010 04031 1228s7`: New Year's Day on 1 January,
 * Good Friday on 3 April, and Boxing Day's substitute on 28 December). Compact because every function carries it at its cold start, and reads it only for a
 * year its GOV.UK list lacks: as lists of dates and titles it was 42 kB of each bundle.
 */
export const HolidayRuleTableSchema = lazySchema(() => z.object({
  source: z.string(),
  years: z.object({ first: z.int(), last: z.int() }),
  titles: z.array(z.string().min(1)).min(1),
  regions: z.record(RegionSchema, z.array(z.string().regex(HOLIDAY_LINE))),
}));
/** One year's line of the table: holidays, each `MMDD`, an optional `s` for a substitute day, then its title's index. */
const HOLIDAY_LINE = /^(?:\d{4}s?\d+(?: |$))*$/;
const HOLIDAY = /(\d\d)(\d\d)(s?)(\d+)/g;
// Not parsed again at every cold start (it took about 15 ms of a Lambda's import): the file is built by our script,
// and a test parses it with the schema above.
const ruleTable = holidayRules as unknown as z.infer<typeof HolidayRuleTableSchema>;

/** A year the shipped rule table does not reach: extend it with `npm run build:holiday-rules`. */
export class YearNotCoveredError extends RangeError {
  override readonly name = 'YearNotCoveredError';
  constructor(readonly year: number) {
    super(`bank-holiday rules cover ${ruleTable.years.first} to ${ruleTable.years.last}, not ${year}`);
  }
}

/** One year's holidays as a line of the rule table: see {@link HolidayRuleTableSchema}. */
export function holidayRuleLine(holidays: readonly BankHoliday[], titles: readonly string[]): string {
  return holidays.map((h) => {
    const title = titles.indexOf(h.title);
    if (title < 0) throw new Error(`no title "${h.title}" in the table's titles`);
    return `${h.date.slice(5, 7)}${h.date.slice(8, 10)}${h.substitute ? 's' : ''}${title}`;
  }).join(' ');
}

/**
 * Bank holidays for one region and year from the rules of date-holidays (weekend originals included), as
 * precomputed into `holiday-rules.json` by `npm run build:holiday-rules`; a test keeps the two identical.
 */
export function ruleBankHolidays(region: Region, year: number): BankHoliday[] {
  const line = year >= ruleTable.years.first && year <= ruleTable.years.last ? ruleTable.regions[region]?.[year - ruleTable.years.first] : undefined;
  if (line === undefined) throw new YearNotCoveredError(year);
  return [...line.matchAll(HOLIDAY)].map(([, month, day, substitute, title]) => ({
    date: `${year}-${month}-${day}`,
    title: ruleTable.titles[Number(title)]!,
    substitute: substitute === 's',
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
