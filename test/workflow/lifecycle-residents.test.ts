import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('an anonymous complaint', () => {
  it('keeps its timescales with no letters to anyone outside: reminders go to the managers while no handler is named', async () => {
    const caseRef = await h.complain({ name: '', email: null, phone: null, addressOrTenancyReference: '' });

    await h.advanceTo('2026-11-26T09:00:00Z');
    const reminder = h.mailer.sent.find((m) => m.template === 'officer-reminder');
    expect(reminder).toMatchObject({ to: MANAGER, templateData: { milestone: 'stage-1-acknowledgement' } });

    const acknowledged = await h.act(caseRef, HANDLER, { action: 'acknowledge', ...definition });
    expect(acknowledged).toMatchObject({ ok: true, value: { letter: null, notes: [expect.stringContaining('no address')] } });
    await h.act(caseRef, HANDLER, { action: 'respond', decision: 'upheld', reasons: ['The repair was late.'] });
    await h.act(caseRef, HANDLER, { action: 'close', reason: 'Responded on the noticeboard, as asked.' });
    await h.advanceTo('2026-12-15T09:00:00Z');

    expect((await h.letters(caseRef)).filter((l) => !l.to.endsWith('@landlord.example')).map((l) => [l.to, l.template])).toEqual([]);
    expect(h.lifecycle.workflow.get(caseRef)?.status).toBe('stopped');
  });
});

describe('a complaint made by a representative (Code 3.6)', () => {
  it('writes to the representative at the address they gave, and records who they are', async () => {
    const caseRef = await h.complain({ name: 'Ann Resident', email: 'ann.resident@example.com', representative: { name: 'Jo Advocate', relationship: 'Citizens Advice adviser' } });
    await h.advanceTo('2026-11-23T12:00:00Z');
    const recorded = await h.act(caseRef, HANDLER, {
      action: 'record-representative', name: 'Jo Advocate', relationship: 'Citizens Advice adviser', email: 'jo.advocate@advice.example', consentConfirmed: true,
    });
    await h.act(caseRef, HANDLER, { action: 'record-adjustments', needs: 'Ann is partially sighted.', adjustments: ['Letters in large print'] });
    await h.act(caseRef, HANDLER, { action: 'acknowledge', ...definition, handler: HANDLER });

    const record = await h.store.getCase(caseRef);
    const ack = (await h.letters(caseRef)).find((l) => l.template === 'stage-1-acknowledgement')!;
    expect(recorded.ok).toBe(true);
    expect(record?.representative).toEqual({ name: 'Jo Advocate', relationship: 'Citizens Advice adviser' });
    expect(record?.adjustments).toContain('large print');
    expect(ack.to).toBe('jo.advocate@advice.example');
    expect(ack.text).toContain('Jo Advocate');
  });
});

describe('a resident who writes again during stage 1 (Code 6.8)', () => {
  it('joins the reply to the case, and the deadlines stay as they were', async () => {
    const caseRef = await h.complain();
    await h.advanceTo('2026-11-24T10:00:00Z');
    await h.act(caseRef, HANDLER, { action: 'acknowledge', ...definition, handler: HANDLER });
    const before = (await h.store.getCase(caseRef))?.nextDueOn;

    await h.advanceTo('2026-11-27T11:00:00Z');
    const reply = await h.receive({ subject: `Re: Your complaint ${caseRef}`, body: 'Also the radiator in the bedroom is now cold as well. Please include that.' });

    expect(reply).toMatchObject({ outcome: 'joined-case', caseRef });
    expect((await h.events(caseRef)).map((e) => e.event.type)).toContain('message-joined');
    expect((await h.store.getCase(caseRef))?.nextDueOn).toBe(before);

    await h.advanceTo('2026-12-04T09:00:00Z');
    expect(h.mailer.sent.filter((m) => m.template === 'officer-reminder').map((m) => m.templateData.milestone)).toEqual(['stage-1-response']);
    expect(complaintEventsOf(await h.events(caseRef)).map((e) => e.type)).toEqual(['received', 'handler-assigned', 'acknowledged', 'reminder-sent']);
  });
});
