// Benchmark, run on demand (`npm run bench:reports`), never in the tests: a year of 10,000 complaints through the
// reports, in process (parse, derive, count, render) and end to end through `redress report` on a file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBankHolidays, resolveLandlordPolicy } from '../src/config/files.ts';
import type { ComplaintEvent } from '../src/core/case/complaint.ts';
import { calendarForPolicy } from '../src/core/code/deadlines.ts';
import { checkPolicyAgainstCode } from '../src/core/policy/policy-check.ts';
import { annualReport } from '../src/core/reports/annual-report.ts';
import { factsForComplaints } from '../src/core/reports/complaint-facts.ts';
import { ReportCasesSchema, reportedComplaints } from '../src/core/reports/report-cases.ts';
import { reportingYear } from '../src/core/reports/reporting-year.ts';
import { selfAssessment } from '../src/core/reports/self-assessment.ts';
import { tenantSatisfactionMeasures } from '../src/core/reports/tsm.ts';
import { annualReportHtml } from '../src/reports/annual-report-html.ts';
import { selfAssessmentHtml } from '../src/reports/self-assessment-html.ts';

const COMPLAINTS = 10_000;
const policy = resolveLandlordPolicy('example-housing-association');
const cal = calendarForPolicy(policy, readBankHolidays());
const year = reportingYear('2025-26');
if (!year.ok) throw new Error('bad year');

// A fixed pseudo-random sequence, so every run measures the same work.
let seed = 20251101;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const at = (date: string) => `${date}T10:00:00Z`;
const later = (date: string, min: number, max: number) => cal.addWorkingDays(date, min + Math.floor(random() * (max - min + 1)));

function aComplaint(i: number) {
  const receivedOn = cal.thisOrNextWorkingDay(new Date(Date.parse('2025-04-01T00:00:00Z') + Math.floor(random() * 365) * 86_400_000).toISOString().slice(0, 10));
  const events: ComplaintEvent[] = [{ type: 'received', at: at(receivedOn) }];
  const roll = random();
  if (roll < 0.03) {
    events.push({ type: 'declined', at: at(later(receivedOn, 1, 3)), reason: 'Considered before.', exclusions: [pick(policy.acceptance.exclusions).kind] });
  } else {
    const acknowledgedOn = later(receivedOn, 1, 3);
    events.push({ type: 'acknowledged', at: at(acknowledgedOn), complaintDefinition: 'What went wrong.', outcomesSought: ['Put it right'] });
    if (roll < 0.05) {
      events.push({ type: 'closed', at: at(later(acknowledgedOn, 1, 2)), reason: 'Withdrawn.' });
    } else {
      let respondedOn = later(acknowledgedOn, 3, 11);
      if (random() < 0.1) {
        events.push({ type: 'extended', at: at(later(acknowledgedOn, 1, 2)), stage: 'stage-1', respondBy: later(acknowledgedOn, 12, 14), reason: 'Waiting for a survey.' });
        respondedOn = later(acknowledgedOn, 12, 19);
      }
      events.push({ type: 'stage-1-response-sent', at: at(respondedOn), officer: 'Officer A', decision: pick(['upheld', 'partly-upheld', 'not-upheld'] as const), reasons: ['Because.'] });
      if (random() < 0.15) {
        const requestedOn = later(respondedOn, 1, 5);
        const stage2AcknowledgedOn = later(requestedOn, 1, 4);
        events.push(
          { type: 'stage-2-requested', at: at(requestedOn), via: 'email' },
          { type: 'stage-2-acknowledged', at: at(stage2AcknowledgedOn), complaintDefinition: 'Still unhappy.' },
          { type: 'stage-2-response-sent', at: at(later(stage2AcknowledgedOn, 10, 22)), officer: 'Officer B', decision: pick(['upheld', 'not-upheld'] as const), reasons: ['Because.'] },
        );
      }
    }
  }
  return {
    complaintRef: `C-${String(i).padStart(8, '0')}`,
    landlordId: policy.landlordId,
    channel: pick(['email', 'sms', 'web_form']),
    category: pick(policy.reports.categories).id,
    tenure: random() < 0.87 ? 'low-cost-rental' : 'low-cost-home-ownership',
    events,
  };
}

const text = JSON.stringify({ cases: Array.from({ length: COMPLAINTS }, (_, i) => aComplaint(i)) });
const file = join(mkdtempSync(join(tmpdir(), 'redress-bench-')), 'cases.json');
writeFileSync(file, text);
console.log(`A year of ${COMPLAINTS.toLocaleString('en-GB')} complaints (${(text.length / 1e6).toFixed(1)} MB of events), ${policy.landlordId}, 2025-26`);

// CPU time beside wall time: the machine is shared, and CPU time is what the code itself costs.
function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(cpu);
  console.log(`  ${label.padEnd(52)} ${(performance.now() - started).toFixed(0).padStart(6)} ms  (${((used.user + used.system) / 1000).toFixed(0)} ms CPU)`);
  return value;
}

const started = performance.now();
const cpuAtStart = process.cpuUsage();
const cases = timed('parse the file with zod', () => ReportCasesSchema.parse(JSON.parse(text)));
const { facts, excluded } = timed('derive every complaint\'s facts (timelines, Code dates)', () => factsForComplaints(reportedComplaints(cases), policy, cal));
const tsm = timed('TSM CH01 and CH02, by tenure', () => tenantSatisfactionMeasures(facts, year.value, policy.homes!, policy.reports.tsm));
const annual = timed('the annual report\'s figures and charts', () => annualReport(facts, excluded, year.value, policy, '2026-06-30'));
const assessment = timed('the self-assessment', () => selfAssessment(facts, year.value, policy, checkPolicyAgainstCode(policy), 0, '2026-06-30'));
const html = timed('render both as HTML', () => annualReportHtml(annual, tsm).length + selfAssessmentHtml(assessment).length);
const total = performance.now() - started;
const cpuTotal = process.cpuUsage(cpuAtStart);
console.log(`  ${'in process, all of the above'.padEnd(52)} ${total.toFixed(0).padStart(6)} ms  (${((cpuTotal.user + cpuTotal.system) / 1000).toFixed(0)} ms CPU; budget 2,000 ms; ${excluded.length} left out; CH02 stage 1 ${tsm.CH02.stage1.percent}%; ${(html / 1e3).toFixed(0)} kB of HTML)`);

const cli = fileURLToPath(new URL('../cli/redress.js', import.meta.url));
for (const args of [['tsm', '--json'], ['annual', '--format', 'html']]) {
  const began = performance.now();
  const run = spawnSync(process.execPath, [cli, 'report', ...args, '--cases', file, '--year', '2025-26'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(run.stderr);
  console.log(`  ${`end to end: redress report ${args.join(' ')}`.padEnd(52)} ${(performance.now() - began).toFixed(0).padStart(6)} ms  (includes starting node and tsx)`);
}
