import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, aMessage, openLocalStore } from '../support/store.ts';
import type { DynamoRedressStore } from '../../src/adapters/dynamodb/redress-store.ts';
import type { LetterRecord } from '../../src/ports.ts';
import { senderKey } from '../../src/core/intake/identity.ts';

// DynamoDB's local twin speaks the real wire protocol, so the one adapter runs against it unchanged (STYLE.md §6).
describe('the store (DynamoDB on dynalite)', () => {
  let store: DynamoRedressStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await openLocalStore());
  });
  afterAll(() => close());

  it('keeps a message once and reports a repeat as existing', async () => {
    const message = aMessage({ messageRef: 'M-REPEAT000001' });

    expect(await store.saveMessage(message)).toBe('created');
    expect(await store.saveMessage({ ...message, body: 'changed' })).toBe('exists');

    expect((await store.getMessage('M-REPEAT000001'))?.body).toBe('The damp is back.');
  });

  it('records what became of a message without losing what it said', async () => {
    await store.saveMessage(aMessage({ messageRef: 'M-OUTCOME00001' }));

    await store.updateMessage('M-OUTCOME00001', { outcome: 'opened-case', caseRef: 'C-ABCDEFGH', flags: ['look at this'] });

    expect(await store.getMessage('M-OUTCOME00001')).toMatchObject({ outcome: 'opened-case', caseRef: 'C-ABCDEFGH', flags: ['look at this'], body: 'The damp is back.' });
  });

  it('finds a sender\'s messages and cases for one landlord only', async () => {
    await store.saveMessage(aMessage({ messageRef: 'M-SENDER000001', landlordId: 'coop-a', from: 'ann@example.com' }));
    await store.saveMessage(aMessage({ messageRef: 'M-SENDER000002', landlordId: 'coop-b', from: 'ann@example.com' }));
    await store.createCase(aCase({ caseRef: 'C-SENDERAA', landlordId: 'coop-a', resident: { name: null, email: 'ann@example.com', phone: null, addressOrTenancyReference: null } }));

    expect((await store.casesForSender('coop-a', 'ann@example.com')).map((c) => c.caseRef)).toEqual(['C-SENDERAA']);
    expect(await store.casesForSender('coop-b', 'ann@example.com')).toEqual([]);
    // Intake reads both in one query.
    const history = await store.senderHistory('coop-a', 'ann@example.com');
    expect(history.messages.map((m) => m.messageRef)).toEqual(['M-SENDER000001']);
    expect(history.cases.map((c) => c.caseRef)).toEqual(['C-SENDERAA']);
    expect(await store.senderHistory('coop-c', 'ann@example.com')).toEqual({ cases: [], messages: [] });
  });

  it('finds a case under its resident\'s key however the address or number was written on it (as intake looks it up)', async () => {
    const resident = (email: string | null, phone: string | null) => ({ name: null, email, phone, addressOrTenancyReference: null });
    await store.createCase(aCase({ caseRef: 'C-KEYMAIL0', landlordId: 'coop-keys', resident: resident('Ann.Example@Example.COM', null) }));
    await store.createCase(aCase({ caseRef: 'C-KEYTEXT0', landlordId: 'coop-keys', resident: resident(null, '07700 900123') }));

    expect((await store.senderHistory('coop-keys', senderKey('ann.example@example.com'))).cases.map((c) => c.caseRef)).toEqual(['C-KEYMAIL0']);
    expect((await store.casesForSender('coop-keys', senderKey('+44 7700 900123'))).map((c) => c.caseRef)).toEqual(['C-KEYTEXT0']);
  });

  it('finds a case whose resident gave an address and a number under either, listed once, its history untouched', async () => {
    const both = { name: 'Bo', email: 'bo@example.com', phone: '07700 900999', addressOrTenancyReference: null };
    expect(await store.createCase(aCase({ caseRef: 'C-KEYBOTH0', landlordId: 'coop-both', openedAt: '2026-11-20T09:00:00Z', resident: both }))).toBe('created');
    expect(await store.createCase(aCase({ caseRef: 'C-KEYBOTH0', landlordId: 'coop-both', openedAt: '2026-11-20T09:00:00Z', resident: both }))).toBe('duplicate');
    await store.createCase(aCase({ caseRef: 'C-KEYTEXT1', landlordId: 'coop-both', openedAt: '2026-11-22T09:00:00Z', resident: { name: null, email: null, phone: '+447700900999', addressOrTenancyReference: null } }));

    expect((await store.senderHistory('coop-both', 'bo@example.com')).cases.map((c) => c.caseRef)).toEqual(['C-KEYBOTH0']);
    // By the number: the case opened by text, and the case from the form, oldest first.
    expect((await store.senderHistory('coop-both', '+447700900999')).cases.map((c) => c.caseRef)).toEqual(['C-KEYBOTH0', 'C-KEYTEXT1']);
    expect((await store.casesForSender('coop-both', '+447700900999')).map((c) => c.caseRef)).toEqual(['C-KEYBOTH0', 'C-KEYTEXT1']);
    // By both, as intake reads a form giving both: each case once.
    expect((await store.senderHistory('coop-both', ['bo@example.com', '+447700900999'])).cases.map((c) => c.caseRef)).toEqual(['C-KEYBOTH0', 'C-KEYTEXT1']);
    expect((await store.listCases('coop-both')).map((c) => c.caseRef).sort()).toEqual(['C-KEYBOTH0', 'C-KEYTEXT1']);
    expect(await store.events('C-KEYBOTH0')).toEqual([]);
  });

  it('reads at most the ten latest cases a number points to, as a number given on many forms with other addresses', async () => {
    for (let i = 10; i < 22; i++) {
      await store.createCase(aCase({ caseRef: `C-SHARED${i}`, landlordId: 'coop-shared', openedAt: `2026-11-${i}T09:00:00Z`, resident: { name: null, email: `r${i}@example.com`, phone: '07700 900555', addressOrTenancyReference: null } }));
    }

    expect((await store.senderHistory('coop-shared', '+447700900555')).cases.map((c) => c.caseRef)).toEqual(Array.from({ length: 10 }, (_, i) => `C-SHARED${i + 12}`));
  });

  it('records a case\'s first activity at number 1 once, and refuses a complaint event there', async () => {
    const entry = { recordedAt: '2026-11-23T09:00:00.000Z', by: 'resident', event: { type: 'message-joined', at: '2026-11-23T09:00:00.000Z', messageRef: 'M-FIRST0000001' } } as const;

    expect(await store.appendActivityAt('C-FIRSTACT', 1, entry)).toMatchObject({ seq: 1, caseRef: 'C-FIRSTACT' });
    expect(await store.appendActivityAt('C-FIRSTACT', 1, entry)).toBe('conflict');
    expect(await store.events('C-FIRSTACT')).toHaveLength(1);
    await expect(store.appendActivityAt('C-FIRSTACT', 2, { ...entry, event: { type: 'received', at: entry.recordedAt } } as never)).rejects.toThrow('complaint service');
  });

  it('treats a second create for the same case as a duplicate', async () => {
    expect(await store.createCase(aCase({ caseRef: 'C-TWICE000' }))).toBe('created');
    expect(await store.createCase(aCase({ caseRef: 'C-TWICE000', summary: 'other' }))).toBe('duplicate');
    expect((await store.getCase('C-TWICE000'))?.summary).toBe('Damp in the bedroom');
  });

  it('numbers a case\'s events in order and never overwrites one, even when written at once', async () => {
    await store.createCase(aCase({ caseRef: 'C-EVENTS00' }));
    const at = '2026-11-23T10:00:00Z';

    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        store.appendEvent('C-EVENTS00', { recordedAt: at, by: 'redress', event: { type: 'message-joined', at, messageRef: `M-${i}` } }),
      ),
    );

    const events = await store.events('C-EVENTS00');
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(events.map((e) => (e.event.type === 'message-joined' ? e.event.messageRef : ''))).size).toBe(5);
  });

  it('claims a letter once, and finds it by the mail service\'s id once sent', async () => {
    const letter: LetterRecord = {
      letterId: 'ack-M-1', landlordId: 'demo', caseRef: 'C-LETTERS0', inReplyToMessageRef: 'M-LETTER00001', template: 'complaint-received',
      from: 'homes@demo.redress.test', to: 'resident@example.com', subject: 'We have your complaint', text: 't', html: 'h',
      status: 'sending', claimedAt: '2026-11-23T09:00:01Z', sentAt: null, providerMessageId: null,
    };

    expect(await store.claimLetter(letter, 60_000)).toBe('claimed');
    await store.markLetterSent('ack-M-1', 'ses-123', '2026-11-23T09:00:02Z');

    expect(await store.claimLetter(letter, 60_000)).toBe('sent-before');
    expect(await store.letterByProviderMessageId('ses-123')).toMatchObject({ letterId: 'ack-M-1', status: 'sent' });
    expect((await store.lettersForCase('C-LETTERS0')).map((l) => l.letterId)).toEqual(['ack-M-1']);
    expect((await store.lettersForMessage('M-LETTER00001')).map((l) => l.letterId)).toEqual(['ack-M-1']);
  });

  it('holds a letter claim for one attempt while its lease runs, then lets exactly one take it over', async () => {
    const letter: LetterRecord = {
      letterId: 'ack-M-LEASE', landlordId: 'demo', caseRef: 'C-LEASE000', inReplyToMessageRef: null, template: 'complaint-received',
      from: 'homes@demo.redress.test', to: 'resident@example.com', subject: 's', text: 't', html: 'h',
      status: 'sending', claimedAt: '2026-11-23T09:00:00.000Z', sentAt: null, providerMessageId: null,
    };
    const at = (iso: string) => ({ ...letter, claimedAt: iso });

    expect(await store.claimLetter(letter, 60_000)).toBe('claimed');
    // A simultaneous copy: the first attempt is still sending.
    expect(await store.claimLetter(at('2026-11-23T09:00:00.500Z'), 60_000)).toBe('in-flight');
    // After the lease lapses (the first attempt crashed), two retries race: one takes it over.
    const raced = await Promise.all([store.claimLetter(at('2026-11-23T09:02:00.000Z'), 60_000), store.claimLetter(at('2026-11-23T09:02:00.000Z'), 60_000)]);
    expect(raced.sort()).toEqual(['claimed', 'in-flight']);
    // A failed send gives the claim back: the next attempt takes it at once.
    await store.releaseLetterClaim('ack-M-LEASE');
    expect(await store.claimLetter(at('2026-11-23T09:02:01.000Z'), 60_000)).toBe('claimed');
    // However often it is taken over, the case lists the letter once.
    expect((await store.lettersForCase('C-LEASE000')).map((l) => l.letterId)).toEqual(['ack-M-LEASE']);
  });

  it('lets one attempt take over a message left received once its lease has run out, and none before', async () => {
    const message = aMessage({ messageRef: 'M-LEASED000001', leaseHolder: 'smtp:1', leaseUntil: '2026-11-23T09:01:00.000Z' });
    await store.saveMessage(message);

    expect(await store.takeOverMessage('M-LEASED000001', 'smtp:2', '2026-11-23T09:02:00.000Z', '2026-11-23T09:00:30.000Z')).toBe(false);
    const raced = await Promise.all(['smtp:3', 'smtp:4'].map((h) => store.takeOverMessage('M-LEASED000001', h, '2026-11-23T09:03:00.000Z', '2026-11-23T09:01:30.000Z')));
    expect(raced.filter(Boolean)).toHaveLength(1);
    const holder = (await store.getMessage('M-LEASED000001'))!.leaseHolder!;
    await store.releaseMessage('M-LEASED000001', holder);
    expect(await store.takeOverMessage('M-LEASED000001', 'smtp:5', '2026-11-23T09:04:00.000Z', '2026-11-23T09:01:31.000Z')).toBe(true);
  });

  it('allows only so many automatic replies to one address in a window', async () => {
    const taken = [];
    for (let i = 0; i < 4; i++) taken.push(await store.takeReplyAllowance('demo', 'loop@example.com', '2026-11-23T09', 3));

    expect(taken).toEqual([true, true, true, false]);
    expect(await store.takeReplyAllowance('demo', 'loop@example.com', '2026-11-23T10', 3)).toBe(true);
  });

  it('lists a landlord\'s cases and messages oldest first', async () => {
    await store.createCase(aCase({ caseRef: 'C-LISTB000', landlordId: 'lister', openedAt: '2026-11-24T09:00:00Z' }));
    await store.createCase(aCase({ caseRef: 'C-LISTA000', landlordId: 'lister', openedAt: '2026-11-23T09:00:00Z' }));

    expect((await store.listCases('lister')).map((c) => c.caseRef)).toEqual(['C-LISTA000', 'C-LISTB000']);
  });
});
