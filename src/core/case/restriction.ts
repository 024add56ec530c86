// Restrictions on how a resident whose behaviour is unreasonable may contact the landlord (Code 5.14, 5.15; seed 002
// §4): recorded on a complaint with the behaviour, the reasons, what is allowed, the regard had to the Equality Act
// 2010 and to any vulnerability, and a review date no later than the policy's months; reviewed, appealed and lifted.
// Each command is one entry of `ComplaintCommandSchema`. Intake reads the restriction from the case head it already
// reads (`restrictionFor`) and asks `howIntakeHonours` what changes: never whether the message is kept or handled.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { addCalendarMonths, CalendarDateSchema, toCalendarDate, type CalendarDate } from '../calendar/london-date.ts';
import { ok, refuse, type Result } from '../result.ts';
import {
  officerKey, RestrictionTermsSchema, type ComplaintEvent, type ComplaintTimeline, type ContactChannel, type ContactRestriction, type NoticeSubject,
  type RestrictionTerms,
} from './complaint.ts';
import type { OmbudsmanContext } from './ombudsman.ts';

const Text = z.string().trim().max(4000);

/**
 * A restriction as an officer records it. The reasons, the Equality Act and the vulnerability considered may be left
 * empty here so that the core can refuse in an officer's words (5.14, 5.15) rather than the form failing.
 */
export const RestrictContactInput = lazySchema(() => z.object({
  behaviour: Text.min(1, 'say what the resident did that is unreasonable'),
  reasons: z.array(Text).max(20).default([]),
  ...RestrictionTermsSchema.shape,
  equalityAct: Text.optional(),
  vulnerability: Text.optional(),
  reasonableAdjustments: Text.min(1).optional(),
  warnedOn: CalendarDateSchema.optional(),
  /** Who decided: the policy says who may (a Director); the acting officer when not given. */
  decidedBy: z.string().trim().min(1).max(200).optional(),
  /** The review date; the policy's longest (six months) when not given. */
  reviewOn: CalendarDateSchema.optional(),
}));

/** A review of the restriction in force: lift it, continue it to a new date, or vary what it allows. */
export const ReviewRestrictionInput = lazySchema(() => z.object({
  outcome: z.enum(['lifted', 'continued', 'varied']),
  reasons: Text.min(1, 'give the reasons for the review decision'),
  /** For continued or varied: the next review date, the policy's longest when not given. */
  nextReviewOn: CalendarDateSchema.optional(),
  ...RestrictionTermsSchema.shape,
}));

/** The resident's appeal against the restriction, and the day it came. */
export const RestrictionAppealInput = lazySchema(() => z.object({ receivedOn: CalendarDateSchema.optional() }));

/** The decision on the appeal: upheld lifts the restriction. */
export const DecideRestrictionAppealInput = lazySchema(() => z.object({
  outcome: z.enum(['upheld', 'not-upheld']),
  reasons: Text.min(1, 'give the reasons for the appeal decision'),
  decidedBy: z.string().trim().min(1).max(200).optional(),
}));

/** Why a restriction command was refused. */
export type RestrictionRefusal =
  | { kind: 'restriction-in-force'; imposedOn: CalendarDate; reviewOn: CalendarDate }
  | { kind: 'no-restriction-in-force' }
  | { kind: 'restriction-without-reasons' }
  | { kind: 'restriction-without-equality-act' }
  | { kind: 'restriction-without-vulnerability' }
  | { kind: 'restriction-allows-nothing' }
  | { kind: 'review-too-far-off'; reviewOn: CalendarDate; latestOn: CalendarDate; months: number }
  | { kind: 'review-not-ahead'; reviewOn: CalendarDate }
  | { kind: 'restriction-appeal-already-received'; receivedOn: CalendarDate; decidedOn?: CalendarDate }
  | { kind: 'no-restriction-appeal' }
  | { kind: 'restriction-appeal-in-the-future'; receivedOn: CalendarDate }
  | { kind: 'restriction-decider-not-named'; decidedBy: string; who: string }
  | { kind: 'restriction-appeal-decided-by-restrictor'; decidedBy: string; appealTo: string };

