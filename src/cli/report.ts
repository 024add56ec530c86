import { Command, InvalidArgumentError } from 'commander';
import { BANK_HOLIDAYS_FILE, InvalidConfigFileError, readBankHolidays, readValidated, resolveLandlordPolicy } from '../config/files.ts';
import { CalendarDateSchema, londonDateOf } from '../core/calendar/london-date.ts';
import { describeBreach } from '../core/case/complaint.ts';
import type { WorkingDayCalendar } from '../core/calendar/working-days.ts';
import { calendarForPolicy } from '../core/code/deadlines.ts';
import type { LandlordPolicy } from '../core/policy/landlord-policy.ts';
import { factsForComplaints, type ComplaintFacts, type ExcludedComplaint } from '../core/reports/complaint-facts.ts';
import { ReportCasesSchema, reportedComplaints } from '../core/reports/report-cases.ts';
import { reportingYear, type ReportingYear } from '../core/reports/reporting-year.ts';
import { annualReport } from '../core/reports/annual-report.ts';
import { tenantSatisfactionMeasures, type HomesCount } from '../core/reports/tsm.ts';
import { selfAssessment } from '../core/reports/self-assessment.ts';
import { checkPolicyAgainstCode } from '../core/policy/policy-check.ts';
import { annualReportHtml } from '../reports/annual-report-html.ts';
import { selfAssessmentCsv, selfAssessmentHtml } from '../reports/self-assessment-html.ts';
import { chartsCsv } from '../reports/csv.ts';
import { formatTenantSatisfactionMeasures } from '../reports/tsm-text.ts';
import { staffApiFromEnv } from './cases.ts';
import { describeZodError } from './messages.ts';

/** A refusal the command explains and exits 2 on: bad input, or nothing to read from. */
class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
}

interface SourceOptions {
  cases?: string;
  policy?: string;
  landlord?: string;
  year: ReportingYear;
  holidays: string;
  asAt?: string;
}

/** What every report reads: the complaints' facts under the landlord's policy, for one year. */
export interface ReportSource {
  readonly policy: LandlordPolicy;
  readonly cal: WorkingDayCalendar;
  readonly year: ReportingYear;
  readonly facts: ComplaintFacts[];
  readonly excluded: ExcludedComplaint[];
  readonly serviceRequests: number;
  /** The date the data is judged at: today unless `--as-at` says otherwise. */
  readonly asAt: string;
  /** The file read, or the staff API's address. */
  readonly from: string;
}

function parseYear(value: string): ReportingYear {
  const year = reportingYear(value);
  if (!year.ok) throw new InvalidArgumentError('give the reporting year as the regulator writes it, such as 2025-26 (1 April 2025 to 31 March 2026)');
  return year.value;
}

function parseDate(value: string): string {
  if (!CalendarDateSchema.safeParse(value).success) throw new InvalidArgumentError('give a date written YYYY-MM-DD');
  return value;
}

function parseHomes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('give a whole number of homes');
  return n;
}

