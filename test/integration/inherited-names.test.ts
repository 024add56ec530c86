// Issue 14, item 3 (the channels' part): a resident's word that is also the name of something every JavaScript object
// inherits ("constructor", "__proto__", "toString", ...) goes through every channel like any other word: stored,
// answered, never a 451 or a 500.
import fc from 'fast-check';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';

// The triage unit test covers Function, Array and String names too; here each channel gets Object.prototype's.
const INHERITED = Object.getOwnPropertyNames(Object.prototype);

let h: Harness;
let sent = 0;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const storedByExternalId = async (externalId: string) => (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === externalId);

/** One mail over SMTP with the words as subject and body; its SMTP answer and what was stored. */
async function byMail(words: string) {
  sent += 1;
  const messageId = `<names-${sent}@example.com>`;
  const from = `names${sent}@example.com`;
  const { response } = await h.sendRaw(residentMail({ from, subject: words.slice(0, 200), body: `${words}\n\nPlease fix the ${words} in my flat.`, messageId }), { from });
  return { answer: response.slice(0, 3), stored: await storedByExternalId(messageId) };
}

async function byText(words: string) {
  sent += 1;
  const url = `${h.redress.url}/sms/inbound`;
  const params = { MessageSid: `SM${String(sent).padStart(32, '0')}`, From: `+4477009${String(sent).padStart(5, '0')}`, To: '+447700900123', Body: words.slice(0, 1600) || '?' };
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(h.redress.smsAuthToken, url, params) },
    body: new URLSearchParams(params).toString(),
  });
  const body = await response.text();
  return { answer: String(response.status), body, stored: await storedByExternalId(params.MessageSid) };
}

async function byForm(words: string) {
  const page = await (await fetch(`${h.redress.url}/contact`)).text();
  const token = /name="submissionToken" value="([^"]+)"/.exec(page)![1]!;
  const response = await fetch(`${h.redress.url}/contact`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ wants: 'report-or-ask', whatHappened: words.trim() || 'constructor', outcomeWanted: '', name: 'Ola Resident', email: '', phone: '07700 900777', addressOrTenancyReference: '2 Example Road', actingForYou: 'no', adjustments: '', submissionToken: token }).toString(),
  });
  const body = await response.text();
  return { answer: String(response.status), body, stored: await storedByExternalId(`form:${token}`) };
}

const expectHandled = (result: { answer: string; stored: { outcome: string; messageRef: string }[] }, okAnswer: string) => {
  expect(result.answer).toBe(okAnswer);
  expect(result.stored).toHaveLength(1);
  expect(result.stored[0]!.outcome).not.toBe('received');
};

describe('words every JavaScript object inherits, on every channel', () => {
  it.each(INHERITED)('takes "%s" by mail, text and form', async (name) => {
    const [mail, text, form] = await Promise.all([byMail(`${name} ${name}`), byText(`The ${name} is broken. ${name}`), byForm(`My ${name} is leaking. ${name}`)]);

    expectHandled(mail, '250');
    expectHandled(text, '200');
    expect(text.body).toContain('<Response>');
    expectHandled(form, '200');
    expect(form.body).toContain(form.stored[0]!.caseRef ?? form.stored[0]!.messageRef);
  });

  it('takes random words mixed with those names on every channel', async () => {
    const word = fc.oneof(fc.constantFrom(...INHERITED), fc.stringMatching(/^[a-z]{1,10}$/), fc.string({ minLength: 1, maxLength: 12 }));
    const words = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

    await fc.assert(
      fc.asyncProperty(words, async (text) => {
        const [mail, sms, form] = await Promise.all([byMail(text), byText(text), byForm(text)]);
        expectHandled(mail, '250');
        expectHandled(sms, '200');
        expectHandled(form, '200');
      }),
      { numRuns: 5, seed: 14 },
    );
  });
});
