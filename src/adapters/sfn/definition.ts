import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { PROJECT_ROOT } from '../../config/files.ts';

/** The complaint's state machine, one file for Step Functions and the local runner. */
export const COMPLAINT_CASE_ASL_FILE = join(PROJECT_ROOT, 'statemachines', 'complaint-case.asl.json');

/** The `DefinitionSubstitutions` key the stack fills with the case-step function's ARN. */
export const CASE_STEP_ARN_SUBSTITUTION = 'CaseStepFunctionArn';
export const CASE_STEP_ARN_PLACEHOLDER = '${' + CASE_STEP_ARN_SUBSTITUTION + '}';

/** The one Task state: the local runner overrides Task states by name. */
export const REVIEW_STATE = 'Review the case';

/**
 * The definition with its substitutions made, as Step Functions would run it. Locally the ARN is never called: the
 * Task is pointed at the same handler code by state name.
 */
export function complaintCaseDefinition(caseStepFunctionArn = 'arn:aws:lambda:eu-west-2:000000000000:function:redress-case-step'): StateMachineDefinition {
  const text = readFileSync(COMPLAINT_CASE_ASL_FILE, 'utf8');
  return JSON.parse(text.replaceAll(CASE_STEP_ARN_PLACEHOLDER, caseStepFunctionArn));
}
