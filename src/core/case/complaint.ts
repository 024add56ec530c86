import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { InstantSchema, CalendarDateSchema, toCalendarDate, type CalendarDate, type DayInput } from '../calendar/london-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import { CODE_TIMESCALES, type Provision } from '../code/complaint-handling-code.ts';
import { countingStartForReceipt } from '../code/deadlines.ts';
import type { LandlordPolicy } from '../policy/landlord-policy.ts';
import { ok, refuse, type Result } from '../result.ts';

/** The two stages of the Code's complaints process (5.3). */
export const StageSchema = z.enum(['stage-1', 'stage-2']);
export type Stage = z.infer<typeof StageSchema>;

const Officer = z.string().min(1);
const Text = z.string().trim().min(1);

/** The landlord's decision on a complaint at one stage (Code 6.9 (c), 6.19 (c)). */
export const DecisionSchema = z.enum(['upheld', 'partly-upheld', 'not-upheld']);
export type Decision = z.infer<typeof DecisionSchema>;

/** The milestones the Code sets for each stage. */
export const MilestoneIdSchema = z.enum(['stage-1-acknowledgement', 'stage-1-response', 'stage-2-acknowledgement', 'stage-2-response']);

/** Something promised in a response and still to be done, with its date (Code 6.6, 7.3). */
export const OutstandingActionSchema = lazySchema(() => z.object({
  /** Short and unique within the case, so staff can mark it done: `A1`, `A2`. */
  actionId: z.string().regex(/^[A-Za-z0-9-]{1,20}$/),
  action: Text,
  dueOn: CalendarDateSchema,
}));
export type OutstandingAction = z.infer<typeof OutstandingActionSchema>;

/** What a reminder or an overdue notice was about: a Code milestone, or an action promised in a response. */
export const NoticeSubjectSchema = lazySchema(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('milestone'), milestone: MilestoneIdSchema }),
  z.object({ kind: z.literal('action'), actionId: z.string().min(1) }),
  /** A learning action set from the complaint (Code 9.1), tracked until done. */
  z.object({ kind: z.literal('learning-action'), actionId: z.string().min(1) }),
  /** A duty while the Ombudsman investigates: its evidence, telling the board, or complying with one of its orders. */
  z.object({ kind: z.literal('ombudsman'), duty: z.enum(['evidence', 'tell-board', 'order']), orderId: z.string().min(1).optional() }),
  /** A restriction on the resident's contact: its review (Code 5.14), or the decision on an appeal against it. */
  z.object({ kind: z.literal('restriction'), duty: z.enum(['review', 'appeal']) }),
]));
export type NoticeSubject = z.infer<typeof NoticeSubjectSchema>;

/** Where a learning action stands: `done` and `dropped` end it. */
export const LearningActionStatusSchema = z.enum(['open', 'in-progress', 'done', 'dropped']);
export type LearningActionStatus = z.infer<typeof LearningActionStatusSchema>;

/** What the Ombudsman found on one matter it investigated (its determination, Code 8.1 c, 9.7 c). */
export const OmbudsmanFindingSchema = lazySchema(() => z.object({
  finding: z.enum(['severe-maladministration', 'maladministration', 'service-failure', 'reasonable-redress', 'no-maladministration', 'outside-jurisdiction']),
  /** The matter it is about, as the determination words it. */
  about: z.string().trim().min(1),
  /** Whether the Ombudsman found the landlord did not follow the Complaint Handling Code (8.1 c). */
  codeNonCompliance: z.boolean().default(false),
}));
export type OmbudsmanFinding = z.infer<typeof OmbudsmanFindingSchema>;

/** The ways a resident may contact the landlord, as a restriction names those it allows. */
export const ContactChannelSchema = z.enum(['email', 'sms', 'web_form', 'telephone', 'letter', 'in-person']);
export type ContactChannel = z.infer<typeof ContactChannelSchema>;

/**
 * What a restriction allows (seed 002 §4.2): only some ways of contact, only one named member of staff, or only one
 * email address. At least one is given.
 */
export const RestrictionTermsSchema = lazySchema(() => z.object({
  allowedChannels: z.array(ContactChannelSchema).min(1).optional(),
  /** The one member of staff the resident deals with: an officer id, name or address. */
  namedOfficer: z.string().trim().min(1).max(200).optional(),
  /** The one address the resident writes to. */
  contactAddress: z.email().optional(),
}));
export type RestrictionTerms = z.infer<typeof RestrictionTermsSchema>;

/** How satisfied a resident is, on the survey's five-point scale. */
export const SatisfactionSchema = z.enum(['very-satisfied', 'satisfied', 'neither', 'dissatisfied', 'very-dissatisfied']);
export type Satisfaction = z.infer<typeof SatisfactionSchema>;

// The parts of a complaint definition beyond its one-paragraph statement (Code 5.6, 5.7), built with the events schema.
const definitionDetail = () => ({
  /** The outcomes the resident seeks. */
  outcomesSought: z.array(Text).optional(),
  /** The parts of the complaint the landlord is responsible for. */
  responsibleFor: z.array(Text).optional(),
  /** The parts it is not responsible for, each saying who is where known. */
  notResponsibleFor: z.array(Text).optional(),
  /** What the resident is asked to clarify, when part of the complaint is unclear (5.6). */
  clarificationRequest: Text.optional(),
});

// What a response records beyond who sent it (Code 6.9, 6.19). Optional here because older rows lack it;
// the staff action that sends a response requires it.
const responseDetail = () => ({
  decision: DecisionSchema.optional(),
  /** The reasons for the decision, one paragraph each. */
  reasons: z.array(Text).optional(),
  /** What the landlord will do to put things right; empty when nothing. */
  remedy: z.array(Text).optional(),
  outstandingActions: z.array(OutstandingActionSchema).optional(),
});

