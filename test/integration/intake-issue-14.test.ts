// Issue 14, "Intake that survives the real world": poison records, mail over DynamoDB's item limit, automatic mail
// and whom a letter answers. Each test sends real mail over SMTP to the local stack and reads back through the store,
// the staff API and the local SES's mailbox.
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';
import { deliveryIdentity, messageRefFor } from '../../src/core/intake/identity.ts';
import { receiveEmail } from '../../src/intake/email.ts';
import type { MessageLog } from '../../src/ports.ts';
import { readStaffReport } from '../support/staff-report.ts';
import { aCase, aMessage } from '../support/store.ts';

const COMPLAINT = 'I have reported the leak three times and nobody has come. I am very unhappy and want to make a complaint.';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const messagesFrom = async (from: string) => (await h.redress.intake.messages.listMessages('demo')).filter((m) => m.from === from);
const lettersTo = async (address: string) => (await h.sentMail()).filter((m) => m.destination.to.includes(address));
const multipart = (from: string, parts: string[], headers: string[] = []) =>
  [
    `From: ${from}`,
    'To: homes@demo.redress.test',
    'Subject: Photos of the damp',
    `Message-ID: <${Math.random().toString(36).slice(2)}@example.com>`,
    'MIME-Version: 1.0',
    ...headers,
    'Content-Type: multipart/mixed; boundary="part"',
    '',
    ...parts.flatMap((p) => ['--part', p]),
    '--part--',
    '',
  ].join('\r\n');

