import type { LandlordPolicy } from '../../core/policy/landlord-policy.ts';
import type { Officer } from './sign-in.ts';

/**
 * The officers the console offers (to sign in as locally, and as handlers): each landlord's complaints managers, by
 * the address the policy gives them, once each. The address is the stable id events record.
 */
export function policyOfficers(policies: ReadonlyMap<string, LandlordPolicy>): Officer[] {
  const ids = [...new Set([...policies.values()].flatMap((p) => p.digest.recipients))];
  return ids.map((id) => ({ id, name: id }));
}
