import { describe, expect, it } from 'vitest';
import { readBankHolidays, shippedLandlordPolicies } from '../../../src/config/files.ts';
import {
  complaintTimeline, describeBreach, openMilestonesAt, recordEvent,
  type CaseRuleBreach, type ComplaintEvent, type ComplaintTimeline, type MilestoneId,
} from '../../../src/core/case/complaint.ts';
import { calendarForPolicy } from '../../../src/core/code/deadlines.ts';
import type { LandlordPolicy } from '../../../src/core/policy/landlord-policy.ts';

const policies = shippedLandlordPolicies();
const govUk = readBankHolidays();
const codeDefaults = policies.get('code-defaults')!;
const association = policies.get('example-housing-association')!;
const procedureA = policies.get('chs-coop-procedure-a')!;

function timeline(events: ComplaintEvent[], policy: LandlordPolicy = codeDefaults): ComplaintTimeline {
  const result = complaintTimeline(events, policy, calendarForPolicy(policy, govUk));
  if (!result.ok) throw new Error(`unexpected breach: ${JSON.stringify(result.error)}`);
  return result.value;
}
const milestone = (t: ComplaintTimeline, id: MilestoneId) => t.milestones.find((m) => m.id === id)!;

// Monday 23 November 2026.
const received: ComplaintEvent = { type: 'received', at: '2026-11-23T09:15:00Z' };
const acknowledged: ComplaintEvent = { type: 'acknowledged', at: '2026-11-25T14:00:00Z', complaintDefinition: 'Boiler not repaired after three reports.' };
const stage1Sent: ComplaintEvent = { type: 'stage-1-response-sent', at: '2026-12-04T16:00:00Z', officer: 'asha.patel' };
const stage2Requested: ComplaintEvent = { type: 'stage-2-requested', at: '2026-12-07T10:00:00Z' };

describe('stage 1 timescales', () => {
  it('Code 6.2: a complaint received on Monday is acknowledged and defined by the Monday after', () => {
    expect(milestone(timeline([received]), 'stage-1-acknowledgement')).toMatchObject({
      dueOn: '2026-11-30', provision: '6.2', state: 'open', countedFrom: { event: 'received', on: '2026-11-23' },
    });
  });

  it('Code 6.3: sets the stage 1 response ten working days after acknowledgement', () => {
    expect(milestone(timeline([received, acknowledged]), 'stage-1-response')).toMatchObject({
      dueOn: '2026-12-09', provision: '6.3', countedFrom: { event: 'acknowledged', on: '2026-11-25', provisional: false },
    });
  });

  it('Code 6.3: before acknowledgement, the response date counts from the acknowledgement due date, marked provisional', () => {
    expect(milestone(timeline([received]), 'stage-1-response')).toMatchObject({
      dueOn: '2026-12-14', countedFrom: { event: 'acknowledged', on: '2026-11-30', provisional: true },
    });
  });

  it('Code 6.3: a late acknowledgement never shortens the ten working days for the response', () => {
    const late: ComplaintEvent = { ...acknowledged, at: '2026-12-02T10:00:00Z' };
    const t = timeline([received, late]);

    expect(milestone(t, 'stage-1-acknowledgement')).toMatchObject({ state: 'missed', doneOn: '2026-12-02' });
    expect(milestone(t, 'stage-1-response').dueOn).toBe('2026-12-16');
  });

  it('an association that acknowledges in 2 working days and answers within 10 of receipt', () => {
    const t = timeline([received, acknowledged], association);

    expect(milestone(t, 'stage-1-acknowledgement')).toMatchObject({ dueOn: '2026-11-25', state: 'met' });
    expect(milestone(t, 'stage-1-response')).toMatchObject({ dueOn: '2026-12-07', countedFrom: { event: 'received' } });
  });

  it('counts across Christmas and New Year in England', () => {
    const t = timeline([{ type: 'received', at: '2026-12-23T11:00:00Z' }]);

    expect(milestone(t, 'stage-1-acknowledgement').dueOn).toBe('2027-01-04');
  });
});

describe('the day of receipt', () => {
  const saturday: ComplaintEvent = { type: 'received', at: '2026-11-21T10:00:00Z' };

  it('is day 0 by default even on a Saturday, the stricter reading for the landlord', () => {
    expect(milestone(timeline([saturday]), 'stage-1-acknowledgement').dueOn).toBe('2026-11-27');
  });

  it('may be treated as the next working day when the policy says so', () => {
    const lenient = { ...codeDefaults, counting: { receiptOnNonWorkingDay: 'treated-as-next-working-day' as const } };

    expect(milestone(timeline([saturday], lenient), 'stage-1-acknowledgement').dueOn).toBe('2026-11-30');
  });

  it('is the London date: 23:30 UTC on a summer Friday is received on Saturday', () => {
    const t = timeline([{ type: 'received', at: '2026-07-03T23:30:00Z' }]);

    expect(t.receivedOn).toBe('2026-07-04');
    expect(milestone(t, 'stage-1-acknowledgement').dueOn).toBe('2026-07-10');
  });
});

