import { describe, expect, it } from 'vitest';
import { waitedFor, whyWaiting } from '../../../src/http/console/work-queue.ts';
import { aMessage } from '../../support/store.ts';

describe('how long a message has waited, and why', () => {
  it.each([
    ['2026-12-03T09:59:00Z', '1 minute'],
    ['2026-12-03T07:30:00Z', '2 hours'],
    ['2026-12-01T11:00:00Z', '47 hours'],
    ['2026-12-01T09:00:00Z', '2 days'],
    ['2026-11-20T10:00:00Z', '13 days'],
  ])('a message received at %s has waited %s at 10:00 on 3 December', (receivedAt, waited) => {
    expect(waitedFor(receivedAt, new Date('2026-12-03T10:00:00Z'))).toBe(waited);
  });

  it('quotes the classifier\'s reasons when it was unsure, and says when there were only attachments', () => {
    const message = aMessage({
      body: '',
      attachments: [{ filename: 'photo.jpg', contentType: 'image/jpeg', sizeBytes: 1000, documentKey: 'attachments/x' }],
      triage: { label: 'other', confidence: 0.58, reasons: ['nothing marks it as a complaint'], handling: 'record-only', needsReview: true, offerComplaintChoice: false },
      flags: ['Message-ID reused by a different message'],
    });

    expect(whyWaiting(message)).toEqual([
      'Only attachments: nothing written in the message.',
      'Triage was unsure (other, confidence 0.58):',
      '“nothing marks it as a complaint”',
      'Message-ID reused by a different message',
    ]);
  });
});
