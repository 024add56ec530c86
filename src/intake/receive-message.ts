import type { GovUkBankHolidays } from '../core/calendar/bank-holidays.ts';
import { toCalendarDate } from '../core/calendar/london-date.ts';
import { caseSummary, complaintEventsOf, residentFrom, type CaseEventRecord, type CaseKind, type CaseRecord } from '../core/case/case-record.ts';
import { letterLandlord, officerOrManagers } from '../core/case/complaint-change.ts';
import { describeContactChannel, describeRestrictionTerms, howIntakeHonours, restrictionFor, type IntakeHonouring, type SenderRestriction } from '../core/case/restriction.ts';
import { complaintTimeline, stageReached } from '../core/case/complaint.ts';
import { calendarForPolicy } from '../core/code/deadlines.ts';
import { caseRefFor, caseRefsIn, deliveryIdentity, messageRefFor, senderKey } from '../core/intake/identity.ts';
import { sameMatter } from '../core/intake/same-matter.ts';
import type { Attachment, FormDetails, InboundMessageRecord, IntakeChannel, MessageOutcome, TriageRecord } from '../core/intake/message.ts';
import type { LandlordPolicy } from '../core/policy/landlord-policy.ts';
import { decideTriageOutcome, type TriageOutcome } from '../core/triage/outcome.ts';
import { onFirstUse } from '../first-use.ts';
import type { ReplyContext, TriageInput } from '../core/triage/triage-input.ts';
import { formatLetterDate } from '../letters/catalogue.ts';
import { sendLetter, type LetterDeps } from '../outbound/send-letter.ts';
import type { CaseStore, LetterLog, Logger, MessageLog } from '../ports.ts';
import type { CaseWorkflow } from '../ports-lifecycle.ts';
import { changeComplaint, openComplaint as logComplaint } from '../services/complaint-service.ts';
import { waitWhileHeld } from '../services/wait-while-held.ts';
import type { LandlordDirectory } from './landlords.ts';

/** What intake needs: the store, the mail service, the workflow, the landlords and the bank holidays. */
export interface IntakeDeps extends LetterDeps {
  readonly messages: MessageLog;
  readonly cases: CaseStore;
  readonly letters: LetterLog;
  /** The complaint's state machine: started for a new complaint, started again when a stage 2 request revives one. */
  readonly workflow: CaseWorkflow;
  readonly logger: Logger;
  readonly landlords: LandlordDirectory;
  readonly govUk: GovUkBankHolidays;
  /** Automatic replies allowed to one address in one clock hour (loop guard). Default 3. */
  readonly replyLimitPerHour?: number;
  /** How long an attempt holds a message it is handling; `MESSAGE_LEASE_MS` unless a soak test shortens it. */
  readonly messageLeaseMs?: number;
}

/** Outcomes the transport settles before triage: the message is kept and goes no further. */
export type SettledOutcome = Extract<MessageOutcome, 'automatic' | 'bounce' | 'unreadable' | 'too-large' | 'spam' | 'virus'>;

/** A message as a channel hands it to intake. */
export interface Arrival {
  readonly landlordId: string;
  readonly channel: IntakeChannel;
  readonly receivedAt: string;
  readonly from: string | null;
  readonly fromName: string | null;
  readonly to: string;
  readonly subject: string | null;
  readonly body: string;
  readonly externalId: string | null;
  readonly contentSha256: string;
  readonly rawSha256: string | null;
  readonly rawDocumentKey: string | null;
  readonly attachments: readonly Attachment[];
  readonly repliesTo: readonly string[];
  readonly form: FormDetails | null;
  /** Mail only: where letters go (chosen from Reply-To and From), or null when neither can receive; default `from`. */
  readonly replyTo?: string | null;
  /** Where the whole body and the HTML are kept when the message holds only an excerpt. */
  readonly bodyDocumentKey?: string | null;
  readonly htmlDocumentKey?: string | null;
  /** Identifies this one delivery (an SES receipt, an SMTP transaction, an HTTP request), to record repeats apart. */
  readonly deliveryId: string;
  readonly flags?: readonly string[];
  readonly notes?: readonly string[];
  readonly settled?: { readonly outcome: SettledOutcome; readonly caseRef?: string | null };
}

/** What became of a message, for the channel to answer with. */
export interface IntakeResult {
  readonly messageRef: string;
  readonly outcome: MessageOutcome;
  readonly caseRef: string | null;
  readonly caseKind: CaseKind | null;
  readonly duplicateOf: string | null;
  /** The receipt sent by mail, if any: intake's automatic answer, not the Code's acknowledgement (6.2, 6.11). */
  readonly receipt: { readonly letterId: string; readonly template: string } | null;
  /** For SMS: the reply text to give back to the provider. */
  readonly textReply: string | null;
}

/**
 * The classifier with its trained model and cues (about 150 kB), imported when a message is first classified: the
 * contact form's pages, the console and the staff API never classify, so the HTTP function's cold start does not carry
 * it. Mail intake classifies every mail and loads it at its own cold start (lambdas/receive-email/handler.ts).
 */
