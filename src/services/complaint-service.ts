// The one application service that changes a complaint. Staff actions, intake, survey answers and the state
// machine's review all come here with a parsed command; the core decides (src/core/case/complaint-change.ts) and
// this applies the decision: the letters through the outbox (first, each with a stable id, so a retry never writes
// twice), the events at the sequence number the decision was made on (a concurrent change makes it decide again),
// the case's head record, and the state machine's run.
import { isComplaintEvent, type CaseEventRecord, type CaseRecord } from '../core/case/case-record.ts';
import {
  complaintCommandSchemaFor, decideComplaintChange, needsWatching as complaintNeedsWatching, type ComplaintChange, type ComplaintChangeRefusal, type ComplaintCommandInput, type ComplaintContext, type PlannedLetter,
} from '../core/case/complaint-change.ts';
import type { ComplaintEvent } from '../core/case/complaint.ts';
import { restrictionSummary } from '../core/case/restriction.ts';
import { ok, refuse, type Result } from '../core/result.ts';
import type { GovUkBankHolidays } from '../core/calendar/bank-holidays.ts';
import type { WorkingDayCalendar } from '../core/calendar/working-days.ts';
import { complaintEventsOf } from '../core/case/case-record.ts';
import { calendarForPolicy } from '../core/code/deadlines.ts';
import type { LandlordPolicy } from '../core/policy/landlord-policy.ts';
import { fileLetterToPost, sendLetter, type LetterDeps } from '../outbound/send-letter.ts';
import type { CaseWorkflow, SurveySchedules } from '../ports-lifecycle.ts';
import type { Logger } from '../ports.ts';

/** What the service needs: the store, the outbox, the state machine and survey schedules, the policies and the time. */
export interface ComplaintServiceDeps extends LetterDeps {
  readonly policies: ReadonlyMap<string, LandlordPolicy>;
  readonly govUk: GovUkBankHolidays;
  readonly workflow: CaseWorkflow;
  /** Needed by the state machine's review, which schedules the survey after closure; intake never reviews. */
  readonly surveySchedules?: SurveySchedules;
  readonly logger: Logger;
}

/** A landlord named on a case has no policy profile here. */
export class UnknownLandlordError extends Error {
  override readonly name = 'UnknownLandlordError';
  constructor(readonly landlordId: string) {
    super(`no policy profile for landlord ${landlordId}`);
  }
}

/** A complaint as the service works on it. */
export interface LoadedComplaint {
  readonly record: CaseRecord;
  readonly history: readonly CaseEventRecord[];
  readonly events: readonly ComplaintEvent[];
  readonly policy: LandlordPolicy;
  readonly cal: WorkingDayCalendar;
}

/** Reads a complaint, its history and its landlord's policy; null when there is no such complaint. */
export async function loadComplaint(deps: Pick<ComplaintServiceDeps, 'cases' | 'policies' | 'govUk'>, caseRef: string): Promise<LoadedComplaint | null> {
  // The head record and the history in one wave.
  const [record, history] = await Promise.all([deps.cases.getCase(caseRef), deps.cases.events(caseRef)]);
  if (!record || record.kind !== 'complaint') return null;
  const policy = deps.policies.get(record.landlordId);
  if (!policy) throw new UnknownLandlordError(record.landlordId);
  return { record, history, events: complaintEventsOf(history), policy, cal: calendarForPolicy(policy, deps.govUk) };
}

/**
 * The instant to record a change at: now, or just after the last event when a clock runs behind it, because a
 * case's events must stay in time order.
 */
export function eventInstant(now: Date, history: readonly CaseEventRecord[]): string {
  const last = history.reduce((max, e) => Math.max(max, Date.parse(e.event.at)), 0);
  return new Date(Math.max(now.getTime(), last)).toISOString();
}

/** Why a change was not made. */
export type ComplaintProblem = ComplaintChangeRefusal | { kind: 'no-such-complaint'; caseRef: string };

/** A letter the change wrote. */
export interface LetterWritten {
  readonly letterId: string;
  readonly template: PlannedLetter['template'];
  /** `to-post`: the resident has no email address; the letter is kept and listed to be posted. */
  readonly status: 'sent' | 'sent-before' | 'to-post';
}

