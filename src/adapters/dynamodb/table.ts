import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * The one table's key design. The CDK stack creates the same table on AWS; locally `ensureTables` creates it on
 * dynalite. Entities and keys (README, "The store"):
 *
 * | item | pk | sk | gsi1pk / gsi1sk | gsi2pk / gsi2sk |
 * |---|---|---|---|---|
 * | message | `MESSAGE#<messageRef>` | `MESSAGE` | `SENDER#<landlord>#<sender>` / `MESSAGE#<receivedAt>#<ref>` | `LANDLORD#<landlord>#MESSAGES` / `<receivedAt>#<ref>` |
 * | case | `CASE#<caseRef>` | `CASE` | `SENDER#<landlord>#<sender>` / `CASE#<openedAt>#<ref>` | `LANDLORD#<landlord>#CASES` / `<openedAt>#<ref>` |
 * | case event | `CASE#<caseRef>` | `EVENT#<seq, 6 digits>` | | |
 * | letter | `LETTER#<letterId>` | `LETTER` | `PROVIDER#<providerMessageId>` / `LETTER` | |
 * | letter pointer | `CASE#<ref>` or `MESSAGE#<ref>` | `LETTER#<claimedAt>#<letterId>` | | |
 * | reply allowance | `ALLOWANCE#<landlord>#<address>` | `<window>` | | |
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

/** The Powertools idempotency table: hash key `id`, expiry in `expiration` (TTL on AWS). */
export const IDEMPOTENCY_TABLE_KEYS = { partitionKey: 'id', ttlAttribute: 'expiration' } as const;

async function exists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

/** Creates the case table and the idempotency table when missing (local twins and tests; CDK does it on AWS). */
export async function ensureTables(client: DynamoDBClient, names: { table: string; idempotencyTable: string }): Promise<void> {
  if (!(await exists(client, names.table))) {
    const attributes = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...TABLE_KEYS.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
    await client.send(
      new CreateTableCommand({
        TableName: names.table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE_KEYS.indexes.map((i) => ({
          IndexName: i.indexName,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
  }
  if (!(await exists(client, names.idempotencyTable))) {
    await client.send(
      new CreateTableCommand({
        TableName: names.idempotencyTable,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: IDEMPOTENCY_TABLE_KEYS.partitionKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: IDEMPOTENCY_TABLE_KEYS.partitionKey, KeyType: 'HASH' }],
      }),
    );
  }
  // dynalite makes a new table usable a moment after CreateTable returns (FACTS.md §1).
  for (const TableName of [names.table, names.idempotencyTable]) {
    await waitUntilTableExists({ client, minDelay: 1, maxDelay: 1, maxWaitTime: 10 }, { TableName });
  }
}
