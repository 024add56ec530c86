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

/** The shape of `holiday-rules.json`, which `npm run build:holiday-rules` writes and the tests check. */
export const HolidayRuleTableSchema = lazySchema(() => z.object({
  years: z.object({ first: z.int(), last: z.int() }),
  regions: z.record(RegionSchema, z.record(z.string(), z.array(z.tuple([CalendarDateSchema, z.string(), z.union([z.literal(0), z.literal(1)])])))),
}));
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

/**
 * Bank holidays for one region and year from the rules of date-holidays (weekend originals included), as
 * precomputed into `holiday-rules.json` by `npm run build:holiday-rules`; a test keeps the two identical.
 */
export function ruleBankHolidays(region: Region, year: number): BankHoliday[] {
  const list = ruleTable.regions[region]?.[String(year)];
  if (!list) throw new YearNotCoveredError(year);
  return list.map(([date, title, substitute]) => ({ date, title, substitute: substitute === 1, source: 'rules' as const }));
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