/** What a change did. */
export interface ComplaintChanged {
  readonly caseRef: string;
  readonly events: readonly CaseEventRecord[];
  readonly letters: readonly LetterWritten[];
  readonly change: ComplaintChange;
  /** What the state machine did: started a run, stopped one, or nothing. */
  readonly stateMachine: 'started' | 'stopped' | 'unchanged';
}

/** Where a change came from, beyond who made it: the resident's message it answers, if any. */
export interface ChangeOrigin {
  readonly inReplyToMessageRef?: string | null;
  readonly inReplyToMessageId?: string | null;
  /** The state machine's own review: it manages its run itself, so the service leaves it alone. */
  readonly fromStateMachine?: boolean;
}

const ATTEMPTS = 5;

/**
 * Changes a complaint: one command, decided by the core, applied once.
 * @example await changeComplaint(deps, 'C-7K2M9Q4T', { action: 'close', reason: 'Response accepted.' }, 'asha.patel')
 */
export async function changeComplaint(
  deps: ComplaintServiceDeps,
  caseRef: string,
  command: ComplaintCommandInput,
  actor: string,
  origin: ChangeOrigin = {},
  /** The complaint as the caller already has it (a case it is opening, with no events): saves reading it. */
  known?: LoadedComplaint,
  /** A write that goes in the same wave as the first attempt's (opening the case itself). */
  alongside?: () => Promise<unknown>,
): Promise<Result<ComplaintChanged, ComplaintProblem>> {
  const parsed = complaintCommandSchemaFor(command).parse(command);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const complaint = attempt === 1 && known ? known : await loadComplaint(deps, caseRef);
    if (!complaint) return refuse({ kind: 'no-such-complaint', caseRef });
    const at = eventInstant(deps.clock.now(), complaint.history);
    const decided = decideComplaintChange(contextOf(complaint, at, actor), parsed);
    if (!decided.ok) return decided;
    const applied = await apply(deps, complaint, decided.value, actor, origin, attempt === 1 ? alongside : undefined);
    if (applied === 'conflict') continue;
    deps.logger.info('complaint changed', {
      caseRef, landlordId: complaint.record.landlordId, action: parsed.action, status: decided.value.timeline.status, stateMachine: applied.stateMachine,
    });
    return ok(applied);
  }
  throw new Error(`could not change case ${caseRef}: it kept changing under us`);
}

/**
 * Opens a complaint case and logs the complaint on it (from a message, by telephone, letter or in person, or on
 * reclassification), then starts its state machine. A retry finds the case and its first event and carries on.
 */
export async function openComplaint(
  deps: ComplaintServiceDeps,
  record: CaseRecord,
  command: Extract<ComplaintCommandInput, { action: 'log-complaint' }>,
  actor: string,
): Promise<Result<ComplaintChanged | { caseRef: string; already: true }, ComplaintProblem>> {
  const policy = deps.policies.get(record.landlordId);
  if (!policy) throw new UnknownLandlordError(record.landlordId);
  // Decided on a case with no events, and written with the case itself in one wave: the first event goes at number 1
  // or not at all. A retry finds number 1 taken, reads the case, and is refused as already logged.
  const fresh: LoadedComplaint = { record, history: [], events: [], policy, cal: calendarForPolicy(policy, deps.govUk) };
  const changed = await changeComplaint(deps, record.caseRef, command, actor, {}, fresh, () => deps.cases.createCase(record));
  if (!changed.ok && changed.error.kind === 'already-logged') {
    // The attempt that logged it may have stopped before starting the state machine: start it (a repeat is harmless).
    await startFirstRunIfMissing(deps, record.caseRef);
    return ok({ caseRef: record.caseRef, already: true });
  }
  return changed;
}

function contextOf(complaint: LoadedComplaint, at: string, actor: string): ComplaintContext {
  const { record, policy, cal, events } = complaint;
  return {
    events, policy, cal, at, actor, caseRef: record.caseRef,
    resident: record.resident, summary: record.summary,
  };
}

