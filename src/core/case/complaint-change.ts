// The one decision about a change to a complaint. Staff actions, intake, survey answers and the state machine's
// review all ask this, and one application service (src/case-handling/complaint-service.ts) applies what it says:
// the events to add, the letters to send, the next due date, and whether the state machine should watch or stop.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { InstantSchema, toCalendarDate, type CalendarDate } from '../calendar/london-date.ts';
import type { LandlordPolicy } from '../policy/landlord-policy.ts';
import { ok, refuse, type Result } from '../result.ts';
import { formatLetterDate, type LetterData, type LetterName } from '../../letters/catalogue.ts';
import { complaintFile, type ComplaintFile } from './case-file.ts';
import { nextDueOn, noticeSubjectKey, reviewComplaint, type CaseNotice } from './case-review.ts';
import { complaintTimeline, officerKey, stageReached, type ComplaintEvent, type ComplaintTimeline, type Stage } from './complaint.ts';
import * as learning from './learning.ts';
import * as ombudsman from './ombudsman.ts';
import * as restriction from './restriction.ts';
import * as actions from './staff-actions.ts';

const Text = z.string().trim().min(1).max(20_000);

/** How a complaint or a stage 2 request reached the landlord. */
export const ReceivedViaSchema = z.enum(['email', 'sms', 'web_form', 'telephone', 'letter', 'in-person', 'survey']);
export type ReceivedVia = z.infer<typeof ReceivedViaSchema>;

/**
 * A complaint logged by an officer: taken by telephone, letter or in person, or a message or service request that
 * a person judged to be a complaint (Code 1.2 to 1.5). The clock counts from `receivedAt`, when the resident made it.
 */
export const LogComplaintInput = lazySchema(() => z.object({
  receivedAt: InstantSchema,
  via: ReceivedViaSchema,
  messageRef: z.string().min(1).max(64).optional(),
  reclassified: z.object({ from: z.enum(['message', 'service-request']), ref: z.string().min(1).max(64), why: Text }).optional(),
}));
export type LogComplaintInput = z.input<typeof LogComplaintInput>;

/** A stage 2 request, by any route (6.10 to 6.12): `receivedAt` when it came earlier than it is logged. */
export const RequestStage2Input = lazySchema(() => z.object({
  via: ReceivedViaSchema.default('telephone'),
  messageRef: z.string().min(1).max(64).optional(),
  receivedAt: InstantSchema.optional(),
  /** Who handles stage 2: not anyone who considered stage 1 (6.13). */
  handler: z.string().trim().min(1).max(200).optional(),
}));

/** The resident withdrew the complaint, and how they said so. */
export const WithdrawInput = lazySchema(() => z.object({ reason: Text, via: ReceivedViaSchema }));

// Each command's schema, by its action: a command is parsed by its own schema (complaintCommandSchemaFor), and only
// what is parsed gets built, not the whole union (every staff action's input) for the one command intake sends.
const COMMANDS = new Map<string, z.ZodType>();

/** One command: its action, and the rest of its fields, built the first time it is parsed. */
function command<const A extends string, S extends z.ZodRawShape>(action: A, fields: () => S) {
  const schema = lazySchema(() => z.object({ action: z.literal(action), ...fields() }));
  COMMANDS.set(action, schema);
  return schema;
}

