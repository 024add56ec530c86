import { toCalendarDate, type CalendarDate } from '../calendar/london-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import { complaintTimeline, type CaseRuleBreach, type ContactRestriction, type Decision, type LearningAction, type Milestone, type OmbudsmanInvestigation, type Stage, type TrackedAction } from '../case/complaint.ts';
import { complaintFile, type ComplaintFile } from '../case/case-file.ts';
import { CODE_TIMESCALES } from '../code/complaint-handling-code.ts';
import { countingStartForReceipt } from '../code/deadlines.ts';
import type { LandlordPolicy, ReportSettings } from '../policy/landlord-policy.ts';
import { ok, refuse, type Result } from '../result.ts';
import type { ReportedComplaint, Tenure } from './report-cases.ts';
import { inYear, type ReportingYear } from './reporting-year.ts';

/** An extension at one stage as the reports judge it. */
export interface ExtensionFacts {
  readonly recordedOn: CalendarDate;
  readonly respondBy: CalendarDate;
  /** Working days past the Code's own response date (0 when the landlord's date was earlier than the Code's). */
  readonly workingDaysPastCode: number;
  readonly reason: string;
  readonly goodReason?: string;
  /** Recorded on or before the date it moved: an extension given after that date had passed does not count. */
  readonly recordedInTime: boolean;
}

/** What happened at one stage of a complaint, judged against the Code's timescales. */
export interface StageFacts {
  readonly stage: Stage;
  /** Stage 1: the complaint received; stage 2: the escalation asked for. */
  readonly receivedOn: CalendarDate;
  /** How it came: the case's channel at stage 1, the request's route at stage 2. */
  readonly via?: string;
  /** The Code's date for acknowledging it (6.2, 6.11), counted as the policy counts receipt. */
  readonly codeAcknowledgeBy: CalendarDate;
  readonly acknowledgedOn?: CalendarDate;
  readonly respondedOn?: CalendarDate;
  /** The Code's date for the response (6.3, 6.14), from the acknowledgement, moved by an extension as the settings read it. */
  readonly codeRespondBy?: CalendarDate;
  /** Set once responded: whether the response came by `codeRespondBy`. */
  readonly respondedWithinCode?: boolean;
  readonly decision?: Decision;
  readonly hasRemedy?: boolean;
  readonly hasReasons?: boolean;
  readonly extensions: readonly ExtensionFacts[];
  /** Not accepted (2.4) at stage 1, escalation refused (5.11) at stage 2. */
  readonly declined?: { readonly on: CalendarDate; readonly reason: string; readonly exclusions: readonly string[] };
  /** Closed before a response at this stage: withdrawn, or resolved another way. */
  readonly closedBeforeResponse?: { readonly on: CalendarDate; readonly reason: string };
  /** The landlord's own milestones for this stage, by its policy. */
  readonly policyAcknowledgement: Milestone;
  readonly policyResponse: Milestone;
}

/** One complaint's facts for the reports. */
export interface ComplaintFacts {
  readonly complaintRef: string;
  readonly channel?: string;
  /**
   * The landlord's categories for the complaint: the latest `categorised` event, or else the case's `category` field
   * (a file of cases may carry one); empty when neither.
   */
  readonly categories: readonly string[];
  /** The root causes recorded at its responses, each once (Code 9.1, 9.4). */
  readonly rootCauses: readonly string[];
  readonly tenure?: Tenure;
  readonly stage1: StageFacts;
  readonly stage2?: StageFacts;
  readonly actions: readonly TrackedAction[];
  /** The learning actions set from it, as they stand in the data (Code 9.1). */
  readonly learningActions: readonly LearningAction[];
  /** The Ombudsman's investigation of it, if any (Code 8.1 c, 9.7 c). */
  readonly ombudsman?: OmbudsmanInvestigation;
  /** Restrictions on the resident's contact recorded on it, with their reviews and appeal (Code 5.14, 5.15). */
  readonly restrictions: readonly ContactRestriction[];
  readonly file: ComplaintFile;
}

/** A complaint whose events break the case rules: left out of every figure and listed. */
export interface ExcludedComplaint {
  readonly complaintRef: string;
  readonly breach: CaseRuleBreach;
}

const CODE = {
  'stage-1': { acknowledge: CODE_TIMESCALES.stage1AcknowledgeWithinWorkingDays, respond: CODE_TIMESCALES.stage1RespondWithinWorkingDays, maxExtension: CODE_TIMESCALES.stage1MaxExtensionWorkingDays },
  'stage-2': { acknowledge: CODE_TIMESCALES.stage2AcknowledgeWithinWorkingDays, respond: CODE_TIMESCALES.stage2RespondWithinWorkingDays, maxExtension: CODE_TIMESCALES.stage2MaxExtensionWorkingDays },
} as const;