/** Something that happened to a complaint. A complaint's deadlines are a pure function of these and its policy. */
export const ComplaintEventSchema = lazySchema(() => z.discriminatedUnion('type', [
  /**
   * The complaint was received: `at` is when the resident made it, which starts the clock (6.2), even when an officer
   * logged it later from a telephone call, a letter or a visit, or judged an earlier message to be a complaint.
   */
  z.object({
    type: z.literal('received'),
    at: InstantSchema,
    /** How it came: `email`, `sms`, `web_form`, `telephone`, `letter`, `in-person`. Absent on older rows. */
    via: z.string().min(1).optional(),
    /** The message it came in, when it came in writing. */
    messageRef: z.string().min(1).optional(),
    /** Set when a person judged a message or a service request to be a complaint (Code 1.2 to 1.5). */
    reclassified: z.object({ from: z.enum(['message', 'service-request']), ref: z.string().min(1), why: Text }).optional(),
  }),
  /** Stage 1 acknowledged, with the complaint definition (5.6, 6.2). */
  z.object({ type: z.literal('acknowledged'), at: InstantSchema, complaintDefinition: Text, ...definitionDetail() }),
  /** `noConflictOfInterest`: the handler declared none (Code 5.8); absent on events from before the declaration was asked for. */
  z.object({ type: z.literal('handler-assigned'), at: InstantSchema, stage: StageSchema, officer: Officer, noConflictOfInterest: z.literal(true).optional() }),
  /** The response date moved later, with the reason told to the resident (6.4, 6.15). */
  z.object({
    type: z.literal('extended'),
    at: InstantSchema,
    stage: StageSchema,
    respondBy: CalendarDateSchema,
    reason: Text,
    /** Needed when the extension goes past the policy's limit. */
    goodReason: Text.optional(),
  }),
  z.object({ type: z.literal('stage-1-response-sent'), at: InstantSchema, officer: Officer, ...responseDetail() }),
  /** The resident asked for stage 2, by any route; no reason is needed (6.12). */
  z.object({
    type: z.literal('stage-2-requested'),
    at: InstantSchema,
    /** How the request came: `email`, `sms`, `web_form`, `telephone`, `letter`, `survey`, ... */
    via: z.string().min(1).optional(),
    /** The message that asked, when it came in writing. */
    messageRef: z.string().min(1).optional(),
    /**
     * When the resident asked, if earlier than `at`: a request by telephone, letter or in person logged later.
     * The stage 2 clock (6.11) counts from here.
     */
    receivedAt: InstantSchema.optional(),
  }),
  /** Stage 2 acknowledged, with the complaint definition (5.6, 6.11). */
  z.object({ type: z.literal('stage-2-acknowledged'), at: InstantSchema, complaintDefinition: Text, ...definitionDetail() }),
  z.object({ type: z.literal('stage-2-response-sent'), at: InstantSchema, officer: Officer, ...responseDetail() }),
  /** Not accepted at stage 1 (2.4) or escalation refused at stage 2 (5.11), with the reason given. */
  z.object({
    type: z.literal('declined'),
    at: InstantSchema,
    /** Why, for this complaint: the individual circumstances considered (2.5). */
    reason: Text,
    /** The policy's exclusions relied on, by their `kind` (2.2). */
    exclusions: z.array(z.string().min(1)).optional(),
    /** What the landlord will do instead, such as deal with it as a service request. */
    whatWeWillDoInstead: Text.optional(),
  }),
  z.object({ type: z.literal('closed'), at: InstantSchema, reason: Text }),
  /** The resident withdrew the complaint, by any route; it ends without a response. */
  z.object({ type: z.literal('withdrawn'), at: InstantSchema, reason: Text, via: z.string().min(1) }),
  /** An action promised in a response was done (Code 6.6: tracked to completion). */
  z.object({ type: z.literal('action-completed'), at: InstantSchema, actionId: z.string().min(1), note: Text.optional() }),
  /** Support or reasonable adjustments the resident needs (Code 5.10). */
  z.object({ type: z.literal('adjustments-recorded'), at: InstantSchema, needs: Text, adjustments: z.array(Text) }),
  /** Someone acting for the resident (Code 3.6); letters go to them when they gave an address. */
  z.object({
    type: z.literal('representative-recorded'),
    at: InstantSchema,
    name: Text,
    relationship: Text.nullable(),
    email: z.email().nullable(),
    /** Whether the resident's consent for them to act was seen. */
    consentConfirmed: z.boolean(),
  }),
  /** Circumstances that make the resident vulnerable, so staff handle the case with care. */
  z.object({ type: z.literal('vulnerability-recorded'), at: InstantSchema, details: Text }),
  /** The complaint's categories from the landlord's list (Code 9.7 a); the latest record replaces earlier ones. */
  z.object({ type: z.literal('categorised'), at: InstantSchema, stage: StageSchema, categories: z.array(z.string().min(1)).min(1) }),
  /** What caused the complaint, from the landlord's list of root causes, found by the response (Code 9.1, 9.4). */
  z.object({
    type: z.literal('root-causes-recorded'), at: InstantSchema, stage: StageSchema,
    rootCauses: z.array(z.string().min(1)).min(1), note: Text.optional(),
  }),
  /** A service improvement to make because of the complaint (Code 9.1), with who owns it and when it is due. */
  z.object({
    type: z.literal('learning-action-set'), at: InstantSchema,
    actionId: z.string().regex(/^[A-Za-z0-9-]{1,20}$/), action: Text, owner: Officer, dueOn: CalendarDateSchema,
  }),
  /** A learning action moved on: started, done, or dropped with the reason in the note. */
  z.object({ type: z.literal('learning-action-updated'), at: InstantSchema, actionId: z.string().min(1), status: LearningActionStatusSchema, note: Text.optional() }),
  /** The Ombudsman told the landlord it is investigating the complaint and asked for its evidence (seed 002 §4.3). */
  z.object({
    type: z.literal('ombudsman-investigation-opened'), at: InstantSchema, ombudsmanRef: z.string().trim().min(1),
    /** The day the Ombudsman's notice came, when earlier than it was recorded. */
    notifiedOn: CalendarDateSchema.optional(),
    evidenceDueOn: CalendarDateSchema,
    /** The board is told within the policy's working days of the notice (seed 002 §4.4). */
    tellBoardBy: CalendarDateSchema.optional(),
  }),
  z.object({ type: z.literal('ombudsman-evidence-sent'), at: InstantSchema }),
  /** The board (the governing body) was told of the investigation, with a summary and what was done (Code 9.7 c). */
  z.object({ type: z.literal('board-told'), at: InstantSchema }),
  z.object({ type: z.literal('ombudsman-determination'), at: InstantSchema, findings: z.array(OmbudsmanFindingSchema).min(1) }),
  /** Something the Ombudsman ordered the landlord to do, by a date. */
  z.object({ type: z.literal('ombudsman-order'), at: InstantSchema, orderId: z.string().regex(/^[A-Za-z0-9-]{1,20}$/), order: Text, dueOn: CalendarDateSchema }),
  /** The order was complied with, and the evidence sent to the Ombudsman. */
  z.object({ type: z.literal('ombudsman-order-complied'), at: InstantSchema, orderId: z.string().min(1), evidence: Text }),
  /**
   * The resident's contact was restricted because of unreasonable behaviour (Code 5.14, 5.15; seed 002 §4): the
   * behaviour, the reasons, what is allowed, the Equality Act and vulnerability considered, who decided, the review date.
   */
  z.object({
    type: z.literal('contact-restricted'), at: InstantSchema,
    behaviour: Text, reasons: z.array(Text).min(1), ...RestrictionTermsSchema.shape,
    /** The regard had to the Equality Act 2010 (5.15). */
    equalityAct: Text,
    /** Whether the behaviour may come from a vulnerability or disability, and what was found (seed 002 §4.7). */
    vulnerability: Text,
    /** The reasonable adjustments considered or made instead of, or beside, the restriction. */
    reasonableAdjustments: Text.optional(),
    /** The day the resident was told the behaviour was unacceptable and given the chance to change it (seed 002 §4.2). */
    warnedOn: CalendarDateSchema.optional(),
    decidedBy: Officer,
    reviewOn: CalendarDateSchema,
  }),
  /** The restriction was reviewed: lifted, continued to a new review date, or varied (Code 5.14). */
  z.object({
    type: z.literal('restriction-reviewed'), at: InstantSchema,
    outcome: z.enum(['lifted', 'continued', 'varied']), reasons: Text, reviewedBy: Officer,
    nextReviewOn: CalendarDateSchema.optional(), ...RestrictionTermsSchema.shape,
  }),
  /** The resident appealed against the restriction; the decision is due by `decideBy` (seed 002 §4.6). */
  z.object({ type: z.literal('restriction-appeal-received'), at: InstantSchema, receivedOn: CalendarDateSchema, decideBy: CalendarDateSchema }),
  /** The appeal decided: upheld lifts the restriction. */
  z.object({ type: z.literal('restriction-appeal-decided'), at: InstantSchema, outcome: z.enum(['upheld', 'not-upheld']), reasons: Text, decidedBy: Officer }),
  /** The handler was reminded that something falls due. */
  z.object({ type: z.literal('reminder-sent'), at: InstantSchema, subject: NoticeSubjectSchema, dueOn: CalendarDateSchema }),
  /** Something fell due and was not done: the handler and the managers were told. */
  z.object({ type: z.literal('overdue-marked'), at: InstantSchema, subject: NoticeSubjectSchema, dueOn: CalendarDateSchema }),
  /** The state machine stopped: nothing was ahead to wait for. A staff action that sets a new date starts it again. */
  z.object({ type: z.literal('watching-ended'), at: InstantSchema }),
  /** The satisfaction survey was scheduled after closure, for `sendAt` (the policy's time after resolution). */
  z.object({ type: z.literal('survey-scheduled'), at: InstantSchema, sendAt: InstantSchema }),
  /** The satisfaction survey went to the resident. */
  z.object({ type: z.literal('survey-sent'), at: InstantSchema, surveyId: z.string().min(1) }),
  /** The resident answered the survey: about the handling and the outcome separately. */
  z.object({
    type: z.literal('survey-answered'),
    at: InstantSchema,
    surveyId: z.string().min(1),
    handling: SatisfactionSchema,
    outcome: SatisfactionSchema,
    /** Answered on the survey page, or by replying to the survey letter. */
    via: z.enum(['survey-page', 'reply']),
    messageRef: z.string().min(1).optional(),
  }),
]));
export type ComplaintEvent = z.infer<typeof ComplaintEventSchema>;
export type ComplaintEventType = ComplaintEvent['type'];

