import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, residentMail, type Harness } from '../support/local-redress.ts';

const COMPLAINT = 'I have reported the leak three times and nobody has come. I am very unhappy and want to make a complaint.';

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ maxMessageBytes: 200_000 });
});
afterAll(() => h.close());

const messages = () => h.redress.intake.messages.listMessages('demo');
const messageById = async (externalId: string) => (await messages()).filter((m) => m.externalId === externalId);
const lettersTo = async (address: string) => (await h.sentMail()).filter((m) => m.destination.to.includes(address));

describe('mail to homes@ over SMTP', () => {
  it('opens a complaint, answers it once with its reference, and starts its case handling', async () => {
    await h.sendRaw(residentMail({ from: 'ann@example.com', subject: 'Leak again', body: COMPLAINT, messageId: '<complaint-1@example.com>' }), { from: 'ann@example.com' });

    const [message] = await messageById('<complaint-1@example.com>');
    expect(message).toMatchObject({ outcome: 'opened-case', triage: { label: 'complaint' } });
    expect(message!.caseRef).toMatch(/^C-[0-9A-Z]{8}$/);
    expect(message!.triage!.reasons.length).toBeGreaterThan(0);
    expect(h.workflow.started).toContainEqual({ caseRef: message!.caseRef, landlordId: 'demo' });
    const [letter, ...more] = await lettersTo('ann@example.com');
    expect(more).toEqual([]);
    expect(letter!.subject).toContain(message!.caseRef!);
    expect(letter!.headers).toContainEqual({ name: 'Auto-Submitted', value: 'auto-generated' });
    expect(letter!.body.text).toContain('Housing Ombudsman');
  });

  it('keeps a second delivery of the same mail as a duplicate: one case, one acknowledgement', async () => {
    const raw = residentMail({ from: 'bob@example.com', body: COMPLAINT, messageId: '<twice@example.com>' });
    await h.sendRaw(raw, { from: 'bob@example.com' });
    await h.sendRaw(raw, { from: 'bob@example.com' });

    const kept = await messageById('<twice@example.com>');
    expect(kept.map((m) => m.outcome).sort()).toEqual(['duplicate', 'opened-case']);
    const first = kept.find((m) => m.outcome === 'opened-case')!;
    expect(kept.find((m) => m.outcome === 'duplicate')).toMatchObject({ duplicateOf: first.messageRef, caseRef: first.caseRef });
    expect(await lettersTo('bob@example.com')).toHaveLength(1);
    expect(h.workflow.started.filter((s) => s.caseRef === first.caseRef)).toHaveLength(1);
  });

  it('keeps a different mail that reuses a Message-ID, flagged, instead of losing it', async () => {
    await h.sendRaw(residentMail({ from: 'cat@example.com', body: 'Please can someone fix my fence?', messageId: '<reused@example.com>' }), { from: 'cat@example.com' });
    await h.sendRaw(residentMail({ from: 'cat@example.com', body: 'Also the gate is broken, please fix it.', messageId: '<reused@example.com>' }), { from: 'cat@example.com' });

    const kept = await messageById('<reused@example.com>');
    expect(kept).toHaveLength(2);
    expect(kept.every((m) => m.outcome !== 'duplicate')).toBe(true);
    expect(kept.some((m) => m.flags.some((f) => f.includes('used before by a different message')))).toBe(true);
  });

  it('treats the same bytes twice as one mail when there is no Message-ID', async () => {
    const raw = residentMail({ from: 'dee@example.com', body: 'My boiler is not working, please send someone.', messageId: null });
    await h.sendRaw(raw, { from: 'dee@example.com' });
    await h.sendRaw(raw, { from: 'dee@example.com' });

    const kept = (await messages()).filter((m) => m.from === 'dee@example.com');
    expect(kept.map((m) => m.outcome).sort()).toEqual(['duplicate', 'opened-case']);
  });

  it.each([
    ['RFC 3834 Auto-Submitted', { 'Auto-Submitted': 'auto-replied' }, 'Leak'],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }, 'Leak'],
    ['Precedence: bulk', { Precedence: 'bulk' }, 'Newsletter'],
    ['an out-of-office subject', {}, 'Out of Office: back Monday'],
  ])('keeps automatic mail (%s) and never answers it or opens a case', async (_name, headers, subject) => {
    const from = `auto-${subject.length}-${Object.keys(headers).join('')}@example.com`.toLowerCase();
    await h.sendRaw(residentMail({ from, subject, headers, body: COMPLAINT }), { from });

    const [kept] = (await messages()).filter((m) => m.from === from);
    expect(kept).toMatchObject({ outcome: 'automatic', caseRef: null });
    expect(await lettersTo(from)).toEqual([]);
  });

  it('keeps mail from the null return path and never answers it', async () => {
    await h.sendRaw(residentMail({ from: 'mailer@example.net', subject: 'Notice', body: COMPLAINT }), { from: '' });

    const [kept] = (await messages()).filter((m) => m.from === 'mailer@example.net');
    expect(kept?.outcome).toBe('automatic');
    expect(await lettersTo('mailer@example.net')).toEqual([]);
  });

  it('handles Auto-Submitted: no as a person writing', async () => {
    await h.sendRaw(residentMail({ from: 'eve@example.com', headers: { 'Auto-Submitted': 'no' }, body: COMPLAINT }), { from: 'eve@example.com' });

    const [kept] = (await messages()).filter((m) => m.from === 'eve@example.com');
    expect(kept?.outcome).toBe('opened-case');
  });

  it('links a bounce of one of our letters to its case and flags it, without answering', async () => {
    await h.sendRaw(residentMail({ from: 'gone@example.com', body: COMPLAINT, messageId: '<to-bounce@example.com>' }), { from: 'gone@example.com' });
    const [complaint] = await messageById('<to-bounce@example.com>');
    const [letter] = await h.redress.intake.letters.lettersForMessage(complaint!.messageRef);
    const report = [
      'From: Mail Delivery System <MAILER-DAEMON@example.com>',
      'To: homes@demo.redress.test',
      'Subject: Undelivered Mail Returned to Sender',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.com',
      '',
      'Final-Recipient: rfc822; gone@example.com',
      'Action: failed',
      'Status: 5.1.1',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `X-Redress-Letter: ${letter!.letterId}`,
      'Auto-Submitted: auto-generated',
      'To: gone@example.com',
      '--b1--',
      '',
    ].join('\r\n');

    await h.sendRaw(report, { from: '' });

    const bounce = (await messages()).find((m) => m.outcome === 'bounce');
    expect(bounce).toMatchObject({ caseRef: complaint!.caseRef });
    expect(bounce!.flags.join(' ')).toContain('reach them another way');
    expect((await h.redress.intake.letters.getLetter(letter!.letterId))?.status).toBe('bounced');
    const events = await h.redress.intake.cases.events(complaint!.caseRef!);
    expect(events.map((e) => e.event.type)).toContain('letter-bounced');
  });

  it('refuses mail over the size limit with 552 and keeps nothing', async () => {
    const before = (await messages()).length;
    const huge = residentMail({ from: 'big@example.com', body: 'x'.repeat(300_000) });

    await expect(h.sendRaw(huge, { from: 'big@example.com' })).rejects.toMatchObject({ responseCode: 552 });
    expect((await messages()).length).toBe(before);
  });

  it('refuses mail for an address no landlord uses with 550', async () => {
    await expect(h.sendRaw(residentMail(), { to: ['nobody@elsewhere.test'] })).rejects.toMatchObject({ responseCode: 550 });
  });

  it('reads an HTML-only mail through a text version, and escapes the resident\'s words in the letter', async () => {
    const raw = [
      'From: fay@example.com',
      'To: homes@demo.redress.test',
      'Subject: <script>alert(1)</script> damp & mould',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      `<p>${COMPLAINT}</p><p>The <b>damp</b> is back.</p>`,
    ].join('\r\n');
    await h.sendRaw(raw, { from: 'fay@example.com' });

    const [kept] = (await messages()).filter((m) => m.from === 'fay@example.com');
    expect(kept!.body).toContain('The damp is back.');
    expect(kept!.body).not.toContain('<b>');
    expect(kept!.notes.join(' ')).toContain('HTML-only');
    const [letter] = await lettersTo('fay@example.com');
    expect(letter!.body.html).not.toContain('<script>');
    expect(letter!.body.html).toContain('&lt;script&gt;');
  });

  it('takes a mail with no subject, no words and only an attachment as a resident\'s message, and keeps the attachment', async () => {
    const raw = [
      'From: gus@example.com',
      'To: homes@demo.redress.test',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="x"',
      '',
      '--x',
      'Content-Type: application/pdf; name="repairs-form.pdf"',
      'Content-Disposition: attachment; filename="repairs-form.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 a filled-in form').toString('base64'),
      '--x--',
      '',
    ].join('\r\n');
    await h.sendRaw(raw, { from: 'gus@example.com' });

    const [kept] = (await messages()).filter((m) => m.from === 'gus@example.com');
    expect(kept!.outcome).not.toBe('unreadable');
    expect(kept!.attachments).toMatchObject([{ filename: 'repairs-form.pdf', contentType: 'application/pdf' }]);
    const bytes = await h.redress.intake.documents.get(kept!.attachments[0]!.documentKey!);
    expect(Buffer.from(bytes).toString()).toBe('%PDF-1.4 a filled-in form');
  });

  it('flags invalid UTF-8 and unknown character sets for a person, keeping the raw mail', async () => {
    const head = ['From: hal@example.com', 'To: homes@demo.redress.test', 'Subject: Rent', 'MIME-Version: 1.0'].join('\r\n');
    await h.sendRaw(Buffer.concat([Buffer.from(`${head}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMy rent is wrong `), Buffer.from([0xff, 0xfe]), Buffer.from(' please check')]), { from: 'hal@example.com' });
    await h.sendRaw(`${head.replace('hal@', 'ida@')}\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\nCaf\u00e9 bill`, { from: 'ida@example.com' });

    const hal = (await messages()).find((m) => m.from === 'hal@example.com')!;
    const ida = (await messages()).find((m) => m.from === 'ida@example.com')!;
    expect(hal.flags.join(' ')).toContain('invalid encoding');
    expect(ida.flags.join(' ')).toContain('unknown character set x-klingon');
    expect(Buffer.from(await h.redress.intake.documents.get(hal.rawDocumentKey!)).includes(Buffer.from([0xff, 0xfe]))).toBe(true);
  });

  it('keeps mail it cannot read, raw and flagged for a person, and answers nobody', async () => {
    await h.sendRaw('\u0000\u0001 this is not a mail at all', { from: 'garbled@example.com' });

    const kept = (await messages()).find((m) => m.outcome === 'unreadable');
    expect(kept!.flags.join(' ')).toContain('could not read the mail');
    expect(Buffer.from(await h.redress.intake.documents.get(kept!.rawDocumentKey!)).toString()).toContain('this is not a mail at all');
    expect(await lettersTo('garbled@example.com')).toEqual([]);
  });

  it('adds a reply quoting the case reference to that case (Code 6.8)', async () => {
    await h.sendRaw(residentMail({ from: 'jo@example.com', body: COMPLAINT, messageId: '<jo-1@example.com>' }), { from: 'jo@example.com' });
    const [first] = await messageById('<jo-1@example.com>');

    await h.sendRaw(residentMail({ from: 'jo@example.com', subject: `Re: ${first!.caseRef}`, body: 'Also the bathroom fan is broken.', messageId: '<jo-2@example.com>' }), { from: 'jo@example.com' });

    const [second] = await messageById('<jo-2@example.com>');
    expect(second).toMatchObject({ outcome: 'joined-case', caseRef: first!.caseRef });
    const events = await h.redress.intake.cases.events(first!.caseRef!);
    expect(events.filter((e) => e.event.type === 'message-joined')).toHaveLength(1);
  });

  it('adds a reply to one of our letters (In-Reply-To) to that letter\'s case', async () => {
    await h.sendRaw(residentMail({ from: 'kit@example.com', body: COMPLAINT, messageId: '<kit-1@example.com>' }), { from: 'kit@example.com' });
    const [first] = await messageById('<kit-1@example.com>');
    const [letter] = await h.redress.intake.letters.lettersForMessage(first!.messageRef);

    await h.sendRaw(
      residentMail({ from: 'kit@example.com', subject: 'Re: your letter', body: 'The photos are attached now.', messageId: '<kit-2@example.com>', headers: { 'In-Reply-To': `<${letter!.providerMessageId}@eu-west-2.amazonses.com>` } }),
      { from: 'kit@example.com' },
    );

    const [reply] = await messageById('<kit-2@example.com>');
    expect(reply).toMatchObject({ outcome: 'joined-case', caseRef: first!.caseRef });
    expect(reply!.notes.join(' ')).toContain('replies to our letter');
  });

  it('links a message from the same resident about the same matter to their open case, with no reference; chasing it makes a complaint', async () => {
    await h.sendRaw(residentMail({ from: 'lou@example.com', subject: 'Broken boiler in flat 4', body: 'My boiler is broken, please send an engineer.', messageId: '<lou-1@example.com>' }), { from: 'lou@example.com' });
    const [first] = await messageById('<lou-1@example.com>');

    await h.sendRaw(residentMail({ from: 'lou@example.com', subject: 'boiler flat 4', body: 'Third time asking: the boiler in flat 4 is still broken and nobody came on Tuesday.', messageId: '<lou-2@example.com>' }), { from: 'lou@example.com' });

    const [second] = await messageById('<lou-2@example.com>');
    expect(first!.caseRef).toMatch(/^SR-/);
    expect(second!.notes.join(' ')).toContain(`linked to ${first!.caseRef}: the same resident has an open case about the same matter`);
    expect(second!.caseRef).toMatch(/^C-/);
    expect(second!.notes.join(' ')).toContain(`dissatisfied with service request ${first!.caseRef}`);
  });

  it('links a mail to the open case of the same resident whose address was first written with capitals', async () => {
    await h.sendRaw(residentMail({ from: 'Rosa.Ng@Example.COM', subject: 'Leaking roof over the kitchen', body: 'The roof over my kitchen is leaking, please send someone.', messageId: '<rosa-1@example.com>' }), { from: 'Rosa.Ng@Example.COM' });
    const [first] = await messageById('<rosa-1@example.com>');

    await h.sendRaw(residentMail({ from: 'rosa.ng@example.com', subject: 'kitchen roof', body: 'The kitchen roof is still leaking into the kitchen.', messageId: '<rosa-2@example.com>' }), { from: 'rosa.ng@example.com' });

    const [second] = await messageById('<rosa-2@example.com>');
    expect(first!.caseRef).not.toBeNull();
    expect(second!.notes.join(' ')).toContain(`linked to ${first!.caseRef}: the same resident has an open case about the same matter`);
  });

  it('links a second mail from a sender whose letters go to their Reply-To address to the case their first opened', async () => {
    const via = { from: 'advice.centre@example.net', headers: { 'Reply-To': 'jo.resident@example.com' } };
    await h.sendRaw(residentMail({ ...via, subject: 'Broken entry phone at 12 Elm Court', body: 'The entry phone at 12 Elm Court has not worked for two weeks.', messageId: '<jo-1@example.net>' }), { from: via.from });
    const [first] = await messageById('<jo-1@example.net>');

    await h.sendRaw(residentMail({ ...via, subject: 'Elm Court entry phone', body: 'The entry phone at 12 Elm Court is still not working.', messageId: '<jo-2@example.net>' }), { from: via.from });

    const [second] = await messageById('<jo-2@example.net>');
    expect(first!.caseRef).not.toBeNull();
    expect(second!.notes.join(' ')).toContain(`linked to ${first!.caseRef}: the same resident has an open case about the same matter`);
  });

  it('sends an address no more than three automatic replies an hour, so two auto-responders cannot loop', async () => {
    for (let i = 0; i < 5; i++) {
      await h.sendRaw(residentMail({ from: 'loop@example.com', subject: `Boiler ${i}`, body: `Please fix my boiler number ${i}` }), { from: 'loop@example.com' });
    }

    expect(await lettersTo('loop@example.com')).toHaveLength(3);
    const kept = (await messages()).filter((m) => m.from === 'loop@example.com');
    expect(kept).toHaveLength(5);
    expect(kept.filter((m) => m.notes.some((n) => n.includes('loop guard')))).toHaveLength(2);
  });

  it('says on the message why a new case got no receipt when the loop guard held it back (issue 14.9)', async () => {
    const bodies = [
      ['Lift', 'I want to make a complaint: the lift is out of order again.'],
      ['Rubbish', 'Formal complaint. Nobody collected refuse bins since August.'],
      ['Rude caller', 'Your contractor shouted at my daughter. I am complaining about his conduct.'],
      ['Rent statement', 'This is a complaint that my rent account shows charges I never owed.'],
      ['Garden fence', 'Complaint: fence panels blew down in October; still unrepaired despite promises.'],
    ];
    for (const [subject, body] of bodies) {
      await h.sendRaw(residentMail({ from: 'many@example.com', subject, body }), { from: 'many@example.com' });
    }

    const kept = (await messages()).filter((m) => m.from === 'many@example.com');
    expect(kept.filter((m) => m.outcome === 'opened-case').length).toBeGreaterThanOrEqual(4);
    expect(await lettersTo('many@example.com')).toHaveLength(3);
    const heldBack = kept.filter((m) => m.notes.some((n) => n.includes('loop guard')));
    expect(heldBack.length).toBe(kept.length - 3);
    expect(heldBack.every((m) => m.caseRef !== null)).toBe(true);
  });

  it('logs decisions by reference, never the resident\'s address or words', async () => {
    const logged = JSON.stringify(h.logger.lines);

    expect(h.logger.lines.some((l) => l.message === 'message handled')).toBe(true);
    expect(logged).not.toContain('ann@example.com');
    expect(logged).not.toContain('reported the leak');
  });
});
