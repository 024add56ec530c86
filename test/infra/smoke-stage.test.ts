// The operator's smoke test (scripts/smoke-stage.ts), run against the local stack `npm start` runs: the real local
// lifecycle on aws-local-stepfunctions, SMTP in, the SES twin out, the staff API. What only AWS can show (schedules,
// their role, the alarm topic) is the AWS target's part and cannot run here.
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport, HOSTILE_WORDS, localTarget, runSmoke, type SmokeCheck, twilioSignature } from '../../scripts/smoke-stage.ts';
import { openHarness, type Harness } from '../support/local-redress.ts';

let h: Harness;
let results: SmokeCheck[];
beforeAll(async () => {
  // No recording workflow: the state machine runs as under `npm start`.
  h = await openHarness({ workflow: undefined });
  results = await runSmoke(localTarget({
    url: h.redress.url, smtpPort: h.redress.smtpPort, sesUrl: h.redress.sesUrl, staffToken: h.redress.staffToken, smsAuthToken: h.redress.smsAuthToken,
    complaintsAddress: 'homes@demo.redress.test', textNumber: '+447700900123', waitMs: 15_000,
  }), { waitMs: 15_000 });
}, 60_000);
afterAll(() => h.close());

const result = (name: RegExp) => results.find((r) => name.test(r.name));

describe('the smoke test against the local stack', () => {
  it('sends a complaint by mail and gets its acknowledgement back', () => {
    expect([result(/^mail in: a complaint/)?.ok, result(/^mail in: its receipt/)?.ok]).toEqual([true, true]);
  });

  it(`finds the resident's "${HOSTILE_WORDS}" escaped once in the letter's HTML and as written in its text`, () => {
    expect(result(/^letter:/)).toMatchObject({ ok: true, detail: 'escaped once in HTML, as written in text' });
  });

  it('posts the form, and sends a signed text that is taken while an unsigned one is refused', () => {
    expect([result(/^form:/)?.ok, result(/^SMS:/)?.ok]).toEqual([true, true]);
    expect(result(/^SMS:/)?.detail).toMatch(/^signed 2\d\d, unsigned 4\d\d$/);
  });

  it('opens a case for each of mail, form and text, and starts the state machine for each', () => {
    expect(result(/^cases:/)).toMatchObject({ ok: true, detail: expect.stringMatching(/^3 opened: /) });
    expect(result(/^workflow:/)).toMatchObject({ ok: true, detail: '3 of 3' });
  });

  it('checks that /console answers, and reports it failed while it does not', () => {
    const consoleCheck = result(/^console:/)!;

    expect(consoleCheck.ok).toBe(!/answered 4\d\d/.test(consoleCheck.detail));
  });

  it('cleans up what it made: withdraws each complaint it opened, keeping the record', () => {
    const cleanUps = results.filter((r) => r.name.startsWith('clean up: withdraw '));

    expect(cleanUps.every((r) => r.ok)).toBe(true);
    expect(cleanUps.map((r) => r.name.slice('clean up: withdraw '.length)).sort()).toEqual(result(/^cases:/)!.detail.replace(/^3 opened: /, '').split(', ').sort());
  });

  it('prints a line a check and the count', () => {
    const report = formatReport('local', results).split('\n');

    expect(report[0]).toBe('Redress smoke test against local');
    expect(report.slice(1, -1).every((line) => /^(PASS|FAIL) {2}/.test(line))).toBe(true);
    expect(report.at(-1)).toMatch(/^\d+ passed, \d+ failed$/);
  });

  it('signs texts as the SMS provider does', () => {
    const url = 'https://complaints.example/sms/inbound';
    const params = { MessageSid: 'SM1', From: '+447700900456', To: '+447700900123', Body: 'Hello & <goodbye>' };

    // Twilio's own SDK is the oracle.
    expect(twilioSignature('an-auth-token', url, params)).toBe(twilio.getExpectedTwilioSignature('an-auth-token', url, params));
  });
});
