// The local twin of SES receiving: an SMTP server on 127.0.0.1 that accepts mail for the landlords' addresses,
// keeps the raw bytes in S3 (s3rver) the way the receipt rule's S3 action does, and hands them to the same intake code.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { sha256Hex } from '../src/core/intake/identity.ts';
import { errorFields } from '../src/adapters/logging/error-fields.ts';
import { receiveEmail, type MailIntakeDeps } from '../src/intake/email.ts';

export interface SmtpInbox {
  readonly port: number;
  close(): Promise<void>;
}

export interface SmtpInboxOptions {
  readonly port?: number;
  /** Larger mail is refused with 552. Default 25 MB, the most the AWS intake function handles. */
  readonly maxMessageBytes?: number;
}

/** The local inbox's size limit: the same as the AWS intake function's (SES itself accepts up to 40 MB). */
export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

type SmtpError = Error & { responseCode?: number };
const smtpError = (code: number, message: string): SmtpError => Object.assign(new Error(message), { responseCode: code });

/** Starts the SMTP inbox; mail for an address no landlord uses is refused at RCPT TO with 550. */
export async function startSmtpInbox(deps: MailIntakeDeps, options: SmtpInboxOptions = {}): Promise<SmtpInbox> {
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: maxMessageBytes,
    logger: false,
    banner: 'Redress local inbox',
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error | null) => void) {
      if (deps.landlords.forAddress(address.address)) return callback();
      return callback(smtpError(550, `5.1.1 no landlord receives mail at ${address.address}`));
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null, message?: string) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        // smtp-server only flags an oversized message: refusing it is ours to do (FACTS.md §5).
        if (stream.sizeExceeded) {
          deps.logger.warn('mail refused: over the size limit', { limitBytes: maxMessageBytes });
          return callback(smtpError(552, `5.3.4 message exceeds fixed maximum message size ${maxMessageBytes}`));
        }
        const raw = Buffer.concat(chunks);
        const receivedAt = deps.clock.now().toISOString();
        const rawDocumentKey = `inbound/${receivedAt.slice(0, 10)}/${sha256Hex(raw)}.eml`;
        const mailFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        deps.documents
          .put(rawDocumentKey, raw, 'message/rfc822')
          .then(() =>
            receiveEmail(deps, {
              raw,
              mailFrom,
              recipients: session.envelope.rcptTo.map((r) => r.address),
              receivedAt,
              rawDocumentKey,
              deliveryId: `smtp:${session.id}:${session.transaction}`,
            }),
          )
          .then(
            (results) => callback(null, `Kept as ${results.map((r) => r.messageRef).join(', ')}`),
            (error: unknown) => {
              // The raw mail may be kept, but intake did not finish: ask the sender to try again (a retry resumes it).
              deps.logger.error('mail not handled: asked the sender to retry', { ...errorFields(error), rawDocumentKey });
              callback(smtpError(451, '4.3.0 temporary failure, please try again'));
            },
          );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
