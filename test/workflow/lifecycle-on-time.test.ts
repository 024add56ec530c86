import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complaintEventsOf } from '../../src/core/case/case-record.ts';
import { openLifecycleHarness, type LifecycleHarness } from './support/lifecycle-harness.ts';

// Monday 23 November 2026, 09:15 London (GMT). Under the Code: acknowledge by Monday 30 November (6.2), respond within
// 10 working days of the acknowledgement (6.3).
const START = '2026-11-23T09:15:00Z';
let h: LifecycleHarness;

beforeEach(async () => {
  h = await openLifecycleHarness(START);
});
afterEach(async () => {
  await h.close();
});

const definition = {
  understanding: 'The boiler has failed three times since October and the repair is not done.',
  outcomesSought: ['A working boiler', 'An apology'],
  responsibleFor: ['Repairing the boiler'],
};

describe('a complaint answered on time', () => {
  it('acknowledges, reminds the handler before the response is due, responds, closes, and stops in few transitions', async () => {
    const caseRef = await h.complain();
    const run = () => h.lifecycle.workflow.get(caseRef)!;

    expect(run().status).toBe('waiting');
    expect(run().wakeAt).toBe('2026-11-26T08:00:00.000Z');

    await h.advanceTo('2026-11-24T10:00:00Z');
    const acknowledged = await h.act(caseRef, 'asha.patel@landlord.example', { action: 'acknowledge', ...definition, handler: 'asha.patel@landlord.example' });

    expect(acknowledged).toMatchObject({ ok: true, value: { status: 'stage-1-investigating', nextDueOn: '2026-12-08', letter: { template: 'stage-1-acknowledgement' } } });

    // The machine wakes at its old reminder time, finds the acknowledgement done, and moves on to the response.
    await h.advanceTo('2026-11-26T09:00:00Z');
    expect(run().wakeAt).toBe('2026-12-04T08:00:00.000Z');

    await h.advanceTo('2026-12-04T09:00:00Z');
    const reminder = h.mailer.sent.filter((m) => m.template === 'officer-reminder');
    expect(reminder.map((m) => [m.to, m.templateData.milestone])).toEqual([['asha.patel@landlord.example', 'stage-1-response']]);

    await h.advanceTo('2026-12-04T15:00:00Z');
    const responded = await h.act(caseRef, 'asha.patel@landlord.example', {
      action: 'respond', decision: 'upheld', reasons: ['The repair took too long and we did not keep you informed.'],
      remedy: ['An apology', '£50 for the time without heating'],
    });
    const closed = await h.act(caseRef, 'asha.patel@landlord.example', { action: 'close', reason: 'Stage 1 response sent; the boiler is working.' });

    expect(responded).toMatchObject({ ok: true, value: { status: 'stage-1-responded', letter: { template: 'stage-1-response', status: 'sent' } } });
    expect(closed).toMatchObject({ ok: true, value: { status: 'closed' } });

    await h.advanceTo('2026-12-09T09:00:00Z');
    const events = complaintEventsOf(await h.events(caseRef)).map((e) => e.type);
    const residentLetters = h.mailer.sent.filter((m) => m.to === 'ann.resident@example.com').map((m) => m.template);

    // Closing left the machine nothing to wait for, so the close stopped it rather than let it wake once more.
    expect(run().status).toBe('stopped');
    expect(run().visited).toEqual([
      'Review the case', 'Is there anything left to watch?', 'Wait for the next reminder or due time',
      'Review the case', 'Is there anything left to watch?', 'Wait for the next reminder or due time',
      'Review the case', 'Is there anything left to watch?', 'Wait for the next reminder or due time',
    ]);
    expect(run().transitions).toBeLessThanOrEqual(20);
    expect(events).toEqual(['received', 'handler-assigned', 'acknowledged', 'reminder-sent', 'stage-1-response-sent', 'watching-ended', 'closed']);
    expect(events).not.toContain('overdue-marked');
    expect(residentLetters).toEqual(['complaint-received', 'stage-1-acknowledgement', 'stage-1-response']);
  });
});
