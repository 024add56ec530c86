import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Properties of the case table. */
export interface CaseTableProps {
  /** The stage's data key: both tables are encrypted with it. */
  readonly key: kms.IKey;
  /**
   * What happens to the table and its key when the stack is deleted.
   * @default RemovalPolicy.RETAIN: complaint records are evidence the Ombudsman may ask for.
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** The table's secondary indexes, by name: what intake and the digest look up. */
export const CASE_TABLE_INDEXES = {
  /** Lookups by sender: has this resident an open case? (`gsi1pk`/`gsi1sk`) */
  bySender: 'gsi1',
  /** Per-landlord lists of cases and messages, and the open cases the weekly digest reads (`gsi2pk`/`gsi2sk`). */
  byLandlord: 'gsi2',
  /** What is still to do: open cases by landlord and next due date, messages waiting for a person (`gsi3pk`/`gsi3sk`). */
  work: 'gsi3',
} as const;

/**
 * The table every complaint, message and decision is kept in: one partition per case, encrypted with the stage's
 * customer-managed key, with point-in-time recovery. No idempotency table: a repeat delivery is known by its
 * delivery id and the message's lease in this table (src/intake/receive-message.ts).
 */
export class CaseTable extends Construct {
  readonly table: dynamodb.Table;
  readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: CaseTableProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.key = props.key;
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    for (const indexName of [CASE_TABLE_INDEXES.bySender, CASE_TABLE_INDEXES.byLandlord, CASE_TABLE_INDEXES.work]) {
      this.table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: `${indexName}pk`, type: dynamodb.AttributeType.STRING },
        sortKey: { name: `${indexName}sk`, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }
}
