import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { CalendarDateSchema, toCalendarDate, type CalendarDate } from '../calendar/london-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import type { LandlordPolicy } from '../policy/landlord-policy.ts';
import { ok, refuse, type Result } from '../result.ts';
import {
  complaintTimeline,
  DecisionSchema,
  describeBreach,
  SatisfactionSchema,
  stageReached,
  type CaseRuleBreach,
  type ComplaintEvent,
  type ComplaintTimeline,
} from './complaint.ts';
import { complaintFile } from './case-file.ts';

const Text = z.string().trim().min(1);
const Officer = z.string().trim().min(1);

/** What an officer writes when acknowledging: the complaint definition (Code 5.6, 5.7), and a handler if known. */
export const AcknowledgeInput = lazySchema(() => z.object({
  /** The landlord's understanding of the complaint. */
  understanding: Text,
  outcomesSought: z.array(Text).min(1, 'name at least one outcome the resident seeks (Code 5.6)'),
  responsibleFor: z.array(Text).default([]),
  notResponsibleFor: z.array(Text).default([]),
  /** Ask the resident to clarify what is unclear (5.6). */
  clarificationRequest: Text.optional(),
  /** Who handles the complaint at this stage; at stage 2 not the stage 1 handler (6.13). */
  handler: Officer.optional(),
}));
export type AcknowledgeInput = z.input<typeof AcknowledgeInput>;

/** Declining to accept a complaint (Code 2.1 to 2.5) or to escalate it (5.11). */
export const DeclineInput = lazySchema(() => z.object({
  /** Why, for this complaint: its own circumstances, never a blanket rule (2.5). */
  reason: Text,
  /** The policy exclusions relied on, by their kind (2.2). */
  exclusions: z.array(z.string().min(1)).default([]),
  whatWeWillDoInstead: Text.optional(),
}));
export type DeclineInput = z.input<typeof DeclineInput>;

/** An extension, by a number of working days or to a date (Code 6.4, 6.15). */
export const ExtendInput = lazySchema(() => z
  .object({
    extensionWorkingDays: z.int().positive().optional(),
    respondBy: CalendarDateSchema.optional(),
    reason: Text,
    /** Needed when the extension goes past the policy's limit. */
    goodReason: Text.optional(),
  })
  .refine((x) => (x.extensionWorkingDays === undefined) !== (x.respondBy === undefined), {
    message: 'give either extensionWorkingDays or respondBy',
  }));
export type ExtendInput = z.input<typeof ExtendInput>;

/** A stage 1 or stage 2 response: the decision, the reasons, the remedy and what is still to be done (6.9, 6.19). */
export const RespondInput = lazySchema(() => z.object({
  decision: DecisionSchema,
  reasons: z.array(Text).min(1, 'give the reasons for the decision (Code 6.9 (d))'),
  /** What the landlord will do to put things right; empty when nothing. */
  remedy: z.array(Text).default([]),
  outstandingActions: z.array(z.object({ action: Text, dueOn: CalendarDateSchema })).default([]),
}));
export type RespondInput = z.input<typeof RespondInput>;

/** The resident asked for stage 2; no reason is needed (6.12). */
export const EscalateInput = lazySchema(() => z.object({
  via: z.string().min(1).default('telephone'),
  messageRef: z.string().min(1).optional(),
  /** Who handles stage 2: not the stage 1 handler (6.13). */
  handler: Officer.optional(),
}));
export type EscalateInput = z.input<typeof EscalateInput>;

/**
 * Naming the officer who handles the current stage, who declares they have no conflict of interest in it (Code 5.8:
 * the complaint handler must be free of any conflict of interest).
 */
export const AssignHandlerInput = lazySchema(() => z.object({
  officer: Officer,
  noConflictOfInterest: z.literal(true, { error: 'the handler must declare they have no conflict of interest in this complaint (Code 5.8)' }),
}));
export type AssignHandlerInput = z.input<typeof AssignHandlerInput>;

/** Code 5.10: the resident's needs, and the adjustments made for them. */
export const AdjustmentsInput = lazySchema(() => z.object({ needs: Text, adjustments: z.array(Text).default([]) }));
export type AdjustmentsInput = z.input<typeof AdjustmentsInput>;

