// Issue 16: what a real account checks and the local twins do not (IAM trust, topic policies, quotas, sign-in, one
// active rule set), read from the synthesized templates of two stages deployed side by side.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { testApp } from './app.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { presentFunctions } from '../../lib/bundling.ts';
import { ALARM_METRIC_BUDGET, OperatorAlarms } from '../../lib/constructs/operator-alarms.ts';
import { activationStep, type RuleSetApi, runActivation } from '../../lib/custom-resources/receipt-rule-set-activation.ts';
import { deployableLandlords } from '../../lib/landlord-config.ts';
import { checkReservedConcurrency, DEFAULT_KEY_ROTATION_DAYS, RedressStack, ReservedConcurrencyError } from '../../lib/redress-stack.ts';
import { shippedLandlordPolicies } from '../../src/config/files.ts';

const env = { account: '111111111111', region: 'eu-west-2' };
const landlords = deployableLandlords(shippedLandlordPolicies(), ['code-defaults']);
const present = new Set(presentFunctions());

type Resource = { Type: string; Properties: Record<string, unknown> };
type Resources = Record<string, Resource>;

const synth = (stage: string, extra: Partial<ConstructorParameters<typeof RedressStack>[2]> = {}): Resources => {
  const app = testApp();
  const stack = new RedressStack(app, `Redress-${stage}`, { stage, landlords, env, ...extra });
  return Template.fromStack(stack).toJSON().Resources as Resources;
};

let dev: Resources;
let prod: Resources;
beforeAll(() => {
  dev = synth('dev');
  prod = synth('prod');
}, 60_000);

const ofType = (resources: Resources, type: string) => Object.values(resources).filter((r) => r.Type === type);

/** Properties CloudFormation passes on as a physical name, by resource type (and the SES template's nested name). */
const NAME_PROPERTIES = ['Name', 'RuleSetName', 'TableName', 'BucketName', 'QueueName', 'TopicName', 'RoleName', 'FunctionName', 'LogGroupName', 'StateMachineName', 'Domain', 'AlarmName', 'UserPoolName'];

/** Names unique only within their parent (an authorizer within its API), which two stages may share. */
const PARENT_SCOPED = new Set(['AWS::ApiGatewayV2::Authorizer']);

/**
 * Every physical name a template fixes (a literal, not a reference to another resource), with the metric names its
 * log filters write: a metric shared by two stages would mix their alarms.
 */
function namesIn(resources: Resources): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, r] of Object.entries(resources)) {
    if (PARENT_SCOPED.has(r.Type)) continue;
    for (const key of NAME_PROPERTIES) {
      if (typeof r.Properties?.[key] === 'string') names.set(`${r.Type} ${r.Properties[key]}`, id);
    }
    const template = r.Properties?.Template as { TemplateName?: string } | undefined;
    if (template?.TemplateName) names.set(`AWS::SES::Template ${template.TemplateName}`, id);
    for (const m of (r.Properties?.MetricTransformations as Array<{ MetricNamespace: string; MetricName: string }> | undefined) ?? []) {
      names.set(`metric ${m.MetricNamespace}/${m.MetricName}`, id);
    }
  }
  return names;
}

describe('two stages in one account', () => {
  it('share no named resource: rule sets, configuration sets, SES templates, schedule groups, sign-in domains, metrics', () => {
    const devNames = namesIn(dev);
    const prodNames = namesIn(prod);

    expect([...devNames.keys()].filter((n) => prodNames.has(n))).toEqual([]);
    expect([...devNames.keys()].map((n) => n.split(' ')[0])).toEqual(expect.arrayContaining([
      'AWS::SES::ReceiptRuleSet', 'AWS::SES::ConfigurationSet', 'AWS::SES::Template', 'AWS::Scheduler::ScheduleGroup', 'AWS::Cognito::UserPoolDomain', 'metric',
    ]));
    expect(devNames.has('AWS::SES::Template redress-dev-stage-1-acknowledgement')).toBe(true);
    expect(prodNames.has('AWS::SES::Template redress-prod-stage-1-acknowledgement')).toBe(true);
  });
});