const COMMAND_OPTIONS = [
  command('log-complaint', () => ({ ...LogComplaintInput.shape })),
  command('acknowledge', () => ({ ...actions.AcknowledgeInput.shape })),
  command('decline', () => ({ ...actions.DeclineInput.shape })),
  command('extend', () => ({ ...actions.ExtendInput.shape })),
  /** A response, with the root causes the investigation found when the officer records them with it (Code 9.1). */
  command('respond', () => ({ ...actions.RespondInput.shape, rootCauses: learning.RootCausesInput.shape.rootCauses.optional() })),
  command('escalate', () => ({ ...RequestStage2Input.shape })),
  command('assign', () => ({ ...actions.AssignHandlerInput.shape })),
  command('record-adjustments', () => ({ ...actions.AdjustmentsInput.shape })),
  command('record-representative', () => ({ ...actions.RepresentativeInput.shape })),
  command('record-vulnerability', () => ({ ...actions.VulnerabilityInput.shape })),
  command('complete-action', () => ({ ...actions.CompleteActionInput.shape })),
  command('withdraw', () => ({ ...WithdrawInput.shape })),
  command('close', () => ({ ...actions.CloseInput.shape })),
  command('record-survey-answer', () => ({ ...actions.SurveyAnswerInput.shape })),
  command('categorise', () => ({ ...learning.CategoriseInput.shape })),
  command('record-root-causes', () => ({ ...learning.RootCausesInput.shape })),
  command('set-learning-action', () => ({ ...learning.SetLearningActionInput.shape })),
  command('update-learning-action', () => ({ ...learning.UpdateLearningActionInput.shape })),
  command('ombudsman-investigation', () => ({ ...ombudsman.OmbudsmanInvestigationInput.shape })),
  command('ombudsman-evidence-sent', () => ({})),
  command('tell-board', () => ({})),
  command('ombudsman-determination', () => ({ ...ombudsman.OmbudsmanDeterminationInput.shape })),
  command('ombudsman-order', () => ({ ...ombudsman.OmbudsmanOrderInput.shape })),
  command('ombudsman-order-complied', () => ({ ...ombudsman.OmbudsmanOrderCompliedInput.shape })),
  command('restrict-contact', () => ({ ...restriction.RestrictContactInput.shape })),
  command('review-restriction', () => ({ ...restriction.ReviewRestrictionInput.shape })),
  command('record-restriction-appeal', () => ({ ...restriction.RestrictionAppealInput.shape })),
  command('decide-restriction-appeal', () => ({ ...restriction.DecideRestrictionAppealInput.shape })),
  /** The satisfaction survey went to the resident. */
  command('record-survey-sent', () => ({ surveyId: z.string().min(1).max(64) })),
  /** The state machine's wake: reminders and overdue notices now due, and the survey after closure. */
  command('review', () => ({})),
] as const;

/** Every change to a complaint, as a parsed command. */
export const ComplaintCommandSchema = lazySchema(() => z.discriminatedUnion('action', COMMAND_OPTIONS));
export type ComplaintCommand = z.output<typeof ComplaintCommandSchema>;
export type ComplaintCommandInput = z.input<typeof ComplaintCommandSchema>;

/**
 * The schema to parse a command with: its own action's, so that only that one is built, or the whole union when there
 * is no such action (or no object), whose issues say so. The result, issues included, is the one the union gives: a
 * discriminated union parses with the option its discriminator names.
 */
export function complaintCommandSchemaFor(value: unknown): z.ZodType<ComplaintCommand, ComplaintCommandInput> {
  const action = typeof value === 'object' && value !== null ? (value as { action?: unknown }).action : undefined;
  const own = typeof action === 'string' ? COMMANDS.get(action) : undefined;
  // Each entry is one option of ComplaintCommandSchema, whose output and input are members of the union's.
  return (own as z.ZodType<ComplaintCommand, ComplaintCommandInput> | undefined) ?? ComplaintCommandSchema;
}

/** Who a letter goes to. A resident with no address still gets it: rendered, kept and marked to be posted. */
export type LetterRecipient =
  | { readonly kind: 'resident'; readonly email: string | null; readonly name?: string }
  | { readonly kind: 'staff'; readonly email: string };

/** One letter a change calls for, typed by its template, keyed so a retried change finds it already sent. */
export type PlannedLetter = {
  [N in LetterName]: { readonly template: N; readonly key: string; readonly to: LetterRecipient; readonly data: LetterData<N> };
}[LetterName];

/**
 * What the state machine should do after the change: keep (or start) watching the complaint, or stop. `watch-sooner`
 * when the change brings a date earlier than any before it (an appeal's decision, an Ombudsman's order): a run already
 * waiting may sleep past its reminder, so a new run looks at once and the waiting one ends when it wakes.
 */
export type StateMachineInstruction = 'watch' | 'watch-sooner' | 'stop';

/** The decision: what to record, whom to write to, when the complaint is next due, and the state machine's part. */
export interface ComplaintChange {
  readonly events: readonly ComplaintEvent[];
  readonly letters: readonly PlannedLetter[];
  readonly timeline: ComplaintTimeline;
  readonly nextDueOn: CalendarDate | null;
  readonly stateMachine: StateMachineInstruction;
  /** For a review: when to look again (null when nothing is ahead) and the survey to schedule. */
  readonly review?: { readonly wakeAt: string | null; readonly survey: { readonly sendAt: string } | null; readonly notices: number };
  /** Things the officer should know. */
  readonly notes: readonly string[];
}