async function apply(
  deps: ComplaintServiceDeps,
  complaint: LoadedComplaint,
  change: ComplaintChange,
  actor: string,
  origin: ChangeOrigin,
  alongside?: () => Promise<unknown>,
): Promise<ComplaintChanged | 'conflict'> {
  const { record, history } = complaint;
  const opening = alongside?.();
  opening?.catch(() => undefined);
  const letters: LetterWritten[] = [];
  for (const planned of change.letters) letters.push(await writeLetter(deps, complaint, planned, origin));

  const survey = change.review?.survey;
  const closed = complaint.events.findLast((e) => e.type === 'closed');
  if (survey && closed) {
    if (!deps.surveySchedules) throw new Error('a review that schedules a survey needs the survey schedules');
    await deps.surveySchedules.scheduleSurvey({ caseRef: record.caseRef, landlordId: record.landlordId, closedAt: closed.at, sendAt: survey.sendAt });
  }

  const [stored] = await Promise.all([appendDecided(deps, record.caseRef, history, change.events, actor), opening]);
  if (stored === 'conflict') return 'conflict';
  // The head record and the state machine are independent of each other: one wave, not two. A head record the change
  // leaves as it is (a complaint just opened with its first due date) is not written again.
  const head = headUpdate(record, change);
  const [, stateMachine] = await Promise.all([
    headChanges(record, head) ? deps.cases.updateCase(record.caseRef, head) : undefined,
    origin.fromStateMachine ? Promise.resolve('unchanged' as const) : keepStateMachineInStep(deps, complaint, change, [...history, ...stored]),
  ]);
  return { caseRef: record.caseRef, events: stored, letters, change, stateMachine };
}

// Adds the decided events after the last event the decision saw. Activity recorded meanwhile (the letters just sent)
// does not change the decision, so the events go after it; another complaint event does: decide again.
async function appendDecided(
  deps: ComplaintServiceDeps,
  caseRef: string,
  seen: readonly CaseEventRecord[],
  events: readonly ComplaintEvent[],
  actor: string,
): Promise<CaseEventRecord[] | 'conflict'> {
  const recordedAt = deps.clock.now().toISOString();
  const seenSeq = seen.at(-1)?.seq ?? 0;
  let seq = seenSeq;
  const stored: CaseEventRecord[] = [];
  for (let attempt = 0; attempt < 20 && stored.length < events.length;) {
    const entry = await deps.cases.appendEventAt(caseRef, seq + 1, { recordedAt, by: actor, event: events[stored.length]! });
    if (entry !== 'conflict') {
      stored.push(entry);
      seq += 1;
      continue;
    }
    attempt += 1;
    const now = await deps.cases.events(caseRef);
    const since = now.filter((e) => e.seq > seenSeq && !stored.some((x) => x.seq === e.seq));
    if (since.some((e) => isComplaintEvent(e.event))) {
      if (stored.length === 0) return 'conflict';
      throw new Error(`case ${caseRef} changed while a change was being recorded; retry`);
    }
    seq = now.at(-1)?.seq ?? seq;
  }
  if (stored.length < events.length) throw new Error(`could not record a change on ${caseRef}: too many concurrent writers`);
  return stored;
}

function headUpdate(record: CaseRecord, change: ComplaintChange) {
  const status = change.timeline.status;
  const finished = status === 'closed' || status === 'declined' || status === 'withdrawn';
  const last = <T extends ComplaintEvent['type']>(type: T) => change.events.findLast((e): e is Extract<ComplaintEvent, { type: T }> => e.type === type);
  const representative = last('representative-recorded');
  const adjustments = last('adjustments-recorded');
  const restricting = change.events.some((e) => e.type === 'contact-restricted' || e.type === 'restriction-reviewed' || e.type === 'restriction-appeal-decided');
  return {
    state: finished ? 'closed' as const : 'open' as const,
    nextDueOn: change.nextDueOn,
    ...(representative ? { representative: { name: representative.name, relationship: representative.relationship } } : {}),
    ...(adjustments ? { adjustments: [adjustments.needs, ...adjustments.adjustments].join('; ') } : { adjustments: record.adjustments }),
    // Intake reads the restriction from the head record it already reads for the sender: no extra round trip.
    ...(restricting ? { restriction: restrictionSummary(change.timeline) } : {}),
  };
}