let eventTypes: ReadonlySet<string> | undefined;
/** The `type` of every complaint event, read from the schema the first time it is asked for. */
export const complaintEventTypes = (): ReadonlySet<string> =>
  (eventTypes ??= new Set(ComplaintEventSchema.options.map((o) => o.shape.type.value)));

/** Where a complaint stands. */
export type ComplaintStatus =
  | 'stage-1-awaiting-acknowledgement'
  | 'stage-1-investigating'
  | 'stage-1-responded'
  | 'stage-2-awaiting-acknowledgement'
  | 'stage-2-investigating'
  | 'stage-2-responded'
  | 'declined'
  | 'withdrawn'
  | 'closed';

export type MilestoneId = z.infer<typeof MilestoneIdSchema>;

/** One thing the landlord must do by a date. */
export interface Milestone {
  readonly id: MilestoneId;
  readonly stage: Stage;
  /** The Code provision that sets the timescale. */
  readonly provision: Provision;
  /** The date it is due by (the end of that working day), after any extension. */
  readonly dueOn: CalendarDate;
  /** The date it was due by before any extension. */
  readonly originalDueOn: CalendarDate;
  /** What the working days count from; provisional when that event has not happened and its due date stands in. */
  readonly countedFrom: { readonly event: ComplaintEventType; readonly on: CalendarDate; readonly provisional: boolean };
  readonly extension?: { readonly workingDays: number; readonly reason: string; readonly goodReason?: string };
  readonly doneOn?: CalendarDate;
  /**
   * `met` and `missed` once done; `missed` too when its day passed before the complaint was declined, withdrawn or
   * closed (a missed milestone stays missed: the regulator's CH02 counts it); `cancelled` when it ended in time.
   */
  readonly state: 'open' | 'met' | 'missed' | 'cancelled';
}

