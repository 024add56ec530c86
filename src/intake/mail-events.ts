import * as z from 'zod';
import type { CaseStore, LetterLog, Logger } from '../ports.ts';

/** The parts of an SES configuration-set event (via SNS) Redress acts on. */
export const SesMailEvent = z.object({
  eventType: z.string(),
  mail: z.object({ messageId: z.string(), timestamp: z.string().optional() }),
  bounce: z.object({ bounceType: z.string(), bounceSubType: z.string().optional(), timestamp: z.string().optional() }).optional(),
  complaint: z.object({ complaintFeedbackType: z.string().optional(), timestamp: z.string().optional() }).optional(),
  deliveryDelay: z.object({ delayType: z.string().optional(), timestamp: z.string().optional() }).optional(),
});
export type SesMailEvent = z.infer<typeof SesMailEvent>;

export interface MailEventDeps {
  readonly letters: LetterLog;
  readonly cases: CaseStore;
  readonly logger: Logger;
  readonly clock: { now(): Date };
}

/**
 * Links a bounce, spam complaint or long delivery delay of one of our letters back to its case, so staff reach the
 * resident another way. A transient bounce is recorded but the letter is not marked undeliverable.
 */
export async function recordMailEvent(deps: MailEventDeps, event: SesMailEvent): Promise<'recorded' | 'not-ours' | 'ignored'> {
  const kind = event.eventType.toLowerCase();
  if (!['bounce', 'complaint', 'deliverydelay'].includes(kind)) return 'ignored';
  const letter = await deps.letters.letterByProviderMessageId(event.mail.messageId);
  if (!letter) {
    deps.logger.warn('mail event for a letter Redress does not know', { eventType: event.eventType });
    return 'not-ours';
  }
  const permanent = kind === 'bounce' && event.bounce?.bounceType === 'Permanent';
  if (permanent) await deps.letters.markLetterBounced(letter.letterId);
  const detail =
    kind === 'bounce'
      ? `${event.bounce?.bounceType ?? 'unknown'} bounce${event.bounce?.bounceSubType ? ` (${event.bounce.bounceSubType})` : ''}`
      : kind === 'complaint'
        ? 'the resident\'s mail provider reported the letter as spam'
        : 'delivery delayed';
  if (letter.caseRef) {
    const at = deps.clock.now().toISOString();
    await deps.cases.appendEvent(letter.caseRef, { recordedAt: at, by: 'redress', event: { type: 'letter-bounced', at, letterId: letter.letterId, messageRef: null, detail } });
  }
  deps.logger.warn('a letter did not reach the resident', { caseRef: letter.caseRef, landlordId: letter.landlordId, letterId: letter.letterId, detail });
  return 'recorded';
}