// Whether writing the head update would change the record.
function headChanges(record: CaseRecord, head: ReturnType<typeof headUpdate>): boolean {
  return (Object.keys(head) as (keyof typeof head)[]).some((field) => JSON.stringify(head[field] ?? null) !== JSON.stringify(record[field] ?? null));
}

async function writeLetter(deps: ComplaintServiceDeps, complaint: LoadedComplaint, planned: PlannedLetter, origin: ChangeOrigin): Promise<LetterWritten> {
  const { record, policy } = complaint;
  const letterId = `${record.caseRef}-${planned.key}`;
  const common = {
    letterId, landlordId: record.landlordId, caseRef: record.caseRef, inReplyToMessageRef: origin.inReplyToMessageRef ?? null,
    inReplyToMessageId: origin.inReplyToMessageId ?? null, from: policy.contact.complaintsEmail,
  };
  const to = planned.to.kind === 'staff' ? planned.to.email : planned.to.email;
  if (to === null) {
    await fileLetterToPost(deps, { ...common, letter: planned.template, data: planned.data } as Parameters<typeof fileLetterToPost>[1]);
    return { letterId, template: planned.template, status: 'to-post' };
  }
  const sent = await sendLetter(deps, { ...common, to, letter: planned.template, data: planned.data } as Parameters<typeof sendLetter>[1]);
  return { letterId, template: planned.template, status: sent.status };
}

// ---- The state machine's run ----------------------------------------------------------------------------------

// Run names are `<caseRef>` for the first and `<caseRef>-r<seq>` for those started after a reopening.
const runNumber = (caseRef: string, run: string): number => {
  const match = new RegExp(`^${caseRef}-r(\\d+)$`).exec(run);
  return match ? Number(match[1]) : 0;
};

const latestRun = (caseRef: string, history: readonly CaseEventRecord[]): number =>
  history.reduce((max, e) => (e.event.type === 'workflow-started' ? Math.max(max, runNumber(caseRef, e.event.executionName)) : max), 0);

/** The run that should follow a case now: the latest recorded, or the first (named after the case). */
export function currentRun(caseRef: string, history: readonly CaseEventRecord[]): string {
  const latest = latestRun(caseRef, history);
  return latest === 0 ? caseRef : `${caseRef}-r${latest}`;
}

/** Whether a later run follows this case, recorded as `workflow-started`. */
export const isSuperseded = (caseRef: string, run: string, history: readonly CaseEventRecord[]): boolean =>
  latestRun(caseRef, history) > runNumber(caseRef, run);

/**
 * Whether a run is following the case: one was started after the machine last ended. The first run, named after the
 * case, is started when the complaint is logged and is not recorded (its name says which run it is): a logged
 * complaint with no record of runs is followed by it.
 */
export function isWatched(history: readonly CaseEventRecord[]): boolean {
  const last = history.findLast((e) => e.event.type === 'workflow-started' || e.event.type === 'watching-ended');
  return last ? last.event.type === 'workflow-started' : history.some((e) => e.event.type === 'received');
}

const hasRunRecords = (history: readonly CaseEventRecord[]) =>
  history.some((e) => e.event.type === 'workflow-started' || e.event.type === 'watching-ended');

// On a retry of logging a complaint: the first run, unless a later record shows what became of it.
async function startFirstRunIfMissing(deps: ComplaintServiceDeps, caseRef: string): Promise<void> {
  const complaint = await loadComplaint(deps, caseRef);
  if (!complaint || hasRunRecords(complaint.history)) return;
  if (!complaintNeedsWatching(complaint.events, contextOf(complaint, eventInstant(deps.clock.now(), complaint.history), 'redress'))) return;
  await deps.workflow.startComplaint({ caseRef, landlordId: complaint.record.landlordId });
}

/** Whether a complaint has something ahead for its state machine: a reminder, a due time, a notice or a survey. */
export async function needsWatching(deps: ComplaintServiceDeps, caseRef: string): Promise<boolean> {
  const complaint = await loadComplaint(deps, caseRef);
  if (!complaint) return false;
  return complaintNeedsWatching(complaint.events, contextOf(complaint, eventInstant(deps.clock.now(), complaint.history), 'redress'));
}

