import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHandler as receiveEmailHandler, rawMailKey } from '../../lambdas/receive-email/handler.ts';
import { makeHandler as mailEventsHandler } from '../../lambdas/mail-events/handler.ts';
import { receiveEmail } from '../../src/intake/email.ts';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';

// The AWS entry points, driven through their seams with captured event shapes and the local twins behind them.
const sesEvent = JSON.parse(readFileSync(new URL('../fixtures/events/ses-receipt.json', import.meta.url), 'utf8'));
const withVerdicts = (id: string, spam: string, virus: string) => {
  const event = structuredClone(sesEvent);
  event.Records[0].ses.mail.messageId = id;
  event.Records[0].ses.receipt.spamVerdict.status = spam;
  event.Records[0].ses.receipt.virusVerdict.status = virus;
  return event;
};
const complaintMail = (from: string, id: string) =>
  residentMail({ from, messageId: id, body: 'Third time I have reported the leak. I am unhappy and want to make a complaint.' });

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

describe('the receive-email function (SES receipt rule → S3 → Lambda)', () => {
  it('reads the raw mail the S3 action kept and opens the complaint; a repeat invocation is kept as a duplicate', async () => {
    const event = withVerdicts('seslambda0001', 'PASS', 'PASS');
    await h.redress.intake.documents.put(rawMailKey('seslambda0001'), Buffer.from(complaintMail('ann.lambda@example.com', '<lambda-1@example.com>')), 'message/rfc822');
    const handler = receiveEmailHandler(h.redress.intake);

    const [first] = await handler(event);
    const [again] = await handler(event);

    expect(first).toMatchObject({ outcome: 'opened-case', caseKind: 'complaint' });
    expect(again).toMatchObject({ outcome: 'duplicate', duplicateOf: first!.messageRef });
  });

  it.each([
    ['spam', 'FAIL', 'PASS'],
    ['virus', 'PASS', 'FAIL'],
  ])('honours the SES %s verdict: kept, not answered, no case', async (outcome, spam, virus) => {
    const id = `seslambda${outcome}`;
    const from = `${outcome}@example.com`;
    await h.redress.intake.documents.put(rawMailKey(id), Buffer.from(complaintMail(from, `<${id}@example.com>`)), 'message/rfc822');

    const [result] = await receiveEmailHandler(h.redress.intake)(withVerdicts(id, spam, virus));

    expect(result).toMatchObject({ outcome, caseRef: null, receipt: null });
    expect((await h.sentMail()).filter((m) => m.destination.to.includes(from))).toEqual([]);
  });

  it('records mail over its size limit as too large, without handling it', async () => {
    const [result] = await receiveEmail(h.redress.intake, {
      raw: Buffer.from(complaintMail('huge@example.com', '<huge@example.com>')), mailFrom: 'huge@example.com', recipients: ['homes@demo.redress.test'],
      receivedAt: '2026-11-23T09:00:00.000Z', rawDocumentKey: rawMailKey('huge'), deliveryId: 'ses:huge', tooLarge: true,
    });

    expect(result).toMatchObject({ outcome: 'too-large', caseRef: null, receipt: null });
  });

  it('refuses an event that is not an SES receipt', async () => {
    await expect(receiveEmailHandler(h.redress.intake)({ Records: [{ nope: true }] })).rejects.toThrow();
  });
});

describe('the mail-events function (SES configuration set → SNS → Lambda)', () => {
  it('links a permanent bounce of a letter to its case and marks the letter undeliverable', async () => {
    await h.sendRaw(complaintMail('bounce.event@example.com', '<bounce-event@example.com>'), { from: 'bounce.event@example.com' });
    const [message] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === '<bounce-event@example.com>');
    const [letter] = await h.redress.intake.letters.lettersForMessage(message!.messageRef);
    const sesEventJson = { eventType: 'Bounce', mail: { messageId: letter!.providerMessageId }, bounce: { bounceType: 'Permanent', bounceSubType: 'General' } };
    const snsEvent = {
      Records: [{
        EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: 'arn:aws:sns:eu-west-1:123456789012:redress-mail-events:1',
        Sns: {
          Type: 'Notification', MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e', TopicArn: 'arn:aws:sns:eu-west-1:123456789012:redress-mail-events',
          Subject: null, Message: JSON.stringify(sesEventJson), Timestamp: '2026-11-23T09:05:00.000Z', SignatureVersion: '1', Signature: 'EXAMPLE',
          SigningCertUrl: 'https://sns.eu-west-1.amazonaws.com/x.pem', UnsubscribeUrl: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe', MessageAttributes: {},
        },
      }],
    };

    expect(await mailEventsHandler(h.redress.intake)(snsEvent)).toEqual(['recorded']);

    expect((await h.redress.intake.letters.getLetter(letter!.letterId))?.status).toBe('bounced');
    const events = await h.redress.intake.cases.events(message!.caseRef!);
    expect(events.find((e) => e.event.type === 'letter-bounced')?.event).toMatchObject({ detail: 'Permanent bounce (General)' });
  });
});