type Draft = {
  -readonly [K in keyof StageFacts]: K extends 'extensions' ? ExtensionFacts[] : StageFacts[K];
} & { extensionEvents: { recordedOn: CalendarDate; respondBy: CalendarDate; reason: string; goodReason?: string }[] };

/**
 * Folds a complaint's events into the facts the reports count, judging each response against the Code's timescales
 * and the landlord's own. Events that break the case rules are refused, with the breach.
 * @example complaintFacts(complaint, policy, cal) // ok({ stage1: { respondedWithinCode: true, ... }, ... })
 */
export function complaintFacts(
  complaint: ReportedComplaint,
  policy: LandlordPolicy,
  cal: WorkingDayCalendar,
): Result<ComplaintFacts, ExcludedComplaint> {
  const timeline = complaintTimeline(complaint.events, policy, cal);
  if (!timeline.ok) return refuse({ complaintRef: complaint.complaintRef, breach: timeline.error });
  const milestones = timeline.value.milestones;
  const milestone = (id: Milestone['id']) => milestones.find((m) => m.id === id)!;

  const stages: Partial<Record<Stage, Draft>> = {};
  let current: Stage = 'stage-1';
  const open = (stage: Stage, receivedOn: CalendarDate, via: string | undefined): Draft => {
    const acknowledgement = milestone(`${stage}-acknowledgement`);
    const response = milestone(`${stage}-response`);
    return {
      stage,
      receivedOn,
      ...(via ? { via } : {}),
      // The acknowledgement milestone counts from receipt as the policy counts it; the Code's days from the same day.
      codeAcknowledgeBy: timescales(stage, policy).acknowledgeWithinWorkingDays === CODE[stage].acknowledge
        ? acknowledgement.originalDueOn
        : cal.addWorkingDays(acknowledgement.countedFrom.on, CODE[stage].acknowledge),
      ...(acknowledgement.doneOn ? { acknowledgedOn: acknowledgement.doneOn } : {}),
      ...(response.doneOn ? { respondedOn: response.doneOn } : {}),
      extensions: [],
      extensionEvents: [],
      policyAcknowledgement: acknowledgement,
      policyResponse: response,
    };
  };

  // The milestones already hold the dates acknowledged and responded; only the rarer events need their London date.
  for (const event of complaint.events) {
    const draft = stages[current];
    switch (event.type) {
      case 'received':
        stages['stage-1'] = open('stage-1', timeline.value.receivedOn, complaint.channel);
        break;
      case 'stage-2-requested':
        current = 'stage-2';
        stages['stage-2'] = open('stage-2', toCalendarDate(event.receivedAt ?? event.at), event.via);
        break;
      case 'extended':
        draft!.extensionEvents.push({ recordedOn: toCalendarDate(event.at), respondBy: event.respondBy, reason: event.reason, ...(event.goodReason ? { goodReason: event.goodReason } : {}) });
        break;
      case 'stage-1-response-sent':
      case 'stage-2-response-sent':
        Object.assign(draft!, {
          ...(event.decision ? { decision: event.decision } : {}),
          hasRemedy: (event.remedy ?? []).length > 0,
          hasReasons: (event.reasons ?? []).length > 0,
        });
        break;
      case 'declined':
        draft!.declined = { on: toCalendarDate(event.at), reason: event.reason, exclusions: event.exclusions ?? [] };
        break;
      case 'withdrawn':
      case 'closed':
        if (draft && !draft.respondedOn && !draft.declined && !draft.closedBeforeResponse) draft.closedBeforeResponse = { on: toCalendarDate(event.at), reason: event.reason };
        break;
      default:
        break;
    }
  }

  const judged = (draft: Draft | undefined): StageFacts | undefined => (draft ? judgeStage(draft, policy, cal) : undefined);
  const stage2 = judged(stages['stage-2']);
  const file = complaintFile(complaint.events);
  return ok({
    complaintRef: complaint.complaintRef,
    ...(complaint.channel ? { channel: complaint.channel } : {}),
    categories: file.categories.length > 0 ? file.categories : complaint.category ? [complaint.category] : [],
    rootCauses: [...new Set(Object.values(file.rootCauses).flatMap((r) => r.rootCauses))],
    ...(complaint.tenure ? { tenure: complaint.tenure } : {}),
    stage1: judged(stages['stage-1'])!,
    ...(stage2 ? { stage2 } : {}),
    actions: timeline.value.actions,
    learningActions: timeline.value.learningActions,
    ...(timeline.value.ombudsman ? { ombudsman: timeline.value.ombudsman } : {}),
    restrictions: timeline.value.restrictions,
    file,
  });
}

