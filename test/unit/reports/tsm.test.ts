import { describe, expect, it } from 'vitest';
import type { LandlordPolicy } from '../../../src/core/policy/landlord-policy.ts';
import { reportingYear } from '../../../src/core/reports/reporting-year.ts';
import { tenantSatisfactionMeasures } from '../../../src/core/reports/tsm.ts';
import { codeDefaults, fixtureFacts, yearOf as year } from './fixture.ts';

function measuresWith(tsm: Partial<LandlordPolicy['reports']['tsm']> = {}, homes = { lowCostRental: 1000, lowCostHomeOwnership: 0 }) {
  const policy = { ...codeDefaults, reports: { ...codeDefaults.reports, tsm: { ...codeDefaults.reports.tsm, ...tsm } } };
  const { facts, excluded } = fixtureFacts(policy);
  return { tsm: tenantSatisfactionMeasures(facts, year('2025-26'), homes, policy.reports.tsm), excluded };
}

describe('the reporting year', () => {
  it('runs from 1 April to 31 March', () => {
    expect(year('2025-26')).toEqual({ label: '2025-26', startsOn: '2025-04-01', endsOn: '2026-03-31' });
  });

  it.each(['2025-27', '2025', '25-26', '1999-01'])('refuses %s, which is not one', (text) => {
    expect(reportingYear(text)).toEqual({ ok: false, error: { kind: 'not-a-reporting-year', given: text } });
  });

  it('takes 1999-00 as the year across the century', () => {
    expect(year('1999-00').endsOn).toBe('2000-03-31');
  });
});

describe('TSM CH01 and CH02 on a hand-built year of complaints', () => {
  it('counts stage 1 complaints received between 1 April and 31 March, London time, leaving out the one not accepted', () => {
    const { tsm } = measuresWith();

    // A (00:30 on 1 April, BST), C, D, E, G (withdrawn), I, J (31 March); not B (23:30 on 31 March 2025),
    // not F (not accepted), not H (received the year before), not K (00:30 on 1 April 2026).
    expect(tsm.CH01.stage1).toEqual({ complaints: 7, homes: 1000, perThousandHomes: 7 });
  });

  it('counts a stage 2 complaint in the year it was asked for, even when its stage 1 was the year before', () => {
    const { tsm } = measuresWith();

    // C and H; I's escalation was refused.
    expect(tsm.CH01.stage2).toEqual({ complaints: 2, homes: 1000, perThousandHomes: 2 });
  });

  it('judges stage 1 responses sent in the year against the Code, counting an extension within its limit', () => {
    const { tsm } = measuresWith();

    // Sent in the year: A, B, D (extended 10 working days) and I in time; C late; E extended 15 working days, past the limit.
    expect(tsm.CH02.stage1).toEqual({ responses: 6, withinTimescale: 4, percent: 66.7 });
  });

  it('judges stage 2 responses: one within 20 working days of acknowledgement, one after', () => {
    const { tsm } = measuresWith();

    expect(tsm.CH02.stage2).toEqual({ responses: 2, withinTimescale: 1, percent: 50 });
  });

  it('counts a response after an extension past the limit when a good reason was recorded, if the landlord reads it so', () => {
    expect(measuresWith({ extendedResponses: 'with-good-reason' }).tsm.CH02.stage1.withinTimescale).toBe(5);
  });

  it('counts no extended response as within the timescale when the landlord reads it so', () => {
    expect(measuresWith({ extendedResponses: 'not-counted' }).tsm.CH02.stage1.withinTimescale).toBe(3);
  });

  it('counts declined complaints and refused escalations as received only when the landlord reads it so', () => {
    const { tsm } = measuresWith({ declinedCountAsReceived: true });

    expect([tsm.CH01.stage1.complaints, tsm.CH01.stage2.complaints]).toEqual([8, 3]);
  });

  it('leaves out withdrawn complaints when the landlord reads it so', () => {
    expect(measuresWith({ withdrawnCountAsReceived: false }).tsm.CH01.stage1.complaints).toBe(6);
  });

  it('leaves out a complaint whose events break the case rules, and says which', () => {
    const { excluded } = measuresWith();

    expect(excluded).toEqual([{ complaintRef: 'L-stage-2-before-a-response', breach: expect.objectContaining({ kind: 'event-not-allowed-now', event: 'stage-2-requested' }) }]);
  });

  it('splits the figures by tenure when the landlord has homes of both kinds', () => {
    const { tsm } = measuresWith({}, { lowCostRental: 800, lowCostHomeOwnership: 200 });

    expect(tsm.CH01.stage1).toMatchObject({ complaints: 7, homes: 1000 });
    expect(tsm.byTenure?.LCRA.CH01.stage1).toEqual({ complaints: 4, homes: 800, perThousandHomes: 5 });
    expect(tsm.byTenure?.LCHO.CH01).toEqual({
      stage1: { complaints: 2, homes: 200, perThousandHomes: 10 },
      stage2: { complaints: 1, homes: 200, perThousandHomes: 5 },
    });
    expect(tsm.byTenure?.LCRA.CH02.stage1).toEqual({ responses: 5, withinTimescale: 3, percent: 60 });
    expect(tsm.byTenure?.tenureNotRecorded).toBe(1);
  });

  it('gives no split when the landlord has homes of one kind only', () => {
    expect(measuresWith().tsm.byTenure).toBeUndefined();
  });
});
