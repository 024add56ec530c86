import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { testApp } from './app.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { presentFunctions } from '../../lib/bundling.ts';
import { deployableLandlords, PolicyBreaksCodeError } from '../../lib/landlord-config.ts';
import { readLetterTemplates } from '../../lib/letter-templates.ts';
import { RegionCannotReceiveMailError } from '../../lib/receiving-regions.ts';
import { RedressStack } from '../../lib/redress-stack.ts';
import { PROJECT_ROOT, shippedLandlordPolicies } from '../../src/config/files.ts';
import { LandlordAddressClashError } from '../../src/intake/landlords.ts';

const policies = shippedLandlordPolicies();
const env = { account: '111111111111', region: 'eu-west-2' };
const landlords = deployableLandlords(policies, ['code-defaults', 'chs-coop-procedure-a']);
const present = new Set(presentFunctions());

interface ValidationReport {
  pluginReports: Array<{
    pluginName: string;
    violations: unknown[];
    suppressedViolations: Array<{ ruleName: string; reason: string; acknowledgedAt: string }>;
  }>;
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string }>;

let template: Template;
let resources: Resources;
let report: ValidationReport;

beforeAll(() => {
  const app = testApp();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new RedressStack(app, 'Redress-test', { stage: 'test', landlords, env });
  const assembly = app.synth();
  report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as ValidationReport;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Resources;
}, 60_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const holds = (assertion: () => void) => expect(assertion).not.toThrow();

describe('the case records', () => {
  it('keeps cases in a table encrypted with its own rotating key, with point-in-time recovery and deletion protection', () => {
    holds(() => template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      DeletionProtectionEnabled: true,
    }));
    holds(() => template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true }));
    expect(ofType('AWS::KMS::Key').every(([, k]) => k.Properties.EnableKeyRotation === true)).toBe(true);
  });

  it('indexes cases by sender (gsi1), by landlord (gsi2) and by the work still to do (gsi3), projecting whole items', () => {
    const [, table] = ofType('AWS::DynamoDB::Table').find(([, t]) => (t.Properties.KeySchema as Array<{ AttributeName: string }>)[0]!.AttributeName === 'pk')!;
    const indexes = table.Properties.GlobalSecondaryIndexes as Array<{ IndexName: string; KeySchema: Array<{ AttributeName: string }>; Projection: { ProjectionType: string } }>;

    expect(indexes.map((i) => [i.IndexName, i.KeySchema.map((k) => k.AttributeName), i.Projection.ProjectionType])).toEqual([
      ['gsi1', ['gsi1pk', 'gsi1sk'], 'ALL'],
      ['gsi2', ['gsi2pk', 'gsi2sk'], 'ALL'],
      ['gsi3', ['gsi3pk', 'gsi3sk'], 'ALL'],
    ]);
  });

  it('keeps everything in one table: a repeat delivery is known by its delivery id there, with no idempotency table', () => {
    expect(ofType('AWS::DynamoDB::Table').map(([, t]) => (t.Properties.KeySchema as Array<{ AttributeName: string }>)[0]!.AttributeName)).toEqual(['pk']);
  });

  it('retains the case records and their key when the stack is deleted: they are evidence for the Ombudsman', () => {
    holds(() => template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' }));
    holds(() => template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' }));
    expect(ofType('AWS::S3::Bucket').every(([, b]) => b.DeletionPolicy === 'Retain')).toBe(true);
  });
});

