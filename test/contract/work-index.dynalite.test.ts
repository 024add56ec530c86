import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCase, aMessage, openLocalStore } from '../support/store.ts';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoRedressStore } from '../../src/adapters/dynamodb/redress-store.ts';
import { ensureTables } from '../../src/adapters/dynamodb/table.ts';
import type { LetterRecord } from '../../src/ports.ts';

const unsure = { label: 'service_request' as const, confidence: 0.55, reasons: ['mentions a repair'], handling: 'open a service request', needsReview: true, offerComplaintChoice: false };

// The console's work queue reads only this index: open cases by next due date, messages waiting for a person.
describe('the work index (DynamoDB on dynalite)', () => {
  let store: DynamoRedressStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await openLocalStore());
  });
  afterAll(() => close());

  it('lists a landlord\'s open complaints earliest due first, a page at a time', async () => {
    const due = ['2026-12-04', '2026-11-25', '2026-12-01', '2026-11-30', '2026-12-10'];
    for (const [i, nextDueOn] of due.entries()) await store.createCase(aCase({ caseRef: `C-QUEUE00${i}`, landlordId: 'queue', nextDueOn }));
    await store.createCase(aCase({ caseRef: 'C-QUEUESR0', landlordId: 'queue', kind: 'service-request', nextDueOn: null }));

    const first = await store.casesToWorkOn(['queue'], 'open-complaints', { limit: 2 });
    const second = await store.casesToWorkOn(['queue'], 'open-complaints', { limit: 2, after: first.next! });
    const last = await store.casesToWorkOn(['queue'], 'open-complaints', { limit: 2, after: second.next! });

    expect(first.items.map((c) => c.nextDueOn)).toEqual(['2026-11-25', '2026-11-30']);
    expect(second.items.map((c) => c.nextDueOn)).toEqual(['2026-12-01', '2026-12-04']);
    expect(last.items.map((c) => c.caseRef)).toEqual(['C-QUEUE004']);
    expect(last.next).toBeNull();
    expect((await store.casesToWorkOn(['queue'], 'open-service-requests', { limit: 10 })).items.map((c) => c.caseRef)).toEqual(['C-QUEUESR0']);
  });

  it('moves a complaint when its next due date changes, and on closing drops it or lists it for the actions still to do', async () => {
    await store.createCase(aCase({ caseRef: 'C-MOVE0001', landlordId: 'mover', nextDueOn: '2026-11-25' }));
    await store.createCase(aCase({ caseRef: 'C-MOVE0002', landlordId: 'mover', nextDueOn: '2026-11-27' }));

    await store.updateCase('C-MOVE0001', { nextDueOn: '2026-12-09' });
    const moved = await store.casesToWorkOn(['mover'], 'open-complaints', { limit: 10 });
    await store.updateCase('C-MOVE0002', { state: 'closed', nextDueOn: null });
    const afterClosing = await store.casesToWorkOn(['mover'], 'open-complaints', { limit: 10 });

    expect(moved.items.map((c) => c.caseRef)).toEqual(['C-MOVE0002', 'C-MOVE0001']);
    expect(afterClosing.items.map((c) => c.caseRef)).toEqual(['C-MOVE0001']);
    expect((await store.getCase('C-MOVE0002'))?.state).toBe('closed');
  });

  it('keeps messages waiting for a person until one records what they are', async () => {
    await store.saveMessage(aMessage({ messageRef: 'M-WAIT00000001', landlordId: 'waiter', triage: unsure }));
    await store.saveMessage(aMessage({ messageRef: 'M-WAIT00000002', landlordId: 'waiter', outcome: 'unreadable', receivedAt: '2026-11-23T10:00:00Z' }));
    await store.saveMessage(aMessage({ messageRef: 'M-WAIT00000003', landlordId: 'waiter', outcome: 'opened-case', triage: { ...unsure, needsReview: false } }));
    await store.saveMessage(aMessage({ messageRef: 'M-WAIT00000004', landlordId: 'waiter', outcome: 'duplicate', flags: ['repeat'] }));

    const waiting = await store.messagesWaiting(['waiter'], { limit: 10 });
    await store.updateMessage('M-WAIT00000001', { outcome: 'recorded', triage: { ...unsure, needsReview: false } });

    expect(waiting.items.map((m) => m.messageRef)).toEqual(['M-WAIT00000001', 'M-WAIT00000002']);
    expect((await store.messagesWaiting(['waiter'], { limit: 10 })).items.map((m) => m.messageRef)).toEqual(['M-WAIT00000002']);
  });

  it('merges several landlords\' open complaints into one order, and one cursor resumes them all', async () => {
    await store.createCase(aCase({ caseRef: 'C-MERGEA01', landlordId: 'merge-a', nextDueOn: '2026-11-26' }));
    await store.createCase(aCase({ caseRef: 'C-MERGEB01', landlordId: 'merge-b', nextDueOn: '2026-11-25' }));
    await store.createCase(aCase({ caseRef: 'C-MERGEA02', landlordId: 'merge-a', nextDueOn: '2026-11-28' }));
    await store.createCase(aCase({ caseRef: 'C-MERGEB02', landlordId: 'merge-b', nextDueOn: '2026-11-27' }));

    const first = await store.casesToWorkOn(['merge-a', 'merge-b'], 'open-complaints', { limit: 3 });
    const rest = await store.casesToWorkOn(['merge-a', 'merge-b'], 'open-complaints', { limit: 3, after: first.next! });

    expect(first.items.map((c) => c.caseRef)).toEqual(['C-MERGEB01', 'C-MERGEA01', 'C-MERGEB02']);
    expect(rest.items.map((c) => c.caseRef)).toEqual(['C-MERGEA02']);
  });

  it('pages a landlord\'s cases oldest first', async () => {
    for (let i = 0; i < 5; i++) await store.createCase(aCase({ caseRef: `C-PAGES00${i}`, landlordId: 'pager', openedAt: `2026-11-2${i}T09:00:00Z` }));

    const first = await store.casesPage('pager', { limit: 3 });
    const second = await store.casesPage('pager', { limit: 3, after: first.next! });

    expect(first.items.map((c) => c.caseRef)).toEqual(['C-PAGES000', 'C-PAGES001', 'C-PAGES002']);
    expect(second.items.map((c) => c.caseRef)).toEqual(['C-PAGES003', 'C-PAGES004']);
    expect(second.next).toBeNull();
  });

  it('rebuilds a table kept from a release before the work index, keeping its rows and listing their work', async () => {
    const { twins } = await openLocalStore();
    const keys = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
    await twins.dynamo.send(new CreateTableCommand({
      TableName: 'older', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keys.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: [{ IndexName: 'gsi1', KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
    }));
    // A row as the older release wrote it: no work index keys.
    const head = aCase({ caseRef: 'C-OLDER000', landlordId: 'older', nextDueOn: '2026-12-01' });
    await DynamoDBDocumentClient.from(twins.dynamo).send(new PutCommand({ TableName: 'older', Item: { ...head, pk: 'CASE#C-OLDER000', sk: 'CASE' } }));

    await ensureTables(twins.dynamo, { table: 'older' });
    const older = new DynamoRedressStore(twins.dynamo, 'older');

    expect(await older.getCase('C-OLDER000')).toEqual(head);
    expect((await older.casesToWorkOn(['older'], 'open-complaints', { limit: 5 })).items.map((c) => c.caseRef)).toEqual(['C-OLDER000']);
    await twins.close();
  });

  it('lists letters kept to be posted oldest first until one is marked posted, which happens once', async () => {
    const letter = (letterId: string, claimedAt: string, status: LetterRecord['status']): LetterRecord => ({
      letterId, landlordId: 'poster', caseRef: 'C-POST0001', inReplyToMessageRef: null, template: 'stage-1-acknowledgement', from: 'complaints@poster.test',
      to: status === 'to-post' ? 'post' : 'rita@example.com', subject: 'We have your complaint', text: 'Dear Rita', html: '<p>Dear Rita</p>', status, claimedAt, sentAt: null, providerMessageId: null,
    });
    await store.claimLetter(letter('post-2', '2026-11-25T10:00:00.000Z', 'to-post'), 90_000);
    await store.claimLetter(letter('post-1', '2026-11-24T10:00:00.000Z', 'to-post'), 90_000);
    await store.claimLetter(letter('post-3', '2026-11-26T10:00:00.000Z', 'to-post'), 90_000);
    await store.claimLetter(letter('emailed', '2026-11-23T10:00:00.000Z', 'sending'), 90_000);

    const first = await store.lettersToPost(['poster'], { limit: 2 });
    const second = await store.lettersToPost(['poster'], { limit: 2, after: first.next! });
    const posted = await store.markLetterPosted('post-1', '2026-11-27T09:00:00.000Z', 'asha.patel');
    const again = await store.markLetterPosted('post-1', '2026-11-27T09:05:00.000Z', 'sam.jones');
    const emailed = await store.markLetterPosted('emailed', '2026-11-27T09:00:00.000Z', 'asha.patel');

    expect(first.items.map((l) => l.letterId)).toEqual(['post-1', 'post-2']);
    expect(second.items.map((l) => l.letterId)).toEqual(['post-3']);
    expect(second.next).toBeNull();
    expect([posted, again, emailed]).toEqual(['posted', 'not-to-post', 'not-to-post']);
    expect((await store.lettersToPost(['poster'], { limit: 10 })).items.map((l) => l.letterId)).toEqual(['post-2', 'post-3']);
    expect(await store.getLetter('post-1')).toMatchObject({ status: 'posted', sentAt: '2026-11-27T09:00:00.000Z' });
    expect((await store.getLetter('emailed'))?.status).toBe('sending');
  });
});

