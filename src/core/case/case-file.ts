import type { CalendarDate } from '../calendar/london-date.ts';
import { toCalendarDate } from '../calendar/london-date.ts';
import type { ComplaintEvent, Decision, OutstandingAction, Satisfaction, Stage } from './complaint.ts';

/** The landlord's written statement of what is being investigated at a stage (Code 5.6, 5.7). */
export interface ComplaintDefinition {
  readonly understanding: string;
  readonly outcomesSought: readonly string[];
  readonly responsibleFor: readonly string[];
  readonly notResponsibleFor: readonly string[];
  readonly clarificationRequest?: string;
}

/** A response as sent at one stage. */
export interface StageResponse {
  readonly sentAt: string;
  readonly officer: string;
  readonly decision?: Decision;
  readonly reasons: readonly string[];
  readonly remedy: readonly string[];
  readonly outstandingActions: readonly OutstandingAction[];
}

/** Someone acting for the resident (Code 3.6). */
export interface RepresentativeDetails {
  readonly name: string;
  readonly relationship: string | null;
  readonly email: string | null;
  readonly consentConfirmed: boolean;
}

/** A satisfaction survey sent after closure, and its answer when there is one. */
export interface SurveyState {
  readonly surveyId: string;
  readonly sentAt: string;
  readonly answer?: { readonly at: string; readonly handling: Satisfaction; readonly outcome: Satisfaction; readonly via: 'survey-page' | 'reply' };
}

/**
 * What a complaint's events say beyond its dates: the definitions, the responses, the resident's needs and
 * representative, the decline or closure, and the surveys. The latest record of a need or representative wins;
 * the earlier ones stay in the events.
 */
export interface ComplaintFile {
  readonly receivedAt: string;
  readonly definitions: Partial<Record<Stage, ComplaintDefinition>>;
  readonly responses: Partial<Record<Stage, StageResponse>>;
  readonly stage2RequestedAt?: string;
  readonly representative?: RepresentativeDetails;
  readonly adjustments?: { readonly needs: string; readonly adjustments: readonly string[] };
  readonly vulnerabilities: readonly string[];
  readonly declined?: { readonly at: string; readonly stage: Stage; readonly reason: string; readonly exclusions: readonly string[]; readonly whatWeWillDoInstead?: string };
  readonly closed?: { readonly at: string; readonly closedOn: CalendarDate; readonly reason: string };
  /** The resident withdrew the complaint. */
  readonly withdrawn?: { readonly at: string; readonly reason: string; readonly via: string };
  /** How the complaint came in (`email`, `telephone`, `letter`, ...), where recorded. */
  readonly receivedVia?: string;
  /** Who judged an earlier message or service request to be a complaint, and why (Code 1.2 to 1.5). */
  readonly reclassified?: { readonly from: 'message' | 'service-request'; readonly ref: string; readonly why: string };
  readonly extensions: readonly { readonly at: string; readonly stage: Stage; readonly respondBy: CalendarDate; readonly reason: string }[];
  /** When the survey for the latest closure is due, once the state machine has scheduled it. */
  readonly surveyScheduledFor?: string;
  readonly surveys: readonly SurveyState[];
  /** The complaint's categories, by the ids in the landlord's list: the latest record (Code 9.7 a). */
  readonly categories: readonly string[];
  /** The root causes recorded at each stage's response, by the ids in the landlord's list: the latest at each stage. */
  readonly rootCauses: Partial<Record<Stage, { readonly rootCauses: readonly string[]; readonly note?: string }>>;
}

/**
 * Folds a complaint's events into its file. Assumes events the case rules accepted (see `complaintTimeline`).
 * @example complaintFile(events).definitions['stage-1']?.outcomesSought
 */
