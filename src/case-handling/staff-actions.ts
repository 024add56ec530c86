// Staff actions on a complaint: parsed once here, at the edge, then applied by the one complaint service.
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema.ts';
import { caseRefFor } from '../core/intake/identity.ts';
import { caseSummary, residentFrom, type CaseEventRecord, type CaseRecord, type Resident } from '../core/case/case-record.ts';
import {
  complaintCommandSchemaFor, describeChangeRefusal, LogComplaintInput, type ComplaintCommandInput,
} from '../core/case/complaint-change.ts';
import type { ComplaintTimeline } from '../core/case/complaint.ts';
import { ExtendInput } from '../core/case/staff-actions.ts';
import { ok, refuse, type Result } from '../core/result.ts';
import type { LetterName } from '../letters/catalogue.ts';
import { changeComplaint, openComplaint, type ComplaintProblem, type ComplaintChanged } from '../services/complaint-service.ts';
import type { LifecycleDeps } from './lifecycle-deps.ts';

const STAFF_ONLY = ['log-complaint', 'record-survey-answer', 'record-survey-sent', 'review'] as const;

/** One staff action on an existing complaint, as the staff API, the console and `redress case` send it. */
export type StaffActionRequest = Exclude<ComplaintCommandInput, { action: (typeof STAFF_ONLY)[number] }>;
export type StaffActionName = StaffActionRequest['action'];

/** Parses a staff action from outside, with each action's own checks (an extension gives days or a date, not both). */
export function parseStaffAction(value: unknown): Result<StaffActionRequest, z.ZodError> {
  const parsed = complaintCommandSchemaFor(value).safeParse(value);
  if (!parsed.success) return refuse(parsed.error);
  if ((STAFF_ONLY as readonly string[]).includes(parsed.data.action)) {
    return refuse(new z.ZodError([{ code: 'custom', path: ['action'], message: `"${parsed.data.action}" is not a staff action on a complaint`, input: value }]));
  }
  if (parsed.data.action === 'extend') {
    const extension = ExtendInput.safeParse(parsed.data);
    if (!extension.success) return refuse(extension.error);
  }
  return ok(parsed.data as StaffActionRequest);
}

/** Why an action was not taken: the core's refusals, or no such complaint. */
export type StaffActionProblem = ComplaintProblem;

/** What an action did. */
export interface StaffActionDone {
  readonly caseRef: string;
  readonly events: readonly CaseEventRecord[];
  /** The letter to the resident, if any: sent, sent before (a retry), or kept to be posted (no email address). */
  readonly letter: { readonly letterId: string; readonly template: LetterName; readonly status: 'sent' | 'sent-before' | 'to-post' } | null;
  readonly status: ComplaintTimeline['status'];
  readonly nextDueOn: string | null;
  /** Things the officer should know: "the letter is kept and listed to be posted". */
  readonly notes: readonly string[];
}

/** Describes a problem in words an officer can act on. */
export function describeProblem(problem: StaffActionProblem | StaffEntryProblem): string {
  switch (problem.kind) {
    case 'no-such-complaint': return `there is no complaint ${problem.caseRef}`;
    case 'no-such-message': return `there is no message ${problem.ref}`;
    case 'no-such-service-request': return `there is no service request ${problem.ref}`;
    case 'unknown-landlord': return `no landlord ${problem.landlordId}`;
    default: return describeChangeRefusal(problem);
  }
}

/** Why a complaint could not be logged or a message or service request made one: nothing to start from. */
export type StaffEntryProblem =
  | { kind: 'unknown-landlord'; landlordId: string }
  | { kind: 'no-such-message'; ref: string }
  | { kind: 'no-such-service-request'; ref: string };

const done = (changed: ComplaintChanged): StaffActionDone => {
  const letter = changed.letters[0];
  return {
    caseRef: changed.caseRef,
    events: changed.events,
    letter: letter ? { letterId: letter.letterId, template: letter.template, status: letter.status } : null,
    status: changed.change.timeline.status,
    nextDueOn: changed.change.nextDueOn,
    notes: changed.change.notes,
  };
};

