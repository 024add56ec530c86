import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLifecycleHarness, type LifecycleHarness } from './support/lifecycle-harness.ts';
import { staffApiClient } from './support/staff-api-client.ts';

// Monday 23 November 2026, 09:15 London.
const START = '2026-11-23T09:15:00Z';
const DIRECTOR = 'director.housing@association.example';
const MANAGER = 'director.customer.services@association.example';
const RESIDENT = 'ann.resident@example.com';
let h: LifecycleHarness;
let api: ReturnType<typeof staffApiClient>;

beforeEach(async () => {
  h = await openLifecycleHarness(START);
  api = staffApiClient(h, DIRECTOR);
});
afterEach(async () => {
  await h.close();
});

const post = (path: string, body: unknown) => api.post(path, body);
const sent = (template: string) => h.mailer.sent.filter((m) => m.template === template);
const restrictionNotices = (template: string) => sent(template).filter((m) => 'restrictionDuty' in (m.templateData as object));

const restriction = {
  behaviour: 'Forty telephone calls a week since October, several an hour.',
  reasons: ['The calls take the time the team needs for other residents.'],
  allowedChannels: ['email'],
  namedOfficer: DIRECTOR,
  equalityAct: 'No protected characteristic bears on the calls; email suits the resident, who uses it daily.',
  vulnerability: 'None known; the resident named none when asked.',
};

async function answeredComplaint(): Promise<string> {
  const caseRef = await h.complain({}, 'example-housing-association');
  await post(`/api/cases/${caseRef}/acknowledge`, { understanding: 'Damp not treated.', outcomesSought: ['The damp treated'] });
  await post(`/api/cases/${caseRef}/respond`, { decision: 'not-upheld', reasons: ['The damp was treated in time.'] });
  await post(`/api/cases/${caseRef}/close`, { reason: 'Responded.' });
  return caseRef;
}

