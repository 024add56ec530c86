import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LETTER_NOT_RENDERED_LOG_MESSAGE } from '../../src/intake/mail-events.ts';

/** The log line the lifecycle writes when a Code milestone passes undone. */
export const OVERDUE_LOG_MESSAGE = 'milestone overdue';

/** The metrics the stage's log filters count, in its own namespace (`Redress/<stage>`), so two stages never mix. */
export const STAGE_METRICS = {
  complaintsOverdue: 'ComplaintsOverdue',
  workflowsFailed: 'WorkflowsFailed',
  lettersNotRendered: 'LettersNotRendered',
} as const;

/**
 * CloudWatch's free allowance: 10 alarm metrics a month per account (standard-resolution alarms; a metric-math alarm
 * counts each metric it reads). A stage that needs more fails synth rather than costing $0.10 a metric each month.
 */
export const ALARM_METRIC_BUDGET = 10;

/** Properties of the operator alarms. */
export interface OperatorAlarmsProps {
  /** The namespace of the stage's log-filter metrics: `Redress/<stage>`. */
  readonly metricNamespace: string;
  /** An address told of every alarm (confirm the subscription from the email SNS sends). @default none */
  readonly email?: string;
}

/**
 * Alarms on what matters, all to one SNS topic, within CloudWatch's free ten alarm metrics: anything in the stage's
 * dead-letter queue, any function error (one metric-math alarm over every function), a failed or timed-out case
 * workflow, a complaint milestone passing undone, and a letter SES could not render.
 */
export class OperatorAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: actions.SnsAction;
  private readonly namespace: string;

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.namespace = props.metricNamespace;
    // No customer-managed key: an alarm notification holds the alarm's name, description and a metric value, never a
    // resident's details, and CloudWatch cannot publish to a topic under the AWS-managed SNS key. TLS is still required.
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Redress alarms', enforceSSL: true });
    this.topic.applyRemovalPolicy(RemovalPolicy.DESTROY);
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SNS2',
      reason: 'Alarm notifications carry alarm names, descriptions and metric values, never personal data; CloudWatch cannot publish to a topic encrypted with the AWS-managed aws/sns key, and a customer-managed key for this alone would cost $1 a month. Publishing requires TLS (SNS3).',
    });
    // An explicit topic policy replaces SNS's default one, so CloudWatch must be allowed by name: only for alarms of
    // this account (SNS Developer Guide, access policy examples; confused-deputy conditions).
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudWatchPublishesAlarms',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
      },
    }));
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    this.action = new actions.SnsAction(this.topic);
    this.node.addValidation({
      validate: () => {
        const used = this.alarmMetricCount();
        return used > ALARM_METRIC_BUDGET ? [`${used} alarm metrics: more than CloudWatch's free ${ALARM_METRIC_BUDGET}; combine alarms or drop one`] : [];
      },
    });
  }

  /** How many alarm metrics the alarms read: what CloudWatch charges for beyond its free ten. */
  alarmMetricCount(): number {
    return this.alarms.reduce((n, alarm) => n + metricsRead(alarm), 0);
  }

  private add(id: string, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }

  /** A metric counted from a JSON log line by a metric filter: free to emit, and the function needs no CloudWatch grant. */
  private countLogLines(id: string, logGroup: logs.ILogGroup, pattern: logs.IFilterPattern, metricName: string, period: Duration): cloudwatch.Metric {
    const filter = new logs.MetricFilter(this, `${id}Filter`, {
      logGroup, filterPattern: pattern, metricNamespace: this.namespace, metricName, metricValue: '1', unit: cloudwatch.Unit.COUNT,
    });
    return filter.metric({ period, statistic: 'Sum' });
  }

  /** Any message in the stage's dead-letter queue: an event Redress could not handle after its retries. */
  watchDeadLetterQueue(queue: sqs.IQueue): void {
    this.add('DeadLettersDepth', queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      'Events failed after their retries and wait in the dead-letter queue: mail not taken in, an SES event not recorded, a digest or survey not sent. Read them (the message attributes name the error), fix the cause, redrive.');
  }

  /**
   * Any error of any function in five minutes, as one metric-math alarm over every function's `Errors`. Throttles
   * need no alarm of their own: an asynchronous event throttled for six hours lands in the dead-letter queue, a
   * throttled case step fails the workflow, and no concurrency is reserved by default.
   */
  watchFunctions(functions: ReadonlyArray<{ readonly name: string; readonly fn: lambda.IFunction }>): void {
    if (functions.length === 0) return;
    const usingMetrics = Object.fromEntries(functions.map((f, i) => [`f${i}`, f.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' })]));
    this.add('FunctionErrors', new cloudwatch.MathExpression({ expression: 'SUM(METRICS())', usingMetrics, label: 'Errors, all functions', period: Duration.minutes(5) }),
      `A Redress function failed (${functions.map((f) => f.name).join(', ')}). The Lambda console's Errors graph says which; its log group says why.`);
  }

  /**
   * A case workflow that failed or timed out, counted from the state machine's execution log (an execution stopped by
   * staff is aborted, not failed, and is not counted).
   */
  watchWorkflow(logGroup: logs.ILogGroup): void {
    const pattern = logs.FilterPattern.any(logs.FilterPattern.stringValue('$.type', '=', 'ExecutionFailed'), logs.FilterPattern.stringValue('$.type', '=', 'ExecutionTimedOut'));
    this.add('WorkflowFailed', this.countLogLines('WorkflowFailed', logGroup, pattern, STAGE_METRICS.workflowsFailed, Duration.minutes(5)),
      'A complaint case workflow failed or timed out: the case is no longer being tracked. Open the execution in the Step Functions console.');
  }

  /** Complaints overdue: case-step's JSON log line `{"message":"milestone overdue",…}`; any in an hour raises the alarm. */
  watchOverdue(logGroup: logs.ILogGroup): void {
    this.add('ComplaintsOverdue', this.countLogLines('Overdue', logGroup, logs.FilterPattern.stringValue('$.message', '=', OVERDUE_LOG_MESSAGE), STAGE_METRICS.complaintsOverdue, Duration.hours(1)),
      'A complaint milestone (acknowledgement or response) passed its Code deadline undone: a resident is waiting. Read the weekly digest or the case.');
  }

  /** A letter SES accepted and then dropped because its data lacked a template variable (a Rendering Failure event). */
  watchRenderingFailures(logGroup: logs.ILogGroup): void {
    this.add('LetterNotRendered', this.countLogLines('NotRendered', logGroup, logs.FilterPattern.stringValue('$.message', '=', LETTER_NOT_RENDERED_LOG_MESSAGE), STAGE_METRICS.lettersNotRendered, Duration.minutes(5)),
      'SES accepted a letter and then could not render it (a template variable missing from its data), so the resident never got it. The case timeline names the letter; send it again once the template or data is fixed.');
  }
}

/** How many metrics an alarm reads: one, or each metric of its metric-math expression. */
function metricsRead(alarm: cloudwatch.Alarm): number {
  const cfn = alarm.node.defaultChild as cloudwatch.CfnAlarm;
  const queries = cfn.metrics as cloudwatch.CfnAlarm.MetricDataQueryProperty[] | undefined;
  return queries ? queries.filter((q) => q.metricStat !== undefined).length : 1;
}