const loadClassifier = onFirstUse(() => import('../core/triage/classify.ts'));

const SAME_MATTER = 'the same resident has an open case about the same matter';

interface LinkedCase {
  readonly record: CaseRecord;
  /** The case's history, when finding the case read it. */
  readonly history?: readonly CaseEventRecord[];
  readonly how: string;
  readonly context: ReplyContext | null;
}

const LETTER_CONTEXT: Record<string, ReplyContext> = {
  'complaint-received': 'complaint_ack',
  'stage-1-acknowledgement': 'complaint_ack',
  'message-added-to-case': 'complaint_ack',
  'stage-1-response': 'stage1_response',
  'stage-2-request-received': 'stage1_response',
  'stage-2-acknowledgement': 'stage1_response',
  'stage-2-response': 'stage2_response',
  'service-request-logged': 'service_request_ack',
  'satisfaction-survey': 'survey',
};

/** Where the resident can be written to by mail, if anywhere. */
const mailAddressOf = (arrival: Arrival): string | null =>
  arrival.form ? arrival.form.email : arrival.channel === 'email' ? (arrival.replyTo === undefined ? arrival.from : arrival.replyTo) : null;

/**
 * Keeps, classifies, links and answers one resident message: once, however often it is delivered.
 * The message is stored first (outcome `received`); a retry that finds it there carries on where the first attempt
 * stopped, and a repeat delivery of a finished message is kept as a duplicate of it.
 */
export async function receiveMessage(deps: IntakeDeps, arrival: Arrival): Promise<IntakeResult> {
  const policy = deps.landlords.get(arrival.landlordId);
  if (!policy) throw new Error(`no policy profile for landlord ${arrival.landlordId}`);
  const flags = [...(arrival.flags ?? [])];
  const notes = [...(arrival.notes ?? [])];
  let identity = deliveryIdentity(arrival);
  let message: InboundMessageRecord;
  // The sender's history is read while the message is kept (one wave, not two); used only if this attempt handles
  // the message from the start, since one that waited for another attempt reads it again afterwards.
  const sender = arrival.from === null ? null : senderKey(arrival.from);
  let history: Promise<SenderHistory> | null = arrival.settled ? null : senderHistoryOf(deps, arrival);
  history?.catch(() => undefined);

  for (;;) {
    const messageRef = messageRefFor(identity);
    message = {
      messageRef,
      landlordId: arrival.landlordId,
      channel: arrival.channel,
      receivedAt: arrival.receivedAt,
      from: sender,
      fromName: arrival.fromName,
      to: arrival.to,
      subject: arrival.subject,
      body: arrival.body,
      ...(arrival.bodyDocumentKey ? { bodyDocumentKey: arrival.bodyDocumentKey } : {}),
      ...(arrival.htmlDocumentKey ? { htmlDocumentKey: arrival.htmlDocumentKey } : {}),
      externalId: arrival.externalId,
      contentSha256: arrival.contentSha256,
      rawSha256: arrival.rawSha256,
      rawDocumentKey: arrival.rawDocumentKey,
      attachments: [...arrival.attachments],
      repliesTo: [...arrival.repliesTo],
      form: arrival.form,
      outcome: arrival.settled?.outcome ?? 'received',
      duplicateOf: null,
      caseRef: arrival.settled?.caseRef ?? null,
      triage: null,
      flags,
      notes,
      ...(arrival.settled ? {} : { leaseHolder: arrival.deliveryId, leaseUntil: leaseFrom(deps) }),
    };
    if ((await deps.messages.saveMessage(message)) === 'created') break;
    history = null;
    let first = await deps.messages.getMessage(messageRef);
    if (!first) throw new Error(`message ${messageRef} was there a moment ago and is gone`);
    if (first.contentSha256 !== arrival.contentSha256) {
      // Not a repeat: a different message reusing an id. Keep it under its own reference; never lose it.
      flags.push(`its id ${arrival.externalId ?? '(none)'} was used before by a different message, ${first.messageRef}: kept separately`);
      identity = `${identity}|content:${arrival.contentSha256}`;
      continue;
    }
    if (first.outcome === 'received' && !arrival.settled) {
      // Another attempt may be handling this very message now (a double-click, a provider's retry racing its first
      // request, two SMTP deliveries at once): wait for it while its lease runs; take over only once it has lapsed.
      const settled = await awaitOtherAttempt(deps, first, arrival.deliveryId);
      if (settled === 'taken-over') {
        deps.logger.info('resuming a message an earlier attempt did not finish', { messageRef, landlordId: arrival.landlordId });
        message = { ...first, leaseHolder: arrival.deliveryId };
        break;
      }
      first = settled;
    }
    const repeat: InboundMessageRecord = {
      ...message,
      messageRef: messageRefFor(`${identity}|repeat:${arrival.deliveryId}`),
      outcome: 'duplicate',
      duplicateOf: first.messageRef,
      caseRef: first.caseRef,
      notes: [...notes, `a repeat delivery of ${first.messageRef}: kept, not handled again`],
    };
    await deps.messages.saveMessage(repeat);
    deps.logger.info('repeat delivery kept as a duplicate', { messageRef: repeat.messageRef, duplicateOf: first.messageRef, landlordId: arrival.landlordId });
    return { messageRef: repeat.messageRef, outcome: 'duplicate', caseRef: first.caseRef, caseKind: null, duplicateOf: first.messageRef, receipt: null, textReply: null };
  }

  if (!arrival.settled) {
    try {
      return await handle(deps, policy, arrival, message, flags, notes, history);
    } catch (error) {
      // Give the lease back, so the retry that follows a failure carries on at once.
      await deps.messages.releaseMessage(message.messageRef, arrival.deliveryId).catch(() => undefined);
      throw error;
    }
  }
  deps.logger.info('message kept without handling', { messageRef: message.messageRef, landlordId: arrival.landlordId, outcome: arrival.settled.outcome, caseRef: message.caseRef });
  return { messageRef: message.messageRef, outcome: arrival.settled.outcome, caseRef: message.caseRef, caseKind: null, duplicateOf: null, receipt: null, textReply: null };
}

