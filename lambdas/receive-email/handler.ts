// Invoked by the SES receipt rule after its S3 action kept the raw mail under `inbound/<SES message id>`.
import { SesReceiptEvent } from '../../src/adapters/events/aws-events.ts';
import { receiveEmail, type MailIntakeDeps } from '../../src/intake/email.ts';
import type { IntakeResult } from '../../src/intake/receive-message.ts';
// Every mail is classified, so the classifier is part of this function's cold start (imported here, the chunk that
// intake imports on first use is already loaded); the HTTP function leaves it to its first message.
import '../../src/core/triage/classify.ts';
import { mailIntakeDepsFromEnv } from '../../src/wiring.ts';

/** SES accepts up to 40 MB; Redress handles up to this and records larger mail as too large. */
export const MAX_MAIL_BYTES = 25 * 1024 * 1024;

export const rawMailKey = (sesMessageId: string) => `inbound/${sesMessageId}`;

/** The seam: production passes AWS adapters, tests pass the local twins. */
export const makeHandler = (deps: MailIntakeDeps) => async (event: unknown): Promise<IntakeResult[]> => {
  const parsed = SesReceiptEvent.parse(event);
  const results: IntakeResult[] = [];
  for (const record of parsed.Records) {
    const { mail, receipt } = record.ses;
    const rawDocumentKey = rawMailKey(mail.messageId);
    const raw = await deps.documents.get(rawDocumentKey);
    results.push(
      ...(await receiveEmail(deps, {
        raw: raw.byteLength > MAX_MAIL_BYTES ? raw.subarray(0, 64 * 1024) : raw,
        mailFrom: mail.source,
        recipients: receipt.recipients,
        receivedAt: new Date(mail.timestamp).toISOString(),
        rawDocumentKey,
        deliveryId: `ses:${mail.messageId}`,
        verdicts: { spam: receipt.spamVerdict.status, virus: receipt.virusVerdict.status },
        tooLarge: raw.byteLength > MAX_MAIL_BYTES,
      })),
    );
  }
  return results;
};

const deps = process.env.REDRESS_TABLE_NAME ? mailIntakeDepsFromEnv() : null;

// A Lambda retry or a second SES delivery of the same mail needs no idempotency table: the delivery id
// (`ses:<SES message id>`) and the message's lease make intake handle it once, and keep a repeat as a duplicate.
export const handler = deps
  ? makeHandler(deps)
  : async () => {
      throw new Error('REDRESS_TABLE_NAME is not set: this handler runs on AWS (locally, npm start runs the same intake)');
    };
