import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type TableDescription,
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

/** The Powertools idempotency table: hash key `id`, expiry in `expiration` (TTL on AWS). */
export const IDEMPOTENCY_TABLE_KEYS = { partitionKey: 'id', ttlAttribute: 'expiration' } as const;

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | null> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table ?? null;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return null;
    throw error;
  }
}

const exists = async (client: DynamoDBClient, tableName: string) => (await describe(client, tableName)) !== null;

const indexSpec = (i: (typeof TABLE_KEYS.indexes)[number]) => ({
  IndexName: i.indexName,
  KeySchema: [
    { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

/** A table kept from an older release lacks an index this one reads (dynalite cannot add one to a table). */
export class TableOutOfDateError extends Error {
  override readonly name = 'TableOutOfDateError';
  constructor(readonly tableName: string, readonly missing: readonly string[]) {
    super(`the table ${tableName} has no index ${missing.join(', ')}: it was made by an older Redress; delete the local data directory to start afresh`);
  }
}

function checkIndexes(table: TableDescription): void {
  const present = new Set((table.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  const missing = TABLE_KEYS.indexes.map((i) => i.indexName).filter((name) => !present.has(name));
  if (missing.length > 0) throw new TableOutOfDateError(table.TableName ?? '', missing);
}

/** Creates the case table and the idempotency table when missing (local twins and tests; CDK does it on AWS). */
export async function ensureTables(client: DynamoDBClient, names: { table: string; idempotencyTable: string }): Promise<void> {
  const table = await describe(client, names.table);
  if (table) checkIndexes(table);
  else {
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
        GlobalSecondaryIndexes: TABLE_KEYS.indexes.map(indexSpec),
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
