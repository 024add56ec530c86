import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintEventsOf } from '../../src/core/case/case-record.ts';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';

// The console's forms over plain HTTP against the local stack: a complaint taken by telephone for a resident with no
// email, whose letter is printed and posted from the queue; messages and service requests a person judges to be
// complaints; and a handler who must declare no conflict of interest (Code 5.8).
let h: Harness;
let cookie: string;
beforeAll(async () => {
  h = await openHarness({ workflow: undefined });
  const { body, ...headers } = form({ token: 'test-staff-token', officer: OFFICER });
  const signedIn = await fetch(at('/console/sign-in'), { method: 'POST', headers, body, redirect: 'manual' });
  cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(() => h.close());

const OFFICER = 'complaints-manager@demo.redress.test';
const at = (path: string) => `${h.redress.url}${path}`;
const form = (fields: Record<string, string>) => ({ 'content-type': 'application/x-www-form-urlencoded', origin: h.redress.url, body: new URLSearchParams(fields).toString() });
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;
const page = async (path: string) => (await fetch(at(path), { headers: { cookie } })).text();
async function post(path: string, fields: Record<string, string>): Promise<Response> {
  const csrf = csrfOf(await page('/console'));
  const { body, ...headers } = form({ csrf, ...fields });
  return fetch(at(path), { method: 'POST', headers: { ...headers, cookie }, body, redirect: 'manual' });
}
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('a complaint taken by telephone, and its letter posted', () => {
  let caseRef: string;
  let letterId: string;

  it('is logged from the queue with the day it was received, and its clock counts from that day', async () => {
    expect(await page('/console')).toContain('href="/console/log-complaint"');

    const logged = await post('/console/log-complaint', {
      landlordId: 'demo', via: 'telephone', receivedOn: daysAgo(2), summary: 'Rang about the broken lift at Elm Court',
      name: 'Edna Jones', phone: '07700 900123', email: '', address: '4 Elm Court, Leeds LS1 4AA',
    });

    expect(logged.status).toBe(303);
    const location = new URL(logged.headers.get('location')!, h.redress.url);
    caseRef = location.pathname.split('/').at(-1)!;
    expect(caseRef).toMatch(/^C-/);
    const casePage = await page(`${location.pathname}${location.search}`);
    expect(casePage).toContain('Complaint logged. Its clock counts from the day it was received.');
    expect(casePage).toContain('The letter is listed to be posted.');
    expect(casePage).toContain('Rang about the broken lift at Elm Court');
    const received = complaintEventsOf(await h.redress.intake.cases.events(caseRef))[0];
    expect(received).toMatchObject({ type: 'received', via: 'telephone', at: `${daysAgo(2)}T12:00:00Z` });
  });

  it('lists its letter under "Letters to post", with the resident\'s address and the PDF to print', async () => {
    const queue = await page('/console');
    const section = queue.slice(queue.indexOf('id="letters-to-post"'));

    expect(section).toContain(caseRef);
    expect(section).toContain('4 Elm Court, Leeds LS1 4AA');
    letterId = /href="\/console\/letters\/([^/"]+)\/pdf"/.exec(section)![1]!;
    const pdf = await fetch(at(`/console/letters/${letterId}/pdf`), { headers: { cookie } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('leaves the list once marked as posted, which is recorded on the case once, however often it is clicked', async () => {
    const marked = await post(`/console/letters/${letterId}/posted`, {});
    const twice = await post(`/console/letters/${letterId}/posted`, {});

    expect(marked.status).toBe(303);
    expect(twice.status).toBe(303);
    const queue = await page('/console');
    expect(queue.slice(queue.indexOf('id="letters-to-post"'))).not.toContain(`/console/letters/${letterId}/pdf`);
    expect((await h.redress.intake.letters.getLetter(letterId))?.status).toBe('posted');
    const posted = (await h.redress.intake.cases.events(caseRef)).filter((e) => e.event.type === 'letter-posted');
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ by: OFFICER, event: { letterId } });
    expect(await page(`/console/cases/${caseRef}`)).toContain('letter posted');
  });

  it('can be marked as posted from the case page too, and says so there', async () => {
    const logged = await post('/console/log-complaint', { landlordId: 'demo', via: 'in-person', receivedOn: daysAgo(1), summary: 'Came to the office about the bins', name: 'Olu Ade', address: '9 Oak Road, Leeds' });
    const onCase = new URL(logged.headers.get('location')!, h.redress.url).pathname;
    const letter = /action="\/console\/letters\/([^/"]+)\/posted"/.exec(await page(onCase))![1]!;

    const marked = await post(`/console/letters/${letter}/posted`, { back: 'case' });

    expect(marked.headers.get('location')).toBe(`${onCase}?done=letter-posted`);
    const after = await page(marked.headers.get('location')!);
    expect(after).toContain('The letter is marked as posted.');
    expect(after).not.toContain(`/console/letters/${letter}/posted`);
  });

  it('refuses a day received in the future and a missing summary beside their fields, keeping what was typed', async () => {
    const refused = await post('/console/log-complaint', { landlordId: 'demo', via: 'letter', receivedOn: '2999-01-01', summary: '', name: 'Olu Ade', address: '9 Oak Road' });

    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('id="receivedOn-error"');
    expect(html).toContain('cannot be in the future');
    expect(html).toContain('id="summary-error"');
    expect(html).toContain('value="Olu Ade"');
  });
});

