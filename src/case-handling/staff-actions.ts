// Staff actions on a complaint, on the ports: check the action with the core, write to the resident, then add the
// events. The letter goes first and has a stable id, so an action retried after a failure never writes twice.
import * as z from 'zod';
import type { CaseEventRecord, CaseRecord } from '../core/case/case-record.ts';
import { complaintFile, type ComplaintFile } from '../core/case/case-file.ts';
import { nextDueOn } from '../core/case/case-review.ts';
import { complaintTimeline, type ComplaintTimeline, type Stage } from '../core/case/complaint.ts';
import * as actions from '../core/case/staff-actions.ts';
import { ok, refuse, type Result } from '../core/result.ts';
import type { LetterData, LetterName } from '../letters/catalogue.ts';
import { sendLetter } from '../outbound/send-letter.ts';
import {
  letterDate, letterLandlord, loadComplaint, residentContact, eventInstant, type LifecycleDeps, type LoadedComplaint,
} from './lifecycle-deps.ts';
import { keepWatching } from './review-case.ts';

/** One staff action, as the staff API and `redress case` send it. */
export const StaffActionRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge'), ...actions.AcknowledgeInput.shape }),
  z.object({ action: z.literal('decline'), ...actions.DeclineInput.shape }),
  z.object({ action: z.literal('extend'), ...actions.ExtendInput.shape }),
  z.object({ action: z.literal('respond'), ...actions.RespondInput.shape }),
  z.object({ action: z.literal('escalate'), ...actions.EscalateInput.shape }),
  z.object({ action: z.literal('assign'), ...actions.AssignHandlerInput.shape }),
  z.object({ action: z.literal('record-adjustments'), ...actions.AdjustmentsInput.shape }),
  z.object({ action: z.literal('record-representative'), ...actions.RepresentativeInput.shape }),
  z.object({ action: z.literal('record-vulnerability'), ...actions.VulnerabilityInput.shape }),
  z.object({ action: z.literal('complete-action'), ...actions.CompleteActionInput.shape }),
  z.object({ action: z.literal('close'), ...actions.CloseInput.shape }),
]);
export type StaffActionRequest = z.input<typeof StaffActionRequest>;
export type StaffActionName = StaffActionRequest['action'];

/** Parses a staff action from outside, with each action's own checks (an extension gives days or a date, not both). */
export function parseStaffAction(value: unknown): Result<z.output<typeof StaffActionRequest>, z.ZodError> {
  const parsed = StaffActionRequest.safeParse(value);
  if (!parsed.success) return refuse(parsed.error);
  if (parsed.data.action === 'extend') {
    const extension = actions.ExtendInput.safeParse(parsed.data);
    if (!extension.success) return refuse(extension.error);
  }
  return ok(parsed.data);
}

/** Why an action was not taken: the core's refusals, or no such complaint. */
export type StaffActionProblem = actions.StaffActionRefusal | { kind: 'no-such-complaint'; caseRef: string };

/** What an action did. */
export interface StaffActionDone {
  readonly caseRef: string;
  readonly events: readonly CaseEventRecord[];
  /** The letter sent to the resident, if any; null when there is none for this action or no address to send to. */
  readonly letter: { readonly letterId: string; readonly template: LetterName; readonly status: 'sent' | 'sent-before' } | null;
  readonly status: ComplaintTimeline['status'];
  readonly nextDueOn: string | null;
  /** Things the officer should know: "no letter sent: the complaint is anonymous". */
  readonly notes: readonly string[];
}

/** Describes a problem in words an officer can act on. */
export function describeProblem(problem: StaffActionProblem): string {
  return problem.kind === 'no-such-complaint' ? `there is no complaint ${problem.caseRef}` : actions.describeRefusal(problem);
}

/**
 * Takes a staff action on a complaint: checks it against the case rules, sends the resident the letter it calls
 * for, adds the events with who and when, and keeps the case's head record (state, next due date) in step.
 * When the complaint's state machine has ended and the action gives it something to wait for, it starts again.
 * @example await takeStaffAction(deps, 'C-7K2M9Q4T', 'asha.patel', { action: 'close', reason: 'Response accepted.' })
 */