describe('extensions', () => {
  const extendTo = (respondBy: string, goodReason?: string): ComplaintEvent => ({
    type: 'extended', at: '2026-12-03T09:00:00Z', stage: 'stage-1', respondBy,
    reason: 'Waiting for the surveyor’s damp report.', ...(goodReason ? { goodReason } : {}),
  });

  it('Code 6.4: a stage 1 extension of 10 working days is allowed and moves the response date', () => {
    const t = timeline([received, acknowledged, extendTo('2026-12-23')]);

    expect(milestone(t, 'stage-1-response')).toMatchObject({
      dueOn: '2026-12-23', originalDueOn: '2026-12-09', extension: { workingDays: 10 },
    });
  });

  it('Code 6.4: a stage 1 extension past 10 working days is refused without a good reason', () => {
    const cal = calendarForPolicy(codeDefaults, govUk);
    const result = recordEvent([received, acknowledged], extendTo('2026-12-24'), codeDefaults, cal);

    expect(result).toEqual({
      ok: false,
      error: { kind: 'extension-too-long', index: 2, stage: 'stage-1', provision: '6.4', askedWorkingDays: 11, allowedWorkingDays: 10, limitSetBy: 'code' },
    });
  });

  it('a refusal caused by the landlord\'s own stricter limit cites the policy, not the Code', () => {
    const strict = { ...codeDefaults, stage1: { ...codeDefaults.stage1, maxExtensionWorkingDays: 5 } };
    const cal = calendarForPolicy(strict, govUk);
    const result = recordEvent([received, acknowledged], extendTo('2026-12-18'), strict, cal);

    expect(result).toMatchObject({ ok: false, error: { kind: 'extension-too-long', askedWorkingDays: 7, allowedWorkingDays: 5, limitSetBy: 'policy' } });
    const words = describeBreach((result as { error: CaseRuleBreach }).error);
    expect(words).toContain('your complaints policy allows');
    expect(words).not.toContain('Code');
  });

  it('Code 6.4: a longer stage 1 extension is accepted when a good reason is recorded', () => {
    const t = timeline([received, acknowledged, extendTo('2027-01-04', 'Structural engineer cannot visit before January.')]);

    expect(milestone(t, 'stage-1-response').extension).toMatchObject({ workingDays: 15, goodReason: expect.stringContaining('engineer') });
  });

  it('Code 6.4: two extensions together count against the one limit', () => {
    const cal = calendarForPolicy(codeDefaults, govUk);
    const first = recordEvent([received, acknowledged], extendTo('2026-12-16'), codeDefaults, cal);
    const second = first.ok ? recordEvent(first.value, extendTo('2026-12-24'), codeDefaults, cal) : first;

    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { kind: 'extension-too-long', askedWorkingDays: 11 } });
  });

  it('an extension must move the response date later', () => {
    const cal = calendarForPolicy(codeDefaults, govUk);

    expect(recordEvent([received, acknowledged], extendTo('2026-12-08'), codeDefaults, cal)).toMatchObject({
      ok: false, error: { kind: 'extension-not-later', currentDueOn: '2026-12-09' },
    });
  });

  it('Code 6.15: a stage 2 extension of 20 working days is allowed, 21 is refused without a good reason', () => {
    const cal = calendarForPolicy(codeDefaults, govUk);
    const stage2Acknowledged: ComplaintEvent = { type: 'stage-2-acknowledged', at: '2026-12-09T10:00:00Z', complaintDefinition: 'Still no heating.' };
    const events = [received, acknowledged, stage1Sent, stage2Requested, stage2Acknowledged];
    const due = milestone(timeline(events), 'stage-2-response').dueOn;
    const extend = (respondBy: string): ComplaintEvent => ({ type: 'extended', at: '2026-12-10T10:00:00Z', stage: 'stage-2', respondBy, reason: 'Complex.' });

    expect(due).toBe('2027-01-11');
    expect(recordEvent(events, extend(cal.addWorkingDays(due, 20)), codeDefaults, cal).ok).toBe(true);
    expect(recordEvent(events, extend(cal.addWorkingDays(due, 21)), codeDefaults, cal)).toMatchObject({
      ok: false, error: { kind: 'extension-too-long', provision: '6.15', allowedWorkingDays: 20 },
    });
  });

  it("a landlord stricter than the Code holds itself to its own limit: the association's stage 2 extension is 10", () => {
    const cal = calendarForPolicy(association, govUk);
    const events: ComplaintEvent[] = [received, acknowledged, stage1Sent, stage2Requested,
      { type: 'stage-2-acknowledged', at: '2026-12-08T10:00:00Z', complaintDefinition: 'Still no heating.' }];
    const due = milestone(timeline(events, association), 'stage-2-response').dueOn;
    const extension: ComplaintEvent = { type: 'extended', at: '2026-12-10T10:00:00Z', stage: 'stage-2', respondBy: cal.addWorkingDays(due, 11), reason: 'Complex.' };

    expect(recordEvent(events, extension, association, cal)).toMatchObject({ ok: false, error: { allowedWorkingDays: 10 } });
  });
});

