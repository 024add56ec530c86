// The satisfaction survey after closure (the association's policy 7.1 to 7.5): sent by a one-time schedule,
// answered on a page that needs a deliberate submit or by replying, and followed up when the resident is unhappy.
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema.ts';
import { complaintFile } from '../core/case/case-file.ts';
import { SatisfactionSchema, type ComplaintTimeline, type Satisfaction } from '../core/case/complaint.ts';
import { surveyFollowUp, type SurveyFollowUp } from '../core/case/survey.ts';
import type { InboundMessageRecord } from '../core/intake/message.ts';
import { ok, refuse, type Result } from '../core/result.ts';
import { changeComplaint } from '../services/complaint-service.ts';
import { sendLetter } from '../outbound/send-letter.ts';
import { toCalendarDate } from '../core/calendar/london-date.ts';
import {
  eventInstant, letterDate, letterLandlord, loadComplaint, officerAddress, officerOrManagers, residentContact, type LifecycleDeps, type LoadedComplaint,
} from './lifecycle-deps.ts';

/** What the survey schedule delivers to `send-survey`. */
export const SendSurveyInput = lazySchema(() => z.object({
  caseRef: z.string().min(1),
  landlordId: z.string().min(1),
  closedAt: z.iso.datetime({ offset: true }),
}));
export type SendSurveyInput = z.infer<typeof SendSurveyInput>;

/** What became of a scheduled survey. */
export type SendSurveyOutcome = 'sent' | 'sent-before' | 'reopened' | 'no-address' | 'no-such-complaint';

/** A random id of 128 bits: the secret part of the survey link. */
export const randomSurveyId = (): string => randomBytes(16).toString('base64url');

/** The survey page's address for a survey. */
export const surveyUrl = (publicUrl: string, surveyId: string): string => `${publicUrl.replace(/\/$/, '')}/survey/${surveyId}`;

/**
 * Sends the satisfaction survey for a closure, unless the complaint was reopened since (its next closure gets one)
 * or there is no address. One survey per closure, however often the schedule fires.
 */
export async function sendSurvey(deps: LifecycleDeps, input: SendSurveyInput): Promise<SendSurveyOutcome> {
  const complaint = await loadComplaint(deps, input.caseRef);
  if (!complaint) return 'no-such-complaint';
  const { record, policy } = complaint;
  const file = complaintFile(complaint.events);
  if (!file.closed || Date.parse(file.closed.at) !== Date.parse(input.closedAt)) {
    deps.logger.info('survey not sent: the complaint was reopened', { caseRef: record.caseRef, landlordId: record.landlordId });
    return 'reopened';
  }
  const contact = residentContact(record, file);
  if (!contact.to) return 'no-address';

  const now = deps.clock.now().toISOString();
  const { survey } = await deps.surveys.createSurvey({
    surveyId: (deps.newSurveyId ?? randomSurveyId)(), caseRef: record.caseRef, landlordId: record.landlordId, closedAt: input.closedAt, createdAt: now,
  });
  const letterId = `${record.caseRef}-survey-${survey.surveyId.slice(0, 8)}`;
  const sent = await sendLetter(deps, {
    letterId, landlordId: record.landlordId, caseRef: record.caseRef, inReplyToMessageRef: null,
    from: policy.contact.complaintsEmail, to: contact.to, letter: 'satisfaction-survey',
    data: {
      caseRef: record.caseRef, landlord: letterLandlord(policy), ...(contact.name ? { residentName: contact.name } : {}),
      surveyUrl: surveyUrl(deps.publicUrl, survey.surveyId), closedOn: letterDate(file.closed.at),
      ...(record.summary.trim() ? { residentSubject: record.summary.trim() } : {}),
    },
  });
  const recorded = await changeComplaint(deps, record.caseRef, { action: 'record-survey-sent', surveyId: survey.surveyId }, 'redress', { fromStateMachine: true });
  if (!recorded.ok) throw new Error(`survey ${survey.surveyId} sent but not recorded: ${recorded.error.kind}`);
  deps.logger.info('survey sent', { caseRef: record.caseRef, landlordId: record.landlordId });
  return sent.status;
}

/** A survey answer as the page or a reply gives it. */
export const SurveyAnswer = lazySchema(() => z.object({
  handling: SatisfactionSchema,
  outcome: SatisfactionSchema,
  /** Anything else the resident wants to say. Personal data: kept in the store, never logged. */
  comments: z.string().trim().max(5000).optional(),
  /** The resident wants the complaint taken further: a stage 2 request, or the Ombudsman after stage 2. */
  askForStage2: z.boolean().optional(),
}));
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;