export async function takeStaffAction(
  deps: LifecycleDeps,
  caseRef: string,
  officer: string,
  request: StaffActionRequest,
): Promise<Result<StaffActionDone, StaffActionProblem>> {
  const parsed = StaffActionRequest.parse(request);
  const complaint = await loadComplaint(deps, caseRef);
  if (!complaint) return refuse({ kind: 'no-such-complaint', caseRef });
  const at = eventInstant(deps.clock.now(), complaint.history);
  const ctx: actions.StaffActionContext = { events: complaint.events, policy: complaint.policy, cal: complaint.cal, at, officer };
  const outcome = decide(ctx, parsed);
  if (!outcome.ok) return outcome;

  const after = [...complaint.events, ...outcome.value.events];
  const file = complaintFile(after);
  const notes: string[] = [];
  const letter = await writeToResident(deps, complaint, outcome.value, file, notes);

  const stored: CaseEventRecord[] = [];
  for (const event of outcome.value.events) {
    stored.push(await deps.cases.appendEvent(caseRef, { recordedAt: deps.clock.now().toISOString(), by: officer, event }));
  }
  const timeline = outcome.value.timeline;
  const due = nextDueOn(timeline);
  await deps.cases.updateCase(caseRef, headUpdate(complaint.record, timeline, file, due));

  // A machine that ended for want of anything to wait for starts again when this action gives it something.
  await keepWatching(deps, caseRef);
  deps.logger.info('staff action taken', { caseRef, landlordId: complaint.record.landlordId, action: parsed.action, status: timeline.status });
  return ok({ caseRef, events: stored, letter, status: timeline.status, nextDueOn: due, notes });
}

function decide(ctx: actions.StaffActionContext, request: z.output<typeof StaffActionRequest>) {
  switch (request.action) {
    case 'acknowledge': return actions.acknowledgeComplaint(ctx, request);
    case 'decline': return actions.declineComplaint(ctx, request);
    case 'extend': return actions.extendResponse(ctx, request);
    case 'respond': return actions.sendResponse(ctx, request);
    case 'escalate': return actions.escalateToStage2(ctx, request);
    case 'assign': return actions.assignHandler(ctx, request);
    case 'record-adjustments': return actions.recordAdjustments(ctx, request);
    case 'record-representative': return actions.recordRepresentative(ctx, request);
    case 'record-vulnerability': return actions.recordVulnerability(ctx, request);
    case 'complete-action': return actions.completeAction(ctx, request);
    case 'close': return actions.closeComplaint(ctx, request);
    default: {
      const unknown: never = request;
      throw new Error(`no staff action ${JSON.stringify(unknown)}`);
    }
  }
}

function headUpdate(record: CaseRecord, timeline: ComplaintTimeline, file: ComplaintFile, due: string | null) {
  const finished = timeline.status === 'closed' || timeline.status === 'declined';
  return {
    state: finished ? 'closed' as const : 'open' as const,
    nextDueOn: due,
    ...(file.representative ? { representative: { name: file.representative.name, relationship: file.representative.relationship } } : {}),
    ...(file.adjustments ? { adjustments: [file.adjustments.needs, ...file.adjustments.adjustments].join('; ') } : { adjustments: record.adjustments }),
  };
}

async function writeToResident(
  deps: LifecycleDeps,
  complaint: LoadedComplaint,
  outcome: actions.StaffActionOutcome,
  file: ComplaintFile,
  notes: string[],
): Promise<StaffActionDone['letter']> {
  const planned = letterFor(complaint, outcome, file);
  if (!planned) return null;
  const contact = residentContact(complaint.record, file);
  if (!contact.to) {
    notes.push('no letter sent: there is no address for the resident (an anonymous complaint, or one made by text or telephone)');
    return null;
  }
  const { record, policy } = complaint;
  const letterId = `${record.caseRef}-${planned.key}`;
  const data = { ...planned.data, caseRef: record.caseRef, landlord: letterLandlord(policy), ...(contact.name ? { residentName: contact.name } : {}) };
  const sent = await sendLetter(deps, {
    letterId, landlordId: record.landlordId, caseRef: record.caseRef, inReplyToMessageRef: null,
    from: policy.contact.complaintsEmail, to: contact.to, letter: planned.template, data: data as never,
  });
  return { letterId, template: planned.template, status: sent.status };
}

type PlannedLetter = { template: LetterName; key: string; data: Partial<LetterData<LetterName>> & Record<string, unknown> };

