import type { CalendarDate } from '../calendar/london-date.ts';
import { ok, refuse, type Result } from '../result.ts';

/** The regulator's reporting year: 1 April to 31 March, written `2025-26`. */
export interface ReportingYear {
  readonly label: string;
  /** 1 April. */
  readonly startsOn: CalendarDate;
  /** 31 March of the next calendar year. */
  readonly endsOn: CalendarDate;
}

/** Why a year could not be read. */
export type ReportingYearRefusal = { kind: 'not-a-reporting-year'; given: string };

/**
 * Reads a reporting year written as the regulator writes it.
 * @example reportingYear('2025-26') // { label: '2025-26', startsOn: '2025-04-01', endsOn: '2026-03-31' }
 */
export function reportingYear(text: string): Result<ReportingYear, ReportingYearRefusal> {
  const match = /^(\d{4})-(\d{2})$/.exec(text.trim());
  const first = Number(match?.[1]);
  if (!match || (first + 1) % 100 !== Number(match[2])) return refuse({ kind: 'not-a-reporting-year', given: text });
  return ok({ label: `${first}-${match[2]}`, startsOn: `${first}-04-01`, endsOn: `${first + 1}-03-31` });
}

/** Whether a date falls within the year, both ends included. */
export const inYear = (year: ReportingYear, date: CalendarDate | undefined): date is CalendarDate =>
  date !== undefined && date >= year.startsOn && date <= year.endsOn;

/** The quarter of the reporting year a date falls in: Q1 is April to June. */
export function quarterOf(date: CalendarDate): 'Q1' | 'Q2' | 'Q3' | 'Q4' {
  const month = Number(date.slice(5, 7));
  return month >= 4 && month <= 6 ? 'Q1' : month >= 7 && month <= 9 ? 'Q2' : month >= 10 ? 'Q3' : 'Q4';
}

/** The twelve months of the year in order, each as `YYYY-MM`. */
export function monthsOf(year: ReportingYear): string[] {
  const first = Number(year.startsOn.slice(0, 4));
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    return `${month >= 4 ? first : first + 1}-${String(month).padStart(2, '0')}`;
  });
}
