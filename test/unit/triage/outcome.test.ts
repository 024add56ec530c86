import { describe, expect, it } from 'vitest';
import { classifyMessage, type Classification } from '../../../src/core/triage/classify.ts';
import { decideTriageOutcome, REVIEW_BELOW_CONFIDENCE } from '../../../src/core/triage/outcome.ts';
import type { TriageInput } from '../../../src/core/triage/triage-input.ts';

const classified = (over: Partial<Classification>): Classification =>
  ({ label: 'service_request', confidence: 0.9, reasons: ['a reason'], dissatisfaction: false, asksToComplain: false, asksToEscalate: false, ...over });

describe('the policy around the label', () => {
  it('Code 1.3: dissatisfaction labelled a service request goes to a person, and the reply offers the choice to complain', () => {
    const outcome = decideTriageOutcome({ context: null }, classified({ label: 'service_request', confidence: 0.6, dissatisfaction: true }));

    expect(outcome).toMatchObject({ handling: 'raise-service-request', needsReview: true, reply: { offerComplaintChoice: true, explainHowToComplain: false } });
    expect(outcome.reasons.at(-1)).toMatch(/Code 1\.3/);
  });

  it('a low-confidence complaint is handled as a complaint and flagged for a person, so no clock is missed', () => {
    const outcome = decideTriageOutcome({ context: null }, classified({ label: 'complaint', confidence: REVIEW_BELOW_CONFIDENCE - 0.1, dissatisfaction: true }));

    expect(outcome).toMatchObject({ handling: 'open-stage-1', needsReview: true });
  });

  it('a confident complaint opens stage 1 with no review', () => {
    const outcome = decideTriageOutcome({ context: null }, classified({ label: 'complaint', confidence: 0.97, dissatisfaction: true }));

    expect(outcome).toMatchObject({ handling: 'open-stage-1', needsReview: false });
  });

  it('a complaint in reply to a stage 1 response is escalated to stage 2', () => {
    const outcome = decideTriageOutcome({ context: 'stage1_response' }, classified({ label: 'complaint', confidence: 0.95, dissatisfaction: true }));

    expect(outcome.handling).toBe('escalate-to-stage-2');
  });

  it('a complaint in reply to a complaint acknowledgement is added to the open complaint', () => {
    const outcome = decideTriageOutcome({ context: 'complaint_ack' }, classified({ label: 'complaint', confidence: 0.95, dissatisfaction: true }));

    expect(outcome.handling).toBe('add-to-open-complaint');
  });

  it('Code 1.6: survey feedback, even negative, stays feedback and the reply says how to complain', () => {
    const message: TriageInput = { channel: 'survey', subject: null, body: 'Very dissatisfied. Nobody ever rings back. 1/10', context: 'survey' };

    const outcome = decideTriageOutcome(message, classifyMessage(message));

    expect(outcome).toMatchObject({ label: 'survey_feedback', handling: 'record-survey-feedback', reply: { explainHowToComplain: true } });
  });

  it('Code 1.6: a survey reply asking for stage 2 is escalated', () => {
    const message: TriageInput = { channel: 'survey', subject: 'Complaint handling survey', body: 'Outcome: no. I want this escalated to stage 2.', context: 'survey' };

    const outcome = decideTriageOutcome(message, classifyMessage(message));

    expect(outcome).toMatchObject({ label: 'complaint', handling: 'escalate-to-stage-2' });
  });

  it('a message set aside as "other" on weak evidence goes to a person before it is only recorded', () => {
    const outcome = decideTriageOutcome({ context: null }, classified({ label: 'other', confidence: REVIEW_BELOW_CONFIDENCE - 0.1 }));

    expect(outcome).toMatchObject({ handling: 'record-only', needsReview: true, reply: { offerComplaintChoice: false } });
  });

  it('thanks with no dissatisfaction is recorded, not reviewed, and never dropped', () => {
    const outcome = decideTriageOutcome({ context: null }, classified({ label: 'other', confidence: 0.9 }));

    expect(outcome).toMatchObject({ handling: 'record-only', needsReview: false, reasons: ['a reason'] });
  });
});
