import type { GovUkBankHolidays } from '../calendar/bank-holidays.ts';
import { toCalendarDate, type CalendarDate, type DayInput } from '../calendar/london-date.ts';
import { WorkingDayCalendar } from '../calendar/working-days.ts';
import type { LandlordPolicy } from '../policy/landlord-policy.ts';

/** The working-day calendar a landlord's deadlines are counted in: its region's bank holidays and its closures. */
export function calendarForPolicy(policy: LandlordPolicy, govUk?: GovUkBankHolidays): WorkingDayCalendar {
  return new WorkingDayCalendar({
    region: policy.bankHolidays,
    closures: policy.closures,
    ...(govUk ? { govUk } : {}),
  });
}

/**
 * Day 0 for a timescale that runs from something a resident sent (a complaint, a stage 2 request).
 * By default the day of receipt is day 0 whatever day it is, which is stricter on the landlord; a policy may
 * treat receipt on a weekend or holiday as receipt on the next working day.
 */
export function countingStartForReceipt(receivedAt: DayInput, policy: LandlordPolicy, cal: WorkingDayCalendar): CalendarDate {
  const receivedOn = toCalendarDate(receivedAt);
  return policy.counting.receiptOnNonWorkingDay === 'treated-as-next-working-day'
    ? cal.thisOrNextWorkingDay(receivedOn)
    : receivedOn;
}