describe('stage 2', () => {
  const stage2Acknowledged: ComplaintEvent = { type: 'stage-2-acknowledged', at: '2026-12-09T10:00:00Z', complaintDefinition: 'Unhappy with the stage 1 outcome.' };

  it('Code 6.11: a stage 2 request is acknowledged and defined within five working days', () => {
    const t = timeline([received, acknowledged, stage1Sent, stage2Requested]);

    expect(t.status).toBe('stage-2-awaiting-acknowledgement');
    expect(milestone(t, 'stage-2-acknowledgement')).toMatchObject({ dueOn: '2026-12-14', provision: '6.11' });
  });

  it('Code 6.14: the stage 2 final response is due twenty working days after acknowledgement, across Christmas', () => {
    const t = timeline([received, acknowledged, stage1Sent, stage2Requested, stage2Acknowledged]);

    expect(milestone(t, 'stage-2-response')).toMatchObject({ dueOn: '2027-01-11', provision: '6.14' });
  });

  it('Code 6.13: the officer who handled stage 1 cannot be assigned stage 2', () => {
    const cal = calendarForPolicy(codeDefaults, govUk);
    const events = [received, acknowledged, stage1Sent, stage2Requested];

    expect(recordEvent(events, { type: 'handler-assigned', at: '2026-12-07T11:00:00Z', stage: 'stage-2', officer: 'asha.patel' }, codeDefaults, cal))
      .toEqual({ ok: false, error: { kind: 'same-handler-at-both-stages', index: 4, provision: '6.13', officer: 'asha.patel' } });
    expect(recordEvent(events, { type: 'handler-assigned', at: '2026-12-07T11:00:00Z', stage: 'stage-2', officer: 'tom.okafor' }, codeDefaults, cal).ok)
      .toBe(true);
  });

  it('Code 6.13: the officer who handled stage 1 cannot send the stage 2 response either', () => {
    const cal = calendarForPolicy(codeDefaults, govUk);
    const events = [received, acknowledged, stage1Sent, stage2Requested, stage2Acknowledged];

    expect(recordEvent(events, { type: 'stage-2-response-sent', at: '2026-12-20T10:00:00Z', officer: 'asha.patel' }, codeDefaults, cal))
      .toMatchObject({ ok: false, error: { kind: 'same-handler-at-both-stages' } });
  });

  it('a stage 2 request after the policy window is still recorded, and flagged for the landlord to consider (5.11)', () => {
    const late: ComplaintEvent = { type: 'stage-2-requested', at: '2027-01-15T10:00:00Z' };
    const t = timeline([received, acknowledged, stage1Sent, late], procedureA);

    expect(t.stage2RequestWindowClosesOn).toBe('2027-01-06');
    expect(t.stage2RequestedOutsideWindow).toBe(true);
    expect(milestone(t, 'stage-2-acknowledgement').state).toBe('open');
  });

  it('stage 2 cannot be asked for before the stage 1 response is sent', () => {
    const result = complaintTimeline([received, acknowledged, stage2Requested], codeDefaults, calendarForPolicy(codeDefaults, govUk));

    expect(result).toMatchObject({ ok: false, error: { kind: 'event-not-allowed-now', event: 'stage-2-requested', status: 'stage-1-investigating' } });
  });
});

