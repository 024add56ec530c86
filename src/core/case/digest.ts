import { addCalendarDays, toCalendarDate, type CalendarDate } from '../calendar/london-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import type { LandlordPolicy, Weekday } from '../policy/landlord-policy.ts';
import { complaintTimeline, openMilestonesAt, type ComplaintEvent, type MilestoneId } from './complaint.ts';
import { isOpenLearningAction } from './learning.ts';
import { describeOmbudsmanDuty, openOmbudsmanDuties } from './ombudsman.ts';
import { describeRestrictionDuty, openRestrictionDuties } from './restriction.ts';
import { londonInstant } from './london-time.ts';

/** One line of the digest: a case, what is due on it and when. */
export interface DigestRow {
  readonly caseRef: string;
  readonly summary: string;
  /** What is due, in an officer's words: "stage 1 response", "outstanding action: fit a new boiler". */
  readonly what: string;
  readonly dueOn: CalendarDate;
}

/** A landlord's weekly digest for its managers (Code 1.4 for service requests; the association's procedure 8.1). */
export interface WeeklyDigest {
  readonly weekOf: CalendarDate;
  readonly dueSoonWithinWorkingDays: number;
  readonly serviceRequestOpenLimitWorkingDays: number;
  /** Milestones past their date, and outstanding actions past theirs. */
  readonly overdue: readonly DigestRow[];
  /** Milestones due within the policy's window. */
  readonly dueSoon: readonly DigestRow[];
  /** Extensions granted in the seven days before the digest. */
  readonly extensionsGranted: readonly DigestRow[];
  /** Service requests open longer than the policy's limit. */
  readonly longOpenServiceRequests: readonly DigestRow[];
  /** Learning actions set from complaints and not yet done or dropped, shown every week until they are (Code 9.1). */
  readonly learningActions: readonly DigestRow[];
  /** Complaints whose history could not be read: a person must look at them. */
  readonly unreadable: readonly string[];
}

/** What the digest needs of each case. */
export interface DigestCase {
  readonly caseRef: string;
  readonly kind: 'complaint' | 'service-request';
  readonly summary: string;
  readonly openedAt: string;
  readonly state: 'open' | 'closed';
  /** A complaint's events; empty for a service request. */
  readonly events: readonly ComplaintEvent[];
}

const MILESTONE_WORDS: Record<MilestoneId, string> = {
  'stage-1-acknowledgement': 'stage 1 acknowledgement',
  'stage-1-response': 'stage 1 response',
  'stage-2-acknowledgement': 'stage 2 acknowledgement',
  'stage-2-response': 'stage 2 response',
};

const byDue = (a: DigestRow, b: DigestRow) => a.dueOn.localeCompare(b.dueOn) || a.caseRef.localeCompare(b.caseRef);

/**
 * Builds a landlord's weekly digest at an instant: complaints overdue, complaints due within the policy's window
 * (5 working days unless it says otherwise), extensions granted in the last week, and service requests open longer
 * than the policy's limit.
 * @example weeklyDigest(cases, policy, cal, '2026-12-07T08:00:00Z').overdue
 */
