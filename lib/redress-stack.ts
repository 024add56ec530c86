import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { PROJECT_ROOT } from '../src/config/files.ts';
import type { LandlordPolicy } from '../src/core/policy/landlord-policy.ts';
import { LandlordDirectory } from '../src/intake/landlords.ts';
import { acknowledgeWildcardResource, allowDocuments, allowIdempotency, allowKeyVia, allowSendEmail, allowTable, nagArn, pseudoArn } from './access.ts';
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
   * Make the stage's receipt rule set the active one (and unset it on delete).
   * @default true
   */
  readonly activateRuleSet?: boolean;
  /** An address told of every alarm. @default none */
  readonly alarmEmail?: string;
  /** How long residents' raw mail and attachments are kept. @default see DocumentRetention */
  readonly retention?: DocumentRetention;
  /**
   * Concurrency reserved for (and capping) the functions a flood could reach: mail intake and the public API.
   * Set `false` on an account whose concurrency quota is still the new-account 10.
   * @default { receiveEmail: 5, httpApi: 25 }
   */
  readonly reservedConcurrency?: { readonly receiveEmail: number; readonly httpApi: number } | false;
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
  readonly workflow?: CaseWorkflow;
  readonly functions: Partial<Record<FunctionName, RedressFunction>> = {};

  constructor(scope: Construct, id: string, props: RedressStackProps) {
    super(scope, id, props);
    const stage = (this.stage = props.stage ?? 'dev');
    if (!/^[a-z0-9-]{1,20}$/.test(stage)) throw new Error(`stage "${stage}": lower-case letters, digits and hyphens, at most 20`);
    const root = props.projectRoot ?? PROJECT_ROOT;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const ownedBy = removalPolicy === RemovalPolicy.RETAIN ? {} : { removalPolicy };
    const names = { ruleSet: `redress-${stage}`, configurationSet: `redress-${stage}`, scheduleGroup: `redress-${stage}`, api: `redress-${stage}` };
    const landlordIds = props.landlords.map((l) => l.landlordId);
    this.templateOptions.description = `Redress complaint handling (${stage}) for ${landlordIds.join(', ')}`;
    if (props.landlords.length === 0) throw new Error('a stage needs at least one landlord');
    // The functions build this directory at cold start and refuse two landlords sharing an address or text number
    // (mail or texts could not tell them apart): refuse the same stage here, before anything is deployed.
    new LandlordDirectory(new Map(props.landlords.map((l) => [l.landlordId, l])), landlordIds[0]!);
    const complaintsAddresses = [...new Set(props.landlords.map((l) => l.contact.complaintsEmail.toLowerCase()))].sort();
    const mailDomains = [...new Set(complaintsAddresses.map((a) => a.slice(a.lastIndexOf('@') + 1)))].sort();

    // Data: the case table (and idempotency table) under one key, documents under another, notifications a third.
    this.cases = new CaseTable(this, 'Cases', ownedBy);
    this.documents = new DocumentStore(this, 'Documents', { ...ownedBy, ...(props.retention ? { retention: props.retention } : {}) });
    const notificationKey = new kms.Key(this, 'NotificationKey', {
      description: 'Redress notifications: SES mail events and operator alarms',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const templates = readLetterTemplates(join(root, 'templates'));
    this.outbox = new Outbox(this, 'Outbox', {
      configurationSetName: names.configurationSet,
      senders: complaintsAddresses,
      identityDomains: props.createDomainIdentities ? mailDomains : [],
      templates,
      topicKey: notificationKey,
    });
    this.schedules = new Schedules(this, 'Schedules', { groupName: names.scheduleGroup });
    this.alarms = new OperatorAlarms(this, 'Alarms', { topicKey: notificationKey, ...(props.alarmEmail ? { email: props.alarmEmail } : {}) });
    this.alarms.watchDeadLetterQueue('SchedulerDlq', this.schedules.deadLetterQueue, 'Scheduled digests or surveys');

    // Functions, as their entry files exist.
    const wanted = new Set(props.functions ?? presentFunctions(root));
    const files: BundledFiles = {
      landlordFiles: landlordIds.map((id) => join(root, 'config', 'landlords', `${id}.json`)),
      templateFiles: templates.flatMap((t) => t.files),
    };
    const reserved = props.reservedConcurrency === false ? undefined : (props.reservedConcurrency ?? { receiveEmail: 5, httpApi: 25 });
    const smsParameterName = props.smsAuthTokenParameterName ?? `/redress/${stage}/sms-auth-token`;

    // The API comes before the functions: their REDRESS_PUBLIC_URL is its address; its routes are added once
    // http-api exists.
    this.api = new PublicApi(this, 'Api', { apiName: names.api, ...ownedBy });
    const publicUrl = props.publicUrl ?? this.api.url;
    const common = (): Record<string, string> => ({
      REDRESS_TABLE_NAME: this.cases.table.tableName,
      REDRESS_PUBLIC_URL: publicUrl,
      REDRESS_LANDLORDS_DIR: DEPLOYED_LANDLORDS_DIR,
      REDRESS_TEMPLATES_DIR: DEPLOYED_TEMPLATES_DIR,
    });
    const sending = { REDRESS_SES_CONFIGURATION_SET: names.configurationSet };
    const build = (name: FunctionName, id: string, options: Omit<ConstructorParameters<typeof RedressFunction>[2], 'name' | 'files' | 'removalPolicy'>) => {
      const fn = new RedressFunction(this, id, { name, files: { ...files, runtimeFiles: runtimeFilesFor(name, root) }, ...ownedBy, ...options });
      this.functions[name] = fn;
      this.alarms.watchFunction(id, fn.fn, name);
      if (fn.deadLetterQueue) this.alarms.watchDeadLetterQueue(`${id}Dlq`, fn.deadLetterQueue, name);
      return fn;
    };
    const tableReadWrite = (fn: RedressFunction) => allowTable(fn.role, this.cases.table, this.cases.key, { write: true, indexes: [CASE_TABLE_INDEXES.bySender, CASE_TABLE_INDEXES.byLandlord] });
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
      this.alarms.watchWorkflow(this.workflow.stateMachine);
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
          REDRESS_IDEMPOTENCY_TABLE_NAME: this.cases.idempotency.tableName,
          REDRESS_DOCUMENTS_BUCKET: this.documents.bucket.bucketName,
        },
      })
      : undefined;
    if (receiveEmail) {
      tableReadWrite(receiveEmail);
      allowIdempotency(receiveEmail.role, this.cases.idempotency, this.cases.key);
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
        },
      });
      this.api.route(httpApi.fn);
      // No idempotency table: the SMS webhook and the form de-duplicate through the case store's delivery ids.
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
      this.outbox.events.addSubscription(new subscriptions.LambdaSubscription(mailEvents.fn, { deadLetterQueue: mailEvents.deadLetterQueue! }));
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

    new CfnOutput(this, 'MxRecord', { value: `10 ${inboundSmtpHost(this.region)}`, description: 'MX record for each landlord mail domain' });
    new CfnOutput(this, 'ReceiptRuleSet', { value: names.ruleSet });
    new CfnOutput(this, 'ConfigurationSet', { value: names.configurationSet });
    new CfnOutput(this, 'PublicUrl', { value: publicUrl, description: 'Web form: <url>/contact; SMS webhook: <url>/sms/inbound' });
    new CfnOutput(this, 'StaffUserPoolId', { value: this.api.staff.userPoolId });
    new CfnOutput(this, 'StaffUserPoolClientId', { value: this.api.staffClient.userPoolClientId });
    new CfnOutput(this, 'SmsAuthTokenParameter', { value: smsParameterName, description: 'Create this SecureString before the SMS provider is pointed at the webhook' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }
}

/** When a landlord's weekly digest goes: its policy's `digest.sendOn`, or Monday 08:00. */
export function digestTime(landlord: LandlordPolicy): WeeklyTime {
  const sendOn = (landlord.digest as { sendOn?: Partial<WeeklyTime> }).sendOn;
  return { day: sendOn?.day ?? DEFAULT_DIGEST_TIME.day, at: sendOn?.at ?? DEFAULT_DIGEST_TIME.at };
}
