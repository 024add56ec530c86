import type { LandlordPolicy } from '../core/policy/landlord-policy.ts';
import { senderKey } from '../core/intake/identity.ts';

/** Two landlords would receive at the same address or number: intake could not tell whose a message is. */
export class LandlordAddressClashError extends Error {
  override readonly name = 'LandlordAddressClashError';
  constructor(readonly address: string, readonly landlordIds: readonly [string, string]) {
    super(`${landlordIds[0]} and ${landlordIds[1]} both receive at ${address}: give each landlord its own address and number`);
  }
}

/**
 * Which landlord a message is for. A managing agent runs intake for many co-ops: the recipient address, the SMS
 * number or the form's URL picks the landlord, and that landlord's policy applies.
 */
export class LandlordDirectory {
  private readonly byAddress = new Map<string, LandlordPolicy>();
  private readonly byNumber = new Map<string, LandlordPolicy>();

  constructor(readonly policies: ReadonlyMap<string, LandlordPolicy>, readonly defaultLandlordId: string) {
    if (!policies.has(defaultLandlordId)) throw new Error(`the default landlord ${defaultLandlordId} has no policy profile`);
    const claim = (map: Map<string, LandlordPolicy>, key: string, policy: LandlordPolicy) => {
      const other = map.get(key);
      if (other) throw new LandlordAddressClashError(key, [other.landlordId, policy.landlordId]);
      map.set(key, policy);
    };
    for (const policy of policies.values()) {
      claim(this.byAddress, policy.contact.complaintsEmail.toLowerCase(), policy);
      if (policy.contact.textNumber) claim(this.byNumber, senderKey(policy.contact.textNumber), policy);
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