/** How long an attempt holds a message it is handling: longer than mail intake's 60 s function timeout. */
export const MESSAGE_LEASE_MS = 90_000;
/** How long a second copy waits for the attempt handling the first, before asking to be retried. */
const MESSAGE_WAIT_MS = 20_000;

const leaseFrom = (deps: Pick<IntakeDeps, 'clock' | 'messageLeaseMs'>): string =>
  new Date(deps.clock.now().getTime() + (deps.messageLeaseMs ?? MESSAGE_LEASE_MS)).toISOString();

// Waits for the attempt holding a message to finish: the finished message, to record this copy as its duplicate; or
// `taken-over` when the holder's lease lapsed (it crashed) and this attempt won the message.
async function awaitOtherAttempt(deps: IntakeDeps, first: InboundMessageRecord, holder: string): Promise<InboundMessageRecord | 'taken-over'> {
  let known: InboundMessageRecord | null = first;
  return waitWhileHeld(async () => {
    // The first look uses the record just read; each later one reads it again.
    const current: InboundMessageRecord = known ?? (await deps.messages.getMessage(first.messageRef)) ?? first;
    known = null;
    if (current.outcome !== 'received') return current;
    const now = deps.clock.now().toISOString();
    if ((current.leaseUntil ?? '') < now && (await deps.messages.takeOverMessage(current.messageRef, holder, leaseFrom(deps), now))) return 'taken-over' as const;
    return 'held';
  }, MESSAGE_WAIT_MS, `message ${first.messageRef}`);
}

type SenderHistory = Awaited<ReturnType<IntakeDeps['cases']['senderHistory']>>;

/**
 * Every key a message knows its sender by: who it is from; for a mail whose letters go to its Reply-To address, that
 * address too; for a form that gives both an email address and a phone number, the other one too. A case is kept
 * under the address its resident's letters go to, else their number (with a pointer under the number when they gave
 * both). So a second mail from someone writing through an advice centre (From the centre, Reply-To themselves) finds
 * the case their first opened, and a form giving the number a resident texted a complaint from is linked to that
 * complaint, their restriction recognised.
 */
function senderKeysOf(arrival: Pick<Arrival, 'from' | 'form' | 'channel' | 'replyTo'>): string[] {
  const letterAddress = arrival.channel === 'email' ? arrival.replyTo : null;
  const given = [arrival.from, letterAddress, arrival.form?.email, arrival.form?.phone].filter((key): key is string => typeof key === 'string' && key.trim() !== '');
  return arrival.from === null ? [] : [...new Set(given.map(senderKey))];
}

/** The sender's cases and earlier messages under every key the message knows them by. */
function senderHistoryOf(deps: IntakeDeps, arrival: Arrival): Promise<SenderHistory> | null {
  const keys = senderKeysOf(arrival);
  return keys.length === 0 ? null : deps.cases.senderHistory(arrival.landlordId, keys);
}

