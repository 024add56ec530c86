import type { LandlordPolicy } from '../core/policy/landlord-policy.ts';
import { senderKey } from '../core/intake/identity.ts';

/**
 * Which landlord a message is for. A managing agent runs intake for many co-ops: the recipient address, the SMS
 * number or the form's URL picks the landlord, and that landlord's policy applies.
 */
export class LandlordDirectory {
  private readonly byAddress = new Map<string, LandlordPolicy>();
  private readonly byNumber = new Map<string, LandlordPolicy>();

  constructor(readonly policies: ReadonlyMap<string, LandlordPolicy>, readonly defaultLandlordId: string) {
    if (!policies.has(defaultLandlordId)) throw new Error(`the default landlord ${defaultLandlordId} has no policy profile`);
    for (const policy of policies.values()) {
      this.byAddress.set(policy.contact.complaintsEmail.toLowerCase(), policy);
      if (policy.contact.textNumber) this.byNumber.set(senderKey(policy.contact.textNumber), policy);
    }
  }

  /** The landlord that receives mail at this address, if any. */
  forAddress(address: string): LandlordPolicy | undefined {
    return this.byAddress.get(address.trim().toLowerCase());
  }

  /** The landlord whose text number this is, if any. */
  forNumber(number: string): LandlordPolicy | undefined {
    return this.byNumber.get(senderKey(number));
  }

  /** The landlord for a form URL (`/contact/<landlordId>`); no slug means the default landlord. */
  forForm(slug: string | undefined): LandlordPolicy | undefined {
    return this.policies.get(slug ?? this.defaultLandlordId);
  }

  get(landlordId: string): LandlordPolicy | undefined {
    return this.policies.get(landlordId);
  }

  /** Every address that receives mail, for the SMTP server and the SES receipt rule. */
  addresses(): string[] {
    return [...this.byAddress.keys()];
  }
}
