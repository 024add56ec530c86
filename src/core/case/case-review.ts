import { toCalendarDate, type CalendarDate } from '../calendar/london-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import type { LandlordPolicy } from '../policy/landlord-policy.ts';
import { ok, type Result } from '../result.ts';
import {
  complaintTimeline,
  type CaseRuleBreach,
  type ComplaintEvent,
  type ComplaintTimeline,
  type Milestone,
  type NoticeSubject,
  type Stage,
} from './complaint.ts';
import { complaintFile } from './case-file.ts';
import { isOpenLearningAction } from './learning.ts';
import { openOmbudsmanDuties } from './ombudsman.ts';
import { openRestrictionDuties } from './restriction.ts';
import { endOfLondonDay, londonInstant } from './london-time.ts';
import { surveySendAt } from './survey.ts';

/**
 * The longest a case's state machine waits before looking again. Step Functions allows a year, but the local runner's
 * timers overflow past 24.8 days (FACTS.md §3), so every wait stays under this and a long one is taken in steps.
 */
export const MAX_WAIT_DAYS = 20;

/** Reminders go out at this London time on the reminder day. */
export const REMINDER_TIME = '08:00';

/** Something the handler (and, when overdue, the managers) must be told now. */
export type CaseNotice =
  | {
      readonly kind: 'reminder';
      readonly subject: NoticeSubject;
      readonly stage: Stage;
      readonly dueOn: CalendarDate;
      /** Working days from today to the due date: 0 on the day itself. */
      readonly workingDaysLeft: number;
      /** The officer handling that stage, when one is assigned; otherwise the managers are reminded. */
      readonly handler?: string;
      /** What the action is, for an outstanding action or a learning action. */
      readonly action?: string;
      /** Who owns a learning action: they are reminded, not the handler. */
      readonly owner?: string;
      /** The Ombudsman's reference, for a duty in its investigation. */
      readonly ombudsmanRef?: string;
      /** Who decided a restriction on contact: reminded of its review and of an appeal's decision. */
      readonly decidedBy?: string;
    }
  | {
      readonly kind: 'overdue';
      readonly subject: NoticeSubject;
      readonly stage: Stage;
      readonly dueOn: CalendarDate;
      readonly workingDaysOverdue: number;
      readonly handler?: string;
      readonly action?: string;
      readonly owner?: string;
      readonly ombudsmanRef?: string;
      readonly decidedBy?: string;
    };

/** What a review of a case decides at one instant. */
export interface CaseReview {
  readonly timeline: ComplaintTimeline;
  /** What to tell people now. */
  readonly notices: readonly CaseNotice[];
  /** The events that record those notices, to add to the case once each is sent. */
  readonly events: readonly ComplaintEvent[];
  /**
   * The complaint was closed and its satisfaction survey is still to be scheduled, for `sendAt` (never in the past).
   * Recorded as `survey-scheduled` once the schedule exists.
   */
  readonly survey: { readonly sendAt: string } | null;
  /**
   * Once this review's notices are sent and its survey scheduled, nothing is ahead to wait for: no reminder or due
   * time of an open milestone or outstanding action still to come. A missed milestone, once marked, waits for staff;
   * an answered complaint waits for a stage 2 request or closure. Whatever staff do next starts the machine again.
   */
  readonly done: boolean;
  /** When to look again (never more than `MAX_WAIT_DAYS` ahead); null when done. */
  readonly wakeAt: string | null;
}

interface Watched {
  readonly subject: NoticeSubject;
  readonly stage: Stage;
  readonly dueOn: CalendarDate;
  /** The day it started: a reminder due on or before this day is not sent, since the officer has only just got it. */
  readonly startedOn: CalendarDate;
  readonly isMilestone: boolean;
  readonly action?: string;
  readonly owner?: string;
  readonly ombudsmanRef?: string;
  readonly decidedBy?: string;
}

/**
 * A notice's subject as a short stable key: `stage-1-response`, `action-A1`, `learning-L1`, `ombudsman-evidence`,
 * `ombudsman-order-O1`. Letters are keyed and logs name the subject by it.
 */
