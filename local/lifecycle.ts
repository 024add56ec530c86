// The lifecycle run locally (`npm start` and the workflow tests): the state machine on aws-local-stepfunctions and
// the scheduler twin, both over the same store and the same application code the Lambdas run.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoLifecycleStore } from '../src/adapters/dynamodb/lifecycle-store.ts';
import { LocalScheduler } from '../src/adapters/scheduler/local-scheduler.ts';
import { LocalWorkflow } from '../src/adapters/sfn/local-workflow.ts';
import { nextDigestAt } from '../src/core/case/digest.ts';
import type { LifecycleDeps } from '../src/case-handling/lifecycle-deps.ts';
import { complaintsToFollow, reviewCase, ReviewCaseInput } from '../src/case-handling/review-case.ts';
import { sendDigests, SendDigestInput } from '../src/case-handling/send-digest.ts';
import { sendSurvey, SendSurveyInput } from '../src/case-handling/survey.ts';

export interface LocalLifecycleOptions {
  /** Everything but the workflow, the schedules and the survey store, which this builds. */
  readonly base: Omit<LifecycleDeps, 'workflow' | 'surveySchedules' | 'surveys'>;
  /** The table the store is in (dynalite). */
  readonly dynamo: DynamoDBClient;
  readonly tableName: string;
  /** Task retry intervals in ms; the ASL's own by default. */
  readonly retryIntervalMs?: number;
}

/** The local lifecycle: its deps (for the staff API and survey page), the runner and the scheduler. */
export interface LocalLifecycle {
  readonly deps: LifecycleDeps;
  readonly workflow: LocalWorkflow;
  readonly scheduler: LocalScheduler;
  /** Starts the scheduler and resumes every open complaint's state machine from the store. */
  start(): Promise<{ resumed: number }>;
  /** Nothing is running: every run waits or has finished and no schedule is firing. */
  isIdle(): boolean;
  /** The next instant anything local is due to wake, or null. */
  nextWakeAt(): number | null;
  stop(): void;
}

/**
 * Builds the local lifecycle. Call `start()` once the HTTP server is up, so survey links and restarts work.
 * @example const lifecycle = buildLocalLifecycle({ base, dynamo: twins.dynamo, tableName: twins.tableName }); await lifecycle.start();
 */
export function buildLocalLifecycle(options: LocalLifecycleOptions): LocalLifecycle {
  const store = new DynamoLifecycleStore(options.dynamo, options.tableName);
  const late: { deps?: LifecycleDeps } = {};
  const deps = (): LifecycleDeps => late.deps!;
  const workflow = new LocalWorkflow({
    reviewCase: (input) => reviewCase(deps(), ReviewCaseInput.parse(input)),
    complaintsToFollow: () => complaintsToFollow(deps()),
    logger: options.base.logger,
    ...(options.retryIntervalMs !== undefined ? { retryIntervalMs: options.retryIntervalMs } : {}),
  });
  const scheduler = new LocalScheduler({
    store,
    targets: {
      'send-survey': (input) => sendSurvey(deps(), SendSurveyInput.parse(input)),
      'send-digest': (input) => sendDigests(deps(), SendDigestInput.parse(input)),
    },
    digests: [...options.base.policies.values()].map((policy) => ({ landlordId: policy.landlordId, nextAt: (after: string) => nextDigestAt(policy, after) })),
    logger: options.base.logger,
  });
  late.deps = { ...options.base, workflow, surveySchedules: scheduler, surveys: store };
  return {
    deps: late.deps,
    workflow,
    scheduler,
    async start() {
      await scheduler.start();
      return { resumed: await workflow.resumeOpenComplaints() };
    },
    isIdle: () => workflow.isIdle() && scheduler.isIdle(),
    nextWakeAt() {
      const times = [workflow.nextWakeAt(), scheduler.nextFireAt()].filter((t): t is number => t !== null);
      return times.length > 0 ? Math.min(...times) : null;
    },
    stop() {
      workflow.stop();
      scheduler.stop();
    },
  };
}
