import { describe, expect, it } from 'vitest';
import { readBankHolidays, shippedLandlordPolicies } from '../../../src/config/files.ts';
import { complaintFile } from '../../../src/core/case/case-file.ts';
import { reviewComplaint } from '../../../src/core/case/case-review.ts';
import {
  decideComplaintChange, describeChangeRefusal, type ComplaintChange, type ComplaintChangeRefusal, type ComplaintCommandInput, ComplaintCommandSchema,
} from '../../../src/core/case/complaint-change.ts';
import type { ComplaintEvent } from '../../../src/core/case/complaint.ts';
import { weeklyDigest } from '../../../src/core/case/digest.ts';
import { calendarForPolicy } from '../../../src/core/code/deadlines.ts';
import type { Result } from '../../../src/core/result.ts';

const association = shippedLandlordPolicies().get('example-housing-association')!;
const cal = calendarForPolicy(association, readBankHolidays());
const MANAGER = association.digest.recipients[0]!;
const OWNER = 'maintenance.manager@landlord.example';

// Monday 23 November 2026.
const received: ComplaintEvent = { type: 'received', at: '2026-11-23T09:15:00Z', via: 'email' };
const acknowledged: ComplaintEvent = { type: 'acknowledged', at: '2026-11-24T10:00:00Z', complaintDefinition: 'Damp in the back bedroom is not treated.' };
const responded: ComplaintEvent = {
  type: 'stage-1-response-sent', at: '2026-12-02T15:00:00Z', officer: 'asha.patel', decision: 'upheld', reasons: ['The survey was missed.'], remedy: [], outstandingActions: [],
};
const closed: ComplaintEvent = { type: 'closed', at: '2026-12-03T09:00:00Z', reason: 'Resident content with the response.' };

function decide(events: readonly ComplaintEvent[], command: ComplaintCommandInput, at: string): Result<ComplaintChange, ComplaintChangeRefusal> {
  return decideComplaintChange({
    events, policy: association, cal, at, actor: 'asha.patel', caseRef: 'C-7K2M9Q4T',
    resident: { name: 'Sam Resident', email: 'sam@example.org' }, summary: 'Damp in back bedroom',
  }, ComplaintCommandSchema.parse(command));
}

function added(events: readonly ComplaintEvent[], command: ComplaintCommandInput, at: string): ComplaintEvent[] {
  const decided = decide(events, command, at);
  if (!decided.ok) throw new Error(`refused: ${describeChangeRefusal(decided.error)}`);
  return [...events, ...decided.value.events];
}

