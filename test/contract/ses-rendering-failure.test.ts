// Issue 16, item 6: SES accepts a templated letter, gives a message id, and then drops it when the data lacks a
// variable (a Rendering Failure event on the configuration set). mail-events must mark that letter undelivered, put it
// on the case, and write the log line the stage's alarm counts. The event is the shape SES publishes through SNS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHandler as mailEventsHandler } from '../../lambdas/mail-events/handler.ts';
import { LETTER_NOT_RENDERED_LOG_MESSAGE } from '../../src/intake/mail-events.ts';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const throughSns = (sesEvent: object) => ({
  Records: [{
    EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: 'arn:aws:sns:eu-west-2:123456789012:redress-mail-events:1',
    Sns: {
      Type: 'Notification', MessageId: '7c1f0a4e-0000-4000-8000-000000000001', TopicArn: 'arn:aws:sns:eu-west-2:123456789012:redress-mail-events',
      Subject: null, Message: JSON.stringify(sesEvent), Timestamp: '2026-12-03T09:05:00.000Z', SignatureVersion: '1', Signature: 'EXAMPLE',
      SigningCertUrl: 'https://sns.eu-west-2.amazonaws.com/x.pem', UnsubscribeUrl: 'https://sns.eu-west-2.amazonaws.com/?Action=Unsubscribe', MessageAttributes: {},
    },
  }],
});

describe('a letter SES could not render', () => {
  it('is marked undelivered, put on the case with SES\'s reason, and logged as the error the alarm counts', async () => {
    await h.sendRaw(residentMail({ from: 'render.fail@example.com', messageId: '<render-fail@example.com>', body: 'I want to make a complaint about the leak.' }), { from: 'render.fail@example.com' });
    const [message] = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === '<render-fail@example.com>');
    const [letter] = await h.redress.intake.letters.lettersForMessage(message!.messageRef);
    const renderingFailure = {
      eventType: 'Rendering Failure',
      mail: { timestamp: '2026-12-03T09:04:59.000Z', source: 'homes@demo.redress.test', messageId: letter!.providerMessageId, destination: ['render.fail@example.com'] },
      failure: { errorMessage: "Attribute 'residentName' is not present in the rendering data.", templateName: `redress-${letter!.template}` },
    };

    expect(await mailEventsHandler(h.redress.intake)(throughSns(renderingFailure))).toEqual(['recorded']);

    expect((await h.redress.intake.letters.getLetter(letter!.letterId))?.status).toBe('bounced');
    const onCase = (await h.redress.intake.cases.events(message!.caseRef!)).find((e) => e.event.type === 'letter-bounced')?.event as { detail: string } | undefined;
    expect(onCase?.detail).toMatch(/^never sent: SES could not render template redress-.*residentName/);
    const logged = h.logger.lines.filter((l) => l.message === LETTER_NOT_RENDERED_LOG_MESSAGE);
    expect(logged.map((l) => [l.level, l.fields.letterId])).toEqual([['error', letter!.letterId]]);
    expect(JSON.stringify(logged)).not.toContain('render.fail@example.com');
  });
});