/**
 * Takes a staff action on a complaint through the complaint service.
 * @example await takeStaffAction(deps, 'C-7K2M9Q4T', 'asha.patel', { action: 'close', reason: 'Response accepted.' })
 */
export async function takeStaffAction(
  deps: LifecycleDeps,
  caseRef: string,
  officer: string,
  request: StaffActionRequest,
): Promise<Result<StaffActionDone, StaffActionProblem>> {
  const changed = await changeComplaint(deps, caseRef, request, officer);
  return changed.ok ? ok(done(changed.value)) : changed;
}

/** A complaint taken by telephone, letter or in person, as an officer logs it (Code 3.1, 3.2, 6.2). */
export const LoggedComplaintRequest = lazySchema(() => z.object({
  landlordId: z.string().min(1).max(64),
  receivedAt: LogComplaintInput.shape.receivedAt,
  via: z.enum(['telephone', 'letter', 'in-person']),
  /** What the complaint is about, in a line, as the officer would list it. */
  summary: z.string().trim().min(1).max(200),
  resident: z.object({
    name: z.string().trim().min(1).max(200).nullable().default(null),
    email: z.email().max(320).nullable().default(null),
    phone: z.string().trim().min(1).max(40).nullable().default(null),
    addressOrTenancyReference: z.string().trim().min(1).max(400).nullable().default(null),
  }),
}));
export type LoggedComplaintRequest = z.input<typeof LoggedComplaintRequest>;

/**
 * Logs a complaint an officer took by telephone, letter or in person, with the date it was actually received: the
 * clock runs from then, not from when it was typed in. The reference comes from the details, so a retried log
 * finds the same complaint.
 */
export async function logComplaintByStaff(
  deps: LifecycleDeps,
  officer: string,
  request: LoggedComplaintRequest,
): Promise<Result<StaffActionDone, StaffActionProblem | Extract<StaffEntryProblem, { kind: 'unknown-landlord' }>>> {
  const x = LoggedComplaintRequest.parse(request);
  if (!deps.policies.has(x.landlordId)) return refuse({ kind: 'unknown-landlord', landlordId: x.landlordId });
  const origin = `logged:${x.landlordId}:${x.via}:${x.receivedAt}:${x.summary}:${x.resident.name ?? ''}:${x.resident.email ?? ''}:${x.resident.phone ?? ''}`;
  const record: CaseRecord = {
    caseRef: caseRefFor('complaint', origin), landlordId: x.landlordId, kind: 'complaint', openedAt: x.receivedAt,
    openedByMessageRef: `logged-by:${officer}`, channel: x.via, resident: x.resident as Resident, representative: null,
    adjustments: null, summary: x.summary, state: 'open', nextDueOn: null,
  };
  const opened = await openComplaint(deps, record, { action: 'log-complaint', receivedAt: x.receivedAt, via: x.via }, officer);
  if (!opened.ok) return opened;
  if ('already' in opened.value) return refuse({ kind: 'already-logged' });
  return ok(done(opened.value));
}


/** A person's judgement that a message or a service request is a complaint (Code 1.2 to 1.5), and why. */
export const ReclassifyRequest = lazySchema(() => z.object({
  why: z.string().trim().min(1).max(2000),
}));

/**
 * Makes a message, or a service request, into a complaint because a person judged it to be one. The complaint's
 * clock counts from when the message (or the service request's first message) was received; the complaint records
 * who decided and why, and the service request, if any, is closed as reclassified. A retry finds the same complaint.
 */