export function weeklyDigest(cases: readonly DigestCase[], policy: LandlordPolicy, cal: WorkingDayCalendar, at: string): WeeklyDigest {
  const today = toCalendarDate(at);
  const weekAgo = Date.parse(at) - 7 * 86_400_000;
  const window = policy.digest.dueSoonWithinWorkingDays;
  const limit = policy.digest.serviceRequestOpenLimitWorkingDays;
  const overdue: DigestRow[] = [];
  const dueSoon: DigestRow[] = [];
  const extensionsGranted: DigestRow[] = [];
  const longOpenServiceRequests: DigestRow[] = [];
  const learningActions: DigestRow[] = [];
  const unreadable: string[] = [];

  for (const c of cases) {
    const row = (what: string, dueOn: CalendarDate): DigestRow => ({ caseRef: c.caseRef, summary: c.summary, what, dueOn });
    if (c.kind === 'service-request') {
      const openedOn = toCalendarDate(c.openedAt);
      if (c.state === 'open' && cal.workingDaysBetween(openedOn, today) > limit) {
        longOpenServiceRequests.push(row('service request', cal.addWorkingDays(openedOn, limit)));
      }
      continue;
    }
    if (c.events.length === 0) continue;
    const timeline = complaintTimeline(c.events, policy, cal);
    if (!timeline.ok) {
      unreadable.push(c.caseRef);
      continue;
    }
    for (const open of openMilestonesAt(timeline.value, today, cal, window)) {
      const target = open.standing === 'overdue' ? overdue : open.standing === 'due-soon' ? dueSoon : null;
      target?.push(row(MILESTONE_WORDS[open.milestone.id], open.milestone.dueOn));
    }
    // Outstanding actions promised in a response are tracked until done, after closure too (Code 6.6).
    const soonUntil = cal.addWorkingDays(today, window);
    for (const action of timeline.value.actions) {
      if (action.state !== 'open') continue;
      if (action.dueOn < today) overdue.push(row(`outstanding action: ${action.action}`, action.dueOn));
      else if (action.dueOn <= soonUntil) dueSoon.push(row(`outstanding action: ${action.action}`, action.dueOn));
    }
    for (const action of timeline.value.learningActions) {
      if (!isOpenLearningAction(action)) continue;
      const what = `learning action ${action.actionId} (${action.owner}${action.status === 'in-progress' ? ', in progress' : ''}): ${action.action}`;
      learningActions.push(row(what, action.dueOn));
      if (action.dueOn < today) overdue.push(row(`learning action: ${action.action}`, action.dueOn));
    }
    // The landlord's dates in an Ombudsman investigation: its evidence, telling the board, each order (Code 9.7 c).
    // A restriction on contact's review and an appeal's decision (Code 5.14; seed 002 §4.3, §4.6).
    const duties = [
      ...openOmbudsmanDuties(timeline.value).map((d) => ({ what: describeOmbudsmanDuty(d), dueOn: d.dueOn })),
      ...openRestrictionDuties(timeline.value).map((d) => ({ what: describeRestrictionDuty(d), dueOn: d.dueOn })),
    ];
    for (const duty of duties) {
      if (duty.dueOn < today) overdue.push(row(duty.what, duty.dueOn));
      else if (duty.dueOn <= soonUntil) dueSoon.push(row(duty.what, duty.dueOn));
    }
    for (const e of c.events) {
      if (e.type === 'extended' && Date.parse(e.at) > weekAgo && Date.parse(e.at) <= Date.parse(at)) {
        extensionsGranted.push(row(`${MILESTONE_WORDS[`${e.stage}-response`]} extended: ${e.reason}`, e.respondBy));
      }
    }
  }
  return {
    weekOf: today,
    dueSoonWithinWorkingDays: window,
    serviceRequestOpenLimitWorkingDays: limit,
    overdue: overdue.sort(byDue),
    dueSoon: dueSoon.sort(byDue),
    extensionsGranted: extensionsGranted.sort(byDue),
    longOpenServiceRequests: longOpenServiceRequests.sort(byDue),
    learningActions: learningActions.sort(byDue),
    unreadable,
  };
}

const CRON_DAYS: Record<Weekday, string> = {
  monday: 'MON', tuesday: 'TUE', wednesday: 'WED', thursday: 'THU', friday: 'FRI', saturday: 'SAT', sunday: 'SUN',
};

/**
 * The EventBridge Scheduler expression for a landlord's digest, in London time.
 * @example digestSchedule(policy) // { expression: 'cron(0 8 ? * MON *)', timezone: 'Europe/London' }
 */
export function digestSchedule(policy: LandlordPolicy): { expression: string; timezone: 'Europe/London' } {
  const [hour, minute] = policy.digest.sendOn.at.split(':').map(Number) as [number, number];
  return { expression: `cron(${minute} ${hour} ? * ${CRON_DAYS[policy.digest.sendOn.day]} *)`, timezone: 'Europe/London' };
}

/** The next time a landlord's digest is due after an instant, by its schedule in London time (for the local twin). */
export function nextDigestAt(policy: LandlordPolicy, after: string): string {
  const days: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
  const target = days.indexOf(policy.digest.sendOn.day);
  let day = toCalendarDate(after);
  for (let i = 0; i < 9; i += 1, day = addCalendarDays(day, 1)) {
    if (new Date(`${day}T00:00:00Z`).getUTCDay() !== target) continue;
    const candidate = londonInstant(day, policy.digest.sendOn.at);
    if (Date.parse(candidate) > Date.parse(after)) return candidate;
  }
  throw new Error('unreachable: a weekday recurs within 8 days');
}
