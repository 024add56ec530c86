// Every letter Redress sends, and the data each one needs. A letter's template (templates/<name>.*.hbs) is
// rendered from the *output* of its schema: the caller's data, checked, plus a few flags and phrases the
// templates branch on, because SES templates have no helpers beyond if/unless/each (no `eq`, no plurals).
// The same output goes to SES as TemplateData, so SES and Redress render from identical data. Beside it goes `h`,
// the output with every string HTML-escaped (`letterTemplateData` adds it): the only thing HTML templates write.
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema.ts';
import { CalendarDateSchema } from '../core/calendar/london-date.ts';
import type { HtmlEscaped } from './html-escape.ts';

const Text = z.string().trim().min(1);

/** A date as a resident reads it, made by `formatLetterDate`: `Monday 7 December 2026`. */
const LetterDate = z
  .string()
  .regex(
    /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) ([1-9]|[12][0-9]|3[01]) (January|February|March|April|May|June|July|August|September|October|November|December) [0-9]{4}$/,
    'a date written like "Monday 7 December 2026" (use formatLetterDate)',
  );

/** A case reference as printed on letters and in subject lines: capitals, digits and hyphens only. */
const CaseRefText = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'a case reference such as C-7K2M9Q4T');

const WorkingDayCount = z.int().positive();

const STAGE_LABEL = { 'stage-1': 'stage 1', 'stage-2': 'stage 2' } as const;
const StageSchema = z.enum(['stage-1', 'stage-2']);

/** "1 working day", "5 working days". */
const workingDaysText = (n: number): string => `${n} working ${n === 1 ? 'day' : 'days'}`;

/** The landlord as residents see it: its name and where to write. */
export const LetterLandlordSchema = lazySchema(() => z.object({
  name: Text,
  complaintsEmail: z.email(),
  telephone: Text.optional(),
  textNumber: Text.optional(),
  website: z.url().optional(),
  /** The landlord's online complaint form, if it has one. */
  complaintForm: z.url().optional(),
}));
export type LetterLandlord = z.input<typeof LetterLandlordSchema>;

/**
 * The Ombudsman's contact details as residents are given them (Code 3.7: on the landlord's website and in its letters; 6.5, 6.16, 6.19 (g)).
 * A policy profile's `ombudsman` block can be passed as it is: its `scheme` is dropped.
 */
export const LetterOmbudsmanSchema = lazySchema(() => z.object({
  name: Text,
  website: z.url(),
  telephone: Text,
  email: z.email(),
  onlineForm: z.url().optional(),
  post: Text.optional(),
}));
export type LetterOmbudsman = z.input<typeof LetterOmbudsmanSchema>;

/** Who signs a letter; without one it is signed by the landlord's complaints team. */
const SignedBySchema = lazySchema(() => z.object({ name: Text, jobTitle: Text.optional() }));

/**
 * The complaint definition: the landlord's understanding of the complaint and the outcomes the resident wants
 * (Code 5.6), and which parts the landlord is and is not responsible for (5.7).
 */
export const ComplaintDefinitionSchema = lazySchema(() => z.object({
  understanding: Text,
  outcomesSought: z.array(Text).min(1),
  responsibleFor: z.array(Text).default([]),
  /** Each entry says what it is and, where known, who is responsible instead. */
  notResponsibleFor: z.array(Text).default([]),
}));
export type ComplaintDefinition = z.input<typeof ComplaintDefinitionSchema>;

const OutstandingActionSchema = lazySchema(() => z.object({ action: Text, dueOn: LetterDate }));

const MILESTONES = {
  'stage-1-acknowledgement': { label: 'stage 1 acknowledgement', provision: '6.2' },
  'stage-1-response': { label: 'stage 1 response', provision: '6.3' },
  'stage-2-acknowledgement': { label: 'stage 2 acknowledgement', provision: '6.11' },
  'stage-2-response': { label: 'stage 2 response', provision: '6.14' },
} as const;
const MilestoneSchema = z.enum(['stage-1-acknowledgement', 'stage-1-response', 'stage-2-acknowledgement', 'stage-2-response']);

// Parts most resident letters share, built with the letter that uses them.
const residentLetter = () => ({
  /** How to address the resident; without it the letter opens "Hello". */
  residentName: Text.optional(),
  caseRef: CaseRefText,
  landlord: LetterLandlordSchema,
  signedBy: SignedBySchema.optional(),
});

