// The work queue: what each officer has to do next, read from the work index a page at a time. Only the cases on
// the page have their events read (to say the stage, the handler and what is due), never the whole store.
import type { GovUkBankHolidays } from '../../core/calendar/bank-holidays.ts';
import { toCalendarDate } from '../../core/calendar/london-date.ts';
import { complaintEventsOf, type CaseRecord } from '../../core/case/case-record.ts';
import { complaintTimeline, stageReached, type ComplaintStatus, type Stage } from '../../core/case/complaint.ts';
import { calendarForPolicy } from '../../core/code/deadlines.ts';
import type { InboundMessageRecord } from '../../core/intake/message.ts';
import type { LandlordPolicy } from '../../core/policy/landlord-policy.ts';
import type { CaseStore, LetterLog, MessageLog } from '../../ports.ts';
import type { Officer } from './sign-in.ts';

/** What the queue reads. */
export interface QueueDeps {
  readonly cases: CaseStore;
  readonly messages: MessageLog;
  readonly policies: ReadonlyMap<string, LandlordPolicy>;
  readonly govUk: GovUkBankHolidays;
}

/** The queue's filters, from the query string. */
export interface QueueFilter {
  readonly landlordId?: string;
  readonly stage?: Stage;
  /** An officer's id. */
  readonly handler?: string;
  readonly after?: string;
}

/** One thing due on a case. */
export interface DueItem {
  readonly what: string;
  readonly dueOn: string;
  readonly provision: string | null;
  readonly overdue: boolean;
}

/** One row of the queue. */
export interface QueueRow {
  readonly caseRef: string;
  readonly landlordName: string;
  readonly summary: string;
  readonly stage: Stage | null;
  readonly status: string;
  readonly handler: string | null;
  readonly due: readonly DueItem[];
  readonly overdue: boolean;
  /** The resident's contact is restricted (Code 5.14): read from the head record, so it costs no read. */
  readonly contactRestricted: boolean;
}

export const STATUS_WORDS: Record<ComplaintStatus, string> = {
  'stage-1-awaiting-acknowledgement': 'Stage 1: to acknowledge',
  'stage-1-investigating': 'Stage 1: investigating',
  'stage-1-responded': 'Stage 1: responded',
  'stage-2-awaiting-acknowledgement': 'Stage 2: to acknowledge',
  'stage-2-investigating': 'Stage 2: investigating',
  'stage-2-responded': 'Stage 2: responded',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
};

const MILESTONE_WORDS: Record<string, string> = {
  'stage-1-acknowledgement': 'Stage 1 acknowledgement',
  'stage-1-response': 'Stage 1 response',
  'stage-2-acknowledgement': 'Stage 2 acknowledgement',
  'stage-2-response': 'Stage 2 response',
};

export const milestoneWords = (id: string) => MILESTONE_WORDS[id] ?? id;

const PAGE = 25;
// A filter by stage or handler reads pages of the index until its own page is full, up to this many cases.
const MOST_EXAMINED = 200;

/** An officer's name from their id, or the id itself when the officer is not (or no longer) listed. */
export const nameOf = (officers: readonly Officer[], id: string | null | undefined) => (id ? (officers.find((o) => o.id === id)?.name ?? id) : null);

/** The open complaints, overdue first, a page at a time; filtered by landlord, stage and handler. */
export async function complaintsQueue(deps: QueueDeps, filter: QueueFilter, officers: readonly Officer[], now: Date): Promise<{ rows: QueueRow[]; next: string | null }> {
  const landlordIds = filter.landlordId ? [filter.landlordId] : [...deps.policies.keys()];
  const filtered = filter.stage !== undefined || filter.handler !== undefined;
  const rows: QueueRow[] = [];
  let after = filter.after;
  let examined = 0;
  let next: string | null = null;
  do {
    // Filtered, each read asks only for the rows still wanted, so the cursor never skips a row that was not shown.
    const page = await deps.cases.casesToWorkOn(landlordIds, 'open-complaints', { limit: filtered ? PAGE - rows.length : PAGE, ...(after ? { after } : {}) });
    examined += page.items.length;
    const built = await Promise.all(page.items.map((record) => complaintRow(deps, record, officers, now)));
    rows.push(...built.filter((row) => (!filter.stage || row.stage === filter.stage) && (!filter.handler || row.handlerId === filter.handler)).map(({ handlerId: _, ...row }) => row));
    next = page.next;
    after = page.next ?? undefined;
  } while (filtered && next && rows.length < PAGE && examined < MOST_EXAMINED);
  return { rows, next };
}

