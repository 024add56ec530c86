import { RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** A weekly time, London clock. */
export interface WeeklyTime {
  /** 'monday' … 'sunday' */
  readonly day: string;
  /** 'HH:MM', 24-hour */
  readonly at: string;
}

/** Properties of the schedules. */
export interface SchedulesProps {
  /** Name of the schedule group (one per stage); the lifecycle creates one-time survey schedules in it. */
  readonly groupName: string;
  /** Where deliveries that fail after their retries go: the stage's dead-letter queue. */
  readonly deadLetterQueue: sqs.IQueue;
}

const CRON_DAYS: Record<string, string> = { monday: 'MON', tuesday: 'TUE', wednesday: 'WED', thursday: 'THU', friday: 'FRI', saturday: 'SAT', sunday: 'SUN' };

/** `cron(0 8 ? * MON *)` for Monday 08:00. */
export function weeklyCron(time: WeeklyTime): string {
  const day = CRON_DAYS[time.day];
  const match = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(time.at);
  if (!day || !match) throw new Error(`not a weekly time: ${time.day} ${time.at}`);
  return `cron(${Number(match[2])} ${Number(match[1])} ? * ${day} *)`;
}

/**
 * EventBridge Scheduler for Redress: a schedule group, the role schedules run as (it may invoke only the functions
 * handed to {@link allowInvoke} and write to the stage's dead-letter queue, trusted only by schedules of its group),
 * and the weekly digests.
 */
export class Schedules extends Construct {
  readonly group: scheduler.ScheduleGroup;
  readonly role: iam.Role;
  readonly deadLetterQueue: sqs.IQueue;
  readonly groupName: string;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.groupName = props.groupName;
    // Deleting the stage deletes pending one-time survey schedules with the group; the cases are kept in the table.
    this.group = new scheduler.ScheduleGroup(this, 'Group', { scheduleGroupName: props.groupName, removalPolicy: RemovalPolicy.DESTROY });
    this.role = new iam.Role(this, 'Role', {
      description: 'Redress schedules: invoke the digest and survey functions',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        // EventBridge Scheduler gives the schedule group's ARN as aws:SourceArn when it assumes the role (Scheduler User
        // Guide, "Confused deputy prevention"); a condition naming schedules would never match and no schedule could run.
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: props.groupName }),
          },
        },
      }),
    });
    this.deadLetterQueue = props.deadLetterQueue;
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }));
  }

  /** Lets schedules in this group invoke `functionArn` (unqualified: no version or alias wildcard). */
  allowInvoke(functionArn: string): void {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [functionArn] }));
  }

  /** A weekly schedule, Europe/London time, that invokes `functionArn` with `input`. */
  addWeekly(id: string, options: { time: WeeklyTime; functionArn: string; input: Record<string, unknown>; description: string }): scheduler.CfnSchedule {
    this.allowInvoke(options.functionArn);
    const schedule = new scheduler.CfnSchedule(this, id, {
      groupName: this.groupName,
      description: options.description,
      scheduleExpression: weeklyCron(options.time),
      scheduleExpressionTimezone: TimeZone.EUROPE_LONDON.timezoneName,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: options.functionArn,
        roleArn: this.role.roleArn,
        input: JSON.stringify(options.input),
        deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        retryPolicy: { maximumRetryAttempts: 4, maximumEventAgeInSeconds: 6 * 60 * 60 },
      },
    });
    schedule.node.addDependency(this.group);
    return schedule;
  }
}