/** The same officer, by their id, name or address however written (officerKey, as 6.13 compares them). */
const sameOfficer = (a: string, b: string, ctx: RestrictionContext) => officerKey(a, ctx.policy) === officerKey(b, ctx.policy);

type Decided = Result<{ events: ComplaintEvent[] }, RestrictionRefusal>;

/** Where and when the command is decided, as for the Ombudsman's, and who acts. */
export interface RestrictionContext extends OmbudsmanContext {
  readonly officer: string;
}

/** The restriction still in force on the complaint (not lifted), whatever its review date. */
export const restrictionInForce = (timeline: Pick<ComplaintTimeline, 'restrictions'>): ContactRestriction | null => {
  const latest = timeline.restrictions.at(-1);
  return latest && !latest.liftedOn ? latest : null;
};

const termsGiven = (x: RestrictionTerms): RestrictionTerms | null => {
  const terms = {
    ...(x.allowedChannels?.length ? { allowedChannels: [...new Set(x.allowedChannels)] } : {}),
    ...(x.namedOfficer ? { namedOfficer: x.namedOfficer } : {}),
    ...(x.contactAddress ? { contactAddress: x.contactAddress } : {}),
  };
  return Object.keys(terms).length > 0 ? terms : null;
};

// A review date after today and no later than the policy's months from today (seed 002 §4.3).
function reviewDate(ctx: RestrictionContext, asked: CalendarDate | undefined): Result<CalendarDate, RestrictionRefusal> {
  const today = toCalendarDate(ctx.at);
  const months = ctx.policy.contactRestrictions.reviewWithinMonths;
  const latestOn = addCalendarMonths(today, months);
  const reviewOn = asked ?? latestOn;
  if (reviewOn <= today) return refuse({ kind: 'review-not-ahead', reviewOn });
  if (reviewOn > latestOn) return refuse({ kind: 'review-too-far-off', reviewOn, latestOn, months });
  return ok(reviewOn);
}

/**
 * Restricts the resident's contact, with the evidence the Code asks for: the reasons (5.14) and the regard had to the
 * Equality Act 2010 and any vulnerability (5.15), and a review date no later than the policy's months.
 * @example restrictContact(ctx, { behaviour: '40 calls a week', reasons: ['…'], allowedChannels: ['email'], equalityAct: '…', vulnerability: '…' })
 */
export function restrictContact(ctx: RestrictionContext, input: z.output<typeof RestrictContactInput>): Decided {
  const current = restrictionInForce(ctx.timeline);
  if (current) return refuse({ kind: 'restriction-in-force', imposedOn: current.imposedOn, reviewOn: current.reviewOn });
  const reasons = input.reasons.filter((r) => r.length > 0);
  if (reasons.length === 0) return refuse({ kind: 'restriction-without-reasons' });
  if (!input.equalityAct) return refuse({ kind: 'restriction-without-equality-act' });
  if (!input.vulnerability) return refuse({ kind: 'restriction-without-vulnerability' });
  const terms = termsGiven(input);
  if (!terms) return refuse({ kind: 'restriction-allows-nothing' });
  const reviewOn = reviewDate(ctx, input.reviewOn);
  if (!reviewOn.ok) return reviewOn;
  // Only those the policy names may decide (seed 002 §4.2: a Director), when it names them.
  const decidedBy = input.decidedBy ?? ctx.officer;
  const { deciders, decidedBy: who } = ctx.policy.contactRestrictions;
  if (deciders && !deciders.some((d) => sameOfficer(d, decidedBy, ctx))) return refuse({ kind: 'restriction-decider-not-named', decidedBy, who });
  return ok({
    events: [{
      type: 'contact-restricted', at: ctx.at, behaviour: input.behaviour, reasons, ...terms,
      equalityAct: input.equalityAct, vulnerability: input.vulnerability,
      ...(input.reasonableAdjustments ? { reasonableAdjustments: input.reasonableAdjustments } : {}),
      ...(input.warnedOn ? { warnedOn: input.warnedOn } : {}),
      decidedBy, reviewOn: reviewOn.value,
    }],
  });
}