async function complaintRow(deps: QueueDeps, record: CaseRecord, officers: readonly Officer[], now: Date): Promise<QueueRow & { handlerId: string | null }> {
  const policy = deps.policies.get(record.landlordId);
  const base = { caseRef: record.caseRef, landlordName: policy?.name ?? record.landlordId, summary: record.summary, contactRestricted: !!record.restriction };
  const today = toCalendarDate(now.toISOString());
  if (!policy) return { ...base, stage: null, status: 'No policy for this landlord', handler: null, handlerId: null, due: [], overdue: false };
  const timeline = complaintTimeline(complaintEventsOf(await deps.cases.events(record.caseRef)), policy, calendarForPolicy(policy, deps.govUk));
  if (!timeline.ok) return { ...base, stage: null, status: 'Its history breaks the case rules: open it', handler: null, handlerId: null, due: [], overdue: false };
  const t = timeline.value;
  const stage: Stage = stageReached(t);
  const due: DueItem[] = [
    ...t.milestones.filter((m) => m.state === 'open').map((m) => ({ what: milestoneWords(m.id), dueOn: m.dueOn, provision: `Code ${m.provision}`, overdue: m.dueOn < today })),
    ...t.actions.filter((a) => a.state === 'open').map((a) => ({ what: `Action ${a.actionId}: ${a.action}`, dueOn: a.dueOn, provision: null, overdue: a.dueOn < today })),
  ].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const handlerId = t.handlers[stage] ?? null;
  return { ...base, stage, status: STATUS_WORDS[t.status], handler: nameOf(officers, handlerId), handlerId, due, overdue: due.some((d) => d.overdue) };
}

/** A service request open longer than its landlord's policy allows (Code 1.4), oldest first. */
export interface LongServiceRequest {
  readonly caseRef: string;
  readonly landlordName: string;
  readonly summary: string;
  readonly openedOn: string;
  readonly limitPassedOn: string;
}

/** Service requests open past the policy's limit: the index lists open ones oldest first, so the first within it ends the list. */
export async function longOpenServiceRequests(deps: QueueDeps, landlordIds: readonly string[], now: Date): Promise<LongServiceRequest[]> {
  const today = toCalendarDate(now.toISOString());
  const page = await deps.cases.casesToWorkOn(landlordIds, 'open-service-requests', { limit: PAGE });
  const rows: LongServiceRequest[] = [];
  for (const record of page.items) {
    const policy = deps.policies.get(record.landlordId);
    if (!policy) continue;
    const openedOn = toCalendarDate(record.openedAt);
    const limitPassedOn = calendarForPolicy(policy, deps.govUk).addWorkingDays(openedOn, policy.digest.serviceRequestOpenLimitWorkingDays);
    if (limitPassedOn < today) rows.push({ caseRef: record.caseRef, landlordName: policy.name, summary: record.summary, openedOn, limitPassedOn });
  }
  return rows;
}

/** Closed complaints with an action promised in the response still to do, earliest due first. */
export async function actionsAfterClosure(deps: QueueDeps, landlordIds: readonly string[], now: Date): Promise<{ caseRef: string; landlordName: string; summary: string; dueOn: string; overdue: boolean }[]> {
  const today = toCalendarDate(now.toISOString());
  const page = await deps.cases.casesToWorkOn(landlordIds, 'actions-after-closure', { limit: PAGE });
  return page.items.map((r) => ({ caseRef: r.caseRef, landlordName: deps.policies.get(r.landlordId)?.name ?? r.landlordId, summary: r.summary, dueOn: r.nextDueOn ?? '', overdue: (r.nextDueOn ?? today) < today }));
}

