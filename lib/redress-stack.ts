import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { PROJECT_ROOT } from '../src/config/files.ts';
import type { LandlordPolicy } from '../src/core/policy/landlord-policy.ts';
import { LandlordDirectory } from '../src/intake/landlords.ts';
import { acknowledgeWildcardResource, allowDocuments, allowKeyVia, allowSendEmail, allowTable, nagArn, pseudoArn } from './access.ts';
import { type BundledFiles, DEPLOYED_LANDLORDS_DIR, DEPLOYED_TEMPLATES_DIR, type FunctionName, presentFunctions, runtimeFilesFor } from './bundling.ts';
import { readLetterTemplates } from './letter-templates.ts';
import { inboundSmtpHost } from './receiving-regions.ts';
import { CASE_TABLE_INDEXES, CaseTable } from './constructs/case-table.ts';
import { CaseWorkflow } from './constructs/case-workflow.ts';
import { DOCUMENT_PREFIXES, type DocumentRetention, DocumentStore } from './constructs/document-store.ts';
import { IntakeMailbox } from './constructs/intake-mailbox.ts';
import { OperatorAlarms } from './constructs/operator-alarms.ts';
import { Outbox } from './constructs/outbox.ts';
import { PublicApi } from './constructs/public-api.ts';
import { RedressFunction } from './constructs/redress-function.ts';
import { Schedules, type WeeklyTime } from './constructs/schedules.ts';

/** Properties of a Redress stage. */
export interface RedressStackProps extends StackProps {
  /** The landlords this stage serves, already checked against the Code. */
  readonly landlords: readonly LandlordPolicy[];
  /**
   * The stage's name, in every resource name that must be unique in the account (rule set, configuration set,
   * schedule group, API).
   * @default 'dev'
   */
  readonly stage?: string;
  /**
   * Whether deleting the stack deletes its data.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Name of the SSM SecureString holding the SMS provider's auth token, created by the operator (never by the stack:
   * the value must not be in the template).
   * @default `/redress/<stage>/sms-auth-token`
   */
  readonly smsAuthTokenParameterName?: string;
  /**
   * ARN of the KMS key the SMS token parameter is encrypted with, when not the account's `aws/ssm` key.
   * @default the `aws/ssm` AWS-managed key, whose key policy already lets the account's roles decrypt through SSM
   */
  readonly smsAuthTokenKeyArn?: string;
  /**
   * Create SES domain identities (Easy DKIM) for the landlords' mail domains. Off when they are verified outside the
   * stack: an identity exists once per account and region.
   * @default false
   */
  readonly createDomainIdentities?: boolean;
  /**
   * Make the stage's receipt rule set the active one when no other set is (and unset it on delete while it is ours).
   * @default true
   */
  readonly activateRuleSet?: boolean;
  /**
   * Make the stage's rule set active even when another set is, which SES then stops using.
   * @default false: the deploy fails, naming the active set
   */
  readonly takeOverActiveRuleSet?: boolean;
  /** An address told of every alarm. @default none */
  readonly alarmEmail?: string;
  /** How long residents' raw mail and attachments are kept. @default see DocumentRetention */
  readonly retention?: DocumentRetention;
  /**
   * Concurrency reserved for (and capping) the functions a flood could reach: mail intake and the public API. Lambda
   * keeps 100 of the account's executions unreserved, so this needs {@link concurrencyQuota} of at least the sum
   * plus 100 (a new account's quota is often 10).
   * @default none reserved
   */
  readonly reservedConcurrency?: { readonly receiveEmail: number; readonly httpApi: number };
  /** The account's Lambda concurrent-executions quota, as the operator read it in Service Quotas. @default unknown */
  readonly concurrencyQuota?: number;
  /**
   * The staff sign-in domain's prefix: `<prefix>.auth.<region>.amazoncognito.com`, unique across all of AWS.
   * @default `redress-<stage>-<account id>`
   */
  readonly cognitoDomainPrefix?: string;
  /**
   * Days between automatic rotations of the stage's data key. Each of a key's first two rotations adds $1 a month.
   * @default 1095 (three years)
   */
  readonly keyRotationDays?: number;
  /**
   * The base URL residents see (a custom domain in front of the API).
   * @default the API's execute-api URL
   */
  readonly publicUrl?: string;
  /**
   * Which functions to build, for tests. NodejsFunction needs the entry file to exist.
   * @default every function whose lambdas/<name>/handler.ts exists
   */
  readonly functions?: readonly FunctionName[];
  /** @default the repository root */
  readonly projectRoot?: string;
}