describe('messages and service requests a person judges to be complaints (Code 1.2 to 1.5)', () => {
  it('makes a waiting message a complaint, with why, counting its clock from when the message was received', async () => {
    await h.sendRaw(residentMail({ from: 'Sam Tenant <sam@example.com>', messageId: '<sam-waits@example.com>', subject: null, body: 'Hello, about the thing we discussed.' }), { from: 'sam@example.com' });
    const [message] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === '<sam-waits@example.com>');
    expect(await page('/console/messages')).toContain(message!.messageRef);

    const noWhy = await post(`/console/messages/${message!.messageRef}`, { decision: 'complaint', why: '' });
    const made = await post(`/console/messages/${message!.messageRef}`, { decision: 'complaint', why: 'He told us on the phone this is about the repair he is unhappy with.' });

    expect(noWhy.status).toBe(400);
    expect(await noWhy.text()).toContain(`id="why-${message!.messageRef}-error"`);
    expect(made.status).toBe(303);
    const caseRef = new URL(made.headers.get('location')!, h.redress.url).pathname.split('/').at(-1)!;
    expect(await h.redress.intake.cases.getCase(caseRef)).toMatchObject({ kind: 'complaint', openedAt: message!.receivedAt });
    expect(complaintEventsOf(await h.redress.intake.cases.events(caseRef))[0]).toMatchObject({ type: 'received', at: message!.receivedAt, reclassified: { from: 'message', why: expect.stringContaining('unhappy') } });
    expect(await page('/console/messages')).not.toContain(message!.messageRef);
  });

  it('offers a service request\'s page "This is a complaint" and "Close the service request"', async () => {
    const mail = async (from: string) => {
      await h.sendRaw(residentMail({ from, messageId: `<sr-${from}>`, subject: 'Kitchen tap', body: 'Please can someone come and fix the dripping kitchen tap.' }), { from });
      return (await h.redress.intake.messages.listMessages('demo')).find((m) => m.externalId === `<sr-${from}>`)!;
    };
    const [tap, gate] = [await mail('fay@example.com'), await mail('gil@example.com')];
    expect(tap.caseRef).toMatch(/^SR-/);
    expect(await page(`/console/cases/${tap.caseRef}`)).toContain('This is a complaint');

    const reclassified = await post(`/console/cases/${tap.caseRef}/reclassify`, { why: 'Third visit booked and missed: she is unhappy with the service.' });
    const closed = await post(`/console/cases/${gate.caseRef}/close-service-request`, { reason: 'Tap washer replaced on the first visit.' });

    expect(reclassified.status).toBe(303);
    const complaintRef = new URL(reclassified.headers.get('location')!, h.redress.url).pathname.split('/').at(-1)!;
    expect(await h.redress.intake.cases.getCase(complaintRef)).toMatchObject({ kind: 'complaint', openedAt: tap.receivedAt });
    expect(await page(reclassified.headers.get('location')!)).toContain('Recorded as a complaint.');
    expect((await h.redress.intake.cases.getCase(tap.caseRef!))?.state).toBe('closed');
    expect(closed.status).toBe(303);
    expect((await h.redress.intake.cases.getCase(gate.caseRef!))?.state).toBe('closed');
    expect(await page(`/console/cases/${gate.caseRef}`)).not.toContain('Close the service request');
  });
});

