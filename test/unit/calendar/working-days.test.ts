import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GovUkBankHolidaysSchema, type Region } from '../../../src/core/calendar/bank-holidays.ts';
import { londonDateOf } from '../../../src/core/calendar/london-date.ts';
import { WorkingDayCalendar } from '../../../src/core/calendar/working-days.ts';

// The official GOV.UK lists for 2022-2027, written from the published pages (never from the library under test).
const official = GovUkBankHolidaysSchema.parse(
  JSON.parse(readFileSync(new URL('../../fixtures/gov-uk-bank-holidays-2022-2027.json', import.meta.url), 'utf8')),
);
const regions: Region[] = ['england-and-wales', 'scotland', 'northern-ireland'];
const rulesOnly = (region: Region) => new WorkingDayCalendar({ region });

describe('bank holidays from the rules match the official GOV.UK lists, 2022 to 2027', () => {
  it.each(regions)('%s: every official bank holiday, and no other weekday', (region) => {
    const cal = rulesOnly(region);
    const officialDates = official[region]!.events.map((e) => e.date).sort();

    const weekdayHolidays = [2022, 2023, 2024, 2025, 2026, 2027]
      .flatMap((year) => cal.bankHolidaysIn(year))
      .filter((h) => cal.nonWorkingReason(h.date)?.kind === 'bank-holiday')
      .map((h) => h.date);

    expect(weekdayHolidays).toEqual(officialDates);
  });

  it.each([
    ['2022-06-02', 'the moved Spring bank holiday'],
    ['2022-06-03', "the Queen's Platinum Jubilee"],
    ['2022-09-19', "the Queen's state funeral"],
    ['2023-05-08', "the King's coronation"],
  ])('%s (%s) is not a working day anywhere in the UK', (date) => {
    for (const region of regions) expect(rulesOnly(region).isWorkingDay(date)).toBe(false);
  });

  it.each([
    ['england-and-wales', '2022-12-27', /Christmas/],
    ['england-and-wales', '2026-12-28', /Boxing/],
    ['scotland', '2027-01-04', /January/],
    ['northern-ireland', '2026-07-13', /Boyne/],
  ] as const)('%s: %s is a substitute day, titled as the original %s', (region, date, original) => {
    const holiday = rulesOnly(region).bankHolidayOn(date);

    expect(holiday).toMatchObject({ substitute: true });
    expect(holiday?.title).toMatch(original);
  });

  it('Scotland has no Easter Monday, and its summer bank holiday is the first Monday in August', () => {
    const scotland = rulesOnly('scotland');

    expect(scotland.isWorkingDay('2026-04-06')).toBe(true);
    expect(scotland.isWorkingDay('2026-08-03')).toBe(false);
    expect(scotland.isWorkingDay('2026-08-31')).toBe(true);
    expect(rulesOnly('england-and-wales').isWorkingDay('2026-08-31')).toBe(false);
  });
});

describe('a GOV.UK list overrides the rules for the years it covers', () => {
  it('keeps the substitute note and the original title from the list', () => {
    const cal = new WorkingDayCalendar({ region: 'england-and-wales', govUk: official });

    expect(cal.bankHolidayOn('2027-12-28')).toEqual({
      date: '2027-12-28', title: 'Boxing Day', substitute: true, source: 'gov-uk',
    });
  });

  it('adds a one-off holiday announced at short notice by updating data, not code', () => {
    const announced = structuredClone(official);
    announced['england-and-wales']!.events.push({
      title: 'A one-off bank holiday', date: '2027-06-04', notes: '', bunting: true,
    });

    expect(new WorkingDayCalendar({ region: 'england-and-wales', govUk: official }).isWorkingDay('2027-06-04')).toBe(true);
    expect(new WorkingDayCalendar({ region: 'england-and-wales', govUk: announced }).isWorkingDay('2027-06-04')).toBe(false);
  });

  it('is authoritative: a rules holiday missing from the list for a covered year is a working day', () => {
    const moved = structuredClone(official);
    const events = moved['england-and-wales']!.events;
    moved['england-and-wales']!.events = events.filter((e) => e.date !== '2027-05-31');

    expect(new WorkingDayCalendar({ region: 'england-and-wales', govUk: moved }).isWorkingDay('2027-05-31')).toBe(true);
  });

  it('falls back to the rules for years the list does not cover', () => {
    const cal = new WorkingDayCalendar({ region: 'england-and-wales', govUk: official });

    expect(cal.bankHolidayOn('2028-12-25')).toMatchObject({ title: 'Christmas Day', source: 'rules' });
  });

  it('refuses a list whose division does not match its key', () => {
    const wrong = { scotland: { division: 'england-and-wales', events: [] } };

    expect(GovUkBankHolidaysSchema.safeParse(wrong).success).toBe(false);
  });
});

