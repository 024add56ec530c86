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