const stageFields = (stage: z.infer<typeof StageSchema>) => ({
  stageLabel: STAGE_LABEL[stage],
  stageIs: { stage1: stage === 'stage-1', stage2: stage === 'stage-2' },
});

const complaintReceived = lazySchema(() => z
  .strictObject({
    ...residentLetter(),
    receivedOn: LetterDate,
    /** The subject line of the resident's message, quoted back to them. */
    residentSubject: Text.optional(),
    acknowledgeWithinWorkingDays: WorkingDayCount,
    acknowledgeBy: LetterDate,
    respondWithinWorkingDays: WorkingDayCount,
    /** What the stage 1 response's working days count from under the landlord's policy. */
    respondCountedFrom: z.enum(['receipt', 'acknowledgement']),
    ombudsman: LetterOmbudsmanSchema,
  })
  .transform((d) => ({
    ...d,
    acknowledgeWithinWorkingDaysText: workingDaysText(d.acknowledgeWithinWorkingDays),
    respondWithinWorkingDaysText: workingDaysText(d.respondWithinWorkingDays),
    respondCountedFromReceipt: d.respondCountedFrom === 'receipt',
  })));

const serviceRequestLogged = lazySchema(() => z.strictObject({
  ...residentLetter(),
  receivedOn: LetterDate,
  residentSubject: Text.optional(),
  /** What was logged, in the landlord's words. */
  requestSummary: Text.optional(),
  /** Set when the message sounded unhappy: the resident is offered the choice to complain (Code 1.3). */
  offerComplaintChoice: z.boolean(),
}));

const surveyFeedbackThanks = lazySchema(() => z.strictObject({
  residentName: Text.optional(),
  /** The reference the feedback was logged under, if any. */
  caseRef: CaseRefText.optional(),
  landlord: LetterLandlordSchema,
  signedBy: SignedBySchema.optional(),
  receivedOn: LetterDate,
}));

const stage2RequestReceived = lazySchema(() => z
  .strictObject({
    ...residentLetter(),
    receivedOn: LetterDate,
    acknowledgeWithinWorkingDays: WorkingDayCount,
    acknowledgeBy: LetterDate,
    respondWithinWorkingDays: WorkingDayCount,
    respondCountedFrom: z.enum(['request', 'acknowledgement']),
    ombudsman: LetterOmbudsmanSchema,
  })
  .transform((d) => ({
    ...d,
    acknowledgeWithinWorkingDaysText: workingDaysText(d.acknowledgeWithinWorkingDays),
    respondWithinWorkingDaysText: workingDaysText(d.respondWithinWorkingDays),
    respondCountedFromRequest: d.respondCountedFrom === 'request',
  })));

const messageAddedToCase = lazySchema(() => z
  .strictObject({
    ...residentLetter(),
    caseKind: z.enum(['complaint', 'service-request']),
    /** For a complaint, the stage it is at. */
    stage: StageSchema.optional(),
    receivedOn: LetterDate,
    residentSubject: Text.optional(),
    /**
     * The way the resident agreed to contact us under a restriction (seed 002 §4.2), reminded when this message came
     * another way. It was still read and added to the case.
     */
    agreedContact: Text.optional(),
  })
  .refine((d) => (d.caseKind === 'complaint') === (d.stage !== undefined), {
    message: 'a complaint needs its stage; a service request has none',
    path: ['stage'],
  })
  .transform((d) => ({
    ...d,
    caseKindIs: { complaint: d.caseKind === 'complaint', serviceRequest: d.caseKind === 'service-request' },
    ...(d.stage === undefined ? {} : stageFields(d.stage)),
  })));

const acknowledgement = () => ({
  ...residentLetter(),
  receivedOn: LetterDate,
  complaintDefinition: ComplaintDefinitionSchema,
  /** What the landlord needs the resident to clarify, if any part is unclear (Code 5.6). */
  clarificationRequest: Text.optional(),
  respondWithinWorkingDays: WorkingDayCount,
  respondBy: LetterDate,
  ombudsman: LetterOmbudsmanSchema,
});

const stage1Acknowledgement = lazySchema(() => z
  .strictObject(acknowledgement())
  .transform((d) => ({ ...d, respondWithinWorkingDaysText: workingDaysText(d.respondWithinWorkingDays) })));