describe('declined and closed complaints', () => {
  it('Code 2.4: a declined complaint has no open milestones left', () => {
    const t = timeline([received, { type: 'declined', at: '2026-11-24T10:00:00Z', reason: 'Legal proceedings filed at court.' }]);

    expect(t.status).toBe('declined');
    expect(t.milestones.map((m) => m.state)).toEqual(['cancelled', 'cancelled']);
  });

  it('a withdrawn complaint keeps the milestones already met, and cancels those still to come', () => {
    const t = timeline([received, acknowledged, { type: 'withdrawn', at: '2026-11-30T10:00:00Z', reason: 'The resident withdrew the complaint by telephone.', via: 'telephone' }]);

    expect(t.status).toBe('withdrawn');
    expect(t.milestones.map((m) => [m.id, m.state])).toEqual([['stage-1-acknowledgement', 'met'], ['stage-1-response', 'cancelled']]);
  });

  it('a milestone missed before the complaint ends stays missed (the regulator counts it)', () => {
    // Received Monday 23 November; not acknowledged by Monday 30 November; withdrawn on 2 December.
    const t = timeline([received, { type: 'withdrawn', at: '2026-12-02T10:00:00Z', reason: 'Resident withdrew.', via: 'email' }]);

    expect(t.milestones.map((m) => [m.id, m.state])).toEqual([['stage-1-acknowledgement', 'missed'], ['stage-1-response', 'cancelled']]);
  });

  it('a complaint cannot be closed before its response: only declined (2.1 to 2.5) or withdrawn', () => {
    const cal = calendarForPolicy(codeDefaults, govUk);
    const closedEarly = complaintTimeline([received, acknowledged, { type: 'closed', at: '2026-11-30T10:00:00Z', reason: 'Tidying up.' }], codeDefaults, cal);

    expect(closedEarly).toMatchObject({ ok: false, error: { kind: 'event-not-allowed-now', event: 'closed', status: 'stage-1-investigating' } });
  });
});

describe('the order of events', () => {
  const cal = calendarForPolicy(codeDefaults, govUk);

  it('a complaint starts with its receipt', () => {
    expect(complaintTimeline([acknowledged], codeDefaults, cal)).toMatchObject({ ok: false, error: { kind: 'first-event-must-be-received' } });
  });

  it('events must be in time order', () => {
    const early: ComplaintEvent = { ...acknowledged, at: '2026-11-22T10:00:00Z' };

    expect(complaintTimeline([received, early], codeDefaults, cal)).toMatchObject({ ok: false, error: { kind: 'events-out-of-order', index: 1 } });
  });

  it('a complaint is acknowledged once per stage', () => {
    expect(complaintTimeline([received, acknowledged, acknowledged], codeDefaults, cal))
      .toMatchObject({ ok: false, error: { kind: 'event-not-allowed-now', event: 'acknowledged' } });
  });
});

describe('what is overdue and what is due soon', () => {
  const cal = calendarForPolicy(codeDefaults, govUk);

  it('nothing is overdue on the due day itself; the next morning it is', () => {
    const t = timeline([received]);

    expect(openMilestonesAt(t, '2026-11-30T16:59:00Z', cal, 3)[0]).toMatchObject({ standing: 'due-soon', workingDaysLeft: 0 });
    expect(openMilestonesAt(t, '2026-12-01T08:00:00Z', cal, 3)[0]).toMatchObject({ standing: 'overdue', workingDaysLeft: -1 });
  });

  it('judges the moment by its London date: 23:30 UTC in winter is still the due day', () => {
    const t = timeline([{ type: 'received', at: '2026-06-22T09:00:00Z' }]);

    expect(openMilestonesAt(t, '2026-06-29T22:59:00Z', cal, 3)[0]?.standing).toBe('due-soon');
    expect(openMilestonesAt(t, '2026-06-29T23:01:00Z', cal, 3)[0]?.standing).toBe('overdue');
  });

  it('a response due in more working days than the window is on track', () => {
    const t = timeline([received, acknowledged]);

    expect(openMilestonesAt(t, '2026-11-26T09:00:00Z', cal, 3)).toEqual([
      expect.objectContaining({ standing: 'on-track', workingDaysLeft: 9, milestone: expect.objectContaining({ id: 'stage-1-response' }) }),
    ]);
  });
});

describe('recomputing deadlines when a bank holiday is announced', () => {
  it('a one-off holiday added to the GOV.UK list moves an open deadline, from the same events', () => {
    const events: ComplaintEvent[] = [{ type: 'received', at: '2027-06-01T10:00:00Z' }];
    const announced = structuredClone(govUk);
    announced['england-and-wales']!.events.push({ title: 'A one-off bank holiday', date: '2027-06-04', notes: '', bunting: true });

    const before = complaintTimeline(events, codeDefaults, calendarForPolicy(codeDefaults, govUk));
    const after = complaintTimeline(events, codeDefaults, calendarForPolicy(codeDefaults, announced));

    expect(before.ok && before.value.milestones[0]?.dueOn).toBe('2027-06-08');
    expect(after.ok && after.value.milestones[0]?.dueOn).toBe('2027-06-09');
  });
});
