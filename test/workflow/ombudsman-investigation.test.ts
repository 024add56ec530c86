import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLifecycleHarness, type LifecycleHarness } from './support/lifecycle-harness.ts';
import { staffApiClient } from './support/staff-api-client.ts';

// Monday 23 November 2026, 09:15 London.
const START = '2026-11-23T09:15:00Z';
const HANDLER = 'asha.patel@association.example';
const MANAGER = 'director.customer.services@association.example';
let h: LifecycleHarness;
let api: ReturnType<typeof staffApiClient>;

beforeEach(async () => {
  h = await openLifecycleHarness(START);
  api = staffApiClient(h, HANDLER);
});
afterEach(async () => {
  await h.close();
});

const post = (path: string, body: unknown) => api.post(path, body);
const ombudsmanLetters = (template: string) => h.mailer.sent.filter((m) => m.template === template && 'ombudsmanDuty' in (m.templateData as object));

describe("the Ombudsman's investigation through the staff API, watched by the state machine (seed 002 §4.3, §4.4)", () => {
  it('reminds and chases the board and the evidence dates, then records the determination, an order and its compliance', async () => {
    const caseRef = await h.complain({}, 'example-housing-association');
    await post(`/api/cases/${caseRef}/acknowledge`, { understanding: 'Damp not treated.', outcomesSought: ['The damp treated'], handler: HANDLER });
    await post(`/api/cases/${caseRef}/respond`, { decision: 'not-upheld', reasons: ['The damp was treated in time.'] });
    await post(`/api/cases/${caseRef}/close`, { reason: 'Responded.' });

    // Tuesday 1 December the Ombudsman writes: the board by Tuesday 8th, the evidence by Tuesday 22nd.
    await h.advanceTo('2026-12-01T10:00:00Z');
    const early = await post(`/api/cases/${caseRef}/ombudsman-order`, { order: 'Apologise', dueOn: '2027-01-15' });
    const opened = await post(`/api/cases/${caseRef}/ombudsman-investigation`, { ombudsmanRef: '202612345' });
    expect(early).toMatchObject({ status: 422, body: { error: expect.stringContaining('record its notice first') } });
    expect(opened).toMatchObject({ status: 200, body: { nextDueOn: '2026-12-08' } });

    await h.advanceTo('2026-12-09T09:00:00Z');
    expect(ombudsmanLetters('officer-reminder').map((m) => [m.to, (m.templateData as { ombudsmanDuty: { duty: string } }).ombudsmanDuty.duty])).toEqual([[HANDLER, 'tell-board']]);
    expect(ombudsmanLetters('milestone-overdue').map((m) => m.to).sort()).toEqual([HANDLER, MANAGER]);
    expect(h.logger.lines).toContainEqual(expect.objectContaining({ level: 'error', message: "Ombudsman's date overdue", fields: expect.objectContaining({ caseRef, subject: 'ombudsman-tell-board', dueOn: '2026-12-08' }) }));

    expect(await post(`/api/cases/${caseRef}/tell-board`, {})).toMatchObject({ status: 200, body: { nextDueOn: '2026-12-22' } });
    await h.advanceTo('2026-12-18T08:00:01Z');
    expect(ombudsmanLetters('officer-reminder').at(-1)).toMatchObject({ to: HANDLER, templateData: { ombudsmanDuty: { duty: 'evidence', ombudsmanRef: '202612345' }, dueOn: 'Tuesday 22 December 2026' } });
    await post(`/api/cases/${caseRef}/ombudsman-evidence-sent`, {});

    await h.advanceTo('2027-03-01T10:00:00Z');
    expect(ombudsmanLetters('milestone-overdue')).toHaveLength(2);
    await post(`/api/cases/${caseRef}/ombudsman-determination`, { findings: [{ finding: 'service-failure', about: 'The complaint handling', codeNonCompliance: true }] });
    const order = await post(`/api/cases/${caseRef}/ombudsman-order`, { order: 'Apologise to the resident in writing', dueOn: '2027-03-29' });
    const complied = await post(`/api/cases/${caseRef}/ombudsman-order-complied`, { orderId: 'O1', evidence: 'Copy of the apology sent to the Ombudsman.' });
    expect(order).toMatchObject({ status: 200, body: { nextDueOn: '2027-03-29' } });
    expect(complied).toMatchObject({ status: 200, body: { nextDueOn: null } });

    const file = await api.get<{ timeline: { ombudsman: unknown } }>(`/api/cases/${caseRef}/file`);
    expect(file.timeline.ombudsman).toEqual({
      ombudsmanRef: '202612345', notifiedOn: '2026-12-01', evidenceDueOn: '2026-12-22', evidenceSentOn: '2026-12-18', tellBoardBy: '2026-12-08', boardToldOn: '2026-12-09',
      determination: { on: '2027-03-01', findings: [{ finding: 'service-failure', about: 'The complaint handling', codeNonCompliance: true }] },
      orders: [{ orderId: 'O1', order: 'Apologise to the resident in writing', madeOn: '2027-03-01', dueOn: '2027-03-29', compliedOn: '2027-03-01', evidence: 'Copy of the apology sent to the Ombudsman.' }],
    });
  });
});