describe('a new account (concurrency quota 10)', () => {
  it('takes a stage that reserves no concurrency', () => {
    expect(ofType(dev, 'AWS::Lambda::Function').filter((f) => f.Properties.ReservedConcurrentExecutions !== undefined)).toEqual([]);
  });

  it('refuses at synth reserved concurrency the operator has not shown the account can give, leaving 100 unreserved', () => {
    expect(() => checkReservedConcurrency({ receiveEmail: 5, httpApi: 25 }, undefined)).toThrow(/concurrencyQuota/);
    expect(() => checkReservedConcurrency({ receiveEmail: 5, httpApi: 25 }, 10)).toThrow(ReservedConcurrencyError);
    expect(() => checkReservedConcurrency({ receiveEmail: 5, httpApi: 25 }, 129)).toThrow(/quota of 129/);
    expect(() => new RedressStack(new App(), 'Redress-x', { landlords, env, functions: [], reservedConcurrency: { receiveEmail: 5, httpApi: 25 }, concurrencyQuota: 10 }))
      .toThrow(ReservedConcurrencyError);
  });

  it.runIf(present.has('receive-email') && present.has('http-api'))('reserves what the operator asks when the quota allows it', () => {
    const resources = synth('big', { reservedConcurrency: { receiveEmail: 5, httpApi: 25 }, concurrencyQuota: 1000, functions: ['receive-email', 'http-api'] });
    const reserved = ofType(resources, 'AWS::Lambda::Function').map((f) => f.Properties.ReservedConcurrentExecutions).filter((n) => n !== undefined);

    expect(reserved.sort()).toEqual([25, 5]);
  });
});