/** Why a change was refused, in the core's terms; `describeRefusal` words it for an officer. */
export type ComplaintChangeRefusal =
  | actions.StaffActionRefusal
  | learning.LearningRefusal
  | ombudsman.OmbudsmanRefusal
  | restriction.RestrictionRefusal
  | { kind: 'already-logged' }
  | { kind: 'stage-1-officer-at-stage-2'; officer: string };

/** What the decision needs about the complaint beyond its events. */
export interface ComplaintContext extends Omit<actions.StaffActionContext, 'officer'> {
  /** Who acts: an officer's id, `resident` or `redress`. */
  readonly actor: string;
  readonly caseRef: string;
  /** The resident as the case records them: with no way to reach them at all, the complaint is anonymous. */
  readonly resident: { readonly name: string | null; readonly email: string | null; readonly phone?: string | null; readonly addressOrTenancyReference?: string | null };
  /** The case's summary, for a response letter when no definition was recorded. */
  readonly summary: string;
}


/**
 * Decides one change to a complaint. Pure: the same events, command, policy and instant give the same answer.
 * @example decideComplaintChange(ctx, { action: 'escalate', via: 'email', messageRef: 'M-…' })
 */
export function decideComplaintChange(ctx: ComplaintContext, command: ComplaintCommand): Result<ComplaintChange, ComplaintChangeRefusal> {
  if (command.action === 'review') return decideReview(ctx);
  if (command.action === 'log-complaint') {
    if (ctx.events.length > 0) return refuse({ kind: 'already-logged' });
    const received: ComplaintEvent = {
      type: 'received', at: command.receivedAt, via: command.via,
      ...(command.messageRef ? { messageRef: command.messageRef } : {}),
      ...(command.reclassified ? { reclassified: command.reclassified } : {}),
    };
    return settle(ctx, [received]);
  }
  const staffCtx: actions.StaffActionContext = { events: ctx.events, policy: ctx.policy, cal: ctx.cal, at: ctx.at, officer: ctx.actor };
  const before = complaintTimeline(ctx.events, ctx.policy, ctx.cal);
  if (!before.ok) return refuse({ kind: 'breaks-case-rules', breach: before.error });
  // 6.13: whoever considered stage 1 takes no part in stage 2, by id, whatever the letter case or name they use.
  if (stageReached(before.value) === 'stage-2' && ['acknowledge', 'extend', 'respond', 'decline'].includes(command.action)
    && before.value.stage1Officers.includes(officerKey(ctx.actor, ctx.policy))) {
    return refuse({ kind: 'stage-1-officer-at-stage-2', officer: ctx.actor });
  }
  const decided = staffDecision(staffCtx, command, { timeline: before.value, policy: ctx.policy, at: ctx.at });
  if (!decided.ok) return decided;
  return settle(ctx, [...decided.value.events]);
}