/** Lambda keeps this many of the account's concurrent executions unreserved (Lambda Developer Guide, quotas). */
export const UNRESERVED_CONCURRENCY_MINIMUM = 100;

/** Reserved concurrency the account's quota cannot give: the deploy would fail on the function that asks for it. */
export class ReservedConcurrencyError extends Error {
  override readonly name = 'ReservedConcurrencyError';
}

/** Refuses reserved concurrency the operator has not shown the account can give (reserved + 100 unreserved ≤ quota). */
export function checkReservedConcurrency(reserved: { receiveEmail: number; httpApi: number } | undefined, quota: number | undefined): void {
  if (!reserved) return;
  const total = reserved.receiveEmail + reserved.httpApi;
  if (quota === undefined) {
    throw new ReservedConcurrencyError(`reserving ${total} concurrent executions needs the account's quota: add -c concurrencyQuota=<Service Quotas, Lambda, Concurrent executions>`);
  }
  if (total + UNRESERVED_CONCURRENCY_MINIMUM > quota) {
    throw new ReservedConcurrencyError(`reserving ${total} concurrent executions leaves fewer than the ${UNRESERVED_CONCURRENCY_MINIMUM} Lambda keeps unreserved from a quota of ${quota}: ask for a higher quota or reserve less`);
  }
}

/**
 * The stage's data key rotates every three years by default: AWS adds $1 a month for each of a key's first two
 * rotations, so yearly rotation would triple the key's cost by year three. Key material never leaves KMS, and every
 * use is logged in CloudTrail.
 */
export const DEFAULT_KEY_ROTATION_DAYS = 1095;

/** The weekly digest time when a landlord's policy does not set one: Monday 08:00, London. */
export const DEFAULT_DIGEST_TIME: WeeklyTime = { day: 'monday', at: '08:00' };

/** One Redress stage: joins the constructs, wires the functions the contract names, and says what each may call. */
export class RedressStack extends Stack {
  readonly stage: string;
  readonly cases: CaseTable;
  readonly documents: DocumentStore;
  readonly outbox: Outbox;
  readonly mailbox: IntakeMailbox;
  readonly schedules: Schedules;
  readonly api: PublicApi;
  readonly alarms: OperatorAlarms;
  readonly dataKey: kms.Key;
  readonly deadLetters: sqs.Queue;
  readonly workflow?: CaseWorkflow;
  readonly functions: Partial<Record<FunctionName, RedressFunction>> = {};