const stage2Acknowledgement = lazySchema(() => z
  .strictObject(acknowledgement())
  .transform((d) => ({ ...d, respondWithinWorkingDaysText: workingDaysText(d.respondWithinWorkingDays) })));

const DecisionSchema = z.enum(['upheld', 'partly-upheld', 'not-upheld']);

const responseFields = () => ({
  ...residentLetter(),
  complaintDefinition: ComplaintDefinitionSchema,
  decision: DecisionSchema,
  /** The reasons for each decision, one paragraph each (6.9 (d), 6.19 (d)). */
  reasons: z.array(Text).min(1),
  /** What the landlord will do to put things right, or 'none'. */
  remedy: z.union([z.literal('none'), z.array(Text).min(1)]),
  /** Anything still to be done, each with its date; may be empty. */
  outstandingActions: z.array(OutstandingActionSchema),
  ombudsman: LetterOmbudsmanSchema,
});

const responseOutput = <D extends { decision: z.infer<typeof DecisionSchema>; remedy: 'none' | string[] }>(d: D) => ({
  ...d,
  decisionIs: {
    upheld: d.decision === 'upheld',
    partlyUpheld: d.decision === 'partly-upheld',
    notUpheld: d.decision === 'not-upheld',
  },
  remedyNone: d.remedy === 'none',
  remedyItems: d.remedy === 'none' ? [] : d.remedy,
});

const stage1Response = lazySchema(() => z
  .strictObject({
    ...responseFields(),
    stage: z.literal('stage-1'),
    /** How to take the complaint to stage 2 (6.9 (g)). */
    escalation: z.strictObject({
      /** The last day to ask, when the policy sets a window; without it there is no deadline. */
      requestBy: LetterDate.optional(),
    }),
  })
  .transform(responseOutput));

const stage2Response = lazySchema(() => z
  .strictObject({
    ...responseFields(),
    stage: z.literal('stage-2'),
    /** The final response: the route on is the Ombudsman (6.19 (g)), whose details are in `ombudsman`. */
    escalation: z.strictObject({ route: z.literal('housing-ombudsman') }),
  })
  .transform(responseOutput));

const extension = lazySchema(() => z
  .strictObject({
    ...residentLetter(),
    stage: StageSchema,
    reason: Text,
    previousRespondBy: LetterDate,
    respondBy: LetterDate,
    extensionWorkingDays: WorkingDayCount,
    /** Why an extension longer than the Code allows is needed: the good reason, explained to the resident (6.4, 6.15). */
    goodReason: Text.optional(),
    ombudsman: LetterOmbudsmanSchema,
  })
  .transform((d) => ({
    ...d,
    ...stageFields(d.stage),
    extensionWorkingDaysText: workingDaysText(d.extensionWorkingDays),
  })));

const complaintDeclined = lazySchema(() => z
  .strictObject({
    ...residentLetter(),
    /** Not accepted as a complaint (Code 2.1 to 2.5), or escalation to stage 2 refused (5.11). */
    declined: z.enum(['complaint-not-accepted', 'stage-2-escalation-refused']),
    receivedOn: LetterDate,
    reasons: z.array(Text).min(1),
    /** What the landlord will do instead, if anything (for example deal with it as a service request). */
    whatWeWillDoInstead: Text.optional(),
    ombudsman: LetterOmbudsmanSchema,
  })
  .transform((d) => ({
    ...d,
    declinedIs: {
      complaintNotAccepted: d.declined === 'complaint-not-accepted',
      stage2EscalationRefused: d.declined === 'stage-2-escalation-refused',
    },
  })));

const satisfactionSurvey = lazySchema(() => z.strictObject({
  ...residentLetter(),
  /** A page whose answers count only when the resident presses submit. */
  surveyUrl: z.url({ protocol: /^https?$/ }),
  /** When the complaint was closed. */
  closedOn: LetterDate,
  residentSubject: Text.optional(),
}));

const surveyUnhappyOutcome = lazySchema(() => z
  .strictObject({
    ...residentLetter(),
    /** The last stage the complaint reached: after stage 1 the resident can ask for stage 2 (seed 002, 7.5). */
    stageReached: StageSchema,
    /** The last day to ask for stage 2, when the policy sets a window. */
    stage2RequestBy: LetterDate.optional(),
    ombudsman: LetterOmbudsmanSchema,
  })
  .refine((d) => d.stageReached === 'stage-1' || d.stage2RequestBy === undefined, {
    message: 'only a complaint that has been through stage 1 alone can be taken to stage 2',
    path: ['stage2RequestBy'],
  })
  .transform((d) => ({ ...d, stageReachedIs: { stage1: d.stageReached === 'stage-1', stage2: d.stageReached === 'stage-2' } })));