describe('categories and root causes (Code 9.7 a)', () => {
  it("records the landlord's categories at any stage, the latest record replacing the earlier", () => {
    const first = added([received], { action: 'categorise', categories: ['repairs'] }, '2026-11-23T11:00:00Z');
    const later = added([...first, acknowledged], { action: 'categorise', categories: ['damp-and-mould', 'repairs', 'damp-and-mould'] }, '2026-11-25T09:00:00Z');

    expect(first.at(-1)).toEqual({ type: 'categorised', at: '2026-11-23T11:00:00Z', stage: 'stage-1', categories: ['repairs'] });
    expect(complaintFile(later).categories).toEqual(['damp-and-mould', 'repairs']);
  });

  it('refuses a category that is not on the policy list, naming the ones that are', () => {
    const decided = decide([received], { action: 'categorise', categories: ['parking'] }, '2026-11-23T11:00:00Z');

    expect(decided).toMatchObject({ ok: false, error: { kind: 'unknown-category', category: 'parking' } });
    expect(describeChangeRefusal((decided as { error: ComplaintChangeRefusal }).error)).toMatch(/"parking" is not one of the policy's categories \(repairs, damp-and-mould/);
  });

  it('records root causes once the response is sent, against that stage, even after closure', () => {
    const before = decide([received, acknowledged], { action: 'record-root-causes', rootCauses: ['missed-appointment'] }, '2026-11-25T09:00:00Z');
    const after = added([received, acknowledged, responded, closed], {
      action: 'record-root-causes', rootCauses: ['missed-appointment', 'poor-communication'], note: 'Survey booked but the surveyor was not told.',
    }, '2026-12-04T09:00:00Z');

    expect(before).toMatchObject({ ok: false, error: { kind: 'no-response-yet' } });
    expect(complaintFile(after).rootCauses).toEqual({
      'stage-1': { rootCauses: ['missed-appointment', 'poor-communication'], note: 'Survey booked but the surveyor was not told.' },
    });
  });

  it('records root causes given with the response, and refuses the response when one is not on the list', () => {
    const respond: ComplaintCommandInput = { action: 'respond', decision: 'upheld', reasons: ['The survey was missed.'], rootCauses: ['missed-appointment'] };

    const decided = decide([received, acknowledged], respond, '2026-12-02T15:00:00Z');
    const refused = decide([received, acknowledged], { ...respond, rootCauses: ['bad-luck'] }, '2026-12-02T15:00:00Z');

    expect(decided).toMatchObject({ ok: true, value: { events: [{ type: 'stage-1-response-sent' }, { type: 'root-causes-recorded', stage: 'stage-1', rootCauses: ['missed-appointment'] }] } });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'unknown-root-cause', rootCause: 'bad-luck' } });
  });

  it('refuses a root cause not on the policy list', () => {
    const decided = decide([received, acknowledged, responded], { action: 'record-root-causes', rootCauses: ['bad-luck'] }, '2026-12-03T09:00:00Z');

    expect(decided).toMatchObject({ ok: false, error: { kind: 'unknown-root-cause', rootCause: 'bad-luck' } });
  });
});