function staffDecision(
  ctx: actions.StaffActionContext,
  command: Exclude<ComplaintCommand, { action: 'review' | 'log-complaint' }>,
  learningCtx: learning.LearningContext,
): Result<{ readonly events: readonly ComplaintEvent[] }, Exclude<ComplaintChangeRefusal, { kind: 'already-logged' | 'stage-1-officer-at-stage-2' }>> {
  const investigation: ombudsman.OmbudsmanContext = { ...learningCtx, cal: ctx.cal };
  const restricting: restriction.RestrictionContext = { ...investigation, officer: ctx.officer };
  switch (command.action) {
    case 'acknowledge': return actions.acknowledgeComplaint(ctx, command);
    case 'decline': return actions.declineComplaint(ctx, command);
    case 'extend': return actions.extendResponse(ctx, command);
    case 'respond': {
      const responded = actions.sendResponse(ctx, command);
      if (!responded.ok || !command.rootCauses) return responded;
      const sent = complaintTimeline([...ctx.events, ...responded.value.events], ctx.policy, ctx.cal);
      if (!sent.ok) return refuse({ kind: 'breaks-case-rules', breach: sent.error });
      const causes = learning.recordRootCauses({ ...learningCtx, timeline: sent.value }, { rootCauses: command.rootCauses });
      return causes.ok ? ok({ events: [...responded.value.events, ...causes.value.events] }) : causes;
    }
    case 'escalate': return requestStage2(ctx, command);
    case 'assign': return actions.assignHandler(ctx, command);
    case 'record-adjustments': return actions.recordAdjustments(ctx, command);
    case 'record-representative': return actions.recordRepresentative(ctx, command);
    case 'record-vulnerability': return actions.recordVulnerability(ctx, command);
    case 'complete-action': return actions.completeAction(ctx, command);
    case 'withdraw': return ok({ events: [{ type: 'withdrawn', at: ctx.at, reason: command.reason, via: command.via } as const] });
    case 'close': return actions.closeComplaint(ctx, command);
    case 'record-survey-answer': return actions.recordSurveyAnswer(ctx, command);
    case 'record-survey-sent':
      return complaintFile(ctx.events).surveys.some((x) => x.surveyId === command.surveyId)
        ? ok({ events: [] })
        : ok({ events: [{ type: 'survey-sent', at: ctx.at, surveyId: command.surveyId } as const] });
    case 'categorise': return learning.categoriseComplaint(learningCtx, command);
    case 'record-root-causes': return learning.recordRootCauses(learningCtx, command);
    case 'set-learning-action': return learning.setLearningAction(learningCtx, command);
    case 'update-learning-action': return learning.updateLearningAction(learningCtx, command);
    case 'ombudsman-investigation': return ombudsman.openOmbudsmanInvestigation(investigation, command);
    case 'ombudsman-evidence-sent': return ombudsman.recordOmbudsmanEvidenceSent(investigation);
    case 'tell-board': return ombudsman.recordBoardTold(investigation);
    case 'ombudsman-determination': return ombudsman.recordOmbudsmanDetermination(investigation, command);
    case 'ombudsman-order': return ombudsman.recordOmbudsmanOrder(investigation, command);
    case 'ombudsman-order-complied': return ombudsman.recordOrderComplied(investigation, command);
    case 'restrict-contact': return restriction.restrictContact(restricting, command);
    case 'review-restriction': return restriction.reviewRestriction(restricting, command);
    case 'record-restriction-appeal': return restriction.recordRestrictionAppeal(restricting, command);
    case 'decide-restriction-appeal': return restriction.decideRestrictionAppeal(restricting, command);
    default: {
      const unknown: never = command;
      throw new Error(`no complaint command ${JSON.stringify(unknown)}`);
    }
  }
}

function requestStage2(ctx: actions.StaffActionContext, x: z.output<typeof RequestStage2Input>): Result<{ events: ComplaintEvent[] }, actions.StaffActionRefusal> {
  const receivedAt = x.receivedAt && Date.parse(x.receivedAt) < Date.parse(ctx.at) ? x.receivedAt : undefined;
  return ok({
    events: [
      { type: 'stage-2-requested', at: ctx.at, via: x.via, ...(x.messageRef ? { messageRef: x.messageRef } : {}), ...(receivedAt ? { receivedAt } : {}) },
      ...(x.handler ? [{ type: 'handler-assigned', at: ctx.at, stage: 'stage-2', officer: x.handler } as const] : []),
    ],
  });
}

// Checks the added events against the case rules and works out everything that follows from them.
function settle(ctx: ComplaintContext, added: ComplaintEvent[], review?: ComplaintChange['review'], notices: PlannedLetter[] = []): Result<ComplaintChange, ComplaintChangeRefusal> {
  const after = [...ctx.events, ...added];
  const timeline = complaintTimeline(after, ctx.policy, ctx.cal);
  if (!timeline.ok) return refuse({ kind: 'breaks-case-rules', breach: timeline.error });
  const file = complaintFile(after);
  const planned = [...notices, ...added.flatMap((event) => lettersFor(ctx, event, timeline.value, file))];
  const toResident = planned.filter((l) => l.to.kind === 'resident');
  const unreachable = toResident.some((l) => l.to.kind === 'resident' && l.to.email === null) && isAnonymous(ctx);
  const letters = unreachable ? planned.filter((l) => l.to.kind !== 'resident') : planned;
  const notes = toResident.length === 0 ? []
    : unreachable ? ['no letter sent: there is no address for the resident (an anonymous complaint)']
    : letters.some((l) => l.to.kind === 'resident' && l.to.email === null) ? ['the resident has no email address: the letter is kept and listed to be posted']
    : [];
  return ok({
    events: added,
    letters,
    timeline: timeline.value,
    nextDueOn: nextDueOn(timeline.value),
    stateMachine: !needsWatching(after, ctx) ? 'stop' : !review && bringsSoonerDate(ctx, timeline.value) ? 'watch-sooner' : 'watch',
    ...(review ? { review } : {}),
    notes,
  });
}