/** A reply to a resident still unhappy after the final (stage 2) response: the route on is the Ombudsman (6.19 (g)). */
const ombudsmanRoute = lazySchema(() => z.strictObject({
  ...residentLetter(),
  receivedOn: LetterDate,
  ombudsman: LetterOmbudsmanSchema,
}));

/** To the officer who dealt with a complaint whose resident is unhappy with how it was handled (seed 002, 7.3, 7.4). */
const surveyHandlingFollowUp = lazySchema(() => z
  .strictObject({
    officerName: Text.optional(),
    caseRef: CaseRefText,
    landlord: LetterLandlordSchema,
    residentName: Text.optional(),
    /** The resident's answers, in words: "very dissatisfied". */
    handling: Text,
    outcome: Text,
    /** What the resident wrote on the survey, passed on as they wrote it (7.3). */
    comments: Text.optional(),
    /** The last day to contact the resident. */
    contactBy: LetterDate,
    caseUrl: z.url().optional(),
  }));

/**
 * What a reminder or overdue notice is about: a Code timescale, or an action promised in a response, which must be
 * tracked and done promptly after the response too (6.6 at stage 1, 6.17 at stage 2).
 */
const NoticeActionSchema = lazySchema(() => z.strictObject({ action: Text, stage: StageSchema }));
/** A learning action set from a complaint (Code 9.1): the service improvement and who owns it. */
const NoticeLearningActionSchema = lazySchema(() => z.strictObject({ action: Text, owner: Text }));
/** A duty while the Ombudsman investigates: its evidence, telling the board, or one of its orders. */
const NoticeOmbudsmanDutySchema = lazySchema(() => z.strictObject({ duty: z.enum(['evidence', 'tell-board', 'order']), ombudsmanRef: Text, order: Text.optional() }));
/** A date a restriction on a resident's contact sets: its review (Code 5.14), or the decision on an appeal against it. */
const NoticeRestrictionDutySchema = lazySchema(() => z.strictObject({ duty: z.enum(['review', 'appeal']) }));
const dueThing = () => ({
  milestone: MilestoneSchema.optional(),
  outstandingAction: NoticeActionSchema.optional(),
  learningAction: NoticeLearningActionSchema.optional(),
  ombudsmanDuty: NoticeOmbudsmanDutySchema.optional(),
  restrictionDuty: NoticeRestrictionDutySchema.optional(),
});
const oneDueThing = { message: 'give the milestone, the outstanding action or the learning action the notice is about: one, not both', path: ['milestone'] };
const isOneDueThing = (d: { milestone?: unknown; outstandingAction?: unknown; learningAction?: unknown; ombudsmanDuty?: unknown; restrictionDuty?: unknown }) =>
  [d.milestone, d.outstandingAction, d.learningAction, d.ombudsmanDuty, d.restrictionDuty].filter((x) => x !== undefined).length === 1;

const restrictionDutyFields = (d: z.infer<typeof NoticeRestrictionDutySchema>) =>
  d.duty === 'review'
    ? { milestoneLabel: 'review of the restriction on the resident’s contact', basis: 'your complaints policy; Complaint Handling Code 5.14',
        whatToDo: 'Review the restriction: lift it, or continue or vary it with a new review date and the reasons, and record the review. The resident is written to either way. Until it is reviewed, intake no longer applies it.' }
    : { milestoneLabel: 'decision on the resident’s appeal against the restriction on their contact', basis: 'your complaints policy',
        whatToDo: 'Decide the appeal, record the decision and its reasons, and the resident is written to with the outcome.' };

