import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema.ts';
import { sha256Hex } from '../core/intake/identity.ts';
import { receiveMessage, type IntakeDeps } from '../intake/receive-message.ts';
import { isValidTwilioSignature } from '../intake/twilio-signature.ts';

/** What the SMS webhook needs beyond intake: the account's auth token and the URL Twilio was given. */
export interface SmsWebhookDeps {
  readonly intake: IntakeDeps;
  /** Read when a request comes in, so a rotated token needs no restart. */
  authToken(): Promise<string>;
  /** The public URL of this webhook exactly as configured at the provider: the signature covers it. */
  webhookUrl(): string;
  readonly maxBodyBytes?: number;
}

const TwilioInbound = lazySchema(() => z.object({
  MessageSid: z.string().regex(/^[A-Za-z0-9]{10,64}$/),
  From: z.string().min(3).max(40),
  To: z.string().min(3).max(40),
  Body: z.string().max(1600),
}));

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const twiml = (message: string | null) =>
  `<?xml version="1.0" encoding="UTF-8"?><Response>${message ? `<Message>${xml(message)}</Message>` : ''}</Response>`;

/** `POST /sms/inbound`: Twilio's form-encoded webhook, signed in `X-Twilio-Signature`; the reply is TwiML. */
export function makeSmsWebhook(deps: SmsWebhookDeps): Hono {
  const app = new Hono();
  const logger = deps.intake.logger;
  app.post(
    '/sms/inbound',
    bodyLimit({ maxSize: deps.maxBodyBytes ?? 16 * 1024, onError: (c) => c.text('request body too large', 413) }),
    async (c) => {
      if (!(c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) return c.text('expected a form-encoded body', 415);
      const form = await c.req.parseBody();
      const params = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'));
      if (!isValidTwilioSignature(await deps.authToken(), c.req.header('x-twilio-signature'), deps.webhookUrl(), params)) {
        logger.warn('SMS webhook refused: missing or wrong signature', { hasSignature: c.req.header('x-twilio-signature') !== undefined });
        return c.text('forbidden', 403);
      }
      const parsed = TwilioInbound.safeParse(params);
      if (!parsed.success) {
        logger.warn('SMS webhook refused: fields missing or malformed', { problems: parsed.error.issues.map((i) => i.path.join('.')) });
        return c.text(`bad request: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`, 400);
      }
      const sms = parsed.data;
      const policy = deps.intake.landlords.forNumber(sms.To);
      if (!policy) {
        logger.warn('SMS for a number no landlord uses', { messageSid: sms.MessageSid });
        return c.text('no landlord uses this number', 404);
      }
      const receivedAt = deps.intake.clock.now().toISOString();
      const result = await receiveMessage(deps.intake, {
        landlordId: policy.landlordId,
        channel: 'sms',
        receivedAt,
        from: sms.From,
        fromName: null,
        to: sms.To,
        subject: null,
        body: sms.Body,
        externalId: sms.MessageSid,
        contentSha256: sha256Hex(JSON.stringify([sms.From, sms.To, sms.Body])),
        rawSha256: null,
        rawDocumentKey: null,
        attachments: [],
        repliesTo: [],
        form: null,
        deliveryId: `sms:${c.req.header('i-twilio-idempotency-token') ?? receivedAt}`,
      });
      // A retried webhook gets an empty reply: the resident has had one answer already.
      return c.body(twiml(result.outcome === 'duplicate' ? null : result.textReply), 200, { 'content-type': 'text/xml; charset=utf-8' });
    },
  );
  return app;
}