describe('assigning a handler (Code 5.8)', () => {
  it('will not assign a handler who has not declared no conflict of interest, and records the declaration', async () => {
    await h.sendRaw(residentMail({ from: 'lee@example.com', messageId: '<lee-assign@example.com>', subject: 'Complaint about the boiler', body: 'Third time the boiler has failed. I want to make a formal complaint.' }), { from: 'lee@example.com' });
    const caseRef = (await h.redress.intake.messages.listMessages('demo')).find((m) => m.externalId === '<lee-assign@example.com>')!.caseRef!;

    const undeclared = await post(`/console/cases/${caseRef}/act/assign`, { officer: OFFICER });
    const declared = await post(`/console/cases/${caseRef}/act/assign`, { officer: OFFICER, noConflictOfInterest: 'yes' });

    expect(undeclared.status).toBe(400);
    const html = await undeclared.text();
    expect(html).toContain('id="noConflictOfInterest-error"');
    expect(html).toContain('no conflict of interest in this complaint (Code 5.8)');
    expect(declared.status).toBe(303);
    const assigned = complaintEventsOf(await h.redress.intake.cases.events(caseRef)).find((e) => e.type === 'handler-assigned');
    expect(assigned).toMatchObject({ officer: OFFICER, noConflictOfInterest: true });
  });
});

describe("the Ombudsman's investigation and learning, from the console", () => {
  it('shows each form, and records the investigation and the board being told through them', async () => {
    const logged = await post('/console/log-complaint', {
      landlordId: 'demo', via: 'letter', receivedOn: daysAgo(1), summary: 'Letter about the roof leak at Ash House',
      name: 'Rita Shah', phone: '', email: '', address: '9 Ash House, Leeds LS2 2BB',
    });
    const caseRef = new URL(logged.headers.get('location')!, h.redress.url).pathname.split('/').at(-1)!;

    for (const action of ['categorise', 'record-root-causes', 'set-learning-action', 'update-learning-action', 'ombudsman-investigation', 'ombudsman-evidence-sent', 'tell-board', 'ombudsman-determination', 'ombudsman-order', 'ombudsman-order-complied']) {
      const response = await fetch(at(`/console/cases/${caseRef}/act/${action}`), { headers: { cookie } });
      expect(response.status, action).toBe(200);
      expect(await response.text(), action).toContain('name="csrf"');
    }
    const tooSoon = await post(`/console/cases/${caseRef}/act/tell-board`, {});
    expect(tooSoon.status).not.toBe(303);

    expect((await post(`/console/cases/${caseRef}/act/ombudsman-investigation`, { ombudsmanRef: '202699999', notifiedOn: '', evidenceDueOn: '' })).status).toBe(303);
    expect((await post(`/console/cases/${caseRef}/act/tell-board`, {})).status).toBe(303);

    const types = complaintEventsOf(await h.redress.intake.cases.events(caseRef)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ombudsman-investigation-opened', 'board-told']));
  });
});

describe("a restriction on a resident's contact, from the console (Code 5.14, 5.15)", () => {
  it('shows each form, refuses a restriction without the Equality Act regard beside its field, and shows the restriction at the top of the case', async () => {
    const logged = await post('/console/log-complaint', {
      landlordId: 'demo', via: 'telephone', receivedOn: daysAgo(1), summary: 'Calls about the lift at Elm Court',
      name: 'Tom Reed', phone: '07700 900777', email: '', address: '4 Elm Court, Leeds LS3 3CC',
    });
    const caseRef = new URL(logged.headers.get('location')!, h.redress.url).pathname.split('/').at(-1)!;
    for (const action of ['restrict-contact', 'review-restriction', 'record-restriction-appeal', 'decide-restriction-appeal']) {
      const response = await fetch(at(`/console/cases/${caseRef}/act/${action}`), { headers: { cookie } });
      expect(response.status, action).toBe(200);
      expect(await response.text(), action).toContain('name="csrf"');
    }
    const answers = {
      behaviour: 'Forty calls a week to the office.', reasons: 'The calls take the time the team needs for other residents.', allowedChannels: 'letter',
      namedOfficer: '', contactAddress: '', equalityAct: '', vulnerability: 'None known.', reasonableAdjustments: '', warnedOn: '', decidedBy: '', reviewOn: '',
    };

    const refused = await post(`/console/cases/${caseRef}/act/restrict-contact`, answers);
    const recorded = await post(`/console/cases/${caseRef}/act/restrict-contact`, { ...answers, equalityAct: 'Proportionate: letters suit the resident.' });

    expect(refused.status).not.toBe(303);
    expect(await refused.text()).toContain('<a href="#equalityAct">Record the regard had to the Equality Act 2010');
    expect(recorded.status).toBe(303);
    const casePage = await page(`/console/cases/${caseRef}`);
    expect(casePage).toContain("The resident's contact is restricted: by letter only.");
    expect(casePage).toContain('Proportionate: letters suit the resident.');
    expect(await page('/console')).toMatch(new RegExp(`${caseRef}</a><br><span class="govuk-body-s">[^<]*</span><br><strong class="govuk-tag govuk-tag--orange">\\s*Contact restricted`));
  });
});