// The letter an action calls for, keyed so a retried action finds it already sent.
function letterFor(complaint: LoadedComplaint, outcome: actions.StaffActionOutcome, file: ComplaintFile): PlannedLetter | null {
  const { policy, cal } = complaint;
  const timeline = outcome.timeline;
  const ombudsman = policy.ombudsman;
  const milestone = (id: string) => timeline.milestones.find((m) => m.id === id);
  for (const event of outcome.events) {
    switch (event.type) {
      case 'acknowledged':
      case 'stage-2-acknowledged': {
        const stage: Stage = event.type === 'acknowledged' ? 'stage-1' : 'stage-2';
        const definition = file.definitions[stage]!;
        const response = milestone(`${stage}-response`)!;
        return {
          template: stage === 'stage-1' ? 'stage-1-acknowledgement' : 'stage-2-acknowledgement',
          key: `${stage}-acknowledgement`,
          data: {
            receivedOn: letterDate(stage === 'stage-1' ? file.receivedAt : file.stage2RequestedAt!),
            complaintDefinition: letterDefinition(definition),
            ...(definition.clarificationRequest ? { clarificationRequest: definition.clarificationRequest } : {}),
            respondWithinWorkingDays: (stage === 'stage-1' ? policy.stage1 : policy.stage2).respondWithinWorkingDays,
            respondBy: letterDate(response.dueOn),
            ombudsman,
          },
        };
      }
      case 'extended': {
        const before = complaintTimelineBefore(complaint, event.stage);
        return {
          template: 'extension',
          key: `extension-${event.stage}-${event.respondBy}`,
          data: {
            stage: event.stage, reason: event.reason,
            previousRespondBy: letterDate(before), respondBy: letterDate(event.respondBy),
            extensionWorkingDays: cal.workingDaysBetween(before, event.respondBy), ombudsman,
          },
        };
      }
      case 'stage-1-response-sent':
      case 'stage-2-response-sent': {
        const stage: Stage = event.type === 'stage-1-response-sent' ? 'stage-1' : 'stage-2';
        const definition = file.definitions[stage];
        return {
          template: stage === 'stage-1' ? 'stage-1-response' : 'stage-2-response',
          key: `${stage}-response`,
          data: {
            stage,
            complaintDefinition: definition ? letterDefinition(definition) : { understanding: complaint.record.summary, outcomesSought: ['(not recorded)'] },
            decision: event.decision!,
            reasons: event.reasons!,
            remedy: event.remedy && event.remedy.length > 0 ? event.remedy : 'none',
            outstandingActions: (event.outstandingActions ?? []).map((a) => ({ action: a.action, dueOn: letterDate(a.dueOn) })),
            ombudsman,
            escalation: stage === 'stage-1'
              ? (timeline.stage2RequestWindowClosesOn ? { requestBy: letterDate(timeline.stage2RequestWindowClosesOn) } : {})
              : { route: 'housing-ombudsman' },
          },
        };
      }
      case 'declined': {
        const exclusions = (event.exclusions ?? []).map((kind) => policy.acceptance.exclusions.find((e) => e.kind === kind)?.description ?? kind);
        const stage2 = file.stage2RequestedAt !== undefined;
        return {
          template: 'complaint-declined',
          key: stage2 ? 'stage-2-declined' : 'declined',
          data: {
            declined: stage2 ? 'stage-2-escalation-refused' : 'complaint-not-accepted',
            receivedOn: letterDate(stage2 ? file.stage2RequestedAt! : file.receivedAt),
            reasons: [event.reason, ...exclusions],
            ...(event.whatWeWillDoInstead ? { whatWeWillDoInstead: event.whatWeWillDoInstead } : {}),
            ombudsman,
          },
        };
      }
      default:
        break;
    }
  }
  return null;
}

// The response date an extension moves: the one in force before it.
function complaintTimelineBefore(complaint: LoadedComplaint, stage: Stage): string {
  const before = complaintTimeline(complaint.events, complaint.policy, complaint.cal);
  if (!before.ok) throw new Error(`the case rules accepted an action on a history they refuse: ${before.error.kind}`);
  return before.value.milestones.find((m) => m.id === `${stage}-response`)!.dueOn;
}

const letterDefinition = (d: ComplaintFile['definitions'][Stage] & object) => ({
  understanding: d.understanding,
  outcomesSought: [...d.outcomesSought],
  responsibleFor: [...d.responsibleFor],
  notResponsibleFor: [...d.notResponsibleFor],
});
