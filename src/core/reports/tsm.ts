import type { ReportSettings } from '../policy/landlord-policy.ts';
import type { ComplaintFacts, StageFacts } from './complaint-facts.ts';
import type { Tenure } from './report-cases.ts';
import { inYear, type ReportingYear } from './reporting-year.ts';

/** The homes a landlord owns, by the regulator's tenures. */
export interface HomesCount {
  readonly lowCostRental: number;
  readonly lowCostHomeOwnership: number;
}

/** CH01 for one stage: complaints received in the year per 1,000 homes. */
export interface ReceivedPerThousandHomes {
  readonly complaints: number;
  readonly homes: number;
  /** To one decimal place; null when there are no homes to divide by. */
  readonly perThousandHomes: number | null;
}

/** CH02 for one stage: the share of responses sent in the year within the Code's timescale. */
export interface RespondedWithinTimescale {
  readonly responses: number;
  readonly withinTimescale: number;
  /** A percentage to one decimal place; null when nothing was responded to. */
  readonly percent: number | null;
}

/** The two complaints measures for one group of homes, each with a stage 1 and a stage 2 figure. */
export interface ComplaintsMeasures {
  readonly CH01: { readonly stage1: ReceivedPerThousandHomes; readonly stage2: ReceivedPerThousandHomes };
  readonly CH02: { readonly stage1: RespondedWithinTimescale; readonly stage2: RespondedWithinTimescale };
}

/** TSM CH01 and CH02 for a year: for all homes, and by tenure when the landlord has homes of both kinds. */
export interface TenantSatisfactionMeasures extends ComplaintsMeasures {
  readonly year: ReportingYear;
  readonly byTenure?: {
    readonly LCRA: ComplaintsMeasures;
    readonly LCHO: ComplaintsMeasures;
    /** Complaints counted above with no tenure recorded, so in neither group. */
    readonly tenureNotRecorded: number;
  };
  readonly readings: ReportSettings['tsm'];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Whether a stage counts as a complaint received in the year for CH01, by the landlord's readings. */
export function receivedInYear(stage: StageFacts | undefined, year: ReportingYear, readings: ReportSettings['tsm']): boolean {
  if (!stage || !inYear(year, stage.receivedOn)) return false;
  if (stage.declined && !readings.declinedCountAsReceived) return false;
  if (stage.closedBeforeResponse && !readings.withdrawnCountAsReceived) return false;
  return true;
}

/** Whether a stage's response was sent in the year, so it counts in CH02. */
export const respondedInYear = (stage: StageFacts | undefined, year: ReportingYear): stage is StageFacts & { respondedOn: string } =>
  stage !== undefined && inYear(year, stage.respondedOn);

function measures(facts: readonly ComplaintFacts[], homes: number, year: ReportingYear, readings: ReportSettings['tsm']): ComplaintsMeasures {
  const received = (pick: (c: ComplaintFacts) => StageFacts | undefined): ReceivedPerThousandHomes => {
    const complaints = facts.filter((c) => receivedInYear(pick(c), year, readings)).length;
    return { complaints, homes, perThousandHomes: homes > 0 ? round1((complaints / homes) * 1000) : null };
  };
  const responded = (pick: (c: ComplaintFacts) => StageFacts | undefined): RespondedWithinTimescale => {
    const stages = facts.map(pick).filter((s) => respondedInYear(s, year));
    const withinTimescale = stages.filter((s) => s.respondedWithinCode).length;
    return { responses: stages.length, withinTimescale, percent: stages.length > 0 ? round1((withinTimescale / stages.length) * 100) : null };
  };
  return {
    CH01: { stage1: received((c) => c.stage1), stage2: received((c) => c.stage2) },
    CH02: { stage1: responded((c) => c.stage1), stage2: responded((c) => c.stage2) },
  };
}

/**
 * The regulator's complaints measures for a reporting year: CH01, stage 1 and stage 2 complaints received per 1,000
 * homes, and CH02, the share of stage 1 and stage 2 responses sent within the Code's timescales.
 * A stage 2 complaint counts in the year it was asked for, whenever its stage 1 was.
 * @example tenantSatisfactionMeasures(facts, year, { lowCostRental: 1000, lowCostHomeOwnership: 0 }, policy.reports.tsm).CH01.stage1
 */
export function tenantSatisfactionMeasures(
  facts: readonly ComplaintFacts[],
  year: ReportingYear,
  homes: HomesCount,
  readings: ReportSettings['tsm'],
): TenantSatisfactionMeasures {
  const all = measures(facts, homes.lowCostRental + homes.lowCostHomeOwnership, year, readings);
  if (homes.lowCostRental === 0 || homes.lowCostHomeOwnership === 0) return { year, ...all, readings };
  const ofTenure = (tenure: Tenure) => facts.filter((c) => c.tenure === tenure);
  const counted = facts.filter((c) => receivedInYear(c.stage1, year, readings) || receivedInYear(c.stage2, year, readings) || respondedInYear(c.stage1, year) || respondedInYear(c.stage2, year));
  return {
    year,
    ...all,
    byTenure: {
      LCRA: measures(ofTenure('low-cost-rental'), homes.lowCostRental, year, readings),
      LCHO: measures(ofTenure('low-cost-home-ownership'), homes.lowCostHomeOwnership, year, readings),
      tenureNotRecorded: counted.filter((c) => c.tenure === undefined).length,
    },
    readings,
  };
}
