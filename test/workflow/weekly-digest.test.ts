import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLifecycleHarness, type LifecycleHarness } from './support/lifecycle-harness.ts';

// Tuesday 17 November 2026: the first digest goes on Monday 23 November at 08:00 London.
let h: LifecycleHarness;

beforeEach(async () => {
  h = await openLifecycleHarness('2026-11-17T09:00:00Z');
});
afterEach(async () => {
  await h.close();
});

describe("the managers' weekly digest", () => {
  it('goes on Monday at 08:00 London time with complaints overdue and due soon and service requests open too long (Code 1.4)', async () => {
    const overdue = await h.complain({}, 'code-defaults');
    const request = await h.receive({
      landlordId: 'code-defaults', channel: 'web_form', from: 'bo.resident@example.com', body: 'Please could someone look at the dripping kitchen tap.',
      form: { wants: 'report-or-ask', whatHappened: 'Please could someone look at the dripping kitchen tap.', outcomeWanted: null, name: 'Bo Resident',
        email: 'bo.resident@example.com', phone: null, addressOrTenancyReference: '14 Acacia Avenue', representative: null, adjustments: null },
    });
    await h.advanceTo('2026-12-03T09:00:00Z');
    const dueSoon = await h.complain({ email: 'cy.resident@example.com', name: 'Cy Resident' }, 'code-defaults');

    await h.advanceTo('2026-12-07T08:00:01Z');
    const digests = h.mailer.sent.filter((m) => m.template === 'weekly-digest' && m.to === 'complaints-manager@landlord.example');
    const latest = (await h.store.getLetter(`digest-code-defaults-2026-12-07-1`))!;

    expect(request.caseKind).toBe('service-request');
    expect(digests.map((d) => d.templateData.weekOf)).toEqual(['Monday 23 November 2026', 'Monday 30 November 2026', 'Monday 7 December 2026']);
    expect(latest.text).toContain(overdue);
    expect(latest.text).toContain(dueSoon);
    expect(latest.text).toContain(request.caseRef!);
    expect(digests.at(-1)?.templateData).toMatchObject({
      overdue: [expect.objectContaining({ caseRef: overdue, milestone: 'stage 1 acknowledgement', dueOn: 'Tuesday 24 November 2026' })],
      // The unacknowledged complaint's response, counted from its acknowledgement's due date, is due soon as well.
      dueSoon: [
        expect.objectContaining({ caseRef: overdue, milestone: 'stage 1 response', dueOn: 'Tuesday 8 December 2026' }),
        expect.objectContaining({ caseRef: dueSoon, milestone: 'stage 1 acknowledgement', dueOn: 'Thursday 10 December 2026' }),
      ],
      longOpenServiceRequests: [expect.objectContaining({ caseRef: request.caseRef })],
    });
  });
});

describe('outstanding actions in the digest (Code 6.6)', () => {
  const latestDigest = () => h.mailer.sent.filter((m) => m.template === 'weekly-digest' && m.to === 'complaints-manager@landlord.example').at(-1)!;

  it('lists a closed complaint whose promised action is due soon, then overdue, until it is done', async () => {
    const officer = 'asha.patel@landlord.example';
    const caseRef = await h.complain({}, 'code-defaults');
    await h.act(caseRef, officer, { action: 'acknowledge', understanding: 'The boiler keeps failing.', outcomesSought: ['A working boiler'], handler: officer });
    await h.act(caseRef, officer, {
      action: 'respond', decision: 'upheld', reasons: ['The boiler was not repaired in time.'],
      outstandingActions: [{ action: 'Fit a new boiler', dueOn: '2026-12-02' }],
    });
    await h.act(caseRef, officer, { action: 'close', reason: 'Responded; the new boiler is ordered.' });
    const closed = (await h.store.getCase(caseRef))!;

    await h.advanceTo('2026-11-30T08:00:01Z');
    const soon = latestDigest();
    await h.advanceTo('2026-12-07T08:00:01Z');
    const late = latestDigest();
    await h.act(caseRef, officer, { action: 'complete-action', actionId: 'A1' });
    await h.advanceTo('2026-12-14T08:00:01Z');
    const done = latestDigest();

    expect(closed).toMatchObject({ state: 'closed', nextDueOn: '2026-12-02' });
    expect(soon.templateData).toMatchObject({ weekOf: 'Monday 30 November 2026', overdue: [],
      dueSoon: [expect.objectContaining({ caseRef, milestone: 'outstanding action: Fit a new boiler', dueOn: 'Wednesday 2 December 2026' })] });
    expect(late.templateData).toMatchObject({ weekOf: 'Monday 7 December 2026',
      overdue: [expect.objectContaining({ caseRef, milestone: 'outstanding action: Fit a new boiler' })] });
    expect(done.templateData).toMatchObject({ weekOf: 'Monday 14 December 2026', overdue: [], dueSoon: [] });
    expect((await h.store.getCase(caseRef))?.nextDueOn).toBeNull();
  });
});
