import { describe, expect, it } from 'vitest';
import { readBankHolidays, shippedLandlordPolicies } from '../../../src/config/files.ts';
import { reviewComplaint, nextDueOn, MAX_WAIT_DAYS, type CaseReview } from '../../../src/core/case/case-review.ts';
import type { ComplaintEvent } from '../../../src/core/case/complaint.ts';
import { londonInstant } from '../../../src/core/case/london-time.ts';
import { calendarForPolicy } from '../../../src/core/code/deadlines.ts';
import type { LandlordPolicy } from '../../../src/core/policy/landlord-policy.ts';

const policies = shippedLandlordPolicies();
const govUk = readBankHolidays();
const codeDefaults = policies.get('code-defaults')!;
const association = policies.get('example-housing-association')!;

function review(events: ComplaintEvent[], at: string, policy: LandlordPolicy = codeDefaults): CaseReview {
  const result = reviewComplaint(events, policy, calendarForPolicy(policy, govUk), at);
  if (!result.ok) throw new Error(`unexpected breach: ${JSON.stringify(result.error)}`);
  return result.value;
}

// Monday 23 November 2026: acknowledgement due Monday 30 November under the Code.
const received: ComplaintEvent = { type: 'received', at: '2026-11-23T09:15:00Z' };
const handler: ComplaintEvent = { type: 'handler-assigned', at: '2026-11-23T10:00:00Z', stage: 'stage-1', officer: 'asha.patel' };
const acknowledged: ComplaintEvent = { type: 'acknowledged', at: '2026-11-25T14:00:00Z', complaintDefinition: 'Boiler not repaired.' };

describe('reminding the handler before a milestone is due', () => {
  it('wakes at 08:00 two working days before the acknowledgement is due', () => {
    const r = review([received, handler], '2026-11-23T09:16:00Z');

    expect(r.notices).toEqual([]);
    expect(r.done).toBe(false);
    expect(r.wakeAt).toBe('2026-11-26T08:00:00.000Z');
  });

  it('reminds the handler on the reminder morning, once', () => {
    const first = review([received, handler], '2026-11-26T08:00:00Z');
    const again = review([received, handler, ...first.events], '2026-11-26T08:00:05Z');

    expect(first.notices).toEqual([expect.objectContaining({
      kind: 'reminder', subject: { kind: 'milestone', milestone: 'stage-1-acknowledgement' }, dueOn: '2026-11-30',
      workingDaysLeft: 2, handler: 'asha.patel',
    })]);
    expect(first.events).toEqual([{ type: 'reminder-sent', at: '2026-11-26T08:00:00.000Z', subject: { kind: 'milestone', milestone: 'stage-1-acknowledgement' }, dueOn: '2026-11-30' }]);
    expect(again.notices).toEqual([]);
    expect(again.wakeAt).toBe('2026-12-01T00:00:00.000Z');
  });

  it('sends no reminder when the reminder day is the day the milestone started (a 2-day acknowledgement)', () => {
    const r = review([received], '2026-11-23T09:16:00Z', association);

    expect(r.notices).toEqual([]);
    expect(r.wakeAt).toBe('2026-11-26T00:00:00.000Z');
  });

  it('moves on once staff have acted: after acknowledgement it watches the response', () => {
    const r = review([received, handler, acknowledged], '2026-11-26T08:00:00Z');

    expect(r.notices).toEqual([]);
    expect(r.wakeAt).toBe(londonInstant('2026-12-07', '08:00'));
  });

  it('reminds in British Summer Time at 08:00 London, 07:00 UTC', () => {
    const r = review([{ type: 'received', at: '2026-06-01T09:00:00Z' }], '2026-06-01T09:00:00Z');

    expect(r.wakeAt).toBe('2026-06-04T07:00:00.000Z');
  });
});