/** A message waiting for a person, with why, in the classifier's own words, and how long it has waited. */
export interface WaitingMessage {
  readonly messageRef: string;
  readonly landlordName: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly waited: string;
  readonly subject: string;
  readonly from: string;
  /** What the resident wrote, cut at 1,000 characters. */
  readonly body: string;
  readonly label: string | null;
  readonly confidence: number | null;
  readonly why: readonly string[];
  readonly attachments: number;
}

/** How long since an instant, in the largest whole unit an officer would say. */
export function waitedFor(since: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  return `${Math.floor(hours / 24)} days`;
}

/** Why a message waits: unreadable mail, attachment-only mail, an unsure triage (its reasons quoted), its flags. */
export function whyWaiting(m: InboundMessageRecord): string[] {
  return [
    ...(m.outcome === 'unreadable' ? ['The mail could not be read.'] : []),
    ...(m.body.trim().length === 0 && m.attachments.length > 0 ? ['Only attachments: nothing written in the message.'] : []),
    ...(m.triage?.needsReview ? [`Triage was unsure (${m.triage.label.replaceAll('_', ' ')}, confidence ${m.triage.confidence.toFixed(2)}):`, ...m.triage.reasons.map((r) => `“${r}”`)] : []),
    ...m.flags,
  ];
}

/** The messages waiting for a person, oldest first. */
export async function messagesWaiting(deps: QueueDeps, landlordIds: readonly string[], now: Date, after?: string): Promise<{ rows: WaitingMessage[]; next: string | null }> {
  const page = await deps.messages.messagesWaiting(landlordIds, { limit: PAGE, ...(after ? { after } : {}) });
  return {
    next: page.next,
    rows: page.items.map((m) => ({
      messageRef: m.messageRef,
      landlordName: deps.policies.get(m.landlordId)?.name ?? m.landlordId,
      channel: m.channel.replace('_', ' '),
      receivedAt: m.receivedAt,
      waited: waitedFor(m.receivedAt, now),
      subject: m.subject ?? '(no subject)',
      from: m.fromName ? `${m.fromName} <${m.from ?? ''}>` : (m.from ?? 'unknown sender'),
      body: m.body.length > 1000 ? `${m.body.slice(0, 1000)}…` : m.body,
      label: m.triage?.label.replaceAll('_', ' ') ?? null,
      confidence: m.triage?.confidence ?? null,
      why: whyWaiting(m),
      attachments: m.attachments.length,
    })),
  };
}

/** A letter kept to be posted, with where it goes: the resident's name and address from its case. */
export interface LetterToPost {
  readonly letterId: string;
  readonly caseRef: string | null;
  readonly landlordName: string;
  readonly subject: string;
  readonly keptOn: string;
  readonly waited: string;
  readonly residentName: string | null;
  readonly address: string | null;
}

/** The letters waiting to be posted, oldest first, a page at a time. */
export async function lettersToPost(deps: QueueDeps & { readonly letters: LetterLog }, landlordIds: readonly string[], now: Date, after?: string): Promise<{ rows: LetterToPost[]; next: string | null }> {
  const page = await deps.letters.lettersToPost(landlordIds, { limit: PAGE, ...(after ? { after } : {}) });
  const rows = await Promise.all(page.items.map(async (l) => {
    const record = l.caseRef ? await deps.cases.getCase(l.caseRef) : null;
    return {
      letterId: l.letterId,
      caseRef: l.caseRef,
      landlordName: deps.policies.get(l.landlordId)?.name ?? l.landlordId,
      subject: l.subject,
      keptOn: toCalendarDate(l.claimedAt),
      waited: waitedFor(l.claimedAt, now),
      residentName: record?.resident.name ?? null,
      address: record?.resident.addressOrTenancyReference ?? null,
    };
  }));
  return { rows, next: page.next };
}
