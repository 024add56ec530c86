import { describe, expect, it } from 'vitest';
import { describeChangeRefusal, type ComplaintChangeRefusal } from '../../../src/core/case/complaint-change.ts';
import type { ComplaintEvent } from '../../../src/core/case/complaint.ts';
import { weeklyDigest } from '../../../src/core/case/digest.ts';
import { association, cal, changeOf, decisionsBy } from './association-decisions.ts';

const HANDLER = 'director@association.example';
const MANAGER = association.digest.recipients[0]!;

// A complaint answered at stage 2 and closed in January 2027; the Ombudsman writes on Monday 1 February.
const answered: ComplaintEvent[] = [
  { type: 'received', at: '2026-11-23T09:15:00Z', via: 'email' },
  { type: 'acknowledged', at: '2026-11-24T10:00:00Z', complaintDefinition: 'Damp not treated.' },
  { type: 'stage-1-response-sent', at: '2026-12-02T15:00:00Z', officer: 'asha.patel', decision: 'not-upheld', reasons: ['Treated.'] },
  { type: 'stage-2-requested', at: '2026-12-07T09:00:00Z', via: 'email' },
  { type: 'handler-assigned', at: '2026-12-07T09:00:00Z', stage: 'stage-2', officer: HANDLER },
  { type: 'stage-2-acknowledged', at: '2026-12-08T09:00:00Z', complaintDefinition: 'Damp not treated.' },
  { type: 'stage-2-response-sent', at: '2026-12-22T09:00:00Z', officer: HANDLER, decision: 'not-upheld', reasons: ['Treated.'] },
  { type: 'closed', at: '2027-01-04T09:00:00Z', reason: 'Responded at stage 2.' },
];

const { decide, added } = decisionsBy(HANDLER);