/** Code 3.6: someone acting for the resident. */
export const RepresentativeInput = lazySchema(() => z.object({
  name: Text,
  relationship: Text.nullable().default(null),
  email: z.email().nullable().default(null),
  consentConfirmed: z.boolean().default(false),
}));
export type RepresentativeInput = z.input<typeof RepresentativeInput>;

/** What makes the resident vulnerable, so staff take care. */
export const VulnerabilityInput = lazySchema(() => z.object({ details: Text }));
export type VulnerabilityInput = z.input<typeof VulnerabilityInput>;

/** Marking an outstanding action done, by its id (`A1`). */
export const CompleteActionInput = lazySchema(() => z.object({ actionId: z.string().min(1), note: Text.optional() }));
export type CompleteActionInput = z.input<typeof CompleteActionInput>;

/** Closing a complaint, with the reason. */
export const CloseInput = lazySchema(() => z.object({ reason: Text }));
export type CloseInput = z.input<typeof CloseInput>;

/** The two questions of the satisfaction survey (the association's policy 7.1): the handling and the outcome. */
export const SurveyAnswerInput = lazySchema(() => z.object({
  surveyId: z.string().min(1),
  handling: SatisfactionSchema,
  outcome: SatisfactionSchema,
  via: z.enum(['survey-page', 'reply']),
  messageRef: z.string().min(1).optional(),
}));
export type SurveyAnswerInput = z.input<typeof SurveyAnswerInput>;

/** Why a staff action was not taken. */
export type StaffActionRefusal =
  | { kind: 'breaks-case-rules'; breach: CaseRuleBreach }
  | { kind: 'unknown-exclusion'; exclusion: string; known: string[] }
  | { kind: 'no-such-action'; actionId: string }
  | { kind: 'action-already-done'; actionId: string; doneOn: CalendarDate }
  | { kind: 'action-due-in-the-past'; action: string; dueOn: CalendarDate }
  | { kind: 'no-such-survey'; surveyId: string }
  | { kind: 'survey-already-answered'; surveyId: string };

/** Where and when an officer acts on a complaint. */
export interface StaffActionContext {
  /** The complaint's events so far, starting with `received`. */
  readonly events: readonly ComplaintEvent[];
  readonly policy: LandlordPolicy;
  readonly cal: WorkingDayCalendar;
  /** When the officer acts: an instant no earlier than the last event. */
  readonly at: string;
  /** Who acts. */
  readonly officer: string;
}

/** The events an action adds, already checked against the case rules, and the timeline they lead to. */
export interface StaffActionOutcome {
  readonly events: readonly ComplaintEvent[];
  readonly timeline: ComplaintTimeline;
}

type Outcome = Result<StaffActionOutcome, StaffActionRefusal>;

function commit(ctx: StaffActionContext, added: ComplaintEvent[]): Outcome {
  const timeline = complaintTimeline([...ctx.events, ...added], ctx.policy, ctx.cal);
  if (!timeline.ok) return refuse({ kind: 'breaks-case-rules', breach: timeline.error });
  return ok({ events: added, timeline: timeline.value });
}

function timelineNow(ctx: StaffActionContext): Result<ComplaintTimeline, StaffActionRefusal> {
  const timeline = complaintTimeline(ctx.events, ctx.policy, ctx.cal);
  return timeline.ok ? timeline : refuse({ kind: 'breaks-case-rules', breach: timeline.error });
}


/**
 * Acknowledges the complaint at its current stage with the complaint definition (Code 5.6, 6.2, 6.11), assigning
 * the handler first when one is named.
 * @example acknowledgeComplaint(ctx, { understanding: 'The boiler ...', outcomesSought: ['A working boiler'] })
 */
