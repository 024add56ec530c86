import { describe, expect, it } from 'vitest';
import { readBankHolidays, shippedLandlordPolicies } from '../../../src/config/files.ts';
import { complaintFile } from '../../../src/core/case/case-file.ts';
import type { ComplaintEvent } from '../../../src/core/case/complaint.ts';
import {
  acknowledgeComplaint, assignHandler, closeComplaint, completeAction, declineComplaint, describeRefusal, escalateToStage2,
  extendResponse, recordAdjustments, recordRepresentative, recordSurveyAnswer, recordVulnerability, sendResponse,
  type StaffActionContext,
} from '../../../src/core/case/staff-actions.ts';
import { calendarForPolicy } from '../../../src/core/code/deadlines.ts';

const policies = shippedLandlordPolicies();
const govUk = readBankHolidays();
const policy = policies.get('code-defaults')!;
const association = policies.get('example-housing-association')!;
const cal = calendarForPolicy(policy, govUk);

const received: ComplaintEvent = { type: 'received', at: '2026-11-23T09:15:00Z' };
const ctx = (events: ComplaintEvent[], at: string, officer = 'asha.patel'): StaffActionContext => ({ events, policy, cal, at, officer });
const definition = { understanding: 'The boiler was reported three times and not repaired.', outcomesSought: ['A working boiler', 'An apology'] };

function applied(events: ComplaintEvent[], result: ReturnType<typeof acknowledgeComplaint>): ComplaintEvent[] {
  if (!result.ok) throw new Error(describeRefusal(result.error));
  return [...events, ...result.value.events];
}

describe('acknowledging with the complaint definition (Code 5.6, 5.7, 6.2)', () => {
  it('records what the complaint is about, the outcomes sought and who is responsible for what', () => {
    const result = acknowledgeComplaint(ctx([received], '2026-11-24T10:00:00Z'), {
      ...definition, responsibleFor: ['The repair'], notResponsibleFor: ['The gas supply: the supplier'], handler: 'asha.patel',
      clarificationRequest: 'Which rooms have no heating?',
    });
    const file = complaintFile(applied([received], result));

    expect(result.ok && result.value.events.map((e) => e.type)).toEqual(['handler-assigned', 'acknowledged']);
    expect(file.definitions['stage-1']).toEqual({
      understanding: definition.understanding, outcomesSought: ['A working boiler', 'An apology'],
      responsibleFor: ['The repair'], notResponsibleFor: ['The gas supply: the supplier'], clarificationRequest: 'Which rooms have no heating?',
    });
    expect(result.ok && result.value.timeline.status).toBe('stage-1-investigating');
  });

  it('refuses a definition without the outcomes the resident seeks', () => {
    expect(() => acknowledgeComplaint(ctx([received], '2026-11-24T10:00:00Z'), { ...definition, outcomesSought: [] })).toThrow(/outcome/);
  });

  it('refuses a second acknowledgement at the same stage, in words an officer can act on', () => {
    const once = applied([received], acknowledgeComplaint(ctx([received], '2026-11-24T10:00:00Z'), definition));
    const twice = acknowledgeComplaint(ctx(once, '2026-11-24T11:00:00Z'), definition);

    expect(twice.ok).toBe(false);
    expect(!twice.ok && describeRefusal(twice.error)).toBe('"acknowledged" cannot happen while the complaint is stage 1 investigating');
  });
});

describe('declining to accept (Code 2.1 to 2.5)', () => {
  it("records the reason and the policy's exclusions relied on", () => {
    const events = [received];
    const result = declineComplaint({ ...ctx(events, '2026-11-24T10:00:00Z'), policy: association }, {
      reason: 'A disrepair claim about the same boiler is before the county court.', exclusions: ['legal-proceedings-started'],
    });

    expect(result.ok && result.value.timeline.status).toBe('declined');
    expect(complaintFile(applied(events, result)).declined).toMatchObject({ stage: 'stage-1', exclusions: ['legal-proceedings-started'] });
  });

  it('refuses an exclusion the policy does not have', () => {
    const result = declineComplaint({ ...ctx([received], '2026-11-24T10:00:00Z'), policy: association }, { reason: 'Too old.', exclusions: ['too-old'] });

    expect(result).toEqual({ ok: false, error: { kind: 'unknown-exclusion', exclusion: 'too-old', known: ['outside-landlord-responsibility', 'legal-proceedings-started'] } });
  });
});