/** Reviews the restriction in force: lifted ends it; continued or varied sets the next review (Code 5.14). */
export function reviewRestriction(ctx: RestrictionContext, input: z.output<typeof ReviewRestrictionInput>): Decided {
  if (!restrictionInForce(ctx.timeline)) return refuse({ kind: 'no-restriction-in-force' });
  const base = { type: 'restriction-reviewed', at: ctx.at, outcome: input.outcome, reasons: input.reasons, reviewedBy: ctx.officer } as const;
  if (input.outcome === 'lifted') return ok({ events: [base] });
  const terms = termsGiven(input);
  if (input.outcome === 'varied' && !terms) return refuse({ kind: 'restriction-allows-nothing' });
  const nextReviewOn = reviewDate(ctx, input.nextReviewOn);
  if (!nextReviewOn.ok) return nextReviewOn;
  return ok({ events: [{ ...base, nextReviewOn: nextReviewOn.value, ...(input.outcome === 'varied' ? terms : {}) }] });
}

/** Records the resident's appeal: decided by the policy's `appealTo` within its working days (seed 002 §4.6). */
export function recordRestrictionAppeal(ctx: RestrictionContext, input: z.output<typeof RestrictionAppealInput>): Decided {
  const current = restrictionInForce(ctx.timeline);
  if (!current) return refuse({ kind: 'no-restriction-in-force' });
  // One appeal against each decision: the first, and each review that kept the restriction.
  const last = current.appeals.at(-1);
  const decidedSince = current.reviews.at(-1)?.on ?? current.imposedOn;
  if (last && (!last.decidedOn || last.receivedOn >= decidedSince)) {
    return refuse({ kind: 'restriction-appeal-already-received', receivedOn: last.receivedOn, ...(last.decidedOn ? { decidedOn: last.decidedOn } : {}) });
  }
  const today = toCalendarDate(ctx.at);
  const receivedOn = input.receivedOn ?? today;
  if (receivedOn > today) return refuse({ kind: 'restriction-appeal-in-the-future', receivedOn });
  const decideBy = ctx.cal.addWorkingDays(receivedOn, ctx.policy.contactRestrictions.appealDecidedWithinWorkingDays);
  return ok({ events: [{ type: 'restriction-appeal-received', at: ctx.at, receivedOn, decideBy }] });
}

/**
 * Records the decision on the appeal; upheld lifts the restriction. Whoever decided the restriction does not decide the
 * appeal against it: the policy's appeal body does (seed 002 §4.6, the Senior Management Team).
 */
export function decideRestrictionAppeal(ctx: RestrictionContext, input: z.output<typeof DecideRestrictionAppealInput>): Decided {
  const current = restrictionInForce(ctx.timeline);
  const appeal = current?.appeals.at(-1);
  if (!current || !appeal || appeal.decidedOn) return refuse({ kind: 'no-restriction-appeal' });
  const decidedBy = input.decidedBy ?? ctx.officer;
  if (sameOfficer(decidedBy, current.decidedBy, ctx)) return refuse({ kind: 'restriction-appeal-decided-by-restrictor', decidedBy, appealTo: ctx.policy.contactRestrictions.appealTo });
  return ok({ events: [{ type: 'restriction-appeal-decided', at: ctx.at, outcome: input.outcome, reasons: input.reasons, decidedBy }] });
}

/** A date a restriction puts on the landlord, as the state machine and the digest watch it. */
export interface RestrictionDuty {
  readonly subject: Extract<NoticeSubject, { kind: 'restriction' }>;
  readonly dueOn: CalendarDate;
  readonly startedOn: CalendarDate;
  /** Who decided the restriction: reminded, with the managers when they have no address. */
  readonly decidedBy: string;
}

/** The restriction's open dates: its review while in force, and the appeal decision until made. */
export function openRestrictionDuties(timeline: Pick<ComplaintTimeline, 'restrictions'>): RestrictionDuty[] {
  const r = restrictionInForce(timeline);
  if (!r) return [];
  const lastReview = r.reviews.at(-1)?.on ?? r.imposedOn;
  return [
    { subject: { kind: 'restriction', duty: 'review' }, dueOn: r.reviewOn, startedOn: lastReview, decidedBy: r.decidedBy },
    ...r.appeals.filter((a) => !a.decidedOn).map((a) => ({ subject: { kind: 'restriction', duty: 'appeal' } as const, dueOn: a.decideBy, startedOn: a.receivedOn, decidedBy: r.decidedBy })),
  ];
}

