import { describe, expect, it } from 'vitest';
import { annualReport } from '../../../src/core/reports/annual-report.ts';
import { barChartSvg } from '../../../src/reports/svg-chart.ts';
import { chartCsv } from '../../../src/reports/csv.ts';
import { annualReportHtml } from '../../../src/reports/annual-report-html.ts';
import { calendarForPolicy } from '../../../src/core/code/deadlines.ts';
import type { ComplaintEvent } from '../../../src/core/case/complaint.ts';
import { factsForComplaints } from '../../../src/core/reports/complaint-facts.ts';
import { codeDefaults, fixtureFacts, yearOf } from './fixture.ts';

const withCategories = {
  ...codeDefaults,
  reports: {
    ...codeDefaults.reports,
    categories: [
      { id: 'repairs', name: 'Repairs' },
      { id: 'damp-and-mould', name: 'Damp and mould' },
      { id: 'anti-social-behaviour', name: 'Anti-social behaviour' },
      { id: 'staff-conduct', name: 'Staff conduct' },
    ],
  },
};
const { facts, excluded } = fixtureFacts(withCategories);
const report = annualReport(facts, excluded, yearOf('2025-26'), withCategories, '2026-06-30');
const chart = (id: string) => report.charts.find((c) => c.id === id)!;

describe('the annual complaints performance and service improvement report', () => {
  it('counts the complaints received at each stage as the TSM does', () => {
    expect(report.received).toEqual({ stage1: 7, stage2: 2, escalatedPercent: 28.6 });
  });

  it("gives each stage's acknowledgements and responses within the Code's timescales", () => {
    expect(report.timeliness).toEqual([
      expect.objectContaining({ stage: 'stage-1', acknowledgedWithinCode: { count: 7, of: 7, percent: 100 }, respondedWithinCode: { count: 4, of: 6, percent: 66.7 } }),
      expect.objectContaining({ stage: 'stage-2', acknowledgedWithinCode: { count: 2, of: 2, percent: 100 }, respondedWithinCode: { count: 1, of: 2, percent: 50 } }),
    ]);
  });

  it('counts the decisions in the responses sent in the year', () => {
    expect(report.outcomes['stage-1']).toEqual({ upheld: 3, 'partly-upheld': 1, 'not-upheld': 2, 'not-recorded': 0 });
    expect(report.outcomes['stage-2']).toEqual({ upheld: 2, 'partly-upheld': 0, 'not-upheld': 0, 'not-recorded': 0 });
  });

  it("sums up refusals by the policy's exclusion relied on, at each stage", () => {
    expect(report.refused.byReason).toEqual([
      { reason: 'The issue giving rise to the complaint occurred over twelve months ago.', stage1: 1, stage2: 0 },
      { reason: 'Legal proceedings have started: the claim form and particulars of claim have been filed at court.', stage1: 0, stage2: 1 },
    ]);
  });

  it('lists every extension with its reason and how far past the Code date it went', () => {
    expect(report.extensions.map((e) => [e.complaintRef, e.workingDaysPastCode, e.goodReason !== undefined])).toEqual([
      ['D-extended-ten-days', 10, false],
      ['E-extended-past-limit', 15, true],
    ]);
  });

  it("counts stage 1 complaints by the landlord's categories, quarter by quarter, with those not categorised apart", () => {
    expect(report.themes.categories).toEqual(['Repairs', 'Damp and mould', 'Anti-social behaviour', 'Staff conduct', 'Not recorded']);
    expect(report.themes.byQuarter).toEqual([
      { quarter: 'Q1', counts: [1, 1, 0, 0, 0] },
      { quarter: 'Q2', counts: [0, 1, 0, 0, 0] },
      { quarter: 'Q3', counts: [1, 0, 1, 1, 0] },
      { quarter: 'Q4', counts: [0, 0, 0, 0, 1] },
    ]);
  });

  it("says plainly there were no Ombudsman investigations, and what Redress does not hold", () => {
    expect(report.ombudsman).toMatchObject({ opened: 0, determined: 0, investigations: [] });
    expect(report.notYetRecorded.map((n) => n.provision)).toEqual(['8.1 e, f']);
    expect(annualReportHtml(report)).toContain('0 investigations opened by the Ombudsman in the year');
  });

  it('charts complaints by month from April to March', () => {
    expect(chart('received-by-month').categories[0]).toMatch(/^Apr 2025$/);
    expect(chart('received-by-month').series[0]!.values).toEqual([1, 0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1]);
  });

  it('draws each chart as SVG with no script, every bar labelled with its value', () => {
    const svg = barChartSvg(chart('outcomes'));

    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script|on[a-z]+=/i);
    expect(svg.match(/<rect x="230"/g)).toHaveLength(8);
    expect(svg).toContain('>Partly upheld</tspan>');
  });

  it('gives the data behind a chart as CSV, one row a category', () => {
    expect(chartCsv(chart('outcomes')).split('\r\n')).toEqual(['category,Stage 1,Stage 2', 'Upheld,3,2', 'Partly upheld,1,0', 'Not upheld,2,0', 'Not recorded,0,0', '']);
  });

  it('escapes what staff wrote before it reaches the page', () => {
    const hostile = { ...report, refused: { ...report.refused, complaints: [{ complaintRef: 'X', stage: 'stage-1' as const, on: '2025-05-01', reason: '<script>alert(1)</script>', exclusions: [] }] } };

    expect(annualReportHtml(hostile)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(annualReportHtml(hostile)).not.toContain('<script>');
  });
});