export function acknowledgeComplaint(ctx: StaffActionContext, input: AcknowledgeInput): Outcome {
  const x = AcknowledgeInput.parse(input);
  const now = timelineNow(ctx);
  if (!now.ok) return now;
  const stage = stageReached(now.value);
  const definition = {
    complaintDefinition: x.understanding,
    outcomesSought: x.outcomesSought,
    responsibleFor: x.responsibleFor,
    notResponsibleFor: x.notResponsibleFor,
    ...(x.clarificationRequest ? { clarificationRequest: x.clarificationRequest } : {}),
  };
  return commit(ctx, [
    ...(x.handler ? [{ type: 'handler-assigned', at: ctx.at, stage, officer: x.handler } as const] : []),
    stage === 'stage-1'
      ? { type: 'acknowledged', at: ctx.at, ...definition }
      : { type: 'stage-2-acknowledged', at: ctx.at, ...definition },
  ]);
}

/** Declines to accept the complaint (2.1 to 2.5), or at stage 2 refuses the escalation (5.11), citing the policy's exclusions. */
export function declineComplaint(ctx: StaffActionContext, input: DeclineInput): Outcome {
  const x = DeclineInput.parse(input);
  const known = ctx.policy.acceptance.exclusions.map((e) => e.kind);
  const unknown = x.exclusions.find((e) => !known.includes(e));
  if (unknown !== undefined) return refuse({ kind: 'unknown-exclusion', exclusion: unknown, known });
  return commit(ctx, [{
    type: 'declined', at: ctx.at, reason: x.reason, exclusions: x.exclusions,
    ...(x.whatWeWillDoInstead ? { whatWeWillDoInstead: x.whatWeWillDoInstead } : {}),
  }]);
}

/** Extends the current stage's response date, by working days or to a date (6.4, 6.15). */
export function extendResponse(ctx: StaffActionContext, input: ExtendInput): Outcome {
  const x = ExtendInput.parse(input);
  const now = timelineNow(ctx);
  if (!now.ok) return now;
  const stage = stageReached(now.value);
  const response = now.value.milestones.find((m) => m.id === `${stage}-response`);
  const respondBy = x.respondBy ?? ctx.cal.addWorkingDays(response?.dueOn ?? toCalendarDate(ctx.at), x.extensionWorkingDays!);
  return commit(ctx, [{
    type: 'extended', at: ctx.at, stage, respondBy, reason: x.reason, ...(x.goodReason ? { goodReason: x.goodReason } : {}),
  }]);
}

/**
 * Records the response at the current stage, sent by the acting officer: the decision, reasons, remedy and each
 * outstanding action with its date (6.6, 6.9, 6.19, 7.3). Actions are numbered A1, A2, ... across the case.
 */
export function sendResponse(ctx: StaffActionContext, input: RespondInput): Outcome {
  const x = RespondInput.parse(input);
  const now = timelineNow(ctx);
  if (!now.ok) return now;
  const today = toCalendarDate(ctx.at);
  const late = x.outstandingActions.find((a) => a.dueOn < today);
  if (late) return refuse({ kind: 'action-due-in-the-past', action: late.action, dueOn: late.dueOn });
  const numbered = x.outstandingActions.map((a, i) => ({ actionId: `A${now.value.actions.length + i + 1}`, ...a }));
  const detail = { officer: ctx.officer, decision: x.decision, reasons: x.reasons, remedy: x.remedy, outstandingActions: numbered };
  return commit(ctx, [
    stageReached(now.value) === 'stage-1'
      ? { type: 'stage-1-response-sent', at: ctx.at, ...detail }
      : { type: 'stage-2-response-sent', at: ctx.at, ...detail },
  ]);
}

/** Escalates to stage 2 at the resident's request, by any route (6.10, 6.12), even after closure at stage 1. */
export function escalateToStage2(ctx: StaffActionContext, input: EscalateInput): Outcome {
  const x = EscalateInput.parse(input);
  return commit(ctx, [
    { type: 'stage-2-requested', at: ctx.at, via: x.via, ...(x.messageRef ? { messageRef: x.messageRef } : {}) },
    ...(x.handler ? [{ type: 'handler-assigned', at: ctx.at, stage: 'stage-2', officer: x.handler } as const] : []),
  ]);
}