/** A complaint's milestones and standing, derived from its events. */
export interface ComplaintTimeline {
  readonly status: ComplaintStatus;
  readonly receivedOn: CalendarDate;
  readonly milestones: readonly Milestone[];
  /** The last day the resident can ask for stage 2 under the policy, once the stage 1 response is sent. */
  readonly stage2RequestWindowClosesOn?: CalendarDate;
  /** Set when a stage 2 request came after the policy's window: it must still be considered (5.11). */
  readonly stage2RequestedOutsideWindow?: boolean;
  readonly handlers: { readonly 'stage-1'?: string; readonly 'stage-2'?: string };
  /** Everyone who considered the complaint at stage 1, by officer id: none of them may consider it at stage 2 (6.13). */
  readonly stage1Officers: readonly string[];
  /** Every action promised in a response, tracked until it is done, even after the complaint is closed. */
  readonly actions: readonly TrackedAction[];
  /** Every learning action set from the complaint (Code 9.1), tracked until done or dropped. */
  readonly learningActions: readonly LearningAction[];
  /** The Ombudsman's investigation of the complaint, once it has told the landlord of one. */
  readonly ombudsman?: OmbudsmanInvestigation;
  /** Every restriction on the resident's contact recorded on the complaint, the latest last (Code 5.14, 5.15). */
  readonly restrictions: readonly ContactRestriction[];
}

/** A resident's appeal against a restriction, and its decision (seed 002 §4.6). */
export interface RestrictionAppeal {
  readonly receivedOn: CalendarDate;
  readonly decideBy: CalendarDate;
  readonly decidedOn?: CalendarDate;
  readonly outcome?: 'upheld' | 'not-upheld';
  readonly reasons?: string;
}

/** A restriction on how the resident may contact the landlord, and its reviews and appeals. */
export interface ContactRestriction {
  readonly imposedOn: CalendarDate;
  readonly behaviour: string;
  readonly reasons: readonly string[];
  /** What is allowed now: varied by a review. */
  readonly terms: RestrictionTerms;
  readonly equalityAct: string;
  readonly vulnerability: string;
  readonly reasonableAdjustments?: string;
  readonly warnedOn?: CalendarDate;
  readonly decidedBy: string;
  /** The next review date; the last one once lifted. */
  readonly reviewOn: CalendarDate;
  readonly reviews: readonly { readonly on: CalendarDate; readonly dueOn: CalendarDate; readonly outcome: 'lifted' | 'continued' | 'varied'; readonly reasons: string; readonly reviewedBy: string }[];
  /** Each appeal against it, the latest last: one against the first decision, and one against each review that kept it. */
  readonly appeals: readonly RestrictionAppeal[];
  /** The day it ended: lifted at a review, or on an appeal upheld. */
  readonly liftedOn?: CalendarDate;
}

/** The Ombudsman's investigation of a complaint and the landlord's duties in it, each with its date. */
export interface OmbudsmanInvestigation {
  readonly ombudsmanRef: string;
  readonly notifiedOn: CalendarDate;
  readonly evidenceDueOn: CalendarDate;
  readonly evidenceSentOn?: CalendarDate;
  readonly tellBoardBy?: CalendarDate;
  readonly boardToldOn?: CalendarDate;
  readonly determination?: { readonly on: CalendarDate; readonly findings: readonly OmbudsmanFinding[] };
  readonly orders: readonly { readonly orderId: string; readonly order: string; readonly madeOn: CalendarDate; readonly dueOn: CalendarDate; readonly compliedOn?: CalendarDate; readonly evidence?: string }[];
}

/** A service improvement to make because of a complaint, and where it stands. */
export interface LearningAction {
  readonly actionId: string;
  readonly action: string;
  /** Who makes it happen: an officer id, name or address. */
  readonly owner: string;
  readonly dueOn: CalendarDate;
  readonly setOn: CalendarDate;
  readonly status: LearningActionStatus;
  /** The day it was done or dropped. */
  readonly endedOn?: CalendarDate;
  /** The latest note given with an update. */
  readonly note?: string;
}

/** An action promised in a response, and whether it has been done. */
export interface TrackedAction extends OutstandingAction {
  /** The stage whose response promised it. */
  readonly stage: Stage;
  readonly promisedOn: CalendarDate;
  readonly state: 'open' | 'done';
  readonly doneOn?: CalendarDate;
}

/** Why a sequence of events breaks the case rules. */
export type CaseRuleBreach =
  | { kind: 'first-event-must-be-received'; index: number }
  | { kind: 'events-out-of-order'; index: number }
  | { kind: 'event-not-allowed-now'; index: number; event: ComplaintEventType; status: ComplaintStatus }
  | { kind: 'extension-not-later'; index: number; stage: Stage; respondBy: CalendarDate; currentDueOn: CalendarDate }
  | {
      kind: 'extension-too-long';
      index: number;
      stage: Stage;
      provision: Provision;
      askedWorkingDays: number;
      allowedWorkingDays: number;
      /** Whose limit it is: the Code's, or the landlord's own stricter one. */
      limitSetBy: 'code' | 'policy';
    }
  | { kind: 'same-handler-at-both-stages'; index: number; provision: Provision; officer: string };

