import type { Decision, LearningActionStatus, Stage } from '../case/complaint.ts';
import { isOpenLearningAction } from '../case/learning.ts';
import type { LandlordPolicy } from '../policy/landlord-policy.ts';
import type { CalendarDate } from '../calendar/london-date.ts';
import { acknowledgedInTime, acknowledgementDueInYear, type ComplaintFacts, type ExcludedComplaint, type StageFacts } from './complaint-facts.ts';
import { inYear, monthsOf, quarterOf, type ReportingYear } from './reporting-year.ts';
import { receivedInYear, respondedInYear } from './tsm.ts';

/** The data behind one chart: categories along one axis, one bar per series in each. */
export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly unit: 'complaints' | 'percent';
  readonly categories: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
}

/** A count out of a total, with the share as a percentage to one decimal place (null when the total is 0). */
export interface Share {
  readonly count: number;
  readonly of: number;
  readonly percent: number | null;
}

/** The annual complaints performance and service improvement report's figures (Code 8.1 b–f). */
export interface AnnualReport {
  readonly year: ReportingYear;
  readonly landlord: { readonly landlordId: string; readonly name: string };
  readonly received: { readonly stage1: number; readonly stage2: number; readonly escalatedPercent: number | null };
  readonly timeliness: readonly {
    readonly stage: Stage;
    /** Acknowledgements due in the year (by the data's date) sent within the Code's five working days (6.2, 6.11). */
    readonly acknowledgedWithinCode: Share;
    /** Responses sent in the year within the Code's timescale, as CH02 counts them (6.3, 6.14). */
    readonly respondedWithinCode: Share;
    /** Responses sent in the year by the landlord's own date, when its policy is stricter than the Code. */
    readonly respondedByPolicyDate: Share;
  }[];
  readonly outcomes: Readonly<Record<Stage, Readonly<Record<Decision | 'not-recorded', number>>>>;
  /** Complaints not accepted (2.4) and escalations refused (5.11) in the year: the summary 8.1 b asks for. */
  readonly refused: {
    readonly byReason: readonly { readonly reason: string; readonly stage1: number; readonly stage2: number }[];
    readonly complaints: readonly { readonly complaintRef: string; readonly stage: Stage; readonly on: string; readonly reason: string; readonly exclusions: readonly string[] }[];
  };
  /** Extensions recorded in the year, with their reasons (6.4, 6.15). */
  readonly extensions: readonly {
    readonly complaintRef: string;
    readonly stage: Stage;
    readonly recordedOn: string;
    readonly respondBy: string;
    readonly workingDaysPastCode: number;
    readonly reason: string;
    readonly goodReason?: string;
  }[];
  /**
   * Stage 1 complaints received in the year by category and quarter (Code 9.7 a, b). A complaint with two categories
   * counts under each; one with none under "Not recorded".
   */
  readonly themes: { readonly categories: readonly string[]; readonly byQuarter: QuarterRows };
  /** The same complaints by the root causes recorded at their responses, quarter by quarter (Code 9.4, 9.7 b). */
  readonly rootCauses: { readonly rootCauses: readonly string[]; readonly byQuarter: QuarterRows };
  /** Service improvements from learning from complaints (Code 8.1 d, 9.1): learning actions set or ended in the year. */
  readonly serviceImprovements: {
    readonly set: number;
    readonly done: number;
    readonly dropped: number;
    /** Still open or in progress as the data was read, and of those past their date. */
    readonly open: number;
    readonly overdue: number;
    readonly actions: readonly {
      readonly complaintRef: string;
      readonly actionId: string;
      readonly action: string;
      readonly owner: string;
      readonly setOn: string;
      readonly dueOn: string;
      readonly status: LearningActionStatus;
      readonly endedOn?: string;
      readonly note?: string;
    }[];
  };
  /**
   * The Ombudsman's investigations (Code 8.1 c, 9.7 c): opened and determined in the year, each determination's
   * findings (non-compliance with the Code marked), and its orders with their dates and compliance.
   */
  readonly ombudsman: {
    readonly opened: number;
    readonly determined: number;
    /** Determinations in the year finding the landlord did not follow the Code (8.1 c). */
    readonly codeNonCompliance: number;
    readonly orders: { readonly made: number; readonly complied: number; readonly open: number; readonly overdue: number };
    readonly investigations: readonly {
      readonly complaintRef: string;
      readonly ombudsmanRef: string;
      readonly notifiedOn: string;
      readonly evidenceDueOn: string;
      readonly evidenceSentOn?: string;
      readonly tellBoardBy?: string;
      readonly boardToldOn?: string;
      readonly determination?: { readonly on: string; readonly findings: readonly { readonly finding: string; readonly about: string; readonly codeNonCompliance: boolean }[] };
      readonly orders: readonly { readonly orderId: string; readonly order: string; readonly madeOn: string; readonly dueOn: string; readonly compliedOn?: string; readonly evidence?: string }[];
    }[];
  };
  /** What Redress does not record yet; the report says so rather than showing nothing (8.1 c–f). */
  readonly notYetRecorded: readonly { readonly provision: string; readonly what: string }[];
  readonly excluded: readonly ExcludedComplaint[];
  readonly charts: readonly Chart[];
}