// What each Ombudsman duty is called, what it rests on, and what the officer should do about it.
const ombudsmanDutyFields = (d: z.infer<typeof NoticeOmbudsmanDutySchema>) => {
  switch (d.duty) {
    case 'evidence':
      return { milestoneLabel: `evidence the Ombudsman asked for (its reference ${d.ombudsmanRef})`, basis: 'your complaints policy',
        whatToDo: 'Send the Ombudsman the evidence it asked for and record that it was sent. If it cannot be sent by then, explain the delay to the Ombudsman before the date and agree a new one.' };
    case 'tell-board':
      return { milestoneLabel: `email to the board about the Ombudsman's investigation (its reference ${d.ombudsmanRef})`, basis: 'your complaints policy; Complaint Handling Code 9.7 c',
        whatToDo: 'Email the board members a brief summary of the complaint and what was done to resolve it, then record that the board was told.' };
    case 'order':
      return { milestoneLabel: `Ombudsman's order “${d.order ?? ''}” (its reference ${d.ombudsmanRef})`, basis: 'Complaint Handling Code 9.7 c',
        whatToDo: 'Do what the Ombudsman ordered, send it the evidence, and record that the order was complied with.' };
    default: {
      const unknown: never = d.duty;
      throw new Error(`unknown Ombudsman duty ${String(unknown)}`);
    }
  }
};

const dueThingFields = (d: {
  milestone?: z.infer<typeof MilestoneSchema> | undefined;
  outstandingAction?: z.infer<typeof NoticeActionSchema> | undefined;
  learningAction?: z.infer<typeof NoticeLearningActionSchema> | undefined;
  ombudsmanDuty?: z.infer<typeof NoticeOmbudsmanDutySchema> | undefined;
  restrictionDuty?: z.infer<typeof NoticeRestrictionDutySchema> | undefined;
}) => {
  // Every field a template names is present, empty where it does not apply: SES renders from these.
  const code = (provision: string) => ({ provision, basis: `Complaint Handling Code ${provision}`, whatToDo: '' });
  return d.restrictionDuty
    ? { ...restrictionDutyFields(d.restrictionDuty), provision: '5.14', isAction: true, isLearning: false }
    : d.ombudsmanDuty
    ? { ...ombudsmanDutyFields(d.ombudsmanDuty), provision: '9.7 c', isAction: true, isLearning: false }
    : d.learningAction
      ? { milestoneLabel: `learning action “${d.learningAction.action}”`, ...code('9.1'), isAction: true, isLearning: true }
      : d.outstandingAction
        ? { milestoneLabel: `outstanding action “${d.outstandingAction.action}”`, ...code(d.outstandingAction.stage === 'stage-1' ? '6.6' : '6.17'), isAction: true, isLearning: false }
        : { milestoneLabel: MILESTONES[d.milestone!].label, ...code(MILESTONES[d.milestone!].provision), isAction: false, isLearning: false };
};

const officerReminder = lazySchema(() => z
  .strictObject({
    officerName: Text.optional(),
    caseRef: CaseRefText,
    landlord: LetterLandlordSchema,
    ...dueThing(),
    dueOn: LetterDate,
    workingDaysLeft: z.int().nonnegative(),
    /** Where the officer opens the case, if there is a case page. */
    caseUrl: z.url().optional(),
  })
  .refine(isOneDueThing, oneDueThing)
  .transform((d) => ({
    ...d,
    ...dueThingFields(d),
    dueToday: d.workingDaysLeft === 0,
    workingDaysLeftText: workingDaysText(d.workingDaysLeft),
  })));

const milestoneOverdue = lazySchema(() => z
  .strictObject({
    caseRef: CaseRefText,
    landlord: LetterLandlordSchema,
    ...dueThing(),
    dueOn: LetterDate,
    workingDaysOverdue: z.int().positive(),
    /** The officer handling the case, if one is assigned. */
    handlerName: Text.optional(),
    caseUrl: z.url().optional(),
  })
  .refine(isOneDueThing, oneDueThing)
  .transform((d) => ({
    ...d,
    ...dueThingFields(d),
    workingDaysOverdueText: workingDaysText(d.workingDaysOverdue),
  })));

// What a restriction on contact allows, who hears an appeal and how soon (Code 5.14, 5.15; seed 002 §4.5, §4.6).
const restrictionAppeal = lazySchema(() => z.strictObject({ to: Text, decidedWithinWorkingDays: WorkingDayCount }));
const appealFields = (a: z.infer<typeof restrictionAppeal>) => ({ decidedWithinText: workingDaysText(a.decidedWithinWorkingDays) });