function judgeStage(draft: Draft, policy: LandlordPolicy, cal: WorkingDayCalendar): StageFacts {
  const settings = policy.reports;
  const { extensionEvents, ...facts } = draft;
  const code = CODE[draft.stage];
  // Counted from the day it was acknowledged, as 6.3 and 6.14 say: a late acknowledgement shows in the
  // acknowledgement figures (6.2, 6.11), and the officer still has the Code's full time to respond.
  const policyCountsTheCodesWay = timescales(draft.stage, policy).respondCountedFrom === 'acknowledgement' && timescales(draft.stage, policy).respondWithinWorkingDays === code.respond;
  const codeDue = !draft.acknowledgedOn ? undefined : policyCountsTheCodesWay ? draft.policyResponse.originalDueOn : cal.addWorkingDays(draft.acknowledgedOn, code.respond);
  let dueBefore = draft.policyResponse.originalDueOn;
  const extensions = extensionEvents.map((e) => {
    const recordedInTime = e.recordedOn <= dueBefore;
    dueBefore = e.respondBy;
    const workingDaysPastCode = codeDue && e.respondBy > codeDue ? cal.workingDaysBetween(codeDue, e.respondBy) : 0;
    return { ...e, workingDaysPastCode, recordedInTime };
  });
  if (!codeDue) return { ...facts, extensions };
  const codeRespondBy = extendedCodeDate(codeDue, extensions.filter((e) => e.recordedInTime).at(-1), code.maxExtension, settings, cal);
  return {
    ...facts,
    extensions,
    codeRespondBy,
    ...(draft.respondedOn ? { respondedWithinCode: draft.respondedOn <= codeRespondBy } : {}),
  };
}

/** The Code's response date once an extension moved it, by the landlord's reading (docs/reports.md). */
const timescales = (stage: Stage, policy: LandlordPolicy) => (stage === 'stage-1' ? policy.stage1 : policy.stage2);

function extendedCodeDate(
  codeDue: CalendarDate,
  extension: ExtensionFacts | undefined,
  maxExtensionWorkingDays: number,
  settings: ReportSettings,
  cal: WorkingDayCalendar,
): CalendarDate {
  if (!extension || extension.respondBy <= codeDue) return codeDue;
  const limit = cal.addWorkingDays(codeDue, maxExtensionWorkingDays);
  switch (settings.tsm.extendedResponses) {
    case 'not-counted':
      return codeDue;
    case 'within-code-limit':
      return extension.respondBy <= limit ? extension.respondBy : limit;
    case 'with-good-reason':
      return extension.respondBy <= limit || extension.goodReason ? extension.respondBy : limit;
    default: {
      const unknown: never = settings.tsm.extendedResponses;
      throw new Error(`unknown reading ${String(unknown)}`);
    }
  }
}

/**
 * Whether a stage's acknowledgement counts in the year's acknowledgement figures (6.2, 6.11): the Code's date for it
 * fell in the year and has passed by `asAt`. A complaint declined or closed by that date needed none; one closed later
 * without an acknowledgement keeps it as missed.
 */
export function acknowledgementDueInYear(stage: StageFacts, year: ReportingYear, asAt: CalendarDate): boolean {
  const due = stage.codeAcknowledgeBy;
  if (!inYear(year, due) || due > asAt) return false;
  const endedOn = stage.declined?.on ?? stage.closedBeforeResponse?.on;
  return stage.acknowledgedOn !== undefined || endedOn === undefined || endedOn > due;
}

/** Whether a stage was acknowledged by the Code's date. */
export const acknowledgedInTime = (stage: StageFacts): boolean => stage.acknowledgedOn !== undefined && stage.acknowledgedOn <= stage.codeAcknowledgeBy;

/**
 * Facts for every complaint that keeps the case rules, and the ones left out with their breach.
 */
export function factsForComplaints(
  complaints: readonly ReportedComplaint[],
  policy: LandlordPolicy,
  cal: WorkingDayCalendar,
): { facts: ComplaintFacts[]; excluded: ExcludedComplaint[] } {
  const facts: ComplaintFacts[] = [];
  const excluded: ExcludedComplaint[] = [];
  for (const complaint of complaints) {
    const result = complaintFacts(complaint, policy, cal);
    if (result.ok) facts.push(result.value);
    else excluded.push(result.error);
  }
  return { facts, excluded };
}
