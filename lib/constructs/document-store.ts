import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Where in the bucket things are kept. */
export const DOCUMENT_PREFIXES = {
  /** Raw MIME as SES received it, written by the receipt rule's S3 action. */
  inbound: 'inbound/',
  /** Attachments taken out of residents' messages by receive-email. */
  attachments: 'attachments/',
} as const;

/** How long residents' documents are kept: the retention policy, in days from receipt. */
export interface DocumentRetention {
  /**
   * Raw mail and attachments are deleted this many days after they arrive.
   * @default 2557 (seven years): six years after a case closes, the usual retention for complaint records, plus a
   * year for the case itself to run. The case record in DynamoDB is not touched by this rule.
   */
  readonly keepDays?: number;
  /**
   * After this many days objects move to S3 Glacier Instant Retrieval (still readable in milliseconds).
   * @default 180: a closed case's mail is rarely read again.
   */
  readonly archiveAfterDays?: number;
  /**
   * A replaced or deleted version is kept this long, so a mistaken delete can be undone.
   * @default 30
   */
  readonly previousVersionDays?: number;
}

/** Properties of the document store. */
export interface DocumentStoreProps {
  /** The stage's data key: the bucket's default encryption. */
  readonly key: kms.IKey;
  /** @default RemovalPolicy.RETAIN: raw mail is the resident's own words, evidence for the Ombudsman. */
  readonly removalPolicy?: RemovalPolicy;
  /** @default the defaults of {@link DocumentRetention} */
  readonly retention?: DocumentRetention;
}

/**
 * The bucket for residents' raw mail and attachments: KMS-encrypted with the stage's data key, public access blocked,
 * TLS only, versioned, expired by the retention policy, with server access logs in a second bucket.
 */
export class DocumentStore extends Construct {
  readonly bucket: s3.Bucket;
  readonly key: kms.IKey;
  readonly accessLogs: s3.Bucket;
  readonly retention: Required<DocumentRetention>;

  constructor(scope: Construct, id: string, props: DocumentStoreProps) {
    super(scope, id);
    // Log delivery by bucket policy, not by the legacy LogDeliveryWrite ACL (lets both buckets disable ACLs).
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.retention = {
      keepDays: props.retention?.keepDays ?? 2557,
      archiveAfterDays: props.retention?.archiveAfterDays ?? 180,
      previousVersionDays: props.retention?.previousVersionDays ?? 30,
    };
    const { keepDays, archiveAfterDays, previousVersionDays } = this.retention;
    if (!(archiveAfterDays < keepDays)) throw new Error(`retention: archiveAfterDays (${archiveAfterDays}) must be less than keepDays (${keepDays})`);

    this.key = props.key;

    // Access logs cannot go to a bucket encrypted with a customer-managed key, so this one uses SSE-S3.
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(400), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: 'This is the server access log bucket for the document bucket; logging it into itself would log its own log writes for ever.',
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'documents/',
      lifecycleRules: [
        ...Object.entries(DOCUMENT_PREFIXES).map(([name, prefix]): s3.LifecycleRule => ({
          id: `retention-${name}`,
          prefix,
          transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(archiveAfterDays) }],
          expiration: Duration.days(keepDays),
          noncurrentVersionExpiration: Duration.days(previousVersionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        })),
        // Once an expired object's last version is gone, its delete marker is clutter.
        { id: 'tidy-delete-markers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy,
    });
  }

  /**
   * Lets SES write raw mail under `inbound/` (the receipt rule's S3 action adds the bucket policy statement): the
   * bucket's default encryption uses this key, so SES, writing for this account only, may generate data keys with it.
   * SES checks it can write when the rule is created, so a key policy that does not allow it fails the deploy.
   */
  allowSesToStoreMail(): void {
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'SesEncryptsInboundMail',
      principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
      actions: ['kms:GenerateDataKey', 'kms:Encrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
    }));
  }
}
