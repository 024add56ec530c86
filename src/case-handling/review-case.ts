// The state machine's one Task: look at the case now, tell people what is due or missed, schedule the survey after
// closure, and say when to look again. Every step is keyed so a retried review repeats nothing.
import * as z from 'zod';
import type { CaseEventRecord } from '../core/case/case-record.ts';
import { complaintFile } from '../core/case/case-file.ts';
import { nextDueOn, reviewComplaint, type CaseNotice } from '../core/case/case-review.ts';
import type { NoticeSubject } from '../core/case/complaint.ts';
import { sendLetter } from '../outbound/send-letter.ts';
import {
  ComplaintNotFoundError, eventInstant, letterDate, letterLandlord, loadComplaint, officerAddress, officerOrManagers, residentContact, type LifecycleDeps, type LoadedComplaint,
} from './lifecycle-deps.ts';

/** What the state machine passes to its Task. */
export const ReviewCaseInput = z.object({
  caseRef: z.string().min(1),
  landlordId: z.string().min(1),
  /** The execution's name (`$$.Execution.Name`): a run superseded by a later one ends. */
  run: z.string().min(1),
});
export type ReviewCaseInput = z.infer<typeof ReviewCaseInput>;

/** What the Task gives back to the state machine (`$.review`). */
export interface ReviewCaseOutput {
  readonly done: boolean;
  /** When to look again; absent when done. */
  readonly wakeAt?: string;
  /** Notices sent in this review, for the execution history. */
  readonly sent: number;
  readonly superseded?: boolean;
}

const subjectKey = (s: NoticeSubject) => (s.kind === 'milestone' ? s.milestone : `action-${s.actionId}`);

// Run names are `<caseRef>` for the first and `<caseRef>-r<seq>` for those started after a reopening.
const runNumber = (caseRef: string, run: string): number => {
  const match = new RegExp(`^${caseRef}-r(\\d+)$`).exec(run);
  return match ? Number(match[1]) : 0;
};

/** The run that should follow a case now: the latest recorded, or the first (named after the case). */
export function currentRun(caseRef: string, history: readonly CaseEventRecord[]): string {
  const latest = history.reduce((max, e) => (e.event.type === 'workflow-started' ? Math.max(max, runNumber(caseRef, e.event.executionName)) : max), 0);
  return latest === 0 ? caseRef : `${caseRef}-r${latest}`;
}

/**
 * Every complaint that still needs its state machine, with the run that should follow it: what a restarted local
 * runner resumes. A complaint is left out once closed (or declined) with nothing left to watch or schedule.
 */
export async function complaintsToFollow(deps: LifecycleDeps): Promise<{ caseRef: string; landlordId: string; run: string }[]> {
  const found: { caseRef: string; landlordId: string; run: string }[] = [];
  for (const landlordId of deps.policies.keys()) {
    for (const record of await deps.cases.listCases(landlordId)) {
      if (record.kind !== 'complaint') continue;
      const complaint = await loadComplaint(deps, record.caseRef);
      if (!complaint) continue;
      if (!(await needsWatching(deps, record.caseRef))) continue;
      found.push({ caseRef: record.caseRef, landlordId, run: currentRun(record.caseRef, complaint.history) });
    }
  }
  return found;
}

/** Whether a later run follows this case, recorded as `workflow-started`. */
export function isSuperseded(caseRef: string, run: string, history: readonly CaseEventRecord[]): boolean {
  const latest = history.reduce((max, e) => (e.event.type === 'workflow-started' ? Math.max(max, runNumber(caseRef, e.event.executionName)) : max), 0);
  return latest > runNumber(caseRef, run);
}

/**
 * Reviews a complaint for its state machine: sends the reminders and overdue notices now due, schedules the survey
 * once it is closed, keeps the case's next due date, and returns when to look again.
 * @throws ComplaintNotFoundError when the case is missing: the execution fails and an alarm says so.
 */