async function handle(
  deps: IntakeDeps, policy: LandlordPolicy, arrival: Arrival, message: InboundMessageRecord, flags: string[], notes: string[],
  /** The sender's history if it was read alongside keeping the message. */
  read: Promise<SenderHistory> | null,
): Promise<IntakeResult> {
  const cal = calendarForPolicy(policy, deps.govUk);
  const sender = message.from;
  // The sender's cases and earlier messages, read once, for linking and for the history the classifier weighs.
  // A case this very message opened (on an attempt that stopped part-way) is not another case to link it to.
  const { cases, messages: earlierMessages } = (await (read ?? senderHistoryOf(deps, arrival))) ?? { cases: [], messages: [] };
  const senderCases = cases.filter((c) => c.openedByMessageRef !== message.messageRef);
  const linked = await findCase(deps, arrival, senderCases);
  const history = sender ? historyOf(arrival, message.messageRef, earlierMessages, senderCases) : undefined;
  const input: TriageInput = {
    channel: arrival.channel,
    subject: arrival.subject,
    body: arrival.body,
    context: linked?.context ?? null,
    ...(history ? { history } : {}),
  };
  const { classifyMessage } = await loadClassifier();
  const classification = classifyMessage(input);
  let triage = decideTriageOutcome(input, classification);
  if (arrival.form?.wants === 'report-or-ask' && triage.label === 'complaint' && !classification.dissatisfaction) {
    // The resident chose to report a problem and no words of dissatisfaction were found: a service request (Code 1.4).
    triage = decideTriageOutcome(input, {
      ...classification,
      label: 'service_request',
      reasons: ['the resident chose "report a problem or ask for something" on the form, and no dissatisfaction was found', ...classification.reasons],
    });
  }
  if (arrival.form?.wants === 'complaint') {
    // Code 1.3: the resident chose to make a complaint; their choice stands, whatever the words suggest.
    triage = { ...triage, label: 'complaint', confidence: 1, needsReview: false, handling: linked?.context === 'stage1_response' ? 'escalate-to-stage-2' : 'open-stage-1', reasons: ['the resident chose "make a complaint" on the form: their choice stands (Code 1.3)', ...triage.reasons] };
  }
  const triageRecord: TriageRecord = {
    label: triage.label,
    confidence: triage.confidence,
    reasons: triage.reasons,
    handling: triage.handling,
    needsReview: triage.needsReview,
    offerComplaintChoice: triage.reply.offerComplaintChoice,
  };
  if (triage.needsReview) flags.push('a person should decide whether this is a complaint (low confidence or dissatisfaction found)');
  if (linked) notes.push(`linked to ${linked.record.caseRef}: ${linked.how}`);
  // A restriction on the sender's contact, from the case heads already read: it never stops a message being kept or
  // handled, only notes it, flags one that came another way, and tells the named officer (Code 5.14; seed 002 §4.4).
  const restricted = restrictionFor(senderCases, arrival.receivedAt);
  const honouring = restricted ? howIntakeHonours(restricted, { channel: arrival.channel, to: arrival.to }) : null;
  if (honouring) notes.push(honouring.note);
  if (honouring?.flag) flags.push(honouring.flag);

  const route = await routeMessage(deps, policy, arrival, message, triage, linked, cal, notes, honouring?.remindOfAgreedRoute ?? null);
  if (restricted && honouring) await tellOfficerOfRestrictedContact(deps, policy, arrival, message, restricted, honouring, route);
  await deps.messages.updateMessage(message.messageRef, { outcome: route.outcome, caseRef: route.caseRef, triage: triageRecord, flags, notes });
  deps.logger.info('message handled', {
    messageRef: message.messageRef,
    landlordId: policy.landlordId,
    channel: arrival.channel,
    label: triage.label,
    confidence: triage.confidence,
    outcome: route.outcome,
    caseRef: route.caseRef,
    receipt: route.receipt?.template ?? null,
    needsReview: triage.needsReview,
  });
  return { messageRef: message.messageRef, duplicateOf: null, ...route };
}

async function findCase(deps: IntakeDeps, arrival: Arrival, senderCases: readonly CaseRecord[]): Promise<LinkedCase | null> {
  for (const ref of caseRefsIn(arrival.subject, arrival.body)) {
    // The case (already read, when it is the sender's own) and its history at once; the last letter on it, sent or
    // filed to post, says what the message is likely answering.
    const [record, history] = await Promise.all([senderCases.find((c) => c.caseRef === ref) ?? deps.cases.getCase(ref), deps.cases.events(ref)]);
    if (record && record.landlordId === arrival.landlordId) {
      const last = history.findLast((e) => e.event.type === 'letter-sent' || e.event.type === 'letter-to-post')?.event;
      return { record, history, how: `the message quotes the reference ${ref}`, context: contextOf(record, last && 'template' in last ? last.template : undefined) };
    }
  }
  for (const id of arrival.repliesTo) {
    const providerId = id.replace(/^<|>$/g, '').split('@')[0] ?? '';
    const letter = providerId ? await deps.letters.letterByProviderMessageId(providerId) : null;
    if (letter?.caseRef && letter.landlordId === arrival.landlordId) {
      const record = await deps.cases.getCase(letter.caseRef);
      if (record) return { record, how: `it replies to our letter ${letter.letterId}`, context: contextOf(record, letter.template) };
    }
  }
  const open = senderCases.filter((c) => c.state === 'open');
  const match = open.reverse().find((c) => sameMatter(c.summary, `${arrival.subject ?? ''} ${arrival.body}`));
  return match ? { record: match, how: SAME_MATTER, context: contextOf(match, undefined) } : null;
}

