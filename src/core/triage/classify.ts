import { findCues, type CueHit } from './cues.ts';
import { featuresOf, isWordFeature } from './features.ts';
import { calibratedConfidence, contributionsTowards, MODEL_LABELS, scoreWithModel, weightsOf, type ModelLabel, type TriageModel } from './model.ts';
import shipped from './model/triage-model.json' with { type: 'json' };
import type { SenderHistory, TriageInput, TriageLabel } from './triage-input.ts';

/** What the classifier decided, and why, in words a housing officer can check. Stored with the message. */
export type Classification = {
  label: TriageLabel;
  /** 0 to 1: how sure the classifier is of `label`. */
  confidence: number;
  /** Why, most important first; each quotes the resident's words or names the rule. */
  reasons: string[];
  /** Signs of dissatisfaction with the landlord's service were found, whatever the label. */
  dissatisfaction: boolean;
  /** The resident asked in so many words to complain, to escalate, or to add to an open complaint. */
  asksToComplain: boolean;
  /** The resident asked to take a complaint to stage 2 (or further). */
  asksToEscalate: boolean;
  /** Whether a phrase shows thanks, marketing, a wrong address or acceptance of our response (absent: not looked for). */
  notForTheLandlord?: boolean;
};

// Not parsed again at every cold start (about 30 ms of a Lambda's import): `npm run train:triage` parses it before
// writing it, and a test parses the shipped file.
const shippedModel = shipped as unknown as TriageModel;

/** The model shipped in `model/triage-model.json`. */
export const defaultTriageModel = (): TriageModel => shippedModel;

// Confidence of decisions made by rule rather than by the model.
const RULE_CONFIDENT = 0.95;
const SURVEY_CONFIDENT = 0.97;
const HISTORY_CONFIDENT = 0.7;
const FAILURE_CONFIDENT = 0.6;
/** A message with no words to read: below every review threshold, so a person always reads it. */
const UNREADABLE_CONFIDENT = 0.5;
/** A service request decided by rule: a reply to our acknowledgement, or an acceptance that asks for more. */
const REQUEST_RULE_CONFIDENT = 0.8;
/** Cues that name something the landlord did or failed to do, as opposed to the tone of the message. */
const SERVICE_FAILURES: ReadonlySet<CueHit['id']> = new Set([
  'repeat-report', 'no-response', 'still-not-fixed', 'broken-promise', 'missed-appointment', 'staff-conduct',
  'wrong-assessment', 'unfair-treatment', 'mishandled', 'charge-dispute', 'cannot-reach-us', 'poor-work',
  // Issue 13: how real residents say the same without the usual words.
  'neglect', 'disputes-decision', 'challenging-question', 'sarcasm', 'expectation-let-down',
]);

// Reasons name at most this many cues for the label, and this many words the model leaned on.
const MAX_CUE_REASONS = 5;
const MAX_WORD_EVIDENCE = 4;

const LABEL_WORDS: Record<TriageLabel, string> = {
  complaint: 'a complaint',
  service_request: 'a service request',
  survey_feedback: 'survey feedback',
  other: 'neither a complaint nor a service request',
};

/**
 * Tells a complaint from a service request, survey feedback or anything else (Code 1.2 to 1.6), with reasons.
 * Deterministic: the same message and model always give the same answer.
 * @example classifyMessage({ channel: 'sms', subject: null, body: 'leak still not fixed, third time reporting', context: null })
 */
export function classifyMessage(input: TriageInput, model: TriageModel = shippedModel): Classification {
  const surveyReply = input.channel === 'survey' || input.context === 'survey';
  // A survey reply of only a score ("8") is feedback (Code 1.6), decided below like any other survey reply.
  if (!surveyReply && !hasReadableWords(input.body) && !/\p{Extended_Pictographic}/u.test(input.body)) {
    // Only an attachment ("complaint form.pdf") or nothing at all: the words are where we cannot read them. A person
    // reads it, and the resident gets a receipt; a subject that names a complaint starts the complaint clock.
    const namesComplaint = /\bcomplain/i.test(input.subject ?? '');
    return {
      label: namesComplaint ? 'complaint' : 'service_request', confidence: UNREADABLE_CONFIDENT,
      dissatisfaction: false, asksToComplain: namesComplaint, asksToEscalate: false,
      reasons: [
        'no words to read in the message itself (perhaps only an attachment): a person reads it',
        ...(namesComplaint ? [`the subject names a complaint: "${input.subject}"`] : []),
      ],
    };
  }
  // The confidence shown is calibrated (model.ts), so that the review thresholds mean what they say.
  // A complaint the rules made against the model's reading keeps its low confidence, so a person still confirms it.
  const { personConfirms, ...classification } = classifyReadable(input, model);
  const calibrated = calibratedConfidence(model, classification.confidence);
  return { ...classification, confidence: round(personConfirms ? Math.min(calibrated, classification.confidence) : calibrated) };
}