describe("residents' raw mail and attachments", () => {
  const documentBucket = () => ofType('AWS::S3::Bucket').find(([, b]) => b.Properties.VersioningConfiguration)!;

  it('are in a versioned bucket encrypted with its own key, public access blocked, logged to a second bucket', () => {
    const [, bucket] = documentBucket();

    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() } }],
    });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.LoggingConfiguration).toMatchObject({ DestinationBucketName: { Ref: expect.any(String) }, LogFilePrefix: 'documents/' });
  });

  it('refuses requests without TLS, and older than TLS 1.2', () => {
    const [id] = documentBucket();
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => JSON.stringify(p.Properties.Bucket).includes(id))!;
    const statements = (policy[1].Properties.PolicyDocument as { Statement: Array<{ Effect: string; Condition?: Record<string, Record<string, unknown>> }> }).Statement;

    expect(statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
    expect(statements.some((s) => s.Effect === 'Deny' && s.Condition?.NumericLessThan?.['s3:TlsVersion'] === 1.2)).toBe(true);
  });

  it('are kept seven years from receipt, archived after 180 days, previous versions 30 days', () => {
    const [, bucket] = documentBucket();
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Array<Record<string, unknown>> }).Rules;

    expect(rules.filter((r) => r.Prefix).map((r) => [r.Prefix, r.ExpirationInDays, (r.Transitions as Array<{ TransitionInDays: number }>)[0]!.TransitionInDays, (r.NoncurrentVersionExpiration as { NoncurrentDays: number }).NoncurrentDays]))
      .toEqual([['inbound/', 2557, 180, 30], ['attachments/', 2557, 180, 30]]);
  });

  it('lets SES store mail only under inbound/, only for this account', () => {
    holds(() => template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
        Effect: 'Allow', Action: 's3:PutObject', Principal: { Service: 'ses.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        Resource: { 'Fn::Join': ['', [Match.anyValue(), '/inbound/*']] },
      })]) },
    }));
    holds(() => template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'SesEncryptsInboundMail', Principal: { Service: 'ses.amazonaws.com' }, Action: ['kms:Encrypt', 'kms:GenerateDataKey'] })]) },
    }));
  });
});

describe('mail in: SES receiving', () => {
  it("takes mail to every deployed landlord's complaints address, scans it, stores it, then hands it to receive-email", () => {
    const [, rule] = ofType('AWS::SES::ReceiptRule')[0]!;
    const r = rule.Properties.Rule as { Recipients: string[]; ScanEnabled: boolean; Actions: Array<Record<string, { ObjectKeyPrefix?: string; InvocationType?: string }>> };

    expect(r.Recipients).toEqual(['homes@coophomes.coop', 'homes@landlord.example']);
    expect(r.ScanEnabled).toBe(true);
    expect(r.Actions[0]!.S3Action!.ObjectKeyPrefix).toBe('inbound/');
    expect(r.Actions.slice(1).map((a) => a.LambdaAction?.InvocationType)).toEqual(present.has('receive-email') ? ['Event'] : []);
  });

  it('activates its rule set through a custom resource that may not take over another set unless told to', () => {
    const [, activation] = ofType('Custom::ActiveReceiptRuleSet')[0]!;

    expect(activation.Properties).toMatchObject({ RuleSetName: 'redress-test', TakeOverActiveRuleSet: 'false' });
    holds(() => template.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'redress-test' }));
  });

  it('refuses a region where SES cannot receive mail, naming London', () => {
    const app = testApp();

    expect(() => new RedressStack(app, 'Redress-paris', { landlords, env: { ...env, region: 'eu-west-3' }, functions: [] }))
      .toThrow(RegionCannotReceiveMailError);
    expect(() => new RedressStack(new App(), 'Redress-paris', { landlords, env: { ...env, region: 'eu-west-3' }, functions: [] }))
      .toThrow(/eu-west-2 \(London\)/);
  });
});

describe('mail out: SES sending', () => {
  it('sends through a configuration set whose bounce, spam-complaint, delivery-delay and rendering-failure events go to a topic under the data key', () => {
    holds(() => template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'redress-test', DeliveryOptions: { TlsPolicy: 'REQUIRE' } }));
    holds(() => template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: Match.anyValue(),
      EventDestination: { Enabled: true, MatchingEventTypes: ['bounce', 'complaint', 'deliveryDelay', 'renderingFailure'], SnsDestination: { TopicARN: Match.anyValue() } },
    }));
    const [keyId] = ofType('AWS::KMS::Key')[0]!;
    const mailEvents = ofType('AWS::SNS::Topic').filter(([, t]) => String(t.Properties.DisplayName).startsWith('Redress mail events'));
    expect(mailEvents.map(([, t]) => t.Properties.KmsMasterKeyId)).toEqual([{ 'Fn::GetAtt': [keyId, 'Arn'] }]);
    expect(ofType('AWS::SNS::TopicPolicy').every(([, p]) => JSON.stringify(p.Properties).includes('aws:SecureTransport'))).toBe(true);
  });

  it('deploys every letter in templates/ as an SES template named redress-<stage>-<letter>, parts copied from the files', () => {
    const letters = readLetterTemplates(join(PROJECT_ROOT, 'templates'));
    const deployed = ofType('AWS::SES::Template').map(([, t]) => t.Properties.Template as { TemplateName: string; SubjectPart: string; TextPart?: string; HtmlPart?: string });

    expect(deployed.map((t) => t.TemplateName).sort()).toEqual(letters.map((l) => `redress-test-${l.name}`).sort());
    for (const letter of letters) {
      const t = deployed.find((d) => d.TemplateName === `redress-test-${letter.name}`)!;
      expect([t.SubjectPart, t.TextPart, t.HtmlPart]).toEqual([letter.subject, letter.text, letter.html]);
    }
  });

  it('creates no domain identity unless asked: an identity exists once per account and region', () => {
    const app = testApp();
    const withIdentities = new RedressStack(app, 'Redress-ids', { landlords, env, functions: [], createDomainIdentities: true });
    const identities = Template.fromStack(withIdentities).findResources('AWS::SES::EmailIdentity');

    expect(ofType('AWS::SES::EmailIdentity')).toEqual([]);
    expect(Object.values(identities).map((i) => [i.Properties.EmailIdentity, i.Properties.DkimSigningAttributes, i.Properties.ConfigurationSetAttributes?.ConfigurationSetName]))
      .toEqual([
        ['coophomes.coop', { NextSigningKeyLength: 'RSA_2048_BIT' }, expect.anything()],
        ['landlord.example', { NextSigningKeyLength: 'RSA_2048_BIT' }, expect.anything()],
      ]);
  });
});

describe('the functions', () => {
  const functions = () => Object.fromEntries(ofType('AWS::Lambda::Function')
    .filter(([, f]) => String(f.Properties.Description).startsWith('Redress '))
    .map(([, f]) => [String(f.Properties.Description).slice('Redress '.length), f.Properties as Record<string, unknown> & { Environment: { Variables: Record<string, unknown> } }]));

  it('run Node 24 on arm64, log JSON for Powertools, and read the bundled landlords and templates from /var/task', () => {
    const all = Object.values(functions());

    expect(all.length).toBe(present.size);
    for (const f of all) {
      expect([f.Runtime, f.Architectures, (f.LoggingConfig as { LogFormat: string }).LogFormat]).toEqual(['nodejs24.x', ['arm64'], 'JSON']);
      expect(f.Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: expect.stringMatching(/^redress-/), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        NODE_OPTIONS: '--enable-source-maps', REDRESS_LANDLORDS_DIR: '/var/task/landlords', REDRESS_TEMPLATES_DIR: '/var/task/templates',
        REDRESS_TABLE_NAME: { Ref: expect.stringMatching(/^CasesTable/) }, REDRESS_PUBLIC_URL: expect.anything(),
      });
    }
  });

  it('send failed asynchronous events to a dead-letter queue, and only those invoked asynchronously have one', () => {
    const withDlq = Object.entries(functions()).filter(([, f]) => f.DeadLetterConfig).map(([name]) => name).sort();

    expect(withDlq).toEqual((['mail-events', 'receive-email', 'send-digest', 'send-survey'] as const).filter((n) => present.has(n)));
    if (present.has('mail-events')) holds(() => template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', RedrivePolicy: { deadLetterTargetArn: Match.anyValue() } }));
  });

  it('reserve no concurrency unless the operator asks, so a new account\'s quota of 10 can take the stage', () => {
    expect(Object.values(functions()).filter((f) => f.ReservedConcurrentExecutions !== undefined)).toEqual([]);
  });

  it('tell each function where things are, without the references that would make a cycle', () => {
    const f = functions();

    if (f['receive-email']) expect(Object.keys(f['receive-email'].Environment.Variables)).toEqual(expect.arrayContaining(['REDRESS_DOCUMENTS_BUCKET', 'REDRESS_STATE_MACHINE_ARN', 'REDRESS_SES_CONFIGURATION_SET']));
    if (f['http-api']) {
      expect(f['http-api'].Environment.Variables).toMatchObject({
        REDRESS_SMS_AUTH_TOKEN_PARAMETER: '/redress/test/sms-auth-token', REDRESS_DEFAULT_LANDLORD: 'code-defaults',
        REDRESS_COGNITO_USER_POOL_ID: { Ref: expect.stringMatching(/^ApiStaff/) }, REDRESS_COGNITO_CLIENT_ID: { Ref: expect.stringMatching(/^ApiStaffStaffClient/) },
        REDRESS_COGNITO_DOMAIN: { 'Fn::Join': ['', [{ Ref: expect.stringMatching(/^ApiStaffStaffDomain/) }, '.auth.eu-west-2.amazoncognito.com']] },
      });
    }
    if (f['case-step']) {
      expect(Object.keys(f['case-step'].Environment.Variables)).toEqual(expect.arrayContaining(['REDRESS_SCHEDULE_GROUP', 'REDRESS_SCHEDULER_ROLE_ARN', 'REDRESS_SURVEY_FUNCTION_ARN', 'REDRESS_SCHEDULER_DLQ_ARN']));
      // The state machine is built from case-step's ARN, so case-step cannot be told the state machine's.
      expect(f['case-step'].Environment.Variables.REDRESS_STATE_MACHINE_ARN).toBeUndefined();
    }
  });
});

describe('schedules', () => {
  it('has a schedule group, a role only that group\'s schedules in this account can assume, and a dead-letter queue', () => {
    holds(() => template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'redress-test' }));
    holds(() => template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': env.account, 'aws:SourceArn': 'arn:aws:scheduler:eu-west-2:111111111111:schedule-group/redress-test' } },
      })] },
    }));
    expect(ofType('AWS::SQS::Queue').length).toBe(1);
  });

  it.runIf(present.has('send-digest'))('sends the weekly digest on Monday at 08:00 London time, failures to the DLQ', () => {
    holds(() => template.hasResourceProperties('AWS::Scheduler::Schedule', {
      GroupName: 'redress-test',
      ScheduleExpression: 'cron(0 8 ? * MON *)',
      ScheduleExpressionTimezone: 'Europe/London',
      Target: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SendDigest'), 'Arn'] }, DeadLetterConfig: { Arn: Match.anyValue() }, RetryPolicy: Match.anyValue() },
    }));
    const schedules = ofType('AWS::Scheduler::Schedule').map(([, s]) => JSON.parse((s.Properties.Target as { Input: string }).Input) as { landlordIds: string[] });
    expect(schedules.flatMap((s) => s.landlordIds).sort()).toEqual(['chs-coop-procedure-a', 'code-defaults']);
  });
});

describe('the HTTP API', () => {
  it('throttles the whole stage and each route, public writes hardest, and logs access as JSON without query strings', () => {
    const [, stage] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    const p = stage.Properties as { StageName: string; DefaultRouteSettings: Record<string, number>; AccessLogSettings: { Format: string }; RouteSettings?: Record<string, Record<string, number>> };

    expect(p.StageName).toBe('$default');
    expect(p.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
    expect(Object.keys(JSON.parse(p.AccessLogSettings.Format) as object)).toContain('routeKey');
    expect(p.AccessLogSettings.Format).not.toMatch(/querystring|requestBody/i);
    if (present.has('http-api')) {
      expect(p.RouteSettings?.['POST /contact']).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
      expect(p.RouteSettings?.['POST /sms/inbound']).toEqual({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 });
    }
  });

  it.runIf(present.has('http-api'))('puts the staff API behind the Cognito JWT authorizer and leaves residents\' routes open', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r.Properties.AuthorizationType ?? 'NONE'] as const);

    expect(Object.fromEntries(routes)).toEqual({
      'GET /contact': 'NONE', 'POST /contact': 'NONE', 'GET /contact/{landlord}': 'NONE', 'POST /contact/{landlord}': 'NONE',
      'GET /assets/{proxy+}': 'NONE', 'POST /sms/inbound': 'NONE', 'GET /survey/{token}': 'NONE', 'POST /survey/{token}': 'NONE',
      'ANY /api/{proxy+}': 'JWT', 'GET /console': 'NONE', 'ANY /console/{proxy+}': 'NONE',
    });
    holds(() => template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] }));
  });

  it('signs staff in through a user pool with MFA required, strong passwords and no self sign-up', () => {
    holds(() => template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true }) },
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    }));
  });
});

describe.runIf(present.has('case-step'))('the case workflow', () => {
  it('runs the ASL file with case-step substituted, logging every event without execution data, traced', () => {
    holds(() => template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      DefinitionSubstitutions: { CaseStepFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CaseStep'), 'Arn'] } },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: Match.anyValue() },
      TracingConfiguration: { Enabled: true },
    }));
    const [, machine] = ofType('AWS::StepFunctions::StateMachine')[0]!;
    expect(machine.Properties.DefinitionString).toEqual(readFileSync(join(PROJECT_ROOT, 'statemachines', 'complaint-case.asl.json'), 'utf8'));
  });
});

describe('alarms', () => {
  const alarmsOn = (metricName: string) => ofType('AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.MetricName === metricName);

  it('fire on any message in the stage\'s dead-letter queue', () => {
    expect(alarmsOn('ApproximateNumberOfMessagesVisible').length).toBe(ofType('AWS::SQS::Queue').length);
  });

  it('fire on any function\'s errors, in one metric-math alarm reading every function', () => {
    const math = ofType('AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.Metrics);
    const read = (math[0]![1].Properties.Metrics as Array<{ Expression?: string; MetricStat?: { Metric: { MetricName: string } } }>);

    expect(math).toHaveLength(1);
    expect(read.filter((q) => q.Expression).map((q) => q.Expression)).toEqual(['SUM(METRICS())']);
    expect(read.filter((q) => q.MetricStat).map((q) => q.MetricStat!.Metric.MetricName)).toEqual(Array(present.size).fill('Errors'));
  });

  it.runIf(present.has('case-step'))('fire on a failed or timed-out workflow, counted from its execution log, not on one staff stopped', () => {
    holds(() => template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ ($.type = "ExecutionFailed") || ($.type = "ExecutionTimedOut") }',
      MetricTransformations: [Match.objectLike({ MetricNamespace: 'Redress/test', MetricName: 'WorkflowsFailed' })],
    }));
  });

  it.runIf(present.has('case-step'))('count Redress/<stage>/ComplaintsOverdue from the lifecycle\'s "milestone overdue" log line, and alarm on one', () => {
    holds(() => template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "milestone overdue" }',
      MetricTransformations: [{ MetricNamespace: 'Redress/test', MetricName: 'ComplaintsOverdue', MetricValue: '1', Unit: 'Count' }],
    }));
    expect(alarmsOn('ComplaintsOverdue').map(([, a]) => [a.Properties.Namespace, a.Properties.Threshold])).toEqual([['Redress/test', 1]]);
  });

  it('all notify one topic, on alarm and on recovery', () => {
    const topics = new Set(ofType('AWS::CloudWatch::Alarm').map(([, a]) => JSON.stringify(a.Properties.AlarmActions)));

    expect(topics.size).toBe(1);
    expect(ofType('AWS::CloudWatch::Alarm').every(([, a]) => JSON.stringify(a.Properties.OKActions) === JSON.stringify(a.Properties.AlarmActions))).toBe(true);
  });
});

describe('secrets', () => {
  it('puts no secret in the template: the SMS token is read at run time from a parameter the operator creates', () => {
    const json = JSON.stringify(template.toJSON());

    expect(ofType('AWS::SSM::Parameter')).toEqual([]);
    expect(ofType('AWS::SecretsManager::Secret')).toEqual([]);
    expect(json).not.toMatch(/auth_?token"\s*:\s*"[^/]/i);
    if (present.has('http-api')) expect(json).toContain('/redress/test/sms-auth-token');
  });
});

describe('cdk-nag', () => {
  it('finds nothing unsuppressed, and every suppression gives a reason a reviewer can check', () => {
    const nag = report.pluginReports.find((r) => r.pluginName === 'AwsSolutions')!;

    expect(nag.violations).toEqual([]);
    for (const s of nag.suppressedViolations) expect(s.reason.length, `${s.ruleName} at ${s.acknowledgedAt}`).toBeGreaterThan(80);
  });

  it('does catch an unencrypted, unlogged bucket', () => {
    const app = new App();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const careless = new Stack(app, 'Careless', { env });
    new s3.Bucket(careless, 'Bucket');

    expect(() => Template.fromStack(careless)).toThrow(/AwsSolutions-S1/);
  });
});

describe('landlords a stage deploys', () => {
  it('synth refuses a profile with Code findings, naming the provisions', () => {
    expect(() => deployableLandlords(policies, ['code-defaults', 'dennetts-coop'])).toThrow(PolicyBreaksCodeError);
    expect(() => deployableLandlords(policies, ['dennetts-coop'])).toThrow(/2\.3, 5\.2, 6\.5, 6\.16/);
  });

  it('accepts profiles that meet the Code, such as the managing agent\'s procedures A and B', () => {
    expect(deployableLandlords(policies, ['chs-coop-procedure-a', 'chs-coop-procedure-b']).map((p) => p.landlordId))
      .toEqual(['chs-coop-procedure-a', 'chs-coop-procedure-b']);
  });

  it('refuses two landlords sharing a complaints address, as the functions would at cold start', () => {
    const sharing = deployableLandlords(policies, ['chs-coop-procedure-a', 'chs-coop-procedure-b']);

    expect(() => new RedressStack(new App(), 'Redress-clash', { landlords: sharing, env, functions: [] })).toThrow(LandlordAddressClashError);
    expect(() => new RedressStack(new App(), 'Redress-clash', { landlords: sharing, env, functions: [] })).toThrow(/homes@coophomes\.coop/);
  });

  it('names the profiles it has when asked for one it does not', () => {
    expect(() => deployableLandlords(policies, ['nobody'])).toThrow(/no profile.*code-defaults/);
  });
});
