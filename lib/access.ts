// Least-privilege grants, written out action by action. CDK's grant* helpers give more than Redress calls
// (grantReadWriteData includes Scan and BatchWriteItem; a key's grantEncryptDecrypt includes kms:ReEncrypt* and
// kms:GenerateDataKey*), so each function gets exactly the calls its code makes, on the resources it names.
import { Aws, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * DynamoDB calls the store makes (src/adapters/dynamodb/redress-store.ts: GetCommand, QueryCommand; PutCommand,
 * UpdateCommand, and BatchWriteCommand for a letter's two pointers). Its one Scan is the operator's reindex, not a function's.
 */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'] as const;
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'] as const;

/** KMS calls DynamoDB, S3 or SSM make with the caller's credentials to use a customer-managed key. */
export const KEY_DECRYPT_ACTIONS = ['kms:Decrypt'] as const;
export const KEY_ENCRYPT_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] as const;

const viaService = (stack: Stack, service: string) => ({
  StringEquals: { 'kms:ViaService': `${service}.${stack.region}.amazonaws.com` },
});

/** Lets `role` use `key`, only through `service` (dynamodb, s3, ssm), for reading or also for writing. */
export function allowKeyVia(role: iam.IRole, key: kms.IKey, service: string, write: boolean): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: [...(write ? KEY_ENCRYPT_ACTIONS : KEY_DECRYPT_ACTIONS)],
    resources: [key.keyArn],
    conditions: viaService(Stack.of(role), service),
  }));
}

/** Reads (and optionally writes) a table and the named indexes, with its key through DynamoDB only. */
export function allowTable(role: iam.IRole, table: dynamodb.ITable, key: kms.IKey, options: { write: boolean; indexes: readonly string[] }): void {
  const indexArns = options.indexes.map((name) => `${table.tableArn}/index/${name}`);
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...TABLE_READ_ACTIONS], resources: [table.tableArn, ...indexArns] }));
  if (options.write) role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...TABLE_WRITE_ACTIONS], resources: [table.tableArn] }));
  allowKeyVia(role, key, 'dynamodb', options.write);
}

/**
 * Records, next to the grant that needs it, why a wildcard in a resource is the narrowest possible. `resource` is
 * written as cdk-nag prints it (`<LogicalId.Arn>/inbound/*`, `arn:<AWS::Partition>:…`).
 */
export function acknowledgeWildcardResource(role: iam.IRole, resource: string, reason: string): void {
  Validations.of(role).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`, reason });
}

/** Reads objects under one prefix and/or writes under another; the bucket key through S3 only. */
export function allowDocuments(role: iam.IRole, bucket: s3.Bucket, key: kms.IKey, options: { readPrefix?: string; writePrefix?: string }): void {
  const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
  if (options.readPrefix) {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${options.readPrefix}*`)] }));
    acknowledgeWildcardResource(role, `<${bucketId}.Arn>/${options.readPrefix}*`,
      `Object keys are chosen at run time (SES names raw mail by message id); the grant is s3:GetObject only, on the ${options.readPrefix} prefix only.`);
  }
  if (options.writePrefix) {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${options.writePrefix}*`)] }));
    acknowledgeWildcardResource(role, `<${bucketId}.Arn>/${options.writePrefix}*`,
      `Attachment keys are chosen at run time (per message and part); the grant is s3:PutObject only, on the ${options.writePrefix} prefix only, so raw mail under inbound/ cannot be overwritten.`);
  }
  allowKeyVia(role, key, 's3', Boolean(options.writePrefix));
}

/** An ARN built from pseudo-parameters, so cdk-nag prints it the same in every account and region. */
export const pseudoArn = (service: string, resource: string): string => `arn:${Aws.PARTITION}:${service}:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
/** The same ARN as cdk-nag prints it. */
export const nagArn = (service: string, resource: string): string => `arn:<AWS::Partition>:${service}:<AWS::Region>:<AWS::AccountId>:${resource}`;

/** What a function may send as, and through which configuration set and templates. */
export interface SendingScope {
  /** ARNs of the SES identities letters are sent from (the landlords' domains and addresses). */
  readonly identityArns: readonly string[];
  /** ARN of the configuration set every letter goes through. */
  readonly configurationSetArn: string;
  /** ARNs of the SES templates letters are rendered from. */
  readonly templateArns: readonly string[];
}

/** ses:SendEmail from the landlords' identities, through the configuration set, with Redress's templates. */
export function allowSendEmail(role: iam.IRole, scope: SendingScope): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['ses:SendEmail'],
    resources: [...scope.identityArns, scope.configurationSetArn, ...scope.templateArns],
  }));
}

/** SES identity ARNs (domain and address) for the addresses letters are sent from. */
export function identityArnsFor(stack: Stack, addresses: readonly string[]): string[] {
  const identities = new Set<string>();
  for (const address of addresses) {
    identities.add(address);
    identities.add(address.slice(address.lastIndexOf('@') + 1));
  }
  return [...identities].sort().map((identity) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }));
}