/** Why an answer was not recorded. */
export type SurveyAnswerProblem = { kind: 'no-such-survey' } | { kind: 'already-answered' };

/** What recording an answer did. */
export interface SurveyAnswered {
  readonly caseRef: string;
  readonly landlordId: string;
  /** The feedback kept as a message, linked to the case, as intake keeps survey feedback. */
  readonly messageRef: string;
  readonly followUp: SurveyFollowUp;
  /** The letter offering stage 2 or the Ombudsman, when the resident is unhappy with the outcome (7.5). */
  readonly letterId: string | null;
  /** When the policy asks for it, the day by which the officer who dealt with it must contact a resident unhappy with the handling (seed 002, 7.4). */
  readonly contactBy: string | null;
}

const SATISFACTION_WORDS: Record<Satisfaction, string> = {
  'very-satisfied': 'very satisfied', satisfied: 'satisfied', neither: 'neither satisfied nor dissatisfied',
  dissatisfied: 'dissatisfied', 'very-dissatisfied': 'very dissatisfied',
};

/**
 * Records a survey answer: as survey feedback (a message linked to the case, the way intake keeps a reply to the
 * survey) and as a `survey-answered` event; then, if the resident is unhappy with the outcome, writes offering
 * stage 2, or the Ombudsman after stage 2 (7.5). The first answer counts.
 */
export async function answerSurvey(
  deps: LifecycleDeps,
  surveyId: string,
  answer: SurveyAnswer,
  via: 'survey-page' | 'reply',
  replyMessageRef?: string,
): Promise<Result<SurveyAnswered, SurveyAnswerProblem>> {
  const survey = await deps.surveys.getSurvey(surveyId);
  if (!survey) return refuse({ kind: 'no-such-survey' });
  const complaint = await loadComplaint(deps, survey.caseRef);
  if (!complaint) return refuse({ kind: 'no-such-survey' });
  const { record, policy, cal } = complaint;
  const at = eventInstant(deps.clock.now(), complaint.history);

  const messageRef = replyMessageRef ?? await keepFeedback(deps, survey.caseRef, record.landlordId, surveyId, answer, at, policy.contact.complaintsEmail, record.resident.email);
  const recorded = await changeComplaint(
    deps, record.caseRef,
    { action: 'record-survey-answer', surveyId, handling: answer.handling, outcome: answer.outcome, via, messageRef },
    'resident', { inReplyToMessageRef: messageRef },
  );
  if (!recorded.ok) return refuse({ kind: recorded.error.kind === 'survey-already-answered' ? 'already-answered' : 'no-such-survey' });
  const decided = { value: recorded.value.change };
  if (answer.askForStage2) {
    // The resident asked, on the survey, to take the complaint further: a stage 2 request on the same case (6.10 to 6.12).
    const escalated = await changeComplaint(deps, record.caseRef, { action: 'escalate', via: 'survey', messageRef }, 'resident', { inReplyToMessageRef: messageRef });
    if (escalated.ok) {
      deps.logger.info('stage 2 asked for on the survey', { caseRef: record.caseRef, landlordId: record.landlordId });
      return ok({ caseRef: record.caseRef, landlordId: record.landlordId, messageRef, followUp: { kind: 'stage-2-requested' }, letterId: escalated.value.letters[0]?.letterId ?? null, contactBy: null } satisfies SurveyAnswered);
    }
  }

  const followUp = surveyFollowUp(decided.value.timeline, answer, cal, at);
  let letterId: string | null = null;
  const contact = residentContact(record, complaintFile(complaint.events));
  if ((followUp.kind === 'offer-stage-2' || followUp.kind === 'refer-to-ombudsman') && contact.to) {
    letterId = `${record.caseRef}-survey-follow-up-${surveyId.slice(0, 8)}`;
    await sendLetter(deps, {
      letterId, landlordId: record.landlordId, caseRef: record.caseRef, inReplyToMessageRef: messageRef,
      from: policy.contact.complaintsEmail, to: contact.to, letter: 'survey-unhappy-outcome',
      data: {
        caseRef: record.caseRef, landlord: letterLandlord(policy), ...(contact.name ? { residentName: contact.name } : {}),
        stageReached: followUp.kind === 'offer-stage-2' ? 'stage-1' : 'stage-2',
        ...(followUp.kind === 'offer-stage-2' && followUp.stage2RequestBy ? { stage2RequestBy: letterDate(followUp.stage2RequestBy) } : {}),
        ombudsman: policy.ombudsman,
      },
    });
  }
  const contactBy = await askForHandlingFollowUp(deps, complaint, { surveyId, answer, followUp, at, messageRef, timeline: decided.value.timeline });
  deps.logger.info('survey answered', { caseRef: record.caseRef, landlordId: record.landlordId, via, followUp: followUp.kind, handlingFollowUp: contactBy !== null });
  return ok({ caseRef: record.caseRef, landlordId: record.landlordId, messageRef, followUp, letterId, contactBy });
}