describe('a missed milestone', () => {
  it('is marked overdue as its due day ends, and the handler and managers are told', () => {
    const r = review([received, handler], '2026-12-01T00:00:00Z');

    expect(r.notices).toEqual([expect.objectContaining({ kind: 'overdue', dueOn: '2026-11-30', workingDaysOverdue: 1, handler: 'asha.patel' })]);
    expect(r.events[0]).toMatchObject({ type: 'overdue-marked', dueOn: '2026-11-30' });
  });

  it('is not reminded of as well when the machine wakes after it was missed', () => {
    const r = review([received], '2026-12-02T09:00:00Z');

    expect(r.notices.map((n) => n.kind)).toEqual(['overdue']);
    expect(r.notices[0]).toMatchObject({ workingDaysOverdue: 2 });
  });

  it('while the acknowledgement is missed, still waits for the response by its provisional date', () => {
    const marked: ComplaintEvent = { type: 'overdue-marked', at: '2026-12-01T00:00:00Z', subject: { kind: 'milestone', milestone: 'stage-1-acknowledgement' }, dueOn: '2026-11-30' };

    expect(review([received, marked], '2026-12-01T00:00:01Z')).toMatchObject({ notices: [], done: false, wakeAt: londonInstant('2026-12-10', '08:00') });
  });

  it('leaves nothing to wait for once a missed response is marked: the machine ends until staff act', () => {
    const marked: ComplaintEvent = { type: 'overdue-marked', at: '2026-12-10T00:00:00Z', subject: { kind: 'milestone', milestone: 'stage-1-response' }, dueOn: '2026-12-09' };

    expect(review([received, acknowledged, marked], '2026-12-10T00:00:01Z')).toMatchObject({ notices: [], done: true, wakeAt: null });
  });

  it('after a late acknowledgement there is the response to wait for again', () => {
    const marked: ComplaintEvent = { type: 'overdue-marked', at: '2026-12-01T00:00:00Z', subject: { kind: 'milestone', milestone: 'stage-1-acknowledgement' }, dueOn: '2026-11-30' };
    const late: ComplaintEvent = { type: 'acknowledged', at: '2026-12-02T10:00:00Z', complaintDefinition: 'Boiler not repaired.' };
    const r = review([received, marked, late], '2026-12-02T10:00:01Z');

    expect(r).toMatchObject({ done: false, wakeAt: londonInstant('2026-12-14', '08:00') });
  });
});

describe('following an extension', () => {
  it('watches the new date on its next wake', () => {
    const extended: ComplaintEvent = { type: 'extended', at: '2026-12-03T09:00:00Z', stage: 'stage-1', respondBy: '2026-12-23', reason: 'Awaiting a surveyor.' };
    const r = review([received, handler, acknowledged, extended], '2026-12-07T08:00:00Z');

    expect(r.notices).toEqual([]);
    expect(nextDueOn(r.timeline)).toBe('2026-12-23');
    expect(r.wakeAt).toBe('2026-12-21T08:00:00.000Z');
  });
});

describe('outstanding actions after the response', () => {
  const responded: ComplaintEvent = {
    type: 'stage-1-response-sent', at: '2026-12-04T16:00:00Z', officer: 'asha.patel', decision: 'upheld', reasons: ['We were slow.'],
    remedy: ['£50'], outstandingActions: [{ actionId: 'A1', action: 'Fit a new boiler', dueOn: '2027-01-15' }],
  };
  const closed: ComplaintEvent = { type: 'closed', at: '2026-12-04T16:05:00Z', reason: 'Responded.' };

  it('keeps tracking them after closure, reminding the handler before each is due', () => {
    const first = review([received, handler, acknowledged, responded, closed], '2026-12-04T16:06:00Z');
    const onTheDay = review([received, handler, acknowledged, responded, closed], '2027-01-13T08:00:00Z');

    expect(first.done).toBe(false);
    expect(first.wakeAt).toBe(new Date(Date.parse('2026-12-04T16:06:00Z') + MAX_WAIT_DAYS * 86_400_000).toISOString());
    expect(onTheDay.notices).toEqual([expect.objectContaining({ kind: 'reminder', subject: { kind: 'action', actionId: 'A1' }, action: 'Fit a new boiler', workingDaysLeft: 2 })]);
  });

  it('is done once every action is complete', () => {
    const done: ComplaintEvent = { type: 'action-completed', at: '2027-01-10T10:00:00Z', actionId: 'A1' };
    const r = review([received, handler, acknowledged, responded, closed, done], '2027-01-10T10:01:00Z');

    expect(r.done).toBe(true);
    expect(r.wakeAt).toBeNull();
  });

  it('stops watching an action once its overdue notice has gone', () => {
    const late = review([received, handler, acknowledged, responded, closed], '2027-01-16T00:00:00Z');
    const after = review([received, handler, acknowledged, responded, closed, ...late.events], '2027-01-16T00:00:01Z');

    expect(late.notices.map((n) => n.kind)).toEqual(['overdue']);
    expect(after.done).toBe(true);
  });
});