describe('learning from complaints in the annual report (Code 8.1 d, 9.7 b)', () => {
  const policy = {
    ...withCategories,
    reports: {
      ...withCategories.reports,
      rootCauses: [{ id: 'missed-appointment', name: 'Missed appointment' }, { id: 'poor-communication', name: 'Poor communication' }],
    },
  };
  // Each complaint received on a Monday, acknowledged the next day and answered a week later.
  const answered = (receivedAt: string, ...more: ComplaintEvent[]): ComplaintEvent[] => {
    const day = (n: number) => new Date(Date.parse(receivedAt) + n * 86_400_000).toISOString();
    return [
      { type: 'received', at: receivedAt, via: 'email' },
      { type: 'acknowledged', at: day(1), complaintDefinition: 'What went wrong.' },
      { type: 'stage-1-response-sent', at: day(7), officer: 'asha.patel', decision: 'upheld', reasons: ['It did.'] },
      ...more.map((e, i) => ({ ...e, at: day(8 + i) })),
    ];
  };
  const complaints = [
    // Q1: repairs and damp, a missed appointment; a learning action done in the year.
    { complaintRef: 'P1', events: answered('2025-05-05T09:00:00+01:00',
      { type: 'categorised', at: '', stage: 'stage-1', categories: ['repairs', 'damp-and-mould'] },
      { type: 'root-causes-recorded', at: '', stage: 'stage-1', rootCauses: ['missed-appointment'] },
      { type: 'learning-action-set', at: '', actionId: 'L1', action: 'Text residents the day before a visit', owner: 'Repairs manager', dueOn: '2025-07-31' },
      { type: 'learning-action-updated', at: '', actionId: 'L1', status: 'done', note: 'Texts go out at 5pm.' }) },
    // Q3: a category from the file's field, no event; two root causes; one learning action open past its date, one dropped.
    { complaintRef: 'P2', category: 'staff-conduct', events: answered('2025-11-03T09:00:00Z',
      { type: 'root-causes-recorded', at: '', stage: 'stage-1', rootCauses: ['missed-appointment', 'poor-communication'] },
      { type: 'learning-action-set', at: '', actionId: 'L1', action: 'Customer care training', owner: 'HR', dueOn: '2026-01-30' },
      { type: 'learning-action-set', at: '', actionId: 'L2', action: 'New call scripts', owner: 'Contact centre', dueOn: '2026-02-27' },
      { type: 'learning-action-updated', at: '', actionId: 'L2', status: 'dropped', note: 'Replaced by the training.' }) },
    // Q3: the event's category wins over the field's.
    { complaintRef: 'P3', category: 'repairs', events: answered('2025-12-01T09:00:00Z',
      { type: 'categorised', at: '', stage: 'stage-1', categories: ['anti-social-behaviour'] },
      { type: 'ombudsman-investigation-opened', at: '', ombudsmanRef: '202512345', evidenceDueOn: '2026-01-05', tellBoardBy: '2025-12-18' },
      { type: 'board-told', at: '' },
      { type: 'ombudsman-determination', at: '', findings: [{ finding: 'service-failure', about: 'Complaint handling', codeNonCompliance: true }] },
      { type: 'ombudsman-order', at: '', orderId: 'O1', order: 'Apologise in writing', dueOn: '2025-12-31' },
      { type: 'ombudsman-order', at: '', orderId: 'O2', order: 'Review the ASB procedure', dueOn: '2026-02-27' },
      { type: 'ombudsman-order-complied', at: '', orderId: 'O1', evidence: 'Letter of 15 December sent to the Ombudsman.' }) },
  ] as const;
  const learned = factsForComplaints(complaints.map((c) => ({ ...c, events: [...c.events] as ComplaintEvent[] })), policy, calendarForPolicy(policy));
  const year = annualReport(learned.facts, learned.excluded, yearOf('2025-26'), policy, '2026-04-30');

  it('reads the categories from the events, counting a complaint under each of its categories, quarter by quarter', () => {
    expect(learned.excluded).toEqual([]);
    expect(year.themes).toEqual({
      categories: ['Repairs', 'Damp and mould', 'Anti-social behaviour', 'Staff conduct'],
      byQuarter: [
        { quarter: 'Q1', counts: [1, 1, 0, 0] },
        { quarter: 'Q2', counts: [0, 0, 0, 0] },
        { quarter: 'Q3', counts: [0, 0, 1, 1] },
        { quarter: 'Q4', counts: [0, 0, 0, 0] },
      ],
    });
  });

  it('gives the root causes recorded at response quarter by quarter, with those not recorded apart', () => {
    expect(year.rootCauses).toEqual({
      rootCauses: ['Missed appointment', 'Poor communication', 'Not recorded'],
      byQuarter: [
        { quarter: 'Q1', counts: [1, 0, 0] },
        { quarter: 'Q2', counts: [0, 0, 0] },
        { quarter: 'Q3', counts: [1, 1, 1] },
        { quarter: 'Q4', counts: [0, 0, 0] },
      ],
    });
    expect(year.charts.find((c) => c.id === 'root-causes-by-quarter')!.series.map((x) => x.name)).toEqual(['Missed appointment', 'Poor communication', 'Not recorded']);
  });

  it("counts the Ombudsman's investigations, findings of not following the Code, and orders complied with or not (8.1 c)", () => {
    expect(year.ombudsman).toMatchObject({ opened: 1, determined: 1, codeNonCompliance: 1, orders: { made: 2, complied: 1, open: 1, overdue: 1 } });
    const html = annualReportHtml(year);
    expect(html).toContain('service failure (Complaint handling), not following the Code');
    expect(html).toContain('O2 Review the ASB procedure, due 2026-02-27: not yet complied');
  });

  it('counts the service improvements: set, done, dropped, and still open past their date', () => {
    expect(year.serviceImprovements).toMatchObject({ set: 3, done: 1, dropped: 1, open: 1, overdue: 1 });
    expect(year.serviceImprovements.actions.map((a) => [a.complaintRef, a.actionId, a.status])).toEqual([
      ['P1', 'L1', 'done'], ['P2', 'L1', 'open'], ['P2', 'L2', 'dropped'],
    ]);
    const html = annualReportHtml(year);
    expect(html).toContain('Text residents the day before a visit');
    expect(html).toContain('3 learning actions set');
  });
});