function classifyReadable(input: TriageInput, model: TriageModel): Classification & { personConfirms: boolean } {
  const cues = [...findCues(input.subject, input.body), ...historyCues(input.history)];
  const complaintCues = cues.filter((c) => c.dissatisfaction);
  // An open service request on the same matter turns dissatisfaction into chasing it (Code 1.5).
  const chasing = complaintCues.length > 0 && cues.some((c) => c.id === 'open-request') && !cues.some((c) => c.id === 'repeat-report');
  if (chasing) cues.push({ id: 'repeat-report', supports: 'complaint', dissatisfaction: true, reason: 'chasing an open service request on the same matter', quote: complaintCues[0]!.quote });
  const asks = cues.filter((c) => c.id === 'asks-to-complain' || c.id === 'asks-to-escalate' || c.id === 'adds-to-complaint');
  const dissatisfaction = complaintCues.length > 0;
  const asksToComplain = asks.length > 0;
  const asksToEscalate = cues.some((c) => c.id === 'asks-to-escalate');
  const said = (hits: readonly CueHit[]) => hits.map((c) => `${c.reason}: "${c.quote}"`);

  // Code 1.6: a survey reply is feedback, never a complaint, unless the resident asks to complain.
  if (input.channel === 'survey' || input.context === 'survey') {
    if (asksToComplain) {
      return {
        label: 'complaint', confidence: RULE_CONFIDENT, dissatisfaction, asksToComplain, asksToEscalate, personConfirms: false,
        reasons: ['reply to a satisfaction survey in which the resident asks to complain (Code 1.6)', ...said(asks),
          ...said(complaintCues.filter((c) => !asks.includes(c))).slice(0, MAX_CUE_REASONS - asks.length)],
      };
    }
    return {
      label: 'survey_feedback', confidence: SURVEY_CONFIDENT, dissatisfaction, asksToComplain, asksToEscalate, personConfirms: false,
      reasons: [
        'reply to a satisfaction survey with no request to complain: feedback, not a complaint (Code 1.6)',
        ...(dissatisfaction
          ? [`negative feedback, so the reply says how to complain: "${complaintCues[0]!.quote}"`]
          : []),
      ],
    };
  }

  const features = featuresOf(input, cues);
  const scores = scoreWithModel(model, features);
  const accepts = cues.find((c) => c.id === 'accepts-response');
  const reasons: string[] = [];
  let label: ModelLabel;
  let confidence: number;
  let personConfirms = false;

  const repliesToResponse = input.context === 'stage1_response' || input.context === 'stage2_response';
  const asksSomething = cues.some((c) => c.id === 'request' || c.id === 'question');
  // Accepting the response outranks a mere mention of stage 2 or of the Ombudsman; only an explicit request to
  // complain or escalate, or dissatisfaction, makes a reply a complaint.
  const escalates = accepts ? cues.some((c) => c.id === 'asks-to-complain') : asks.length > 0 || dissatisfaction;
  if (repliesToResponse && escalates) {
    // Dissatisfaction with a stage 1 response is a request for stage 2, with or without reasons.
    label = 'complaint';
    confidence = Math.max(scores.complaint, RULE_CONFIDENT);
    reasons.push(input.context === 'stage1_response'
      ? 'reply to a stage 1 response expressing dissatisfaction: a stage 2 request'
      : 'reply to the stage 2 final response expressing dissatisfaction: the resident may refer it to the Ombudsman');
  } else if ((repliesToResponse || input.context === 'complaint_ack') && accepts && !dissatisfaction && !asksSomething) {
    // Accepting our response, asking nothing more: the complaint is settled, not reopened.
    label = 'other';
    confidence = Math.max(scores.other, RULE_CONFIDENT);
  } else if ((repliesToResponse || input.context === 'complaint_ack') && accepts && !dissatisfaction) {
    // Accepting our response and asking for something more (when the compensation will be paid, say): the
    // complaint is settled, and what is asked is a service request.
    label = 'service_request';
    confidence = Math.max(scores.service_request, REQUEST_RULE_CONFIDENT);
    reasons.push('accepts the response to the complaint and asks for something more: a service request');
  } else if (cues.some((c) => c.id === 'addressed-elsewhere')) {
    // Written to an energy company or a government office by name: whatever it says of them, it is not to us.
    label = 'other';
    confidence = Math.max(scores.other, 0.85);
    reasons.push('addressed by name to another organisation, so not a complaint or request to the landlord');
  } else if (input.context === 'service_request_ack' && !dissatisfaction && (asksSomething || cues.some((c) => c.id === 'gives-details'))
    && !cues.some((c) => c.id === 'marketing' || c.id === 'not-for-us')) {
    // Details or a question sent in reply to our acknowledgement (a phone number, when they are in, what they forgot
    // to say, whether it is morning or afternoon) belong to the request, however warmly the reply opens.
    label = 'service_request';
    confidence = Math.max(scores.service_request, REQUEST_RULE_CONFIDENT);
    reasons.push('reply to our acknowledgement of a service request, with details or a question about it');
  } else if (input.context === 'complaint_ack' && complaintCues.length > 0) {
    label = 'complaint';
    confidence = Math.max(scores.complaint, RULE_CONFIDENT);
    reasons.push('reply to a complaint acknowledgement that adds to or disputes the open complaint');
  } else if ((input.history?.timesSameProblemReported ?? 0) >= 2 && !cues.some((c) => c.supports === 'other')) {
    // The third report of the same problem is chasing a service request that was not put right (Code 1.5),
    // whatever the words; a person confirms when the words alone would not have said so.
    label = 'complaint';
    confidence = Math.max(scores.complaint, HISTORY_CONFIDENT);
    personConfirms = true;
    reasons.push(`the same problem has been reported ${input.history?.timesSameProblemReported} times before: chasing a service request (Code 1.5)`);
  } else if (!dissatisfaction && cues.some((c) => c.id === 'marketing' || c.id === 'not-for-us')) {
    // Marketing, phishing and messages meant for someone else are not from a resident writing to us.
    label = 'other';
    confidence = Math.max(scores.other, 0.9);
  } else if (!dissatisfaction && cues.some((c) => c.id === 'thanks' || c.id === 'compliment') && !cues.some((c) => c.id === 'request' || c.id === 'question' || c.id === 'gives-details')) {
    // Thanks and compliments that ask for nothing are 'other' (LABELS.md), whatever repair they mention; thanks
    // that come with details for a request (access, when they are in, what we asked for) belong to the request.
    label = 'other';
    confidence = Math.max(scores.other, 0.85);
  } else {
    // A complaint is an expression of dissatisfaction (Code 1.2): where no phrase shows any, the model's reading
    // of the wording alone must reach the (possibly higher) threshold the model was trained with.
    const complaintOdds = dissatisfaction
      ? model.complaintThreshold
      : Math.max(model.complaintThreshold, model.complaintThresholdWithoutDissatisfaction ?? 0);
    label = scores.complaint >= complaintOdds ? 'complaint' : scores.service_request >= scores.other ? 'service_request' : 'other';
    const otherCue = cues.some((c) => c.supports === 'other');
    if (label === 'other' && !dissatisfaction && !otherCue && scores.other < (model.otherThresholdWithoutCue ?? 0)) {
      // 'other' is for messages clearly not meant for us; a resident's message with no sign of that, and no strong
      // reading as other, is taken as a request: nobody's message is set aside in silence (issue 13).
      label = 'service_request';
      reasons.push('no sign of thanks, marketing or a wrong address, and not clearly meant for someone else: a service request rather than set aside');
    }
    if (label === 'other' && dissatisfaction && !otherCue) {
      // 'other' is for thanks, marketing and wrong addresses, each with its own cue. Dissatisfaction with none of
      // them is never set aside as 'other': nothing is silently dropped.
      label = scores.complaint >= scores.service_request ? 'complaint' : 'service_request';
      reasons.push('dissatisfaction, and no sign of thanks, marketing or a wrong address, so not set aside as "other"');
    }
    confidence = scores[label];
    const failures = cues.filter((c) => SERVICE_FAILURES.has(c.id));
    if (label !== 'complaint' && asks.length > 0 && !accepts) {
      // Code 1.2: a resident who asks to complain, to escalate, or to add to a complaint is complaining.
      reasons.push('asks in so many words to complain or to take a complaint further (Code 1.2)');
      label = 'complaint';
      confidence = Math.max(scores.complaint, RULE_CONFIDENT);
    } else if (label !== 'complaint' && failures.length > 0 && !accepts) {
      // Code 1.2: dissatisfaction with the landlord's own service, actions or lack of action is a complaint, however
      // politely put; the words that say so outrank the model's reading of the rest. A person confirms.
      reasons.push(`names a failure in the landlord's service, which makes it a complaint however politely it is put (Code 1.2)`);
      label = 'complaint';
      confidence = Math.max(scores.complaint, FAILURE_CONFIDENT);
      personConfirms = true;
    }
    if (label === 'complaint' && asks.length > 0) {
      confidence = Math.max(confidence, RULE_CONFIDENT);
      personConfirms = false;
    }
    if (input.context === 'service_request_ack' && label === 'complaint') {
      reasons.push('reply to our acknowledgement of a service request, dissatisfied with the response to it (Code 1.5)');
    }
  }

  const supporting = cues
    .filter((c) => c.supports === label)
    .sort((a, b) => weightOf(model, b, label) - weightOf(model, a, label));
  reasons.push(...said(supporting).slice(0, MAX_CUE_REASONS));
  const words = contributionsTowards(model, features, label)
    .filter((c) => isWordFeature(c.feature))
    .slice(0, MAX_WORD_EVIDENCE)
    .map((c) => `"${features.display.get(c.feature) ?? c.feature}"`);
  if (words.length > 0) reasons.push(`wording the model has learnt is typical of ${LABEL_WORDS[label]}: ${words.join(', ')}`);
  if (label !== 'complaint' && dissatisfaction) {
    reasons.push(`some signs of dissatisfaction, weighed and found weaker: ${complaintCues.slice(0, 2).map((c) => `"${c.quote}"`).join(', ')}`);
  }
  if (label === 'complaint' && supporting.length === 0 && !reasons.length) {
    reasons.push('the message as a whole reads like a complaint, though no single phrase says so');
  }
  if (reasons.length === 0) reasons.push(`nothing in the message marks it as anything but ${LABEL_WORDS[label]}`);
  // A complaint on the model's reading of the words alone, with no phrase showing dissatisfaction: a person confirms.
  if (label === 'complaint' && !dissatisfaction) personConfirms = true;
  return { label, confidence: round(confidence), reasons, dissatisfaction, asksToComplain, asksToEscalate, personConfirms,
    notForTheLandlord: cues.some((c) => c.supports === 'other') };
}

