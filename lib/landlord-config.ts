import { checkPolicyAgainstCode } from '../src/core/policy/policy-check.ts';
import type { LandlordPolicy } from '../src/core/policy/landlord-policy.ts';

/** A landlord profile that cannot be deployed because it is looser than the Code somewhere. */
export class PolicyBreaksCodeError extends Error {
  override readonly name = 'PolicyBreaksCodeError';
  constructor(readonly landlordId: string, readonly provisions: string[]) {
    super(
      `landlord ${landlordId}: the policy profile breaks the Complaint Handling Code at ${provisions.join(', ')}; ` +
        `run \`npx redress policy check ${landlordId}\` for the settings to change`,
    );
  }
}

/**
 * The profiles a stage deploys, each checked against the Code: synth refuses a profile with findings,
 * because Redress would then keep the landlord's looser timescales instead of the Code's.
 */
export function deployableLandlords(policies: ReadonlyMap<string, LandlordPolicy>, landlordIds: readonly string[]): LandlordPolicy[] {
  return landlordIds.map((id) => {
    const policy = policies.get(id);
    if (!policy) throw new Error(`landlord ${id}: no profile in config/landlords (have: ${[...policies.keys()].join(', ')})`);
    const findings = checkPolicyAgainstCode(policy);
    if (findings.length > 0) throw new PolicyBreaksCodeError(id, findings.map((f) => f.provision));
    return policy;
  });
}
