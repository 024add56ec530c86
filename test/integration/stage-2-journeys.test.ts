import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintEventsOf } from '../../src/core/case/case-record.ts';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';

// A new user's journeys through the public interfaces (mail over SMTP, the staff API, the survey page), on the
// whole local stack with its real lifecycle. Every change goes through the one complaint service.
let h: Harness;
beforeAll(async () => {
  h = await openHarness({ workflow: undefined });
});
afterAll(() => h.close());

const STAFF = { authorization: 'Bearer test-staff-token', 'content-type': 'application/json' };
const act = (caseRef: string, action: string, officer: string, body: object) =>
  fetch(`${h.redress.url}/api/cases/${caseRef}/${action}`, { method: 'POST', headers: { ...STAFF, 'x-redress-officer': officer }, body: JSON.stringify(body) });

const ASKS_A_REASON = /tell us why|(give|state|tell us) (us )?(a|your|the) reasons? (for|why)|explain why you|say why you|please give (us )?(a|your) reason/i;

async function lettersTo(address: string) {
  return (await h.sentMail()).filter((m) => m.destination.to.includes(address));
}

async function complaintMailedInAnsweredAndClosed(resident: string): Promise<string> {
  await h.sendRaw(residentMail({ from: resident, messageId: `<first-${resident}>`, subject: 'Damp in the bedroom', body: 'This is the third time I have reported the damp in the bedroom and nothing has been done. I want to make a complaint.' }), { from: resident });
  const [first] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === `<first-${resident}>`);
  const caseRef = first!.caseRef!;
  expect(caseRef).toMatch(/^C-/);
  expect((await act(caseRef, 'acknowledge', 'Sam Officer', { understanding: 'Damp in the bedroom reported three times and not put right', outcomesSought: ['The damp treated'], handler: 'Sam Officer' })).status).toBe(200);
  expect((await act(caseRef, 'respond', 'Sam Officer', { decision: 'upheld', reasons: ['The damp was reported three times and not treated.'], remedy: ['A damp survey and treatment'] })).status).toBe(200);
  expect((await act(caseRef, 'close', 'Sam Officer', { reason: 'Stage 1 response sent.' })).status).toBe(200);
  return caseRef;
}

const casesOf = async (resident: string) => (await h.redress.intake.cases.listCases('demo')).filter((c) => c.resident.email === resident);

describe('stage 2 after closure (Code 5.3, 6.10 to 6.12)', () => {
  it('a reply quoting the reference after a closed stage 1 is a stage 2 request on the same case, acknowledged, with no reason asked', async () => {
    const resident = 'ayo@example.com';
    const caseRef = await complaintMailedInAnsweredAndClosed(resident);

    const reply = await h.sendRaw(residentMail({
      from: resident, messageId: `<reply-${resident}>`, subject: `Re: Your complaint ${caseRef}`,
      body: `Reference ${caseRef}. I am not happy with your response and want to take this further.`,
    }), { from: resident });

    expect(reply.response).toMatch(/^250/);
    const cases = await casesOf(resident);
    expect(cases.map((c) => c.caseRef)).toEqual([caseRef]);
    const record = cases[0]!;
    expect(record.state).toBe('open');
    const events = complaintEventsOf(await h.redress.intake.cases.events(caseRef)).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['received', 'acknowledged', 'stage-1-response-sent', 'closed', 'stage-2-requested']));
    expect(events.filter((e) => e === 'received')).toHaveLength(1);
    const letters = await lettersTo(resident);
    const stage2 = letters.filter((l) => /stage 2/i.test(l.subject));
    expect(stage2.length).toBeGreaterThanOrEqual(1);
    expect(stage2.at(-1)!.body.text).toContain(caseRef);
    // Code 6.12: no letter the resident got asks them to give a reason for stage 2.
    for (const letter of letters) expect(letter.body.text, letter.subject).not.toMatch(ASKS_A_REASON);
    // The state machine follows the complaint again for its stage 2 timescales.
    const history = await h.redress.intake.cases.events(caseRef);
    // The first run, named after the case, is not recorded; the one started again for stage 2 is.
    expect(history.filter((e) => e.event.type === 'workflow-started').length).toBeGreaterThanOrEqual(1);
  });

  it('after the final (stage 2) response, a dissatisfied reply gets the Ombudsman route, never a new complaint', async () => {
    const resident = 'bea@example.com';
    const caseRef = await complaintMailedInAnsweredAndClosed(resident);
    expect((await act(caseRef, 'escalate', 'Kim Manager', { via: 'telephone' })).status).toBe(200);
    expect((await act(caseRef, 'acknowledge', 'Kim Manager', { understanding: 'Unhappy with the stage 1 outcome', outcomesSought: ['Compensation'], handler: 'Kim Manager' })).status).toBe(200);
    expect((await act(caseRef, 'respond', 'Kim Manager', { decision: 'not-upheld', reasons: ['The treatment was done.'] })).status).toBe(200);

    await h.sendRaw(residentMail({ from: resident, messageId: `<final-${resident}>`, subject: `Re: ${caseRef}`, body: `${caseRef}: I am still not happy with this and want to complain again.` }), { from: resident });

    expect((await casesOf(resident)).map((c) => c.caseRef)).toEqual([caseRef]);
    const last = (await lettersTo(resident)).at(-1)!;
    expect(last.subject).toContain('Ombudsman');
    expect(last.body.text).toContain('final response');
  });

  it('refuses a stage 2 action by the officer who considered stage 1, whatever case or form of their name (6.13)', async () => {
    const resident = 'cy@example.com';
    const caseRef = await complaintMailedInAnsweredAndClosed(resident);
    expect((await act(caseRef, 'escalate', 'Kim Manager', { via: 'telephone' })).status).toBe(200);

    const shouting = await act(caseRef, 'acknowledge', 'SAM OFFICER', { understanding: 'Unhappy with stage 1', outcomesSought: ['A review'] });
    const handler = await act(caseRef, 'assign', 'Kim Manager', { officer: 'sam officer', noConflictOfInterest: true });

    expect(shouting.status).toBe(422);
    expect(((await shouting.json()) as { error: string }).error).toContain('6.13');
    expect(handler.status).toBe(422);
  });
});