describe('learning actions (Code 9.1)', () => {
  const set: ComplaintCommandInput = { action: 'set-learning-action', learningAction: 'Retrain the repairs team on damp surveys', owner: OWNER, dueOn: '2026-12-18' };

  it('numbers learning actions L1, L2 and tracks each from open to done, after closure too', () => {
    let events = added([received, acknowledged, responded, closed], set, '2026-12-04T09:00:00Z');
    events = added(events, { ...set, learningAction: 'Add damp to the surveyor checklist', dueOn: '2027-01-15' }, '2026-12-04T09:05:00Z');
    events = added(events, { action: 'update-learning-action', actionId: 'L1', status: 'in-progress' }, '2026-12-07T09:00:00Z');
    const decided = decide(events, { action: 'update-learning-action', actionId: 'l1', status: 'done', note: 'Twelve officers trained.' }, '2026-12-10T09:00:00Z');

    expect(decided.ok).toBe(true);
    const change = (decided as { value: ComplaintChange }).value;
    expect(change.timeline.learningActions).toEqual([
      { actionId: 'L1', action: 'Retrain the repairs team on damp surveys', owner: OWNER, dueOn: '2026-12-18', setOn: '2026-12-04', status: 'done', endedOn: '2026-12-10', note: 'Twelve officers trained.' },
      { actionId: 'L2', action: 'Add damp to the surveyor checklist', owner: OWNER, dueOn: '2027-01-15', setOn: '2026-12-04', status: 'open' },
    ]);
    expect(change.timeline.status).toBe('closed');
    expect(change.nextDueOn).toBe('2027-01-15');
  });

  it('refuses a date in the past, an unknown action, one already ended, and a drop without a reason', () => {
    const events = added([received, acknowledged, responded], set, '2026-12-04T09:00:00Z');
    const done = added(events, { action: 'update-learning-action', actionId: 'L1', status: 'done' }, '2026-12-05T09:00:00Z');

    expect(decide(events, { ...set, dueOn: '2026-12-03' }, '2026-12-04T09:00:00Z')).toMatchObject({ ok: false, error: { kind: 'learning-action-due-in-the-past' } });
    expect(decide(events, { action: 'update-learning-action', actionId: 'L9', status: 'done' }, '2026-12-05T09:00:00Z')).toMatchObject({ ok: false, error: { kind: 'no-such-learning-action' } });
    expect(decide(done, { action: 'update-learning-action', actionId: 'L1', status: 'dropped', note: 'x' }, '2026-12-06T09:00:00Z'))
      .toMatchObject({ ok: false, error: { kind: 'learning-action-ended', status: 'done', endedOn: '2026-12-05' } });
    expect(decide(events, { action: 'update-learning-action', actionId: 'L1', status: 'dropped' }, '2026-12-05T09:00:00Z')).toMatchObject({ ok: false, error: { kind: 'no-reason-to-drop' } });
  });

  it('keeps the state machine watching a closed complaint while a learning action is open', () => {
    const decided = decide([received, acknowledged, responded, closed], set, '2026-12-04T09:00:00Z');

    expect(decided).toMatchObject({ ok: true, value: { stateMachine: 'watch', nextDueOn: '2026-12-18' } });
  });

  it('reminds the owner before the date and tells the owner and the managers once it passes', () => {
    const events = added([received, acknowledged, responded, closed], set, '2026-12-04T09:00:00Z');
    const remind = decide(events, { action: 'review' }, '2026-12-16T08:00:00Z');
    const reminded = [...events, ...(remind as { value: ComplaintChange }).value.events];
    const overdue = decide(reminded, { action: 'review' }, '2026-12-19T00:00:01Z');

    expect(remind).toMatchObject({ ok: true });
    const reminder = (remind as { value: ComplaintChange }).value;
    expect(reminder.letters.map((l) => [l.template, l.to])).toEqual([['officer-reminder', { kind: 'staff', email: OWNER }]]);
    expect(reminder.letters[0]!.data).toMatchObject({ learningAction: { action: 'Retrain the repairs team on damp surveys', owner: OWNER }, workingDaysLeft: 2 });
    const late = (overdue as { value: ComplaintChange }).value;
    expect(late.letters.map((l) => l.to)).toEqual([{ kind: 'staff', email: OWNER }, { kind: 'staff', email: MANAGER }]);
    expect(late.events).toEqual([{ type: 'overdue-marked', at: '2026-12-19T00:00:01.000Z', subject: { kind: 'learning-action', actionId: 'L1' }, dueOn: '2026-12-18' }]);
  });

  it('stops reminding once the learning action is done', () => {
    const events = added(added([received, acknowledged, responded, closed], set, '2026-12-04T09:00:00Z'),
      { action: 'update-learning-action', actionId: 'L1', status: 'done' }, '2026-12-08T09:00:00Z');

    const review = reviewComplaint(events, association, cal, '2026-12-16T08:00:00Z', { canSurvey: false });

    expect(review).toMatchObject({ ok: true, value: { notices: [], done: true } });
  });

  it('lists open learning actions in the weekly digest until done, and overdue ones as overdue', () => {
    const events = added([received, acknowledged, responded, closed], set, '2026-12-04T09:00:00Z');
    const digestCase = (e: ComplaintEvent[]) => ({ caseRef: 'C-7K2M9Q4T', kind: 'complaint' as const, summary: 'Damp in back bedroom', openedAt: received.at, state: 'closed' as const, events: e });

    const open = weeklyDigest([digestCase(events)], association, cal, '2026-12-21T08:00:00Z');
    const done = weeklyDigest([digestCase(added(events, { action: 'update-learning-action', actionId: 'L1', status: 'done' }, '2026-12-21T09:00:00Z'))], association, cal, '2026-12-28T08:00:00Z');

    expect(open.learningActions).toEqual([{ caseRef: 'C-7K2M9Q4T', summary: 'Damp in back bedroom', what: `learning action L1 (${OWNER}): Retrain the repairs team on damp surveys`, dueOn: '2026-12-18' }]);
    expect(open.overdue.map((r) => r.what)).toContain('learning action: Retrain the repairs team on damp surveys');
    expect(done.learningActions).toEqual([]);
    expect(done.overdue).toEqual([]);
  });
});