const said = (text: string) => text.replaceAll('-', ' ');

/**
 * A breach of the case rules in words an officer can act on. `eventNumbers` names the event (1-based), for someone
 * reading a file of events rather than a live case.
 * @example describeBreach(breach, { eventNumbers: true }) // 'event 3: an extension of 12 working days at stage 1 is more than …'
 */
export function describeBreach(breach: CaseRuleBreach, options: { eventNumbers?: boolean } = {}): string {
  const at = options.eventNumbers ? `event ${breach.index + 1}: ` : '';
  switch (breach.kind) {
    case 'first-event-must-be-received':
      return 'the first event must be the complaint being received';
    case 'events-out-of-order':
      return `${at}the events are not in time order`;
    case 'event-not-allowed-now':
      return `${at}"${said(breach.event)}" cannot happen while the complaint is ${said(breach.status)}`;
    case 'extension-not-later':
      return `${at}an extension to ${breach.respondBy} does not move the ${said(breach.stage)} response date (${breach.currentDueOn}) later`;
    case 'extension-too-long':
      return breach.limitSetBy === 'policy'
        ? `${at}an extension of ${breach.askedWorkingDays} working days at ${said(breach.stage)} is more than the ${breach.allowedWorkingDays} your complaints policy allows without a good reason: record the good reason, which the resident's letter will give`
        : `${at}an extension of ${breach.askedWorkingDays} working days at ${said(breach.stage)} is more than the ${breach.allowedWorkingDays} allowed without a good reason (Code ${breach.provision}): record the good reason, which the resident's letter will give`;
    case 'same-handler-at-both-stages':
      return `${at}${breach.officer} considered the complaint at stage 1 and cannot consider it at stage 2 (Code ${breach.provision})`;
    default: {
      const unknown: never = breach;
      return JSON.stringify(unknown);
    }
  }
}

type MutableMilestone = { -readonly [K in keyof Milestone]: Milestone[K] };

interface StageState {
  acknowledgement: MutableMilestone;
  response: MutableMilestone;
}

const STAGE_PROVISIONS = {
  'stage-1': { acknowledgement: '6.2', response: '6.3', extension: '6.4' },
  'stage-2': { acknowledgement: '6.11', response: '6.14', extension: '6.15' },
} as const satisfies Record<Stage, Record<string, Provision>>;

const ALLOWED: Record<ComplaintStatus, readonly ComplaintEventType[]> = {
  // Closing needs a response first: before it, a complaint ends only by a decline with its letter (2.1 to 2.5) or a
  // withdrawal the resident asked for.
  'stage-1-awaiting-acknowledgement': ['acknowledged', 'handler-assigned', 'declined', 'withdrawn'],
  'stage-1-investigating': ['handler-assigned', 'extended', 'stage-1-response-sent', 'withdrawn'],
  'stage-1-responded': ['stage-2-requested', 'closed', 'withdrawn'],
  'stage-2-awaiting-acknowledgement': ['stage-2-acknowledged', 'handler-assigned', 'declined', 'withdrawn'],
  'stage-2-investigating': ['handler-assigned', 'extended', 'stage-2-response-sent', 'withdrawn'],
  'stage-2-responded': ['closed'],
  declined: [],
  withdrawn: [],
  // A complaint closed after its stage 1 response can still go to stage 2 (6.10, 5.11): see `mayReopen`.
  closed: [],
};

/** Events that record something beside the milestones, allowed whatever the status. */
const ANY_TIME: readonly ComplaintEventType[] = [
  'action-completed', 'adjustments-recorded', 'representative-recorded', 'vulnerability-recorded',
  'reminder-sent', 'overdue-marked', 'watching-ended', 'survey-scheduled', 'survey-sent', 'survey-answered',
  'categorised', 'root-causes-recorded', 'learning-action-set', 'learning-action-updated',
  'ombudsman-investigation-opened', 'ombudsman-evidence-sent', 'board-told', 'ombudsman-determination', 'ombudsman-order', 'ombudsman-order-complied',
  'contact-restricted', 'restriction-reviewed', 'restriction-appeal-received', 'restriction-appeal-decided',
];

/**
 * Derives a complaint's milestones, due dates and status from its events, under its landlord's policy.
 * Events must start with `received` and be in time order. A breach of the case rules is returned, not thrown.
 * @example complaintTimeline([{ type: 'received', at: '2026-11-23T09:00:00Z' }], policy, cal)
 */
