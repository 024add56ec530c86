import { RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { RegionCannotReceiveMailError, SES_RECEIVING_REGIONS } from '../receiving-regions.ts';
import { DOCUMENT_PREFIXES, type DocumentStore } from './document-store.ts';

/** Properties of the intake mailbox. */
export interface IntakeMailboxProps {
  /** Name of the receipt rule set (one per stage). */
  readonly ruleSetName: string;
  /** The landlords' complaints addresses: mail to any of them is taken in. */
  readonly recipients: readonly string[];
  /** Where the raw mail is stored, under `inbound/`. */
  readonly documents: DocumentStore;
  /** The function invoked (asynchronously) once the raw mail is stored; absent while it is being written. */
  readonly receiveEmail?: lambda.IFunction;
  /**
   * Make this rule set the account's active one on deploy, and unset it on delete. An account and region has one
   * active rule set: turn this off if another application's rule set must stay active, and add Redress's rule to it.
   * @default true
   */
  readonly activate?: boolean;
}

/**
 * Mail to the landlords' complaints addresses: an SES receipt rule that scans for spam and viruses, stores the raw
 * MIME in the document bucket under `inbound/` and then invokes receive-email with the stored object's key; and a
 * custom resource that makes the rule set active, which CloudFormation cannot do.
 */
export class IntakeMailbox extends Construct {
  readonly ruleSet: ses.ReceiptRuleSet;
  readonly rule: ses.ReceiptRule;
  readonly activation?: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: IntakeMailboxProps) {
    super(scope, id);
    const stack = Stack.of(this);
    if (!Token.isUnresolved(stack.region) && !SES_RECEIVING_REGIONS.has(stack.region)) throw new RegionCannotReceiveMailError(stack.region);
    if (props.recipients.length === 0) throw new Error('the intake mailbox needs at least one landlord complaints address');

    props.documents.allowSesToStoreMail();
    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: props.ruleSetName });
    this.rule = this.ruleSet.addRule('ComplaintsMail', {
      receiptRuleName: 'complaints-mail',
      recipients: [...new Set(props.recipients.map((r) => r.toLowerCase()))].sort(),
      scanEnabled: true,
      // Not REQUIRE: a complaint from a resident whose provider cannot do TLS must still arrive (Code 1.2: however made).
      tlsPolicy: ses.TlsPolicy.OPTIONAL,
      actions: [
        new sesActions.S3({ bucket: props.documents.bucket, objectKeyPrefix: DOCUMENT_PREFIXES.inbound }),
        ...(props.receiveEmail ? [new sesActions.Lambda({ function: props.receiveEmail, invocationType: sesActions.LambdaInvocationType.EVENT })] : []),
      ],
    });

    if (props.activate ?? true) {
      const setActive: cr.AwsSdkCall = {
        service: 'SES',
        action: 'SetActiveReceiptRuleSet',
        parameters: { RuleSetName: props.ruleSetName },
        physicalResourceId: cr.PhysicalResourceId.of(`active-receipt-rule-set-${props.ruleSetName}`),
      };
      // Its own role and log group, rather than the custom-resource default (AWSLambdaBasicExecutionRole on '*').
      const logGroup = new logs.LogGroup(this, 'ActivateLogs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY });
      const role = new iam.Role(this, 'ActivateRole', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: 'Redress: make the receipt rule set active, and unset it on delete',
      });
      role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
      this.activation = new cr.AwsCustomResource(this, 'Activate', {
        role,
        logGroup,
        onCreate: setActive,
        onUpdate: setActive,
        // No RuleSetName: deactivates whichever set is active, so deleting the stage stops taking mail in.
        onDelete: { service: 'SES', action: 'SetActiveReceiptRuleSet', parameters: {} },
        installLatestAwsSdk: false,
      });
      role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['ses:SetActiveReceiptRuleSet'], resources: ['*'] }));
      this.activation.node.addDependency(this.rule);
      Validations.of(role).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'ses:SetActiveReceiptRuleSet supports no resource-level permissions (Service Authorization Reference: no resource types), so its only Resource can be "*"; the statement allows that one action.',
      });
    }
  }
}
