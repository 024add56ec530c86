// Issue 14, item 6: when intake fails, the SMTP inbox asks the sender to retry and logs one structured line that says
// what went wrong, with no personal data.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpInbox, type SmtpInbox } from '../../local/smtp-inbox.ts';
import { MemoryLogger, openHarness, residentMail, type Harness } from '../support/local-redress.ts';

let h: Harness;
let inbox: SmtpInbox;
const logger = new MemoryLogger();
beforeAll(async () => {
  h = await openHarness();
  // A narrow seam: the real intake, with a document store that has gone away.
  const documents = { put: async () => { throw new Error('the bucket refused inbound/x.eml for ann@example.com'); }, get: h.redress.intake.documents.get.bind(h.redress.intake.documents) };
  inbox = await startSmtpInbox({ ...h.redress.intake, documents, logger });
});
afterAll(async () => {
  await inbox.close();
  await h.close();
});

describe('the SMTP inbox when intake fails', () => {
  it('answers 451 and logs the error\'s name and message on one line, the address masked', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: inbox.port, secure: false, ignoreTLS: true });

    const sending = transport.sendMail({ envelope: { from: 'ann@example.com', to: ['homes@demo.redress.test'] }, raw: residentMail({ from: 'ann@example.com' }) });

    await expect(sending).rejects.toMatchObject({ responseCode: 451 });
    const [line] = logger.lines.filter((l) => l.message === 'mail not handled: asked the sender to retry');
    expect(line!.fields).toMatchObject({ error: 'Error', errorMessage: 'the bucket refused inbound/x.eml for <address>' });
    expect(JSON.stringify(logger.lines)).not.toContain('ann@example.com');
    transport.close();
  });
});
