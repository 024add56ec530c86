import type { GovUkBankHolidays } from '../core/calendar/bank-holidays.ts';
import { toCalendarDate } from '../core/calendar/london-date.ts';
import type { WorkingDayCalendar } from '../core/calendar/working-days.ts';
import type { ComplaintFile } from '../core/case/case-file.ts';
import { complaintEventsOf, type CaseEventRecord, type CaseRecord } from '../core/case/case-record.ts';
import type { ComplaintEvent } from '../core/case/complaint.ts';
import { calendarForPolicy } from '../core/code/deadlines.ts';
import type { LandlordPolicy } from '../core/policy/landlord-policy.ts';
import { formatLetterDate } from '../letters/catalogue.ts';
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

/** The landlord as letters show it. */
export const letterLandlord = (policy: LandlordPolicy) => ({
  name: policy.name,
  complaintsEmail: policy.contact.complaintsEmail,
  ...(policy.contact.telephone ? { telephone: policy.contact.telephone } : {}),
  ...(policy.contact.textNumber ? { textNumber: policy.contact.textNumber } : {}),
  ...(policy.contact.webForm ? { complaintForm: policy.contact.webForm } : {}),
});

/** A London date or instant as letters print it. */
export const letterDate = (day: string): string => formatLetterDate(toCalendarDate(day));

/** An officer's mail address, when the name they act under is one. */
export const officerAddress = (officer: string | undefined): string | null =>
  officer && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(officer) ? officer : null;

/** Where a letter for the officer goes: their address, or the landlord's managers when no officer with one is named. */
export const officerOrManagers = (officer: string | undefined, policy: LandlordPolicy): readonly string[] => {
  const address = officerAddress(officer);
  return address ? [address] : policy.digest.recipients;
};

/** Who letters to the resident go to: a representative who gave an address (Code 3.6), else the resident. */
export function residentContact(record: CaseRecord, file: ComplaintFile): { to: string | null; name?: string } {
  if (file.representative?.email) return { to: file.representative.email, name: file.representative.name };
  return { to: record.resident.email, ...(record.resident.name ? { name: record.resident.name } : {}) };
}