// Whether the change makes something due earlier than anything was before it.
function bringsSoonerDate(ctx: ComplaintContext, after: ComplaintTimeline): boolean {
  const next = nextDueOn(after);
  const before = ctx.events.length > 0 ? complaintTimeline(ctx.events, ctx.policy, ctx.cal) : null;
  const previous = before?.ok ? nextDueOn(before.value) : null;
  return next !== null && previous !== null && next < previous;
}

/** No email, no address, no telephone and no name: there is no one to write to. */
const isAnonymous = (ctx: Pick<ComplaintContext, 'resident'>): boolean =>
  !ctx.resident.email && !ctx.resident.name && !ctx.resident.phone && !ctx.resident.addressOrTenancyReference;

/**
 * Whether anything is ahead for the complaint's state machine at `ctx.at`: a reminder, a due time, a notice or a
 * survey. The one rule: a change says `watch` or `stop` by it, and a restart resumes the complaints it holds for.
 */
export function needsWatching(events: readonly ComplaintEvent[], ctx: Pick<ComplaintContext, 'policy' | 'cal' | 'at' | 'resident'>): boolean {
  const review = reviewComplaint(events, ctx.policy, ctx.cal, ctx.at, { canSurvey: residentRecipient(ctx, complaintFile(events)).email !== null });
  return review.ok && (!review.value.done || review.value.survey !== null || review.value.notices.length > 0);
}

function decideReview(ctx: ComplaintContext): Result<ComplaintChange, ComplaintChangeRefusal> {
  const file = complaintFile(ctx.events);
  const review = reviewComplaint(ctx.events, ctx.policy, ctx.cal, ctx.at, { canSurvey: residentRecipient(ctx, file).email !== null });
  if (!review.ok) return refuse({ kind: 'breaks-case-rules', breach: review.error });
  const notices = review.value.notices.flatMap((notice) => noticeLetters(ctx, notice));
  const survey = review.value.survey && file.closed ? review.value.survey : null;
  const added = [...review.value.events, ...(survey ? [{ type: 'survey-scheduled', at: ctx.at, sendAt: survey.sendAt } as const] : [])];
  return settle(ctx, added, { wakeAt: review.value.done ? null : review.value.wakeAt, survey, notices: review.value.notices.length }, notices);
}

// ---- Letters ---------------------------------------------------------------------------------------------------

/** The landlord as letters show it. */
export const letterLandlord = (policy: LandlordPolicy) => ({
  name: policy.name,
  complaintsEmail: policy.contact.complaintsEmail,
  ...(policy.contact.telephone ? { telephone: policy.contact.telephone } : {}),
  ...(policy.contact.textNumber ? { textNumber: policy.contact.textNumber } : {}),
  ...(policy.contact.webForm ? { complaintForm: policy.contact.webForm } : {}),
});

/** A London date or instant as letters print it. */
export const letterDate = (day: string): string => formatLetterDate(toCalendarDate(day));

/**
 * Who letters to the resident go to: a representative whose consent to act has been confirmed and who gave an
 * address (Code 3.6); until then the resident. No address: the letter is posted.
 */
export function residentRecipient(ctx: Pick<ComplaintContext, 'resident'>, file: ComplaintFile): Extract<LetterRecipient, { kind: 'resident' }> {
  const rep = file.representative;
  if (rep?.email && rep.consentConfirmed) return { kind: 'resident', email: rep.email, name: rep.name };
  return { kind: 'resident', email: ctx.resident.email, ...(ctx.resident.name ? { name: ctx.resident.name } : {}) };
}

/** An officer's mail address, when the name they act under is one. */
export const officerAddress = (officer: string | undefined, policy?: LandlordPolicy): string | null => {
  if (!officer) return null;
  const known = policy?.officers.find((o) => o.id === officer || o.name === officer);
  if (known?.email) return known.email;
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(officer) ? officer : null;
};

/** Where a letter for the officer goes: their address, or the landlord's managers when no officer with one is named. */
export const officerOrManagers = (officer: string | undefined, policy: LandlordPolicy): readonly string[] => {
  const address = officerAddress(officer, policy);
  return address ? [address] : policy.digest.recipients;
};