/** What a restriction's date is, in a manager's words, for the digest. */
export const describeRestrictionDuty = (duty: RestrictionDuty): string =>
  duty.subject.duty === 'review' ? 'review of the restriction on contact (Code 5.14)' : 'decision on the appeal against the restriction on contact';

const CHANNEL_WORDS: Record<ContactChannel, string> = {
  email: 'email', sms: 'text message', web_form: 'the online form', telephone: 'telephone', letter: 'letter', 'in-person': 'in person',
};

/** A way of contact in a resident's words: "text message". */
export const describeContactChannel = (channel: ContactChannel): string => CHANNEL_WORDS[channel];

/** What a restriction allows, in a resident's words: "by email only, to Sam Hughes". */
export function describeRestrictionTerms(terms: RestrictionTerms): string {
  const parts = [
    ...(terms.allowedChannels ? [`by ${terms.allowedChannels.map((c) => CHANNEL_WORDS[c]).join(' or ')} only`] : []),
    ...(terms.namedOfficer ? [`with ${terms.namedOfficer} only`] : []),
    ...(terms.contactAddress ? [`writing to ${terms.contactAddress} only`] : []),
  ];
  return parts.join(', ');
}

// ---- Intake ----------------------------------------------------------------------------------------------------

/** A restriction as the case head carries it, so intake sees it in the sender lookup it already makes. */
export const RestrictionSummarySchema = lazySchema(() => z.object({ imposedOn: CalendarDateSchema, reviewOn: CalendarDateSchema, ...RestrictionTermsSchema.shape }));
export type RestrictionSummary = z.infer<typeof RestrictionSummarySchema>;

/** The head record's summary of the restriction in force on a complaint; null when none is. */
export function restrictionSummary(timeline: Pick<ComplaintTimeline, 'restrictions'>): RestrictionSummary | null {
  const r = restrictionInForce(timeline);
  return r ? { imposedOn: r.imposedOn, reviewOn: r.reviewOn, ...r.terms } : null;
}

/** A restriction found on one of the sender's cases. */
export interface SenderRestriction {
  readonly caseRef: string;
  readonly restriction: RestrictionSummary;
  /** Its review date has passed without a review: it is no longer applied (seed 002 §4.3), and a person is told. */
  readonly lapsed: boolean;
}

/**
 * The restriction on a sender, from the case heads intake has already read: the latest imposed on any of their cases.
 * @example restrictionFor(senderCases, '2026-12-03T10:00:00Z')
 */
export function restrictionFor(
  senderCases: readonly { readonly caseRef: string; readonly restriction?: RestrictionSummary | null | undefined }[],
  at: string,
): SenderRestriction | null {
  const today = toCalendarDate(at);
  const found = senderCases
    .flatMap((c) => (c.restriction ? [{ caseRef: c.caseRef, restriction: c.restriction }] : []))
    .sort((a, b) => a.restriction.imposedOn.localeCompare(b.restriction.imposedOn))
    .at(-1);
  return found ? { ...found, lapsed: found.restriction.reviewOn < today } : null;
}

/** How a message reached the landlord, as a restriction judges it. */
export interface ArrivedBy {
  readonly channel: ContactChannel;
  /** The address it was sent to. */
  readonly to: string;
}

/** What a restriction changes for one message. Never whether it is kept, triaged, or handled. */
export interface IntakeHonouring {
  /** Whether it came the way the restriction allows. */
  readonly byAgreedRoute: boolean;
  /** For the message's notes, for staff. */
  readonly note: string;
  /** For the message's flags: a person looks at a message that came another way. */
  readonly flag: string | null;
  /** The officer the resident deals with: told of every message. */
  readonly tellOfficer: string | null;
  /**
   * The agreed way, to remind the resident of when the message came another way: only on the receipt for a message
   * added to a complaint. Never on the receipt for a new complaint or a service request (an urgent repair above all),
   * which the restriction does not cover (seed 002 §4.4).
   */
  readonly remindOfAgreedRoute: string | null;
}

