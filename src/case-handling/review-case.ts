// The state machine's one Task: look at the case now, tell people what is due or missed, schedule the survey after
// closure, and say when to look again. Every step is keyed so a retried review repeats nothing.
import * as z from 'zod';
import { lazySchema } from '../core/lazy-schema.ts';
import { changeComplaint, isSuperseded, needsWatching, recordWatchingEnded } from '../services/complaint-service.ts';
import { noticeSubjectKey } from '../core/case/case-review.ts';
import { ComplaintNotFoundError, eventInstant, loadComplaint, type LifecycleDeps } from './lifecycle-deps.ts';

/** What the state machine passes to its Task. */
export const ReviewCaseInput = lazySchema(() => z.object({
  caseRef: z.string().min(1),
  landlordId: z.string().min(1),
  /** The execution's name (`$$.Execution.Name`): a run superseded by a later one ends. */
  run: z.string().min(1),
}));
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

export { complaintsToFollow, currentRun, isSuperseded, isWatched, needsWatching } from '../services/complaint-service.ts';

/**
 * Reviews a complaint for its state machine: sends the reminders and overdue notices now due, schedules the survey
 * once it is closed, keeps the case's next due date, and returns when to look again.
 * @throws ComplaintNotFoundError when the case is missing: the execution fails and an alarm says so.
 */
export async function reviewCase(deps: LifecycleDeps, input: ReviewCaseInput): Promise<ReviewCaseOutput> {
  const complaint = await loadComplaint(deps, input.caseRef);
  if (!complaint) throw new ComplaintNotFoundError(input.caseRef);
  const { record } = complaint;
  if (isSuperseded(record.caseRef, input.run, complaint.history)) {
    deps.logger.info('case review superseded by a later run', { caseRef: record.caseRef, landlordId: record.landlordId, run: input.run });
    return { done: true, sent: 0, superseded: true };
  }
  const reviewed = await changeComplaint(deps, record.caseRef, { action: 'review' }, 'redress', { fromStateMachine: true });
  if (!reviewed.ok) {
    // A history the case rules refuse cannot be watched: say so loudly and stop (error: a Code timescale may be missed).
    deps.logger.error('case history breaks the case rules; its deadlines are not being watched', { caseRef: record.caseRef, landlordId: record.landlordId, breach: reviewed.error.kind });
    return { done: true, sent: 0 };
  }
  const { change } = reviewed.value;
  const review = change.review!;
  for (const event of change.events) {
    if (event.type !== 'reminder-sent' && event.type !== 'overdue-marked') continue;
    const subject = noticeSubjectKey(event.subject);
    const missed = { milestone: 'milestone missed', action: 'outstanding action missed', 'learning-action': 'learning action missed', ombudsman: "Ombudsman's date missed", restriction: "restriction's date missed" }[event.subject.kind];
    deps.logger.info(event.type === 'reminder-sent' ? 'handler reminded' : missed, {
      caseRef: record.caseRef, landlordId: record.landlordId, subject, dueOn: event.dueOn,
    });
    if (event.type !== 'overdue-marked') continue;
    // A late learning action is for a manager to look at this week; no resident misses a Code timescale by it.
    if (event.subject.kind === 'learning-action') deps.logger.warn('learning action overdue', { caseRef: record.caseRef, landlordId: record.landlordId, subject, dueOn: event.dueOn });
    // A restriction past its review is no longer applied by intake (seed 002 §4.3): a manager looks this week.
    else if (event.subject.kind === 'restriction') deps.logger.warn("restriction's date overdue", { caseRef: record.caseRef, landlordId: record.landlordId, subject, dueOn: event.dueOn });
    else if (event.subject.kind === 'ombudsman') deps.logger.error("Ombudsman's date overdue", { caseRef: record.caseRef, landlordId: record.landlordId, subject, dueOn: event.dueOn });
    else deps.logger.error('milestone overdue', { caseRef: record.caseRef, landlordId: record.landlordId, subject, dueOn: event.dueOn });
  }
  if (review.survey) deps.logger.info('survey scheduled', { caseRef: record.caseRef, landlordId: record.landlordId, sendAt: review.survey.sendAt });
  const sent = reviewed.value.letters.length;
  if (review.wakeAt !== null) return { done: false, wakeAt: review.wakeAt, sent };

  // Nothing ahead: say so on the case, so the next change that sets a date starts the machine again. A change that
  // landed while this review ran may have missed the marker: look once more, and carry on if it did.
  await recordWatchingEnded(deps, record.caseRef);
  if (await needsWatching(deps, record.caseRef)) return { done: false, wakeAt: eventInstant(deps.clock.now(), []), sent };
  deps.logger.info('nothing left to wait for', { caseRef: record.caseRef, landlordId: record.landlordId, status: change.timeline.status });
  return { done: true, sent };
}