function contextOf(record: CaseRecord, lastTemplate: string | undefined): ReplyContext | null {
  if (lastTemplate && LETTER_CONTEXT[lastTemplate]) return LETTER_CONTEXT[lastTemplate];
  return record.kind === 'complaint' ? 'complaint_ack' : 'service_request_ack';
}

function historyOf(arrival: Arrival, messageRef: string, fromSender: readonly InboundMessageRecord[], senderCases: readonly CaseRecord[]): TriageInput['history'] {
  const earlier = fromSender.filter(
    (m) => m.messageRef !== messageRef && m.outcome !== 'duplicate' && m.outcome !== 'automatic',
  );
  const text = `${arrival.subject ?? ''} ${arrival.body}`;
  const sameProblem = earlier.filter((m) => sameMatter(`${m.subject ?? ''} ${m.body}`, text));
  const openRequests = senderCases.filter(
    (c) => c.kind === 'service-request' && c.state === 'open' && sameMatter(c.summary, text),
  );
  return { earlierMessages: earlier.length, openServiceRequestsOnSameMatter: openRequests.length, timesSameProblemReported: sameProblem.length };
}

interface Route {
  readonly outcome: MessageOutcome;
  readonly caseRef: string | null;
  readonly caseKind: CaseKind | null;
  readonly receipt: { readonly letterId: string; readonly template: string } | null;
  readonly textReply: string | null;
}

async function routeMessage(
  deps: IntakeDeps,
  policy: LandlordPolicy,
  arrival: Arrival,
  message: InboundMessageRecord,
  triage: TriageOutcome,
  linked: LinkedCase | null,
  cal: ReturnType<typeof calendarForPolicy>,
  notes: string[],
  agreedContact: string | null,
): Promise<Route> {
  const open = linked && linked.record.state === 'open' ? linked.record : null;
  if (open && !(open.kind === 'service-request' && triage.label === 'complaint')) {
    return joinCase(deps, policy, arrival, message, triage, open, linked?.history, cal, notes, agreedContact);
  }
  // A reply on a closed complaint, unhappy with it or asking to take it further, stays on that complaint: stage 2
  // after a stage 1 response (6.10 to 6.12), the Ombudsman after the final response (6.19 (g)). Never a new stage 1
  // complaint (5.3); a new, unrelated matter still is one (6.8).
  const closedComplaint = linked && linked.record.kind === 'complaint' && linked.record.state === 'closed' && linked.how !== SAME_MATTER ? linked.record : null;
  if (closedComplaint && (triage.label === 'complaint' || triage.handling === 'escalate-to-stage-2')) {
    return joinCase(deps, policy, arrival, message, { ...triage, handling: 'escalate-to-stage-2' }, closedComplaint, linked?.history, cal, notes);
  }
  if (open) notes.push(`dissatisfied with service request ${open.caseRef}: opened as a complaint (Code 1.4, 1.5)`);
  switch (triage.label) {
    case 'complaint':
      return openComplaint(deps, policy, arrival, message, cal, notes);
    case 'service_request':
      return openServiceRequest(deps, policy, arrival, message, triage, notes);
    case 'survey_feedback': {
      const receipt = await sendReceipt(deps, policy, arrival, message, null, 'survey-feedback-thanks', {
        landlord: letterLandlord(policy),
        receivedOn: formatLetterDate(toCalendarDate(arrival.receivedAt)),
        ...(arrival.form?.name ? { residentName: arrival.form.name } : {}),
      }, notes);
      return { outcome: 'recorded', caseRef: null, caseKind: null, receipt, textReply: textReplyFor(policy, 'feedback', null) };
    }
    case 'other':
      notes.push('not a complaint, service request or feedback: kept with its reasons, no reply sent');
      return { outcome: 'recorded', caseRef: null, caseKind: null, receipt: null, textReply: null };
    default: {
      const unknown: never = triage.label;
      throw new Error(`no route for label ${String(unknown)}`);
    }
  }
}