/** To the resident: their contact is restricted, why, what they may still do, the review date and how to appeal. */
const contactRestriction = lazySchema(() => z
  .strictObject({
    ...residentLetter(),
    /** What the resident did, as the decision records it. */
    behaviour: Text,
    reasons: z.array(Text).min(1),
    /** What is allowed, in words: "by email only, with Sam Hughes only". */
    allowed: Text,
    /** Reasonable adjustments considered or made (seed 002 §4.7). */
    reasonableAdjustments: Text.optional(),
    decidedBy: Text,
    reviewOn: LetterDate,
    appeal: restrictionAppeal,
    ombudsman: LetterOmbudsmanSchema,
  })
  .transform((d) => ({ ...d, ...appealFields(d.appeal) })));

/** To the resident: the restriction was reviewed, and lifted, continued or varied. */
const contactRestrictionReviewed = lazySchema(() => z
  .strictObject({
    ...residentLetter(),
    outcome: z.enum(['lifted', 'continued', 'varied']),
    reasons: Text,
    /** What is allowed from now, when continued or varied. */
    allowed: Text.optional(),
    nextReviewOn: LetterDate.optional(),
    appeal: restrictionAppeal,
    ombudsman: LetterOmbudsmanSchema,
  })
  .refine((d) => (d.outcome === 'lifted' ? d.nextReviewOn === undefined && d.allowed === undefined : d.nextReviewOn !== undefined && d.allowed !== undefined), {
    message: 'a restriction continued or varied has its terms and next review date; one lifted has neither',
    path: ['nextReviewOn'],
  })
  .transform((d) => ({
    ...d,
    ...appealFields(d.appeal),
    outcomeIs: { lifted: d.outcome === 'lifted', continued: d.outcome === 'continued', varied: d.outcome === 'varied' },
  })));

/** To the resident: their appeal against the restriction has come, who decides it and by when (seed 002 §4.6). */
const restrictionAppealReceived = lazySchema(() => z.strictObject({
  ...residentLetter(),
  receivedOn: LetterDate,
  appealTo: Text,
  decideBy: LetterDate,
  /** The restriction stands while the appeal is considered. */
  allowed: Text,
}));

/** To the resident: the outcome of their appeal against the restriction. */
const restrictionAppealOutcome = lazySchema(() => z
  .strictObject({
    ...residentLetter(),
    outcome: z.enum(['upheld', 'not-upheld']),
    reasons: Text,
    appealTo: Text,
    /** Not upheld: the restriction stands as it is until its review. */
    allowed: Text.optional(),
    reviewOn: LetterDate.optional(),
    ombudsman: LetterOmbudsmanSchema,
  })
  .refine((d) => (d.outcome === 'upheld' ? d.reviewOn === undefined && d.allowed === undefined : d.reviewOn !== undefined && d.allowed !== undefined), {
    message: 'an appeal not upheld gives the restriction that stands and its review date; one upheld gives neither',
    path: ['reviewOn'],
  })
  .transform((d) => ({ ...d, outcomeIs: { upheld: d.outcome === 'upheld', notUpheld: d.outcome === 'not-upheld' } })));

/** To the officer a restricted resident deals with (else the managers): a message from them arrived, and what became of it. */
const contactFromRestrictedResident = lazySchema(() => z.strictObject({
  officerName: Text.optional(),
  /** The complaint the restriction is recorded on. */
  caseRef: CaseRefText,
  landlord: LetterLandlordSchema,
  messageRef: Text,
  /** How it came, in words: "text message". */
  channel: Text,
  receivedOn: LetterDate,
  byAgreedRoute: z.boolean(),
  allowed: Text,
  /** What intake did with it: "opened service request SR-…". */
  handled: Text,
}));

/** One line of the weekly digest. */
export const DigestRowSchema = lazySchema(() => z.strictObject({
  caseRef: CaseRefText,
  /** A few words on what the case is about, for the manager. */
  summary: Text,
  /** What is due: "stage 1 response", "service request". */
  milestone: Text,
  dueOn: LetterDate,
}));

const weeklyDigest = lazySchema(() => z
  .strictObject({
    landlord: LetterLandlordSchema,
    /** The day the digest covers from, usually the Monday. */
    weekOf: LetterDate,
    dueSoonWithinWorkingDays: WorkingDayCount,
    /** The policy's limit for service requests, in working days. */
    serviceRequestLimitWorkingDays: WorkingDayCount,
    overdue: z.array(DigestRowSchema),
    dueSoon: z.array(DigestRowSchema),
    extensionsGranted: z.array(DigestRowSchema),
    longOpenServiceRequests: z.array(DigestRowSchema),
    /** Learning actions set from complaints and not yet done or dropped (Code 9.1). */
    learningActions: z.array(DigestRowSchema).default([]),
  })
  .transform((d) => ({
    ...d,
    dueSoonWithinWorkingDaysText: workingDaysText(d.dueSoonWithinWorkingDays),
    serviceRequestLimitWorkingDaysText: workingDaysText(d.serviceRequestLimitWorkingDays),
    nothingToReport:
      d.overdue.length + d.dueSoon.length + d.extensionsGranted.length + d.longOpenServiceRequests.length + d.learningActions.length === 0,
  })));

