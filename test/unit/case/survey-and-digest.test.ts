import { describe, expect, it } from 'vitest';
import { readBankHolidays, shippedLandlordPolicies } from '../../../src/config/files.ts';
import { complaintTimeline, type ComplaintEvent } from '../../../src/core/case/complaint.ts';
import { digestSchedule, nextDigestAt, weeklyDigest, type DigestCase } from '../../../src/core/case/digest.ts';
import { endOfLondonDay, londonInstant } from '../../../src/core/case/london-time.ts';
import { surveyFollowUp, surveySendAt } from '../../../src/core/case/survey.ts';
import { calendarForPolicy } from '../../../src/core/code/deadlines.ts';
import { LandlordPolicySchema } from '../../../src/core/policy/landlord-policy.ts';

const policies = shippedLandlordPolicies();
const govUk = readBankHolidays();
const codeDefaults = policies.get('code-defaults')!;
const association = policies.get('example-housing-association')!;
const cal = calendarForPolicy(association, govUk);

describe('London wall-clock times', () => {
  it.each([
    ['2026-01-15', '08:00', '2026-01-15T08:00:00.000Z'],
    ['2026-07-01', '08:00', '2026-07-01T07:00:00.000Z'],
    ['2026-03-29', '00:00', '2026-03-29T00:00:00.000Z'],
    ['2026-03-30', '00:00', '2026-03-29T23:00:00.000Z'],
    ['2026-10-25', '08:00', '2026-10-25T08:00:00.000Z'],
  ])('%s %s in London is %s', (date, time, instant) => {
    expect(londonInstant(date, time)).toBe(instant);
  });

  it('a summer day ends at 23:00 UTC', () => {
    expect(endOfLondonDay('2026-06-30')).toBe('2026-06-30T23:00:00.000Z');
  });
});

describe('when the satisfaction survey goes (the association 7.1)', () => {
  it('one month after closure, at 10:00 London time', () => {
    expect(surveySendAt('2026-12-04T16:00:00Z', association)).toBe('2027-01-04T10:00:00.000Z');
  });

  it('not at all when the policy sends none', () => {
    expect(surveySendAt('2026-12-04T16:00:00Z', codeDefaults)).toBeNull();
  });

  it('after a number of days when the policy says days', () => {
    const weekly = LandlordPolicySchema.parse({ ...codeDefaults, survey: { sendAfterResolution: { days: 7 } } });

    expect(surveySendAt('2026-07-01T16:00:00Z', weekly)).toBe('2026-07-08T09:00:00.000Z');
  });
});

describe('following up a survey answer (the association 7.4, 7.5)', () => {
  const stage1: ComplaintEvent[] = [
    { type: 'received', at: '2026-11-23T09:00:00Z' },
    { type: 'acknowledged', at: '2026-11-24T09:00:00Z', complaintDefinition: 'Boiler.' },
    { type: 'stage-1-response-sent', at: '2026-12-04T16:00:00Z', officer: 'asha.patel' },
    { type: 'closed', at: '2026-12-04T16:05:00Z', reason: 'Responded.' },
  ];
  const timeline = (events: ComplaintEvent[]) => {
    const t = complaintTimeline(events, association, cal);
    if (!t.ok) throw new Error('bad events');
    return t.value;
  };

  it('offers stage 2 to a resident unhappy with the outcome at stage 1, by the last day of the window', () => {
    expect(surveyFollowUp(timeline(stage1), { handling: 'satisfied', outcome: 'dissatisfied' }, cal, '2026-12-10T10:00:00Z'))
      .toEqual({ kind: 'offer-stage-2', handlingDissatisfied: false, stage2RequestBy: '2027-01-06' });
  });

  it('still offers stage 2 after the window, without a date (5.11)', () => {
    expect(surveyFollowUp(timeline(stage1), { handling: 'neither', outcome: 'very-dissatisfied' }, cal, '2027-02-10T10:00:00Z'))
      .toEqual({ kind: 'offer-stage-2', handlingDissatisfied: false });
  });

  it('refers a resident unhappy after stage 2 to the Ombudsman', () => {
    const stage2 = [...stage1.slice(0, 3), { type: 'stage-2-requested', at: '2026-12-07T10:00:00Z' } as ComplaintEvent];

    expect(surveyFollowUp(timeline(stage2), { handling: 'dissatisfied', outcome: 'dissatisfied' }, cal, '2026-12-10T10:00:00Z'))
      .toEqual({ kind: 'refer-to-ombudsman', handlingDissatisfied: true });
  });

  it('asks a manager to follow up a resident unhappy only with the handling', () => {
    expect(surveyFollowUp(timeline(stage1), { handling: 'very-dissatisfied', outcome: 'satisfied' }, cal, '2026-12-10T10:00:00Z'))
      .toEqual({ kind: 'handling-follow-up' });
  });
});