// Reminders go to the handler (the managers when none is assigned); overdue notices to the handler and the managers.
// A learning action's go to its owner instead of the handler.
function noticeLetters(ctx: ComplaintContext, notice: CaseNotice): PlannedLetter[] {
  const { policy } = ctx;
  const responsible = notice.subject.kind === 'learning-action' ? notice.owner : notice.subject.kind === 'restriction' ? notice.decidedBy : notice.handler;
  const responsibleAddress = officerAddress(responsible, policy);
  const recipients = notice.kind === 'reminder'
    ? officerOrManagers(responsible, policy)
    : [...new Set([...(responsibleAddress ? [responsibleAddress] : []), ...policy.digest.recipients])];
  const subject = notice.subject;
  const about = subject.kind === 'milestone'
    ? { milestone: subject.milestone }
    : subject.kind === 'learning-action'
      ? { learningAction: { action: notice.action ?? subject.actionId, owner: notice.owner ?? '(no owner recorded)' } }
      : subject.kind === 'ombudsman'
        ? { ombudsmanDuty: { duty: subject.duty, ombudsmanRef: notice.ombudsmanRef ?? '(no reference)', ...(notice.action ? { order: notice.action } : {}) } }
        : subject.kind === 'restriction'
          ? { restrictionDuty: { duty: subject.duty } }
          : { outstandingAction: { action: notice.action ?? subject.actionId, stage: notice.stage } };
  const base = { caseRef: ctx.caseRef, landlord: letterLandlord(policy), ...about, dueOn: letterDate(notice.dueOn) };
  return recipients.map((email, i): PlannedLetter => {
    const key = `${notice.kind}-${noticeSubjectKey(notice.subject)}-${notice.dueOn}-${i + 1}`;
    const to = { kind: 'staff', email } as const;
    return notice.kind === 'reminder'
      ? { template: 'officer-reminder', key, to, data: { ...base, workingDaysLeft: notice.workingDaysLeft, ...(responsible ? { officerName: responsible } : {}) } }
      : { template: 'milestone-overdue', key, to, data: { ...base, workingDaysOverdue: notice.workingDaysOverdue, ...(notice.handler ? { handlerName: notice.handler } : {}) } };
  });
}

const letterDefinition = (d: NonNullable<ComplaintFile['definitions'][Stage]>) => ({
  understanding: d.understanding,
  outcomesSought: [...d.outcomesSought],
  responsibleFor: [...d.responsibleFor],
  notResponsibleFor: [...d.notResponsibleFor],
});