describe('npm run reindex-work (the operator\'s backfill after an update)', () => {
  it('puts rows written before the work index into it, once, through the real script', async () => {
    const { twins, store: local, close } = await openLocalStore();
    // A case as an older release wrote it: the head record without the work index's keys.
    const head = aCase({ caseRef: 'C-BACKFILL', landlordId: 'backfill', nextDueOn: '2026-12-01' });
    await DynamoDBDocumentClient.from(twins.dynamo).send(new PutCommand({ TableName: twins.tableName, Item: { ...head, pk: 'CASE#C-BACKFILL', sk: 'CASE' } }));
    // Asynchronously: dynalite answers from this very process.
    const run = async () => (await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/reindex-work.ts', '--table', twins.tableName, '--endpoint', twins.dynamoEndpoint, '--region', 'eu-west-2'], {
      encoding: 'utf8', env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
    })).stdout;

    expect((await local.casesToWorkOn(['backfill'], 'open-complaints', { limit: 5 })).items).toEqual([]);
    expect(await run()).toMatch(/^reindex-work: [1-9]\d* rows? of redress-cases changed/);
    expect((await local.casesToWorkOn(['backfill'], 'open-complaints', { limit: 5 })).items.map((c) => c.caseRef)).toEqual(['C-BACKFILL']);
    expect(await run()).toMatch(/^reindex-work: 0 rows of redress-cases changed/);
    await close();
  }, 30_000);
});