describe("a restriction on a resident's contact through the staff API, watched by the state machine (Code 5.14, 5.15; seed 002 §4)", () => {
  it('writes to the resident, reminds and chases the appeal and the review, and the review lifts it', async () => {
    const caseRef = await answeredComplaint();

    // Tuesday 1 December: six months is the most (to 1 June 2027); the director sets a review for 15 January.
    await h.advanceTo('2026-12-01T10:00:00Z');
    const tooLong = await post(`/api/cases/${caseRef}/restrict-contact`, { ...restriction, reviewOn: '2027-06-02' });
    const restricted = await post(`/api/cases/${caseRef}/restrict-contact`, { ...restriction, reviewOn: '2027-01-15' });
    expect(tooLong).toMatchObject({ status: 422, body: { error: expect.stringContaining('reviewed within 6 months: the review date must be on or before 2027-06-01') } });
    expect(restricted).toMatchObject({ status: 200, body: { nextDueOn: '2027-01-15', letter: { template: 'contact-restriction', status: 'sent' } } });
    expect(sent('contact-restriction')).toEqual([expect.objectContaining({ to: RESIDENT, templateData: expect.objectContaining({ reviewOn: 'Friday 15 January 2027', allowed: `by email only, with ${DIRECTOR} only` }) })]);
    expect((await h.store.getCase(caseRef))?.restriction).toEqual({ imposedOn: '2026-12-01', reviewOn: '2027-01-15', allowedChannels: ['email'], namedOfficer: DIRECTOR });

    // The appeal comes on Wednesday 2nd: decided within 10 working days, by Wednesday 16th. Nobody decides it in time.
    await h.advanceTo('2026-12-02T10:00:00Z');
    expect(await post(`/api/cases/${caseRef}/record-restriction-appeal`, {})).toMatchObject({ status: 200, body: { nextDueOn: '2026-12-16' } });
    await h.advanceTo('2026-12-17T09:00:00Z');
    expect(restrictionNotices('officer-reminder').map((m) => [m.to, (m.templateData as { restrictionDuty: { duty: string } }).restrictionDuty.duty])).toEqual([[DIRECTOR, 'appeal']]);
    expect(restrictionNotices('milestone-overdue').map((m) => m.to).sort()).toEqual([DIRECTOR, MANAGER].sort());
    const notUpheld = await post(`/api/cases/${caseRef}/decide-restriction-appeal`, { outcome: 'not-upheld', reasons: 'Email is open to the resident at any time.', decidedBy: 'Senior Management Team' });
    expect(notUpheld).toMatchObject({ status: 200, body: { nextDueOn: '2027-01-15', letter: { template: 'restriction-appeal-outcome' } } });

    // The review falls due on Friday 15 January: reminded on the 13th, chased once it has passed, and intake stops applying it.
    await h.advanceTo('2027-01-18T09:00:00Z');
    expect(restrictionNotices('officer-reminder').at(-1)).toMatchObject({ to: DIRECTOR, templateData: { restrictionDuty: { duty: 'review' }, dueOn: 'Friday 15 January 2027' } });
    expect(restrictionNotices('milestone-overdue')).toHaveLength(4);
    expect(h.logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: "restriction's date overdue", fields: expect.objectContaining({ caseRef, subject: 'restriction-review', dueOn: '2027-01-15' }) }));

    const continued = await post(`/api/cases/${caseRef}/review-restriction`, { outcome: 'continued', reasons: 'The calls have fallen but still come most days.', nextReviewOn: '2027-03-01' });
    expect(continued).toMatchObject({ status: 200, body: { nextDueOn: '2027-03-01', letter: { template: 'contact-restriction-reviewed' } } });
    const lifted = await post(`/api/cases/${caseRef}/review-restriction`, { outcome: 'lifted', reasons: 'No calls for a month.' });
    expect(lifted).toMatchObject({ status: 200, body: { nextDueOn: null } });
    expect((await h.store.getCase(caseRef))?.restriction).toBeNull();

    const file = await api.get<{ timeline: { restrictions: unknown[] } }>(`/api/cases/${caseRef}/file`);
    expect(file.timeline.restrictions).toEqual([expect.objectContaining({
      imposedOn: '2026-12-01', reviewOn: '2027-03-01', liftedOn: '2027-01-18', decidedBy: DIRECTOR,
      appeals: [{ receivedOn: '2026-12-02', decideBy: '2026-12-16', decidedOn: '2026-12-17', outcome: 'not-upheld', reasons: 'Email is open to the resident at any time.' }],
      reviews: [
        { on: '2027-01-18', dueOn: '2027-01-15', outcome: 'continued', reasons: 'The calls have fallen but still come most days.', reviewedBy: DIRECTOR },
        { on: '2027-01-18', dueOn: '2027-03-01', outcome: 'lifted', reasons: 'No calls for a month.', reviewedBy: DIRECTOR },
      ],
    })]);
  });

  it('keeps and handles every message from a restricted resident: one another way is flagged and passed to the named officer, and a repair still opens a service request', async () => {
    const caseRef = await answeredComplaint();
    await h.advanceTo('2026-12-01T10:00:00Z');
    await post(`/api/cases/${caseRef}/restrict-contact`, { ...restriction, allowedChannels: ['letter'] });

    // By email, which the restriction does not allow: an urgent repair, then a further word on the closed complaint.
    const repair = await h.receive({ landlordId: 'example-housing-association', subject: 'Burst pipe', body: 'A pipe has burst under the kitchen sink and water is pouring through the ceiling. Please send someone today.' });
    const chaser = await h.receive({ landlordId: 'example-housing-association', subject: `Re: ${caseRef}`, body: `About ${caseRef}: I called the office again today to ask about the letter.` });

    expect(repair).toMatchObject({ outcome: 'opened-case', caseKind: 'service-request', receipt: { template: 'service-request-logged' } });
    const kept = await h.store.getMessage(repair.messageRef);
    expect(kept?.flags).toContainEqual(expect.stringContaining(`from a resident whose contact is restricted (${caseRef}), outside the agreed way`));
    expect(kept?.notes).toContainEqual(expect.stringContaining('kept and handled as usual: a new complaint or a service request is never restricted'));
    expect(sent('contact-from-restricted-resident').map((m) => [m.to, (m.templateData as { handled: string }).handled])).toEqual([
      [DIRECTOR, `opened service request ${repair.caseRef}`], [DIRECTOR, expect.stringMatching(/^(added to|recorded)/)],
    ]);
    expect(chaser.outcome).not.toBe('duplicate');
    expect((await h.store.getMessage(chaser.messageRef))?.flags).toContainEqual(expect.stringContaining('outside the agreed way'));
  });
});