/** Counts by name (in the order the names are listed), one row a quarter of the reporting year. */
export type QuarterRows = readonly { readonly quarter: string; readonly counts: readonly number[] }[];

const STAGES: readonly Stage[] = ['stage-1', 'stage-2'];
const DECISIONS = ['upheld', 'partly-upheld', 'not-upheld', 'not-recorded'] as const;
const DECISION_NAMES: Record<(typeof DECISIONS)[number], string> = {
  upheld: 'Upheld', 'partly-upheld': 'Partly upheld', 'not-upheld': 'Not upheld', 'not-recorded': 'Not recorded',
};
const CHANNEL_NAMES: Readonly<Record<string, string>> = { email: 'Email', sms: 'Text message', web_form: 'Web form', telephone: 'Telephone', letter: 'Letter', survey: 'Survey' };
const NOT_RECORDED = 'Not recorded';

const share = (count: number, of: number): Share => ({ count, of, percent: of > 0 ? Math.round((count / of) * 1000) / 10 : null });
const stageOf = (c: ComplaintFacts, stage: Stage): StageFacts | undefined => (stage === 'stage-1' ? c.stage1 : c.stage2);
const monthName = (yyyyMm: string) => new Date(`${yyyyMm}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Counts values into the given order, adding any others seen after it. */
function tally(values: readonly string[], order: readonly string[] = []): Map<string, number> {
  const counts = new Map<string, number>(order.map((k) => [k, 0]));
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/**
 * The figures of the annual complaints performance and service improvement report for a reporting year: volumes by
 * stage, channel and category; outcomes; timeliness by stage; refusals by reason; extensions and their reasons; with
 * the data for each chart. `asAt` is the date the data was read: an acknowledgement due after it is not judged yet.
 */
export function annualReport(
  facts: readonly ComplaintFacts[],
  excluded: readonly ExcludedComplaint[],
  year: ReportingYear,
  policy: LandlordPolicy,
  asAt: CalendarDate,
): AnnualReport {
  const readings = policy.reports.tsm;
  const receivedAt = (stage: Stage) => facts.filter((c) => receivedInYear(stageOf(c, stage), year, readings));
  const stage1 = receivedAt('stage-1');
  const stage2 = receivedAt('stage-2');

  const timeliness = STAGES.map((stage) => {
    const stages = facts.map((c) => stageOf(c, stage)).filter((s) => s !== undefined);
    const due = stages.filter((s) => acknowledgementDueInYear(s, year, asAt));
    const responded = stages.filter((s) => respondedInYear(s, year));
    return {
      stage,
      acknowledgedWithinCode: share(due.filter(acknowledgedInTime).length, due.length),
      respondedWithinCode: share(responded.filter((s) => s.respondedWithinCode).length, responded.length),
      respondedByPolicyDate: share(responded.filter((s) => s.policyResponse.state === 'met').length, responded.length),
    };
  });

  const outcomes = Object.fromEntries(
    STAGES.map((stage) => {
      const counts = tally(
        facts.map((c) => stageOf(c, stage)).filter((s) => respondedInYear(s, year)).map((s) => s.decision ?? 'not-recorded'),
        DECISIONS,
      );
      return [stage, Object.fromEntries(DECISIONS.map((d) => [d, counts.get(d) ?? 0]))];
    }),
  ) as AnnualReport['outcomes'];

  const exclusionName = (kind: string) => policy.acceptance.exclusions.find((e) => e.kind === kind)?.description ?? kind;
  const refusedComplaints = facts.flatMap((c) =>
    STAGES.flatMap((stage) => {
      const declined = stageOf(c, stage)?.declined;
      return declined && inYear(year, declined.on) ? [{ complaintRef: c.complaintRef, stage, ...declined }] : [];
    }),
  );
  const reasonOf = (r: (typeof refusedComplaints)[number]) => (r.exclusions.length > 0 ? r.exclusions.map(exclusionName).join('; ') : 'Other: see the reasons given');
  const refusalReasons = [...tally(refusedComplaints.map(reasonOf)).keys()];
  const byReason = refusalReasons.map((reason) => ({
    reason,
    stage1: refusedComplaints.filter((r) => r.stage === 'stage-1' && reasonOf(r) === reason).length,
    stage2: refusedComplaints.filter((r) => r.stage === 'stage-2' && reasonOf(r) === reason).length,
  }));

  const extensions = facts.flatMap((c) =>
    STAGES.flatMap((stage) =>
      (stageOf(c, stage)?.extensions ?? [])
        .filter((e) => inYear(year, e.recordedOn))
        .map((e) => ({ complaintRef: c.complaintRef, stage, recordedOn: e.recordedOn, respondBy: e.respondBy, workingDaysPastCode: e.workingDaysPastCode, reason: e.reason, ...(e.goodReason ? { goodReason: e.goodReason } : {}) })),
    ),
  );

  // Themes and trends (Code 9.4, 9.7 b): each stage 1 complaint received in the year counted under each of its
  // categories and root causes, in the quarter it was received.
  const quarters = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
  const namer = (list: readonly { id: string; name: string }[]) => (ids: readonly string[]) =>
    ids.length === 0 ? [NOT_RECORDED] : ids.map((id) => list.find((k) => k.id === id)?.name ?? id);
  const quarterByQuarter = (namesOf: (c: ComplaintFacts) => readonly string[], order: readonly string[]): { names: string[]; counts: Map<string, number>; byQuarter: QuarterRows } => {
    const counts = tally(stage1.flatMap(namesOf), order);
    const names = [...counts.keys()];
    const byQuarter = quarters.map((quarter) => {
      const inQuarter = tally(stage1.filter((c) => quarterOf(c.stage1.receivedOn) === quarter).flatMap(namesOf));
      return { quarter, counts: names.map((k) => inQuarter.get(k) ?? 0) };
    });
    return { names, counts, byQuarter };
  };
  const byCategory = quarterByQuarter((c) => namer(policy.reports.categories)(c.categories), policy.reports.categories.map((k) => k.name));
  const byRootCause = quarterByQuarter((c) => namer(policy.reports.rootCauses)(c.rootCauses), policy.reports.rootCauses.map((k) => k.name));
  const categories = byCategory.names;
  const categoryCounts = byCategory.counts;
  const themes = { categories, byQuarter: byCategory.byQuarter };

  const learning = facts.flatMap((c) =>
    c.learningActions
      .filter((a) => inYear(year, a.setOn) || (a.endedOn !== undefined && inYear(year, a.endedOn)))
      .map((a) => ({ complaintRef: c.complaintRef, ...a })),
  ).sort((a, b) => a.setOn.localeCompare(b.setOn) || a.complaintRef.localeCompare(b.complaintRef));
  const endedInYear = (status: LearningActionStatus) => learning.filter((a) => a.status === status && a.endedOn !== undefined && inYear(year, a.endedOn)).length;
  const stillOpen = learning.filter(isOpenLearningAction);
  const serviceImprovements = {
    set: learning.filter((a) => inYear(year, a.setOn)).length,
    done: endedInYear('done'),
    dropped: endedInYear('dropped'),
    open: stillOpen.length,
    overdue: stillOpen.filter((a) => a.dueOn < asAt).length,
    actions: learning,
  };

  // An investigation belongs to the year when anything happened in it that year: its notice, determination or an order.
  const investigations = facts.flatMap((c) => {
    const o = c.ombudsman;
    if (!o) return [];
    const days = [o.notifiedOn, o.determination?.on, ...o.orders.flatMap((x) => [x.madeOn, x.compliedOn])].filter((d) => d !== undefined);
    return days.some((d) => inYear(year, d)) ? [{ complaintRef: c.complaintRef, ...o }] : [];
  });
  const determinedInYear = investigations.filter((o) => o.determination && inYear(year, o.determination.on));
  const orders = investigations.flatMap((o) => o.orders);
  const ombudsman = {
    opened: investigations.filter((o) => inYear(year, o.notifiedOn)).length,
    determined: determinedInYear.length,
    codeNonCompliance: determinedInYear.filter((o) => o.determination!.findings.some((f) => f.codeNonCompliance)).length,
    orders: {
      made: orders.filter((x) => inYear(year, x.madeOn)).length,
      complied: orders.filter((x) => x.compliedOn && inYear(year, x.compliedOn)).length,
      open: orders.filter((x) => !x.compliedOn).length,
      overdue: orders.filter((x) => !x.compliedOn && x.dueOn < asAt).length,
    },
    investigations,
  };

  const months = monthsOf(year);
  const channelName = (channel: string | undefined) => (channel === undefined ? NOT_RECORDED : CHANNEL_NAMES[channel] ?? channel);
  const channels1 = tally(stage1.map((c) => channelName(c.stage1.via)));
  const channels2 = tally(stage2.map((c) => channelName(c.stage2!.via)));
  const channelNames = [...new Set([...channels1.keys(), ...channels2.keys()])];

  const charts: Chart[] = [
    {
      id: 'received-by-month', title: 'Complaints received each month', unit: 'complaints', categories: months.map(monthName),
      series: [
        { name: 'Stage 1', values: months.map((m) => stage1.filter((c) => c.stage1.receivedOn.startsWith(m)).length) },
        { name: 'Stage 2', values: months.map((m) => stage2.filter((c) => c.stage2!.receivedOn.startsWith(m)).length) },
      ],
    },
    {
      id: 'received-by-channel', title: 'How complaints came in', unit: 'complaints', categories: channelNames,
      series: [
        { name: 'Stage 1', values: channelNames.map((k) => channels1.get(k) ?? 0) },
        { name: 'Stage 2', values: channelNames.map((k) => channels2.get(k) ?? 0) },
      ],
    },
    {
      id: 'received-by-category', title: 'Stage 1 complaints by category', unit: 'complaints', categories,
      series: [{ name: 'Stage 1', values: categories.map((k) => categoryCounts.get(k) ?? 0) }],
    },
    {
      id: 'outcomes', title: 'Decisions in responses sent', unit: 'complaints', categories: DECISIONS.map((d) => DECISION_NAMES[d]),
      series: STAGES.map((stage) => ({ name: stage === 'stage-1' ? 'Stage 1' : 'Stage 2', values: DECISIONS.map((d) => outcomes[stage][d]) })),
    },
    {
      id: 'within-timescale', title: "Within the Code's timescales", unit: 'percent',
      categories: ['Stage 1 acknowledgement (6.2)', 'Stage 1 response (6.3)', 'Stage 2 acknowledgement (6.11)', 'Stage 2 response (6.14)'],
      series: [{
        name: 'Within the Code',
        values: timeliness.flatMap((t) => [t.acknowledgedWithinCode.percent ?? 0, t.respondedWithinCode.percent ?? 0]),
      }],
    },
    {
      id: 'refused-by-reason', title: 'Complaints not accepted and escalations refused, by reason', unit: 'complaints', categories: refusalReasons,
      series: [
        { name: 'Stage 1 not accepted', values: byReason.map((r) => r.stage1) },
        { name: 'Stage 2 refused', values: byReason.map((r) => r.stage2) },
      ],
    },
    {
      id: 'themes-by-quarter', title: 'Stage 1 complaints by category, quarter by quarter', unit: 'complaints', categories: [...quarters],
      series: categories.map((k, i) => ({ name: k, values: themes.byQuarter.map((q) => q.counts[i] ?? 0) })),
    },
    {
      id: 'root-causes-by-quarter', title: 'Stage 1 complaints by root cause, quarter by quarter', unit: 'complaints', categories: [...quarters],
      series: byRootCause.names.map((k, i) => ({ name: k, values: byRootCause.byQuarter.map((q) => q.counts[i] ?? 0) })),
    },
  ];

  return {
    year,
    landlord: { landlordId: policy.landlordId, name: policy.name },
    received: { stage1: stage1.length, stage2: stage2.length, escalatedPercent: share(stage2.length, stage1.length).percent },
    timeliness,
    outcomes,
    refused: { byReason, complaints: refusedComplaints.map(({ complaintRef, stage, on, reason, exclusions }) => ({ complaintRef, stage, on, reason, exclusions })) },
    extensions,
    themes,
    rootCauses: { rootCauses: byRootCause.names, byQuarter: byRootCause.byQuarter },
    serviceImprovements,
    ombudsman,
    notYetRecorded: [
      { provision: '8.1 e, f', what: "the Ombudsman's annual report on the landlord and its other reports: not held in Redress; attach them" },
    ],
    excluded,
    charts,
  };
}