// The case, and its last event number when this attempt opened it (so the receipt's record needs no lookup).
async function openCase(deps: IntakeDeps, policy: LandlordPolicy, arrival: Arrival, message: InboundMessageRecord, kind: CaseKind, nextDueOn: string | null): Promise<{ record: CaseRecord; lastSeq?: number }> {
  const record: CaseRecord = {
    caseRef: caseRefFor(kind, message.messageRef),
    landlordId: policy.landlordId,
    kind,
    openedAt: arrival.receivedAt,
    openedByMessageRef: message.messageRef,
    channel: arrival.channel,
    // Later letters go where the receipt went: Reply-To when it can receive, else From (RFC 5322), or nowhere.
    resident: residentFrom(arrival, mailAddressOf(arrival)),
    representative: arrival.form?.representative ?? null,
    adjustments: arrival.form?.adjustments ?? null,
    summary: caseSummary(arrival.subject, arrival.body),
    state: 'open',
    nextDueOn,
  };
  if (kind === 'complaint') {
    const logged = await logComplaint(intakeServiceDeps(deps), record, { action: 'log-complaint', receivedAt: arrival.receivedAt, via: arrival.channel, messageRef: message.messageRef }, 'resident');
    if (!logged.ok) throw new Error(`a new complaint was refused: ${logged.error.kind}`);
    // The reference comes from the message, so a retry's case is this very record: no need to read it back.
    const lastSeq = 'events' in logged.value ? logged.value.events.at(-1)?.seq : undefined;
    return { record, ...(lastSeq === undefined ? {} : { lastSeq }) };
  }
  // The case and its first record in one wave. The record goes at number 1 or not at all, so a retry never writes it
  // twice, and one whose first attempt stopped before writing it writes it now.
  const first = { type: 'message-joined', at: arrival.receivedAt, messageRef: message.messageRef } as const;
  const [created, joined] = await Promise.all([
    deps.cases.createCase(record),
    deps.cases.appendActivityAt(record.caseRef, 1, { recordedAt: arrival.receivedAt, by: 'resident', event: first }),
  ]);
  const lastSeq = joined === 'conflict' ? {} : { lastSeq: 1 };
  if (created === 'created') return { record, ...lastSeq };
  // A retry: the first attempt opened the case, and staff may have changed it since.
  return { record: (await deps.cases.getCase(record.caseRef)) ?? record, ...lastSeq };
}

// `notes` are the message's own: why a receipt was held back (the loop guard) stays on the message for staff.
async function openComplaint(deps: IntakeDeps, policy: LandlordPolicy, arrival: Arrival, message: InboundMessageRecord, cal: ReturnType<typeof calendarForPolicy>, notes: string[]): Promise<Route> {
  const timeline = complaintTimeline([{ type: 'received', at: arrival.receivedAt }], policy, cal);
  if (!timeline.ok) throw new Error(`a new complaint breaks the case rules: ${timeline.error.kind}`);
  const acknowledgement = timeline.value.milestones.find((m) => m.id === 'stage-1-acknowledgement');
  if (!acknowledgement) throw new Error('a new complaint has no acknowledgement milestone');
  const allowance = allowanceAlongside(deps, policy, arrival);
  const { record, lastSeq } = await openCase(deps, policy, arrival, message, 'complaint', acknowledgement.dueOn);
  const receipt = await sendReceipt(deps, policy, arrival, message, record.caseRef, 'complaint-received', {
    caseRef: record.caseRef,
    landlord: letterLandlord(policy),
    receivedOn: formatLetterDate(timeline.value.receivedOn),
    ...(arrival.subject?.trim() ? { residentSubject: arrival.subject.trim() } : {}),
    ...(record.resident.name ? { residentName: record.resident.name } : {}),
    acknowledgeWithinWorkingDays: policy.stage1.acknowledgeWithinWorkingDays,
    acknowledgeBy: formatLetterDate(acknowledgement.dueOn),
    respondWithinWorkingDays: policy.stage1.respondWithinWorkingDays,
    respondCountedFrom: policy.stage1.respondCountedFrom,
    ombudsman: policy.ombudsman,
  }, notes, { allowance, ...(lastSeq === undefined ? {} : { caseLastSeq: lastSeq }) });
  return { outcome: 'opened-case', caseRef: record.caseRef, caseKind: 'complaint', receipt, textReply: textReplyFor(policy, 'complaint', record.caseRef) };
}

async function openServiceRequest(deps: IntakeDeps, policy: LandlordPolicy, arrival: Arrival, message: InboundMessageRecord, triage: TriageOutcome, notes: string[]): Promise<Route> {
  const allowance = allowanceAlongside(deps, policy, arrival);
  const { record, lastSeq } = await openCase(deps, policy, arrival, message, 'service-request', null);
  const receipt = await sendReceipt(deps, policy, arrival, message, record.caseRef, 'service-request-logged', {
    caseRef: record.caseRef,
    landlord: letterLandlord(policy),
    receivedOn: formatLetterDate(toCalendarDate(arrival.receivedAt)),
    ...(arrival.subject?.trim() ? { residentSubject: arrival.subject.trim() } : {}),
    ...(record.resident.name ? { residentName: record.resident.name } : {}),
    offerComplaintChoice: triage.reply.offerComplaintChoice,
  }, notes, { allowance, ...(lastSeq === undefined ? {} : { caseLastSeq: lastSeq }) });
  return { outcome: 'opened-case', caseRef: record.caseRef, caseKind: 'service-request', receipt, textReply: textReplyFor(policy, 'service-request', record.caseRef) };
}