/** Every letter Redress can send; each name is also its template's name. */
export const LETTER_NAMES = [
  'complaint-received',
  'service-request-logged',
  'survey-feedback-thanks',
  'stage-2-request-received',
  'message-added-to-case',
  'stage-1-acknowledgement',
  'stage-2-acknowledgement',
  'stage-1-response',
  'stage-2-response',
  'extension',
  'complaint-declined',
  'satisfaction-survey',
  'survey-unhappy-outcome',
  'survey-handling-follow-up',
  'ombudsman-route',
  'contact-restriction',
  'contact-restriction-reviewed',
  'restriction-appeal-received',
  'restriction-appeal-outcome',
  'contact-from-restricted-resident',
  'officer-reminder',
  'milestone-overdue',
  'weekly-digest',
] as const;

/** The name of a letter, which is also its template's name. */
export type LetterName = (typeof LETTER_NAMES)[number];

/** A letter name at a boundary (an event, a queued job). */
export const LetterNameSchema = z.enum(LETTER_NAMES);

/** Each letter's data schema, by name. Parsing gives the letter's fields; `letterTemplateData` adds their escaped copy. */
export const LETTER_SCHEMAS = {
  'complaint-received': complaintReceived,
  'service-request-logged': serviceRequestLogged,
  'survey-feedback-thanks': surveyFeedbackThanks,
  'stage-2-request-received': stage2RequestReceived,
  'message-added-to-case': messageAddedToCase,
  'stage-1-acknowledgement': stage1Acknowledgement,
  'stage-2-acknowledgement': stage2Acknowledgement,
  'stage-1-response': stage1Response,
  'stage-2-response': stage2Response,
  extension,
  'complaint-declined': complaintDeclined,
  'satisfaction-survey': satisfactionSurvey,
  'survey-unhappy-outcome': surveyUnhappyOutcome,
  'survey-handling-follow-up': surveyHandlingFollowUp,
  'ombudsman-route': ombudsmanRoute,
  'contact-restriction': contactRestriction,
  'contact-restriction-reviewed': contactRestrictionReviewed,
  'restriction-appeal-received': restrictionAppealReceived,
  'restriction-appeal-outcome': restrictionAppealOutcome,
  'contact-from-restricted-resident': contactFromRestrictedResident,
  'officer-reminder': officerReminder,
  'milestone-overdue': milestoneOverdue,
  'weekly-digest': weeklyDigest,
} as const satisfies Record<LetterName, z.ZodType>;

/** The data a caller gives for a letter. */
export type LetterData<N extends LetterName> = z.input<(typeof LETTER_SCHEMAS)[N]>;

/** A letter's data after its schema: the caller's data, checked, with the flags and phrases its templates need. */
export type LetterFields<N extends LetterName> = z.output<(typeof LETTER_SCHEMAS)[N]>;

/**
 * The data a letter's templates are rendered from, and what is sent to SES as TemplateData: its fields, and `h`, the
 * same fields with every string HTML-escaped, which is all the HTML template writes (`{{{h.caseRef}}}`).
 */
export type LetterTemplateData<N extends LetterName> = LetterFields<N> & { readonly h: HtmlEscaped<LetterFields<N>> };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'] as const;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * A London calendar date as letters print it, GOV.UK style.
 * @example formatLetterDate('2026-12-07') // 'Monday 7 December 2026'
 */
export function formatLetterDate(calendarDate: string): string {
  if (!CalendarDateSchema.safeParse(calendarDate).success) {
    throw new RangeError(`"${calendarDate}" is not a calendar date (YYYY-MM-DD)`);
  }
  const [year, month, day] = calendarDate.split('-').map(Number) as [number, number, number];
  // A calendar date is already a London day: the weekday is the same wherever it is computed, so UTC is used.
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
  return `${weekday} ${day} ${MONTHS[month - 1]!} ${year}`;
}