describe("the managers' weekly digest", () => {
  // Monday 7 December 2026, 08:00.
  const at = '2026-12-07T08:00:00Z';
  const complaint = (caseRef: string, events: ComplaintEvent[]): DigestCase =>
    ({ caseRef, kind: 'complaint', summary: `About ${caseRef}`, openedAt: events[0]!.at, state: 'open', events });
  const cases: DigestCase[] = [
    // Association: acknowledged within 2 working days, response 10 working days after receipt.
    complaint('C-OVERDUE1', [{ type: 'received', at: '2026-11-20T09:00:00Z' }, { type: 'acknowledged', at: '2026-11-23T09:00:00Z', complaintDefinition: 'x' }]),
    complaint('C-DUESOON1', [{ type: 'received', at: '2026-11-30T09:00:00Z' }, { type: 'acknowledged', at: '2026-12-01T09:00:00Z', complaintDefinition: 'x' }]),
    complaint('C-ONTRACK1', [{ type: 'received', at: '2026-12-04T09:00:00Z' }, { type: 'acknowledged', at: '2026-12-04T10:00:00Z', complaintDefinition: 'x' }]),
    complaint('C-EXTENDED', [{ type: 'received', at: '2026-11-23T09:00:00Z' }, { type: 'acknowledged', at: '2026-11-24T09:00:00Z', complaintDefinition: 'x' },
      { type: 'extended', at: '2026-12-03T09:00:00Z', stage: 'stage-1', respondBy: '2026-12-21', reason: 'Waiting for a surveyor' }]),
    { caseRef: 'SR-LONGOPEN', kind: 'service-request', summary: 'Dripping tap', openedAt: '2026-11-09T09:00:00Z', state: 'open', events: [] },
    { caseRef: 'SR-RECENT01', kind: 'service-request', summary: 'Broken gate', openedAt: '2026-12-01T09:00:00Z', state: 'open', events: [] },
  ];

  it('lists complaints overdue, due within 5 working days, extensions granted and long-open service requests', () => {
    const digest = weeklyDigest(cases, association, cal, at);

    expect(digest.overdue.map((r) => [r.caseRef, r.what, r.dueOn])).toEqual([['C-OVERDUE1', 'stage 1 response', '2026-12-04']]);
    expect(digest.dueSoon.map((r) => r.caseRef)).toEqual(['C-DUESOON1']);
    expect(digest.extensionsGranted.map((r) => [r.caseRef, r.dueOn])).toEqual([['C-EXTENDED', '2026-12-21']]);
    expect(digest.longOpenServiceRequests.map((r) => [r.caseRef, r.dueOn])).toEqual([['SR-LONGOPEN', '2026-11-23']]);
    expect(digest.dueSoonWithinWorkingDays).toBe(5);
  });

  it('is scheduled on Monday at 08:00 London time by default', () => {
    expect(digestSchedule(association)).toEqual({ expression: 'cron(0 8 ? * MON *)', timezone: 'Europe/London' });
    expect(nextDigestAt(association, '2026-12-07T08:00:00Z')).toBe('2026-12-14T08:00:00.000Z');
    expect(nextDigestAt(association, '2026-06-30T12:00:00Z')).toBe('2026-07-06T07:00:00.000Z');
  });
});