export function complaintTimeline(
  events: readonly ComplaintEvent[],
  policy: LandlordPolicy,
  cal: WorkingDayCalendar,
): Result<ComplaintTimeline, CaseRuleBreach> {
  const first = events[0];
  if (!first || first.type !== 'received') return refuse({ kind: 'first-event-must-be-received', index: 0 });

  const receivedOn = toCalendarDate(first.at);
  const stages: Partial<Record<Stage, StageState>> = { 'stage-1': openStage('stage-1', first.at, policy, cal) };
  const handlers: { 'stage-1'?: string; 'stage-2'?: string } = {};
  // Everyone who considered the complaint at stage 1, to keep them off stage 2 (Code 6.13).
  const stage1Officers = new Set<string>();
  let status: ComplaintStatus = 'stage-1-awaiting-acknowledgement';
  let stage2RequestWindowClosesOn: CalendarDate | undefined;
  let stage2RequestedOutsideWindow: boolean | undefined;
  const actions = new Map<string, { -readonly [K in keyof TrackedAction]: TrackedAction[K] }>();
  const learningActions = new Map<string, LearningAction>();
  let ombudsman: { -readonly [K in keyof OmbudsmanInvestigation]: OmbudsmanInvestigation[K] } | undefined;
  const restrictions: ContactRestriction[] = [];

  for (let index = 1; index < events.length; index += 1) {
    const event = events[index]!;
    if (Date.parse(event.at) < Date.parse(events[index - 1]!.at)) return refuse({ kind: 'events-out-of-order', index });
    const reopening = event.type === 'stage-2-requested' && status === 'closed' && mayReopen(stages);
    if (!ALLOWED[status].includes(event.type) && !ANY_TIME.includes(event.type) && !reopening) {
      return refuse({ kind: 'event-not-allowed-now', index, event: event.type, status });
    }
    const on = toCalendarDate(event.at);
    const current = currentStage(status);

    switch (event.type) {
      case 'received':
        // ALLOWED never lets a second `received` through.
        break;
      case 'acknowledged':
      case 'stage-2-acknowledged': {
        const state = stages[current]!;
        complete(state.acknowledgement, on);
        const timescales = timescalesFor(current, policy);
        if (timescales.respondCountedFrom === 'acknowledgement') {
          const dueOn = cal.addWorkingDays(on, timescales.respondWithinWorkingDays);
          Object.assign(state.response, { dueOn, originalDueOn: dueOn, countedFrom: { event: event.type, on, provisional: false } });
        }
        status = current === 'stage-1' ? 'stage-1-investigating' : 'stage-2-investigating';
        break;
      }
      case 'handler-assigned': {
        if (event.stage !== current) return refuse({ kind: 'event-not-allowed-now', index, event: event.type, status });
        if (current === 'stage-2' && stage1Officers.has(officerKey(event.officer, policy))) {
          return refuse({ kind: 'same-handler-at-both-stages', index, provision: '6.13', officer: event.officer });
        }
        if (current === 'stage-1') stage1Officers.add(officerKey(event.officer, policy));
        handlers[current] = event.officer;
        break;
      }
      case 'extended': {
        if (event.stage !== current) return refuse({ kind: 'event-not-allowed-now', index, event: event.type, status });
        const response = stages[current]!.response;
        if (event.respondBy <= response.dueOn) {
          return refuse({ kind: 'extension-not-later', index, stage: current, respondBy: event.respondBy, currentDueOn: response.dueOn });
        }
        const askedWorkingDays = cal.workingDaysBetween(response.originalDueOn, event.respondBy);
        const allowedWorkingDays = timescalesFor(current, policy).maxExtensionWorkingDays;
        if (askedWorkingDays > allowedWorkingDays && !event.goodReason) {
          const codeLimit = current === 'stage-1' ? CODE_TIMESCALES.stage1MaxExtensionWorkingDays : CODE_TIMESCALES.stage2MaxExtensionWorkingDays;
          return refuse({
            kind: 'extension-too-long', index, stage: current, provision: STAGE_PROVISIONS[current].extension,
            askedWorkingDays, allowedWorkingDays, limitSetBy: allowedWorkingDays < codeLimit && askedWorkingDays <= codeLimit ? 'policy' : 'code',
          });
        }
        response.dueOn = event.respondBy;
        response.extension = {
          workingDays: askedWorkingDays,
          reason: event.reason,
          ...(event.goodReason ? { goodReason: event.goodReason } : {}),
        };
        break;
      }
      case 'stage-1-response-sent':
      case 'stage-2-response-sent': {
        if (current === 'stage-2' && stage1Officers.has(officerKey(event.officer, policy))) {
          return refuse({ kind: 'same-handler-at-both-stages', index, provision: '6.13', officer: event.officer });
        }
        if (current === 'stage-1') stage1Officers.add(officerKey(event.officer, policy));
        handlers[current] = event.officer;
        complete(stages[current]!.response, on);
        for (const action of event.outstandingActions ?? []) {
          const before = actions.get(action.actionId);
          // A stage 2 response may restate an action from stage 1 with a new date; one already done stays done.
          actions.set(action.actionId, before?.state === 'done' ? before : { ...action, stage: current, promisedOn: on, state: 'open' });
        }
        status = current === 'stage-1' ? 'stage-1-responded' : 'stage-2-responded';
        if (current === 'stage-1' && policy.stage2.requestWithinWorkingDays !== null) {
          stage2RequestWindowClosesOn = cal.addWorkingDays(on, policy.stage2.requestWithinWorkingDays);
        }
        break;
      }
      case 'stage-2-requested': {
        const askedAt = event.receivedAt ?? event.at;
        stages['stage-2'] = openStage('stage-2', askedAt, policy, cal);
        stage2RequestedOutsideWindow = stage2RequestWindowClosesOn !== undefined && toCalendarDate(askedAt) > stage2RequestWindowClosesOn;
        status = 'stage-2-awaiting-acknowledgement';
        break;
      }
      case 'declined':
      case 'withdrawn':
      case 'closed':
        for (const state of Object.values(stages)) {
          for (const milestone of [state.acknowledgement, state.response]) {
            // A day that passed before the end stays missed; one still to come is cancelled.
            if (milestone.state === 'open') milestone.state = on > milestone.dueOn ? 'missed' : 'cancelled';
          }
        }
        status = event.type;
        break;
      case 'action-completed': {
        // An unknown or finished action changes nothing here; the staff action refuses it before it is stored.
        const action = actions.get(event.actionId);
        if (action?.state === 'open') Object.assign(action, { state: 'done', doneOn: on });
        break;
      }
      case 'learning-action-set':
        learningActions.set(event.actionId, {
          actionId: event.actionId, action: event.action, owner: event.owner, dueOn: event.dueOn, setOn: on, status: 'open',
        });
        break;
      case 'learning-action-updated': {
        // As with `action-completed`, the staff action refuses an unknown or finished one before it is stored.
        const action = learningActions.get(event.actionId);
        if (action && (action.status === 'open' || action.status === 'in-progress')) {
          const ended = event.status === 'done' || event.status === 'dropped';
          learningActions.set(event.actionId, {
            ...action, status: event.status, ...(ended ? { endedOn: on } : {}), ...(event.note ? { note: event.note } : {}),
          });
        }
        break;
      }
      // The staff actions refuse these out of turn (no investigation, an unknown order) before they are stored.
      case 'ombudsman-investigation-opened':
        ombudsman = {
          ombudsmanRef: event.ombudsmanRef, notifiedOn: event.notifiedOn ?? on, evidenceDueOn: event.evidenceDueOn,
          ...(event.tellBoardBy ? { tellBoardBy: event.tellBoardBy } : {}), orders: [],
        };
        break;
      case 'ombudsman-evidence-sent':
        if (ombudsman && !ombudsman.evidenceSentOn) ombudsman.evidenceSentOn = on;
        break;
      case 'board-told':
        if (ombudsman && !ombudsman.boardToldOn) ombudsman.boardToldOn = on;
        break;
      case 'ombudsman-determination':
        if (ombudsman) ombudsman.determination = { on, findings: event.findings };
        break;
      case 'ombudsman-order':
        if (ombudsman) ombudsman.orders = [...ombudsman.orders, { orderId: event.orderId, order: event.order, madeOn: on, dueOn: event.dueOn }];
        break;
      case 'ombudsman-order-complied':
        if (ombudsman) {
          ombudsman.orders = ombudsman.orders.map((o) => (o.orderId === event.orderId && !o.compliedOn ? { ...o, compliedOn: on, evidence: event.evidence } : o));
        }
        break;
      // As with the Ombudsman's, the staff actions refuse these out of turn (none in force, an appeal already open).
      case 'contact-restricted':
        restrictions.push({
          imposedOn: on, behaviour: event.behaviour, reasons: event.reasons, terms: termsOf(event), equalityAct: event.equalityAct,
          vulnerability: event.vulnerability, decidedBy: event.decidedBy, reviewOn: event.reviewOn, reviews: [], appeals: [],
          ...(event.reasonableAdjustments ? { reasonableAdjustments: event.reasonableAdjustments } : {}), ...(event.warnedOn ? { warnedOn: event.warnedOn } : {}),
        });
        break;
      case 'restriction-reviewed': {
        const r = restrictions.at(-1);
        if (!r || r.liftedOn) break;
        const varied = termsOf(event);
        restrictions[restrictions.length - 1] = {
          ...r,
          reviews: [...r.reviews, { on, dueOn: r.reviewOn, outcome: event.outcome, reasons: event.reasons, reviewedBy: event.reviewedBy }],
          ...(event.outcome === 'lifted' ? { liftedOn: on } : { reviewOn: event.nextReviewOn ?? r.reviewOn }),
          ...(event.outcome === 'varied' ? { terms: varied } : {}),
        };
        break;
      }
      case 'restriction-appeal-received': {
        const r = restrictions.at(-1);
        if (r && !r.liftedOn) restrictions[restrictions.length - 1] = { ...r, appeals: [...r.appeals, { receivedOn: event.receivedOn, decideBy: event.decideBy }] };
        break;
      }
      case 'restriction-appeal-decided': {
        const r = restrictions.at(-1);
        const appeal = r?.appeals.at(-1);
        if (!r || !appeal || appeal.decidedOn) break;
        restrictions[restrictions.length - 1] = {
          ...r, appeals: [...r.appeals.slice(0, -1), { ...appeal, decidedOn: on, outcome: event.outcome, reasons: event.reasons }],
          ...(event.outcome === 'upheld' ? { liftedOn: on } : {}),
        };
        break;
      }
      case 'categorised':
      case 'root-causes-recorded':
      case 'adjustments-recorded':
      case 'representative-recorded':
      case 'vulnerability-recorded':
      case 'reminder-sent':
      case 'overdue-marked':
      case 'watching-ended':
      case 'survey-scheduled':
      case 'survey-sent':
      case 'survey-answered':
        break;
      default:
        return assertNever(event);
    }
  }

  return ok({
    status,
    receivedOn,
    milestones: (['stage-1', 'stage-2'] as const).flatMap((s) => {
      const state = stages[s];
      return state ? [{ ...state.acknowledgement }, { ...state.response }] : [];
    }),
    ...(stage2RequestWindowClosesOn ? { stage2RequestWindowClosesOn } : {}),
    ...(stage2RequestedOutsideWindow !== undefined ? { stage2RequestedOutsideWindow } : {}),
    handlers: { ...handlers },
    stage1Officers: [...stage1Officers],
    actions: [...actions.values()].map((a) => ({ ...a })),
    learningActions: [...learningActions.values()],
    ...(ombudsman ? { ombudsman: { ...ombudsman } } : {}),
    restrictions,
  });
}

