// The satisfaction survey: invoked once by the one-time EventBridge Scheduler schedule the case review created.
import { lifecycleDepsFromEnv } from '../../src/lifecycle-wiring.ts';
import type { LifecycleDeps } from '../../src/case-handling/lifecycle-deps.ts';
import { sendSurvey, SendSurveyInput, type SendSurveyOutcome } from '../../src/case-handling/survey.ts';

/** The schedule's input did not match. */
export class InvalidSurveyInputError extends Error {
  override readonly name = 'InvalidSurveyInputError';
}

/** The seam: production passes the AWS adapters, tests and the local scheduler twin pass theirs. */
export const makeHandler = (deps: LifecycleDeps) => async (event: unknown): Promise<{ outcome: SendSurveyOutcome }> => {
  const parsed = SendSurveyInput.safeParse(event);
  if (!parsed.success) throw new InvalidSurveyInputError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return { outcome: await sendSurvey(deps, parsed.data) };
};

export const handler = process.env.REDRESS_TABLE_NAME
  ? makeHandler(lifecycleDepsFromEnv())
  : async () => {
      throw new Error('REDRESS_TABLE_NAME is not set: this handler runs on AWS (locally, the scheduler twin runs the same code)');
    };
