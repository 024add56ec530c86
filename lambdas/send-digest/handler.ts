// The weekly digest: invoked by an EventBridge Scheduler cron in Europe/London with `{ kind, landlordIds }`.
import { lifecycleDepsFromEnv } from '../../src/lifecycle-wiring.ts';
import type { LifecycleDeps } from '../../src/case-handling/lifecycle-deps.ts';
import { sendDigests, SendDigestInput } from '../../src/case-handling/send-digest.ts';

/** The schedule's input did not match. */
export class InvalidDigestInputError extends Error {
  override readonly name = 'InvalidDigestInputError';
}

/** The seam: production passes the AWS adapters, tests and the local scheduler twin pass theirs. */
export const makeHandler = (deps: LifecycleDeps) => async (event: unknown): Promise<{ landlordId: string; recipients: number }[]> => {
  const parsed = SendDigestInput.safeParse(event ?? {});
  if (!parsed.success) throw new InvalidDigestInputError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const sent = await sendDigests(deps, parsed.data);
  return sent.map((s) => ({ landlordId: s.landlordId, recipients: s.recipients }));
};

export const handler = process.env.REDRESS_TABLE_NAME
  ? makeHandler(lifecycleDepsFromEnv())
  : async () => {
      throw new Error('REDRESS_TABLE_NAME is not set: this handler runs on AWS (locally, the scheduler twin runs the same code)');
    };