// Names of attached files and placeholders for pictures ("[image: scan.jpg]", "complaint form.pdf") are not words.
const ATTACHMENT_NAME = /\[(?:image|attachment|cid)[^\]]*\]|\S+\.(?:pdf|docx?|jpe?g|png|heic|gif|tiff?|odt|rtf|txt|zip)\b|<[^>]*>/gi;

/** True when the body has at least one word of two letters or more, leaving aside the names of attached files. */
function hasReadableWords(body: string): boolean {
  return /\p{L}{2,}/u.test(body.replace(ATTACHMENT_NAME, ' '));
}

/** What intake knows of earlier reports counts as evidence too, quoted from the case history. */
function historyCues(history: SenderHistory | undefined): CueHit[] {
  if (!history) return [];
  const hits: CueHit[] = [];
  const reported = history.timesSameProblemReported ?? 0;
  if (reported >= 2) {
    hits.push({ id: 'repeat-report', supports: 'complaint', dissatisfaction: true,
      reason: 'chasing something reported before', quote: `the same problem was reported ${reported} times before (case history)` });
  }
  const open = history.openServiceRequestsOnSameMatter ?? 0;
  if (open > 0 && reported < 2) {
    hits.push({ id: 'open-request', supports: 'complaint', dissatisfaction: false,
      reason: 'a service request on the same matter is still open', quote: `${open} open (case history)` });
  }
  return hits;
}

function weightOf(model: TriageModel, cue: CueHit, label: TriageLabel): number {
  const index = MODEL_LABELS.indexOf(label as ModelLabel);
  return index < 0 ? 0 : (weightsOf(model, `cue:${cue.id}`)?.[index] ?? 0);
}

const round = (value: number) => Math.round(value * 1000) / 1000;