export function complaintFile(events: readonly ComplaintEvent[]): ComplaintFile {
  const definitions: Partial<Record<Stage, ComplaintDefinition>> = {};
  const responses: Partial<Record<Stage, StageResponse>> = {};
  const vulnerabilities: string[] = [];
  const extensions: ComplaintFile['extensions'][number][] = [];
  const surveys = new Map<string, SurveyState>();
  const rootCauses: ComplaintFile['rootCauses'] = {};
  let categories: readonly string[] = [];
  let stage: Stage = 'stage-1';
  let file: {
    receivedAt: string;
    stage2RequestedAt?: string;
    representative?: RepresentativeDetails;
    adjustments?: ComplaintFile['adjustments'];
    declined?: ComplaintFile['declined'];
    closed?: ComplaintFile['closed'];
    withdrawn?: ComplaintFile['withdrawn'];
    receivedVia?: string;
    reclassified?: ComplaintFile['reclassified'];
    surveyScheduledFor?: string;
  } = { receivedAt: events[0]?.at ?? '' };

  for (const e of events) {
    switch (e.type) {
      case 'received':
        file = { ...file, ...(e.via ? { receivedVia: e.via } : {}), ...(e.reclassified ? { reclassified: e.reclassified } : {}) };
        break;
      case 'categorised':
        categories = e.categories;
        break;
      case 'root-causes-recorded':
        rootCauses[e.stage] = { rootCauses: e.rootCauses, ...(e.note ? { note: e.note } : {}) };
        break;
      case 'learning-action-set':
      case 'learning-action-updated':
      case 'ombudsman-investigation-opened':
      case 'ombudsman-evidence-sent':
      case 'board-told':
      case 'ombudsman-determination':
      case 'ombudsman-order':
      case 'ombudsman-order-complied':
      case 'contact-restricted':
      case 'restriction-reviewed':
      case 'restriction-appeal-received':
      case 'restriction-appeal-decided':
      case 'handler-assigned':
      case 'action-completed':
      case 'reminder-sent':
      case 'overdue-marked':
      case 'watching-ended':
        break;
      case 'acknowledged':
      case 'stage-2-acknowledged':
        definitions[e.type === 'acknowledged' ? 'stage-1' : 'stage-2'] = {
          understanding: e.complaintDefinition,
          outcomesSought: e.outcomesSought ?? [],
          responsibleFor: e.responsibleFor ?? [],
          notResponsibleFor: e.notResponsibleFor ?? [],
          ...(e.clarificationRequest ? { clarificationRequest: e.clarificationRequest } : {}),
        };
        break;
      case 'extended':
        extensions.push({ at: e.at, stage: e.stage, respondBy: e.respondBy, reason: e.reason });
        break;
      case 'stage-1-response-sent':
      case 'stage-2-response-sent':
        responses[e.type === 'stage-1-response-sent' ? 'stage-1' : 'stage-2'] = {
          sentAt: e.at,
          officer: e.officer,
          ...(e.decision ? { decision: e.decision } : {}),
          reasons: e.reasons ?? [],
          remedy: e.remedy ?? [],
          outstandingActions: e.outstandingActions ?? [],
        };
        break;
      case 'stage-2-requested':
        stage = 'stage-2';
        file = { ...file, stage2RequestedAt: e.receivedAt ?? e.at };
        // A reopened complaint is no longer closed, and its survey waits for the next closure.
        delete file.closed;
        delete file.surveyScheduledFor;
        break;
      case 'declined':
        file = {
          ...file,
          declined: {
            at: e.at, stage, reason: e.reason, exclusions: e.exclusions ?? [],
            ...(e.whatWeWillDoInstead ? { whatWeWillDoInstead: e.whatWeWillDoInstead } : {}),
          },
        };
        break;
      case 'withdrawn':
        file = { ...file, withdrawn: { at: e.at, reason: e.reason, via: e.via } };
        break;
      case 'closed':
        file = { ...file, closed: { at: e.at, closedOn: toCalendarDate(e.at), reason: e.reason } };
        break;
      case 'adjustments-recorded':
        file = { ...file, adjustments: { needs: e.needs, adjustments: e.adjustments } };
        break;
      case 'representative-recorded':
        file = { ...file, representative: { name: e.name, relationship: e.relationship, email: e.email, consentConfirmed: e.consentConfirmed } };
        break;
      case 'vulnerability-recorded':
        vulnerabilities.push(e.details);
        break;
      case 'survey-scheduled':
        file = { ...file, surveyScheduledFor: e.sendAt };
        break;
      case 'survey-sent':
        surveys.set(e.surveyId, { surveyId: e.surveyId, sentAt: e.at });
        break;
      case 'survey-answered': {
        const survey = surveys.get(e.surveyId);
        if (survey && !survey.answer) {
          surveys.set(e.surveyId, { ...survey, answer: { at: e.at, handling: e.handling, outcome: e.outcome, via: e.via } });
        }
        break;
      }
      default: {
        const unknown: never = e;
        throw new Error(`unhandled complaint event ${JSON.stringify(unknown)}`);
      }
    }
  }
  return { ...file, definitions, responses, vulnerabilities, extensions, surveys: [...surveys.values()], categories, rootCauses };
}