describe('requests taken by telephone, letter or in person (Code 3.1, 3.2, 6.2, 6.11)', () => {
  it('a stage 2 request taken by telephone counts from the day it was received, not the day it was typed in', async () => {
    const resident = 'dee@example.com';
    const caseRef = await complaintMailedInAnsweredAndClosed(resident);
    const calledOn = new Date(Date.now() - 2 * 86_400_000).toISOString();

    const logged = await act(caseRef, 'escalate', 'Kim Manager', { via: 'telephone', receivedAt: calledOn });

    expect(logged.status).toBe(200);
    const requested = complaintEventsOf(await h.redress.intake.cases.events(caseRef)).find((e) => e.type === 'stage-2-requested');
    expect(requested).toMatchObject({ via: 'telephone', receivedAt: calledOn });
    const file = await (await fetch(`${h.redress.url}/api/cases/${caseRef}/file`, { headers: STAFF })).json() as unknown as { timeline: { milestones: { id: string; countedFrom: { on: string } }[] } };
    expect(file.timeline.milestones.find((m) => m.id === 'stage-2-acknowledgement')!.countedFrom.on).toBe(calledOn.slice(0, 10));
  });

  it('a complaint taken by telephone is logged with the channel and the date received, and its clock runs from then', async () => {
    const receivedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const response = await fetch(`${h.redress.url}/api/complaints`, {
      method: 'POST', headers: { ...STAFF, 'x-redress-officer': 'Sam Officer' },
      body: JSON.stringify({ landlordId: 'demo', receivedAt, via: 'telephone', summary: 'Rang about the broken lift', resident: { name: 'Ed Jones', phone: '07700 900123' } }),
    });

    expect(response.status).toBe(201);
    const done = await response.json() as { caseRef: string; letter: { status: string } | null };
    const record = await h.redress.intake.cases.getCase(done.caseRef);
    expect(record).toMatchObject({ kind: 'complaint', channel: 'telephone', openedAt: receivedAt });
    expect(complaintEventsOf(await h.redress.intake.cases.events(done.caseRef))[0]).toMatchObject({ type: 'received', at: receivedAt, via: 'telephone' });
    // No email address: the resident's letter is kept and listed to be posted, never silently skipped.
    expect(done.letter).toMatchObject({ status: 'to-post' });
    const letters = await h.redress.intake.letters.lettersForCase(done.caseRef);
    expect(letters.map((l) => l.status)).toContain('to-post');
  });
});

describe('whom the letters go to', () => {
  it('a complaint relayed from a no-reply address gets its Code letters at Reply-To, where its receipt went', async () => {
    await h.sendRaw(residentMail({
      from: 'Website forms <no-reply@forms.example.org>', messageId: '<relayed-1@forms.example.org>', headers: { 'Reply-To': 'Gil Resident <gil@example.com>' },
      subject: 'Complaint about repairs', body: 'Nobody has fixed the broken window for two months. I want to make a complaint.',
    }), { from: 'no-reply@forms.example.org' });
    const [message] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === '<relayed-1@forms.example.org>');

    expect((await act(message!.caseRef!, 'acknowledge', 'Sam Officer', { understanding: 'A broken window not repaired in two months', outcomesSought: ['The window fixed'] })).status).toBe(200);

    const letters = await lettersTo('gil@example.com');
    expect(letters.map((l) => l.subject).join(' | ')).toMatch(/what we will look into/);
    expect(await lettersTo('no-reply@forms.example.org')).toEqual([]);
  });
});

describe('reclassification (Code 1.2 to 1.5)', () => {
  it('a service request a person judges to be a complaint becomes one, counting from the original receipt, with who and why', async () => {
    const resident = 'fay@example.com';
    await h.sendRaw(residentMail({ from: resident, messageId: `<sr-${resident}>`, subject: 'Kitchen tap', body: 'Please can someone come and fix the dripping kitchen tap.' }), { from: resident });
    const [message] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === `<sr-${resident}>`);
    const serviceRequest = message!.caseRef!;
    expect(serviceRequest).toMatch(/^SR-/);

    const response = await act(serviceRequest, 'reclassify', 'Sam Officer', { why: 'On the phone she said she is unhappy it was reported in the summer and never fixed.' });

    expect(response.status).toBe(201);
    const { caseRef } = await response.json() as { caseRef: string };
    const [received] = complaintEventsOf(await h.redress.intake.cases.events(caseRef));
    expect(received).toMatchObject({ type: 'received', at: message!.receivedAt, reclassified: { from: 'service-request', ref: serviceRequest, why: expect.stringContaining('unhappy') } });
    expect(await h.redress.intake.cases.getCase(serviceRequest)).toMatchObject({ state: 'closed' });
    const history = await h.redress.intake.cases.events(caseRef);
    expect(history.find((e) => e.event.type === 'received')!.by).toBe('Sam Officer');
  });
});
