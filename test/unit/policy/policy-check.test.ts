import { describe, expect, it } from 'vitest';
import { shippedLandlordPolicies } from '../../../src/config/files.ts';
import { LandlordPolicySchema, type LandlordPolicy } from '../../../src/core/policy/landlord-policy.ts';
import { checkPolicyAgainstCode } from '../../../src/core/policy/policy-check.ts';

const shipped = shippedLandlordPolicies();
const codeDefaults = shipped.get('code-defaults')!;
const provisionsBroken = (policy: LandlordPolicy) => checkPolicyAgainstCode(policy).map((f) => f.provision);
const withChanges = (change: (p: LandlordPolicy) => void): LandlordPolicy => {
  const policy = structuredClone(codeDefaults);
  change(policy);
  return LandlordPolicySchema.parse(policy);
};

describe('shipped policy profiles', () => {
  it('ships the Code defaults and one profile for each landlord in the seeds', () => {
    expect([...shipped.keys()]).toEqual([
      'chs-coop-procedure-a', 'chs-coop-procedure-b', 'code-defaults', 'dennetts-coop', 'example-housing-association',
    ]);
  });

  it('the Code defaults meet the Code', () => {
    expect(checkPolicyAgainstCode(codeDefaults)).toEqual([]);
  });

  it("the co-op's 2020 policy (seed 000) predates the 2024 Code and shows it", () => {
    expect(provisionsBroken(shipped.get('dennetts-coop')!)).toEqual(['2.3', '5.2', '6.5', '6.16']);
  });

  it("the association's policy (seed 002) acknowledges in 2 working days and passes on timescales, but not on extensions", () => {
    expect(provisionsBroken(shipped.get('example-housing-association')!)).toEqual(['6.5', '6.16']);
  });

  it("the managing agent's procedures A and B (seed 003) meet the Code", () => {
    expect(provisionsBroken(shipped.get('chs-coop-procedure-a')!)).toEqual([]);
    expect(provisionsBroken(shipped.get('chs-coop-procedure-b')!)).toEqual([]);
  });
});

describe('policy check against the Code', () => {
  it('Code 2.3: a six-month time limit for complaints breaks the twelve months', () => {
    const [finding] = checkPolicyAgainstCode(withChanges((p) => { p.acceptance.timeLimitMonths = 6; }));

    expect(finding).toMatchObject({ provision: '2.3', setting: 'acceptance.timeLimitMonths', policyValue: 6, codeRequires: 12 });
    expect(finding?.provisionText).toContain('12 months');
  });

  it('Code 2.3: no time limit at all is more generous and passes', () => {
    expect(provisionsBroken(withChanges((p) => { p.acceptance.timeLimitMonths = null; }))).toEqual([]);
  });

  it('Code 5.2: an informal stage before stage 1 is a finding', () => {
    expect(provisionsBroken(withChanges((p) => { p.informalStage = true; }))).toEqual(['5.2']);
  });

  it('Code 5.3: a third stage is a finding', () => {
    expect(provisionsBroken(withChanges((p) => { p.stages = 3; }))).toEqual(['5.3']);
  });

  it('Code 6.10: a one-stage procedure leaves no stage 2', () => {
    expect(provisionsBroken(withChanges((p) => { p.stages = 1; }))).toEqual(['6.10']);
  });

  it('Code 6.2: acknowledging in 7 working days is a finding, in 2 passes', () => {
    expect(provisionsBroken(withChanges((p) => { p.stage1.acknowledgeWithinWorkingDays = 7; }))).toEqual(['6.2']);
    expect(provisionsBroken(withChanges((p) => { p.stage1.acknowledgeWithinWorkingDays = 2; }))).toEqual([]);
  });

  it('Code 6.3: a stage 1 response 15 working days after acknowledgement is a finding', () => {
    const findings = checkPolicyAgainstCode(withChanges((p) => { p.stage1.respondWithinWorkingDays = 15; }));

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ provision: '6.3', policyValue: 15, codeRequires: 10 });
    expect(findings[0]?.message).toContain('15 working days after acknowledgement');
  });

  it('Code 6.3: 10 working days counted from receipt is never later than from acknowledgement, so it passes', () => {
    expect(provisionsBroken(withChanges((p) => { p.stage1.respondCountedFrom = 'receipt'; }))).toEqual([]);
  });

  it('Code 6.4: a stage 1 extension of up to 15 working days without good reason is a finding', () => {
    expect(provisionsBroken(withChanges((p) => { p.stage1.maxExtensionWorkingDays = 15; }))).toEqual(['6.4']);
  });

  it('Code 6.5 and 6.16: extensions must always come with the Ombudsman\'s details', () => {
    expect(provisionsBroken(withChanges((p) => { p.extensions.ombudsmanDetailsGiven = 'never'; }))).toEqual(['6.5', '6.16']);
  });

  it('Code 6.11: acknowledging a stage 2 request in 10 working days is a finding', () => {
    expect(provisionsBroken(withChanges((p) => { p.stage2.acknowledgeWithinWorkingDays = 10; }))).toEqual(['6.11']);
  });

  it('Code 6.14: a stage 2 response 25 working days after acknowledgement is a finding', () => {
    expect(provisionsBroken(withChanges((p) => { p.stage2.respondWithinWorkingDays = 25; }))).toEqual(['6.14']);
  });

  it('Code 6.15: a stage 2 extension of 30 working days is a finding, 10 passes', () => {
    expect(provisionsBroken(withChanges((p) => { p.stage2.maxExtensionWorkingDays = 30; }))).toEqual(['6.15']);
    expect(provisionsBroken(withChanges((p) => { p.stage2.maxExtensionWorkingDays = 10; }))).toEqual([]);
  });

  it('lists every finding of a policy with several, in the order of the Code', () => {
    const policy = withChanges((p) => {
      p.stages = 3;
      p.acceptance.timeLimitMonths = 6;
      p.stage1.respondWithinWorkingDays = 20;
    });

    expect(provisionsBroken(policy)).toEqual(['2.3', '5.3', '6.3']);
  });
});

describe('policy profile schema', () => {
  it('fills in the default counting convention: the day of receipt is day 0', () => {
    const { counting, ...rest } = structuredClone(codeDefaults);

    expect(LandlordPolicySchema.parse(rest).counting.receiptOnNonWorkingDay).toBe('counts-as-day-0');
  });

  it('refuses an unknown setting, so a misspelt key is not silently ignored', () => {
    const result = LandlordPolicySchema.safeParse({ ...codeDefaults, stage3: {} });

    expect(result.success).toBe(false);
  });

  it('refuses a digest recipient that is not an email address', () => {
    const result = LandlordPolicySchema.safeParse({ ...codeDefaults, digest: { recipients: ['the manager'] } });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['digest', 'recipients', 0]);
  });
});