const termsOf = (e: RestrictionTerms): RestrictionTerms => ({
  ...(e.allowedChannels ? { allowedChannels: e.allowedChannels } : {}),
  ...(e.namedOfficer ? { namedOfficer: e.namedOfficer } : {}),
  ...(e.contactAddress ? { contactAddress: e.contactAddress } : {}),
});

/**
 * Records a new event if the case rules allow it, returning the longer list; otherwise the breach.
 * This is how an officer's action (an extension, a handler for stage 2) is checked before it is stored.
 */
export function recordEvent(
  events: readonly ComplaintEvent[],
  event: ComplaintEvent,
  policy: LandlordPolicy,
  cal: WorkingDayCalendar,
): Result<ComplaintEvent[], CaseRuleBreach> {
  const next = [...events, event];
  const timeline = complaintTimeline(next, policy, cal);
  return timeline.ok ? ok(next) : timeline;
}

/** How an open milestone stands at a given moment. */
export interface MilestoneAt {
  readonly milestone: Milestone;
  /** Working days from today to the due date: 0 on the day it is due, negative once overdue. */
  readonly workingDaysLeft: number;
  readonly standing: 'overdue' | 'due-soon' | 'on-track';
}

/**
 * The open milestones at an instant: overdue once the due day has ended (judged by the London date),
 * due soon when due within `dueSoonWithinWorkingDays` working days.
 */
