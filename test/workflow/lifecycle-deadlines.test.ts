import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffActionRequest } from '../../src/case-handling/staff-actions.ts';
import { complaintEventsOf } from '../../src/core/case/case-record.ts';
import { openLifecycleHarness, type LifecycleHarness } from './support/lifecycle-harness.ts';

// Monday 23 November 2026, 09:15 London.
const START = '2026-11-23T09:15:00Z';
const HANDLER = 'asha.patel@landlord.example';
const MANAGER = 'complaints-manager@landlord.example';
let h: LifecycleHarness;

beforeEach(async () => {
  h = await openLifecycleHarness(START);
});
afterEach(async () => {
  await h.close();
});

const definition = { understanding: 'The boiler has failed three times and is not repaired.', outcomesSought: ['A working boiler'] };
const respond: StaffActionRequest = { action: 'respond', decision: 'partly-upheld', reasons: ['The first repair was on time; the later ones were not.'] };

describe('a complaint answered late', () => {
  it('marks the missed response overdue as its day ends and tells the handler and the managers once; the machine then waits for staff', async () => {
    const caseRef = await h.complain();
    await h.advanceTo('2026-11-24T10:00:00Z');
    await h.act(caseRef, HANDLER, { action: 'acknowledge', ...definition, handler: HANDLER });

    // Response due Tuesday 8 December; missed.
    await h.advanceTo('2026-12-09T00:00:01Z');
    const overdue = h.mailer.sent.filter((m) => m.template === 'milestone-overdue');
    expect(overdue.map((m) => m.to).sort()).toEqual([HANDLER, MANAGER]);
    expect(overdue[0]?.templateData).toMatchObject({ milestone: 'stage-1-response', workingDaysOverdue: 1 });
    // Nothing else is ahead: the machine ends rather than polling; the digest keeps listing the case as overdue.
    expect(h.lifecycle.workflow.get(caseRef)?.status).toBe('succeeded');

    await h.advanceTo('2026-12-11T12:00:00Z');
    const responded = await h.act(caseRef, HANDLER, { ...respond, outstandingActions: [{ action: 'Replace the boiler', dueOn: '2026-12-18' }] });
    expect(responded).toMatchObject({ ok: true, value: { status: 'stage-1-responded' } });

    // The promised action gives the machine something to wait for again: a new run follows it.
    const runs = () => h.lifecycle.workflow.list().filter((r) => r.caseRef === caseRef);
    expect(runs().map((r) => r.status)).toEqual(['succeeded', 'waiting']);
    await h.act(caseRef, HANDLER, { action: 'complete-action', actionId: 'A1' });
    await h.act(caseRef, HANDLER, { action: 'close', reason: 'Responded; boiler replaced.' });
    await h.advanceTo('2026-12-21T09:00:00Z');

    const events = complaintEventsOf(await h.events(caseRef));
    expect(h.mailer.sent.filter((m) => m.template === 'milestone-overdue')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'overdue-marked')).toHaveLength(1);
    expect(runs().map((r) => r.status)).toEqual(['succeeded', 'stopped']);
    expect(runs().reduce((sum, r) => sum + r.transitions, 0)).toBeLessThanOrEqual(20);
    expect(h.logger.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'milestone overdue', fields: expect.objectContaining({ caseRef, dueOn: '2026-12-08' }) }));
  });
});

describe('an extended complaint', () => {
  it('tells the resident the new date with the Ombudsman details, and the machine follows the new date on its next wake', async () => {
    const caseRef = await h.complain();
    await h.advanceTo('2026-11-24T10:00:00Z');
    await h.act(caseRef, HANDLER, { action: 'acknowledge', ...definition, handler: HANDLER });
    await h.advanceTo('2026-12-03T10:00:00Z');
    const tooLong = await h.act(caseRef, HANDLER, { action: 'extend', extensionWorkingDays: 12, reason: 'Waiting for a specialist.' });
    const extended = await h.act(caseRef, HANDLER, { action: 'extend', extensionWorkingDays: 10, reason: 'We are waiting for the heating engineer’s report.' });

    expect(tooLong).toMatchObject({ ok: false, error: { kind: 'breaks-case-rules', breach: { kind: 'extension-too-long', provision: '6.4' } } });
    expect(extended).toMatchObject({ ok: true, value: { nextDueOn: '2026-12-22', letter: { template: 'extension' } } });
    const letter = (await h.letters(caseRef)).find((l) => l.template === 'extension')!;
    expect(letter.text).toContain('Housing Ombudsman');
    expect(letter.text).toContain('0300 111 3000');

    // The old reminder (4 December) passes without a reminder; the new one is two working days before 22 December.
    await h.advanceTo('2026-12-18T09:00:00Z');
    const reminders = h.mailer.sent.filter((m) => m.template === 'officer-reminder');
    expect(reminders.map((m) => m.templateData.dueOn)).toEqual(['Tuesday 22 December 2026']);
    expect(h.mailer.sent.some((m) => m.template === 'milestone-overdue')).toBe(false);
  });
});