describe('instants are judged by their Europe/London calendar date', () => {
  it.each([
    ['2026-06-30T23:30:00Z', '2026-07-01', '23:30 UTC in summer is the next day in London (BST)'],
    ['2026-12-31T23:30:00Z', '2026-12-31', 'in winter London is on UTC'],
    ['2026-03-29T00:59:59Z', '2026-03-29', 'just before the clocks go forward'],
    ['2026-03-28T23:59:59Z', '2026-03-28', 'the last GMT evening'],
    ['2026-03-29T23:30:00Z', '2026-03-30', 'the first BST evening'],
    ['2026-10-24T23:30:00Z', '2026-10-25', 'the last BST evening, before the clocks go back'],
    ['2026-10-25T23:30:00Z', '2026-10-25', 'the first GMT evening'],
    ['2026-07-01T00:30:00+01:00', '2026-07-01', 'an instant written with a London offset'],
  ])('%s is %s: %s', (instant, londonDate) => {
    expect(londonDateOf(instant)).toBe(londonDate);
  });

  it('a late-evening UTC instant on a Friday in summer is Saturday in London, not a working day', () => {
    const cal = rulesOnly('england-and-wales');

    expect(cal.isWorkingDay('2026-07-03T22:30:00Z')).toBe(true);
    expect(cal.isWorkingDay('2026-07-03T23:30:00Z')).toBe(false);
  });

  it('counts from the London date of a late-evening instant', () => {
    const cal = rulesOnly('england-and-wales');

    // Tuesday 23:30 UTC in July is Wednesday in London: day 0 is Wednesday, so day 5 is next Wednesday.
    expect(cal.addWorkingDays('2026-07-07T23:30:00Z', 5)).toBe('2026-07-15');
    expect(cal.addWorkingDays('2026-07-07T22:30:00Z', 5)).toBe('2026-07-14');
  });

  it('refuses an instant with no offset, because it names no single moment', () => {
    expect(() => rulesOnly('scotland').isWorkingDay('2026-07-07T23:30:00')).toThrow(/offset/);
  });
});