describe('a malformed mail never takes the staff API down (issue 14, item 2)', () => {
  it('keeps an attachment whose content type cannot be read under a sane type, flagged, and lists it', async () => {
    const raw = multipart('pat@example.com', [
      `Content-Type: text/plain\r\n\r\n${COMPLAINT}`,
      'Content-Type: ; name="x.jpg"\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRgABAQ==',
    ]);

    await h.sendRaw(raw, { from: 'pat@example.com' });

    const [kept] = await messagesFrom('pat@example.com');
    expect(kept!.outcome).toBe('opened-case');
    expect(kept!.attachments).toMatchObject([{ filename: 'x.jpg', contentType: 'application/octet-stream' }]);
    expect(kept!.flags.join(' ')).toContain('no readable content type');
    const report = await readStaffReport(h.redress);
    expect(report.status).toBe(200);
    expect(report.messageRefs).toContain(kept!.messageRef);
  });

  it('skips and reports a row that breaks its schema, answers the list with 200, and still takes the sender\'s next mail', async () => {
    const doc = DynamoDBDocumentClient.from(h.redress.twins.dynamo);
    const poison = { ...aMessage({ messageRef: 'M-POISON000001', from: 'quin@example.com' }), attachments: [{ filename: 'x.jpg', contentType: false, sizeBytes: 3, documentKey: null }] };
    await doc.send(new PutCommand({
      TableName: h.redress.twins.tableName,
      Item: { ...poison, pk: 'MESSAGE#M-POISON000001', sk: 'MESSAGE', gsi1pk: 'SENDER#demo#quin@example.com', gsi1sk: `MESSAGE#${poison.receivedAt}#M-POISON000001`, gsi2pk: 'LANDLORD#demo#MESSAGES', gsi2sk: `${poison.receivedAt}#M-POISON000001` },
    }));
    const badCase = { ...aCase({ caseRef: 'C-POISON00' }), summary: null };
    await doc.send(new PutCommand({ TableName: h.redress.twins.tableName, Item: { ...badCase, pk: 'CASE#C-POISON00', sk: 'CASE', gsi2pk: 'LANDLORD#demo#CASES', gsi2sk: `${badCase.openedAt}#C-POISON00` } }));

    const report = await readStaffReport(h.redress);
    const reply = await h.sendRaw(residentMail({ from: 'quin@example.com', body: COMPLAINT }), { from: 'quin@example.com' });

    expect(report.status).toBe(200);
    expect(report.messageRefs).not.toContain('M-POISON000001');
    expect(report.cases.map((c) => c.caseRef)).not.toContain('C-POISON00');
    expect(reply.response).toMatch(/^250 /);
    expect(await lettersTo('quin@example.com')).toHaveLength(1);
    const warnings = h.logger.lines.filter((l) => l.message === 'unreadable record skipped');
    expect(warnings.map((w) => w.fields.pk)).toEqual(expect.arrayContaining(['MESSAGE#M-POISON000001', 'CASE#C-POISON00']));
    expect(JSON.stringify(warnings)).not.toContain('quin@example.com');
    expect(JSON.stringify(warnings)).not.toContain('damp is back');
  });

  it('keeps a repeat of a mail whose first copy an older version stored broken, instead of refusing it for ever', async () => {
    const messageId = '<poison-again@example.com>';
    const messageRef = messageRefFor(deliveryIdentity({ landlordId: 'demo', channel: 'email', to: 'homes@demo.redress.test', externalId: messageId, contentSha256: '' }));
    const poison = { ...aMessage({ messageRef, externalId: messageId, from: 'ros@example.com' }), attachments: [{ filename: 'x.jpg', contentType: false, sizeBytes: 3, documentKey: null }] };
    await DynamoDBDocumentClient.from(h.redress.twins.dynamo).send(new PutCommand({ TableName: h.redress.twins.tableName, Item: { ...poison, pk: `MESSAGE#${messageRef}`, sk: 'MESSAGE' } }));

    const reply = await h.sendRaw(residentMail({ from: 'ros@example.com', body: COMPLAINT, messageId }), { from: 'ros@example.com' });

    expect(reply.response).toMatch(/^250 /);
    const kept = await h.redress.intake.messages.getMessage(reply.response.match(/M-[0-9A-Z]{12}/)![0]);
    expect(kept).toMatchObject({ outcome: 'unreadable', rawDocumentKey: expect.stringMatching(/^inbound\//) });
    expect(kept!.flags.join(' ')).toContain('could not be kept as read');
  });

  it('refuses to write a record that breaks its schema, naming the field but not its value', async () => {
    const bad = { ...aMessage({ messageRef: 'M-INVALID00001' }), attachments: [{ filename: 'x', contentType: false as unknown as string, sizeBytes: 1, documentKey: null }] };

    await expect(h.redress.intake.messages.saveMessage(bad)).rejects.toMatchObject({ name: 'InvalidRecordError', message: expect.stringContaining('attachments.0.contentType') });
    expect(await h.redress.intake.messages.getMessage('M-INVALID00001')).toBeNull();
  });
});

describe('a mail the store will not keep as read', () => {
  it('is kept as unreadable for a person, with the raw mail, instead of asking the sender to retry for ever', async () => {
    const store = h.redress.intake.messages;
    // A narrow seam: the real store, refusing the parsed record of this one mail as a schema it has never seen would.
    const saveMessage: MessageLog['saveMessage'] = async (message) => {
      if (message.subject === 'Refuse me') throw Object.assign(new Error('message M-X was not written: triage.label: invalid_value'), { name: 'InvalidRecordError' });
      return store.saveMessage(message);
    };
    const refusing: MessageLog = Object.create(store, { saveMessage: { value: saveMessage } });
    const raw = Buffer.from(residentMail({ from: 'xia@example.com', subject: 'Refuse me', body: COMPLAINT }));
    await h.redress.intake.documents.put('inbound/refuse-me.eml', raw, 'message/rfc822');

    const [result] = await receiveEmail({ ...h.redress.intake, messages: refusing }, {
      raw, mailFrom: 'xia@example.com', recipients: ['homes@demo.redress.test'], receivedAt: '2026-11-23T09:00:00Z', rawDocumentKey: 'inbound/refuse-me.eml', deliveryId: 'test:refuse-me',
    });

    expect(result!.outcome).toBe('unreadable');
    const kept = await store.getMessage(result!.messageRef);
    expect(kept!.flags.join(' ')).toContain('could not be kept as read');
    expect(kept!.rawDocumentKey).toBe('inbound/refuse-me.eml');
    expect(await lettersTo('xia@example.com')).toEqual([]);
  });
});

describe('mail over DynamoDB\'s 400 KB item limit is kept, not lost (issue 14, item 4)', () => {
  it('keeps a 5 MB text mail: an excerpt in the message, the whole text as a document, listed for staff', async () => {
    const line = 'The damp in the back bedroom has come back and the mould is on the walls again. ';
    const body = `${COMPLAINT}\n${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}`;

    await h.sendRaw(residentMail({ from: 'ray@example.com', body }), { from: 'ray@example.com' });

    const [kept] = await messagesFrom('ray@example.com');
    expect(kept!.outcome).toBe('opened-case');
    expect(Buffer.byteLength(kept!.body)).toBeLessThanOrEqual(32 * 1024);
    expect(kept!.notes.join(' ')).toContain('the whole text is kept as a document');
    const whole = Buffer.from(await h.redress.intake.documents.get(kept!.bodyDocumentKey!)).toString('utf8');
    expect(whole.length).toBeGreaterThan(5 * 1024 * 1024);
    expect(whole.startsWith(COMPLAINT)).toBe(true);
    expect((await readStaffReport(h.redress)).messageRefs).toContain(kept!.messageRef);
  });

  it('keeps a 20 MB mail with attachments and HTML, each attachment kept or listed, and lists it for staff', async () => {
    const big = (n: number) => Buffer.alloc(n, n % 251).toString('base64').replace(/.{76}/g, '$&\r\n');
    const html = `<p>${COMPLAINT}</p>${'<p>More photos of the mould below the window.</p>'.repeat(20_000)}`;
    const raw = multipart('sam@example.com', [
      `Content-Type: multipart/alternative; boundary="alt"\r\n\r\n--alt\r\nContent-Type: text/plain\r\n\r\n${COMPLAINT}\r\n--alt\r\nContent-Type: text/html\r\n\r\n${html}\r\n--alt--`,
      `Content-Type: image/jpeg; name="one.jpg"\r\nContent-Transfer-Encoding: base64\r\n\r\n${big(6 * 1024 * 1024)}`,
      `Content-Type: image/jpeg; name="two.jpg"\r\nContent-Transfer-Encoding: base64\r\n\r\n${big(7 * 1024 * 1024)}`,
      `Content-Type: application/pdf; name="three.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${big(1024)}`,
    ]);
    expect(raw.length).toBeGreaterThan(18 * 1024 * 1024);

    await h.sendRaw(raw, { from: 'sam@example.com' });

    const [kept] = await messagesFrom('sam@example.com');
    expect(kept!.outcome).toBe('opened-case');
    expect(kept!.attachments.map((a) => [a.filename, a.documentKey !== null])).toEqual([['one.jpg', true], ['two.jpg', true], ['three.pdf', true]]);
    expect(Buffer.from(await h.redress.intake.documents.get(kept!.htmlDocumentKey!)).toString('utf8')).toContain('More photos of the mould');
    expect((await readStaffReport(h.redress)).messageRefs).toContain(kept!.messageRef);
  }, 60_000);

  it('keeps a mail whose headers alone would overflow the item: a huge subject, name and References', async () => {
    const references = Array.from({ length: 5000 }, (_, i) => `<ref-${i}-${'x'.repeat(40)}@example.com>`).join('\r\n ');
    const raw = residentMail({
      from: `"${'Tess '.repeat(20_000)}" <tess@example.com>`,
      subject: `Leak ${'again '.repeat(50_000)}`,
      body: COMPLAINT,
      headers: { References: references },
    });

    const reply = await h.sendRaw(raw, { from: 'tess@example.com' });

    expect(reply.response).toMatch(/^250 /);
    const [kept] = await messagesFrom('tess@example.com');
    expect(kept!.subject!.length).toBeLessThanOrEqual(998);
    expect(kept!.fromName!.length).toBeLessThanOrEqual(200);
    expect(kept!.repliesTo.length).toBeLessThanOrEqual(20);
  });
});

describe('automatic mail is never answered (issue 14, item 5)', () => {
  it.each([
    ['a list post with only List-Id and List-Unsubscribe', 'list-a@example.org', '', { 'List-Id': 'Tenants forum <tenants.example.org>', 'List-Unsubscribe': '<mailto:leave@example.org>' }],
    ['an ezmlm list post (Mailing-List)', 'list-b@example.org', 'list-b@example.org', { 'Mailing-List': 'contact tenants-help@example.org; run by ezmlm' }],
    ['a bounce from a MAILER-DAEMON return path with a bounce subject', 'MAILER-DAEMON@mx.example.org', 'MAILER-DAEMON@mx.example.org', { Subject: 'Undelivered Mail Returned to Sender' }],
    ['a no-reply sender', 'no-reply@portal.example.org', 'bounces@portal.example.org', {}],
  ])('keeps %s without answering it', async (_name, from, envelopeFrom, headers) => {
    const { Subject, ...rest } = headers as Record<string, string>;
    await h.sendRaw(residentMail({ from, subject: Subject ?? 'Leak in the kitchen', body: COMPLAINT, headers: rest }), { from: envelopeFrom });

    const [kept] = await messagesFrom(from.toLowerCase());
    expect(kept).toMatchObject({ outcome: 'automatic', caseRef: null });
    expect(await lettersTo(from)).toEqual([]);
    expect(await lettersTo(from.toLowerCase())).toEqual([]);
  });

  it('answers the Reply-To address a resident gives, and says so on the message', async () => {
    await h.sendRaw(residentMail({ from: 'uma@work.example.com', body: COMPLAINT, headers: { 'Reply-To': 'Uma <uma.home@example.org>' } }), { from: 'uma@work.example.com' });

    const [kept] = await messagesFrom('uma@work.example.com');
    expect(await lettersTo('uma.home@example.org')).toHaveLength(1);
    expect(await lettersTo('uma@work.example.com')).toEqual([]);
    expect(kept!.notes.join(' ')).toContain('Reply-To');
  });

  it('opens the case but writes to nobody when the mail claims to come from our own address', async () => {
    await h.sendRaw(residentMail({ from: 'homes@demo.redress.test', body: COMPLAINT }), { from: 'vic@example.com' });

    const [kept] = await messagesFrom('homes@demo.redress.test');
    expect(kept!.caseRef).not.toBeNull();
    expect(kept!.flags.join(' ')).toContain('no letter can be sent by mail');
    expect(await lettersTo('homes@demo.redress.test')).toEqual([]);
  });
});
