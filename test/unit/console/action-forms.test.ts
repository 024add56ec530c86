import { describe, expect, it } from 'vitest';
import { parseStaffAction, type StaffActionProblem } from '../../../src/case-handling/staff-actions.ts';
import { ACTION_FORMS, actionForm, fieldErrors, refusalField } from '../../../src/http/console/action-forms.ts';
import { NOT_YET_IN_THE_CONSOLE, STAFF_ACTIONS } from '../../../src/http/staff-actions.ts';
import { shippedLandlordPolicies } from '../../../src/config/files.ts';
import type { LandlordPolicy } from '../../../src/core/policy/landlord-policy.ts';

const form = (name: string) => actionForm(name)!;

describe('the console\'s action forms', () => {
  it('offers a form for every staff action the staff API takes', () => {
    expect(NOT_YET_IN_THE_CONSOLE).toEqual([]);
    expect(ACTION_FORMS.map((f) => f.action).sort()).toEqual([...STAFF_ACTIONS].sort());
  });

  it('turns the learning and Ombudsman forms\' answers into requests the staff actions accept', () => {
    const answers: Record<string, Record<string, string>> = {
      categorise: { categories: 'repairs\ndamp-and-mould' },
      'record-root-causes': { rootCauses: 'missed-appointment', note: '' },
      'set-learning-action': { learningAction: 'Text residents the day before a visit', owner: 'sam@example.org', dueOn: '2027-02-01' },
      'update-learning-action': { actionId: ' L1 ', status: 'done', note: 'Texts go out now.' },
      'ombudsman-investigation': { ombudsmanRef: '202612345', notifiedOn: '', evidenceDueOn: '' },
      'ombudsman-evidence-sent': {},
      'tell-board': {},
      'ombudsman-determination': { finding: 'service-failure', about: 'The time taken to repair the roof', codeNonCompliance: 'yes' },
      'ombudsman-order': { order: 'Pay £150 compensation', dueOn: '2027-03-01' },
      'ombudsman-order-complied': { orderId: 'O1', evidence: 'Payment made on 20 February.' },
    };
    for (const [action, values] of Object.entries(answers)) {
      expect(parseStaffAction({ action, ...form(action).toRequest(values) }), action).toMatchObject({ ok: true });
    }
    expect(form('ombudsman-determination').toRequest(answers['ombudsman-determination']!)).toEqual({
      findings: [{ finding: 'service-failure', about: 'The time taken to repair the roof', codeNonCompliance: true }],
    });
  });

  it('turns the restriction forms\' answers into requests the staff actions accept, and a refusal goes beside its field', () => {
    const restrict = form('restrict-contact').toRequest({
      behaviour: 'Forty calls a week', reasons: 'Takes the team\'s time\n\nWarned on 2 November', allowedChannels: 'email\nletter', namedOfficer: '',
      contactAddress: '', equalityAct: 'Proportionate: email suits the resident.', vulnerability: 'None known.', reasonableAdjustments: '', warnedOn: '', decidedBy: '', reviewOn: '',
    });

    expect(parseStaffAction({ action: 'restrict-contact', ...restrict })).toMatchObject({
      ok: true, value: { reasons: ['Takes the team\'s time', 'Warned on 2 November'], allowedChannels: ['email', 'letter'] },
    });
    expect(restrict).not.toHaveProperty('namedOfficer');
    for (const [action, values] of Object.entries<Record<string, string>>({
      'review-restriction': { outcome: 'varied', reasons: 'Fewer calls.', nextReviewOn: '', allowedChannels: 'email\ntelephone' },
      'record-restriction-appeal': { receivedOn: '2026-12-09' },
      'decide-restriction-appeal': { outcome: 'not-upheld', reasons: 'Email still open to the resident.', decidedBy: 'Senior Management Team' },
    })) {
      expect(parseStaffAction({ action, ...form(action).toRequest(values) }), action).toMatchObject({ ok: true });
    }
    expect(refusalField({ kind: 'restriction-without-equality-act' }, form('restrict-contact'), {})).toBe('equalityAct');
    expect(refusalField({ kind: 'restriction-decider-not-named', decidedBy: 'asha.patel', who: 'a Director' }, form('restrict-contact'), {})).toBe('decidedBy');
    expect(refusalField({ kind: 'restriction-appeal-decided-by-restrictor', decidedBy: 'd.jones', appealTo: 'the SMT' }, form('decide-restriction-appeal'), {})).toBe('decidedBy');
    expect(refusalField({ kind: 'review-too-far-off', reviewOn: '2028-01-01', latestOn: '2027-06-07', months: 6 }, form('review-restriction'), {})).toBe('nextReviewOn');
  });

  it('names who the policy lets decide a restriction, where it lists them, beside "Who decided"', () => {
    const policy = shippedLandlordPolicies().get('example-housing-association')!;
    const hint = (p: LandlordPolicy) => form('restrict-contact').fields({ policy: p, officers: [], openActions: [] }).find((f) => f.name === 'decidedBy')?.hint;
    const listing = { ...policy, officers: [{ id: 'd.jones', name: 'Dana Jones' }], contactRestrictions: { ...policy.contactRestrictions, deciders: ['D.Jones', 'ceo@association.example'] } };

    expect(hint(policy)).toBe('The policy says a Director decides. Leave empty for yourself.');
    expect(hint(listing)).toBe('The policy says a Director decides: Dana Jones, ceo@association.example. Leave empty if that is you.');
  });

  it('turns an acknowledgement\'s lines into the definition\'s lists, leaving blank lines and empty answers out', () => {
    const request = form('acknowledge').toRequest({ understanding: ' The boiler failed ', outcomesSought: 'A working boiler\r\n\r\n  Compensation ', handler: '' });

    expect(parseStaffAction({ action: 'acknowledge', ...request })).toMatchObject({
      ok: true, value: { understanding: 'The boiler failed', outcomesSought: ['A working boiler', 'Compensation'], responsibleFor: [] },
    });
    expect(request).not.toHaveProperty('handler');
  });

  it('will not assign a handler until the box declaring no conflict of interest is ticked, and says why beside it (Code 5.8)', () => {
    const unticked = parseStaffAction({ action: 'assign', ...form('assign').toRequest({ officer: 'sam.jones' }) });
    const ticked = parseStaffAction({ action: 'assign', ...form('assign').toRequest({ officer: 'sam.jones', noConflictOfInterest: 'yes' }) });

    expect(unticked.ok).toBe(false);
    expect(!unticked.ok && fieldErrors(unticked.error, form('assign'))).toEqual([
      { field: 'noConflictOfInterest', message: 'No conflict of interest: the handler must declare they have no conflict of interest in this complaint (Code 5.8)' },
    ]);
    expect(ticked).toMatchObject({ ok: true, value: { officer: 'sam.jones', noConflictOfInterest: true } });
  });

  it('reads a response\'s actions from their rows, skipping rows left empty', () => {
    const request = form('respond').toRequest({
      decision: 'upheld', reasons: 'It was late.',
      'outstandingActions.1.action': 'Fix the gate', 'outstandingActions.1.dueOn': '2027-01-10', 'outstandingActions.2.action': '', 'outstandingActions.2.dueOn': '',
    });

    expect(request.outstandingActions).toEqual([{ action: 'Fix the gate', dueOn: '2027-01-10' }]);
  });

  it('puts a problem on the field it concerns, and an extension\'s either-or on the days', () => {
    const empty = parseStaffAction({ action: 'acknowledge', ...form('acknowledge').toRequest({ understanding: 'x' }) });
    const both = parseStaffAction({ action: 'extend', ...form('extend').toRequest({ extensionWorkingDays: '5', respondBy: '2027-01-10', reason: 'Survey' }) });

    expect(empty.ok || fieldErrors(empty.error, form('acknowledge'))).toEqual([{ field: 'outcomesSought', message: expect.stringContaining('Code 5.6') }]);
    expect(both.ok || fieldErrors(both.error, form('extend')).map((e) => e.field)).toEqual(['extensionWorkingDays']);
  });

  it('shows a refusal beside the field it is about, or above the form when it is about the case', () => {
    const tooLong: StaffActionProblem = { kind: 'breaks-case-rules', breach: { kind: 'extension-too-long', index: 3, stage: 'stage-1', provision: '6.4', askedWorkingDays: 40, allowedWorkingDays: 10, limitSetBy: 'code' } };
    const sameHandler: StaffActionProblem = { kind: 'breaks-case-rules', breach: { kind: 'same-handler-at-both-stages', index: 5, provision: '6.13', officer: 'asha' } };
    const notNow: StaffActionProblem = { kind: 'breaks-case-rules', breach: { kind: 'event-not-allowed-now', index: 1, event: 'extended', status: 'stage-1-awaiting-acknowledgement' } };

    expect(refusalField(tooLong, form('extend'), { extensionWorkingDays: '40' })).toBe('extensionWorkingDays');
    expect(refusalField(tooLong, form('extend'), { respondBy: '2027-03-01' })).toBe('respondBy');
    expect(refusalField(sameHandler, form('assign'), {})).toBe('officer');
    expect(refusalField(sameHandler, form('escalate'), {})).toBe('handler');
    expect(refusalField(notNow, form('extend'), {})).toBeNull();
  });
});