export function noticeSubjectKey(subject: NoticeSubject): string {
  switch (subject.kind) {
    case 'milestone': return subject.milestone;
    case 'action': return `action-${subject.actionId}`;
    case 'learning-action': return `learning-${subject.actionId}`;
    case 'ombudsman': return subject.duty === 'order' ? `ombudsman-order-${subject.orderId ?? ''}` : `ombudsman-${subject.duty}`;
    case 'restriction': return `restriction-${subject.duty}`;
    default: {
      const unknown: never = subject;
      return JSON.stringify(unknown);
    }
  }
}

const keyOf = (subject: NoticeSubject, dueOn: CalendarDate) => `${noticeSubjectKey(subject)}@${dueOn}`;

// The date a milestone started to run: a response counted from an acknowledgement not yet sent runs from the
// acknowledgement milestone's own start.
function startedOn(m: Milestone, timeline: ComplaintTimeline): CalendarDate {
  if (!m.countedFrom.provisional) return m.countedFrom.on;
  const acknowledgement = timeline.milestones.find((x) => x.stage === m.stage && x.id.endsWith('acknowledgement'));
  return acknowledgement?.countedFrom.on ?? m.countedFrom.on;
}

/**
 * Looks at a complaint at an instant, the way its state machine does on each wake: which reminders are due (the
 * policy's `reminders.leadWorkingDays` before each open milestone or outstanding action, at 08:00), which
 * milestones have just been missed, and when to look again. Reminders and overdue notices already recorded in
 * the events are not repeated, so a retried review sends nothing twice. Once the complaint is closed it says when
 * to send the satisfaction survey; `canSurvey: false` when the resident cannot be reached (an anonymous complaint).
 * @example reviewComplaint(events, policy, cal, '2026-11-26T08:00:00Z').value.wakeAt
 */
