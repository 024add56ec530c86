import { randomUUID } from 'node:crypto';
import { ExecutionAlreadyExists, ExecutionDoesNotExist, SFNClient, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { onFirstUse } from '../../first-use.ts';
import type { CaseWorkflow } from '../../ports-lifecycle.ts';
import { withoutSdkLogger } from '../sdk-client.ts';

/** A function's one Step Functions client, with the region and credentials Lambda gives it. */
export const lambdaSfnClient = onFirstUse(() => withoutSdkLogger(new SFNClient({})));

/**
 * Starts the complaint-case state machine on Step Functions. The execution is named after the case (and, for a
 * complaint reopened after closure, after the run), so a second start for the same name (a retry) is reported as
 * `already-started`.
 */
export class StepFunctionsWorkflow implements CaseWorkflow {
  constructor(private readonly client: SFNClient, private readonly stateMachineArn: string) {}

  startComplaint(input: { caseRef: string; landlordId: string }): Promise<'started' | 'already-started'> {
    return this.followComplaint({ ...input, run: input.caseRef });
  }

  async followComplaint(input: { caseRef: string; landlordId: string; run: string }): Promise<'started' | 'already-started'> {
    try {
      // Each start carries its own request id: Step Functions answers a same-name, same-input start (the SDK retrying
      // this very call) with success, and any other start under a used name (another delivery's retry) with
      // ExecutionAlreadyExists. So every caller but the first reads `already-started`.
      await this.client.send(new StartExecutionCommand({
        stateMachineArn: this.stateMachineArn,
        name: input.run,
        input: JSON.stringify({ caseRef: input.caseRef, landlordId: input.landlordId, startRequestId: randomUUID() }),
      }));
      return 'started';
    } catch (error) {
      // Step Functions answers a same-name, same-input start with success; a different input, or a name used in the
      // last 90 days, is ExecutionAlreadyExists.
      if (error instanceof ExecutionAlreadyExists || (error instanceof Error && error.name === 'ExecutionAlreadyExists')) return 'already-started';
      throw error;
    }
  }

  async stopFollowing(input: { caseRef: string; run: string }): Promise<'stopped' | 'not-running'> {
    try {
      // Stopping an execution that has already ended succeeds and changes nothing.
      await this.client.send(new StopExecutionCommand({ executionArn: executionArn(this.stateMachineArn, input.run), cause: 'nothing left to wait for' }));
      return 'stopped';
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist || (error instanceof Error && error.name === 'ExecutionDoesNotExist')) return 'not-running';
      throw error;
    }
  }
}

/** An execution's ARN from its state machine's ARN and its name. */
export const executionArn = (stateMachineArn: string, name: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
