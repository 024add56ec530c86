// The store against rows and keys it should never have been given (issue 14): validation before a write, a bad row
// skipped from a list and reported, keys longer than DynamoDB allows, items over its 400 KB limit.
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRedressStore } from '../../src/adapters/dynamodb/redress-store.ts';
import { MemoryLogger } from '../support/local-redress.ts';
import { aCase, aMessage, openLocalStore } from '../support/store.ts';

describe('the store with hostile rows and keys (DynamoDB on dynalite)', () => {
  let store: DynamoRedressStore;
  let put: (item: Record<string, unknown>) => Promise<unknown>;
  const logger = new MemoryLogger();
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openLocalStore();
    store = new DynamoRedressStore(opened.twins.dynamo, opened.twins.tableName, logger);
    const doc = DynamoDBDocumentClient.from(opened.twins.dynamo);
    put = (Item) => doc.send(new PutCommand({ TableName: opened.twins.tableName, Item }));
    close = opened.close;
  });
  afterAll(() => close());

  it('refuses to write a message that breaks its schema, so no list can be broken by it', async () => {
    const bad = { ...aMessage({ messageRef: 'M-BADWRITE0001' }), outcome: 'lost' } as unknown as Parameters<typeof store.saveMessage>[0];

    await expect(store.saveMessage(bad)).rejects.toMatchObject({ name: 'InvalidRecordError', problems: ['outcome: invalid_value'] });
    expect(await store.getMessage('M-BADWRITE0001')).toBeNull();
  });

  it('leaves a row that no longer matches its schema out of a list, and reports its key without its words', async () => {
    await store.saveMessage(aMessage({ messageRef: 'M-GOODROW00001', landlordId: 'skips', from: 'ann@example.com' }));
    await put({ ...aMessage({ messageRef: 'M-BADROW000001', landlordId: 'skips', body: 'private words' }), subject: 42, pk: 'MESSAGE#M-BADROW000001', sk: 'MESSAGE', gsi1pk: 'SENDER#skips#ann@example.com', gsi1sk: 'MESSAGE#2026-11-23T09:00:00Z#M-BADROW000001', gsi2pk: 'LANDLORD#skips#MESSAGES', gsi2sk: '2026-11-23T09:00:00Z#M-BADROW000001' });

    const listed = await store.listMessages('skips');
    const fromSender = (await store.senderHistory('skips', 'ann@example.com')).messages;

    expect(listed.map((m) => m.messageRef)).toEqual(['M-GOODROW00001']);
    expect(fromSender.map((m) => m.messageRef)).toEqual(['M-GOODROW00001']);
    const reports = logger.lines.filter((l) => l.message === 'unreadable record skipped');
    expect(reports[0]?.fields).toMatchObject({ record: 'message', pk: 'MESSAGE#M-BADROW000001', problems: ['subject: invalid_type'] });
    expect(JSON.stringify(reports)).not.toContain('private words');
  });

  it('names a kept message it cannot read with its own error, not a schema library\'s', async () => {
    await expect(store.getMessage('M-BADROW000001')).rejects.toMatchObject({ name: 'UnreadableRecordError', key: 'message M-BADROW000001' });
  });

  it('answers a reference longer than any key DynamoDB allows as naming nothing', async () => {
    const long = `C-${'A'.repeat(5000)}`;

    expect(await store.getCase(long)).toBeNull();
    expect(await store.events(long)).toEqual([]);
    expect(await store.casesForSender('demo', `${'x'.repeat(3000)}@example.com`)).toEqual([]);
    await expect(store.updateCase(long, { state: 'closed' })).rejects.toMatchObject({ name: 'CaseNotFoundError' });
  });

  it('refuses an item over the 400 KB limit with its own error, naming the record', async () => {
    await store.createCase(aCase({ caseRef: 'C-TOOBIG00' }));
    const at = '2026-11-23T10:00:00Z';

    const append = store.appendEvent('C-TOOBIG00', { recordedAt: at, by: 'x'.repeat(500_000), event: { type: 'message-joined', at, messageRef: 'M-1' } });

    await expect(append).rejects.toMatchObject({ name: 'RecordTooLargeError', key: 'CASE#C-TOOBIG00' });
  });
});