// Starts a run when the change gives the machine something to wait for and none is following, or brings a date sooner
// than the following run may wake for (that run ends, superseded, when it wakes); stops one that has nothing left, so
// it does not wake once more only to end.
async function keepStateMachineInStep(
  deps: ComplaintServiceDeps,
  complaint: LoadedComplaint,
  change: ComplaintChange,
  history: readonly CaseEventRecord[],
): Promise<'started' | 'stopped' | 'unchanged'> {
  const { record } = complaint;
  if (change.stateMachine === 'watch' && change.events.some((e) => e.type === 'received') && !hasRunRecords(history)) {
    // Logging the complaint starts its first run, named after the case; not recorded (see isWatched).
    return (await deps.workflow.startComplaint({ caseRef: record.caseRef, landlordId: record.landlordId })) === 'started' ? 'started' : 'unchanged';
  }
  const watched = isWatched(history);
  if ((change.stateMachine === 'watch' && !watched) || change.stateMachine === 'watch-sooner') {
    // A later run: after the machine ended, or to look at once at a date sooner than the running one sleeps to (that
    // one ends superseded when it wakes). Named after the event it follows, and recorded.
    const run = `${record.caseRef}-r${history.at(-1)?.seq ?? 0}`;
    const started = await deps.workflow.followComplaint({ caseRef: record.caseRef, landlordId: record.landlordId, run });
    const recorded = history.some((e) => e.event.type === 'workflow-started' && e.event.executionName === run);
    if (started === 'started' && !recorded) {
      await recordActivity(deps, record.caseRef, history, { type: 'workflow-started', at: eventInstant(deps.clock.now(), history), executionName: run });
    }
    return started === 'started' ? 'started' : 'unchanged';
  }
  if (change.stateMachine === 'stop' && watched) {
    await deps.workflow.stopFollowing({ caseRef: record.caseRef, run: currentRun(record.caseRef, history) });
    await recordWatchingEnded(deps, record.caseRef);
    return 'stopped';
  }
  return 'unchanged';
}

/**
 * Records that the state machine ended for want of anything to wait for, so the next change that sets a date
 * starts it again. The one complaint event recorded outside a decision: it is about the run, not the complaint.
 */
export async function recordWatchingEnded(deps: Pick<ComplaintServiceDeps, 'cases' | 'clock'>, caseRef: string): Promise<void> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const history = await deps.cases.events(caseRef);
    const at = eventInstant(deps.clock.now(), history);
    const entry = await deps.cases.appendEventAt(caseRef, (history.at(-1)?.seq ?? 0) + 1, { recordedAt: at, by: 'redress', event: { type: 'watching-ended', at } });
    if (entry !== 'conflict') return;
  }
  throw new Error(`could not record the end of watching on ${caseRef}`);
}

// Records a run's start after the events already seen, at the next number; if something took it, wherever is next.
async function recordActivity(deps: Pick<ComplaintServiceDeps, 'cases' | 'clock'>, caseRef: string, seen: readonly CaseEventRecord[], event: Extract<CaseEventRecord['event'], { type: 'workflow-started' }>) {
  const entry = { recordedAt: deps.clock.now().toISOString(), by: 'redress', event };
  if ((await deps.cases.appendEventAt(caseRef, (seen.at(-1)?.seq ?? 0) + 1, entry)) === 'conflict') await deps.cases.appendEvent(caseRef, entry);
}

/** Every complaint that still needs its state machine, with the run that should follow it (what a restart resumes). */
export async function complaintsToFollow(deps: ComplaintServiceDeps): Promise<{ caseRef: string; landlordId: string; run: string }[]> {
  const found: { caseRef: string; landlordId: string; run: string }[] = [];
  for (const landlordId of deps.policies.keys()) {
    for (const record of await deps.cases.listCases(landlordId)) {
      if (record.kind !== 'complaint') continue;
      if (!(await needsWatching(deps, record.caseRef))) continue;
      found.push({ caseRef: record.caseRef, landlordId, run: currentRun(record.caseRef, await deps.cases.events(record.caseRef)) });
    }
  }
  return found;
}