export async function reviewCase(deps: LifecycleDeps, input: ReviewCaseInput): Promise<ReviewCaseOutput> {
  const complaint = await loadComplaint(deps, input.caseRef);
  if (!complaint) throw new ComplaintNotFoundError(input.caseRef);
  const { record, policy, cal, history } = complaint;
  if (isSuperseded(record.caseRef, input.run, history)) {
    deps.logger.info('case review superseded by a later run', { caseRef: record.caseRef, landlordId: record.landlordId, run: input.run });
    return { done: true, sent: 0, superseded: true };
  }
  const at = eventInstant(deps.clock.now(), history);
  const file = complaintFile(complaint.events);
  const canSurvey = residentContact(record, file).to !== null;
  const review = reviewComplaint(complaint.events, policy, cal, at, { canSurvey });
  if (!review.ok) {
    // A history the case rules refuse cannot be watched: say so loudly and stop (error: a Code timescale may be missed).
    deps.logger.error('case history breaks the case rules; its deadlines are not being watched', { caseRef: record.caseRef, landlordId: record.landlordId, breach: review.error.kind });
    return { done: true, sent: 0 };
  }

  let sent = 0;
  for (const [i, notice] of review.value.notices.entries()) {
    const event = review.value.events[i]!;
    sent += await sendNotice(deps, complaint, notice);
    await deps.cases.appendEvent(record.caseRef, { recordedAt: at, by: 'redress', event });
    deps.logger.info(notice.kind === 'reminder' ? 'handler reminded' : notice.subject.kind === 'action' ? 'outstanding action missed' : 'milestone missed', {
      caseRef: record.caseRef, landlordId: record.landlordId, subject: subjectKey(notice.subject), dueOn: notice.dueOn,
    });
    if (notice.kind === 'overdue') {
      deps.logger.error('milestone overdue', { caseRef: record.caseRef, landlordId: record.landlordId, subject: subjectKey(notice.subject), dueOn: notice.dueOn });
    }
  }

  const survey = review.value.survey;
  if (survey && file.closed) {
    await deps.surveySchedules.scheduleSurvey({ caseRef: record.caseRef, landlordId: record.landlordId, closedAt: file.closed.at, sendAt: survey.sendAt });
    await deps.cases.appendEvent(record.caseRef, { recordedAt: at, by: 'redress', event: { type: 'survey-scheduled', at, sendAt: survey.sendAt } });
    deps.logger.info('survey scheduled', { caseRef: record.caseRef, landlordId: record.landlordId, sendAt: survey.sendAt });
  }

  const due = nextDueOn(review.value.timeline);
  if (due !== record.nextDueOn) await deps.cases.updateCase(record.caseRef, { nextDueOn: due });
  if (!review.value.done) return { done: false, wakeAt: review.value.wakeAt!, sent };

  // Nothing ahead: say so on the case, so the next staff action that sets a date starts the machine again. A staff
  // action that landed while this review ran may have missed the marker: look once more, and carry on if it did.
  await deps.cases.appendEvent(record.caseRef, { recordedAt: at, by: 'redress', event: { type: 'watching-ended', at } });
  if (await needsWatching(deps, record.caseRef)) return { done: false, wakeAt: eventInstant(deps.clock.now(), []), sent };
  deps.logger.info('nothing left to wait for', { caseRef: record.caseRef, landlordId: record.landlordId, status: review.value.timeline.status });
  return { done: true, sent };
}

/** What keeping the state machine in step with a complaint needs: the store, the policies, the workflow, the time. */
export type WatchingDeps = Pick<LifecycleDeps, 'cases' | 'policies' | 'govUk' | 'workflow' | 'clock'>;

/** Whether a complaint has something ahead for its state machine: a reminder, a due time, a notice or a survey. */
export async function needsWatching(deps: WatchingDeps, caseRef: string): Promise<boolean> {
  const complaint = await loadComplaint(deps, caseRef);
  if (!complaint) return false;
  const canSurvey = residentContact(complaint.record, complaintFile(complaint.events)).to !== null;
  const review = reviewComplaint(complaint.events, complaint.policy, complaint.cal, eventInstant(deps.clock.now(), complaint.history), { canSurvey });
  return review.ok && (!review.value.done || review.value.survey !== null || review.value.notices.length > 0);
}

