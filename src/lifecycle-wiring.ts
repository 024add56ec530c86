// The lifecycle's dependencies on AWS, built once per cold start from the settings the stack gives each function.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import * as z from 'zod';
import { DynamoLifecycleStore } from './adapters/dynamodb/lifecycle-store.ts';
import type { SurveySchedules } from './ports-lifecycle.ts';
import { caseDepsFromEnv, MissingSettingError, workflowFromSettings, type StoreAndMailClients } from './wiring.ts';
import type { LifecycleDeps } from './case-handling/lifecycle-deps.ts';
import { withoutSdkLogger } from './adapters/sdk-client.ts';
import { portOnFirstUse } from './first-use.ts';

/** The lifecycle's own settings: where survey schedules go and what they invoke. */
export const LifecycleSettings = z.object({
  REDRESS_SCHEDULE_GROUP: z.string().min(1).optional(),
  REDRESS_SCHEDULER_ROLE_ARN: z.string().startsWith('arn:').optional(),
  REDRESS_SURVEY_FUNCTION_ARN: z.string().startsWith('arn:').optional(),
  REDRESS_SCHEDULER_DLQ_ARN: z.string().startsWith('arn:').optional(),
});

/** A setting only some functions need: asked for when used, so a function that never needs it starts without it. */
class MissingLifecycleSettingError extends Error {
  override readonly name = 'MissingSettingError';
  constructor(readonly setting: string) {
    super(`this function needs ${setting}`);
  }
}

/**
 * What the lifecycle needs on AWS: the one-table store, SES, Step Functions and EventBridge Scheduler (those two
 * imported on first use).
 * @example export const handler = makeHandler(lifecycleDepsFromEnv());
 */
export function lifecycleDepsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  clients: StoreAndMailClients = { dynamo: withoutSdkLogger(new DynamoDBClient({})), ses: withoutSdkLogger(new SESv2Client({})) },
): LifecycleDeps {
  const intake = caseDepsFromEnv(env, clients);
  const settings = LifecycleSettings.parse(env);
  const publicUrl = intake.settings.REDRESS_PUBLIC_URL;
  if (!publicUrl) throw new MissingSettingError('REDRESS_PUBLIC_URL');
  const workflow = workflowFromSettings(intake.settings);
  const { REDRESS_SCHEDULE_GROUP: groupName, REDRESS_SCHEDULER_ROLE_ARN: roleArn, REDRESS_SURVEY_FUNCTION_ARN: surveyFunctionArn, REDRESS_SCHEDULER_DLQ_ARN: deadLetterQueueArn } = settings;
  const surveySchedules: SurveySchedules = groupName && roleArn && surveyFunctionArn && deadLetterQueueArn
    // Imported with its SDK client when the function first schedules a survey (at a closure), as Step Functions is.
    ? portOnFirstUse(() => import('./adapters/scheduler/eventbridge-survey-schedules.ts')
      .then((m) => new m.EventBridgeSurveySchedules(m.lambdaSchedulerClient(), { groupName, roleArn, surveyFunctionArn, deadLetterQueueArn })), ['scheduleSurvey'])
    : { scheduleSurvey: () => Promise.reject(new MissingLifecycleSettingError('REDRESS_SCHEDULE_GROUP, REDRESS_SCHEDULER_ROLE_ARN, REDRESS_SURVEY_FUNCTION_ARN and REDRESS_SCHEDULER_DLQ_ARN')) };
  return {
    messages: intake.messages,
    cases: intake.cases,
    letters: intake.letters,
    mailer: intake.mailer,
    clock: intake.clock,
    logger: intake.logger,
    policies: intake.landlords.policies,
    govUk: intake.govUk,
    workflow,
    surveySchedules,
    surveys: new DynamoLifecycleStore(clients.dynamo, intake.settings.REDRESS_TABLE_NAME),
    publicUrl: publicUrl.replace(/\/$/, ''),
    ...(intake.templatesDir ? { templatesDir: intake.templatesDir } : {}),
  };
}
