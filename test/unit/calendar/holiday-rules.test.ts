import { describe, expect, it } from 'vitest';
import { HOLIDAY_RULE_YEARS, libraryRuleBankHolidays } from '../../../src/config/holiday-rules-source.ts';
import { HolidayRuleTableSchema, RegionSchema, ruleBankHolidays, YearNotCoveredError } from '../../../src/core/calendar/bank-holidays.ts';
import shippedRules from '../../../src/core/calendar/holiday-rules.json' with { type: 'json' };

const years = Array.from({ length: HOLIDAY_RULE_YEARS.last - HOLIDAY_RULE_YEARS.first + 1 }, (_, i) => HOLIDAY_RULE_YEARS.first + i);

describe('the shipped bank-holiday rule table', () => {
  it('has the shape the calendar reads (it is not parsed again at run time)', () => {
    const parsed = HolidayRuleTableSchema.safeParse(shippedRules);

    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.years).toEqual(HOLIDAY_RULE_YEARS);
  });

  it.each(RegionSchema.options)('gives exactly what date-holidays\' rules give for %s, every year it covers', (region) => {
    const differing = years.filter((year) => JSON.stringify(ruleBankHolidays(region, year)) !== JSON.stringify(libraryRuleBankHolidays(region, year)));

    expect(differing).toEqual([]);
  });

  it('says plainly when a year is beyond it, rather than counting it as having no bank holidays', () => {
    expect(() => ruleBankHolidays('scotland', HOLIDAY_RULE_YEARS.last + 1)).toThrow(YearNotCoveredError);
    expect(() => ruleBankHolidays('northern-ireland', HOLIDAY_RULE_YEARS.first - 1)).toThrow(YearNotCoveredError);
  });
});