describe("the Ombudsman's investigation (seed 002 §4.3, §4.4; Code 9.7 c)", () => {
  it('sets the evidence 15 working days and the board 5 working days after the notice, counted from the day it came', () => {
    const decided = decide(answered, { action: 'ombudsman-investigation', ombudsmanRef: '202612345', notifiedOn: '2027-01-29' }, '2027-02-01T10:00:00Z');

    expect(decided).toMatchObject({ ok: true, value: { stateMachine: 'watch', nextDueOn: '2027-02-05' } });
    expect(changeOf(decided).timeline.ombudsman).toEqual({
      ombudsmanRef: '202612345', notifiedOn: '2027-01-29', evidenceDueOn: '2027-02-19', tellBoardBy: '2027-02-05', orders: [],
    });
  });

  it("takes the Ombudsman's own evidence date when it set one, and refuses a second notice or one dated ahead", () => {
    const opened = added(answered, { action: 'ombudsman-investigation', ombudsmanRef: '202612345', evidenceDueOn: '2027-03-01' }, '2027-02-01T10:00:00Z');

    expect(decide(opened, { action: 'tell-board' }, '2027-02-02T10:00:00Z')).toMatchObject({ ok: true });
    expect(changeOf(decide(opened, { action: 'tell-board' }, '2027-02-02T10:00:00Z')).timeline.ombudsman?.evidenceDueOn).toBe('2027-03-01');
    expect(decide(opened, { action: 'ombudsman-investigation', ombudsmanRef: 'X' }, '2027-02-02T10:00:00Z')).toMatchObject({ ok: false, error: { kind: 'ombudsman-investigation-already-open' } });
    expect(decide(answered, { action: 'ombudsman-investigation', ombudsmanRef: 'X', notifiedOn: '2027-02-03' }, '2027-02-01T10:00:00Z')).toMatchObject({ ok: false, error: { kind: 'notified-in-the-future' } });
  });

  it('refuses evidence, board, determination and orders before the notice is recorded', () => {
    const refused = decide(answered, { action: 'ombudsman-evidence-sent' }, '2027-02-01T10:00:00Z');

    expect(refused).toMatchObject({ ok: false, error: { kind: 'no-ombudsman-investigation' } });
    expect(describeChangeRefusal((refused as { error: ComplaintChangeRefusal }).error)).toMatch(/record its notice first/);
  });

  it('records the determination, numbers the orders and tracks each to compliance with its evidence', () => {
    let events = added(answered, { action: 'ombudsman-investigation', ombudsmanRef: '202612345' }, '2027-02-01T10:00:00Z');
    events = added(events, { action: 'tell-board' }, '2027-02-03T10:00:00Z');
    events = added(events, { action: 'ombudsman-evidence-sent' }, '2027-02-15T10:00:00Z');
    events = added(events, {
      action: 'ombudsman-determination',
      findings: [{ finding: 'maladministration', about: 'The handling of the reports of damp', codeNonCompliance: true }, { finding: 'no-maladministration', about: 'The complaint handling' }],
    }, '2027-05-03T10:00:00Z');
    events = added(events, { action: 'ombudsman-order', order: 'Apologise to the resident in writing', dueOn: '2027-05-31' }, '2027-05-03T10:01:00Z');
    events = added(events, { action: 'ombudsman-order', order: 'Pay £350 compensation', dueOn: '2027-05-31' }, '2027-05-03T10:02:00Z');
    const complied = decide(events, { action: 'ombudsman-order-complied', orderId: 'o2', evidence: 'Payment reference 4471 sent to the Ombudsman.' }, '2027-05-10T10:00:00Z');

    const ombudsman = changeOf(complied).timeline.ombudsman!;
    expect(ombudsman).toMatchObject({ boardToldOn: '2027-02-03', evidenceSentOn: '2027-02-15', determination: { on: '2027-05-03' } });
    expect(ombudsman.determination?.findings.map((f) => [f.finding, f.codeNonCompliance])).toEqual([['maladministration', true], ['no-maladministration', false]]);
    expect(ombudsman.orders.map((o) => [o.orderId, o.dueOn, o.compliedOn ?? null])).toEqual([['O1', '2027-05-31', null], ['O2', '2027-05-31', '2027-05-10']]);
    expect(changeOf(complied).nextDueOn).toBe('2027-05-31');
    expect(decide([...events, ...changeOf(complied).events], { action: 'ombudsman-order-complied', orderId: 'O2', evidence: 'again' }, '2027-05-11T10:00:00Z'))
      .toMatchObject({ ok: false, error: { kind: 'order-already-complied', orderId: 'O2', on: '2027-05-10' } });
    expect(decide(events, { action: 'ombudsman-order-complied', orderId: 'O9', evidence: 'x' }, '2027-05-11T10:00:00Z')).toMatchObject({ ok: false, error: { kind: 'no-such-order' } });
  });

  it('reminds the stage 2 handler of the evidence date and tells them and the managers once the board date passes', () => {
    const events = added(answered, { action: 'ombudsman-investigation', ombudsmanRef: '202612345' }, '2027-02-01T10:00:00Z');

    const late = changeOf(decide(events, { action: 'review' }, '2027-02-09T00:00:01Z'));
    const reminder = changeOf(decide([...events, ...late.events], { action: 'review' }, '2027-02-18T08:00:00Z'));

    expect(late.letters.map((l) => [l.template, l.to])).toEqual([['milestone-overdue', { kind: 'staff', email: HANDLER }], ['milestone-overdue', { kind: 'staff', email: MANAGER }]]);
    expect(late.letters[0]!.data).toMatchObject({ ombudsmanDuty: { duty: 'tell-board', ombudsmanRef: '202612345' }, dueOn: 'Monday 8 February 2027' });
    expect(reminder.letters.map((l) => [l.template, l.to])).toEqual([['officer-reminder', { kind: 'staff', email: HANDLER }]]);
    expect(reminder.letters[0]!.data).toMatchObject({ ombudsmanDuty: { duty: 'evidence' }, workingDaysLeft: 2 });
  });

  it("puts the Ombudsman's dates in the digest: overdue and due soon", () => {
    const events = added(answered, { action: 'ombudsman-investigation', ombudsmanRef: '202612345' }, '2027-02-01T10:00:00Z');

    const digest = weeklyDigest([{ caseRef: 'C-7K2M9Q4T', kind: 'complaint', summary: 'Damp', openedAt: '2026-11-23T09:15:00Z', state: 'closed', events }], association, cal, '2027-02-15T08:00:00Z');

    expect(digest.overdue.map((r) => [r.what, r.dueOn])).toEqual([["tell the board of the Ombudsman's investigation (202612345)", '2027-02-08']]);
    expect(digest.dueSoon.map((r) => [r.what, r.dueOn])).toEqual([["Ombudsman's evidence (202612345)", '2027-02-22']]);
  });
});
