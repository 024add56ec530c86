// The complaint-case state machine's Task ("Review the case"): a plain Lambda ARN resource, so the input is the
// Task's Parameters and the return value is the Task's result, on Step Functions as in the local runner.
import { lifecycleDepsFromEnv } from '../../src/lifecycle-wiring.ts';
import type { LifecycleDeps } from '../../src/case-handling/lifecycle-deps.ts';
import { reviewCase, ReviewCaseInput, type ReviewCaseOutput } from '../../src/case-handling/review-case.ts';

/** The Task's input did not match what the state machine sends. */
export class InvalidReviewInputError extends Error {
  override readonly name = 'InvalidReviewInputError';
}

/** The seam: production passes the AWS adapters, tests and the local runner pass twins. */
export const makeHandler = (deps: LifecycleDeps) => async (event: unknown): Promise<ReviewCaseOutput> => {
  const parsed = ReviewCaseInput.safeParse(event);
  if (!parsed.success) throw new InvalidReviewInputError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return reviewCase(deps, parsed.data);
};

export const handler = process.env.REDRESS_TABLE_NAME
  ? makeHandler(lifecycleDepsFromEnv())
  : async () => {
      throw new Error('REDRESS_TABLE_NAME is not set: this handler runs on AWS (locally, the local workflow runs the same code)');
    };
