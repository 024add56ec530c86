// Issue 14, "How to keep it fixed": every mail in test/fixtures/mail (bounces from many MTAs, automatic replies, abuse
// reports, list posts, broken MIME and charsets) and the generated giants, sent over SMTP to the local stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeMail, generatedMails, loadMailCorpus, type CorpusMail } from '../support/mail-corpus.ts';
import { openHarness, type Harness } from '../support/local-redress.ts';
import { readStaffReport } from '../support/staff-report.ts';

const SMTP_LIMIT_BYTES = 4 * 1024 * 1024;

interface Delivery {
  readonly mail: CorpusMail;
  readonly code: number;
  readonly messageRefs: readonly string[];
}

let h: Harness;
const deliveries: Delivery[] = [];

beforeAll(async () => {
  h = await openHarness({ maxMessageBytes: SMTP_LIMIT_BYTES });
  const tooBig = describeMail('huge-over-the-limit.eml', Buffer.from(`From: big@example.com\nSubject: too big\n\n${'x'.repeat(SMTP_LIMIT_BYTES + 1024)}`));
  const queue = [...loadMailCorpus(), ...generatedMails({ largeBytes: 600 * 1024 }), tooBig];
  // Four SMTP clients at once, as a busy relay would deliver; each mail is independent of the others.
  const send = async (): Promise<void> => {
    for (let mail = queue.shift(); mail; mail = queue.shift()) {
      try {
        const { response } = await h.sendRaw(mail.raw, { from: mail.envelopeFrom });
        deliveries.push({ mail, code: Number(response.slice(0, 3)), messageRefs: response.match(/M-[0-9A-Z]{12}/g) ?? [] });
      } catch (error) {
        deliveries.push({ mail, code: (error as { responseCode?: number }).responseCode ?? 0, messageRefs: [] });
      }
    }
  };
  await Promise.all([send(), send(), send(), send()]);
}, 60_000);
afterAll(() => h.close());

const accepted = () => deliveries.filter((d) => d.code === 250);

describe('the mail corpus over SMTP', () => {
  it('holds mail of every kind the issue names', () => {
    const names = deliveries.map((d) => d.mail.name);

    for (const prefix of ['bounce-', 'auto-', 'report-arf', 'report-read', 'list-', 'broken-', 'resident-', 'huge-']) {
      expect(names.filter((n) => n.startsWith(prefix)).length, prefix).toBeGreaterThan(0);
    }
    expect(names.length).toBeGreaterThan(60);
  });

  it('accepts every mail or refuses it for good with a 5xx, and leaves none on a temporary 451', () => {
    const answers = deliveries.map((d) => `${d.mail.name} ${d.code}`);

    expect(answers.filter((a) => !/ (250|5\d\d)$/.test(a))).toEqual([]);
    expect(deliveries.find((d) => d.mail.name === 'huge-over-the-limit.eml')?.code).toBe(552);
    expect(h.logger.lines.filter((l) => l.message === 'mail not handled: asked the sender to retry')).toEqual([]);
  });

  it('keeps every accepted mail under a message reference', () => {
    expect(accepted().filter((d) => d.messageRefs.length === 0).map((d) => d.mail.name)).toEqual([]);
  });

  it('never writes to an address named by a bounce, report, automatic reply or list post', async () => {
    const automatic = new Set(deliveries.filter((d) => d.mail.automatic).flatMap((d) => d.mail.addresses));
    const letters = await h.sentMail();

    const answered = letters.flatMap((l) => l.destination.to).map((a) => a.toLowerCase()).filter((a) => automatic.has(a));

    expect(automatic.size).toBeGreaterThan(30);
    expect(answered).toEqual([]);
    expect(letters.flatMap((l) => l.destination.to).filter((a) => a.toLowerCase().endsWith('@demo.redress.test'))).toEqual([]);
  });

  it('records every automatic mail as automatic or a bounce, never as a case', async () => {
    const automaticRefs = new Set(deliveries.filter((d) => d.mail.automatic).flatMap((d) => d.messageRefs));
    const kept = (await h.redress.intake.messages.listMessages('demo')).filter((m) => automaticRefs.has(m.messageRef));

    expect(kept.length).toBe(automaticRefs.size);
    expect(kept.filter((m) => !['automatic', 'bounce', 'duplicate'].includes(m.outcome)).map((m) => `${m.messageRef} ${m.outcome}`)).toEqual([]);
  });

  it('answers the people in it, at the address they asked to be answered at', async () => {
    const letters = (await h.sentMail()).flatMap((l) => l.destination.to);

    expect(letters).toContain('sue.resident@example.com');
    expect(letters).toContain('tom.home@example.org');
    expect(letters).not.toContain('tom@work.example.com');
    expect(letters).toContain('rae.resident@example.org');
    expect(letters).not.toContain('noreply@forms.example.com');
  });

  it('lists every accepted mail in the staff API', async () => {
    const report = await readStaffReport(h.redress);

    expect(report.status).toBe(200);
    expect(accepted().flatMap((d) => d.messageRefs.filter((ref) => !report.messageRefs.has(ref)).map((ref) => `${d.mail.name} ${ref}`))).toEqual([]);
    expect(h.logger.lines.filter((l) => l.message === 'unreadable record skipped')).toEqual([]);
  });
});
