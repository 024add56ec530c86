// The complaint-case state machine run locally: the same ASL file on aws-local-stepfunctions, with its Task pointed
// at the same handler code as the case-step Lambda. Executions live in this process; the case's events in the store
// are the truth, so after a restart `resumeOpenComplaints` starts every open complaint's run again and the first
// review sends whatever fell due while it was down.
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { CaseWorkflow } from '../../ports-lifecycle.ts';
import type { Logger } from '../../ports.ts';
import { complaintCaseDefinition, REVIEW_STATE } from './definition.ts';

// aws-local-stepfunctions 3 calls Promise.withResolvers, which Node 20 lacks (FACTS.md §3). Without it every Task
// fails with a TypeError that Retry and Catch would happily swallow.
type Resolvers = { promise: Promise<unknown>; resolve: (value: unknown) => void; reject: (reason?: unknown) => void };
const promiseStatics = Promise as unknown as { withResolvers?: () => Resolvers };
promiseStatics.withResolvers ??= () => {
  let resolve!: Resolvers['resolve'];
  let reject!: Resolvers['reject'];
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

/** A complaint to follow, and the run that follows it. */
export interface FollowedComplaint {
  readonly caseRef: string;
  readonly landlordId: string;
  readonly run: string;
}

/** What a local run is doing. */
/** `stopped` by a staff action that left nothing to wait for; `aborted` when the process stops. */
export type LocalRunStatus = 'running' | 'waiting' | 'succeeded' | 'failed' | 'stopped' | 'aborted';

/** One local execution, for tests, the bench and the operator. */
export interface LocalRun extends FollowedComplaint {
  readonly status: LocalRunStatus;
  /** States entered: what Step Functions bills as state transitions. */
  readonly transitions: number;
  /** Every state entered, in order. */
  readonly visited: readonly string[];
  /** When the run's wait ends, while it waits. */
  readonly wakeAt?: string;
  readonly error?: string;
}

export interface LocalWorkflowOptions {
  /** The Task: the case-step handler (`makeHandler(deps)` of lambdas/case-step). */
  readonly reviewCase: (input: unknown) => Promise<unknown>;
  /** The complaints that need following, for `resumeOpenComplaints`. */
  readonly complaintsToFollow?: () => Promise<FollowedComplaint[]>;
  readonly logger?: Logger;
  /** The definition to run; the shipped ASL by default. */
  readonly definition?: StateMachineDefinition;
  /** Retry intervals in ms for the Task (the ASL's own are seconds long); tests set 0. */
  readonly retryIntervalMs?: number;
}

interface MutableRun extends FollowedComplaint {
  status: LocalRunStatus;
  transitions: number;
  visited: string[];
  wakeAt?: string;
  error?: string;
  abort: () => void;
}

/** Runs complaint state machines in this process on aws-local-stepfunctions. */
export class LocalWorkflow implements CaseWorkflow {
  private readonly machine: StateMachine;
  private readonly runs = new Map<string, MutableRun>();
  private reviewsInFlight = 0;
  private stopped = false;

  constructor(private readonly options: LocalWorkflowOptions) {
    this.machine = new StateMachine(options.definition ?? complaintCaseDefinition(), { validationOptions: { checkPaths: true, checkArn: true } });
  }

  startComplaint(input: { caseRef: string; landlordId: string }): Promise<'started' | 'already-started'> {
    return this.followComplaint({ ...input, run: input.caseRef });
  }

  /** Starts a run unless one of that name was started in this process (Step Functions refuses a reused name too). */
  async followComplaint(input: FollowedComplaint): Promise<'started' | 'already-started'> {
    if (this.stopped) throw new Error('the local workflow has been stopped');
    if (this.runs.has(input.run)) return 'already-started';
    const run: MutableRun = { ...input, status: 'running', transitions: 0, visited: [], abort: () => undefined };
    this.runs.set(input.run, run);
    const execution = this.machine.run({ caseRef: input.caseRef, landlordId: input.landlordId }, {
      overrides: {
        taskResourceLocalHandlers: { [REVIEW_STATE]: (taskInput) => this.review(run, taskInput) },
        ...(this.options.retryIntervalMs !== undefined ? { retryIntervalOverrides: { [REVIEW_STATE]: this.options.retryIntervalMs } } : {}),
      },
      context: { Execution: { Id: `local:${input.run}`, Name: input.run, StartTime: new Date().toISOString(), Input: { caseRef: input.caseRef, landlordId: input.landlordId } } },
      noThrowOnAbort: true,
    });
    run.abort = execution.abort;
    void this.follow(run, execution.eventLogs);
    execution.result.then(
      () => undefined,
      (error: unknown) => {
        if (run.status === 'aborted' || run.status === 'stopped') return;
        run.status = 'failed';
        run.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.options.logger?.error('local case workflow failed', { caseRef: input.caseRef, landlordId: input.landlordId, run: input.run, error: run.error });
      },
    );
    return 'started';
  }

  async stopFollowing(input: { caseRef: string; run: string }): Promise<'stopped' | 'not-running'> {
    const run = this.runs.get(input.run);
    if (!run || (run.status !== 'running' && run.status !== 'waiting')) return 'not-running';
    run.status = 'stopped';
    run.abort();
    return 'stopped';
  }

  /** Starts a run for every complaint that needs following (after `npm start` restarts). Returns how many started. */
  async resumeOpenComplaints(): Promise<number> {
    const complaints = (await this.options.complaintsToFollow?.()) ?? [];
    let started = 0;
    for (const complaint of complaints) {
      if ((await this.followComplaint(complaint)) === 'started') started += 1;
    }
    return started;
  }

  /** Every run started in this process. */
  list(): LocalRun[] {
    return [...this.runs.values()].map(({ abort: _abort, ...run }) => ({ ...run, visited: [...run.visited] }));
  }

  get(run: string): LocalRun | undefined {
    return this.list().find((r) => r.run === run);
  }

  /** The earliest instant a waiting run wakes, or null. */
  nextWakeAt(): number | null {
    const wakes = [...this.runs.values()].filter((r) => r.status === 'waiting' && r.wakeAt).map((r) => Date.parse(r.wakeAt!));
    return wakes.length > 0 ? Math.min(...wakes) : null;
  }

  /** Whether every run is waiting or finished and no review is running: what tests wait for before moving time on. */
  isIdle(): boolean {
    return this.reviewsInFlight === 0 && [...this.runs.values()].every((r) => r.status !== 'running');
  }

  /** Aborts every run (the process is stopping). */
  stop(): void {
    this.stopped = true;
    for (const run of this.runs.values()) {
      if (run.status === 'running' || run.status === 'waiting') {
        run.status = 'aborted';
        run.abort();
      }
    }
  }

  private async review(run: MutableRun, input: unknown): Promise<never> {
    this.reviewsInFlight += 1;
    try {
      const output = await this.options.reviewCase(input);
      const wakeAt = (output as { wakeAt?: unknown } | null)?.wakeAt;
      if (typeof wakeAt === 'string') run.wakeAt = wakeAt;
      else delete run.wakeAt;
      // The library's handler type is its own JSON type; the review's output is plain JSON.
      return output as never;
    } finally {
      this.reviewsInFlight -= 1;
    }
  }

  private async follow(run: MutableRun, events: ReturnType<StateMachine['run']>['eventLogs']): Promise<void> {
    for await (const event of events) {
      switch (event.type) {
        case 'StateEntered':
          run.transitions += 1;
          run.visited.push(event.state.name);
          run.status = event.state.type === 'Wait' ? 'waiting' : 'running';
          break;
        case 'ExecutionSucceeded':
          run.status = 'succeeded';
          break;
        case 'ExecutionFailed':
          run.status = 'failed';
          run.error = `${event.Error}: ${String(event.Cause)}`;
          break;
        case 'ExecutionAborted':
          if (run.status !== 'stopped') run.status = 'aborted';
          break;
        case 'ExecutionTimeout':
          run.status = 'failed';
          break;
        default:
          if (run.status === 'waiting' && event.type === 'StateExited') run.status = 'running';
          break;
      }
    }
  }
}
