// The parts of AWS's event envelopes the functions read. Powertools' parser has full schemas for these, but it
// imports zod in a way that bundles every zod locale (about 350 kB per function): these cover what Redress reads,
// and the tests run them on captured events.
import * as z from 'zod';

/** An SES receipt-rule event (Lambda action), as SES sends it after the rule's S3 action. */
export const SesReceiptEvent = z.object({
  Records: z
    .array(
      z.object({
        eventSource: z.literal('aws:ses'),
        ses: z.object({
          mail: z.object({ messageId: z.string().min(1), source: z.string(), timestamp: z.iso.datetime({ offset: true }) }),
          receipt: z.object({
            recipients: z.array(z.string().min(3)).min(1),
            spamVerdict: z.object({ status: z.string() }),
            virusVerdict: z.object({ status: z.string() }),
          }),
        }),
      }),
    )
    .min(1),
});

/** An SNS notification event: each record carries one message (here, an SES configuration-set event as JSON). */
export const SnsNotificationEvent = z.object({
  Records: z.array(z.object({ EventSource: z.literal('aws:sns'), Sns: z.object({ Message: z.string() }) })).min(1),
});
