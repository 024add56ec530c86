import { Command } from 'commander';
import * as z from 'zod';
import { RegionSchema, type Region } from '../core/calendar/bank-holidays.ts';
import { InvalidDayError } from '../core/calendar/london-date.ts';
import { calendarsByRegion, type WorkingDayCalendar } from '../core/calendar/working-days.ts';
import { BANK_HOLIDAYS_FILE, readBankHolidays } from '../config/files.ts';
import { answerJsonLines, type LineOutcome } from './json-lines.ts';
import { describeZodError } from './messages.ts';

const WorkdaysLine = z.object({
  id: z.union([z.string(), z.number()]),
  from: z.string().min(1),
  days: z.int(),
  region: RegionSchema,
});

/** Answers one `{"id","from","days","region"}` line with `{"id","due"}`. */
export function dueDateLine(calendars: (region: Region) => WorkingDayCalendar) {
  return (value: unknown): LineOutcome => {
    const parsed = WorkdaysLine.safeParse(value);
    if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
    const { id, from, days, region } = parsed.data;
    try {
      return { ok: true, value: { id, due: calendars(region).addWorkingDays(from, days) } };
    } catch (error) {
      if (error instanceof InvalidDayError || error instanceof RangeError) return { ok: false, error: `from: ${error.message}` };
      throw error;
    }
  };
}

/** `redress workdays`: due dates for JSON lines on stdin. */
export function workdaysCommand(): Command {
  return new Command('workdays')
    .description('Add working days to instants: reads JSON lines on stdin, writes one line per input line, in order')
    .option('--holidays <file>', 'GOV.UK bank-holidays.json list to use for the years it covers', BANK_HOLIDAYS_FILE)
    .addHelpText(
      'after',
      `
Input, one JSON object per line:
  {"id": "c-1", "from": "2026-11-23T09:15:00Z", "days": 5, "region": "england-and-wales"}
  from:   an ISO 8601 instant with an offset (or a YYYY-MM-DD date), judged by its Europe/London date
  days:   working days to add; the day of "from" is day 0
  region: england-and-wales, scotland or northern-ireland
Output, one JSON object per input line:
  {"id": "c-1", "due": "2026-11-30"}
  {"id": "c-2", "error": "days: expected an integer"}   (a bad line; the rest go on)
Exit status is 0 when every line was answered, 1 when any line had an error.`,
    )
    .action(async (options: { holidays: string }) => {
      const answer = dueDateLine(calendarsByRegion(readBankHolidays(options.holidays)));
      const errors = await answerJsonLines(process.stdin, process.stdout, answer);
      process.exitCode = errors > 0 ? 1 : 0;
    });
}