async function fetchCases(landlordId: string): Promise<unknown> {
  const api = staffApiFromEnv();
  if (!api.token) throw new ReportInputError('set REDRESS_STAFF_TOKEN (npm start prints it), or give --cases FILE');
  let response: Response;
  try {
    response = await fetch(`${api.url}/api/cases?landlord=${encodeURIComponent(landlordId)}`, { headers: { authorization: `Bearer ${api.token}` } });
  } catch {
    throw new ReportInputError(`nothing answers at ${api.url}: is npm start running? (REDRESS_URL sets another address; --cases FILE reads a file instead)`);
  }
  if (!response.ok) throw new ReportInputError(`the staff API answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/**
 * Reads the cases from a file or the running stack's staff API, and the policy that applies, then derives every
 * complaint's facts: the one path both sources take.
 */
async function readSource(options: SourceOptions): Promise<ReportSource> {
  let cases;
  let from: string;
  let policy: LandlordPolicy | undefined;
  const policyRef = options.policy ?? options.landlord;
  try {
    policy = policyRef ? resolveLandlordPolicy(policyRef) : undefined;
    if (options.cases) {
      cases = readValidated(options.cases, ReportCasesSchema);
      from = options.cases;
    } else {
      if (!policy) throw new ReportInputError('say whose cases to read from the staff API: --landlord <id> (or --cases FILE)');
      const parsed = ReportCasesSchema.safeParse(await fetchCases(policy.landlordId));
      if (!parsed.success) throw new ReportInputError(`the staff API sent cases this command cannot read: ${describeZodError(parsed.error)}`);
      cases = parsed.data;
      from = staffApiFromEnv().url;
    }
    if (!policy) {
      const ids = [...new Set(cases.map((c) => c.landlordId).filter((id) => id !== undefined))];
      if (ids.length !== 1) throw new ReportInputError(`say which policy applies: --policy <file-or-id> (the cases name ${ids.length === 0 ? 'no landlord' : ids.join(', ')})`);
      policy = resolveLandlordPolicy(ids[0]!);
    }
  } catch (error) {
    if (error instanceof InvalidConfigFileError) throw new ReportInputError(error.message);
    throw error;
  }
  const cal = calendarForPolicy(policy, readBankHolidays(options.holidays));
  // The policy asked for applies to every case read, over the landlordId the cases name (as `redress deadlines`).
  const { facts, excluded } = factsForComplaints(reportedComplaints(cases), policy, cal);
  const asAt = options.asAt ?? londonDateOf(new Date());
  return { policy, cal, year: options.year, facts, excluded, serviceRequests: cases.filter((c) => c.kind === 'service-request').length, asAt, from };
}

interface HomesOptions {
  homes?: number;
  lcraHomes?: number;
  lchoHomes?: number;
}

function homesFor(policy: LandlordPolicy, options: HomesOptions): HomesCount {
  if (options.lcraHomes !== undefined || options.lchoHomes !== undefined) {
    return { lowCostRental: options.lcraHomes ?? 0, lowCostHomeOwnership: options.lchoHomes ?? 0 };
  }
  if (options.homes !== undefined) return { lowCostRental: options.homes, lowCostHomeOwnership: 0 };
  if (policy.homes) return policy.homes;
  throw new ReportInputError(`say how many homes ${policy.name} owns: --homes N, or "homes" in its policy profile`);
}

/** Runs a report's action, turning a refusal into a message on stderr and exit status 2. */
function reporting<O>(run: (options: O) => Promise<void>) {
  return async (options: O) => {
    try {
      await run(options);
      process.exitCode = 0;
    } catch (error) {
      if (!(error instanceof ReportInputError)) throw error;
      process.stderr.write(`redress report: ${error.message}\n`);
      process.exitCode = 2;
    }
  };
}

const withHomes = (command: Command) =>
  command
    .option('--homes <n>', 'homes owned at the year end (default: the policy profile\'s homes)', parseHomes)
    .option('--lcra-homes <n>', 'low-cost rental homes, to split the figures by tenure', parseHomes)
    .option('--lcho-homes <n>', 'low-cost home ownership homes, to split the figures by tenure', parseHomes);

const FORMATS = ['html', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];
function parseFormat(value: string): Format {
  const format = FORMATS.find((f) => f === value);
  if (!format) throw new InvalidArgumentError(`give one of ${FORMATS.join(', ')}`);
  return format;
}

const withSource = (command: Command) =>
  command
    .requiredOption('--year <yyyy-yy>', 'the reporting year, 1 April to 31 March, such as 2025-26', parseYear)
    .option('--cases <file>', 'a JSON file of cases in the `redress deadlines` events format (a list, or `redress cases --json` output); without it, the running stack\'s staff API (REDRESS_URL, REDRESS_STAFF_TOKEN)')
    .option('--policy <file-or-id>', 'policy profile file, or a shipped profile id (default: the cases\' landlordId)')
    .option('--landlord <id>', 'whose cases to read from the staff API')
    .option('--holidays <file>', 'GOV.UK bank-holidays.json list to use for the years it covers', BANK_HOLIDAYS_FILE)
    .option('--as-at <yyyy-mm-dd>', 'the date the data is judged at: an acknowledgement due after it is not counted yet (default: today)', parseDate);

/** `redress report`: the regulator's figures, the annual complaints report and the self-assessment. */
export function reportCommand(): Command {
  const report = new Command('report').description("The regulator's TSM complaints figures (CH01, CH02), the annual complaints performance and service improvement report, and the self-assessment against the Code");

  withHomes(withSource(report.command('tsm')))
    .description('TSM CH01 (stage 1 and stage 2 complaints per 1,000 homes) and CH02 (share responded to within the Code\'s timescales) for a reporting year')
    .option('--json', 'print JSON: {"CH01": {"stage1", "stage2"}, "CH02": {"stage1", "stage2"}, ...}')
    .addHelpText('after', `
How complaints are counted (the readings are settings under "reports.tsm" in the policy profile; docs/reports.md):
  CH01 counts a stage 1 complaint in the year it was received and a stage 2 complaint in the year it was asked for.
  CH02 counts each response in the year it was sent, judged against the Code (6.3: 10 working days, 6.14: 20, from acknowledgement).
Exit status: 0 printed; 2 the file, the policy, the year or the homes are missing or not valid (the problem is named).`)
    .action(reporting(async (options: SourceOptions & HomesOptions & { json?: boolean }) => {
      const source = await readSource(options);
      const tsm = tenantSatisfactionMeasures(source.facts, source.year, homesFor(source.policy, options), source.policy.reports.tsm);
      if (options.json) {
        const excluded = source.excluded.map((e) => ({ complaintRef: e.complaintRef, breach: describeBreach(e.breach, { eventNumbers: true }) }));
        process.stdout.write(`${JSON.stringify({ landlordId: source.policy.landlordId, from: source.from, ...tsm, excluded }, null, 2)}\n`);
      } else {
        process.stdout.write(formatTenantSatisfactionMeasures(`${source.policy.name} (${source.policy.landlordId}) · Tenant Satisfaction Measures: complaints`, tsm, source.excluded));
      }
    }));

  withHomes(withSource(report.command('annual')))
    .description('The annual complaints performance and service improvement report (Code 8.1): volumes, timeliness, outcomes, refusals, extensions, themes, with charts')
    .option('--format <format>', 'html (printable, charts as SVG), csv (the data behind every chart) or json', parseFormat, 'html')
    .addHelpText('after', `
The TSM figures are included when the homes are known (--homes, or "homes" in the policy profile).
Exit status: 0 printed; 2 the file, the policy or the year are missing or not valid (the problem is named).`)
    .action(reporting(async (options: SourceOptions & HomesOptions & { format: Format }) => {
      const source = await readSource(options);
      const annual = annualReport(source.facts, source.excluded, source.year, source.policy, source.asAt);
      const known = options.homes !== undefined || options.lcraHomes !== undefined || options.lchoHomes !== undefined || source.policy.homes !== undefined;
      const tsm = known ? tenantSatisfactionMeasures(source.facts, source.year, homesFor(source.policy, options), source.policy.reports.tsm) : undefined;
      if (options.format === 'json') process.stdout.write(`${JSON.stringify({ ...annual, ...(tsm ? { tsm } : {}) }, null, 2)}\n`);
      else if (options.format === 'csv') process.stdout.write(chartsCsv(annual.charts));
      else process.stdout.write(annualReportHtml(annual, tsm));
    }));

  withSource(report.command('self-assessment'))
    .description("The self-assessment against the Code (8.1 a): each provision with the evidence the records hold and the policy check's findings, with columns for the landlord's commentary")
    .option('--format <format>', 'html (printable), csv or json', parseFormat, 'html')
    .action(reporting(async (options: SourceOptions & { format: Format }) => {
      const source = await readSource(options);
      const assessment = selfAssessment(source.facts, source.year, source.policy, checkPolicyAgainstCode(source.policy), source.serviceRequests, source.asAt);
      if (options.format === 'json') process.stdout.write(`${JSON.stringify(assessment, null, 2)}\n`);
      else if (options.format === 'csv') process.stdout.write(selfAssessmentCsv(assessment));
      else process.stdout.write(selfAssessmentHtml(assessment));
    }));

  return report;
}
