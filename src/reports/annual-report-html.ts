import { describeBreach } from '../core/case/complaint.ts';
import type { AnnualReport, Chart, Share } from '../core/reports/annual-report.ts';
import type { ComplaintsMeasures, TenantSatisfactionMeasures } from '../core/reports/tsm.ts';
import { chartFigure, h, htmlPage, htmlTable } from './html-page.ts';

const stageName = (stage: string) => (stage === 'stage-1' ? 'Stage 1' : 'Stage 2');
const perThousand = (n: number | null) => (n === null ? 'no homes' : n.toFixed(1));
const percent = (n: number | null) => (n === null ? 'none responded to' : `${n.toFixed(1)}%`);
const tsmRows = (label: string, m: ComplaintsMeasures): string[][] => [
  [`${label}: CH01 complaints received per 1,000 homes`, String(m.CH01.stage1.homes), perThousand(m.CH01.stage1.perThousandHomes), perThousand(m.CH01.stage2.perThousandHomes)],
  [`${label}: CH02 responded to within the Code's timescales`, '', percent(m.CH02.stage1.percent), percent(m.CH02.stage2.percent)],
];
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const improvementsText = (x: AnnualReport['serviceImprovements']) =>
  `${plural(x.set, 'learning action')} set in the year; ${x.done} done and ${x.dropped} dropped in the year; ${x.open} still open, ${x.overdue} of them past their date.`;
const ombudsmanText = (x: AnnualReport['ombudsman']) =>
  `${plural(x.opened, 'investigation')} opened by the Ombudsman in the year; ${plural(x.determined, 'determination')}, ${x.codeNonCompliance} finding the landlord did not follow the Complaint Handling Code (8.1 c); ${plural(x.orders.made, 'order')} made and ${x.orders.complied} complied with in the year; ${x.orders.open} still to comply with, ${x.orders.overdue} of them past their date.`;
const shareText = (s: Share) => (s.percent === null ? 'none' : `${s.percent.toFixed(1)}% (${s.count} of ${s.of})`);

/**
 * The annual complaints performance and service improvement report (Code 8.1) as one printable HTML page:
 * figures, charts as SVG with the data beneath each, and what Redress does not record yet said plainly.
 */
