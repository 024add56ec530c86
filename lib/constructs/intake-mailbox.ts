import { fileURLToPath } from 'node:url';
import { CustomResource, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { LAMBDA_RUNTIME } from '../bundling.ts';
import { RegionCannotReceiveMailError, SES_RECEIVING_REGIONS } from '../receiving-regions.ts';
import { DOCUMENT_PREFIXES, type DocumentStore } from './document-store.ts';

/** The custom resource's handler (lib/custom-resources/receipt-rule-set-activation.ts). */
export const ACTIVATION_HANDLER = fileURLToPath(new URL('../custom-resources/receipt-rule-set-activation.ts', import.meta.url));

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
   * Make this rule set the account's active one on deploy when no other set is active, and unset it on delete while
   * it is still the active one. An account and region has one active rule set: turn this off if another
   * application's rule set must stay active, and add Redress's rule to it.
   * @default true
   */
  readonly activate?: boolean;
  /**
   * Make this rule set active even when another set is: SES then stops using that set. Without it the deploy fails,
   * naming the active set, rather than stopping mail that Redress did not create the set for.
   * @default false
   */
  readonly takeOver?: boolean;
}

/**
 * Mail to the landlords' complaints addresses: an SES receipt rule that scans for spam and viruses, stores the raw
 * MIME in the document bucket under `inbound/` and then invokes receive-email with the stored object's key; and a
 * custom resource that makes the rule set active, which CloudFormation cannot do.
 */
export class IntakeMailbox extends Construct {
  readonly ruleSet: ses.ReceiptRuleSet;
  readonly rule: ses.ReceiptRule;
  readonly activation?: CustomResource;

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
      // Its own function, role and log group: the handler reads which set is active before it changes anything, which
      // an AwsCustomResource (one fixed SDK call per event) cannot do.
      const logGroup = new logs.LogGroup(this, 'ActivateLogs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY });
      const role = new iam.Role(this, 'ActivateRole', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: 'Redress: make the receipt rule set active when no other is, and unset it on delete only while it is ours',
      });
      role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
      role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['ses:DescribeActiveReceiptRuleSet', 'ses:SetActiveReceiptRuleSet'], resources: ['*'] }));
      Validations.of(role).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'ses:DescribeActiveReceiptRuleSet and ses:SetActiveReceiptRuleSet support no resource-level permissions (Service Authorization Reference: no resource types), so their only Resource can be "*"; the statement allows those two actions.',
      });
      const activator = new nodejs.NodejsFunction(this, 'Activator', {
        entry: ACTIVATION_HANDLER,
        handler: 'handler',
        runtime: LAMBDA_RUNTIME,
        architecture: lambda.Architecture.ARM_64,
        timeout: Duration.seconds(30),
        role,
        logGroup,
        loggingFormat: lambda.LoggingFormat.JSON,
        description: 'Deploy step of Redress: activate the receipt rule set when no other is active',
        // The SES v1 client is bundled, not taken from the runtime: the code runs what its tests ran.
        bundling: { format: nodejs.OutputFormat.CJS, minify: true, target: 'node24', externalModules: [] },
      });
      this.activation = new CustomResource(this, 'Activate', {
        serviceToken: activator.functionArn,
        resourceType: 'Custom::ActiveReceiptRuleSet',
        properties: { RuleSetName: props.ruleSetName, TakeOverActiveRuleSet: String(props.takeOver ?? false) },
      });
      this.activation.node.addDependency(this.rule);
    }
  }
}
