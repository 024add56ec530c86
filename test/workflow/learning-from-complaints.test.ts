import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLifecycleHarness, type LifecycleHarness } from './support/lifecycle-harness.ts';
import { staffApiClient } from './support/staff-api-client.ts';

// Monday 23 November 2026, 09:15 London.
const START = '2026-11-23T09:15:00Z';
const OFFICER = 'asha.patel@association.example';
const OWNER = 'repairs.manager@association.example';
const MANAGER = 'director.customer.services@association.example';
let h: LifecycleHarness;
let api: ReturnType<typeof staffApiClient>;

beforeEach(async () => {
  h = await openLifecycleHarness(START);
  api = staffApiClient(h, OFFICER);
});
afterEach(async () => {
  await h.close();
});

const post = (path: string, body: unknown) => api.post(path, body);
const caseFile = (caseRef: string) => api.get<{
  timeline: { learningActions: { actionId: string; status: string; endedOn?: string }[] };
  file: { categories: string[]; rootCauses: Record<string, { rootCauses: string[] }> };
}>(`/api/cases/${caseRef}/file`);
const lettersTo = (template: string, to: string) => h.mailer.sent.filter((m) => m.template === template && m.to === to);

describe('learning from a complaint through the staff API (Code 9.1, 9.7)', () => {
  it("records the landlord's categories and root causes, and reminds the owner of a learning action and lists it in the digest until done", async () => {
    const caseRef = await h.complain({}, 'example-housing-association');
    await post(`/api/cases/${caseRef}/acknowledge`, { understanding: 'Damp in the back bedroom is not treated.', outcomesSought: ['The damp treated'], handler: OFFICER });

    const categorised = await post(`/api/cases/${caseRef}/categorise`, { categories: ['repairs', 'damp-and-mould'] });
    const notOnTheList = await post(`/api/cases/${caseRef}/categorise`, { categories: ['parking'] });
    const tooEarly = await post(`/api/cases/${caseRef}/record-root-causes`, { rootCauses: ['missed-appointment'] });
    expect(categorised.status).toBe(200);
    expect(notOnTheList).toMatchObject({ status: 422, body: { error: expect.stringContaining('"parking" is not one of the policy\'s categories') } });
    expect(tooEarly).toMatchObject({ status: 422, body: { error: 'root causes are recorded with the response: send the response first' } });

    await post(`/api/cases/${caseRef}/respond`, { decision: 'upheld', reasons: ['The damp survey was booked and missed.'] });
    const causes = await post(`/api/cases/${caseRef}/record-root-causes`, { rootCauses: ['missed-appointment', 'poor-communication'], note: 'The surveyor was not told.' });
    const set = await post(`/api/cases/${caseRef}/set-learning-action`, { learningAction: 'Text residents the day before a survey', owner: OWNER, dueOn: '2026-12-18' });
    await post(`/api/cases/${caseRef}/close`, { reason: 'Responded; the resident is content.' });
    expect(causes.status).toBe(200);
    expect(set).toMatchObject({ status: 200, body: { nextDueOn: '2026-12-18' } });

    // Monday 14 December: the digest lists the open learning action; Wednesday 16th, two working days before, its owner is reminded.
    await h.advanceTo('2026-12-16T08:00:01Z');
    expect(lettersTo('weekly-digest', MANAGER).at(-1)?.templateData).toMatchObject({
      learningActions: [expect.objectContaining({ caseRef, milestone: `learning action L1 (${OWNER}): Text residents the day before a survey`, dueOn: 'Friday 18 December 2026' })],
    });
    expect(lettersTo('officer-reminder', OWNER).map((m) => m.templateData)).toEqual([
      expect.objectContaining({ learningAction: { action: 'Text residents the day before a survey', owner: OWNER }, workingDaysLeft: 2 }),
    ]);

    // Its day passes: the owner and the managers are told once, as a warning, not as a missed Code timescale.
    await h.advanceTo('2026-12-19T09:00:00Z');
    expect(h.mailer.sent.filter((m) => m.template === 'milestone-overdue').map((m) => m.to).sort()).toEqual([MANAGER, OWNER]);
    expect(h.logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'learning action overdue', fields: expect.objectContaining({ caseRef, dueOn: '2026-12-18' }) }));

    const done = await post(`/api/cases/${caseRef}/update-learning-action`, { actionId: 'L1', status: 'done', note: 'Texts go out at 5pm the day before.' });
    const again = await post(`/api/cases/${caseRef}/update-learning-action`, { actionId: 'L1', status: 'dropped', note: 'x' });
    expect(done).toMatchObject({ status: 200, body: { nextDueOn: null } });
    expect(again).toMatchObject({ status: 422, body: { error: 'learning action L1 was marked done on 2026-12-19' } });

    await h.advanceTo('2026-12-21T08:00:01Z');
    expect(lettersTo('weekly-digest', MANAGER).at(-1)?.templateData).toMatchObject({ learningActions: [] });
    const file = await caseFile(caseRef);
    expect(file.file.categories).toEqual(['repairs', 'damp-and-mould']);
    expect(file.file.rootCauses['stage-1']?.rootCauses).toEqual(['missed-appointment', 'poor-communication']);
    expect(file.timeline.learningActions).toEqual([expect.objectContaining({ actionId: 'L1', status: 'done', endedOn: '2026-12-19' })]);
  });
});
