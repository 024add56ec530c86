// The interfaces the complaint lifecycle needs beside those in ports.ts: following a complaint again after it is
// reopened, one-time schedules, and satisfaction surveys. Each has an AWS adapter and a local twin.
import type { Workflow } from './ports.ts';

/** The complaint's state machine, which can also be started again to follow a reopened complaint. */
export interface CaseWorkflow extends Workflow {
  /**
   * Starts a run named `run` (unique within the case, such as `C-7K2M9Q4T-r14`) following the case, for a
   * complaint closed and then taken to stage 2. A later run supersedes an earlier one, which ends on its next wake.
   */
  followComplaint(input: { caseRef: string; landlordId: string; run: string }): Promise<'started' | 'already-started'>;
  /**
   * Stops a run that has nothing left to wait for (a staff action answered or closed the complaint), so it does not
   * wake once more only to end. `not-running` when it has already ended.
   */
  stopFollowing(input: { caseRef: string; run: string }): Promise<'stopped' | 'not-running'>;
}

/** What the survey schedule carries to `send-survey`. */
export interface SurveyRequest {
  readonly caseRef: string;
  readonly landlordId: string;
  /** The closure the survey follows. */
  readonly closedAt: string;
  readonly sendAt: string;
}

/** Schedules the satisfaction survey once (EventBridge Scheduler on AWS, the scheduler twin locally). */
export interface SurveySchedules {
  /** `already-scheduled` when a survey for this case is already waiting. */
  scheduleSurvey(input: SurveyRequest): Promise<'scheduled' | 'already-scheduled'>;
}

/** A satisfaction survey: its id is the unguessable part of the link the resident gets. */
export interface SurveyRecord {
  readonly surveyId: string;
  readonly caseRef: string;
  readonly landlordId: string;
  /** The closure it asks about: a complaint reopened for stage 2 and closed again gets a second survey. */
  readonly closedAt: string;
  readonly createdAt: string;
}

/** Satisfaction surveys by their id, one per closure of a complaint. */
export interface SurveyStore {
  /** Keeps a survey for a closure; `exists` with the one already kept for it (a retry). */
  createSurvey(record: SurveyRecord): Promise<{ status: 'created' | 'exists'; survey: SurveyRecord }>;
  getSurvey(surveyId: string): Promise<SurveyRecord | null>;
}

/** What a local schedule does when it fires. */
export type ScheduleTarget = 'send-survey' | 'send-digest';

/** A schedule as the local scheduler twin keeps it in the store, so it fires after a restart too. */
export interface StoredSchedule {
  /** Unique: `survey-C-7K2M9Q4T`, `digest-demo-2026-12-07`. */
  readonly name: string;
  readonly target: ScheduleTarget;
  readonly input: Readonly<Record<string, unknown>>;
  /** When it fires. */
  readonly at: string;
  readonly state: 'pending' | 'fired';
  readonly firedAt?: string;
}

/** Where the local scheduler twin keeps its schedules. */
export interface ScheduleStore {
  /** Keeps a schedule once: `exists` when one with that name is kept. */
  putSchedule(schedule: StoredSchedule): Promise<'created' | 'exists'>;
  /** Every pending schedule, earliest first. */
  pendingSchedules(): Promise<StoredSchedule[]>;
  markFired(name: string, firedAt: string): Promise<void>;
  getSchedule(name: string): Promise<StoredSchedule | null>;
}