/** Whether a run is following the case: it was started after the machine last ended. */
export function isWatched(history: readonly CaseEventRecord[]): boolean {
  const last = history.findLast((e) => e.event.type === 'workflow-started' || e.event.type === 'watching-ended');
  return last?.event.type === 'workflow-started';
}

/**
 * Keeps the state machine in step with a complaint after something other than the machine changed it (a staff action,
 * or intake recording a stage 2 request): starts it again when it had ended and there is something to wait for now,
 * and stops it when there is nothing left, so it does not wake once more only to end.
 * @example await keepWatching(deps, 'C-7K2M9Q4T') // after appending a stage-2-requested event
 */
export async function keepWatching(deps: WatchingDeps, caseRef: string): Promise<'started' | 'stopped' | 'unchanged'> {
  const history = await deps.cases.events(caseRef);
  const watched = isWatched(history);
  const needed = await needsWatching(deps, caseRef);
  if (needed && !watched) return (await followComplaint(deps, caseRef)) === 'started' ? 'started' : 'unchanged';
  if (!needed && watched) {
    await deps.workflow.stopFollowing({ caseRef, run: currentRun(caseRef, history) });
    const at = eventInstant(deps.clock.now(), history);
    await deps.cases.appendEvent(caseRef, { recordedAt: at, by: 'redress', event: { type: 'watching-ended', at } });
    return 'stopped';
  }
  return 'unchanged';
}

// Reminders go to the handler (the managers when none is assigned); overdue notices to the handler and the managers.
async function sendNotice(deps: LifecycleDeps, complaint: LoadedComplaint, notice: CaseNotice): Promise<number> {
  const { record, policy } = complaint;
  const handlerAddress = officerAddress(notice.handler);
  const managers = policy.digest.recipients;
  const recipients = notice.kind === 'reminder'
    ? officerOrManagers(notice.handler, policy)
    : [...new Set([...(handlerAddress ? [handlerAddress] : []), ...managers])];
  // A Code timescale, or an action promised in the response (tracked after it too: Code 6.6, 6.17).
  const about = notice.subject.kind === 'milestone'
    ? { milestone: notice.subject.milestone }
    : { outstandingAction: { action: notice.action ?? notice.subject.actionId, stage: notice.stage } };
  const base = { caseRef: record.caseRef, landlord: letterLandlord(policy), ...about, dueOn: letterDate(notice.dueOn) };
  for (const [i, to] of recipients.entries()) {
    const letterId = `${record.caseRef}-${notice.kind}-${subjectKey(notice.subject)}-${notice.dueOn}-${i + 1}`;
    const common = { letterId, landlordId: record.landlordId, caseRef: record.caseRef, inReplyToMessageRef: null, from: policy.contact.complaintsEmail, to };
    if (notice.kind === 'reminder') {
      await sendLetter(deps, { ...common, letter: 'officer-reminder', data: { ...base, workingDaysLeft: notice.workingDaysLeft, ...(notice.handler ? { officerName: notice.handler } : {}) } });
    } else {
      await sendLetter(deps, { ...common, letter: 'milestone-overdue', data: { ...base, workingDaysOverdue: notice.workingDaysOverdue, ...(notice.handler ? { handlerName: notice.handler } : {}) } });
    }
  }
  return recipients.length;
}

/**
 * Starts the state machine again on a complaint, as a new run that supersedes any earlier one: after a closed
 * complaint is taken to stage 2 (by staff here, or by intake when the resident asks). Recorded on the case.
 */
export async function followComplaint(deps: Pick<LifecycleDeps, 'cases' | 'workflow' | 'clock'>, caseRef: string): Promise<'started' | 'already-started'> {
  const record = await deps.cases.getCase(caseRef);
  if (!record) throw new Error(`no case ${caseRef}`);
  const history = await deps.cases.events(caseRef);
  const run = `${caseRef}-r${history.at(-1)?.seq ?? 0}`;
  const started = await deps.workflow.followComplaint({ caseRef, landlordId: record.landlordId, run });
  if (started === 'started') {
    const at = eventInstant(deps.clock.now(), history);
    await deps.cases.appendEvent(caseRef, { recordedAt: at, by: 'redress', event: { type: 'workflow-started', at, executionName: run } });
  }
  return started;
}
