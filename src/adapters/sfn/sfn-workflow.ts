import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { Workflow } from '../../ports.ts';

/**
 * Starts the complaint-case state machine on Step Functions. The execution is named after the case, so a second start
 * for the same case (a retry) is refused by Step Functions itself and reported as `already-started`.
 */
export class StepFunctionsWorkflow implements Workflow {
  constructor(private readonly client: SFNClient, private readonly stateMachineArn: string) {}

  async startComplaint(input: { caseRef: string; landlordId: string }): Promise<'started' | 'already-started'> {
    try {
      await this.client.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: input.caseRef, input: JSON.stringify(input) }));
      return 'started';
    } catch (error) {
      // Step Functions answers a same-name, same-input start with success; a different input is ExecutionAlreadyExists.
      if (error instanceof ExecutionAlreadyExists || (error instanceof Error && error.name === 'ExecutionAlreadyExists')) return 'already-started';
      throw error;
    }
  }
}
