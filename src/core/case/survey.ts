import { addCalendarDays, addCalendarMonths, toCalendarDate, type CalendarDate } from '../calendar/london-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import type { LandlordPolicy } from '../policy/landlord-policy.ts';
import type { ComplaintTimeline, Satisfaction } from './complaint.ts';
import { londonInstant } from './london-time.ts';

/** Surveys go out at this London time on the day they fall due. */
export const SURVEY_SEND_TIME = '10:00';

/**
 * When the satisfaction survey goes, the policy's time after the complaint was closed, at 10:00 London time on
 * that day; null when the policy sends none. The association's policy says one month (its 7.1).
 * @example surveySendAt('2026-12-04T16:00:00Z', association) // '2027-01-04T10:00:00.000Z'
 */
export function surveySendAt(closedAt: string, policy: LandlordPolicy): string | null {
  const after = policy.survey.sendAfterResolution;
  if (!after) return null;
  const closedOn = toCalendarDate(closedAt);
  const on = 'months' in after ? addCalendarMonths(closedOn, after.months) : addCalendarDays(closedOn, after.days);
  return londonInstant(on, SURVEY_SEND_TIME);
}

/** Whether an answer says the resident is unhappy. */
export const isDissatisfied = (s: Satisfaction): boolean => s === 'dissatisfied' || s === 'very-dissatisfied';

/** What to offer a resident who answered the survey (the association's policy 7.4, 7.5). */
export type SurveyFollowUp =
  | { kind: 'none' }
  /** Unhappy with the outcome after stage 1 alone: offer stage 2, by the policy's last day when it sets one. */
  | { kind: 'offer-stage-2'; stage2RequestBy?: CalendarDate; handlingDissatisfied: boolean }
  /** Unhappy with the outcome after stage 2: give the Ombudsman's details again. */
  | { kind: 'refer-to-ombudsman'; handlingDissatisfied: boolean }
  /** Happy with the outcome but not with the handling: the manager gets in touch (7.4). */
  | { kind: 'handling-follow-up' }
  /** The resident asked on the survey for stage 2: recorded as a stage 2 request on the same case (6.10 to 6.12). */
  | { kind: 'stage-2-requested' };

/**
 * Decides the follow-up to a survey answer from where the complaint got to. A late stage 2 request must still be
 * considered (5.11), so after the window the offer stands without a date.
 */
export function surveyFollowUp(
  timeline: ComplaintTimeline,
  answer: { handling: Satisfaction; outcome: Satisfaction },
  cal: WorkingDayCalendar,
  answeredAt: string,
): SurveyFollowUp {
  const handlingDissatisfied = isDissatisfied(answer.handling);
  if (!isDissatisfied(answer.outcome)) return handlingDissatisfied ? { kind: 'handling-follow-up' } : { kind: 'none' };
  const reachedStage2 = timeline.milestones.some((m) => m.stage === 'stage-2');
  if (reachedStage2) return { kind: 'refer-to-ombudsman', handlingDissatisfied };
  const closes = timeline.stage2RequestWindowClosesOn;
  const open = closes !== undefined && cal.workingDaysBetween(toCalendarDate(answeredAt), closes) >= 0;
  return { kind: 'offer-stage-2', handlingDissatisfied, ...(open ? { stage2RequestBy: closes } : {}) };
}
