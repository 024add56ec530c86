import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveMessage, type Arrival } from '../../src/intake/receive-message.ts';
import { isWatched } from '../../src/services/complaint-service.ts';
import type { Mailer } from '../../src/ports.ts';
import { openHarness, type Harness } from '../support/local-redress.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const arrival: Arrival = {
  landlordId: 'demo', channel: 'email', receivedAt: '2026-11-23T09:00:00.000Z', from: 'retry@example.com', fromName: null,
  to: 'homes@demo.redress.test', subject: 'Damp again', body: 'Third time I have reported the damp and nobody came. I want to make a complaint.',
  externalId: '<retry@example.com>', contentSha256: 'c'.repeat(64), rawSha256: null, rawDocumentKey: null, attachments: [], repliesTo: [], form: null,
  deliveryId: 'test:1',
};

describe('a delivery that fails part-way, then is retried (a Lambda retry, an SMTP 451 resent)', () => {
  it('carries on where it stopped: one case with its first event, one acknowledgement, no duplicate', async () => {
    let failOnce = true;
    const flaky: Mailer = {
      send: async (mail) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('SES throttled');
        }
        return h.redress.intake.mailer.send(mail);
      },
    };
    const deps = { ...h.redress.intake, mailer: flaky };

    await expect(receiveMessage(deps, arrival)).rejects.toThrow('SES throttled');
    const retried = await receiveMessage(deps, { ...arrival, deliveryId: 'test:2' });

    expect(retried).toMatchObject({ outcome: 'opened-case', caseKind: 'complaint' });
    const kept = (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.externalId === '<retry@example.com>');
    expect(kept.map((m) => m.outcome)).toEqual(['opened-case']);
    const events = await h.redress.intake.cases.events(retried.caseRef!);
    expect(events.filter((e) => e.event.type === 'received')).toHaveLength(1);
    expect((await h.sentMail()).filter((m) => m.destination.to.includes('retry@example.com'))).toHaveLength(1);
  });
});

describe('a complaint logged by an attempt that stopped before starting its state machine', () => {
  it('is followed once the retry has run: the retry starts the first run, named after the case', async () => {
    const starts: string[] = [];
    let failOnce = true;
    const real = h.redress.intake.workflow;
    const deps = {
      ...h.redress.intake,
      workflow: {
        ...real,
        startComplaint: async (input: { caseRef: string; landlordId: string }) => {
          starts.push(input.caseRef);
          if (failOnce) {
            failOnce = false;
            throw new Error('Step Functions throttled');
          }
          return real.startComplaint(input);
        },
      },
    };
    const second = { ...arrival, externalId: '<retry-run@example.com>', from: 'retry-run@example.com', contentSha256: 'd'.repeat(64), deliveryId: 'run:1' };

    await expect(receiveMessage(deps, second)).rejects.toThrow('Step Functions throttled');
    const retried = await receiveMessage(deps, { ...second, deliveryId: 'run:2' });

    expect(retried).toMatchObject({ outcome: 'opened-case', caseKind: 'complaint' });
    expect(starts).toEqual([retried.caseRef, retried.caseRef]);
    const events = await h.redress.intake.cases.events(retried.caseRef!);
    expect(events.filter((e) => e.event.type === 'received')).toHaveLength(1);
    expect(isWatched(events)).toBe(true);
    expect((await h.sentMail()).filter((m) => m.destination.to.includes('retry-run@example.com'))).toHaveLength(1);
  });
});