  constructor(scope: Construct, id: string, props: RedressStackProps) {
    super(scope, id, props);
    const stage = (this.stage = props.stage ?? 'dev');
    if (!/^[a-z0-9-]{1,20}$/.test(stage)) throw new Error(`stage "${stage}": lower-case letters, digits and hyphens, at most 20`);
    const root = props.projectRoot ?? PROJECT_ROOT;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const ownedBy = removalPolicy === RemovalPolicy.RETAIN ? {} : { removalPolicy };
    const names = {
      ruleSet: `redress-${stage}`, configurationSet: `redress-${stage}`, scheduleGroup: `redress-${stage}`, api: `redress-${stage}`,
      cognitoDomainPrefix: props.cognitoDomainPrefix ?? `redress-${stage}-${this.account}`, metricNamespace: `Redress/${stage}`,
    };
    const landlordIds = props.landlords.map((l) => l.landlordId);
    this.templateOptions.description = `Redress complaint handling (${stage}) for ${landlordIds.join(', ')}`;
    if (props.landlords.length === 0) throw new Error('a stage needs at least one landlord');
    // The functions build this directory at cold start and refuse two landlords sharing an address or text number
    // (mail or texts could not tell them apart): refuse the same stage here, before anything is deployed.
    new LandlordDirectory(new Map(props.landlords.map((l) => [l.landlordId, l])), landlordIds[0]!);
    const complaintsAddresses = [...new Set(props.landlords.map((l) => l.contact.complaintsEmail.toLowerCase()))].sort();
    const mailDomains = [...new Set(complaintsAddresses.map((a) => a.slice(a.lastIndexOf('@') + 1)))].sort();

    // Data: one customer-managed key for everything that holds residents' details (both tables, the document bucket,
    // the SES event topic). A key costs $1 a month, so one key rather than one per store keeps the fixed cost down.
    this.dataKey = new kms.Key(this, 'DataKey', {
      description: `Redress ${stage}: case records, residents' raw mail and attachments, SES mail events`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(props.keyRotationDays ?? DEFAULT_KEY_ROTATION_DAYS),
      removalPolicy,
    });
    this.cases = new CaseTable(this, 'Cases', { key: this.dataKey, ...ownedBy });
    this.documents = new DocumentStore(this, 'Documents', { key: this.dataKey, ...ownedBy, ...(props.retention ? { retention: props.retention } : {}) });
    // One dead-letter queue for the stage (functions, the SES event subscription, schedules): one alarm metric instead
    // of five. Each message says what failed (Lambda's ErrorMessage attribute, the schedule ARN, the SNS topic).
    // SSE-SQS rather than the data key: a function's DLQ grant with a CMK would add kms:ReEncrypt* and
    // kms:GenerateDataKey*; the queue holds event envelopes (ids, S3 keys, headers) for 14 days at most.
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: "This queue is itself the stage's dead-letter queue: the asynchronous functions', the SES event subscription's and EventBridge Scheduler's (cdk-nag only recognises SQS redrive and Lambda DLQs). An alarm fires on its first message.",
    });

    const templates = readLetterTemplates(join(root, 'templates'), names.configurationSet);
    this.outbox = new Outbox(this, 'Outbox', {
      configurationSetName: names.configurationSet,
      senders: complaintsAddresses,
      identityDomains: props.createDomainIdentities ? mailDomains : [],
      templates,
      topicKey: this.dataKey,
    });
    this.schedules = new Schedules(this, 'Schedules', { groupName: names.scheduleGroup, deadLetterQueue: this.deadLetters });
    this.alarms = new OperatorAlarms(this, 'Alarms', { metricNamespace: names.metricNamespace, ...(props.alarmEmail ? { email: props.alarmEmail } : {}) });
    this.alarms.watchDeadLetterQueue(this.deadLetters);

    // Functions, as their entry files exist.
    const wanted = new Set(props.functions ?? presentFunctions(root));
    const files: BundledFiles = {
      landlordFiles: landlordIds.map((id) => join(root, 'config', 'landlords', `${id}.json`)),
      templateFiles: templates.flatMap((t) => t.files),
    };
    checkReservedConcurrency(props.reservedConcurrency, props.concurrencyQuota);
    const reserved = props.reservedConcurrency;
    const smsParameterName = props.smsAuthTokenParameterName ?? `/redress/${stage}/sms-auth-token`;

    // The API comes before the functions: their REDRESS_PUBLIC_URL is its address; its routes are added once
    // http-api exists.
    this.api = new PublicApi(this, 'Api', {
      apiName: names.api, cognitoDomainPrefix: names.cognitoDomainPrefix, ...ownedBy, ...(props.publicUrl ? { publicUrl: props.publicUrl } : {}),
    });
    const publicUrl = this.api.url;
    const common = (): Record<string, string> => ({
      REDRESS_TABLE_NAME: this.cases.table.tableName,
      REDRESS_PUBLIC_URL: publicUrl,
      REDRESS_LANDLORDS_DIR: DEPLOYED_LANDLORDS_DIR,
      REDRESS_TEMPLATES_DIR: DEPLOYED_TEMPLATES_DIR,
    });
    const sending = { REDRESS_SES_CONFIGURATION_SET: names.configurationSet };
    const build = (name: FunctionName, id: string, options: Omit<ConstructorParameters<typeof RedressFunction>[2], 'name' | 'files' | 'removalPolicy' | 'deadLetterQueue'>) => {
      const fn = new RedressFunction(this, id, {
        name, files: { ...files, runtimeFiles: runtimeFilesFor(name, root) }, ...ownedBy, ...options, ...(options.async ? { deadLetterQueue: this.deadLetters } : {}),
      });
      this.functions[name] = fn;
      return fn;
    };
    const tableReadWrite = (fn: RedressFunction) => allowTable(fn.role, this.cases.table, this.cases.key, { write: true, indexes: [CASE_TABLE_INDEXES.bySender, CASE_TABLE_INDEXES.byLandlord, CASE_TABLE_INDEXES.work] });
    const sendEmail = (fn: RedressFunction) => allowSendEmail(fn.role, this.outbox.sendingScope);

    // send-survey first: case-step schedules it by ARN.
    const sendSurvey = wanted.has('send-survey')
      ? build('send-survey', 'SendSurvey', { async: true, environment: { ...common(), ...sending } })
      : undefined;
    if (sendSurvey) {
      tableReadWrite(sendSurvey);
      sendEmail(sendSurvey);
      this.schedules.allowInvoke(sendSurvey.functionArn);
    }

    const caseStep = wanted.has('case-step')
      ? build('case-step', 'CaseStep', {
        async: false,
        environment: {
          ...common(), ...sending,
          REDRESS_SCHEDULE_GROUP: names.scheduleGroup,
          REDRESS_SCHEDULER_ROLE_ARN: this.schedules.role.roleArn,
          REDRESS_SCHEDULER_DLQ_ARN: this.schedules.deadLetterQueue.queueArn,
          ...(sendSurvey ? { REDRESS_SURVEY_FUNCTION_ARN: sendSurvey.functionArn } : {}),
        },
      })
      : undefined;
    if (caseStep) {
      tableReadWrite(caseStep);
      sendEmail(caseStep);
      caseStep.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['scheduler:CreateSchedule'],
        resources: [pseudoArn('scheduler', `schedule/${names.scheduleGroup}/*`)],
      }));
      acknowledgeWildcardResource(caseStep.role, nagArn('scheduler', `schedule/${names.scheduleGroup}/*`),
        'Each survey gets a one-time schedule named for its case at run time; the grant is scheduler:CreateSchedule only, in the stage\'s own schedule group only, and iam:PassRole is limited to the scheduler role, passed to EventBridge Scheduler.');
      caseStep.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.schedules.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }));
      this.alarms.watchOverdue(caseStep.logGroup);
    }

    const definitionFile = join(root, 'statemachines', 'complaint-case.asl.json');
    if (caseStep && existsSync(definitionFile)) {
      this.workflow = new CaseWorkflow(this, 'Workflow', { definitionFile, caseStepFunctionArn: caseStep.functionArn, ...ownedBy });
      this.alarms.watchWorkflow(this.workflow.logGroup);
    }
    const workflowEnv: Record<string, string> = this.workflow ? { REDRESS_STATE_MACHINE_ARN: this.workflow.stateMachine.stateMachineArn } : {};
    const startExecution = (fn: RedressFunction) => {
      if (!this.workflow) return;
      fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [this.workflow.stateMachine.stateMachineArn] }));
      // A staff action that leaves nothing to wait for stops the complaint's run (keepWatching): its executions only.
      const executions = pseudoArn('states', `execution:${this.workflow.stateMachine.stateMachineName}:*`);
      fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['states:StopExecution'], resources: [executions] }));
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${nagArn('states', `execution:<${Stack.of(this).getLogicalId(this.workflow.stateMachine.node.defaultChild as CfnElement)}.Name>:*`)}]`,
        reason: 'Executions are named per complaint run at run time; the grant is states:StopExecution only, on this state machine\'s executions only.',
      });
    };

    const receiveEmail = wanted.has('receive-email')
      ? build('receive-email', 'ReceiveEmail', {
        async: true,
        memorySize: 1024,
        timeout: Duration.seconds(60),
        ...(reserved ? { reservedConcurrency: reserved.receiveEmail } : {}),
        environment: {
          ...common(), ...sending, ...workflowEnv,
          REDRESS_DOCUMENTS_BUCKET: this.documents.bucket.bucketName,
        },
      })
      : undefined;
    if (receiveEmail) {
      tableReadWrite(receiveEmail);
      allowDocuments(receiveEmail.role, this.documents.bucket, this.documents.key, { readPrefix: DOCUMENT_PREFIXES.inbound, writePrefix: DOCUMENT_PREFIXES.attachments });
      sendEmail(receiveEmail);
      startExecution(receiveEmail);
    }
    this.mailbox = new IntakeMailbox(this, 'Mailbox', {
      ruleSetName: names.ruleSet,
      recipients: complaintsAddresses,
      documents: this.documents,
      ...(receiveEmail ? { receiveEmail: receiveEmail.fn } : {}),
      activate: props.activateRuleSet ?? true,
      takeOver: props.takeOverActiveRuleSet ?? false,
    });

    if (wanted.has('http-api')) {
      const httpApi = build('http-api', 'HttpApi', {
        async: false,
        timeout: Duration.seconds(25),
        ...(reserved ? { reservedConcurrency: reserved.httpApi } : {}),
        environment: {
          ...common(), ...sending, ...workflowEnv,
          REDRESS_SMS_AUTH_TOKEN_PARAMETER: smsParameterName,
          // The form at /contact; /contact/<landlordId> for the others.
          REDRESS_DEFAULT_LANDLORD: landlordIds[0]!,
          // The officers' console signs staff in through managed login at this host, with this client.
          REDRESS_COGNITO_USER_POOL_ID: this.api.staff.userPoolId,
          REDRESS_COGNITO_CLIENT_ID: this.api.staffClient.userPoolClientId,
          REDRESS_COGNITO_DOMAIN: this.api.signInHost,
        },
      });
      this.api.route(httpApi.fn);
      // The SMS webhook and the form, like mail, de-duplicate through the case store's delivery ids.
      tableReadWrite(httpApi);
      sendEmail(httpApi);
      startExecution(httpApi);
      httpApi.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [this.formatArn({ service: 'ssm', resource: 'parameter', resourceName: smsParameterName.replace(/^\//, '') })],
      }));
      if (props.smsAuthTokenKeyArn) allowKeyVia(httpApi.role, kms.Key.fromKeyArn(this, 'SmsTokenKey', props.smsAuthTokenKeyArn), 'ssm', false);
    }

    const mailEvents = wanted.has('mail-events')
      ? build('mail-events', 'MailEvents', { async: true, environment: common() })
      : undefined;
    if (mailEvents) {
      tableReadWrite(mailEvents);
      this.outbox.events.addSubscription(new subscriptions.LambdaSubscription(mailEvents.fn, { deadLetterQueue: this.deadLetters }));
      this.alarms.watchRenderingFailures(mailEvents.logGroup);
    }

    const sendDigest = wanted.has('send-digest')
      ? build('send-digest', 'SendDigest', { async: true, timeout: Duration.minutes(5), environment: { ...common(), ...sending } })
      : undefined;
    if (sendDigest) {
      // Not read-only: each digest is sent through sendLetter, which claims and then marks its letter record, so a
      // retried schedule never mails the same digest twice.
      tableReadWrite(sendDigest);
      sendEmail(sendDigest);
      const byTime = new Map<string, { time: WeeklyTime; landlordIds: string[] }>();
      for (const landlord of props.landlords) {
        const time = digestTime(landlord);
        const key = `${time.day} ${time.at}`;
        byTime.set(key, { time, landlordIds: [...(byTime.get(key)?.landlordIds ?? []), landlord.landlordId] });
      }
      for (const [key, { time, landlordIds: ids }] of [...byTime].sort(([a], [b]) => a.localeCompare(b))) {
        this.schedules.addWeekly(`Digest-${key.replace(/[^a-z0-9]/g, '')}`, {
          time,
          functionArn: sendDigest.functionArn,
          input: { kind: 'weekly-digest', landlordIds: ids },
          description: `Weekly digest, ${time.day} ${time.at} London time: ${ids.join(', ')}`,
        });
      }
    }

    this.alarms.watchFunctions(Object.values(this.functions).map((f) => ({ name: f.functionName, fn: f.fn })));

    new CfnOutput(this, 'MxRecord', { value: `10 ${inboundSmtpHost(this.region)}`, description: 'MX record for each landlord mail domain' });
    new CfnOutput(this, 'ReceiptRuleSet', { value: names.ruleSet });
    new CfnOutput(this, 'CaseTableName', { value: this.cases.table.tableName, description: 'For npm run reindex-work after an update (docs/operator.md)' });
    new CfnOutput(this, 'ComplaintsAddress', { value: complaintsAddresses[0]!, description: 'The first landlord\'s complaints address (the smoke test writes to it)' });
    const textNumber = props.landlords.find((l) => l.contact.textNumber)?.contact.textNumber;
    if (textNumber) new CfnOutput(this, 'TextNumber', { value: textNumber });
    if (this.workflow) new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, 'ConfigurationSet', { value: names.configurationSet });
    new CfnOutput(this, 'PublicUrl', { value: publicUrl, description: 'Web form: <url>/contact; SMS webhook: <url>/sms/inbound' });
    new CfnOutput(this, 'StaffUserPoolId', { value: this.api.staff.userPoolId });
    new CfnOutput(this, 'StaffUserPoolClientId', { value: this.api.staffClient.userPoolClientId });
    new CfnOutput(this, 'StaffSignInHost', { value: this.api.signInHost, description: 'Cognito managed login for the officers\' console' });
    new CfnOutput(this, 'ConsoleUrl', { value: `${publicUrl}/console` });
    new CfnOutput(this, 'ScheduleGroup', { value: names.scheduleGroup });
    new CfnOutput(this, 'SchedulerRoleArn', { value: this.schedules.role.roleArn });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetters.queueUrl });
    new CfnOutput(this, 'SmsAuthTokenParameter', { value: smsParameterName, description: 'Create this SecureString before the SMS provider is pointed at the webhook' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }
}

/** When a landlord's weekly digest goes: its policy's `digest.sendOn`, or Monday 08:00. */
export function digestTime(landlord: LandlordPolicy): WeeklyTime {
  const sendOn = (landlord.digest as { sendOn?: Partial<WeeklyTime> }).sendOn;
  return { day: sendOn?.day ?? DEFAULT_DIGEST_TIME.day, at: sendOn?.at ?? DEFAULT_DIGEST_TIME.at };
}