describe('when there is nothing to watch', () => {
  it('an answered complaint with no actions has nothing to wait for until stage 2 is asked for or it is closed', () => {
    const responded: ComplaintEvent = { type: 'stage-1-response-sent', at: '2026-12-04T16:00:00Z', officer: 'asha.patel' };

    expect(review([received, acknowledged, responded], '2026-12-04T16:01:00Z')).toMatchObject({ done: true, wakeAt: null, notices: [] });
  });

  it('a declined complaint is done at once', () => {
    const declined: ComplaintEvent = { type: 'declined', at: '2026-11-24T10:00:00Z', reason: 'Court proceedings started.' };

    expect(review([received, declined], '2026-11-24T10:01:00Z').done).toBe(true);
  });

  it('never waits longer than the local timers allow', () => {
    const stage2: ComplaintEvent[] = [received, acknowledged,
      { type: 'stage-1-response-sent', at: '2026-12-04T16:00:00Z', officer: 'asha.patel' },
      { type: 'stage-2-requested', at: '2026-12-07T10:00:00Z' },
      { type: 'stage-2-acknowledged', at: '2026-12-08T10:00:00Z', complaintDefinition: 'Still no heating.' },
      { type: 'extended', at: '2026-12-09T10:00:00Z', stage: 'stage-2', respondBy: '2027-03-01', reason: 'Expert report.', goodReason: 'The structural engineer cannot report sooner.' }];
    const r = review(stage2, '2026-12-09T10:01:00Z');

    expect(Date.parse(r.wakeAt!) - Date.parse('2026-12-09T10:01:00Z')).toBe(MAX_WAIT_DAYS * 86_400_000);
  });
});

describe('after closure: the satisfaction survey', () => {
  const answered: ComplaintEvent[] = [received, acknowledged,
    { type: 'stage-1-response-sent', at: '2026-12-04T16:00:00Z', officer: 'asha.patel' },
    { type: 'closed', at: '2026-12-04T16:05:00Z', reason: 'Responded.' }];

  it("asks for the survey to be scheduled a month after closure under the association's policy, once", () => {
    const r = review(answered, '2026-12-07T08:00:00Z', association);
    const scheduled = review([...answered, { type: 'survey-scheduled', at: '2026-12-07T08:00:00Z', sendAt: r.survey!.sendAt }], '2026-12-07T08:00:01Z', association);

    expect(r.survey).toEqual({ sendAt: '2027-01-04T10:00:00.000Z' });
    expect(r.done).toBe(true);
    expect(scheduled).toMatchObject({ survey: null, done: true, wakeAt: null });
  });

  it('sends none under a policy without surveys, or when the resident cannot be reached', () => {
    const cal = calendarForPolicy(association, govUk);
    const anonymous = reviewComplaint(answered, association, cal, '2026-12-07T08:00:00Z', { canSurvey: false });

    expect(review(answered, '2026-12-07T08:00:00Z', codeDefaults)).toMatchObject({ survey: null, done: true });
    expect(anonymous).toMatchObject({ ok: true, value: { survey: null, done: true } });
  });

  it('never schedules it in the past when the machine wakes late', () => {
    expect(review(answered, '2027-02-01T09:00:00Z', association).survey).toEqual({ sendAt: '2027-02-01T09:00:00.000Z' });
  });
});