describe('extending (Code 6.4, 6.15)', () => {
  const acknowledged = applied([received], acknowledgeComplaint(ctx([received], '2026-11-25T14:00:00Z'), definition));

  it('extends by a number of working days from the current response date', () => {
    const result = extendResponse(ctx(acknowledged, '2026-12-03T09:00:00Z'), { extensionWorkingDays: 10, reason: 'Awaiting a damp survey.' });

    expect(result.ok && result.value.timeline.milestones[1]).toMatchObject({ dueOn: '2026-12-23', extension: { workingDays: 10 } });
  });

  it('refuses an extension past the limit without a recorded good reason, and allows it with one', () => {
    const tooLong = extendResponse(ctx(acknowledged, '2026-12-03T09:00:00Z'), { extensionWorkingDays: 11, reason: 'Awaiting a survey.' });
    const withReason = extendResponse(ctx(acknowledged, '2026-12-03T09:00:00Z'), { extensionWorkingDays: 11, reason: 'Awaiting a survey.', goodReason: 'The surveyor is off sick.' });

    expect(!tooLong.ok && describeRefusal(tooLong.error)).toContain('record the good reason');
    expect(withReason.ok).toBe(true);
  });
});

describe('responding with the decision, remedy and outstanding actions (Code 6.6, 6.9, 7.3)', () => {
  const acknowledged = applied([received], acknowledgeComplaint(ctx([received], '2026-11-25T14:00:00Z'), { ...definition, handler: 'asha.patel' }));
  const respond = { decision: 'partly-upheld' as const, reasons: ['The repair was late.'], remedy: ['£75 for the inconvenience'],
    outstandingActions: [{ action: 'Fit a new boiler', dueOn: '2026-12-18' }, { action: 'Service the radiators', dueOn: '2027-01-08' }] };

  it('numbers each outstanding action and tracks it until it is done', () => {
    const responded = applied(acknowledged, sendResponse(ctx(acknowledged, '2026-12-04T16:00:00Z'), respond));
    const completed = completeAction(ctx(responded, '2026-12-18T10:00:00Z'), { actionId: 'A1' });

    expect(complaintFile(responded).responses['stage-1']).toMatchObject({ decision: 'partly-upheld', outstandingActions: [{ actionId: 'A1' }, { actionId: 'A2' }] });
    expect(completed.ok && completed.value.timeline.actions.map((a) => [a.actionId, a.state])).toEqual([['A1', 'done'], ['A2', 'open']]);
  });

  it('refuses an action dated in the past, an unknown action, and one already done', () => {
    const responded = applied(acknowledged, sendResponse(ctx(acknowledged, '2026-12-04T16:00:00Z'), respond));
    const doneOnce = applied(responded, completeAction(ctx(responded, '2026-12-18T10:00:00Z'), { actionId: 'A1' }));

    expect(sendResponse(ctx(acknowledged, '2026-12-04T16:00:00Z'), { ...respond, outstandingActions: [{ action: 'Fit it', dueOn: '2026-12-01' }] }))
      .toMatchObject({ ok: false, error: { kind: 'action-due-in-the-past' } });
    expect(completeAction(ctx(responded, '2026-12-18T10:00:00Z'), { actionId: 'A9' })).toMatchObject({ ok: false, error: { kind: 'no-such-action' } });
    expect(completeAction(ctx(doneOnce, '2026-12-19T10:00:00Z'), { actionId: 'A1' })).toMatchObject({ ok: false, error: { kind: 'action-already-done', doneOn: '2026-12-18' } });
  });

  it('keeps tracking actions after the complaint is closed', () => {
    const responded = applied(acknowledged, sendResponse(ctx(acknowledged, '2026-12-04T16:00:00Z'), respond));
    const closed = applied(responded, closeComplaint(ctx(responded, '2026-12-04T16:05:00Z'), { reason: 'Response sent.' }));

    expect(completeAction(ctx(closed, '2026-12-18T10:00:00Z'), { actionId: 'A2' }).ok).toBe(true);
  });
});

describe('escalating to stage 2 (Code 6.10 to 6.13)', () => {
  const acknowledged = applied([received], acknowledgeComplaint(ctx([received], '2026-11-25T14:00:00Z'), { ...definition, handler: 'asha.patel' }));
  const responded = applied(acknowledged, sendResponse(ctx(acknowledged, '2026-12-04T16:00:00Z'), { decision: 'not-upheld', reasons: ['The repair was on time.'] }));

  it('needs no reason, and refuses the stage 1 handler for stage 2', () => {
    const sameHandler = escalateToStage2(ctx(responded, '2026-12-07T10:00:00Z'), { via: 'email', handler: 'asha.patel' });
    const other = escalateToStage2(ctx(responded, '2026-12-07T10:00:00Z'), { via: 'email', handler: 'tom.okafor' });

    expect(sameHandler).toMatchObject({ ok: false, error: { kind: 'breaks-case-rules', breach: { kind: 'same-handler-at-both-stages', provision: '6.13' } } });
    expect(other.ok && other.value.timeline.status).toBe('stage-2-awaiting-acknowledgement');
  });

  it('reopens a complaint closed after its stage 1 response', () => {
    const closed = applied(responded, closeComplaint(ctx(responded, '2026-12-04T17:00:00Z'), { reason: 'Response sent.' }));
    const result = escalateToStage2(ctx(closed, '2027-01-06T10:00:00Z'), { via: 'survey' });

    expect(result.ok && result.value.timeline.status).toBe('stage-2-awaiting-acknowledgement');
  });

  it('acknowledges at stage 2 with its own definition', () => {
    const requested = applied(responded, escalateToStage2(ctx(responded, '2026-12-07T10:00:00Z'), { via: 'email' }));
    const result = acknowledgeComplaint(ctx(requested, '2026-12-08T10:00:00Z', 'tom.okafor'), { understanding: 'Unhappy with the stage 1 outcome.', outcomesSought: ['Compensation'], handler: 'tom.okafor' });

    expect(result.ok && result.value.events.map((e) => e.type)).toEqual(['handler-assigned', 'stage-2-acknowledged']);
  });

  it('cannot escalate a complaint that was never answered at stage 1', () => {
    expect(escalateToStage2(ctx(acknowledged, '2026-11-26T10:00:00Z'), {})).toMatchObject({ ok: false, error: { kind: 'breaks-case-rules' } });
  });
});

