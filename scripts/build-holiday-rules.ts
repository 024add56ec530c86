// npm run build:holiday-rules
// Writes src/core/calendar/holiday-rules.json: the UK bank holidays that date-holidays' rules give for each region and
// year in range. The functions then carry a small table instead of date-holidays and its time-zone and astronomy
// libraries (about 1.3 MB in every Lambda bundle). A test checks the table against the library, so they cannot drift.
import { writeFileSync } from 'node:fs';
import { HOLIDAY_RULE_YEARS, libraryRuleBankHolidays, HOLIDAY_RULES_FILE } from '../src/config/holiday-rules-source.ts';
import { RegionSchema } from '../src/core/calendar/bank-holidays.ts';

const table: Record<string, Record<string, [string, string, 0 | 1][]>> = {};
for (const region of RegionSchema.options) {
  table[region] = {};
  for (let year = HOLIDAY_RULE_YEARS.first; year <= HOLIDAY_RULE_YEARS.last; year++) {
    table[region][String(year)] = libraryRuleBankHolidays(region, year).map((h) => [h.date, h.title, h.substitute ? 1 : 0]);
  }
}
writeFileSync(HOLIDAY_RULES_FILE, `${JSON.stringify({ source: 'date-holidays rules (npm run build:holiday-rules)', years: HOLIDAY_RULE_YEARS, regions: table })}\n`);
process.stdout.write(`wrote ${HOLIDAY_RULES_FILE} (${HOLIDAY_RULE_YEARS.first}–${HOLIDAY_RULE_YEARS.last})\n`);