async function joinCase(
  deps: IntakeDeps,
  policy: LandlordPolicy,
  arrival: Arrival,
  message: InboundMessageRecord,
  triage: TriageOutcome,
  record: CaseRecord,
  /** The case's history, if finding the case read it already. */
  known: readonly CaseEventRecord[] | undefined,
  cal: ReturnType<typeof calendarForPolicy>,
  notes: string[],
  agreedContact: string | null = null,
): Promise<Route> {
  const at = arrival.receivedAt;
  // The case's history, read once: the number the message's record goes at (and the receipt's after it), and for a
  // complaint, whether its final response is given and which stage it has reached.
  const history = known ?? await deps.cases.events(record.caseRef);
  const base = { outcome: 'joined-case' as const, caseRef: record.caseRef, caseKind: record.kind };
  const timeline = record.kind === 'complaint' ? complaintTimeline(complaintEventsOf(history), policy, cal) : null;
  const finalResponseGiven = timeline?.ok === true && timeline.value.milestones.some((m) => m.id === 'stage-2-response' && (m.state === 'met' || m.state === 'missed'));
  const toOmbudsman = record.kind === 'complaint' && (triage.handling === 'escalate-to-stage-2' || triage.label === 'complaint') && finalResponseGiven;
  // A stage 2 request is answered by the Code's own letter, not a receipt: no loop-guard allowance for it.
  const escalating = record.kind === 'complaint' && triage.handling === 'escalate-to-stage-2' && !toOmbudsman;
  const allowance = escalating ? undefined : allowanceAlongside(deps, policy, arrival);
  const joined = await deps.cases.appendEvent(record.caseRef, { recordedAt: at, by: 'resident', event: { type: 'message-joined', at, messageRef: message.messageRef } }, history.at(-1)?.seq ?? 0);
  if (toOmbudsman) {
    // After the final response there is no further stage: the route on is the Ombudsman (6.19 (g)).
    notes.push('unhappy after the final (stage 2) response: told of the Ombudsman; no new complaint opened (Code 5.3, 6.19)');
    const receipt = await sendReceipt(deps, policy, arrival, message, record.caseRef, 'ombudsman-route', {
      caseRef: record.caseRef, landlord: letterLandlord(policy), receivedOn: formatLetterDate(toCalendarDate(at)),
      ...(record.resident.name ? { residentName: record.resident.name } : {}), ombudsman: policy.ombudsman,
    }, notes, { allowance: allowance ?? null, caseLastSeq: joined.seq });
    return { ...base, receipt, textReply: textReplyFor(policy, 'ombudsman', record.caseRef) };
  }
  if (escalating) {
    const origin = { inReplyToMessageRef: message.messageRef, inReplyToMessageId: arrival.channel === 'email' ? arrival.externalId : null };
    const requested = await changeComplaint(intakeServiceDeps(deps), record.caseRef, { action: 'escalate', via: arrival.channel, messageRef: message.messageRef, receivedAt: at }, 'resident', origin);
    if (requested.ok) {
      notes.push('a stage 2 request on the same complaint: no reason is needed (Code 6.12)');
      const letter = requested.value.letters[0];
      return { ...base, receipt: letter ? { letterId: letter.letterId, template: letter.template } : null, textReply: textReplyFor(policy, 'stage-2', record.caseRef) };
    }
    notes.push(`asks for stage 2, but the case is not at a point where stage 2 can start (${requested.error.kind}): added to the case for staff`);
  }
  const stage = timeline ? (timeline.ok ? stageReached(timeline.value) : 'stage-1') : undefined;
  const receipt = await sendReceipt(deps, policy, arrival, message, record.caseRef, 'message-added-to-case', {
    caseRef: record.caseRef,
    landlord: letterLandlord(policy),
    caseKind: record.kind,
    ...(stage ? { stage } : {}),
    receivedOn: formatLetterDate(toCalendarDate(at)),
    ...(arrival.subject?.trim() ? { residentSubject: arrival.subject.trim() } : {}),
    ...(record.resident.name ? { residentName: record.resident.name } : {}),
    // Only on a complaint: a word on a repair, urgent or not, is never met with the restriction (seed 002 §4.4).
    ...(agreedContact && record.kind === 'complaint' ? { agreedContact } : {}),
  }, notes, { ...(allowance === undefined ? {} : { allowance }), caseLastSeq: joined.seq });
  return { ...base, receipt, textReply: textReplyFor(policy, 'added', record.caseRef) };
}

// The officer a restricted resident deals with (the managers when none is named and the message came another way)
// hears of every message from them, with what intake did with it. Keyed by the message, so a retry sends nothing twice.
async function tellOfficerOfRestrictedContact(
  deps: IntakeDeps, policy: LandlordPolicy, arrival: Arrival, message: InboundMessageRecord, restricted: SenderRestriction, honouring: IntakeHonouring, route: Route,
): Promise<void> {
  if (!honouring.tellOfficer && honouring.byAgreedRoute) return;
  const handled = route.outcome === 'opened-case' ? `opened ${route.caseKind === 'complaint' ? 'complaint' : 'service request'} ${route.caseRef}`
    : route.outcome === 'joined-case' ? `added to ${route.caseRef}` : 'recorded';
  const recipients = officerOrManagers(honouring.tellOfficer ?? undefined, policy);
  for (const [i, to] of recipients.entries()) {
    await sendLetter(deps, {
      letterId: `restricted-${message.messageRef}-${i + 1}`, landlordId: policy.landlordId, caseRef: restricted.caseRef,
      inReplyToMessageRef: message.messageRef, inReplyToMessageId: null, from: policy.contact.complaintsEmail, to,
      letter: 'contact-from-restricted-resident',
      data: {
        ...(honouring.tellOfficer ? { officerName: honouring.tellOfficer } : {}), caseRef: restricted.caseRef, landlord: letterLandlord(policy),
        messageRef: message.messageRef, channel: describeContactChannel(arrival.channel), receivedOn: formatLetterDate(toCalendarDate(arrival.receivedAt)),
        byAgreedRoute: honouring.byAgreedRoute, allowed: describeRestrictionTerms(restricted.restriction), handled,
      },
    });
  }
}

