import type { Stage } from '../case/complaint.ts';
import { describeRestrictionTerms } from '../case/restriction.ts';
import type { LandlordPolicy } from '../policy/landlord-policy.ts';
import type { PolicyFinding } from '../policy/policy-check.ts';
import { CODE_PROVISIONS } from './code-provisions.ts';
import type { CalendarDate } from '../calendar/london-date.ts';
import { acknowledgedInTime, acknowledgementDueInYear, type ComplaintFacts, type StageFacts } from './complaint-facts.ts';
import { inYear, type ReportingYear } from './reporting-year.ts';
import { respondedInYear } from './tsm.ts';

/** What the records show for one provision: a sentence, and the complaints it names (the late ones, say). */
export interface Evidence {
  readonly summary: string;
  readonly listed: readonly string[];
}

/** One row of the self-assessment (Code 8.1 a): the provision, the evidence the data holds, the policy check's findings. */
export interface SelfAssessmentRow {
  readonly provision: string;
  readonly requirement: string;
  /** Null when Redress holds nothing for this provision: the landlord gives its own evidence. */
  readonly evidence: Evidence | null;
  /** The policy check's findings against this provision, each one sentence. */
  readonly policyFindings: readonly string[];
}

/** The self-assessment against the Code for a reporting year. */
export interface SelfAssessment {
  readonly year: ReportingYear;
  readonly landlord: { readonly landlordId: string; readonly name: string };
  readonly rows: readonly SelfAssessmentRow[];
}

/** One stage of a complaint, with the complaint's reference to list it by. */
type NamedStage = StageFacts & { readonly ref: string };
const stagesOf = (facts: readonly ComplaintFacts[], stage: Stage): NamedStage[] =>
  facts.flatMap((c) => {
    const s = stage === 'stage-1' ? c.stage1 : c.stage2;
    return s ? [{ ...s, ref: c.complaintRef }] : [];
  });

