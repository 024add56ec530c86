import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** The log line the lifecycle writes when a Code milestone passes undone, and the metric counted from it. */
export const OVERDUE_LOG_MESSAGE = 'milestone overdue';
export const OVERDUE_METRIC = { namespace: 'Redress', metricName: 'ComplaintsOverdue' } as const;

/** Properties of the operator alarms. */
export interface OperatorAlarmsProps {
  /** Key for the alarm topic. */
  readonly topicKey: kms.IKey;
  /** An address told of every alarm (confirm the subscription from the email SNS sends). @default none */
  readonly email?: string;
}

/**
 * Alarms on what matters, all to one encrypted SNS topic: anything in a dead-letter queue, a function's errors or
 * throttles, a failed or timed-out case workflow, and a complaint milestone passing undone.
 */
export class OperatorAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Redress alarms', masterKey: props.topicKey, enforceSSL: true });
    this.topic.applyRemovalPolicy(RemovalPolicy.DESTROY);
    props.topicKey.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudWatchPublishesAlarms',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'],
    }));
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    this.action = new actions.SnsAction(this.topic);
  }

  private add(id: string, metric: cloudwatch.IMetric, description: string, threshold = 1): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
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

  /** Any message in the queue: an event Redress could not handle after its retries. */
  watchDeadLetterQueue(id: string, queue: sqs.IQueue, what: string): void {
    this.add(`${id}Depth`, queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      `${what}: events failed after retries and wait in the dead-letter queue. Read them, fix the cause, redrive.`);
  }

  /** Any error or throttle of the function in five minutes. */
  watchFunction(id: string, fn: lambda.IFunction, what: string): void {
    this.add(`${id}Errors`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), `${what} failed. Its log group says why.`);
    this.add(`${id}Throttles`, fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }), `${what} was throttled: a flood, or its reserved concurrency is too low.`);
  }

  /** A case workflow that failed or timed out. */
  watchWorkflow(stateMachine: sfn.StateMachine): void {
    this.add('WorkflowFailed', stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }), 'A complaint case workflow failed: the case is no longer being tracked. Open the execution in the Step Functions console.');
    this.add('WorkflowTimedOut', stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: 'Sum' }), 'A complaint case workflow timed out.');
  }

  /**
   * Complaints overdue: a metric filter on the lifecycle's JSON log line `{"message":"milestone overdue",…}` counts
   * `Redress/ComplaintsOverdue`, and any in an hour raises the alarm. A filter, not PutMetricData: the function needs no
   * CloudWatch permission, and the line is one the lifecycle writes anyway.
   */
  watchOverdue(logGroup: logs.ILogGroup): void {
    const filter = new logs.MetricFilter(this, 'OverdueFilter', {
      logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.message', '=', OVERDUE_LOG_MESSAGE),
      metricNamespace: OVERDUE_METRIC.namespace,
      metricName: OVERDUE_METRIC.metricName,
      metricValue: '1',
      unit: cloudwatch.Unit.COUNT,
    });
    this.add('ComplaintsOverdue', filter.metric({ period: Duration.hours(1), statistic: 'Sum' }),
      'A complaint milestone (acknowledgement or response) passed its Code deadline undone: a resident is waiting. Read the weekly digest or the case.');
  }
}