/** The complaint service as intake uses it: intake's own ports, with the landlords' policies. */
const intakeServiceDeps = (deps: IntakeDeps) => ({ ...deps, policies: deps.landlords.policies });


type ReceiptTemplate = 'complaint-received' | 'service-request-logged' | 'survey-feedback-thanks' | 'stage-2-request-received' | 'message-added-to-case' | 'ombudsman-route';

// The allowance taken in the same wave as opening the case; a failure surfaces when the receipt awaits it.
function allowanceAlongside(deps: IntakeDeps, policy: LandlordPolicy, arrival: Arrival): Promise<boolean> | null {
  const allowance = takeAllowance(deps, policy, arrival);
  allowance?.catch(() => undefined);
  return allowance;
}

// One of the automatic replies an address may have this hour (the loop guard); null when there is nobody to answer.
function takeAllowance(deps: IntakeDeps, policy: LandlordPolicy, arrival: Arrival): Promise<boolean> | null {
  const to = mailAddressOf(arrival);
  return to ? deps.letters.takeReplyAllowance(policy.landlordId, to.toLowerCase(), arrival.receivedAt.slice(0, 13), deps.replyLimitPerHour ?? 3) : null;
}

async function sendReceipt(
  deps: IntakeDeps,
  policy: LandlordPolicy,
  arrival: Arrival,
  message: InboundMessageRecord,
  caseRef: string | null,
  template: ReceiptTemplate,
  data: Record<string, unknown>,
  notes: string[],
  options: {
    /** The loop guard's allowance, when the caller took it already (alongside opening the case). */
    readonly allowance?: Promise<boolean> | null;
    /** The case's last event number, when the caller has just opened it. */
    readonly caseLastSeq?: number;
  } = {},
): Promise<{ letterId: string; template: string } | null> {
  const allowance = options.allowance === undefined ? takeAllowance(deps, policy, arrival) : options.allowance;
  const to = mailAddressOf(arrival);
  if (!to || !allowance) return null;
  if (!(await allowance)) {
    notes.push(`no receipt sent: this address has had ${deps.replyLimitPerHour ?? 3} automatic replies this hour (loop guard)`);
    deps.logger.warn('receipt withheld by the loop guard', { messageRef: message.messageRef, landlordId: policy.landlordId, caseRef });
    return null;
  }
  const letterId = `ack-${message.messageRef}`;
  await sendLetter(deps, {
    letterId,
    landlordId: policy.landlordId,
    caseRef,
    inReplyToMessageRef: message.messageRef,
    inReplyToMessageId: arrival.channel === 'email' ? arrival.externalId : null,
    from: policy.contact.complaintsEmail,
    to,
    letter: template,
    // Each template's data is checked against its schema inside sendLetter.
    data: data as never,
    ...(options.caseLastSeq === undefined ? {} : { caseLastSeq: options.caseLastSeq }),
  });
  return { letterId, template };
}

/** The short reply to a text message, given back to the SMS provider. No resident words are echoed. */
function textReplyFor(policy: LandlordPolicy, what: 'complaint' | 'service-request' | 'feedback' | 'stage-2' | 'added' | 'ombudsman', caseRef: string | null): string {
  const ref = caseRef ? ` Your reference is ${caseRef}.` : '';
  switch (what) {
    case 'complaint':
      return `${policy.name}: we have your complaint.${ref} We will contact you within ${policy.stage1.acknowledgeWithinWorkingDays} working days.`;
    case 'service-request':
      return `${policy.name}: we have logged your request.${ref} If you are unhappy with our service you can make a complaint.`;
    case 'feedback':
      return `${policy.name}: thank you for your feedback. To make a complaint, reply COMPLAINT or email ${policy.contact.complaintsEmail}.`;
    case 'stage-2':
      return `${policy.name}: we have your request to take your complaint to stage 2.${ref}`;
    case 'added':
      return `${policy.name}: we have added your message to your case.${ref}`;
    case 'ombudsman':
      return `${policy.name}: we have added your message to your complaint.${ref} Our final response has been given: you can ask the ${policy.ombudsman.name} to look at it (${policy.ombudsman.telephone}).`;
  }
}
