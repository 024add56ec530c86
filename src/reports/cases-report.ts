import type { GovUkBankHolidays } from '../core/calendar/bank-holidays.ts';
import { complaintTimeline, type Milestone } from '../core/case/complaint.ts';
import { complaintEventsOf, type CaseEventRecord, type CaseRecord } from '../core/case/case-record.ts';
import { calendarForPolicy } from '../core/code/deadlines.ts';
import type { InboundMessageRecord } from '../core/intake/message.ts';
import type { LandlordPolicy } from '../core/policy/landlord-policy.ts';
import type { CaseStore, LetterLog, LetterRecord, MessageLog } from '../ports.ts';
import { currentRun, isWatched } from '../services/complaint-service.ts';

/** What a report needs to read. */
export interface ReportDeps {
  readonly messages: MessageLog;
  readonly cases: CaseStore;
  readonly letters: LetterLog;
  readonly policies: ReadonlyMap<string, LandlordPolicy>;
  readonly govUk: GovUkBankHolidays;
}

const messageSummary = (m: InboundMessageRecord) => ({
  messageRef: m.messageRef,
  /** The sender's own id for it (a Message-ID, a MessageSid, the form's token): what repeats share. */
  externalId: m.externalId,
  channel: m.channel,
  receivedAt: m.receivedAt,
  subject: m.subject,
  outcome: m.outcome,
  duplicateOf: m.duplicateOf,
  label: m.triage?.label ?? null,
  confidence: m.triage?.confidence ?? null,
  reasons: m.triage?.reasons ?? [],
  needsReview: m.triage?.needsReview ?? false,
  flags: m.flags,
  notes: m.notes,
  attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, sizeBytes: a.sizeBytes, kept: a.documentKey !== null })),
});

const letterSummary = (l: LetterRecord) => ({ letterId: l.letterId, template: l.template, to: l.to, subject: l.subject, status: l.status, sentAt: l.sentAt });

const milestoneSummary = (m: Milestone) => ({ milestone: m.id, provision: m.provision, dueOn: m.dueOn, state: m.state, doneOn: m.doneOn ?? null, extended: m.extension !== undefined });

/** Where a page of the report starts: a landlord, and the cursor within that landlord's cases. */
export interface ReportCursor {
  readonly landlordId: string;
  readonly after?: string;
}

/**
 * One page of cases with their messages (label, confidence, reasons), due dates and letters, landlord by landlord,
 * read from the per-landlord index so a page costs the same at 940 cases as at 40; the first page also lists every
 * message that opened no case with what became of it: the evidence a landlord shows the Ombudsman.
 */
export async function casesReport(deps: ReportDeps, landlordIds: readonly string[], page: { limit: number; from?: ReportCursor }) {
  const cases = [];
  const messagesWithoutCase = [];
  const startAt = page.from ? Math.max(0, landlordIds.indexOf(page.from.landlordId)) : 0;
  let next: ReportCursor | null = null;
  for (const [i, landlordId] of landlordIds.entries()) {
    if (i < startAt) continue;
    const policy = deps.policies.get(landlordId);
    if (!policy) continue;
    const wanted = page.limit - cases.length;
    if (wanted === 0) {
      next = { landlordId };
      break;
    }
    const cal = calendarForPolicy(policy, deps.govUk);
    const after = i === startAt ? page.from?.after : undefined;
    const records = await deps.cases.casesPage(landlordId, { limit: wanted, ...(after ? { after } : {}) });
    const messages = await deps.messages.listMessages(landlordId);
    const rows = await Promise.all(records.items.map(async (record) => {
      const events = await deps.cases.events(record.caseRef);
      return {
        ...caseHead(record),
        status: complaintStatus(record, events, policy, cal),
        milestones: record.kind === 'complaint' ? milestones(events, policy, cal) : [],
        // Whether the complaint's state machine follows it, by the case's records, and the run that should.
        stateMachine: record.kind === 'complaint' ? { following: isWatched(events), run: currentRun(record.caseRef, events) } : null,
        messages: messages.filter((m) => m.caseRef === record.caseRef && m.outcome !== 'duplicate').map(messageSummary),
        letters: (await deps.letters.lettersForCase(record.caseRef)).map(letterSummary),
        events: events.map((e) => ({ seq: e.seq, recordedAt: e.recordedAt, by: e.by, ...e.event })),
      };
    }));
    cases.push(...rows);
    if (!page.from) {
      for (const m of messages) {
        if (m.caseRef === null || m.outcome === 'duplicate' || m.outcome === 'bounce') {
          messagesWithoutCase.push({ landlordId, ...messageSummary(m), caseRef: m.caseRef, letters: (await deps.letters.lettersForMessage(m.messageRef)).map(letterSummary) });
        }
      }
    }
    if (records.next) {
      next = { landlordId, after: records.next };
      break;
    }
  }
  return { cases, messagesWithoutCase, next };
}

const caseHead = (c: CaseRecord) => ({
  caseRef: c.caseRef,
  landlordId: c.landlordId,
  kind: c.kind,
  state: c.state,
  openedAt: c.openedAt,
  channel: c.channel,
  summary: c.summary,
  resident: c.resident,
  representative: c.representative,
  adjustments: c.adjustments,
  nextDueOn: c.nextDueOn,
});

function milestones(events: readonly CaseEventRecord[], policy: LandlordPolicy, cal: ReturnType<typeof calendarForPolicy>) {
  const timeline = complaintTimeline(complaintEventsOf(events), policy, cal);
  return timeline.ok ? timeline.value.milestones.map(milestoneSummary) : [];
}

function complaintStatus(record: CaseRecord, events: readonly CaseEventRecord[], policy: LandlordPolicy, cal: ReturnType<typeof calendarForPolicy>): string {
  if (record.kind !== 'complaint') return record.state;
  const timeline = complaintTimeline(complaintEventsOf(events), policy, cal);
  return timeline.ok ? timeline.value.status : `case rules broken: ${timeline.error.kind}`;
}
