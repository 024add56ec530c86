import * as z from 'zod';
import type { CaseStore, LetterLog, Logger } from '../ports.ts';

/** The parts of an SES configuration-set event (via SNS) Redress acts on. */
export const SesMailEvent = z.object({
  eventType: z.string(),
  mail: z.object({ messageId: z.string(), timestamp: z.string().optional() }),
  bounce: z.object({ bounceType: z.string(), bounceSubType: z.string().optional(), timestamp: z.string().optional() }).optional(),
  complaint: z.object({ complaintFeedbackType: z.string().optional(), timestamp: z.string().optional() }).optional(),
  deliveryDelay: z.object({ delayType: z.string().optional(), timestamp: z.string().optional() }).optional(),
  /** A Rendering Failure: SES accepted a templated letter, then could not render it and dropped it. */
  failure: z.object({ templateName: z.string().optional(), errorMessage: z.string().optional() }).optional(),
});
export type SesMailEvent = z.infer<typeof SesMailEvent>;

export interface MailEventDeps {
  readonly letters: LetterLog;
  readonly cases: CaseStore;
  readonly logger: Logger;
  readonly clock: { now(): Date };
}

/** The log line written when SES drops a letter it could not render; the stage's alarm counts it. */
export const LETTER_NOT_RENDERED_LOG_MESSAGE = 'letter not rendered by SES';

const KINDS = ['bounce', 'complaint', 'deliverydelay', 'rendering failure'];

/**
 * Links a bounce, spam complaint or long delivery delay of one of our letters back to its case, so staff reach the
 * resident another way. A transient bounce is recorded but the letter is not marked undeliverable. A rendering
 * failure (SES accepted the letter, then dropped it because its data lacked a variable the template names) marks the
 * letter undelivered too, and is logged as an error: the resident was told nothing.
 */
export async function recordMailEvent(deps: MailEventDeps, event: SesMailEvent): Promise<'recorded' | 'not-ours' | 'ignored'> {
  const kind = event.eventType.toLowerCase();
  if (!KINDS.includes(kind)) return 'ignored';
  const letter = await deps.letters.letterByProviderMessageId(event.mail.messageId);
  if (!letter) {
    deps.logger.warn('mail event for a letter Redress does not know', { eventType: event.eventType });
    return 'not-ours';
  }
  const notRendered = kind === 'rendering failure';
  const permanent = (kind === 'bounce' && event.bounce?.bounceType === 'Permanent') || notRendered;
  if (permanent) await deps.letters.markLetterBounced(letter.letterId);
  const detail =
    kind === 'bounce'
      ? `${event.bounce?.bounceType ?? 'unknown'} bounce${event.bounce?.bounceSubType ? ` (${event.bounce.bounceSubType})` : ''}`
      : kind === 'complaint'
        ? 'the resident\'s mail provider reported the letter as spam'
        : notRendered
          ? `never sent: SES could not render template ${event.failure?.templateName ?? letter.template} (${event.failure?.errorMessage ?? 'no reason given'})`
          : 'delivery delayed';
  if (letter.caseRef) {
    const at = deps.clock.now().toISOString();
    await deps.cases.appendEvent(letter.caseRef, { recordedAt: at, by: 'redress', event: { type: 'letter-bounced', at, letterId: letter.letterId, messageRef: null, detail } });
  }
  if (notRendered) {
    // The template's name and SES's reason name a variable, never a value: no personal data.
    deps.logger.error(LETTER_NOT_RENDERED_LOG_MESSAGE, { caseRef: letter.caseRef, landlordId: letter.landlordId, letterId: letter.letterId, detail });
    return 'recorded';
  }
  deps.logger.warn('a letter did not reach the resident', { caseRef: letter.caseRef, landlordId: letter.landlordId, letterId: letter.letterId, detail });
  return 'recorded';
}