// The letters one recorded event calls for, each keyed so a retried change finds it already sent.
function lettersFor(ctx: ComplaintContext, event: ComplaintEvent, timeline: ComplaintTimeline, file: ComplaintFile): PlannedLetter[] {
  const { policy, cal } = ctx;
  const ombudsman = policy.ombudsman;
  const to = residentRecipient(ctx, file);
  const resident = { caseRef: ctx.caseRef, landlord: letterLandlord(policy), ...(to.name ? { residentName: to.name } : {}) };
  const milestone = (id: string) => timeline.milestones.find((m) => m.id === id);
  switch (event.type) {
    case 'received': {
      if (!event.via || ['email', 'sms', 'web_form'].includes(event.via) && !event.reclassified) return [];
      // Logged by an officer: the resident is told it is being handled as a complaint, with its dates.
      const ack = milestone('stage-1-acknowledgement')!;
      return [{
        template: 'complaint-received', key: 'complaint-received', to,
        data: {
          ...resident, receivedOn: letterDate(event.at),
          acknowledgeWithinWorkingDays: policy.stage1.acknowledgeWithinWorkingDays, acknowledgeBy: letterDate(ack.dueOn),
          respondWithinWorkingDays: policy.stage1.respondWithinWorkingDays, respondCountedFrom: policy.stage1.respondCountedFrom, ombudsman,
        },
      }];
    }
    case 'stage-2-requested': {
      const ack = milestone('stage-2-acknowledgement')!;
      return [{
        template: 'stage-2-request-received', key: `stage-2-request-${toCalendarDate(event.receivedAt ?? event.at)}`, to,
        data: {
          ...resident, receivedOn: letterDate(event.receivedAt ?? event.at),
          acknowledgeWithinWorkingDays: policy.stage2.acknowledgeWithinWorkingDays, acknowledgeBy: letterDate(ack.dueOn),
          respondWithinWorkingDays: policy.stage2.respondWithinWorkingDays, respondCountedFrom: policy.stage2.respondCountedFrom, ombudsman,
        },
      }];
    }
    case 'acknowledged':
    case 'stage-2-acknowledged': {
      const stage: Stage = event.type === 'acknowledged' ? 'stage-1' : 'stage-2';
      const definition = file.definitions[stage]!;
      const response = milestone(`${stage}-response`)!;
      const data = {
        ...resident,
        receivedOn: letterDate(stage === 'stage-1' ? file.receivedAt : file.stage2RequestedAt!),
        complaintDefinition: letterDefinition(definition),
        ...(definition.clarificationRequest ? { clarificationRequest: definition.clarificationRequest } : {}),
        respondWithinWorkingDays: (stage === 'stage-1' ? policy.stage1 : policy.stage2).respondWithinWorkingDays,
        respondBy: letterDate(response.dueOn),
        ombudsman,
      };
      return [stage === 'stage-1'
        ? { template: 'stage-1-acknowledgement', key: 'stage-1-acknowledgement', to, data }
        : { template: 'stage-2-acknowledgement', key: 'stage-2-acknowledgement', to, data }];
    }
    case 'extended': {
      const before = complaintTimeline(ctx.events, policy, cal);
      const previous = before.ok ? before.value.milestones.find((m) => m.id === `${event.stage}-response`)!.dueOn : event.respondBy;
      return [{
        template: 'extension', key: `extension-${event.stage}-${event.respondBy}`, to,
        data: {
          ...resident, stage: event.stage, reason: event.reason, ...(event.goodReason ? { goodReason: event.goodReason } : {}),
          previousRespondBy: letterDate(previous), respondBy: letterDate(event.respondBy),
          extensionWorkingDays: Math.max(1, cal.workingDaysBetween(previous, event.respondBy)), ombudsman,
        },
      }];
    }
    case 'stage-1-response-sent':
    case 'stage-2-response-sent': {
      const definition = file.definitions[event.type === 'stage-1-response-sent' ? 'stage-1' : 'stage-2'];
      const common = {
        ...resident,
        complaintDefinition: definition ? letterDefinition(definition) : { understanding: ctx.summary, outcomesSought: ['(not recorded)'] },
        decision: event.decision!,
        reasons: event.reasons!,
        remedy: event.remedy && event.remedy.length > 0 ? event.remedy : 'none' as const,
        outstandingActions: (event.outstandingActions ?? []).map((a) => ({ action: a.action, dueOn: letterDate(a.dueOn) })),
        ombudsman,
      };
      return [event.type === 'stage-1-response-sent'
        ? {
            template: 'stage-1-response', key: 'stage-1-response', to,
            data: { ...common, stage: 'stage-1', escalation: timeline.stage2RequestWindowClosesOn ? { requestBy: letterDate(timeline.stage2RequestWindowClosesOn) } : {} },
          }
        : { template: 'stage-2-response', key: 'stage-2-response', to, data: { ...common, stage: 'stage-2', escalation: { route: 'housing-ombudsman' } } }];
    }
    case 'declined': {
      const exclusions = (event.exclusions ?? []).map((kind) => policy.acceptance.exclusions.find((e) => e.kind === kind)?.description ?? kind);
      const stage2 = file.stage2RequestedAt !== undefined;
      return [{
        template: 'complaint-declined', key: stage2 ? 'stage-2-declined' : 'declined', to,
        data: {
          ...resident,
          declined: stage2 ? 'stage-2-escalation-refused' : 'complaint-not-accepted',
          receivedOn: letterDate(stage2 ? file.stage2RequestedAt! : file.receivedAt),
          reasons: [event.reason, ...exclusions],
          ...(event.whatWeWillDoInstead ? { whatWeWillDoInstead: event.whatWeWillDoInstead } : {}),
          ombudsman,
        },
      }];
    }
    case 'contact-restricted':
    case 'restriction-reviewed':
    case 'restriction-appeal-received':
    case 'restriction-appeal-decided':
      return restrictionLetters(ctx, event, timeline, resident, to);
    default:
      return [];
  }
}