describe('schedules', () => {
  it('run as a role that trusts EventBridge Scheduler only for the stage\'s own schedule group, as AWS sets aws:SourceArn', () => {
    const [role] = ofType(dev, 'AWS::IAM::Role').filter((r) => JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'));
    const trust = JSON.stringify(role!.Properties.AssumeRolePolicyDocument);

    expect(trust).toContain(':scheduler:eu-west-2:111111111111:schedule-group/redress-dev"');
    expect(trust).toContain('"aws:SourceAccount":"111111111111"');
    expect(trust).not.toContain(':schedule/');
  });
});

describe('alarms', () => {
  const alarmTopicPolicy = (resources: Resources) => ofType(resources, 'AWS::SNS::TopicPolicy').find((p) => JSON.stringify(p).includes('cloudwatch.amazonaws.com'))!;

  it('reach someone: CloudWatch may publish to the alarm topic, for alarms of this account only, over TLS', () => {
    const statements = (alarmTopicPolicy(dev).Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
    const allow = statements.find((s) => s.Effect === 'Allow')!;

    expect(allow).toMatchObject({ Action: 'sns:Publish', Principal: { Service: 'cloudwatch.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } });
    expect(JSON.stringify(allow.Condition)).toContain(':cloudwatch:eu-west-2:111111111111:alarm:*');
    expect(statements.some((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition).includes('aws:SecureTransport'))).toBe(true);
  });

  it('all go to the topic CloudWatch may publish to', () => {
    const topicRef = JSON.stringify((alarmTopicPolicy(dev).Properties.Topics as unknown[])[0]);

    expect(ofType(dev, 'AWS::CloudWatch::Alarm').every((a) => JSON.stringify(a.Properties.AlarmActions) === `[${topicRef}]`)).toBe(true);
  });

  it(`read at most ${ALARM_METRIC_BUDGET} metrics, CloudWatch's free allowance`, () => {
    const metrics = ofType(dev, 'AWS::CloudWatch::Alarm').reduce((n, a) => {
      const queries = a.Properties.Metrics as Array<{ MetricStat?: unknown }> | undefined;
      return n + (queries ? queries.filter((q) => q.MetricStat).length : 1);
    }, 0);

    expect(metrics).toBeLessThanOrEqual(ALARM_METRIC_BUDGET);
    expect(metrics).toBeGreaterThanOrEqual(4);
  });

  it('refuse to synth an eleventh alarm metric', () => {
    const stack = new Stack(new App(), 'Alarms', { env });
    const alarms = new OperatorAlarms(stack, 'Alarms', { metricNamespace: 'Redress/x' });
    const functions = Array.from({ length: ALARM_METRIC_BUDGET }, (_, i) => ({
      name: `f${i}`,
      fn: new lambda.Function(stack, `F${i}`, { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=()=>1') }),
    }));

    alarms.watchFunctions(functions);
    alarms.watchDeadLetterQueue(new sqs.Queue(stack, 'Queue', { enforceSSL: true }));

    expect(alarms.alarmMetricCount()).toBe(ALARM_METRIC_BUDGET + 1);
    expect(() => Template.fromStack(stack)).toThrow(/more than CloudWatch's free 10/);
  });
});

describe('encryption at rest', () => {
  it('uses one customer-managed key for the stage\'s data, rotating every three years', () => {
    const keys = ofType(dev, 'AWS::KMS::Key');

    expect(keys).toHaveLength(1);
    expect(keys[0]!.Properties).toMatchObject({ EnableKeyRotation: true, RotationPeriodInDays: DEFAULT_KEY_ROTATION_DAYS });
  });
});

describe('staff sign-in', () => {
  it('has a Cognito managed login domain for the stage, with a branding style so its pages show', () => {
    expect(ofType(dev, 'AWS::Cognito::UserPoolDomain').map((d) => d.Properties)).toEqual([
      expect.objectContaining({ Domain: 'redress-dev-111111111111', ManagedLoginVersion: 2 }),
    ]);
    expect(ofType(dev, 'AWS::Cognito::ManagedLoginBranding').map((b) => b.Properties.UseCognitoProvidedValues)).toEqual([true]);
  });

  it('has one app client: authorization code only, no secret (PKCE), no password flows, calling back to the console', () => {
    const clients = ofType(dev, 'AWS::Cognito::UserPoolClient');
    const api = { 'Fn::GetAtt': [expect.stringMatching(/^Api/), 'ApiEndpoint'] };

    expect(clients).toHaveLength(1);
    expect(clients[0]!.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'], AllowedOAuthFlowsUserPoolClient: true, GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'], SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [{ 'Fn::Join': ['', [api, '/console/auth/callback']] }],
      LogoutURLs: [{ 'Fn::Join': ['', [api, '/console']] }],
    });
  });

  it('calls back to the public URL when the operator sets one', () => {
    const [client] = ofType(synth('custom', { publicUrl: 'https://complaints.coophomes.coop', functions: [] }), 'AWS::Cognito::UserPoolClient');

    expect([client!.Properties.CallbackURLs, client!.Properties.LogoutURLs]).toEqual([
      ['https://complaints.coophomes.coop/console/auth/callback'], ['https://complaints.coophomes.coop/console'],
    ]);
  });
});

describe('the receipt rule set', () => {
  it.each([
    ['Create', null, false, 'activate'],
    ['Create', 'redress-dev', false, 'leave'],
    ['Create', 'other-app', false, 'refuse'],
    ['Create', 'other-app', true, 'activate'],
    ['Update', 'other-app', false, 'refuse'],
    ['Delete', 'redress-dev', false, 'deactivate'],
    ['Delete', 'other-app', false, 'leave'],
    ['Delete', null, false, 'leave'],
  ] as const)('on %s with %s active (take over: %s) does "%s"', (request, active, takeOver, step) => {
    expect(activationStep(request, 'redress-dev', active, takeOver).step).toBe(step);
  });

  const cfnEvent = (RequestType: string, takeOver = 'false') => ({
    RequestType, ResponseURL: 'https://cloudformation-custom-resource-response.example/x', StackId: 'stack', RequestId: 'req', LogicalResourceId: 'Activate',
    ResourceProperties: { ServiceToken: 'arn', RuleSetName: 'redress-prod', TakeOverActiveRuleSet: takeOver },
  });
  const account = (active: string | null) => {
    const calls: Array<string | null> = [];
    const api: RuleSetApi = { activeRuleSet: async () => active, setActive: async (name) => { calls.push(name); } };
    return { api, calls };
  };

  it('fails the deploy, naming the other set, rather than switching off mail Redress did not create the set for', async () => {
    const { api, calls } = account('redress-dev');

    const { response } = await runActivation(api, cfnEvent('Create'));

    expect(calls).toEqual([]);
    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'active-receipt-rule-set-redress-prod' });
    expect(response.Reason).toMatch(/"redress-dev".*takeOverActiveRuleSet=true/);
  });

  it('takes over only when the operator says so, and on delete leaves another stage\'s active set alone', async () => {
    const told = account('redress-dev');
    const other = account('redress-dev');

    expect((await runActivation(told.api, cfnEvent('Create', 'true'))).response.Status).toBe('SUCCESS');
    expect((await runActivation(other.api, cfnEvent('Delete'))).response.Status).toBe('SUCCESS');
    expect([told.calls, other.calls]).toEqual([['redress-prod'], []]);
  });

  it('switches receiving off on delete only while the active set is its own', async () => {
    const { api, calls } = account('redress-prod');

    expect((await runActivation(api, cfnEvent('Delete'))).response.Status).toBe('SUCCESS');
    expect(calls).toEqual([null]);
  });
});