describe("the resident's needs, representative and vulnerability (Code 3.6, 5.10)", () => {
  it('records each as an event, the latest winning, at any stage and after closure', () => {
    const answered: ComplaintEvent[] = [
      received,
      { type: 'acknowledged', at: '2026-11-23T09:30:00Z', complaintDefinition: 'The boiler keeps failing.' },
      { type: 'stage-1-response-sent', at: '2026-11-23T09:45:00Z', officer: 'sam.jones', decision: 'upheld', reasons: ['It failed three times.'] },
    ];
    const closed = applied(answered, closeComplaint(ctx(answered, '2026-11-23T10:00:00Z'), { reason: 'Response accepted.' }));
    const a = applied(closed, recordAdjustments(ctx(closed, '2026-11-24T10:00:00Z'), { needs: 'Partially sighted.', adjustments: ['Large print letters'] }));
    const b = applied(a, recordRepresentative(ctx(a, '2026-11-24T10:01:00Z'), { name: 'Jo Bloggs', relationship: 'daughter', email: 'jo@example.com', consentConfirmed: true }));
    const c = applied(b, recordVulnerability(ctx(b, '2026-11-24T10:02:00Z'), { details: 'Recently bereaved.' }));
    const file = complaintFile(c);

    expect(file.adjustments).toEqual({ needs: 'Partially sighted.', adjustments: ['Large print letters'] });
    expect(file.representative).toEqual({ name: 'Jo Bloggs', relationship: 'daughter', email: 'jo@example.com', consentConfirmed: true });
    expect(file.vulnerabilities).toEqual(['Recently bereaved.']);
  });

  it('assigns a handler to the current stage', () => {
    expect(assignHandler(ctx([received], '2026-11-23T10:00:00Z'), { officer: 'sam.jones', noConflictOfInterest: true })).toMatchObject({ ok: true, value: { timeline: { handlers: { 'stage-1': 'sam.jones' } } } });
  });

  it('records that the handler declared no conflict of interest, and will not assign one who has not (Code 5.8)', () => {
    const assigned = assignHandler(ctx([received], '2026-11-23T10:00:00Z'), { officer: 'sam.jones', noConflictOfInterest: true });

    expect(assigned).toMatchObject({ ok: true, value: { events: [{ type: 'handler-assigned', officer: 'sam.jones', noConflictOfInterest: true }] } });
    expect(() => assignHandler(ctx([received], '2026-11-23T10:00:00Z'), { officer: 'sam.jones' } as never)).toThrow(/conflict of interest in this complaint \(Code 5\.8\)/);
  });
});

describe('survey answers', () => {
  const responded: ComplaintEvent[] = [
    received,
    { type: 'acknowledged', at: '2026-11-23T10:00:00Z', complaintDefinition: 'The boiler keeps failing.' },
    { type: 'stage-1-response-sent', at: '2026-11-24T10:00:00Z', officer: 'sam.jones', decision: 'upheld', reasons: ['It failed three times.'] },
  ];
  const closed = applied(responded, closeComplaint(ctx(responded, '2026-11-25T10:00:00Z'), { reason: 'Response accepted.' }));
  const sent: ComplaintEvent[] = [...closed, { type: 'survey-sent', at: '2026-12-23T10:00:00Z', surveyId: 'S1' }];

  it('records the first answer, and refuses a second or one to a survey never sent', () => {
    const answer = { surveyId: 'S1', handling: 'satisfied', outcome: 'dissatisfied', via: 'survey-page' } as const;
    const first = applied(sent, recordSurveyAnswer(ctx(sent, '2026-12-24T10:00:00Z', 'resident'), answer));

    expect(complaintFile(first).surveys[0]?.answer).toMatchObject({ handling: 'satisfied', outcome: 'dissatisfied' });
    expect(recordSurveyAnswer(ctx(first, '2026-12-24T11:00:00Z', 'resident'), answer)).toMatchObject({ ok: false, error: { kind: 'survey-already-answered' } });
    expect(recordSurveyAnswer(ctx(sent, '2026-12-24T11:00:00Z', 'resident'), { ...answer, surveyId: 'S2' })).toMatchObject({ ok: false, error: { kind: 'no-such-survey' } });
  });
});