describe('a complaint escalated and answered at stage 2', () => {
  it('keeps the stage 1 handler off stage 2 (6.13), acknowledges and answers at stage 2, and ends after closure', async () => {
    const caseRef = await h.complain();
    await h.advanceTo('2026-11-24T10:00:00Z');
    await h.act(caseRef, HANDLER, { action: 'acknowledge', ...definition, handler: HANDLER });
    await h.advanceTo('2026-12-02T10:00:00Z');
    await h.act(caseRef, HANDLER, respond);

    await h.advanceTo('2026-12-07T10:00:00Z');
    const sameHandler = await h.act(caseRef, 'tom.okafor@landlord.example', { action: 'escalate', via: 'telephone', handler: HANDLER });
    const escalated = await h.act(caseRef, 'tom.okafor@landlord.example', { action: 'escalate', via: 'telephone', handler: 'tom.okafor@landlord.example' });

    expect(sameHandler).toMatchObject({ ok: false, error: { breach: { kind: 'same-handler-at-both-stages' } } });
    expect(escalated).toMatchObject({ ok: true, value: { status: 'stage-2-awaiting-acknowledgement', nextDueOn: '2026-12-14' } });

    await h.advanceTo('2026-12-08T10:00:00Z');
    await h.act(caseRef, 'tom.okafor@landlord.example', { action: 'acknowledge', understanding: 'The resident is unhappy that no compensation was offered.', outcomesSought: ['Compensation'] });
    await h.advanceTo('2026-12-22T10:00:00Z');
    const final = await h.act(caseRef, 'tom.okafor@landlord.example', {
      action: 'respond', decision: 'upheld', reasons: ['Compensation should have been offered at stage 1.'], remedy: ['£150 compensation'],
      outstandingActions: [{ action: 'Pay £150 compensation', dueOn: '2027-01-08' }],
    });
    await h.act(caseRef, 'tom.okafor@landlord.example', { action: 'close', reason: 'Final response sent.' });

    expect(final).toMatchObject({ ok: true, value: { letter: { template: 'stage-2-response' } } });
    const stage2Letter = (await h.letters(caseRef)).find((l) => l.template === 'stage-2-response')!;
    expect(stage2Letter.text).toContain('Pay £150 compensation');
    expect(stage2Letter.text).toContain('Housing Ombudsman');

    // The outstanding action is tracked after closure: marked overdue once its date passes, then the machine ends.
    await h.advanceTo('2027-01-11T09:00:00Z');
    expect(complaintEventsOf(await h.events(caseRef)).filter((e) => e.type === 'overdue-marked').map((e) => 'subject' in e && e.subject))
      .toEqual([{ kind: 'action', actionId: 'A1' }]);
    // The officer was reminded before the date, and told with the managers once it passed (Code 6.17).
    const notices = (await h.letters(caseRef)).filter((l) => l.template === 'officer-reminder' || l.template === 'milestone-overdue');
    expect(notices.map((l) => [l.template, l.subject])).toEqual(expect.arrayContaining([
      ['officer-reminder', expect.stringContaining('outstanding action “Pay £150 compensation” due')],
      ['milestone-overdue', `Overdue: outstanding action “Pay £150 compensation” for ${caseRef} was due Friday 8 January 2027`],
    ]));
    expect(h.lifecycle.workflow.list().filter((r) => r.caseRef === caseRef).map((r) => r.status)).toEqual(['stopped', 'succeeded']);
  });
});

describe('a declined complaint', () => {
  it('tells the resident why and of their right to go to the Ombudsman (2.4), and the decline stops the machine', async () => {
    const caseRef = await h.complain({}, 'example-housing-association');
    await h.advanceTo('2026-11-23T11:00:00Z');
    const declined = await h.act(caseRef, HANDLER, {
      action: 'decline', reason: 'The same boiler is the subject of a disrepair claim you started in the county court in October.',
      exclusions: ['legal-proceedings-started'],
    });

    expect(declined).toMatchObject({ ok: true, value: { status: 'declined', letter: { template: 'complaint-declined' } } });
    const letter = (await h.letters(caseRef)).find((l) => l.template === 'complaint-declined')!;
    expect(letter.text).toContain('county court');
    expect(letter.text).toContain('Housing Ombudsman');

    await h.advanceTo('2026-11-27T09:00:00Z');
    const run = h.lifecycle.workflow.get(caseRef)!;
    expect(run.status).toBe('stopped');
    expect(run.transitions).toBe(3);
  });
});