interface Inputs {
  readonly facts: readonly ComplaintFacts[];
  /** Each stage of every complaint, named by its complaint: built once, read by many provisions. */
  readonly stages: Readonly<Record<Stage, readonly NamedStage[]>>;
  readonly year: ReportingYear;
  readonly policy: LandlordPolicy;
  readonly serviceRequests: number;
  /** The date the data was read: what falls due after it is not judged yet. */
  readonly asAt: CalendarDate;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
function acknowledgementEvidence({ stages, year, asAt }: Inputs, stage: Stage): Evidence {
  const due = stages[stage].filter((s) => acknowledgementDueInYear(s, year, asAt));
  const late = due.filter((s) => !acknowledgedInTime(s));
  const what = stage === 'stage-1' ? 'stage 1 complaints' : 'stage 2 requests';
  return {
    summary: `${due.length - late.length} of ${plural(due.length, what.replace(/s$/, ''), what)} due an acknowledgement this year acknowledged within 5 working days${late.length ? `; the ${late.length} late or never acknowledged listed` : ''}.`,
    listed: late.map((s) => `${s.ref}: received ${s.receivedOn}, due ${s.codeAcknowledgeBy}, ${s.acknowledgedOn ? `acknowledged ${s.acknowledgedOn}` : 'not acknowledged'}`),
  };
}

function responseEvidence({ stages, year, policy, asAt }: Inputs, stage: Stage): Evidence {
  const responded = stages[stage].filter((s) => respondedInYear(s, year));
  const late = responded.filter((s) => !s.respondedWithinCode);
  // Still open with the Code's date passed: not in CH02 (nothing was sent), but a response the resident is owed.
  const owed = stages[stage].filter((s) => !s.respondedOn && !s.declined && !s.closedBeforeResponse && s.codeRespondBy !== undefined && inYear(year, s.codeRespondBy) && s.codeRespondBy < asAt);
  const days = stage === 'stage-1' ? 10 : 20;
  return {
    summary: `${responded.length - late.length} of ${plural(responded.length, `stage ${stage.slice(-1)} response`)} sent this year within ${days} working days of acknowledgement (extensions read as "${policy.reports.tsm.extendedResponses}")${late.length ? `; the ${late.length} late listed` : ''}${owed.length ? `; ${owed.length} still owed past the Code's date, listed` : ''}.`,
    listed: [
      ...late.map((s) => `${s.ref}: acknowledged ${s.acknowledgedOn}, due ${s.codeRespondBy}, responded ${s.respondedOn}`),
      ...owed.map((s) => `${s.ref}: acknowledged ${s.acknowledgedOn}, due ${s.codeRespondBy}, no response yet`),
    ],
  };
}

function extensionEvidence({ stages, year }: Inputs, stage: Stage): Evidence {
  const limit = stage === 'stage-1' ? 10 : 20;
  const extensions = stages[stage].flatMap((s) => s.extensions.filter((e) => inYear(year, e.recordedOn)).map((e) => ({ ...e, ref: s.ref })));
  const long = extensions.filter((e) => e.workingDaysPastCode > limit);
  return {
    summary: `${plural(extensions.length, `stage ${stage.slice(-1)} extension`)} this year, each with its reason recorded; ${long.length} longer than ${limit} working days${long.length ? ', each with its good reason, listed' : ''}.`,
    listed: long.map((e) => `${e.ref}: to ${e.respondBy} (${e.workingDaysPastCode} working days), ${e.goodReason ?? e.reason}`),
  };
}

function actionEvidence({ facts, year }: Inputs, stage: Stage): Evidence {
  const promised = facts.flatMap((c) => c.actions.filter((a) => a.stage === stage && inYear(year, a.promisedOn)).map((a) => ({ ...a, ref: c.complaintRef })));
  const done = promised.filter((a) => a.state === 'done');
  const overdue = promised.filter((a) => a.state === 'open' && a.dueOn <= year.endsOn);
  return {
    summary: `${plural(promised.length, 'outstanding action')} promised in stage ${stage.slice(-1)} responses this year, each tracked: ${done.length} done, ${overdue.length} still open after their date at the year end${overdue.length ? ', listed' : ''}.`,
    listed: overdue.map((a) => `${a.ref} ${a.actionId}: ${a.action}, due ${a.dueOn}`),
  };
}

function writtenResponseEvidence({ stages, year }: Inputs, stage: Stage): Evidence {
  const responded = stages[stage].filter((s) => respondedInYear(s, year));
  const missing = responded.filter((s) => !s.decision || !s.hasReasons);
  return {
    summary: `${responded.length - missing.length} of ${plural(responded.length, `stage ${stage.slice(-1)} response`)} this year record the decision and the reasons for it${missing.length ? `; the ${missing.length} without listed` : ''}.`,
    listed: missing.map((s) => `${s.ref}: responded ${s.respondedOn}${s.decision ? '' : ', no decision recorded'}${s.hasReasons ? '' : ', no reasons recorded'}`),
  };
}

function declinedEvidence({ stages, year }: Inputs, stage: Stage): Evidence {
  const declined = stages[stage].filter((s) => inYear(year, s.declined?.on));
  const what = stage === 'stage-1' ? 'complaint not accepted' : 'escalation refused';
  return {
    summary: `${plural(declined.length, what, stage === 'stage-1' ? 'complaints not accepted' : 'escalations refused')} this year, each with the reasons for that complaint recorded${declined.length ? ', listed' : ''}.`,
    listed: declined.map((s) => `${s.ref}: ${s.declined!.on}, ${s.declined!.reason}${s.declined!.exclusions.length ? ` (exclusion: ${s.declined!.exclusions.join(', ')})` : ''}`),
  };
}

const ombudsmanDetailsEvidence = (policy: LandlordPolicy): Evidence => ({
  summary: `The policy gives the Ombudsman's contact details when telling of an extension: ${policy.extensions.ombudsmanDetailsGiven.replaceAll('-', ' ')} (${policy.ombudsman.name}, ${policy.ombudsman.telephone}).`,
  listed: [],
});

const receivedThisYear = ({ facts, year }: Inputs) => facts.filter((c) => inYear(year, c.stage1.receivedOn));

/** The evidence Redress's records hold for each provision it can speak to. */
const EVIDENCE: Readonly<Record<string, (inputs: Inputs) => Evidence>> = {
  '1.4': ({ serviceRequests }) => ({ summary: `${plural(serviceRequests, 'service request')} recorded as such, apart from complaints, in the cases read.`, listed: [] }),
  '2.1': (i) => declinedEvidence(i, 'stage-1'),
  '2.2': ({ policy }) => ({
    summary: `The policy lists ${plural(policy.acceptance.exclusions.length, 'exclusion')}${policy.acceptance.exclusions.length ? ', listed' : ''}.`,
    listed: policy.acceptance.exclusions.map((e) => `${e.kind}: ${e.description}`),
  }),
  '2.3': ({ policy }) => ({
    summary: policy.acceptance.timeLimitMonths === null ? 'The policy sets no time limit for making a complaint.' : `The policy accepts complaints made within ${policy.acceptance.timeLimitMonths} months of the issue.`,
    listed: [],
  }),
  '2.4': (i) => declinedEvidence(i, 'stage-1'),
  '2.5': (i) => declinedEvidence(i, 'stage-1'),
  '3.1': (i) => {
    const channels = new Map<string, number>();
    for (const c of receivedThisYear(i)) channels.set(c.channel ?? 'not recorded', (channels.get(c.channel ?? 'not recorded') ?? 0) + 1);
    return { summary: `Stage 1 complaints this year came by ${[...channels].map(([k, n]) => `${k.replace('_', ' ')} (${n})`).join(', ') || 'no channel'}.`, listed: [] };
  },
  '3.6': (i) => ({ summary: `${plural(receivedThisYear(i).filter((c) => c.file.representative).length, 'complaint')} received this year had a representative recorded.`, listed: [] }),
  '5.3': ({ policy }) => ({ summary: `The procedure has ${plural(policy.stages, 'stage')}.`, listed: [] }),
  '5.6': (i) => {
    const acknowledged = i.facts.filter((c) => inYear(i.year, c.stage1.acknowledgedOn));
    const withOutcomes = acknowledged.filter((c) => (c.file.definitions['stage-1']?.outcomesSought.length ?? 0) > 0);
    return { summary: `Every stage 1 acknowledgement records a complaint definition (${acknowledged.length} this year); ${withOutcomes.length} record the outcomes the resident seeks.`, listed: [] };
  },
  '5.7': (i) => {
    const acknowledged = i.facts.filter((c) => inYear(i.year, c.stage1.acknowledgedOn));
    const said = acknowledged.filter((c) => {
      const d = c.file.definitions['stage-1'];
      return d !== undefined && d.responsibleFor.length + d.notResponsibleFor.length > 0;
    });
    return { summary: `${said.length} of ${plural(acknowledged.length, 'stage 1 acknowledgement')} this year say which parts the landlord is and is not responsible for.`, listed: [] };
  },
  '5.10': (i) => {
    const received = receivedThisYear(i);
    return {
      summary: `${plural(received.filter((c) => c.file.adjustments).length, 'complaint')} received this year had reasonable adjustments recorded; ${received.filter((c) => c.file.vulnerabilities.length > 0).length} had a vulnerability recorded.`,
      listed: [],
    };
  },
  '5.11': (i) => declinedEvidence(i, 'stage-2'),
  '5.14': (i) => restrictionEvidence(i).reviews,
  '5.15': (i) => restrictionEvidence(i).regard,
  '5.12': (i) => ({ summary: `Every complaint's events are kept in order and never overwritten; ${plural(i.facts.length, 'complaint')} read.`, listed: [] }),
  '6.2': (i) => acknowledgementEvidence(i, 'stage-1'),
  '6.3': (i) => responseEvidence(i, 'stage-1'),
  '6.4': (i) => extensionEvidence(i, 'stage-1'),
  '6.5': ({ policy }) => ombudsmanDetailsEvidence(policy),
  '6.6': (i) => actionEvidence(i, 'stage-1'),
  '6.9': (i) => writtenResponseEvidence(i, 'stage-1'),
  '6.10': (i) => ({ summary: `${plural(i.stages['stage-2'].filter((s) => inYear(i.year, s.receivedOn)).length, 'stage 2 request')} this year.`, listed: [] }),
  '6.11': (i) => acknowledgementEvidence(i, 'stage-2'),
  '6.13': (i) => ({
    summary: `The case rules refuse a stage 2 handler who considered stage 1; ${plural(i.stages['stage-2'].filter((s) => respondedInYear(s, i.year)).length, 'stage 2 response')} this year, none by a stage 1 officer.`,
    listed: [],
  }),
  '6.14': (i) => responseEvidence(i, 'stage-2'),
  '6.15': (i) => extensionEvidence(i, 'stage-2'),
  '6.16': ({ policy }) => ombudsmanDetailsEvidence(policy),
  '6.17': (i) => actionEvidence(i, 'stage-2'),
  '6.19': (i) => writtenResponseEvidence(i, 'stage-2'),
  '7.1': (i) => {
    const responded = [...i.stages['stage-1'], ...i.stages['stage-2']].filter((s) => respondedInYear(s, i.year));
    const found = responded.filter((s) => s.decision === 'upheld' || s.decision === 'partly-upheld');
    return { summary: `${found.length} of ${plural(responded.length, 'response')} this year upheld the complaint in whole or part; ${found.filter((s) => s.hasRemedy).length} of those set out a remedy.`, listed: found.filter((s) => !s.hasRemedy).map((s) => `${s.ref}: ${s.decision}, responded ${s.respondedOn}, no remedy recorded`) };
  },
  '8.1': () => ({ summary: 'This self-assessment and `redress report annual` for the same year give 8.1 a and b; c to f: see the annual report.', listed: [] }),
  '9.1': (i) => {
    const set = i.facts.flatMap((c) => c.learningActions.filter((a) => inYear(i.year, a.setOn)).map((a) => ({ ...a, ref: c.complaintRef })));
    const late = set.filter((a) => (a.status === 'open' || a.status === 'in-progress') && a.dueOn < i.asAt);
    return {
      summary: `${plural(set.length, 'learning action')} set from complaints this year, ${set.filter((a) => a.status === 'done').length} done; ${late.length} open past its date (listed).`,
      listed: late.map((a) => `${a.ref} ${a.actionId}: ${a.action} (${a.owner}), due ${a.dueOn}`),
    };
  },
  '9.7': (i) => {
    const received = i.stages['stage-1'].filter((s) => inYear(i.year, s.receivedOn)).map((s) => s.ref);
    const facts = i.facts.filter((c) => received.includes(c.complaintRef));
    const uncategorised = facts.filter((c) => c.categories.length === 0);
    return {
      summary: `${facts.length - uncategorised.length} of ${plural(facts.length, 'stage 1 complaint')} received this year categorised; ${facts.filter((c) => c.rootCauses.length > 0).length} with root causes recorded. Volumes, categories, root causes and outcomes by quarter: \`redress report annual\`. ${ombudsmanSummary(i)}`,
      listed: [
        ...uncategorised.map((c) => `${c.complaintRef}: no category recorded`),
        ...i.facts.flatMap((c) => (c.ombudsman?.orders ?? []).filter((o) => !o.compliedOn && o.dueOn < i.asAt).map((o) => `${c.complaintRef}: the Ombudsman's order ${o.orderId} (${o.order}) was due ${o.dueOn} and is not complied with`)),
      ],
    };
  },
};

// Code 5.14 and 5.15: restrictions on contact in force in the year, each with its reasons, reviewed by its date, and
// with the regard had to the Equality Act 2010 and to vulnerability recorded. A review is on time when made by the date
// it answered; one still owed past its date at the time of reading is late too.
function restrictionEvidence(i: Inputs): { reviews: Evidence; regard: Evidence } {
  const all = i.facts.flatMap((c) => c.restrictions.map((r) => ({ ...r, ref: c.complaintRef })));
  const inYearOf = all.filter((r) => r.imposedOn <= i.year.endsOn && (r.liftedOn ?? '9999-12-31') >= i.year.startsOn);
  const inForce = inYearOf.filter((r) => !r.liftedOn || r.liftedOn > i.asAt);
  const reviews = inYearOf.flatMap((r) => r.reviews.filter((v) => inYear(i.year, v.dueOn)).map((v) => ({ ...v, ref: r.ref })));
  const late = reviews.filter((v) => v.on > v.dueOn);
  const owed = inYearOf.filter((r) => !r.liftedOn && r.reviewOn < i.asAt && inYear(i.year, r.reviewOn));
  const withoutRegard = inYearOf.filter((r) => r.reasons.length === 0 || !r.equalityAct || !r.vulnerability);
  return {
    reviews: {
      summary: `${plural(inYearOf.length, 'restriction')} on contact in force during the year (${inForce.length} still in force), each with its reasons recorded; ${reviews.length - late.length} of ${plural(reviews.length, 'review')} due this year made by the review date${late.length + owed.length ? `; ${late.length} late and ${owed.length} still owed, listed` : ''}.`,
      listed: [
        ...late.map((v) => `${v.ref}: review due ${v.dueOn}, made ${v.on} (${v.outcome})`),
        ...owed.map((r) => `${r.ref}: review due ${r.reviewOn}, not yet made`),
      ],
    },
    regard: {
      summary: `${inYearOf.length - withoutRegard.length} of ${plural(inYearOf.length, 'restriction')} on contact in force during the year record the regard had to the Equality Act 2010 and whether the behaviour may come from a vulnerability; ${inYearOf.filter((r) => r.reasonableAdjustments).length} record reasonable adjustments; ${inYearOf.filter((r) => r.warnedOn).length} followed a warning; ${inYearOf.filter((r) => r.appeals.length > 0).length} appealed.`,
      listed: inYearOf.map((r) => `${r.ref}: ${r.imposedOn} to ${r.liftedOn ?? `review ${r.reviewOn}`}; ${describeRestrictionTerms(r.terms)}; Equality Act 2010: ${r.equalityAct}`),
    },
  };
}

// Code 9.7 c: the outcomes of the Ombudsman's investigations and progress in complying with its orders.
function ombudsmanSummary(i: Inputs): string {
  const investigations = i.facts.flatMap((c) => (c.ombudsman ? [c.ombudsman] : []));
  const determined = investigations.filter((o) => o.determination && inYear(i.year, o.determination.on)).length;
  const orders = investigations.flatMap((o) => o.orders);
  return `The Ombudsman: ${plural(investigations.filter((o) => inYear(i.year, o.notifiedOn)).length, 'investigation')} opened and ${determined} determined this year; ${plural(orders.filter((o) => o.compliedOn).length, 'order')} complied with, ${orders.filter((o) => !o.compliedOn).length} still to comply with.`;
}

/**
 * The self-assessment against the Code (8.1 a): every provision with the evidence the records hold for it and the
 * policy check's findings beside it, ready for the landlord's commentary.
 */
export function selfAssessment(
  facts: readonly ComplaintFacts[],
  year: ReportingYear,
  policy: LandlordPolicy,
  findings: readonly PolicyFinding[],
  serviceRequests: number,
  asAt: CalendarDate,
): SelfAssessment {
  const inputs: Inputs = { facts, stages: { 'stage-1': stagesOf(facts, 'stage-1'), 'stage-2': stagesOf(facts, 'stage-2') }, year, policy, serviceRequests, asAt };
  return {
    year,
    landlord: { landlordId: policy.landlordId, name: policy.name },
    rows: CODE_PROVISIONS.map(({ provision, requirement }) => ({
      provision,
      requirement,
      evidence: EVIDENCE[provision]?.(inputs) ?? null,
      policyFindings: findings.filter((f) => f.provision === provision).map((f) => `${f.setting} = ${JSON.stringify(f.policyValue)}: ${f.message}`),
    })),
  };
}