describe('adding working days', () => {
  it.each([
    ['england-and-wales', '2026-12-23', 5, '2027-01-04', 'Christmas, Boxing Day substitute and New Year'],
    ['scotland', '2026-12-23', 5, '2027-01-05', 'Scotland also keeps the 2nd January substitute'],
    ['england-and-wales', '2027-12-23', 3, '2027-12-30', 'Christmas on a Saturday: two substitute days'],
    ['england-and-wales', '2026-04-02', 2, '2026-04-08', 'Good Friday and Easter Monday'],
    ['scotland', '2026-04-02', 2, '2026-04-07', 'no Easter Monday in Scotland'],
    ['england-and-wales', '2026-05-22', 1, '2026-05-26', 'the late May bank holiday'],
    ['england-and-wales', '2028-02-28', 1, '2028-02-29', '29 February is an ordinary working day'],
    ['northern-ireland', '2026-03-16', 1, '2026-03-18', "St Patrick's Day"],
    ['england-and-wales', '2022-09-16', 1, '2022-09-20', "the Queen's funeral"],
    ['england-and-wales', '2026-11-20', 0, '2026-11-20', 'adding nothing is the same day'],
    ['england-and-wales', '2027-01-04', -5, '2026-12-23', 'counting back across Christmas'],
  ] as const)('%s: %s + %i working days is %s (%s)', (region, from, days, due, _why) => {
    expect(rulesOnly(region).addWorkingDays(from, days)).toBe(due);
  });

  it('treats the day of receipt as day 0 even when it is not a working day', () => {
    const cal = rulesOnly('england-and-wales');

    // Received Saturday: day 1 is Monday, day 5 is Friday.
    expect(cal.addWorkingDays('2026-11-21', 5)).toBe('2026-11-27');
  });

  it('skips a landlord closure between Christmas and New Year', () => {
    const cal = new WorkingDayCalendar({
      region: 'england-and-wales',
      closures: [{ from: '2026-12-29', to: '2026-12-31', reason: 'office closed over Christmas' }],
    });

    expect(cal.addWorkingDays('2026-12-23', 2)).toBe('2027-01-04');
    expect(cal.nonWorkingReason('2026-12-30')).toMatchObject({ kind: 'closure' });
  });

  it('refuses a fractional number of working days', () => {
    expect(() => rulesOnly('england-and-wales').addWorkingDays('2026-11-23', 1.5)).toThrow(RangeError);
  });
});

describe('next working day and counting between two days', () => {
  it('the next working day after Christmas Eve 2026 in England is 29 December', () => {
    expect(rulesOnly('england-and-wales').nextWorkingDay('2026-12-24')).toBe('2026-12-29');
  });

  it('counts working days after the first day up to and including the last', () => {
    const cal = rulesOnly('england-and-wales');

    expect(cal.workingDaysBetween('2026-12-23', '2027-01-04')).toBe(5);
    expect(cal.workingDaysBetween('2026-12-23T10:00:00Z', '2026-12-23T16:00:00Z')).toBe(0);
    expect(cal.workingDaysBetween('2027-01-04', '2026-12-23')).toBe(-5);
  });
});

describe('laws of the working-day calendar', () => {
  const day = fc
    .date({ min: new Date('2022-01-01T00:00:00Z'), max: new Date('2029-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const region = fc.constantFrom<Region>(...regions);
  const calendars = Object.fromEntries(regions.map((r) => [r, new WorkingDayCalendar({ region: r, govUk: official })]));

  it('adding one or more working days always lands on a working day', () => {
    fc.assert(fc.property(region, day, fc.integer({ min: 1, max: 60 }), (r, from, n) => {
      expect(calendars[r]!.isWorkingDay(calendars[r]!.addWorkingDays(from, n))).toBe(true);
    }));
  });

  it('adding more working days never gives an earlier date', () => {
    fc.assert(fc.property(region, day, fc.nat(40), fc.nat(40), (r, from, a, b) => {
      const [fewer, more] = a <= b ? [a, b] : [b, a];
      expect(calendars[r]!.addWorkingDays(from, fewer) <= calendars[r]!.addWorkingDays(from, more)).toBe(true);
    }));
  });

  it('counting the working days back to the start gives N', () => {
    fc.assert(fc.property(region, day, fc.integer({ min: -40, max: 40 }), (r, from, n) => {
      const cal = calendars[r]!;
      expect(cal.workingDaysBetween(from, cal.addWorkingDays(from, n))).toBe(n);
    }));
  });

  it('the next working day is one working day on', () => {
    fc.assert(fc.property(region, day, (r, from) => {
      const cal = calendars[r]!;
      expect(cal.nextWorkingDay(from)).toBe(cal.addWorkingDays(from, 1));
    }));
  });
});