/** Names the officer handling the current stage (at stage 2, not the stage 1 handler: 6.13). */
export function assignHandler(ctx: StaffActionContext, input: AssignHandlerInput): Outcome {
  const x = AssignHandlerInput.parse(input);
  const now = timelineNow(ctx);
  if (!now.ok) return now;
  return commit(ctx, [{ type: 'handler-assigned', at: ctx.at, stage: stageReached(now.value), officer: x.officer, noConflictOfInterest: true }]);
}

/** Records the resident's needs and the reasonable adjustments made (5.10). */
export function recordAdjustments(ctx: StaffActionContext, input: AdjustmentsInput): Outcome {
  const x = AdjustmentsInput.parse(input);
  return commit(ctx, [{ type: 'adjustments-recorded', at: ctx.at, needs: x.needs, adjustments: x.adjustments }]);
}

/** Records someone acting for the resident (3.6). */
export function recordRepresentative(ctx: StaffActionContext, input: RepresentativeInput): Outcome {
  const x = RepresentativeInput.parse(input);
  return commit(ctx, [{ type: 'representative-recorded', at: ctx.at, ...x }]);
}

/** Records what makes the resident vulnerable. */
export function recordVulnerability(ctx: StaffActionContext, input: VulnerabilityInput): Outcome {
  const x = VulnerabilityInput.parse(input);
  return commit(ctx, [{ type: 'vulnerability-recorded', at: ctx.at, details: x.details }]);
}

/** Marks an outstanding action done, before or after closure. */
export function completeAction(ctx: StaffActionContext, input: CompleteActionInput): Outcome {
  const x = CompleteActionInput.parse(input);
  const now = timelineNow(ctx);
  if (!now.ok) return now;
  const action = now.value.actions.find((a) => a.actionId === x.actionId);
  if (!action) return refuse({ kind: 'no-such-action', actionId: x.actionId });
  if (action.state === 'done') return refuse({ kind: 'action-already-done', actionId: x.actionId, doneOn: action.doneOn! });
  return commit(ctx, [{ type: 'action-completed', at: ctx.at, actionId: x.actionId, ...(x.note ? { note: x.note } : {}) }]);
}

/** Closes the complaint. Outstanding actions stay tracked. */
export function closeComplaint(ctx: StaffActionContext, input: CloseInput): Outcome {
  const x = CloseInput.parse(input);
  return commit(ctx, [{ type: 'closed', at: ctx.at, reason: x.reason }]);
}

/** Records the resident's answer to a survey sent on this complaint; the first answer counts. */
export function recordSurveyAnswer(ctx: StaffActionContext, input: SurveyAnswerInput): Outcome {
  const x = SurveyAnswerInput.parse(input);
  const survey = complaintFile(ctx.events).surveys.find((s) => s.surveyId === x.surveyId);
  if (!survey) return refuse({ kind: 'no-such-survey', surveyId: x.surveyId });
  if (survey.answer) return refuse({ kind: 'survey-already-answered', surveyId: x.surveyId });
  return commit(ctx, [{
    type: 'survey-answered', at: ctx.at, surveyId: x.surveyId, handling: x.handling, outcome: x.outcome, via: x.via,
    ...(x.messageRef ? { messageRef: x.messageRef } : {}),
  }]);
}

/** A refusal in words an officer can act on. */
export function describeRefusal(refusal: StaffActionRefusal): string {
  switch (refusal.kind) {
    case 'breaks-case-rules':
      return describeBreach(refusal.breach);
    case 'unknown-exclusion':
      return `"${refusal.exclusion}" is not one of the policy's exclusions (${refusal.known.join(', ') || 'it has none'})`;
    case 'no-such-action':
      return `the complaint has no outstanding action ${refusal.actionId}`;
    case 'action-already-done':
      return `action ${refusal.actionId} was marked done on ${refusal.doneOn}`;
    case 'action-due-in-the-past':
      return `the action "${refusal.action}" is dated ${refusal.dueOn}, which has passed: give the date it will be done`;
    case 'no-such-survey':
      return `no survey ${refusal.surveyId} was sent on this complaint`;
    case 'survey-already-answered':
      return `survey ${refusal.surveyId} has already been answered`;
    default: {
      const unknown: never = refusal;
      return JSON.stringify(unknown);
    }
  }
}