export function reviewComplaint(
  events: readonly ComplaintEvent[],
  policy: LandlordPolicy,
  cal: WorkingDayCalendar,
  at: string | Date,
  options: { readonly canSurvey?: boolean } = {},
): Result<CaseReview, CaseRuleBreach> {
  const built = complaintTimeline(events, policy, cal);
  if (!built.ok) return built;
  const timeline = built.value;
  const now = (typeof at === 'string' ? new Date(at) : at).getTime();
  const nowIso = new Date(now).toISOString();
  const today = toCalendarDate(new Date(now));
  const lead = policy.reminders.leadWorkingDays;

  const reminded = new Set<string>();
  const markedOverdue = new Set<string>();
  for (const e of events) {
    if (e.type === 'reminder-sent') reminded.add(keyOf(e.subject, e.dueOn));
    if (e.type === 'overdue-marked') markedOverdue.add(keyOf(e.subject, e.dueOn));
  }

  const watched: Watched[] = [
    ...timeline.milestones
      .filter((m) => m.state === 'open')
      .map((m) => ({
        subject: { kind: 'milestone', milestone: m.id } as const,
        stage: m.stage,
        dueOn: m.dueOn,
        startedOn: startedOn(m, timeline),
        isMilestone: true,
      })),
    ...timeline.actions
      .filter((a) => a.state === 'open')
      .map((a) => ({
        subject: { kind: 'action', actionId: a.actionId } as const,
        stage: a.stage,
        dueOn: a.dueOn,
        startedOn: a.promisedOn,
        isMilestone: false,
        action: a.action,
      })),
    // Learning actions are reminded to their owner, like the Code's milestones, until done or dropped (Code 9.1).
    ...timeline.learningActions
      .filter(isOpenLearningAction)
      .map((a) => ({
        subject: { kind: 'learning-action', actionId: a.actionId } as const,
        stage: lastStage(timeline),
        dueOn: a.dueOn,
        startedOn: a.setOn,
        isMilestone: false,
        action: a.action,
        owner: a.owner,
      })),
    // The Ombudsman's dates are watched like the Code's milestones: the evidence, the board, each order.
    ...openOmbudsmanDuties(timeline).map((d) => ({
      subject: d.subject,
      stage: lastStage(timeline),
      dueOn: d.dueOn,
      startedOn: d.startedOn,
      isMilestone: false,
      ombudsmanRef: d.ombudsmanRef,
      ...(d.order ? { action: d.order } : {}),
    })),
    // A restriction on contact is kept under review (Code 5.14) and an appeal decided in time (seed 002 §4.6).
    ...openRestrictionDuties(timeline).map((d) => ({
      subject: d.subject, stage: lastStage(timeline), dueOn: d.dueOn, startedOn: d.startedOn, isMilestone: false, decidedBy: d.decidedBy,
    })),
  ];

  const notices: CaseNotice[] = [];
  const recorded: ComplaintEvent[] = [];
  const moments: number[] = [];

  for (const item of watched) {
    const key = keyOf(item.subject, item.dueOn);
    const handler = timeline.handlers[item.stage];
    const who = {
      ...(handler ? { handler } : {}), ...(item.action ? { action: item.action } : {}), ...(item.owner ? { owner: item.owner } : {}),
      ...(item.ombudsmanRef ? { ombudsmanRef: item.ombudsmanRef } : {}), ...(item.decidedBy ? { decidedBy: item.decidedBy } : {}),
    };
    const overdueAt = Date.parse(endOfLondonDay(item.dueOn));
    const reminderDay = cal.addWorkingDays(item.dueOn, -lead);
    const remindable = reminderDay > item.startedOn && !reminded.has(key);
    const reminderAt = Date.parse(londonInstant(reminderDay, REMINDER_TIME));

    if (markedOverdue.has(key)) continue;
    if (now >= overdueAt) {
      notices.push({
        kind: 'overdue', subject: item.subject, stage: item.stage, dueOn: item.dueOn,
        workingDaysOverdue: Math.max(1, -cal.workingDaysBetween(today, item.dueOn)), ...who,
      });
      recorded.push({ type: 'overdue-marked', at: nowIso, subject: item.subject, dueOn: item.dueOn });
      continue;
    }
    moments.push(overdueAt);
    if (!remindable) continue;
    if (now >= reminderAt) {
      notices.push({
        kind: 'reminder', subject: item.subject, stage: item.stage, dueOn: item.dueOn,
        workingDaysLeft: Math.max(0, cal.workingDaysBetween(today, item.dueOn)), ...who,
      });
      recorded.push({ type: 'reminder-sent', at: nowIso, subject: item.subject, dueOn: item.dueOn });
    } else {
      moments.push(reminderAt);
    }
  }

  const file = complaintFile(events);
  const surveyAt = timeline.status === 'closed' && file.closed && !file.surveyScheduledFor && (options.canSurvey ?? true)
    ? surveySendAt(file.closed.at, policy)
    : null;
  const survey = surveyAt ? { sendAt: new Date(Math.max(Date.parse(surveyAt), now)).toISOString() } : null;

  // Nothing ahead to wait for: the machine ends. A staff action that gives it something to wait for again (an
  // acknowledgement after a missed date, an extension, a stage 2 request, a closure with a survey) starts it again.
  const done = moments.length === 0;
  const cap = now + MAX_WAIT_DAYS * 86_400_000;
  const wakeAt = done ? null : new Date(Math.min(cap, ...moments)).toISOString();
  return ok({ timeline, notices, events: recorded, survey, done, wakeAt });
}

const lastStage = (timeline: ComplaintTimeline): Stage => (timeline.milestones.some((m) => m.stage === 'stage-2') ? 'stage-2' : 'stage-1');

/** The earliest date an open milestone, outstanding action or learning action is due, for case lists and the digest; null when none. */
export function nextDueOn(timeline: ComplaintTimeline): CalendarDate | null {
  const open = [
    ...timeline.milestones.filter((m) => m.state === 'open').map((m) => m.dueOn),
    // A closed complaint with an action still to do has something due: the digest and the case list show it.
    ...timeline.actions.filter((a) => a.state === 'open').map((a) => a.dueOn),
    ...timeline.learningActions.filter(isOpenLearningAction).map((a) => a.dueOn),
    ...openOmbudsmanDuties(timeline).map((d) => d.dueOn),
    ...openRestrictionDuties(timeline).map((d) => d.dueOn),
  ].sort();
  return open[0] ?? null;
}

