import type { LandlordPolicy } from '../../core/policy/landlord-policy.ts';
import type { Officer } from './sign-in.ts';

/**
 * The officers the console offers (to sign in as locally, and as handlers): each landlord's officers by their
 * stable id and name (the policy's `officers`), then its complaints managers by address, once each. The id is what
 * events record.
 */
export function policyOfficers(policies: ReadonlyMap<string, LandlordPolicy>): Officer[] {
  const officers = new Map<string, Officer>();
  for (const policy of policies.values()) {
    for (const o of policy.officers) if (!officers.has(o.id)) officers.set(o.id, { id: o.id, name: o.name });
  }
  const known = new Set([...policies.values()].flatMap((p) => p.officers.flatMap((o) => [o.id, o.email ?? ''])));
  for (const address of [...policies.values()].flatMap((p) => p.digest.recipients)) {
    if (!known.has(address) && !officers.has(address)) officers.set(address, { id: address, name: address });
  }
  return [...officers.values()];
}
