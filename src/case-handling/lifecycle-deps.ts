import type { GovUkBankHolidays } from '../core/calendar/bank-holidays.ts';
import type { ComplaintFile } from '../core/case/case-file.ts';
import type { CaseRecord } from '../core/case/case-record.ts';
import type { LandlordPolicy } from '../core/policy/landlord-policy.ts';
import type { LetterDeps } from '../outbound/send-letter.ts';
import type { CaseWorkflow, SurveySchedules, SurveyStore } from '../ports-lifecycle.ts';
import type { Logger, MessageLog } from '../ports.ts';

/** What the lifecycle's application services need: the stores, the mail, the workflow and schedules, the policies. */
export interface LifecycleDeps extends LetterDeps {
  readonly messages: MessageLog;
  readonly policies: ReadonlyMap<string, LandlordPolicy>;
  readonly govUk: GovUkBankHolidays;
  readonly workflow: CaseWorkflow;
  readonly surveySchedules: SurveySchedules;
  readonly surveys: SurveyStore;
  readonly logger: Logger;
  /** Where residents open the survey page (`<publicUrl>/survey/<id>`). */
  readonly publicUrl: string;
  /** A new unguessable survey id; random by default. */
  readonly newSurveyId?: () => string;
}

/** A case that should exist does not, or is not a complaint. */
export class ComplaintNotFoundError extends Error {
  override readonly name = 'ComplaintNotFoundError';
  constructor(readonly caseRef: string) {
    super(`no complaint ${caseRef}`);
  }
}

export { eventInstant, loadComplaint, UnknownLandlordError, type LoadedComplaint } from '../services/complaint-service.ts';

import { residentRecipient } from '../core/case/complaint-change.ts';

export { letterDate, letterLandlord, officerAddress, officerOrManagers } from '../core/case/complaint-change.ts';

/** Who letters to the resident go to: a representative whose consent is confirmed and who gave an address (Code 3.6), else the resident. */
export function residentContact(record: CaseRecord, file: ComplaintFile): { to: string | null; name?: string } {
  const to = residentRecipient({ resident: record.resident }, file);
  return { to: to.email, ...(to.name ? { name: to.name } : {}) };
}
