import { describe, expect, it } from 'vitest';
import { complaintCommandSchemaFor, ComplaintCommandSchema } from '../../../src/core/case/complaint-change.ts';

// Intake, the staff API and the state machine parse a command with its own action's schema (complaintCommandSchemaFor),
// so that only that one is built at a cold start, not every staff action's. The result must be the union's.
const ACTIONS = ComplaintCommandSchema.options.map((o) => o.shape.action.value);

const samples = (action: string): unknown[] => [
  { action },
  { action, reason: 'Response accepted.', via: 'email', receivedAt: '2026-11-23T09:00:00.000Z' },
  { action, receivedAt: 'yesterday', via: 'pigeon', messageRef: '' },
  { action, extensionWorkingDays: 5, reason: 'Waiting for a contractor.' },
  { action, extensionWorkingDays: 5, respondBy: '2026-12-24', reason: 'both' },
  { action, decision: 'upheld', reasons: ['It leaked.'], remedy: ['Fix it.'], outstandingActions: [], rootCauses: ['repairs'] },
  { action, surveyId: 'S-1', handling: 'satisfied', outcome: 'neither', via: 'reply' },
  { action, categories: [] },
  { action, unknownField: true },
];

describe('parsing a complaint command with its own schema', () => {
  it('has a schema for every action of the union, and the union for anything else', () => {
    expect(ACTIONS.length).toBeGreaterThan(25);
    for (const action of ACTIONS) expect(complaintCommandSchemaFor({ action })).not.toBe(ComplaintCommandSchema);
    for (const value of [{ action: 'nope' }, { action: 7 }, {}, null, 'close', [{ action: 'close' }]]) {
      expect(complaintCommandSchemaFor(value)).toBe(ComplaintCommandSchema);
    }
  });

  it('gives what the union gives, data and issues, for every action', () => {
    const outcomes = { passed: 0, refused: 0 };
    for (const value of [...ACTIONS.flatMap(samples), { action: 'nope' }, {}, null, 'close']) {
      const union = ComplaintCommandSchema.safeParse(value);
      const own = complaintCommandSchemaFor(value).safeParse(value);
      expect(own.success, JSON.stringify(value)).toBe(union.success);
      expect(own.data).toEqual(union.data);
      expect(own.error?.issues).toEqual(union.error?.issues);
      outcomes[own.success ? 'passed' : 'refused']++;
    }
    expect(outcomes.passed).toBeGreaterThan(10);
    expect(outcomes.refused).toBeGreaterThan(100);
  });
});