export async function reclassifyAsComplaint(
  deps: LifecycleDeps,
  officer: string,
  from: { kind: 'message' | 'service-request'; ref: string },
  request: z.input<typeof ReclassifyRequest>,
): Promise<Result<StaffActionDone | { caseRef: string; already: true }, StaffActionProblem | Exclude<StaffEntryProblem, { kind: 'unknown-landlord' }>>> {
  const { why } = ReclassifyRequest.parse(request);
  let messageRef: string;
  let serviceRequest: CaseRecord | null = null;
  if (from.kind === 'service-request') {
    serviceRequest = await deps.cases.getCase(from.ref);
    if (!serviceRequest || serviceRequest.kind !== 'service-request') return refuse({ kind: 'no-such-service-request', ref: from.ref });
    messageRef = serviceRequest.openedByMessageRef;
  } else {
    messageRef = from.ref;
  }
  const message = await deps.messages.getMessage(messageRef);
  if (!message) return refuse({ kind: 'no-such-message', ref: messageRef });
  const record: CaseRecord = serviceRequest
    ? { ...serviceRequest, caseRef: caseRefFor('complaint', messageRef), kind: 'complaint', state: 'open', nextDueOn: null }
    : {
        caseRef: caseRefFor('complaint', messageRef), landlordId: message.landlordId, kind: 'complaint', openedAt: message.receivedAt,
        openedByMessageRef: messageRef, channel: message.channel,
        resident: residentFrom(message, message.channel === 'email' ? message.from : null),
        representative: null, adjustments: null,
        summary: caseSummary(message.subject, message.body),
        state: 'open', nextDueOn: null,
      };
  const opened = await openComplaint(deps, record, {
    action: 'log-complaint', receivedAt: serviceRequest ? serviceRequest.openedAt : message.receivedAt, via: message.channel, messageRef,
    reclassified: { from: from.kind, ref: from.ref, why },
  }, officer);
  if (!opened.ok) return opened;
  const at = deps.clock.now().toISOString();
  if (serviceRequest && serviceRequest.state === 'open') {
    await deps.cases.appendEvent(serviceRequest.caseRef, { recordedAt: at, by: officer, event: { type: 'reclassified-as-complaint', at, complaintRef: record.caseRef, why } });
    await deps.cases.updateCase(serviceRequest.caseRef, { state: 'closed', nextDueOn: null });
  }
  // A person has said what the message is, so it no longer waits for one; what triage and intake said stays in the notes.
  const waited = message.triage?.needsReview === true || message.flags.length > 0;
  if (message.caseRef === null || waited) {
    await deps.messages.updateMessage(messageRef, {
      ...(message.caseRef === null ? { caseRef: record.caseRef, outcome: 'opened-case' as const } : {}),
      ...(waited ? {
        ...(message.triage ? { triage: { ...message.triage, needsReview: false } } : {}),
        flags: [],
        notes: [...message.notes, ...message.flags.map((f) => `flag seen: ${f}`), `${officer} on ${at.slice(0, 10)}: a complaint`],
      } : {}),
    });
  }
  deps.logger.info('reclassified as a complaint', { caseRef: record.caseRef, landlordId: record.landlordId, from: from.kind });
  return 'already' in opened.value ? ok(opened.value) : ok(done(opened.value));
}

/** Closes a service request that is done, so it leaves the queue and the digest. */
export async function closeServiceRequest(
  deps: LifecycleDeps,
  officer: string,
  caseRef: string,
  request: { reason: string },
): Promise<Result<{ caseRef: string }, Extract<StaffEntryProblem, { kind: 'no-such-service-request' }>>> {
  const reason = z.string().trim().min(1).max(2000).parse(request.reason);
  const record = await deps.cases.getCase(caseRef);
  if (!record || record.kind !== 'service-request') return refuse({ kind: 'no-such-service-request', ref: caseRef });
  if (record.state === 'open') {
    const at = deps.clock.now().toISOString();
    await deps.cases.appendEvent(caseRef, { recordedAt: at, by: officer, event: { type: 'service-request-closed', at, reason } });
    await deps.cases.updateCase(caseRef, { state: 'closed', nextDueOn: null });
  }
  return ok({ caseRef });
}