/**
 * A resident unhappy with how their complaint was handled is contacted by the officer who dealt with it, within the
 * policy's working days (seed 002, 7.4), and what they wrote is passed to that officer (7.3). The managers are asked
 * when no officer with an address dealt with it. Returns the day to contact them by, or null when the policy has no
 * such step or the resident is content with the handling.
 */
async function askForHandlingFollowUp(
  deps: LifecycleDeps,
  complaint: LoadedComplaint,
  answered: { surveyId: string; answer: SurveyAnswer; followUp: SurveyFollowUp; at: string; messageRef: string; timeline: ComplaintTimeline },
): Promise<string | null> {
  const { record, policy, cal } = complaint;
  const { followUp } = answered;
  const unhappyWithHandling = followUp.kind === 'handling-follow-up' || ((followUp.kind === 'offer-stage-2' || followUp.kind === 'refer-to-ombudsman') && followUp.handlingDissatisfied);
  const days = policy.survey.handlingFollowUpWorkingDays;
  if (!unhappyWithHandling || days === null) return null;
  const contactBy = cal.addWorkingDays(toCalendarDate(answered.at), days);
  const dealtWith = answered.timeline.handlers['stage-2'] ?? answered.timeline.handlers['stage-1'];
  const recipients = officerOrManagers(dealtWith, policy);
  for (const [i, to] of recipients.entries()) {
    await sendLetter(deps, {
      letterId: `${record.caseRef}-survey-handling-${answered.surveyId.slice(0, 8)}-${i + 1}`, landlordId: record.landlordId, caseRef: record.caseRef,
      inReplyToMessageRef: answered.messageRef, from: policy.contact.complaintsEmail, to, letter: 'survey-handling-follow-up',
      data: {
        ...(officerAddress(dealtWith) ? { officerName: dealtWith } : {}),
        caseRef: record.caseRef, landlord: letterLandlord(policy),
        ...(record.resident.name ? { residentName: record.resident.name } : {}),
        handling: SATISFACTION_WORDS[answered.answer.handling], outcome: SATISFACTION_WORDS[answered.answer.outcome],
        ...(answered.answer.comments ? { comments: answered.answer.comments } : {}),
        contactBy: letterDate(contactBy),
      },
    });
  }
  return contactBy;
}

// The page's answer is kept as survey feedback, like a reply to the survey that intake keeps: one message, linked.
async function keepFeedback(
  deps: LifecycleDeps, caseRef: string, landlordId: string, surveyId: string, answer: SurveyAnswer, at: string, to: string, from: string | null,
): Promise<string> {
  const body = [
    `How we handled the complaint: ${SATISFACTION_WORDS[answer.handling]}.`,
    `The outcome: ${SATISFACTION_WORDS[answer.outcome]}.`,
    ...(answer.comments ? ['', answer.comments] : []),
  ].join('\n');
  const digest = createHash('sha256').update(`survey\0${surveyId}\0${answer.handling}\0${answer.outcome}\0${answer.comments ?? ''}`).digest('hex');
  const messageRef = `M-${BigInt(`0x${digest.slice(0, 16)}`).toString(36).toUpperCase().padStart(12, '0').slice(-12)}`;
  const message: InboundMessageRecord = {
    messageRef, landlordId, channel: 'web_form', receivedAt: at, from, fromName: null, to,
    subject: `Satisfaction survey for ${caseRef}`, body, externalId: `survey:${surveyId}`, contentSha256: digest, rawSha256: null,
    rawDocumentKey: null, attachments: [], repliesTo: [], form: null, outcome: 'recorded', duplicateOf: null, caseRef,
    triage: { label: 'survey_feedback', confidence: 1, reasons: ['answered on the survey page'], handling: 'survey-feedback', needsReview: false, offerComplaintChoice: false },
    flags: [], notes: ['a satisfaction survey answered on the survey page'],
  };
  await deps.messages.saveMessage(message);
  return messageRef;
}
