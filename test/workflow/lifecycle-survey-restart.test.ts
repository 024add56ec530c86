import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerSurvey } from '../../src/case-handling/survey.ts';
import { complaintEventsOf } from '../../src/core/case/case-record.ts';
import { openLifecycleHarness, type LifecycleHarness } from './support/lifecycle-harness.ts';

// Monday 23 November 2026, 09:15 London. The association acknowledges within 2 working days, responds within 10 of
// receipt, and surveys one month after resolution (its procedure 7.1).
const START = '2026-11-23T09:15:00Z';
const HANDLER = 'asha.patel@association.example';
let h: LifecycleHarness;

beforeEach(async () => {
  h = await openLifecycleHarness(START);
});
afterEach(async () => {
  await h.close();
});

const definition = { understanding: 'The boiler has failed three times and is not repaired.', outcomesSought: ['A working boiler'] };

describe('the satisfaction survey after closure', () => {
  it('goes a month after closure by a one-time schedule; an unhappy outcome is offered stage 2, which reopens the complaint and a new run follows it', async () => {
    const caseRef = await h.complain({}, 'example-housing-association');
    await h.act(caseRef, HANDLER, { action: 'acknowledge', ...definition, handler: HANDLER });
    await h.advanceTo('2026-12-03T10:00:00Z');
    await h.act(caseRef, HANDLER, { action: 'respond', decision: 'not-upheld', reasons: ['The repairs were done within our timescales.'] });
    await h.act(caseRef, HANDLER, { action: 'close', reason: 'Stage 1 response sent.' });

    // The response left nothing to wait for and stopped the machine; the closure starts it again to schedule the
    // survey for 3 January 2027 (a Sunday) at 10:00, and it ends.
    await h.advanceTo('2026-12-08T09:00:00Z');
    expect(h.lifecycle.workflow.list().filter((r) => r.caseRef === caseRef).map((r) => r.status)).toEqual(['stopped', 'succeeded']);
    expect(h.lifecycle.scheduler.list().filter((s) => s.target === 'send-survey').map((s) => s.at)).toEqual(['2027-01-03T10:00:00.000Z']);

    await h.advanceTo('2027-01-03T10:00:01Z');
    const survey = (await h.letters(caseRef)).find((l) => l.template === 'satisfaction-survey')!;
    const link = /http:\/\/127\.0\.0\.1:3999\/survey\/([A-Za-z0-9_-]+)/.exec(survey.text);
    expect(survey.to).toBe('ann.resident@example.com');
    expect(link).not.toBeNull();

    await h.advanceTo('2027-01-04T12:00:00Z');
    const answered = await answerSurvey(h.lifecycle.deps, link![1]!, { handling: 'satisfied', outcome: 'dissatisfied', comments: 'The boiler still breaks.' }, 'survey-page');
    const again = await answerSurvey(h.lifecycle.deps, link![1]!, { handling: 'satisfied', outcome: 'satisfied' }, 'survey-page');

    expect(answered).toMatchObject({ ok: true, value: { caseRef, followUp: { kind: 'offer-stage-2', stage2RequestBy: '2027-01-05' } } });
    expect(again).toEqual({ ok: false, error: { kind: 'already-answered' } });
    const feedback = await h.store.getMessage(answered.ok ? answered.value.messageRef : '');
    expect(feedback).toMatchObject({ caseRef, outcome: 'recorded', triage: { label: 'survey_feedback' } });
    expect((await h.letters(caseRef)).map((l) => l.template)).toContain('survey-unhappy-outcome');

    const escalated = await h.act(caseRef, 'director@association.example', { action: 'escalate', via: 'survey', handler: 'director@association.example' });
    await h.settle();
    const runs = h.lifecycle.workflow.list().filter((r) => r.caseRef === caseRef);
    expect(escalated).toMatchObject({ ok: true, value: { status: 'stage-2-awaiting-acknowledgement' } });
    expect(runs.map((r) => [r.run.startsWith(`${caseRef}-r`), r.status])).toEqual([[false, 'stopped'], [true, 'succeeded'], [true, 'waiting']]);
  });
});

describe('restarting npm start', () => {
  it("resumes every open complaint's timers and every schedule from the store, and sends what fell due while it was stopped", async () => {
    const first = await h.complain({}, 'code-defaults');
    const second = await h.complain({ email: 'bo.resident@example.com', name: 'Bo Resident' }, 'code-defaults');
    await h.act(second, HANDLER, { action: 'decline', reason: 'Withdrawn by the resident on the telephone.' });

    // Stopped for a week: the acknowledgement reminder (26 November) and its due date (30 November) pass unseen.
    h.lifecycle.stop();
    await h.advanceTo('2026-12-01T09:00:00Z');
    expect(h.mailer.sent.some((m) => m.template === 'milestone-overdue')).toBe(false);
    expect(h.mailer.sent.some((m) => m.template === 'weekly-digest')).toBe(false);

    const { resumed } = await h.restart();
    const events = complaintEventsOf(await h.events(first)).map((e) => e.type);

    expect(resumed).toBe(1);
    expect(h.lifecycle.workflow.get(first)?.status).toBe('waiting');
    expect(events).toEqual(['received', 'overdue-marked']);
    expect(h.mailer.sent.filter((m) => m.template === 'officer-reminder')).toHaveLength(0);
    expect(h.mailer.sent.filter((m) => m.template === 'milestone-overdue').map((m) => m.templateData.milestone)).toEqual(['stage-1-acknowledgement']);
    // The digests due on Monday 30 November were kept in the store and fire when it starts again.
    expect(h.mailer.sent.filter((m) => m.template === 'weekly-digest').map((m) => m.to).sort())
      .toEqual(['complaints-manager@landlord.example', 'director.customer.services@association.example']);
  });
});