export function openMilestonesAt(
  timeline: ComplaintTimeline,
  at: DayInput,
  cal: WorkingDayCalendar,
  dueSoonWithinWorkingDays: number,
): MilestoneAt[] {
  const today = toCalendarDate(at);
  return timeline.milestones
    .filter((m) => m.state === 'open')
    .map((milestone) => {
      const workingDaysLeft = cal.workingDaysBetween(today, milestone.dueOn);
      const standing = today > milestone.dueOn ? 'overdue' : workingDaysLeft <= dueSoonWithinWorkingDays ? 'due-soon' : 'on-track';
      return { milestone, workingDaysLeft, standing };
    });
}

/** A complaint's timeline and its open milestones at a moment, as a manager's digest or an officer would see them. */
export interface ComplaintDeadlines {
  readonly timeline: ComplaintTimeline;
  readonly open: MilestoneAt[];
  readonly dueSoonWithinWorkingDays: number;
}

/**
 * Derives the timeline and judges its open milestones at `at`. "Due soon" defaults to the policy's digest setting.
 * @example complaintDeadlinesAt(events, policy, cal, '2026-12-10T09:00:00Z')
 */
export function complaintDeadlinesAt(
  events: readonly ComplaintEvent[],
  policy: LandlordPolicy,
  cal: WorkingDayCalendar,
  at: DayInput,
  dueSoonWithinWorkingDays: number = policy.digest.dueSoonWithinWorkingDays,
): Result<ComplaintDeadlines, CaseRuleBreach> {
  const timeline = complaintTimeline(events, policy, cal);
  if (!timeline.ok) return timeline;
  return ok({
    timeline: timeline.value,
    open: openMilestonesAt(timeline.value, at, cal, dueSoonWithinWorkingDays),
    dueSoonWithinWorkingDays,
  });
}

function openStage(stage: Stage, receivedAt: string, policy: LandlordPolicy, cal: WorkingDayCalendar): StageState {
  const start = countingStartForReceipt(receivedAt, policy, cal);
  const fromEvent: ComplaintEventType = stage === 'stage-1' ? 'received' : 'stage-2-requested';
  const timescales = timescalesFor(stage, policy);
  const acknowledgeBy = cal.addWorkingDays(start, timescales.acknowledgeWithinWorkingDays);
  const fromAcknowledgement = timescales.respondCountedFrom === 'acknowledgement';
  // Counted from acknowledgement (Code 6.3, 6.14): until it is sent, its due date stands in.
  const responseBase = fromAcknowledgement ? acknowledgeBy : start;
  const respondBy = cal.addWorkingDays(responseBase, timescales.respondWithinWorkingDays);
  const acknowledgedEvent: ComplaintEventType = stage === 'stage-1' ? 'acknowledged' : 'stage-2-acknowledged';
  return {
    acknowledgement: {
      id: `${stage}-acknowledgement`, stage, provision: STAGE_PROVISIONS[stage].acknowledgement,
      dueOn: acknowledgeBy, originalDueOn: acknowledgeBy,
      countedFrom: { event: fromEvent, on: start, provisional: false }, state: 'open',
    },
    response: {
      id: `${stage}-response`, stage, provision: STAGE_PROVISIONS[stage].response,
      dueOn: respondBy, originalDueOn: respondBy,
      countedFrom: fromAcknowledgement
        ? { event: acknowledgedEvent, on: acknowledgeBy, provisional: true }
        : { event: fromEvent, on: start, provisional: false },
      state: 'open',
    },
  };
}

/** A complaint closed after its stage 1 response, never taken to stage 2, may still be (6.10, 5.11). */
function mayReopen(stages: Partial<Record<Stage, StageState>>): boolean {
  const stage1Response = stages['stage-1']?.response.state;
  return !stages['stage-2'] && (stage1Response === 'met' || stage1Response === 'missed');
}

/**
 * An officer's stable id: the id in the landlord's list of officers that their name, address or id matches, else
 * what was given, in lower case. So "Sam Officer", "SAM OFFICER" and "sam.officer@…" are one person (6.13).
 */
export function officerKey(officer: string, policy: Pick<LandlordPolicy, 'officers'>): string {
  const given = officer.trim().toLowerCase();
  const known = policy.officers.find((o) => [o.id, o.name, o.email ?? ''].some((x) => x.trim().toLowerCase() === given));
  return known ? known.id : given;
}

function complete(milestone: MutableMilestone, on: CalendarDate): void {
  milestone.doneOn = on;
  milestone.state = on <= milestone.dueOn ? 'met' : 'missed';
}

/**
 * The stage a complaint has reached: stage 2 once it was asked for, and still after it is closed, since the Code has
 * two stages and no more (5.3). The one answer to "which stage is it" for actions, letters, lists and learning.
 */
export function stageReached(timeline: Pick<ComplaintTimeline, 'status' | 'milestones'>): Stage {
  return timeline.status.startsWith('stage-2') || timeline.milestones.some((m) => m.stage === 'stage-2') ? 'stage-2' : 'stage-1';
}

function currentStage(status: ComplaintStatus): Stage {
  return status.startsWith('stage-2') ? 'stage-2' : 'stage-1';
}

/** The policy's timescales for one stage; both stages share the settings that matter here. */
function timescalesFor(stage: Stage, policy: LandlordPolicy): LandlordPolicy['stage1'] | LandlordPolicy['stage2'] {
  return stage === 'stage-1' ? policy.stage1 : policy.stage2;
}

function assertNever(value: never): never {
  throw new Error(`unhandled complaint event ${JSON.stringify(value)}`);
}