/**
 * Decides what a restriction changes for a message from a restricted resident. The message is always kept, triaged
 * and handled as anyone's: a new complaint is logged and a repair opens a service request, whatever the channel.
 * @example howIntakeHonours(found, { channel: 'sms', to: '+447700900000' })
 */
export function howIntakeHonours(found: SenderRestriction, arrived: ArrivedBy): IntakeHonouring {
  const { restriction, caseRef } = found;
  const agreed = describeRestrictionTerms(restriction);
  if (found.lapsed) {
    return {
      byAgreedRoute: true, flag: null, tellOfficer: null, remindOfAgreedRoute: null,
      note: `the restriction on contact recorded on ${caseRef} was due for review on ${restriction.reviewOn} and has not been reviewed: not applied (seed 002 §4.3)`,
    };
  }
  const channelAllowed = !restriction.allowedChannels || restriction.allowedChannels.includes(arrived.channel);
  const addressAllowed = !restriction.contactAddress || restriction.contactAddress.toLowerCase() === arrived.to.trim().toLowerCase();
  const byAgreedRoute = channelAllowed && addressAllowed;
  return {
    byAgreedRoute,
    note: `the resident's contact is restricted (${caseRef}, until review on ${restriction.reviewOn}: ${agreed}); `
      + `${byAgreedRoute ? 'this came the agreed way' : `this came by ${CHANNEL_WORDS[arrived.channel]}, outside the agreed way`}; `
      + 'kept and handled as usual: a new complaint or a service request is never restricted',
    flag: byAgreedRoute ? null : `from a resident whose contact is restricted (${caseRef}), outside the agreed way: ${agreed}`,
    tellOfficer: restriction.namedOfficer ?? null,
    remindOfAgreedRoute: byAgreedRoute ? null : agreed,
  };
}

/** A restriction refusal in words an officer can act on. */
export function describeRestrictionRefusal(refusal: RestrictionRefusal): string {
  switch (refusal.kind) {
    case 'restriction-in-force':
      return `a restriction recorded on ${refusal.imposedOn} is in force until its review on ${refusal.reviewOn}: review it (vary, continue or lift) instead`;
    case 'no-restriction-in-force':
      return "the resident's contact is not restricted on this complaint";
    case 'restriction-without-reasons':
      return 'give the reasons the behaviour is unreasonable: the resident is told them, and the Code asks us to evidence them (5.14)';
    case 'restriction-without-equality-act':
      return 'record the regard had to the Equality Act 2010: a restriction must be proportionate and show it (Code 5.15)';
    case 'restriction-without-vulnerability':
      return 'record whether the behaviour may come from a vulnerability or disability, and what was found (policy §4.7); "none known" is an answer';
    case 'restriction-allows-nothing':
      return 'say what the resident may still do: the ways of contact allowed, the named officer, or the one address';
    case 'review-too-far-off':
      return `a restriction is reviewed within ${refusal.months} months: the review date must be on or before ${refusal.latestOn}, not ${refusal.reviewOn}`;
    case 'review-not-ahead':
      return `the review date ${refusal.reviewOn} has come: give a date after today`;
    case 'restriction-appeal-already-received':
      return refusal.decidedOn
        ? `the appeal received on ${refusal.receivedOn} against this decision was decided on ${refusal.decidedOn}: the resident may appeal again once a review keeps the restriction`
        : `an appeal against this restriction was received on ${refusal.receivedOn}: decide it`;
    case 'no-restriction-appeal':
      return 'there is no appeal against the restriction waiting for a decision: record the appeal first';
    case 'restriction-appeal-in-the-future':
      return `the appeal cannot have come on ${refusal.receivedOn}, which is after today`;
    case 'restriction-decider-not-named':
      return `the landlord's policy names who may decide a restriction (${refusal.who}), and ${refusal.decidedBy} is not among them: say who decided`;
    case 'restriction-appeal-decided-by-restrictor':
      return `${refusal.decidedBy} decided the restriction, so cannot decide the appeal against it: ${refusal.appealTo} does (policy §4.6)`;
    default: {
      const unknown: never = refusal;
      return JSON.stringify(unknown);
    }
  }
}