// The letters a restriction on contact sends the resident: the decision, each review, the appeal's receipt and its
// outcome (seed 002 §4.5, §4.6). Keyed by the day, so one of each a day; a retried change finds it sent.
function restrictionLetters(
  ctx: ComplaintContext,
  event: Extract<ComplaintEvent, { type: 'contact-restricted' | 'restriction-reviewed' | 'restriction-appeal-received' | 'restriction-appeal-decided' }>,
  timeline: ComplaintTimeline,
  resident: { caseRef: string; landlord: ReturnType<typeof letterLandlord>; residentName?: string },
  to: LetterRecipient,
): PlannedLetter[] {
  const { policy } = ctx;
  const r = timeline.restrictions.at(-1)!;
  const day = toCalendarDate(event.at);
  const appeal = { to: policy.contactRestrictions.appealTo, decidedWithinWorkingDays: policy.contactRestrictions.appealDecidedWithinWorkingDays };
  const standing = r.liftedOn ? {} : { allowed: restriction.describeRestrictionTerms(r.terms) };
  switch (event.type) {
    case 'contact-restricted':
      return [{
        template: 'contact-restriction', key: `contact-restriction-${day}`, to,
        data: {
          ...resident, behaviour: event.behaviour, reasons: [...event.reasons], allowed: restriction.describeRestrictionTerms(r.terms),
          ...(event.reasonableAdjustments ? { reasonableAdjustments: event.reasonableAdjustments } : {}),
          decidedBy: event.decidedBy, reviewOn: letterDate(event.reviewOn), appeal, ombudsman: policy.ombudsman,
        },
      }];
    case 'restriction-reviewed':
      return [{
        template: 'contact-restriction-reviewed', key: `contact-restriction-reviewed-${day}`, to,
        data: {
          ...resident, outcome: event.outcome, reasons: event.reasons, ...standing,
          ...(r.liftedOn ? {} : { nextReviewOn: letterDate(r.reviewOn) }), appeal, ombudsman: policy.ombudsman,
        },
      }];
    case 'restriction-appeal-received':
      return [{
        template: 'restriction-appeal-received', key: `restriction-appeal-received-${day}`, to,
        data: {
          ...resident, receivedOn: letterDate(event.receivedOn), appealTo: appeal.to, decideBy: letterDate(event.decideBy),
          allowed: restriction.describeRestrictionTerms(r.terms),
        },
      }];
    case 'restriction-appeal-decided':
      return [{
        template: 'restriction-appeal-outcome', key: `restriction-appeal-outcome-${day}`, to,
        data: {
          ...resident, outcome: event.outcome, reasons: event.reasons, appealTo: appeal.to, ...standing,
          ...(r.liftedOn ? {} : { reviewOn: letterDate(r.reviewOn) }), ombudsman: policy.ombudsman,
        },
      }];
    default: {
      const unknown: never = event;
      throw new Error(`no restriction letter for ${JSON.stringify(unknown)}`);
    }
  }
}

/** A refusal in words an officer can act on, citing the provision. */
export function describeChangeRefusal(refusal: ComplaintChangeRefusal): string {
  switch (refusal.kind) {
    case 'already-logged':
      return 'this complaint has already been logged';
    case 'stage-1-officer-at-stage-2':
      return `${refusal.officer} considered the complaint at stage 1 and cannot act on it at stage 2 (Code 6.13)`;
    case 'unknown-category':
    case 'unknown-root-cause':
    case 'no-response-yet':
    case 'no-such-learning-action':
    case 'learning-action-ended':
    case 'learning-action-due-in-the-past':
    case 'no-reason-to-drop':
      return learning.describeLearningRefusal(refusal);
    case 'no-ombudsman-investigation':
    case 'ombudsman-investigation-already-open':
    case 'notified-in-the-future':
    case 'already-recorded':
    case 'no-such-order':
    case 'order-already-complied':
      return ombudsman.describeOmbudsmanRefusal(refusal);
    case 'restriction-in-force':
    case 'no-restriction-in-force':
    case 'restriction-without-reasons':
    case 'restriction-without-equality-act':
    case 'restriction-without-vulnerability':
    case 'restriction-allows-nothing':
    case 'review-too-far-off':
    case 'review-not-ahead':
    case 'restriction-appeal-already-received':
    case 'no-restriction-appeal':
    case 'restriction-appeal-in-the-future':
    case 'restriction-decider-not-named':
    case 'restriction-appeal-decided-by-restrictor':
      return restriction.describeRestrictionRefusal(refusal);
    default:
      return actions.describeRefusal(refusal);
  }
}
