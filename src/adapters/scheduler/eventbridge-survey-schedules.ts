import { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { onFirstUse } from '../../first-use.ts';
import type { SurveyRequest, SurveySchedules } from '../../ports-lifecycle.ts';
import { withoutSdkLogger } from '../sdk-client.ts';

/** A function's one EventBridge Scheduler client, with the region and credentials Lambda gives it. */
export const lambdaSchedulerClient = onFirstUse(() => withoutSdkLogger(new SchedulerClient({})));

/** Where survey schedules go and what they invoke (the stack's REDRESS_SCHEDULE_* settings). */
export interface SurveyScheduleSettings {
  readonly groupName: string;
  /** The role EventBridge Scheduler runs the schedule as: it may invoke the survey function. */
  readonly roleArn: string;
  /** The `send-survey` function. */
  readonly surveyFunctionArn: string;
  /** Where a delivery that fails after retries goes (an alarm watches it). */
  readonly deadLetterQueueArn: string;
}

/** `at(2027-01-04T10:00:00)` in UTC, the one-time expression EventBridge Scheduler takes. */
export const atExpression = (instant: string): string => `at(${new Date(instant).toISOString().slice(0, 19)})`;

/**
 * One-time EventBridge Scheduler schedules for satisfaction surveys, deleted by the service once they have run.
 * Named after the case and closure, so a repeat is `already-scheduled`.
 */
export class EventBridgeSurveySchedules implements SurveySchedules {
  constructor(private readonly client: SchedulerClient, private readonly settings: SurveyScheduleSettings) {}

  async scheduleSurvey(input: SurveyRequest): Promise<'scheduled' | 'already-scheduled'> {
    try {
      await this.client.send(new CreateScheduleCommand({
        Name: surveyScheduleName(input),
        GroupName: this.settings.groupName,
        ScheduleExpression: atExpression(input.sendAt),
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: this.settings.surveyFunctionArn,
          RoleArn: this.settings.roleArn,
          Input: JSON.stringify({ caseRef: input.caseRef, landlordId: input.landlordId, closedAt: input.closedAt }),
          DeadLetterConfig: { Arn: this.settings.deadLetterQueueArn },
          RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 6 * 60 * 60 },
        },
      }));
      return 'scheduled';
    } catch (error) {
      if (error instanceof ConflictException || (error instanceof Error && error.name === 'ConflictException')) return 'already-scheduled';
      throw error;
    }
  }
}

/** The schedule's name: the case and the closure's time, within the service's 64 characters. */
export const surveyScheduleName = (input: Pick<SurveyRequest, 'caseRef' | 'closedAt'>): string =>
  `survey-${input.caseRef}-${new Date(input.closedAt).toISOString().replace(/[^0-9]/g, '').slice(0, 14)}`;
