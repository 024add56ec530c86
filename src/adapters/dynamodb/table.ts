import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  ScanCommand,
  waitUntilTableNotExists,
  type AttributeValue,
  type BatchWriteItemCommandInput,
  type TableDescription,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoRedressStore } from './redress-store.ts';

/**
 * The one table's key design. The CDK stack creates the same table on AWS; locally `ensureTables` creates it on
 * dynalite. Entities and keys (README, "The store"):
 *
 * | item | pk | sk | gsi1pk / gsi1sk | gsi2pk / gsi2sk |
 * |---|---|---|---|---|
 * | message | `MESSAGE#<messageRef>` | `MESSAGE` | `SENDER#<landlord>#<sender>` / `MESSAGE#<receivedAt>#<ref>` | `LANDLORD#<landlord>#MESSAGES` / `<receivedAt>#<ref>` |
 * | case | `CASE#<caseRef>` | `CASE` | `SENDER#<landlord>#<sender>` / `CASE#<openedAt>#<ref>` | `LANDLORD#<landlord>#CASES` / `<openedAt>#<ref>` |
 * | case's other sender | `CASE#<caseRef>` | `SENDER#<sender>` | `SENDER#<landlord>#<sender>` / `ALSO#<openedAt>#<ref>` | |
 * | case event | `CASE#<caseRef>` | `EVENT#<seq, 6 digits>` | | |
 * | letter | `LETTER#<letterId>` | `LETTER` | `PROVIDER#<providerMessageId>` / `LETTER` | |
 * | letter pointer | `CASE#<ref>` or `MESSAGE#<ref>` | `LETTER#<claimedAt>#<letterId>` | | |
 * | reply allowance | `ALLOWANCE#<landlord>#<address>` | `<window>` | | |
 *
 * `gsi3` is sparse: it holds only what an officer still has to do, so the console's work queue pages it without
 * reading any case's events. A case on a work list (open complaints, open service requests, closed complaints with
 * actions still to do) has `WORK#<landlord>#<list>` / `<nextDueOn or ~>#<openedAt>#<ref>` (earliest due first, so
 * overdue first); a message waiting for a person has `WAITING#<landlord>` / `<receivedAt>#<ref>`. The keys go when
 * nothing is left to do.
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;


async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | null> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table ?? null;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return null;
    throw error;
  }
}


const indexSpec = (i: (typeof TABLE_KEYS.indexes)[number]) => ({
  IndexName: i.indexName,
  KeySchema: [
    { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

const missingIndexes = (table: TableDescription) => {
  const present = new Set((table.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  return TABLE_KEYS.indexes.filter((i) => !present.has(i.indexName));
};

async function createCaseTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const attributes = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...TABLE_KEYS.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_KEYS.indexes.map(indexSpec),
    }),
  );
}

// A local table kept from a release before an index (npm start's data directory): dynalite cannot add an index to a
// table, so its rows are read out, the table is made again with every index, the rows go back, and the work index
// is filled from them. Local data is small; on AWS the stack adds the index and `reindexWork` fills it.
async function rebuildWithIndexes(client: DynamoDBClient, tableName: string): Promise<void> {
  const items: Record<string, AttributeValue>[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  await waitUntilTableNotExists({ client, minDelay: 1, maxDelay: 1, maxWaitTime: 10 }, { TableName: tableName });
  await createCaseTable(client, tableName);
  await waitUntilTableExists({ client, minDelay: 1, maxDelay: 1, maxWaitTime: 10 }, { TableName: tableName });
  for (let i = 0; i < items.length; i += 25) {
    let unprocessed: BatchWriteItemCommandInput['RequestItems'] = { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) };
    while (unprocessed && Object.keys(unprocessed).length > 0) unprocessed = (await client.send(new BatchWriteItemCommand({ RequestItems: unprocessed }))).UnprocessedItems;
  }
  await new DynamoRedressStore(client, tableName).reindexWork();
}

/** Creates the case table when missing, or rebuilds one made before its indexes (local twins and tests; CDK on AWS). */
export async function ensureTables(client: DynamoDBClient, names: { table: string }): Promise<void> {
  const table = await describe(client, names.table);
  if (table && missingIndexes(table).length > 0) await rebuildWithIndexes(client, names.table);
  if (!table) await createCaseTable(client, names.table);
  // dynalite makes a new table usable a moment after CreateTable returns (FACTS.md §1).
  await waitUntilTableExists({ client, minDelay: 1, maxDelay: 1, maxWaitTime: 10 }, { TableName: names.table });
}
