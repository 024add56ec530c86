import { randomUUID } from 'node:crypto';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintEventsOf } from '../../src/core/case/case-record.ts';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';

// The same message arriving N times at once, on every channel: a form double-click, a Twilio retry racing its first
// request, overlapping SMTP deliveries. Whatever the interleaving: one case, one reply, N-1 duplicates recorded,
// and a case the rules accept (one `received`).
let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const COPIES = 4;
const ROUNDS = 3;
const smsUrl = () => `${h.redress.url}/sms/inbound`;

async function expectHandledOnce(externalId: string, resident: { email?: string }): Promise<void> {
  const kept = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === externalId);
  expect(kept).toHaveLength(COPIES);
  const handled = kept.filter((m) => m.outcome !== 'duplicate');
  expect(handled).toHaveLength(1);
  expect(kept.filter((m) => m.outcome === 'duplicate').map((m) => m.duplicateOf)).toEqual(Array(COPIES - 1).fill(handled[0]!.messageRef));
  const caseRef = handled[0]!.caseRef!;
  expect(caseRef).toMatch(/^(C|SR)-/);
  const events = await h.redress.intake.cases.events(caseRef);
  expect(complaintEventsOf(events).filter((e) => e.type === 'received').length).toBeLessThanOrEqual(1);
  if (resident.email) {
    expect(await h.redress.intake.letters.lettersForCase(caseRef)).toHaveLength(1);
    expect((await h.sentMail()).filter((m) => m.destination.to.includes(resident.email!))).toHaveLength(1);
  }
}

describe(`${COPIES} copies of one message at the same instant`, () => {
  it.each(Array.from({ length: ROUNDS }, (_, i) => i))('over SMTP (round %i): one case, one letter, the rest duplicates', async (round) => {
    const email = `race-smtp-${round}@example.com`;
    const messageId = `<race-${round}-${randomUUID()}@example.com>`;
    const raw = residentMail({ from: email, messageId, subject: 'Damp again', body: 'Third time I have reported the damp and nothing has been done. I want to make a complaint.' });

    const answers = await Promise.all(Array.from({ length: COPIES }, () => h.sendRaw(raw, { from: email })));

    expect(answers.map((a) => a.response.slice(0, 3))).toEqual(Array(COPIES).fill('250'));
    await expectHandledOnce(messageId, { email });
  });

  it.each(Array.from({ length: ROUNDS }, (_, i) => i))('by text (round %i): one case, one reply in TwiML, the rest empty', async (round) => {
    const params = { MessageSid: `SMrace${round}${randomUUID().replaceAll('-', '')}`.slice(0, 34), From: `07700 90${String(round).padStart(4, '0')}`, To: '+447700900123', Body: 'The boiler has broken again, third time this month. I want to complain.', AccountSid: 'AC123' };
    const signature = twilio.getExpectedTwilioSignature('test-sms-auth-token', smsUrl(), params);

    const replies = await Promise.all(Array.from({ length: COPIES }, (_, i) => fetch(smsUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'i-twilio-idempotency-token': `try-${i}` },
      body: new URLSearchParams(params).toString(),
    }).then(async (r) => ({ status: r.status, text: await r.text() }))));

    expect(replies.map((r) => r.status)).toEqual(Array(COPIES).fill(200));
    expect(replies.filter((r) => r.text.includes('<Message>'))).toHaveLength(1);
    await expectHandledOnce(params.MessageSid, {});
  });

  it.each(Array.from({ length: ROUNDS }, (_, i) => i))('by the web form (round %i, a double-click): one case, one letter, every answer names it', async (round) => {
    const page = await (await fetch(`${h.redress.url}/contact`)).text();
    const token = /name="submissionToken" value="([^"]*)"/.exec(page)![1]!;
    const email = `race-form-${round}@example.com`;
    const answers = new URLSearchParams({
      wants: 'complaint', whatHappened: 'The lift has been broken for three weeks.', outcomeWanted: 'Fix the lift', name: 'Ann Example', email,
      phone: '', addressOrTenancyReference: 'Flat 3', actingForYou: 'no', representativeName: '', representativeRelationship: '', adjustments: '', submissionToken: token,
    }).toString();

    const responses = await Promise.all(Array.from({ length: COPIES }, () => fetch(`${h.redress.url}/contact`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: answers,
    }).then(async (r) => ({ status: r.status, html: await r.text() }))));

    expect(responses.map((r) => r.status)).toEqual(Array(COPIES).fill(200));
    const refs = responses.map((r) => /\b(C|SR)-[0-9A-Z]{8}\b/.exec(r.html)?.[0]);
    expect(new Set(refs).size).toBe(1);
    const handled = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.form?.email === email);
    await expectHandledOnce(handled[0]!.externalId!, { email });
  });
});
