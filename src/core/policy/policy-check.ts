import { CODE_TIMESCALES, PROVISIONS, type Provision } from '../code/complaint-handling-code.ts';
import type { LandlordPolicy } from './landlord-policy.ts';

/** A setting less generous to residents than the Code allows, with the provision it breaks. */
export interface PolicyFinding {
  readonly provision: Provision;
  /** The setting's path in the profile, such as `stage1.respondWithinWorkingDays`. */
  readonly setting: string;
  readonly policyValue: unknown;
  /** What the Code requires, in the setting's own terms. */
  readonly codeRequires: unknown;
  /** One sentence a complaints manager can act on. */
  readonly message: string;
  /** The provision's text. */
  readonly provisionText: string;
}

/** A setting that must not exceed the Code's figure. A landlord may be quicker than the Code, never slower. */
interface UpperBound {
  readonly provision: Provision;
  readonly setting: string;
  readonly value: (p: LandlordPolicy) => number | null;
  readonly max: number;
  readonly message: (value: number, p: LandlordPolicy) => string;
}

const code = CODE_TIMESCALES;

const upperBounds: UpperBound[] = [
  {
    provision: '5.3',
    setting: 'stages',
    value: (p) => p.stages,
    max: code.stages,
    message: (v) => `the procedure has ${v} stages; the Code allows two, never more`,
  },
  {
    provision: '6.2',
    setting: 'stage1.acknowledgeWithinWorkingDays',
    value: (p) => p.stage1.acknowledgeWithinWorkingDays,
    max: code.stage1AcknowledgeWithinWorkingDays,
    message: (v) => `stage 1 complaints are acknowledged within ${v} working days of receipt; the Code requires ${code.stage1AcknowledgeWithinWorkingDays}`,
  },
  // Counting from receipt never gives a later date than counting the same days from acknowledgement,
  // so one bound serves both ways of counting.
  {
    provision: '6.3',
    setting: 'stage1.respondWithinWorkingDays',
    value: (p) => p.stage1.respondWithinWorkingDays,
    max: code.stage1RespondWithinWorkingDays,
    message: (v, p) => `the stage 1 response is due ${v} working days after ${p.stage1.respondCountedFrom}, later than the Code's ${code.stage1RespondWithinWorkingDays} working days after acknowledgement`,
  },
  {
    provision: '6.4',
    setting: 'stage1.maxExtensionWorkingDays',
    value: (p) => p.stage1.maxExtensionWorkingDays,
    max: code.stage1MaxExtensionWorkingDays,
    message: (v) => `stage 1 may be extended by ${v} working days without good reason; the Code allows ${code.stage1MaxExtensionWorkingDays}`,
  },
  {
    provision: '6.11',
    setting: 'stage2.acknowledgeWithinWorkingDays',
    value: (p) => p.stage2.acknowledgeWithinWorkingDays,
    max: code.stage2AcknowledgeWithinWorkingDays,
    message: (v) => `stage 2 requests are acknowledged within ${v} working days; the Code requires ${code.stage2AcknowledgeWithinWorkingDays}`,
  },
  {
    provision: '6.14',
    setting: 'stage2.respondWithinWorkingDays',
    value: (p) => p.stage2.respondWithinWorkingDays,
    max: code.stage2RespondWithinWorkingDays,
    message: (v, p) => `the stage 2 response is due ${v} working days after ${p.stage2.respondCountedFrom}, later than the Code's ${code.stage2RespondWithinWorkingDays} working days after acknowledgement`,
  },
  {
    provision: '6.15',
    setting: 'stage2.maxExtensionWorkingDays',
    value: (p) => p.stage2.maxExtensionWorkingDays,
    max: code.stage2MaxExtensionWorkingDays,
    message: (v) => `stage 2 may be extended by ${v} working days without good reason; the Code allows ${code.stage2MaxExtensionWorkingDays}`,
  },
];

type Finding = Omit<PolicyFinding, 'provisionText'>;

function otherFindings(p: LandlordPolicy): Finding[] {
  const findings: Finding[] = [];
  const limit = p.acceptance.timeLimitMonths;
  if (limit !== null && limit < code.acceptComplaintsWithinMonths) {
    findings.push({
      provision: '2.3',
      setting: 'acceptance.timeLimitMonths',
      policyValue: limit,
      codeRequires: code.acceptComplaintsWithinMonths,
      message: `complaints are refused after ${limit} months; the Code requires accepting them for ${code.acceptComplaintsWithinMonths} months`,
    });
  }
  if (p.informalStage) {
    findings.push({
      provision: '5.2',
      setting: 'informalStage',
      policyValue: true,
      codeRequires: false,
      message: 'the policy has an informal stage before stage 1; the Code allows no extra named stages',
    });
  }
  if (p.stages < code.stages) {
    findings.push({
      provision: '6.10',
      setting: 'stages',
      policyValue: p.stages,
      codeRequires: code.stages,
      message: 'the procedure has no stage 2; a complaint not resolved at stage 1 must be progressed to stage 2',
    });
  }
  if (p.extensions.ombudsmanDetailsGiven !== 'always') {
    for (const [provision, stage] of [['6.5', 'stage 1'], ['6.16', 'stage 2']] as const) {
      findings.push({
        provision,
        setting: 'extensions.ombudsmanDetailsGiven',
        policyValue: p.extensions.ombudsmanDetailsGiven,
        codeRequires: 'always',
        message: `a resident told of a ${stage} extension is not always given the Ombudsman's contact details`,
      });
    }
  }
  return findings;
}

const provisionOrder = Object.keys(PROVISIONS);

/**
 * Every setting of a policy that is less generous to residents than the Code, each with the provision it breaks,
 * in the Code's order. An empty list means the policy meets the Code's timescales and limits.
 */
export function checkPolicyAgainstCode(policy: LandlordPolicy): PolicyFinding[] {
  const exceeded: Finding[] = upperBounds.flatMap((bound) => {
    const value = bound.value(policy);
    if (value === null || value <= bound.max) return [];
    return [{ provision: bound.provision, setting: bound.setting, policyValue: value, codeRequires: bound.max, message: bound.message(value, policy) }];
  });
  return [...exceeded, ...otherFindings(policy)]
    .sort((a, b) => provisionOrder.indexOf(a.provision) - provisionOrder.indexOf(b.provision))
    .map((finding) => ({ ...finding, provisionText: PROVISIONS[finding.provision] }));
}
