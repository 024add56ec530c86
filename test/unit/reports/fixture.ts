import { readFileSync } from 'node:fs';
import { resolveLandlordPolicy } from '../../../src/config/files.ts';
import { calendarForPolicy } from '../../../src/core/code/deadlines.ts';
import type { LandlordPolicy } from '../../../src/core/policy/landlord-policy.ts';
import { factsForComplaints } from '../../../src/core/reports/complaint-facts.ts';
import { ReportCasesSchema, reportedComplaints } from '../../../src/core/reports/report-cases.ts';
import { reportingYear, type ReportingYear } from '../../../src/core/reports/reporting-year.ts';

/** The hand-built year of complaints whose figures are worked out in the tests (test/fixtures/reports). */
export const FIXTURE_FILE = new URL('../../fixtures/reports/cases-2025-26.json', import.meta.url).pathname;
export const fixtureCases = ReportCasesSchema.parse(JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')));
export const codeDefaults = resolveLandlordPolicy('code-defaults');

export function yearOf(text: string): ReportingYear {
  const result = reportingYear(text);
  if (!result.ok) throw new Error(`not a reporting year: ${text}`);
  return result.value;
}

/** The fixture's facts under a policy (the Code's defaults unless given). */
export function fixtureFacts(policy: LandlordPolicy = codeDefaults) {
  return factsForComplaints(reportedComplaints(fixtureCases), policy, calendarForPolicy(policy));
}
