import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../support/local-redress.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const smsUrl = () => `${h.redress.url}/sms/inbound`;
const sms = (params: Record<string, string>, signature?: string, headers: Record<string, string> = {}) =>
  fetch(smsUrl(), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      // Twilio's own SDK computes the signature: an oracle independent of ours.
      'x-twilio-signature': signature ?? twilio.getExpectedTwilioSignature('test-sms-auth-token', smsUrl(), params),
      ...headers,
    },
    body: new URLSearchParams(params).toString(),
  });
const text = (sid: string, body: string, from = '07700 900456') => ({ MessageSid: `SM${sid.padEnd(32, '0')}`, From: from, To: '+447700900123', Body: body, AccountSid: 'AC123' });
const messages = () => h.redress.intake.messages.listMessages('demo');

describe('texts to the landlord number (Twilio webhook)', () => {
  it('opens a complaint from a signed text and answers in TwiML with its reference', async () => {
    const response = await sms(text('a1', 'Third time I have reported the broken boiler and nobody came. I want to complain.'));

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    const reply = await response.text();
    const [kept] = (await messages()).filter((m) => m.externalId === `SM${'a1'.padEnd(32, '0')}`);
    expect(kept).toMatchObject({ channel: 'sms', outcome: 'opened-case', from: '+447700900456' });
    expect(reply).toMatch(new RegExp(`<Response><Message>.*${kept!.caseRef}.*</Message></Response>`));
  });

  it('refuses a forged text with 403 and keeps nothing as a resident\'s message', async () => {
    const before = (await messages()).length;

    const forged = await sms(text('f1', 'I want to complain'), 'bm90IGEgcmVhbCBzaWduYXR1cmU=');
    const unsigned = await fetch(smsUrl(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(text('f2', 'hi')).toString() });

    expect([forged.status, unsigned.status]).toEqual([403, 403]);
    expect((await messages()).length).toBe(before);
    expect(h.logger.lines.filter((l) => l.message.includes('SMS webhook refused'))).toHaveLength(2);
  });

  it('answers a retried webhook once: one message handled, the retry kept as a duplicate with an empty reply', async () => {
    const params = text('r1', 'Please fix the light in the stairwell.');
    const first = await sms(params, undefined, { 'i-twilio-idempotency-token': 'try-1' });
    const retry = await sms(params, undefined, { 'i-twilio-idempotency-token': 'try-2' });

    expect(await first.text()).toContain('<Message>');
    expect(await retry.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    const kept = (await messages()).filter((m) => m.externalId === params.MessageSid);
    expect(kept.map((m) => m.outcome).sort()).toEqual(['duplicate', 'opened-case']);
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await sms(text('big', 'x'.repeat(20_000)));

    expect(response.status).toBe(413);
  });

  it('answers 404 for a number no landlord uses', async () => {
    const response = await sms({ ...text('n1', 'hello'), To: '+447700900999' });

    expect(response.status).toBe(404);
  });
});

const formPage = async (path = '/contact') => {
  const html = await (await fetch(`${h.redress.url}${path}`)).text();
  return /name="submissionToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
};
const postForm = (fields: Record<string, string>, path = '/contact') =>
  fetch(`${h.redress.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(), redirect: 'manual' });
const complaintForm = (token: string, whatHappened = 'The repair to my window was done badly and mould has come back.') => ({
  wants: 'complaint',
  whatHappened,
  outcomeWanted: 'Fix the window properly',
  name: 'Kim Resident',
  email: 'kim@example.com',
  phone: '',
  addressOrTenancyReference: '4 Example Road',
  actingForYou: 'yes',
  representativeName: 'Lee Advocate',
  representativeRelationship: 'Support worker',
  adjustments: 'Please phone rather than write',
  submissionToken: token,
});

describe('the web form', () => {
  it('makes a complaint when the resident chooses "make a complaint" (Code 1.3), keeping the representative and adjustments', async () => {
    const token = await formPage();
    expect(token).not.toBe('');

    const response = await postForm(complaintForm(token, 'Not sure this counts, but the window is still draughty.'));

    const page = await response.text();
    const [kept] = (await messages()).filter((m) => m.externalId === `form:${token}`);
    expect(kept).toMatchObject({ channel: 'web_form', outcome: 'opened-case', triage: { label: 'complaint', confidence: 1 } });
    expect(kept!.triage!.reasons[0]).toContain('Code 1.3');
    expect(page).toContain(kept!.caseRef!);
    const record = await h.redress.intake.cases.getCase(kept!.caseRef!);
    expect(record).toMatchObject({ representative: { name: 'Lee Advocate', relationship: 'Support worker' }, adjustments: 'Please phone rather than write' });
  });

  it('links a form that gives the number a complaint was texted from to that complaint, rather than opening another', async () => {
    await sms(text('k1', 'I want to complain. The boiler in my flat has been broken for three weeks and nobody has come.', '07700 900777'));
    const [texted] = (await messages()).filter((m) => m.externalId === `SM${'k1'.padEnd(32, '0')}`);
    expect(texted).toMatchObject({ outcome: 'opened-case' });

    const token = await formPage();
    await postForm({
      ...complaintForm(token, 'Still no one has come about the broken boiler in my flat, three weeks now.'),
      wants: 'report-or-ask', email: 'sam@example.com', phone: '+44 7700 900777', actingForYou: 'no', representativeName: '', representativeRelationship: '',
    });

    const [formed] = (await messages()).filter((m) => m.externalId === `form:${token}`);
    expect(formed).toMatchObject({ from: 'sam@example.com', caseRef: texted!.caseRef });
    expect(formed!.notes).toContainEqual(expect.stringContaining(`linked to ${texted!.caseRef}`));
    expect((await h.redress.intake.cases.listCases('demo')).filter((c) => c.caseRef !== texted!.caseRef && c.openedByMessageRef === formed!.messageRef)).toEqual([]);
  });

  it('links a text from the number a complaint form gave to that complaint', async () => {
    const token = await formPage();
    await postForm({
      ...complaintForm(token, 'The communal door lock on my block has been broken for a month and strangers get in.'),
      email: 'pat@example.com', phone: '07700 900888', actingForYou: 'no', representativeName: '', representativeRelationship: '',
    });
    const [formed] = (await messages()).filter((m) => m.externalId === `form:${token}`);
    expect(formed).toMatchObject({ outcome: 'opened-case', from: 'pat@example.com' });

    await sms(text('p1', 'The communal door lock on my block is still broken.', '+447700900888'));

    const [texted] = (await messages()).filter((m) => m.externalId === `SM${'p1'.padEnd(32, '0')}`);
    expect(texted).toMatchObject({ from: '+447700900888', caseRef: formed!.caseRef });
    expect(texted!.notes).toContainEqual(expect.stringContaining(`linked to ${formed!.caseRef}`));
  });

  it('treats a form sent twice as one complaint with one acknowledgement', async () => {
    const token = await formPage();
    await postForm(complaintForm(token));
    const again = await postForm(complaintForm(token));

    expect(again.status).toBeLessThan(500);
    const kept = (await messages()).filter((m) => m.externalId === `form:${token}`);
    expect(kept.map((m) => m.outcome).sort()).toEqual(['duplicate', 'opened-case']);
    const letters = await h.redress.intake.letters.lettersForMessage(kept.find((m) => m.outcome === 'opened-case')!.messageRef);
    expect(letters).toHaveLength(1);
  });
});

describe('the staff API', () => {
  it('needs the staff token', async () => {
    const none = await fetch(`${h.redress.url}/api/cases`);
    const wrong = await fetch(`${h.redress.url}/api/cases`, { headers: { authorization: 'Bearer not-the-token' } });

    expect([none.status, wrong.status]).toEqual([401, 401]);
  });

  it('lists cases with their messages, labels, reasons, due dates and letters, and messages that opened no case', async () => {
    await sms(text('s9', 'Out of office: I am away until Monday'));

    const response = await fetch(`${h.redress.url}/api/cases`, { headers: { authorization: 'Bearer test-staff-token' } });

    expect(response.status).toBe(200);
    const report = (await response.json()) as { cases: { kind: string; milestones: { dueOn: string }[]; messages: { label: string; reasons: string[] }[]; letters: unknown[] }[]; messagesWithoutCase: { outcome: string }[] };
    const complaint = report.cases.find((c) => c.kind === 'complaint' && c.letters.length > 0)!;
    expect(complaint.milestones[0]!.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(complaint.messages[0]!.reasons.length).toBeGreaterThan(0);
    expect(report.messagesWithoutCase.map((m) => m.outcome)).toContain('duplicate');
  });
});
