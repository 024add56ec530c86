import type { SelfAssessment } from '../core/reports/self-assessment.ts';
import { toCsv } from './csv.ts';
import { h, htmlPage } from './html-page.ts';

const NOT_HELD = 'Not held in Redress: add the evidence.';

/** The self-assessment as a printable page, a row a provision, with empty Comply and Commentary columns to fill in. */
export function selfAssessmentHtml(assessment: SelfAssessment): string {
  const title = `${assessment.landlord.name}: self-assessment against the Complaint Handling Code, ${assessment.year.label}`;
  const rows = assessment.rows.map((r) => {
    const evidence = r.evidence
      ? `${h(r.evidence.summary)}${r.evidence.listed.length ? `<ul>${r.evidence.listed.map((l) => `<li>${h(l)}</li>`).join('')}</ul>` : ''}`
      : `<span class="note">${h(NOT_HELD)}</span>`;
    const findings = r.policyFindings.length ? `<ul>${r.policyFindings.map((f) => `<li>${h(f)}</li>`).join('')}</ul>` : '<span class="note">No finding</span>';
    return `<tr><th scope="row">${h(r.provision)}</th><td>${h(r.requirement)}</td><td>${evidence}</td><td>${findings}</td><td></td><td class="commentary"></td></tr>`;
  });
  return htmlPage(title, [
    `<h1>${h(title)}</h1>`,
    `<p>The year ${h(assessment.year.startsOn)} to ${h(assessment.year.endsOn)}. The evidence column is what Redress's records show; the policy check compares the landlord's policy profile with the Code. Comply and Commentary are for the landlord to complete.</p>`,
    '<table><thead><tr><th scope="col">Code</th><th scope="col">What the Code requires (paraphrased)</th><th scope="col">Evidence from the records</th><th scope="col">Policy check</th><th scope="col">Comply: Yes / No</th><th scope="col">Commentary</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table>`,
  ]);
}

/** The self-assessment as CSV, with empty comply and commentary columns for the landlord. */
export function selfAssessmentCsv(assessment: SelfAssessment): string {
  return toCsv([
    ['provision', 'requirement', 'evidence', 'listed', 'policy_check', 'comply', 'commentary'],
    ...assessment.rows.map((r) => [
      r.provision,
      r.requirement,
      r.evidence?.summary ?? NOT_HELD,
      r.evidence?.listed.join('\n') ?? '',
      r.policyFindings.join('\n'),
      '',
      '',
    ]),
  ]);
}
