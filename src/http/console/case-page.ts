// The case file as an officer reads it: every message, decision, letter and deadline, with the Code provision behind
// each date and whether it was met. Built from the case's own records only; nothing here changes anything.
import { toCalendarDate } from '../../core/calendar/london-date.ts';
import { complaintFile } from '../../core/case/case-file.ts';
import { CaseRef, complaintEventsOf, type CaseRecord } from '../../core/case/case-record.ts';
import { complaintTimeline, type ComplaintStatus } from '../../core/case/complaint.ts';
import { describeRestrictionTerms, restrictionInForce } from '../../core/case/restriction.ts';
import type { StaffActionName } from '../../case-handling/staff-actions.ts';
import { calendarForPolicy } from '../../core/code/deadlines.ts';
import { senderKey } from '../../core/intake/identity.ts';
import type { InboundMessageRecord } from '../../core/intake/message.ts';
import type { LetterLog } from '../../ports.ts';
import type { Officer } from './sign-in.ts';
import { milestoneWords, nameOf, STATUS_WORDS, whyWaiting, type QueueDeps } from './work-queue.ts';

/** What the case page reads. */
export interface CasePageDeps extends QueueDeps {
  readonly letters: LetterLog;
}

// What an officer usually does next at each point: offered first, as the page's button. Every other action stays
// listed; the case rules, not this table, decide what is allowed.
const NEXT_STEP: Record<ComplaintStatus, StaffActionName | null> = {
  'stage-1-awaiting-acknowledgement': 'acknowledge',
  'stage-1-investigating': 'respond',
  'stage-1-responded': null,
  'stage-2-awaiting-acknowledgement': 'acknowledge',
  'stage-2-investigating': 'respond',
  'stage-2-responded': 'close',
  declined: null,
  withdrawn: null,
  closed: null,
};

const STATE_WORDS = { open: 'Open', met: 'Met', missed: 'Missed', cancelled: 'Not needed' } as const;

const dateTime = (instant: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));

/** The case page's content, or null when there is no such case. */
export async function casePage(deps: CasePageDeps, caseRef: string, officers: readonly Officer[], now: Date) {
  if (!CaseRef.safeParse(caseRef).success) return null;
  const record = await deps.cases.getCase(caseRef);
  if (!record) return null;
  const policy = deps.policies.get(record.landlordId);
  const [history, letters] = await Promise.all([deps.cases.events(caseRef), deps.letters.lettersForCase(caseRef)]);
  const messageRefs = [record.openedByMessageRef, ...history.flatMap((e) => (e.event.type === 'message-joined' ? [e.event.messageRef] : []))];
  const messages = (await Promise.all([...new Set(messageRefs)].map((ref) => deps.messages.getMessage(ref)))).filter((m): m is InboundMessageRecord => m !== null);
  const today = toCalendarDate(now.toISOString());
  const events = complaintEventsOf(history);
  const timeline = policy && record.kind === 'complaint' ? complaintTimeline(events, policy, calendarForPolicy(policy, deps.govUk)) : null;
  const t = timeline?.ok ? timeline.value : null;
  const file = record.kind === 'complaint' ? complaintFile(events) : null;
  const restriction = t ? restrictionInForce(t) : null;
  return {
    record,
    landlordName: policy?.name ?? record.landlordId,
    policy,
    kindWords: record.kind === 'complaint' ? 'Complaint' : 'Service request',
    status: t ? STATUS_WORDS[t.status] : record.kind === 'complaint' ? 'Its history breaks the case rules' : record.state === 'open' ? 'Open' : 'Closed',
    breach: timeline && !timeline.ok ? timeline.error.kind : null,
    nextStep: t ? (NEXT_STEP[t.status] ?? (t.actions.some((a) => a.state === 'open') ? 'complete-action' : null)) : null,
    handlers: t ? { 'stage-1': nameOf(officers, t.handlers['stage-1']), 'stage-2': nameOf(officers, t.handlers['stage-2']) } : null,
    deadlines: (t?.milestones ?? []).map((m) => ({
      what: milestoneWords(m.id),
      provision: `Code ${m.provision}`,
      dueOn: m.dueOn,
      originalDueOn: m.originalDueOn !== m.dueOn ? m.originalDueOn : null,
      extension: m.extension ?? null,
      state: STATE_WORDS[m.state],
      overdue: m.state === 'open' && m.dueOn < today,
      doneOn: m.doneOn ?? null,
    })),
    actions: (t?.actions ?? []).map((a) => ({ ...a, overdue: a.state === 'open' && a.dueOn < today })),
    // Shown at the top: every officer who opens the case must see it (Code 5.14, 5.15).
    restriction: restriction
      ? {
          ...restriction, allowed: describeRestrictionTerms(restriction.terms), decidedBy: nameOf(officers, restriction.decidedBy) ?? restriction.decidedBy,
          reviewOverdue: restriction.reviewOn < today, appeal: restriction.appeals.at(-1) ?? null,
          appealOverdue: restriction.appeals.some((a) => !a.decidedOn && a.decideBy < today),
        }
      : null,
    openActions: (t?.actions ?? []).filter((a) => a.state === 'open'),
    file,
    messages: messages.map((m) => ({
      messageRef: m.messageRef,
      channel: m.channel.replace('_', ' '),
      receivedAt: dateTime(m.receivedAt),
      from: m.fromName ? `${m.fromName} <${m.from ?? ''}>` : (m.from ?? 'unknown'),
      subject: m.subject,
      body: m.body,
      attachments: m.attachments.map((a) => ({ name: a.filename ?? '(no name)', contentType: a.contentType, sizeBytes: a.sizeBytes, kept: a.documentKey !== null })),
      triage: m.triage ? { label: m.triage.label.replaceAll('_', ' '), confidence: m.triage.confidence.toFixed(2), reasons: m.triage.reasons } : null,
      why: whyWaiting(m),
    })),
    letters: letters.map((l) => ({ letterId: l.letterId, template: l.template.replaceAll('-', ' '), subject: l.subject, to: l.to, status: l.status, sentAt: l.sentAt ? dateTime(l.sentAt) : null })),
    history: history.map((e) => ({ seq: e.seq, at: dateTime(e.event.at), by: nameOf(officers, e.by) ?? e.by, type: e.event.type.replaceAll('-', ' ') })),
  };
}

/** Cases matching what an officer typed: a reference, an email address or phone number, or a name or address. */
export async function searchCases(deps: QueueDeps, landlordIds: readonly string[], query: string): Promise<CaseRecord[]> {
  const text = query.trim();
  if (text.length === 0) return [];
  const ref = text.toUpperCase();
  if (CaseRef.safeParse(ref).success) {
    const found = await deps.cases.getCase(ref);
    return found && landlordIds.includes(found.landlordId) ? [found] : [];
  }
  if (text.includes('@') || /^[+\d][\d\s()-]{6,}$/.test(text)) {
    const key = senderKey(text);
    return (await Promise.all(landlordIds.map((l) => deps.cases.casesForSender(l, key)))).flat();
  }
  // Names and addresses have no index of their own: they are matched among the cases still on a work list.
  const needle = text.toLowerCase();
  const lists = await Promise.all((['open-complaints', 'open-service-requests', 'actions-after-closure'] as const).map((list) => deps.cases.casesToWorkOn(landlordIds, list, { limit: 2000 })));
  return lists.flatMap((p) => p.items).filter((c) => [c.resident.name, c.resident.addressOrTenancyReference, c.summary].some((v) => v?.toLowerCase().includes(needle)));
}
