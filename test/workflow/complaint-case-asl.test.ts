import { readFileSync } from 'node:fs';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_CASE_ASL_FILE, CASE_STEP_ARN_PLACEHOLDER } from '../../src/adapters/sfn/definition.ts';

const text = readFileSync(COMPLAINT_CASE_ASL_FILE, 'utf8');
const definition = JSON.parse(text) as { QueryLanguage?: string; StartAt: string; States: Record<string, Record<string, unknown>> };
const states = Object.entries(definition.States);

describe('statemachines/complaint-case.asl.json', () => {
  it('is a valid state machine by asl-validator, with paths and ARNs checked', () => {
    const result = aslValidator(definition, { checkPaths: true, checkArn: true });

    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('uses JSONPath only: no JSONata, no Assign, nothing the local runner ignores silently', () => {
    expect(definition.QueryLanguage).toBe('JSONPath');
    expect(text).not.toMatch(/JSONata|"Assign"|"Arguments"|"Output"|\{%/);
  });

  it('waits only on a timestamp the review computed, and never on a task token', () => {
    const waits = states.filter(([, s]) => s.Type === 'Wait');

    expect(waits.map(([, s]) => s.TimestampPath)).toEqual(['$.review.wakeAt']);
    expect(text).not.toContain('waitForTaskToken');
  });

  it('calls one task, by a plain Lambda ARN so Step Functions and the local runner pass the same input and output', () => {
    const tasks = states.filter(([, s]) => s.Type === 'Task');

    expect(tasks.map(([name, s]) => [name, s.Resource])).toEqual([['Review the case', CASE_STEP_ARN_PLACEHOLDER]]);
    expect(text).not.toContain('lambda:invoke');
  });

  it('names its states as short sentences', () => {
    expect(states.map(([name]) => name)).toEqual([
      'Review the case', 'Is there anything left to watch?', 'Wait for the next reminder or due time', 'Nothing left to watch',
    ]);
  });
});
