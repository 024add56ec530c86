// npm run build:holiday-rules
// Writes src/core/calendar/holiday-rules.json: the UK bank holidays that date-holidays' rules give for each region and
// year in range. The functions then carry a small table instead of date-holidays and its time-zone and astronomy
// libraries (about 1.3 MB in every Lambda bundle). A test checks the table against the library, so they cannot drift.
import { writeFileSync } from 'node:fs';
import { HOLIDAY_RULE_YEARS, libraryRuleBankHolidays, HOLIDAY_RULES_FILE } from '../src/config/holiday-rules-source.ts';
import { holidayRuleLine, RegionSchema } from '../src/core/calendar/bank-holidays.ts';

const years = Array.from({ length: HOLIDAY_RULE_YEARS.last - HOLIDAY_RULE_YEARS.first + 1 }, (_, i) => HOLIDAY_RULE_YEARS.first + i);
const holidays = RegionSchema.options.map((region) => [region, years.map((year) => libraryRuleBankHolidays(region, year))] as const);
// Titles in the order they first appear, so the common ones take the short indices.
const titles = [...new Set(holidays.flatMap(([, byYear]) => byYear.flat().map((h) => h.title)))];
const regions = Object.fromEntries(holidays.map(([region, byYear]) => [region, byYear.map((list) => holidayRuleLine(list, titles))]));
const table = { source: 'date-holidays rules (npm run build:holiday-rules)', years: HOLIDAY_RULE_YEARS, titles, regions };
writeFileSync(HOLIDAY_RULES_FILE, `${JSON.stringify(table, null, 1)}\n`);
process.stdout.write(`wrote ${HOLIDAY_RULES_FILE} (${HOLIDAY_RULE_YEARS.first}–${HOLIDAY_RULE_YEARS.last})\n`);