export function annualReportHtml(report: AnnualReport, tsm?: TenantSatisfactionMeasures): string {
  const chart = (id: string) => chartFigure(report.charts.find((c) => c.id === id) as Chart);
  const title = `${report.landlord.name}: complaints performance and service improvement report ${report.year.label}`;
  const body = [
    `<h1>${h(title)}</h1>`,
    `<p>The year 1 April to 31 March: ${h(report.year.startsOn)} to ${h(report.year.endsOn)}. Figures from Redress's record of each complaint; the readings behind them are in docs/reports.md.</p>`,

    '<h2>Complaints received</h2>',
    htmlTable(['', 'Complaints'], [
      ['Stage 1 complaints received', report.received.stage1],
      ['Stage 2 complaints received (escalations asked for in the year)', report.received.stage2],
      ['Stage 2 as a share of stage 1', report.received.escalatedPercent === null ? 'none' : `${report.received.escalatedPercent.toFixed(1)}%`],
    ]),
    ...(tsm
      ? [
          "<h3>The regulator's measures (TSM)</h3>",
          htmlTable(['Measure', 'Homes', 'Stage 1', 'Stage 2'], [
            ...tsmRows('All homes', tsm),
            ...(tsm.byTenure ? [...tsmRows('Low-cost rental (LCRA)', tsm.byTenure.LCRA), ...tsmRows('Low-cost home ownership (LCHO)', tsm.byTenure.LCHO)] : []),
          ]),
        ]
      : []),
    chart('received-by-month'),
    chart('received-by-channel'),
    chart('received-by-category'),

    "<h2>Performance against the Code's timescales</h2>",
    htmlTable(
      ['', 'Acknowledged within 5 working days', "Responded within the Code's timescale", "Responded by the landlord's own date"],
      report.timeliness.map((t) => [stageName(t.stage), shareText(t.acknowledgedWithinCode), shareText(t.respondedWithinCode), shareText(t.respondedByPolicyDate)]),
    ),
    chart('within-timescale'),

    '<h2>Outcomes</h2>',
    chart('outcomes'),

    '<h2>Complaints not accepted and escalations refused</h2>',
    report.refused.complaints.length === 0
      ? '<p>None this year.</p>'
      : htmlTable(['Complaint', 'Stage', 'Date', 'Reason given', 'Exclusion relied on'], report.refused.complaints.map((r) => [r.complaintRef, stageName(r.stage), r.on, r.reason, r.exclusions.join(', ') || '-'])),
    chart('refused-by-reason'),

    '<h2>Extensions</h2>',
    report.extensions.length === 0
      ? '<p>None this year.</p>'
      : htmlTable(
          ['Complaint', 'Stage', 'Recorded', 'New response date', "Working days past the Code's date", 'Reason', 'Good reason (past the limit)'],
          report.extensions.map((e) => [e.complaintRef, stageName(e.stage), e.recordedOn, e.respondBy, e.workingDaysPastCode, e.reason, e.goodReason ?? '-']),
        ),

    '<h2>Themes and trends</h2>',
    '<p>Stage 1 complaints received in the year, by the quarter they came in: under each of their categories, and under each root cause found at response (Code 9.4, 9.7 b).</p>',
    chart('themes-by-quarter'),
    chart('root-causes-by-quarter'),

    '<h2>Service improvements from learning from complaints</h2>',
    `<p>${improvementsText(report.serviceImprovements)}</p>`,
    report.serviceImprovements.actions.length === 0
      ? ''
      : htmlTable(
          ['Complaint', 'Learning action', 'Owner', 'Set', 'Due', 'Where it stands', 'Note'],
          report.serviceImprovements.actions.map((a) => [
            a.complaintRef, a.action, a.owner, a.setOn, a.dueOn,
            a.endedOn ? `${a.status} on ${a.endedOn}` : a.status === 'in-progress' ? 'in progress' : 'open', a.note ?? '-',
          ]),
        ),

    "<h2>The Ombudsman's investigations, findings and orders</h2>",
    `<p>${ombudsmanText(report.ombudsman)}</p>`,
    report.ombudsman.investigations.length === 0
      ? ''
      : htmlTable(
          ['Complaint', "Ombudsman's reference", 'Notice', 'Evidence due / sent', 'Board due / told', 'Determination and findings', 'Orders'],
          report.ombudsman.investigations.map((o) => [
            o.complaintRef, o.ombudsmanRef, o.notifiedOn,
            `${o.evidenceDueOn} / ${o.evidenceSentOn ?? 'not yet'}`,
            `${o.tellBoardBy ?? '-'} / ${o.boardToldOn ?? 'not yet'}`,
            o.determination
              ? `${o.determination.on}: ${o.determination.findings.map((f) => `${f.finding.replaceAll('-', ' ')} (${f.about})${f.codeNonCompliance ? ', not following the Code' : ''}`).join('; ')}`
              : 'not yet determined',
            o.orders.map((x) => `${x.orderId} ${x.order}, due ${x.dueOn}: ${x.compliedOn ? `complied ${x.compliedOn}` : 'not yet complied'}`).join('; ') || '-',
          ]),
        ),
    '<h2>Also for the report</h2>',
    `<ul>${report.notYetRecorded.map((n) => `<li>Code ${h(n.provision)}: ${h(n.what)}.</li>`).join('')}</ul>`,

    ...(report.excluded.length > 0
      ? [
          '<h2>Complaints left out</h2>',
          '<p>Their recorded events break the case rules, so they are in no figure above. Correct them and run the report again.</p>',
          htmlTable(['Complaint', 'Problem'], report.excluded.map((e) => [e.complaintRef, describeBreach(e.breach, { eventNumbers: true })])),
        ]
      : []),
  ];
  return htmlPage(title, body);
}
